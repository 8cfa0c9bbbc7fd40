#!/usr/bin/env python3
"""Independent reference for the capital reserve (CapitalReserve): numpy only.

Takes the positions of a selection from the tool's JSON output, then: the last 513 dates common to the members'
price files, np.diff of the prices x contracts x multiplier x fx, summed over the book; the 0.98 quantiles of the
long book's loss (-P&L) and of the short book's (+P&L) by numpy's default interpolation; the reserve is the larger.

Run from the package root:

    swift build
    .build/debug/tradeable select --capital 1000000 --format json > /tmp/selection.json
    python3 Tests/References/reserve_reference.py /tmp/selection.json

The golden values of CapitalReserveTests and ReportCommandsTests (reserve at 1,000,000 USD) come from it.
"""
import csv
import json
import sys

import numpy as np

doc = json.load(open(sys.argv[1]))
quantile = float(sys.argv[2]) if len(sys.argv) > 2 else 0.98
specs = {r["code"]: r for r in csv.DictReader(open("data/futures/instruments.csv"))}
fx = {r["currency"]: float(r["rate"]) for r in csv.DictReader(open("data/futures/fx.csv"))}
members = doc["portfolio"]["instruments"]
prices = []
for m in members:
    with open(f"data/futures/prices/{m['code']}.csv") as f:
        prices.append({r["date"]: float(r["price"]) for r in csv.DictReader(f)})
common = sorted(set.intersection(*(set(p) for p in prices)))[-513:]
pnl = np.zeros(len(common) - 1)
for m, p in zip(members, prices):
    spec = specs[m["code"]]
    point = float(spec["multiplier"]) * fx.get(spec["currency"], 1.0)
    pnl += m["contracts"] * np.diff([p[d] for d in common]) * point
long_loss = np.quantile(-pnl, quantile)
short_loss = np.quantile(pnl, quantile)
print(json.dumps({
    "members": [m["code"] for m in members], "windowStart": common[0], "lastDate": common[-1],
    "longLoss": long_loss, "shortLoss": short_loss, "reserve": max(long_loss, short_loss, 0.0),
}, indent=1))
