#!/usr/bin/env python3
"""Independent reference for the selection search (DESIGN.md §3 correlation, §6 greedy, §6b refinement).

Numpy only. It recomputes, from the bundled price files, the weekly correlation matrix of the pool (every filter but
capital) with the floor and the one positive-definite repair of §3, then runs the greedy path of §6 and the refinement
of §6b (the greedy set at K and the greedy sets along the ladder K_j = K_min * 2**(j/4) < K, best single move at a
time, DESIGN.md's tie rules), with equal weights, every set evaluated from scratch. Per-instrument metrics (net SR,
annual SR cost, unit risk, the capital filter's minimum, and which instruments form the pool) are read from the tool's
own JSON output, which other tests check against their own references.

Run from the package root:

    swift build
    .build/debug/tradeable select --capital 1 --search greedy --format json > /tmp/metrics.json
    python3 Tests/References/search_reference.py /tmp/metrics.json 1000000 2920000

It prints, for each capital, the greedy steps and the refined result as JSON; the golden values in
Tests/TradeableTests/SearchGoldenTests.swift and Tests/EndToEndTests/SelectCommandTests.swift were taken from it.
"""
import csv
import datetime
import json
import math
import sys

import numpy as np

MAX_CONTRACTS, IDM_CAP, TARGET_VOL = 4.0, 2.5, 0.20
WEEKS, FLOOR, PD_THRESHOLD, EIGEN_FLOOR = 260, 0.0, 1e-10, 1e-6
TOLERANCE = 1e-12


def read_prices(code):
    with open(f"data/futures/prices/{code}.csv") as f:
        rows = list(csv.reader(f))[1:]
    return [(datetime.date.fromisoformat(r[0]), float(r[1])) for r in rows if r]


def iso_week(day):
    y, w, _ = day.isocalendar()
    return (y, w)


def weekly_differences(prices, window):
    """Differences between consecutive weekly closes, keyed by the ISO week of the later close, within `window`."""
    closes = {}
    for day, price in prices:
        closes[iso_week(day)] = price  # prices are sorted: the last one of a week wins
    weeks = sorted(closes)
    out = {}
    for a, b in zip(weeks, weeks[1:]):
        if b in window:
            out[b] = closes[b] - closes[a]
    return out


def correlation_matrix(codes, last_date):
    # The 260 ISO weeks ending with the week of the last date.
    monday = last_date - datetime.timedelta(days=last_date.weekday())
    window = {iso_week(monday - datetime.timedelta(weeks=k)) for k in range(WEEKS)}
    diffs = [weekly_differences(read_prices(c), window) for c in codes]
    n = len(codes)
    c = np.eye(n)
    for i in range(n):
        for j in range(i + 1, n):
            common = sorted(set(diffs[i]) & set(diffs[j]))
            r = 0.0
            if len(common) >= 2:
                x = np.array([diffs[i][w] for w in common])
                y = np.array([diffs[j][w] for w in common])
                x, y = x - x.mean(), y - y.mean()
                d = math.sqrt((x @ x) * (y @ y))
                r = (x @ y) / d if d > 0 else 0.0
            r = min(max(r, FLOOR), 1.0)
            c[i, j] = c[j, i] = r
    values, vectors = np.linalg.eigh(c)
    if values.min() < PD_THRESHOLD:
        values = np.maximum(values, EIGEN_FLOOR)
        c = (vectors * values) @ vectors.T
        d = 1 / np.sqrt(np.diag(c))
        c = c * np.outer(d, d)
        np.fill_diagonal(c, 1.0)
    return c


class Universe:
    def __init__(self, metrics_json):
        doc = json.load(open(metrics_json))
        instruments = doc["instruments"]
        last = max(datetime.date.fromisoformat(i["lastDate"]) for i in instruments if i["lastDate"])
        pool = [i for i in instruments if set(i["reasons"]) <= {"capital"}]
        self.codes = [i["code"] for i in pool]
        self.cost = np.array([i["annualSRCost"] for i in pool])
        self.s = 0.4 - self.cost
        self.u = np.array([i["currencyVolatility"] for i in pool])
        self.standalone = np.array([i["minimumCapital"] for i in pool])
        self.c = correlation_matrix(self.codes, last)
        self.key = [c.encode() for c in self.codes]

    def evaluate(self, members, capital):
        """(SR, IDM, minimum capital, feasible) of an equal-weight set, from scratch, members in input order (so the
        same set always gets the same number, and DESIGN.md's tie rules, not rounding, decide between starts)."""
        members = sorted(members)
        k = len(members)
        w = np.full(k, 1 / k)
        variance = w @ self.c[np.ix_(members, members)] @ w
        idm = min(IDM_CAP, 1 / math.sqrt(variance))
        need = max(MAX_CONTRACTS * self.u[m] / (idm * w[0] * TARGET_VOL) for m in members)
        return (self.s[members] @ w) / math.sqrt(variance), idm, need, need <= capital

    def greedy(self, capital):
        eligible = [i for i in range(len(self.codes)) if capital >= self.standalone[i]]
        alone = [i for i in eligible if capital >= MAX_CONTRACTS * self.u[i] / TARGET_VOL]
        if not alone:
            return []
        first = min(alone, key=lambda i: (self.cost[i], self.key[i]))
        steps = [(first, *self.evaluate([first], capital)[:3])]
        members = [first]
        while len(members) < len(eligible):
            best = None
            for j in eligible:
                if j in members:
                    continue
                sr, idm, need, ok = self.evaluate(members + [j], capital)
                if ok and (best is None or (-sr, self.cost[j], self.key[j]) < (-best[1], self.cost[best[0]], self.key[best[0]])):
                    best = (j, sr, idm, need)
            if best is None or best[1] - steps[-1][1] <= TOLERANCE:
                break
            members.append(best[0])
            steps.append(best)
        return steps

    def set_key(self, members, sr):
        return (-sr, len(members), sum(sorted(self.cost[members])), sorted(self.key[m] for m in members))

    def refine(self, start, capital, limit=None):
        eligible = [i for i in range(len(self.codes)) if capital >= self.standalone[i]]
        current = list(start)
        sr = self.evaluate(current, capital)[0]
        moves = []
        while True:
            best = None
            outside = [j for j in eligible if j not in current]
            candidates = []
            if limit is None or len(current) < limit:
                candidates += [(current + [j], j, None) for j in outside]
            if len(current) > 1:
                candidates += [([m for m in current if m != i], None, i) for i in current]
            for i in current:
                candidates += [([m for m in current if m != i] + [j], j, i) for j in outside]
            for members, added, removed in candidates:
                new_sr, idm, need, ok = self.evaluate(members, capital)
                if not ok:
                    continue
                key = (-new_sr, len(members), sum(sorted(self.cost[members])),
                       b"" if added is None else self.key[added], b"" if removed is None else self.key[removed])
                if best is None or key < best[0]:
                    best = (key, members, added, removed, new_sr, idm, need)
            if best is None or best[4] - sr <= TOLERANCE:
                return current, moves
            current, sr = best[1], best[4]
            moves.append((best[2], best[3], best[4], best[5], best[6]))

    def refined(self, capital):
        starts = [("greedy", [s[0] for s in self.greedy(capital)])]
        k_min = min(max(self.standalone[i], MAX_CONTRACTS * self.u[i] / TARGET_VOL) for i in range(len(self.codes)))
        j = 0
        while k_min * 2 ** (j / 4) < capital:
            k = k_min * 2 ** (j / 4)
            starts.append((k, [s[0] for s in self.greedy(k)]))
            j += 1
        best = None
        for name, start in starts:
            if not start:
                continue
            end, moves = self.refine(start, capital)
            sr = self.evaluate(end, capital)[0]
            key = self.set_key(end, sr)
            if best is None or key < best[0]:
                best = (key, name, start, end, moves, sr)
        return best


def main():
    universe = Universe(sys.argv[1])
    code = lambda i: None if i is None else universe.codes[i]
    out = {}
    for capital in map(float, sys.argv[2:]):
        steps = universe.greedy(capital)
        _, start, start_set, end, moves, sr = universe.refined(capital)
        out[str(capital)] = {
            "steps": [{"added": code(a), "sharpe": s, "idm": i, "minimumCapital": m} for a, s, i, m in steps],
            "start": start,
            "startSet": [code(i) for i in start_set],
            "refinement": [
                {"added": code(a), "removed": code(r), "sharpe": s, "idm": i, "minimumCapital": m}
                for a, r, s, i, m in moves
            ],
            "portfolio": {"sharpe": sr, "instruments": sorted(code(i) for i in end)},
        }
    print(json.dumps(out, indent=1))


if __name__ == "__main__":
    main()
