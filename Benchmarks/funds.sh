#!/usr/bin/env bash
# The fund commands end to end on a synthetic CTA-fund universe: wall time and peak memory of each, one Markdown row
# per command, as a user runs them (loading and cleaning included).
#
#     Benchmarks/funds.sh [PRODUCTS [YEARS]]          (default: 10000 8)
#
# The universe is generated once (`tradeable generate --funds --instruments PRODUCTS --years YEARS --seed 1`, kept
# under ${TMPDIR:-/tmp}/tradeable-funds). Targets (issue): funds select and funds score under 5 s, funds factor-test
# under 30 s, at 10,000 products × 8 years.
set -euo pipefail
cd "$(dirname "$0")/.."
swift build -c release --product tradeable >/dev/null 2>&1
bin=.build/release/tradeable
products=${1:-10000}
years=${2:-8}
work=${TMPDIR:-/tmp}/tradeable-funds
dir="$work/p${products}y${years}"
mkdir -p "$work"
[ -f "$dir/navs.csv" ] || "$bin" generate --funds --instruments "$products" --years "$years" --seed 1 --out "$dir" >/dev/null
rows=$(($(wc -l <"$dir/navs.csv") - 1))
echo "Universe: $products products, $years years of weeks, $rows NAV rows ($dir)."
echo
echo "| command | wall s | peak MB |"
echo "|---|---:|---:|"
for command in "metrics" "score" "factor-test" "select --capital 100000000" "backtest"; do
  # shellcheck disable=SC2086
  /usr/bin/time -f "%e %M" -o "$work/time.txt" "$bin" funds $command "$dir/navs.csv" --products "$dir/products.csv" \
    --format json >"$work/out.json"
  read -r wall peak <"$work/time.txt"
  echo "| funds $command | $wall | $((peak / 1024)) |"
done
