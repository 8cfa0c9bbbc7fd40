#!/usr/bin/env bash
# Scaling of `tradeable select` on generated universes: stage times and peak memory, one Markdown row per run.
#
#     Benchmarks/scaling.sh [N ...]          (default: 1000 10000 100000)
#
# Each universe is generated once (`tradeable generate --instruments N --years 5 --seed 1`, kept under
# ${TMPDIR:-/tmp}/tradeable-scaling) and selected (with $SELECT_OPTIONS, e.g. SELECT_OPTIONS='--search greedy', added to
# every run) at 10,000,000 USD with equal weights in the default automatic mode
# (full matrix up to 2,500 instruments in the pool, matrix-free above), then, for N <= 20,000, on the full path
# without the O(N³) repair so that the correlation kernel's rate shows. GFLOP/s counts 6·P²·T flops for a pool of P
# instruments and T = 260 weeks.
set -euo pipefail
cd "$(dirname "$0")/.."
swift build -c release --product tradeable >/dev/null
bin=.build/release/tradeable
work=${TMPDIR:-/tmp}/tradeable-scaling
mkdir -p "$work"
sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(1000 10000 100000)
echo "machine: $(nproc) cores, $(uptime | sed 's/.*load average/load average/')"
echo
echo "| N | mode | pool | load s | measure s | correlation s | repair s | selection s | total s | peak MB | steps | kernel GFLOP/s |"
echo "|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
for n in "${sizes[@]}"; do
  dir="$work/n$n"
  [ -f "$dir/instruments.csv" ] || "$bin" generate --instruments "$n" --years 5 --seed 1 --out "$dir" >/dev/null
  modes=("automatic")
  [ "$n" -le 20000 ] && modes+=("full --no-correlation-repair")
  for mode in "${modes[@]}"; do
    # shellcheck disable=SC2086
    /usr/bin/time -f "%e %M" -o "$work/time.txt" "$bin" select --data "$dir" --capital 10000000 --quiet --timings \
      --correlation-mode $mode ${SELECT_OPTIONS:-} --format json >"$work/out.json" 2>"$work/timings.txt"
    python3 - "$n" "$mode" "$work" <<'PY'
import json, re, sys
n, mode, work = sys.argv[1], sys.argv[2], sys.argv[3]
out = json.load(open(f"{work}/out.json"))
stages = dict((m.group(1), float(m.group(2))) for m in re.finditer(r"timing: (\w+)\s+([\d.]+) s", open(f"{work}/timings.txt").read()))
wall, peak_kb = open(f"{work}/time.txt").read().split()[-2:]
c = out["correlation"]
pool, weeks = c["pool"], c["weeks"]
flops = pool * pool * weeks * (6 if c["panelHasGaps"] else 1)
rate = f"{flops / stages['correlation'] / 1e9:.1f}" if c["mode"] == "full" else "—"
label = c["mode"] + (", no repair" if "no-correlation-repair" in mode else "")
repair = f"{stages['repair']:.2f}" if "repair" in stages else "—"
print(f"| {int(n):,} | {label} | {pool:,} | {stages['load']:.2f} | {stages['measure']:.2f} | {stages['correlation']:.2f} | "
      f"{repair} | {stages['selection']:.2f} | {float(wall):.2f} | {int(peak_kb) // 1024:,} | {len(out['steps'])} | {rate} |")
PY
  done
done
