#!/usr/bin/env bash
# Optimality gap of the selection search (DESIGN.md §6b): greedy vs refined vs exact — Sharpe ratio, set size, whole
# process time — one Markdown table per universe.
#
#     Benchmarks/search_gap.sh                  # bundled data at 25 log-spaced capitals, then N = 300, 1000, 10000
#     Benchmarks/search_gap.sh bundled          # the bundled data only
#     Benchmarks/search_gap.sh 300 1000         # generated universes only
#
# Bundled data: the 25 capitals of `sweep --from 20000 --to 50000000 --steps 25`, each run as `select --capital K`
# (no carrying between capitals). Generated universes: `tradeable generate --instruments N --years 5.5 --seed 1`
# (kept under ${TMPDIR:-/tmp}/tradeable-search-gap), at 1, 5 and 20 million USD; the 10,000 universe is matrix-free,
# where `exact` does not start (more than 2,000 eligible instruments), so its column says so. `exact` runs with the
# default 10 s budget; "proved" or "budget" says how it ended, with its node count. Times are `/usr/bin/time`
# wall-clock seconds of the whole process (loading included).
set -euo pipefail
cd "$(dirname "$0")/.."
swift build -c release --product tradeable >/dev/null
bin=.build/release/tradeable
work=${TMPDIR:-/tmp}/tradeable-search-gap
mkdir -p "$work"
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(bundled 300 1000 10000)

run() {  # run LABEL MODE DATA CAPITAL → one JSON line of the numbers
  local mode=$1 data=$2 capital=$3
  /usr/bin/time -f "%e" -o "$work/time.txt" "$bin" select --data "$data" --capital "$capital" --search "$mode" \
    --quiet --format json >"$work/out.json"
  python3 - "$work" <<'PY'
import json, sys
work = sys.argv[1]
d = json.load(open(f"{work}/out.json"))
p, s = d["portfolio"], d["search"]
print(json.dumps({
    "sharpe": p["sharpe"], "k": len(p["instruments"]), "eligible": d["correlation"]["eligible"],
    "proved": s["proved"], "nodes": s["nodes"], "limit": s["limit"], "seconds": float(open(f"{work}/time.txt").read().split()[-1]),
}))
PY
}

table() {  # table DATA CAPITAL...
  local data=$1
  shift
  echo "| capital | eligible | greedy SR (k) | s | refined SR (k) | s | exact SR (k) | exact | nodes | s | greedy gap | refined gap |"
  echo "|---:|---:|---:|---:|---:|---:|---:|---|---:|---:|---:|---:|"
  for capital in "$@"; do
    g=$(run greedy "$data" "$capital")
    r=$(run refined "$data" "$capital")
    e=$(run exact "$data" "$capital")
    python3 - "$capital" "$g" "$r" "$e" <<'PY'
import json, sys
capital, g, r, e = float(sys.argv[1]), *(json.loads(a) for a in sys.argv[2:])
def sr(x): return "—" if x["sharpe"] is None else f"{x['sharpe']:.4f} ({x['k']})"
how = "proved" if e["proved"] else ("not started" if e["nodes"] == 0 and e["limit"] else "budget")
def gap(x): return "—" if e["sharpe"] is None or x["sharpe"] is None else f"{100 * (1 - x['sharpe'] / e['sharpe']):.2f}%"
print(f"| {capital:,.0f} | {g['eligible']:,} | {sr(g)} | {g['seconds']:.2f} | {sr(r)} | {r['seconds']:.2f} | {sr(e)} | "
      f"{how} | {e['nodes'] or 0:,} | {e['seconds']:.2f} | {gap(g)} | {gap(r)} |")
PY
  done
}

for target in "${targets[@]}"; do
  if [ "$target" = bundled ]; then
    echo "### Bundled futures data (data/futures), equal weights"
    echo
    capitals=$("$bin" sweep --from 20000 --to 50000000 --steps 25 --search greedy --quiet --format json |
      python3 -c 'import json,sys; print(" ".join(repr(r["capital"]) for r in json.load(sys.stdin)["rows"]))')
    # shellcheck disable=SC2086
    table data/futures $capitals
  else
    dir="$work/n$target"
    [ -f "$dir/instruments.csv" ] || "$bin" generate --instruments "$target" --years 5.5 --seed 1 --out "$dir" >/dev/null
    echo "### Generated universe, N = $target (seed 1), equal weights"
    echo
    table "$dir" 1000000 5000000 20000000
  fi
  echo
done
