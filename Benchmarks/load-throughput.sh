#!/usr/bin/env bash
# Load throughput of generated universes (8 years of daily prices with gaps and volume) against a line-counting pass
# on the same files in the same process (Sources/LoadTimer), one Markdown row per size, with the machine's state: the
# best of three loads, and the process's first (which also pays for the new memory it takes).
#
#     Benchmarks/load-throughput.sh [N ...]        (default: 1000 10000 100000)
#
# Universes are generated once under ${TRADEABLE_SCRATCH:-${TMPDIR:-/tmp}}/tradeable-load (100,000 instruments take
# about 4.4 GB) and read from the page cache: the first, cold pass warms it and is not reported. Run it on a quiet
# machine: `env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE Benchmarks/load-throughput.sh`.
set -euo pipefail
cd "$(dirname "$0")"
swift build -c release --product LoadTimer >/dev/null
(cd .. && swift build -c release --product tradeable >/dev/null)
timer=.build/release/LoadTimer
bin=../.build/release/tradeable
work=${TRADEABLE_SCRATCH:-${TMPDIR:-/tmp}}/tradeable-load
mkdir -p "$work"
sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(1000 10000 100000)
echo "machine: $(nproc) cores, $(uptime | sed 's/.*load average/load average/')"
echo
echo "| instruments | GB of CSV | lines | line count (memchr) | load, summaries (select) | load, whole histories | summaries ÷ line count | first load, summaries | first ÷ line count |"
echo "|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
for n in "${sizes[@]}"; do
  dir="$work/n$n"
  [ -f "$dir/instruments.csv" ] || "$bin" generate --instruments "$n" --years 8 --seed 1 --out "$dir" >/dev/null
  cat "$dir"/prices/*.csv >/dev/null 2>&1 || find "$dir/prices" -name '*.csv' -exec cat {} + >/dev/null
  "$timer" "$dir" 3
done
