#!/usr/bin/env bash
# Coverage-guided fuzzing of Tradeable's input readers (libFuzzer, AddressSanitizer) and the option-value sweep.
#
#     scripts/fuzz.sh TARGET SECONDS [SEED]     # one target for SECONDS
#     scripts/fuzz.sh all SECONDS [SEED]        # every target, SECONDS each (CI: scripts/fuzz.sh all 8 1)
#     scripts/fuzz.sh list                      # the targets
#
# Targets: instruments, fx, products, price-file, long-price-file, nav, pysystemtrade-prices, settings, data-folder,
# pysystemtrade-folder, funds-folder (the readers and whole runs of InputFuzzTarget), and options (Fuzz/option_sweep.py
# over every subcommand of the release binary). Seeds are cut from data/ (Fuzz/make_seeds.py); every input that ever
# broke a target is kept in Fuzz/Regressions/TARGET/ and replayed by the tests (FuzzRegressionTests). A failure leaves
# the input in .build/fuzz/artifacts/TARGET/: copy it to Fuzz/Regressions/TARGET/, fix the fault, and run `swift test`.
# Every input must end within 20 s and 3 GB (the bound every reproducer must meet).
set -euo pipefail
cd "$(dirname "$0")/.."
targets=(instruments fx products price-file long-price-file nav pysystemtrade-prices settings data-folder
  pysystemtrade-folder funds-folder options)
if [ "${1:-}" = "list" ] || [ $# -lt 2 ]; then
  [ "${1:-}" = "list" ] || echo "usage: scripts/fuzz.sh TARGET|all SECONDS [SEED]" >&2
  printf '%s\n' "${targets[@]}"
  [ "${1:-}" = "list" ]
  exit $?
fi
target=$1
seconds=$2
seed=${3:-1}
work=.build/fuzz
export SWIFT_BACKTRACE=enable=no
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=0:allocator_may_return_null=1}

swift build -c release --product tradeable >/dev/null
swift build --package-path Fuzz -c release -Xswiftc -sanitize=fuzzer,address >/dev/null
fuzzer=Fuzz/.build/release/TradeableFuzz

# Seeds from data/, and two settings documents from real runs.
mkdir -p "$work/settings"
.build/release/tradeable select --capital 1000000 --format json >"$work/settings/select.json"
.build/release/tradeable funds select --capital 1000000 --format json >"$work/settings/funds.json"
rm -rf "$work/seeds"
python3 Fuzz/make_seeds.py "$work/seeds" "$work/settings/select.json" "$work/settings/funds.json"

run() {
  local t=$1
  if [ "$t" = options ]; then
    python3 Fuzz/option_sweep.py .build/release/tradeable "$seconds" "$seed"
    return
  fi
  mkdir -p "$work/corpus/$t" "$work/artifacts/$t" "Fuzz/Regressions/$t"
  echo "fuzz: $t for $seconds s, seed $seed"
  TRADEABLE_FUZZ_TARGET=$t "$fuzzer" -seed="$seed" -max_total_time="$seconds" -timeout=20 -rss_limit_mb=3072 \
    -max_len=65536 -print_final_stats=1 -artifact_prefix="$work/artifacts/$t/" \
    "$work/corpus/$t" "$work/seeds/$t" "Fuzz/Regressions/$t" 2>"$work/$t.log" || {
    tail -40 "$work/$t.log" >&2
    echo "fuzz: $t FAILED; the input is in $work/artifacts/$t/ (copy it to Fuzz/Regressions/$t/)" >&2
    return 1
  }
  grep -E "^(stat::number_of_executed_units|Done)" "$work/$t.log" | tail -1
}

if [ "$target" = all ]; then
  for t in "${targets[@]}"; do run "$t"; done
else
  run "$target"
fi
