#!/usr/bin/env python3
"""A second, independent implementation of DESIGN.md §9's trading (numpy only), to check the Swift one.

It reads a data folder (instruments.csv, prices/CODE.csv, fx.csv) and a JSON output of `tradeable backtest` or
`tradeable walkforward` (for the sets held in each period, their weights and IDMs, and the settings), trades the same
sets day by day over the account's weekdays — a different loop from the Swift code, which goes instrument by
instrument — and compares the daily returns and statistics (and, with --positions, every decision) to 1e-9 relative.
For a walk-forward it trades every strategy, the main one unrounded (tracking error) and every random path from the
sets the JSON lists, and recomputes the random baseline's percentiles with numpy.percentile.

Usage:
    swift run tradeable backtest --capital 1000000 --format json --positions-out /tmp/pos.csv > /tmp/bt.json
    python3 Tests/References/trading_reference.py backtest data/futures /tmp/bt.json --positions /tmp/pos.csv

    swift run tradeable walkforward --capital 1000000 --from 2010 --to 2022 --format json \
        --positions-out /tmp/wfpos.csv > /tmp/wf.json
    python3 Tests/References/trading_reference.py walkforward data/futures /tmp/wf.json --positions /tmp/wfpos.csv

    python3 Tests/References/trading_reference.py hand     # the values of TradingHandTests.swift

Prints the largest relative difference of each compared quantity and exits non-zero above the tolerance.
"""
import csv, datetime, json, math, os, sys
import numpy as np

TOLERANCE = 1e-9


def load(folder):
    with open(os.path.join(folder, "fx.csv")) as f:
        fx = {row["currency"]: float(row["rate"]) for row in csv.DictReader(f)}
    instruments = []
    with open(os.path.join(folder, "instruments.csv")) as f:
        for row in csv.DictReader(f):
            instruments.append(row)
    histories = {}
    for spec in instruments:
        dates, prices = [], []
        with open(os.path.join(folder, "prices", spec["code"] + ".csv")) as f:
            for row in csv.DictReader(f):
                dates.append(datetime.date.fromisoformat(row["date"]))
                prices.append(float(row["price"]))
        histories[spec["code"]] = (dates, np.array(prices))
    return instruments, histories, fx


def number(spec, key, default=0.0):
    value = spec.get(key, "")
    return float(value) if value not in ("", None) else default


def cost_per_trade(spec, price, fx):
    """§4.1 with the notional of the day: max of the three commissions plus half the spread, base currency."""
    m = number(spec, "multiplier")
    notional = price * m * fx
    commission = max(number(spec, "commission_per_contract") * fx, number(spec, "commission_rate") * abs(notional),
                     number(spec, "commission_per_trade") * fx)
    if spec.get("half_spread", "") != "":
        half = float(spec["half_spread"])
    else:
        half = number(spec, "spread_ticks", 1.0) * number(spec, "tick_size") / 2
    return commission + half * m * fx


def signals(prices, t):
    """σ_t, σ̂_t and F_t of DESIGN.md §9 (NaN where undefined)."""
    f = t["forecast"]
    n = len(prices)
    span = f["volatilitySpan"]
    vol = np.full(n, np.nan)
    d = np.diff(prices)
    if n > span:
        v = np.mean(d[:span] ** 2)
        vol[span] = math.sqrt(v)
        a = 2.0 / (span + 1)
        for k in range(span + 1, n):
            v = (1 - a) * v + a * d[k - 1] ** 2
            vol[k] = math.sqrt(v)
    sizing = np.full(n, np.nan)
    w = t["longRunRiskWindow"]
    for k in range(span, n):
        lo = max(span, k - w + 1)
        sizing[k] = t["recentRiskWeight"] * vol[k] + (1 - t["recentRiskWeight"]) * np.mean(vol[lo:k + 1])
    forecast = np.full(n, np.nan)
    first = max(f["warmupPrices"] - 1, span)
    if n > first:
        rules = f["rules"]
        emas = []
        for r in rules:
            for s in (r["fastSpan"], r["fastSpan"] * f["slowSpanMultiple"]):
                a = 2.0 / (s + 1)
                e = np.empty(n)
                e[0] = prices[0]
                for k in range(1, n):
                    e[k] = (1 - a) * e[k - 1] + a * prices[k]
                emas.append(e)
        cap = f["cap"]
        for k in range(first, n):
            if not vol[k] > 0:
                forecast[k] = 0.0
                continue
            scaled = [min(cap, max(-cap, r["scalar"] * (emas[2 * j][k] - emas[2 * j + 1][k]) / vol[k]))
                      for j, r in enumerate(rules)]
            forecast[k] = min(cap, max(-cap, f["diversificationMultiplier"] * sum(scaled) / len(rules)))
    return vol, sizing, forecast


def weekdays(start, end):
    days, day = [], start
    while True:
        if day.weekday() < 5:
            days.append(day)
            if day >= end:
                return days
        day += datetime.timedelta(days=1)


def trade(instruments, histories, fx, settings, t, starts, end, plans):
    """Daily profit, trade costs and roll costs of each plan. `plans`: list of (capital, rounding, holdings) with
    holdings[y] = {code: (weight, idm)}. Periods: y holds from starts[y] (inclusive) to starts[y+1]."""
    days = weekdays(starts[0], end)
    index = {d: i for i, d in enumerate(days)}
    root = math.sqrt(settings["risk"]["businessDaysPerYear"])
    per_year = settings["risk"]["businessDaysPerYear"]
    target = settings["sizing"]["targetVolatility"]
    spec_of = {s["code"]: s for s in instruments}
    out = []
    decisions = {}
    cache = {}
    for p, (capital, rounding, holdings) in enumerate(plans):
        profit = np.zeros(len(days)); tcost = np.zeros(len(days)); rcost = np.zeros(len(days))
        codes = sorted({c for h in holdings for c in h})
        for code in codes:
            spec = spec_of[code]
            rate = fx[spec["currency"]]
            m = float(spec["multiplier"])
            dates, prices = histories[code]
            if code not in cache:
                cache[code] = signals(prices, t)
            vol, sizing, forecast = cache[code]
            # Price dates by the account day they are booked on.
            booked = {}
            for k, date in enumerate(dates):
                if date < starts[0]:
                    continue
                b = date
                while b.weekday() >= 5:
                    b += datetime.timedelta(days=1)
                if b in index:
                    booked.setdefault(index[b], []).append(k)
            held, last_cost = 0.0, 0.0
            seen_first = False
            for i, day in enumerate(days):
                for k in booked.get(i, []):
                    if seen_first:
                        profit[i] += held * (prices[k] - prices[k - 1]) * m * rate
                    seen_first = True
                    y = max(j for j in range(len(starts)) if starts[j] <= dates[k])
                    weight, idm = holdings[y].get(code, (0.0, 1.0))
                    nstar, band = 0.0, 0.0
                    if weight > 0 and not math.isnan(forecast[k]) and sizing[k] > 0:
                        unit = capital * idm * weight * target / (sizing[k] * root * m * rate)
                        nstar = forecast[k] / t["forecast"]["averageForecast"] * unit
                        band = t["buffer"] * unit
                    if rounding == "unrounded":
                        new = nstar
                    elif held < nstar - band:
                        new = math.floor(abs(nstar - band) + 0.5) * math.copysign(1, nstar - band)
                    elif held > nstar + band:
                        new = math.floor(abs(nstar + band) + 0.5) * math.copysign(1, nstar + band)
                    else:
                        new = held
                    last_cost = cost_per_trade(spec, prices[k], rate)
                    tcost[i] += abs(new - held) * last_cost
                    decisions[(p, code, dates[k])] = (forecast[k], nstar, new)
                    held = new
                rcost[i] += abs(held) * 2 * last_cost * number(spec, "rolls_per_year") / per_year
        out.append((profit, tcost, rcost))
    return days, out, decisions


def statistics(returns, costs, days, per_year):
    n = len(returns)
    sd = np.std(returns, ddof=1)
    cum = np.cumsum(returns)
    peak = np.maximum.accumulate(np.maximum(cum, 0))
    years = {}
    for d, r in zip(days, returns):
        years[d.year] = years.get(d.year, 0.0) + r
    vol = sd * math.sqrt(per_year)
    return {"annualMean": np.mean(returns) * per_year, "volatility": vol,
            "sharpe": np.mean(returns) * per_year / vol, "annualCost": np.mean(costs) * per_year,
            "costSR": np.mean(costs) * per_year / vol, "maxDrawdown": float(np.min(cum - peak)), "years": years}


class Comparison:
    def __init__(self):
        self.worst = {}

    def __call__(self, name, mine, theirs):
        mine, theirs = np.atleast_1d(np.asarray(mine, float)), np.atleast_1d(np.asarray(theirs, float))
        assert mine.shape == theirs.shape, f"{name}: {mine.shape} vs {theirs.shape}"
        scale = np.maximum(np.abs(mine), np.abs(theirs))
        diff = np.abs(mine - theirs)
        # Relative where the values are not tiny against the series (daily values of zero).
        floor = max(float(np.max(scale)) * 1e-12, 1e-300)
        rel = float(np.max(diff / np.maximum(scale, floor))) if len(diff) else 0.0
        self.worst[name] = max(self.worst.get(name, 0.0), rel)

    def report(self):
        bad = False
        for name, rel in sorted(self.worst.items()):
            flag = "" if rel <= TOLERANCE else "   <-- above tolerance"
            bad |= rel > TOLERANCE
            print(f"{name:40s} {rel:.3e}{flag}")
        return 1 if bad else 0


def check_statistics(compare, label, stats, mine):
    for key in ("annualMean", "volatility", "sharpe", "annualCost", "costSR", "maxDrawdown"):
        compare(f"{label} {key}", mine[key], stats[key])
    compare(f"{label} years", [mine["years"][y["year"]] for y in stats["years"]], [y["return"] for y in stats["years"]])


def backtest(folder, document, positions):
    instruments, histories, fx = load(folder)
    doc = json.load(open(document))
    settings, t = doc["settings"], doc["tradingSettings"]
    start = datetime.date.fromisoformat(doc["start"])
    end = datetime.date.fromisoformat(doc["end"])
    idm = doc["portfolio"]["idm"]
    holding = {m["code"]: (m["weight"], idm) for m in doc["portfolio"]["instruments"]}
    rounding = doc["rounding"]
    other = "unrounded" if rounding == "whole-contracts" else "whole-contracts"
    # The account starts at the first forecast of any member; trading runs to the members' last price.
    plans = [(doc["capital"], rounding, [holding]), (doc["capital"], other, [holding])]
    members_end = max(histories[c][0][-1] for c in holding)
    days, accounts, decisions = trade(instruments, histories, fx, settings, t, [start], members_end, plans)
    compare = Comparison()
    daily = doc["daily"]
    assert [d.isoformat() for d in days] == daily["dates"], "account days differ"
    profit, tcost, rcost = accounts[0]
    capital = doc["capital"]
    returns = (profit - tcost - rcost) / capital
    compare("daily profit", profit, daily["profit"])
    compare("daily trade costs", tcost, daily["tradeCosts"])
    compare("daily roll costs", rcost, daily["rollCosts"])
    compare("daily returns", returns, daily["returns"])
    p2, t2, r2 = accounts[1]
    other_returns = (p2 - t2 - r2) / capital
    compare("counterpart daily returns", other_returns, daily["counterpartReturns"])
    per_year = settings["risk"]["businessDaysPerYear"]
    check_statistics(compare, "statistics", doc["statistics"], statistics(returns, (tcost + rcost) / capital, days, per_year))
    check_statistics(compare, "counterpart", doc["counterpart"]["statistics"],
                     statistics(other_returns, (t2 + r2) / capital, days, per_year))
    compare("tracking error", np.std(returns - other_returns, ddof=1) * math.sqrt(per_year), doc["trackingError"])
    if positions:
        mismatched = 0
        with open(positions) as f:
            for row in csv.DictReader(f):
                key = (0, row["code"], datetime.date.fromisoformat(row["date"]))
                forecast, nstar, new = decisions[key]
                compare("position", new, float(row["position"]))
                compare("target", nstar, float(row["target"]))
                if row["forecast"] != "":
                    compare("forecast", forecast, float(row["forecast"]))
                if new != float(row["position"]):
                    mismatched += 1
        print(f"positions that differ: {mismatched}")
    return compare.report()


def walkforward(folder, document, positions=None):
    instruments, histories, fx = load(folder)
    doc = json.load(open(document))
    settings, t = doc["settings"], doc["tradingSettings"]
    starts = [datetime.date.fromisoformat(d) + datetime.timedelta(days=1) for d in doc["rebalanceDates"]]
    end = datetime.date.fromisoformat(doc["end"])
    last_price = max(h[0][-1] for h in histories.values())
    compare = Comparison()
    per_year = settings["risk"]["businessDaysPerYear"]
    band = doc["capitals"][0]["random"]["percentiles"] if doc["capitals"] else [5, 95]
    recorded = {}
    if positions:
        with open(positions) as f:
            for row in csv.DictReader(f):
                recorded[(float(row["capital"]), row["code"], datetime.date.fromisoformat(row["date"]))] = row
    for run in doc["capitals"]:
        capital = run["capital"]
        plans, names = [], []

        def holdings_of(periods):
            return [{c: (w, p["idm"]) for c, w in zip(p["instruments"], p["weights"])} for p in periods]

        for strategy in run["strategies"]:
            plans.append((capital, strategy["rounding"], holdings_of(strategy["periods"])))
            names.append(strategy["strategy"])
        main = next(s for s in run["strategies"] if s["strategy"] == doc["mainStrategy"])
        plans.append((capital, "unrounded", holdings_of(main["periods"])))
        for path in run["random"]["periods"]:
            plans.append((capital, "whole-contracts", holdings_of(path)))
        days, accounts, decisions = trade(instruments, histories, fx, settings, t, starts, last_price, plans)
        assert [d.isoformat() for d in days] == doc["dates"], "account days differ"
        assert days[-1] == end
        returns_of = []
        for (profit, tcost, rcost) in accounts:
            returns_of.append(((profit - tcost - rcost) / capital, (tcost + rcost) / capital))
        for k, (name, strategy) in enumerate(zip(names, run["strategies"])):
            returns, costs = returns_of[k]
            compare(f"{name} daily returns", returns, strategy["dailyReturns"])
            check_statistics(compare, name, strategy["statistics"], statistics(returns, costs, days, per_year))
        n = len(names)
        main_returns = returns_of[names.index(doc["mainStrategy"])][0]
        compare("main unrounded daily returns", returns_of[n][0], run["mainUnrounded"]["dailyReturns"])
        compare("tracking error", np.std(main_returns - returns_of[n][0], ddof=1) * math.sqrt(per_year),
                run["trackingError"])
        paths = [statistics(r, c, days, per_year) for r, c in returns_of[n + 1:]]
        for key in ("annualMean", "volatility", "sharpe", "costSR", "maxDrawdown"):
            compare(f"random path {key}", [p[key] for p in paths], [p[key] for p in run["random"]["pathStatistics"]])
            values = [p[key] for p in paths]
            for label, q in (("median", 50), ("lower", band[0]), ("upper", band[1])):
                compare(f"random {label} {key}", np.percentile(values, q), run["random"][label][key])
        cumulative = np.cumsum([r for r, _ in returns_of[n + 1:]], axis=1)
        for label, q in (("median", 50), ("lower", band[0]), ("upper", band[1])):
            compare(f"random band {label}", np.percentile(cumulative, q, axis=0), run["random"]["cumulativeBand"][label])
        if positions:
            main_plan = names.index(doc["mainStrategy"])
            for (p, code, date), (forecast, nstar, new) in decisions.items():
                if p != main_plan:
                    continue
                row = recorded.get((capital, code, date))
                if row is None:
                    assert new == 0 and nstar == 0, f"missing decision {code} {date}"
                    continue
                compare("main position", new, float(row["position"]))
                compare("main target", nstar, float(row["target"]))
    return compare.report()


def hand():
    """The two-instrument case of Tests/TradeableTests/TradingHandTests.swift, traded by this implementation: prints
    the totals and the days the test names."""
    w, day = [], datetime.date(2021, 1, 4)
    while len(w) < 300:
        if day.weekday() < 5:
            w.append(day)
        day += datetime.timedelta(days=1)
    a_dates = w[:260] + [w[259] + datetime.timedelta(days=1)] + w[260:]
    b_dates = w[:265] + w[266:]
    histories = {"A": (a_dates, np.array([1000.0 + k for k in range(len(a_dates))])),
                 "B": (b_dates, np.array([2000.0 - 2 * k for k in range(len(b_dates))]))}
    common = {"tick_size": "", "commission_per_trade": "0"}
    instruments = [
        dict(common, code="A", currency="USD", multiplier="10", half_spread="0.5", commission_per_contract="2",
             commission_rate="0", rolls_per_year="4"),
        dict(common, code="B", currency="EUR", multiplier="50", half_spread="0.2", commission_per_contract="0",
             commission_rate="0.0002", rolls_per_year="12")]
    settings = {"risk": {"businessDaysPerYear": 256}, "sizing": {"targetVolatility": 0.2}}
    t = {"forecast": {"volatilitySpan": 32, "rules": [{"fastSpan": f, "scalar": c} for f, c in
                                                      ((8, 5.3), (16, 3.75), (32, 2.65), (64, 1.87))],
                      "slowSpanMultiple": 4, "diversificationMultiplier": 1.26, "cap": 20, "warmupPrices": 256,
                      "averageForecast": 10},
         "recentRiskWeight": 0.7, "longRunRiskWindow": 2560, "buffer": 0.1}
    plans = [(1e6, "whole-contracts", [{"A": (0.5, 1.25), "B": (0.5, 1.25)}, {"A": (1.0, 1.0)}])]
    days, accounts, _ = trade(instruments, histories, {"USD": 1.0, "EUR": 1.25}, settings, t, [w[255], w[280]], w[299],
                              plans)
    profit, tcost, rcost = accounts[0]
    print("account days", len(days))
    print("totals: profit", profit.sum(), "trade costs", tcost.sum(), "roll costs", rcost.sum())
    for k in (255, 256, 260, 265, 266, 280, 290):
        i = days.index(w[k])
        print(f"W_{k}: profit {float(profit[i])!r} trade costs {float(tcost[i])!r} roll costs {float(rcost[i])!r}")
    return 0


if __name__ == "__main__":
    if len(sys.argv) == 2 and sys.argv[1] == "hand":
        sys.exit(hand())
    if len(sys.argv) < 4 or sys.argv[1] not in ("backtest", "walkforward"):
        print(__doc__)
        sys.exit(2)
    if sys.argv[1] == "backtest":
        positions = sys.argv[5] if len(sys.argv) > 5 and sys.argv[4] == "--positions" else None
        sys.exit(backtest(sys.argv[2], sys.argv[3], positions))
    positions = sys.argv[5] if len(sys.argv) > 5 and sys.argv[4] == "--positions" else None
    sys.exit(walkforward(sys.argv[2], sys.argv[3], positions))
