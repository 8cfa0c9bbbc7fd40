#!/usr/bin/env bash
# Regenerates the pinned help texts that the end-to-end tests compare with (Tests/Golden/help/) from the built binary.
# Run it after changing an option, its help or a default, then read `git diff Tests/Golden` and commit what is meant.
#
#   scripts/update-help-golden.sh
#
# The texts are written at COLUMNS=80, as the test runs the binary, so they do not depend on the terminal.
set -euo pipefail
cd "$(dirname "$0")/.."
swift build --product tradeable >&2
binary=.build/debug/tradeable
out=Tests/Golden/help
mkdir -p "$out"
export COLUMNS=80
"$binary" --help >"$out/tradeable.txt"
"$binary" select --help >"$out/tradeable-select.txt"
echo "wrote $out/tradeable.txt and $out/tradeable-select.txt; review with: git diff $out" >&2
