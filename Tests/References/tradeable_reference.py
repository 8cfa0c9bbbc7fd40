"""An independent numpy implementation of DESIGN.md §2–§6 and of the capital reserve, written from the text of
DESIGN.md and docs (not from the Swift code), to produce the golden values the Swift tests compare against.

It is deliberately the slow, obvious way: correlations pair by pair over the weeks both instruments have (two-pass
Pearson), Sharpe ratios from explicit wᵀCw on submatrices, max-Sharpe weights from a dense solve per candidate set.
Nothing here shares code with Tradeable.

Choices where DESIGN.md is silent (each matches Tradeable's documented behaviour, so a disagreement is a bug in one
of the two, not a difference of convention):
- A pair of instruments with fewer than two common weeks, or one of the two flat over them, has no correlation: it
  counts as 0, and then the floor like every other pair.
- `annual_vol_pct` is `currency_vol / |notional|`, so the capital filter's `|notional| × annual_vol_pct` is
  `currency_vol` (also when the notional is 0).
- Rebalance trades are 0 when an EWMA variance is 0 (the position would be infinite).
- Liquidity needs at least `days` rows, every one with a volume; otherwise it is unknown (kept, flagged).
- An instrument without a volatility (fewer than two prices) is left to the history filter: the cost filter does not
  exclude it.
- Step 1 of §6 breaks ties of `annual_sr_cost` by code in byte order.
- max-Sharpe: a candidate set whose long-only optimum gives some member zero weight is not affordable (a member with
  no weight would not be traded). The long-only optimum has every weight strictly positive exactly when the
  unconstrained optimum `C⁻¹s` does, so the reference solves `C z = s` and rejects the set unless every `z > 0`.
- Repair (§3): `repair="pool"` (the current DESIGN.md text) repairs the matrix of the pool once, and every capital
  selects from its principal submatrix; `repair="eligible"` (the previous text) repairs the eligible set's floored
  matrix at each capital.
"""
import csv
import datetime as dt
import math
import os

import numpy as np


# MARK: - Settings (DESIGN.md defaults)


def default_settings():
    return {
        "business_days": 256.0,
        "volatility_window": 512,
        "correlation_weeks": 260,
        "correlation_floor": 0.0,
        "pd_threshold": 1e-10,
        "eigenvalue_floor": 1e-6,
        "pre_cost_sr": 0.4,
        "rebalance_span": 35,
        "min_history": 512,
        "max_stale_weekdays": 10,
        "liquidity_days": 20,
        "min_volume": 100.0,
        "min_traded_value": 10_000_000.0,
        "max_sr_cost": 0.10,
        "max_contracts": 4.0,
        "idm_cap": 2.5,
        "max_weight": 0.10,
        "target_vol": 0.20,
        "weights": "equal",
        "max_instruments": None,
        "improvement": 1e-12,
        "repair": "pool",
    }


# MARK: - Loading (DESIGN.md §2)


def _number(text, default=None):
    text = (text or "").strip()
    return float(text) if text else default


def load_universe(folder):
    """Instruments (input order), their price histories and FX rates from a folder in the bundled format."""
    with open(os.path.join(folder, "instruments.csv"), newline="") as f:
        rows = list(csv.DictReader(f))
    fx = {}
    with open(os.path.join(folder, "fx.csv"), newline="") as f:
        for row in csv.DictReader(f):
            fx[row["currency"].strip()] = float(row["rate"])
    instruments = []
    for row in rows:
        code = row["code"].strip()
        multiplier = float(row["multiplier"])
        tick = _number(row.get("tick_size"), 0.0)
        half_spread = _number(row.get("half_spread"))
        if half_spread is None:
            half_spread = _number(row.get("spread_ticks"), 1.0) * tick / 2
        dates, prices, volumes = [], [], []
        with open(os.path.join(folder, "prices", code + ".csv"), newline="") as f:
            reader = csv.reader(f)
            header = next(reader)
            has_volume = len(header) > 2 and header[2].strip() == "volume"
            for line in reader:
                if not line:
                    continue
                dates.append(dt.date.fromisoformat(line[0].strip()))
                prices.append(float(line[1]))
                if has_volume:
                    volumes.append(_number(line[2] if len(line) > 2 else "", math.nan))
        instruments.append({
            "code": code,
            "currency": row["currency"].strip(),
            "multiplier": multiplier,
            "half_spread_points": half_spread,
            "commission_per_contract": _number(row.get("commission_per_contract"), 0.0),
            "commission_rate": _number(row.get("commission_rate"), 0.0),
            "commission_per_trade": _number(row.get("commission_per_trade"), 0.0),
            "rolls_per_year": _number(row.get("rolls_per_year"), 0.0),
            "rebalance_given": _number(row.get("rebalance_trades_per_year")),
            "fx": fx[row["currency"].strip()],
            "dates": dates,
            "prices": np.array(prices, dtype=float),
            "volumes": np.array(volumes, dtype=float) if has_volume else None,
        })
    return instruments


# MARK: - Risk and costs (DESIGN.md §3, §4)


def rebalance_trades(window, span, business_days):
    """§4.3: EWMA variance started at the mean of the first `span` squared differences, run over the rest; positions
    q = 1/sqrt(v) with the start as q_0; business_days × mean|Δq| / mean q."""
    if len(window) < span + 1:
        return 0.0
    a = 2.0 / (span + 1)
    v = np.mean(window[:span] ** 2)
    variances = [v]
    for d in window[span:]:
        v = (1 - a) * v + a * d * d
        variances.append(v)
    variances = np.array(variances)
    if np.any(variances <= 0):
        return 0.0
    q = 1 / np.sqrt(variances)
    return business_days * np.mean(np.abs(np.diff(q))) / np.mean(q)


def measure(instrument, s):
    """Risk and cost numbers of one instrument (§3, §4), base currency."""
    prices = instrument["prices"]
    m, fx = instrument["multiplier"], instrument["fx"]
    out = {"code": instrument["code"], "count": len(prices), "last_date": instrument["dates"][-1]}
    notional = prices[-1] * m * fx
    out["notional"] = notional
    window = np.diff(prices)[-s["volatility_window"]:]
    if len(window) >= 2:
        sigma_points = np.std(window, ddof=1) * math.sqrt(s["business_days"])
        cv = sigma_points * m * fx
    else:
        cv = None
    out["currency_vol"] = cv
    out["annual_vol"] = cv / abs(notional) if cv is not None and notional != 0 else None
    commission = max(instrument["commission_per_contract"] * fx, instrument["commission_rate"] * abs(notional),
                     instrument["commission_per_trade"] * fx)
    half_spread = instrument["half_spread_points"] * m * fx
    cost = commission + half_spread
    out["cost_per_trade"] = cost
    out["cost_per_trade_sr"] = cost / cv if cv else None
    rebalance = instrument["rebalance_given"]
    if rebalance is None:
        rebalance = rebalance_trades(window, s["rebalance_span"], s["business_days"])
    out["trades_per_year"] = 2 * instrument["rolls_per_year"] + rebalance
    out["annual_sr_cost"] = out["cost_per_trade_sr"] * out["trades_per_year"] if cv else None
    out["net_sr"] = s["pre_cost_sr"] - out["annual_sr_cost"] if out["annual_sr_cost"] is not None else None
    # §5 liquidity measurement over the last `days` rows.
    volumes, days = instrument["volumes"], s["liquidity_days"]
    if volumes is None or len(volumes) < days or np.any(np.isnan(volumes[-days:])):
        out["liquidity"] = None
    else:
        v = volumes[-days:]
        out["liquidity"] = (np.mean(v), np.mean(v * np.abs(prices[-days:]) * m * fx))
    # §5 capital filter: max_contracts × |notional| × annual_vol_pct / (idm_cap × max_weight × target_vol).
    out["standalone_capital"] = (s["max_contracts"] * cv / (s["idm_cap"] * s["max_weight"] * s["target_vol"])
                                 if cv is not None else None)
    out["alone_capital"] = s["max_contracts"] * cv / s["target_vol"] if cv is not None else None
    return out


def iso_week_index(day):
    """A number for the ISO week of `day`, consecutive across years: the Monday's ordinal divided by 7."""
    monday = day - dt.timedelta(days=day.weekday())
    return monday.toordinal() // 7


def weekly_differences(instrument, last_week, weeks):
    """{week: difference} for the weeks of the window (§3): the last price of each ISO week is its close; a difference
    between consecutive closes belongs to the later close's week."""
    closes = {}
    for day, price in zip(instrument["dates"], instrument["prices"]):
        closes[iso_week_index(day)] = price  # dates increase, so the last one of a week wins
    ordered = sorted(closes)
    out = {}
    for previous, week in zip(ordered, ordered[1:]):
        if last_week - weeks + 1 <= week <= last_week:
            out[week] = closes[week] - closes[previous]
    return out


def pearson(x, y):
    """Two-pass Pearson correlation; None when undefined."""
    if len(x) < 2:
        return None
    dx, dy = x - x.mean(), y - y.mean()
    sxx, syy = np.dot(dx, dx), np.dot(dy, dy)
    if sxx <= 1e-12 * np.dot(x, x) or syy <= 1e-12 * np.dot(y, y):
        return None
    return float(np.dot(dx, dy) / math.sqrt(sxx * syy))


def floored_correlation(series, floor):
    """Pairwise weekly correlations of `series` (a list of {week: difference}), undefined pairs 0, then the floor."""
    n = len(series)
    c = np.eye(n)
    undefined = floored = 0
    for i in range(n):
        for j in range(i + 1, n):
            common = sorted(series[i].keys() & series[j].keys())
            x = np.array([series[i][w] for w in common])
            y = np.array([series[j][w] for w in common])
            r = pearson(x, y)
            if r is None:
                undefined += 1
                r = 0.0
            if r < floor:
                floored += 1
                r = floor
            c[i, j] = c[j, i] = min(r, 1.0)
    return c, undefined, floored


def repair(c, threshold, eigenvalue_floor):
    """§3: when the smallest eigenvalue is below `threshold`, clip eigenvalues at `eigenvalue_floor`, rebuild, rescale
    to unit diagonal. Returns (matrix, smallest eigenvalue, repaired, clipped count)."""
    if len(c) == 0:
        return c, math.inf, False, 0
    values, vectors = np.linalg.eigh(c)
    smallest = float(values[0])
    if smallest >= threshold:
        return c, smallest, False, 0
    clipped = int(np.sum(values < eigenvalue_floor))
    rebuilt = vectors @ np.diag(np.maximum(values, eigenvalue_floor)) @ vectors.T
    d = 1 / np.sqrt(np.diag(rebuilt))
    rebuilt = rebuilt * np.outer(d, d)
    rebuilt = (rebuilt + rebuilt.T) / 2
    np.fill_diagonal(rebuilt, 1.0)
    return rebuilt, smallest, True, clipped


def weekdays_after(last, through):
    """Weekdays (Mon–Fri) after `last`, up to and including `through`."""
    count, day = 0, last + dt.timedelta(days=1)
    while day <= through:
        if day.weekday() < 5:
            count += 1
        day += dt.timedelta(days=1)
    return count


# MARK: - Filters (DESIGN.md §5)


def reasons_without_capital(m, universe_last, s):
    reasons = []
    if m["count"] < s["min_history"]:
        reasons.append("history")
    if weekdays_after(m["last_date"], universe_last) > s["max_stale_weekdays"]:
        reasons.append("stale")
    if m["liquidity"] is not None:
        volume, value = m["liquidity"]
        if volume < s["min_volume"] or value < s["min_traded_value"]:
            reasons.append("liquidity")
    if m["currency_vol"] == 0 or (m["annual_sr_cost"] is not None and m["annual_sr_cost"] > s["max_sr_cost"]):
        reasons.append("cost")
    return reasons


# MARK: - The analysis


class Analysis:
    """The capital-independent stages, once: metrics, filters but capital, the pool, its floored correlations (and,
    with `repair="pool"`, the pool's repaired matrix)."""

    def __init__(self, folder, settings):
        self.s = settings
        self.instruments = load_universe(folder)
        self.metrics = [measure(i, settings) for i in self.instruments]
        self.last_date = max(m["last_date"] for m in self.metrics)
        self.reasons = [reasons_without_capital(m, self.last_date, settings) for m in self.metrics]
        self.pool = [i for i, r in enumerate(self.reasons) if not r]
        last_week = iso_week_index(self.last_date)
        series = [weekly_differences(self.instruments[i], last_week, settings["correlation_weeks"]) for i in self.pool]
        self.weeks_with_gaps = any(len(x) != settings["correlation_weeks"] for x in series)
        self.pool_floored, self.undefined_pairs, self.floored_pairs = floored_correlation(
            series, settings["correlation_floor"])
        if settings["repair"] == "pool":
            self.pool_repair = repair(self.pool_floored, settings["pd_threshold"], settings["eigenvalue_floor"])
        elif settings["repair"] == "eligible":
            self.pool_repair = None
        else:
            raise ValueError("repair is 'pool' or 'eligible'")

    def code(self, i):
        return self.metrics[i]["code"]

    def select(self, capital):
        """§5's capital filter and §6's greedy path at `capital`."""
        s = self.s
        reasons = [list(r) for r in self.reasons]
        for i, m in enumerate(self.metrics):
            if m["standalone_capital"] is not None and capital < m["standalone_capital"]:
                reasons[i].append("capital")
        positions = [p for p, i in enumerate(self.pool) if not reasons[i]]
        eligible = [self.pool[p] for p in positions]
        if self.pool_repair is not None:
            c = self.pool_repair[0][np.ix_(positions, positions)]
            repair_info = self.pool_repair[1:]
        else:
            c, *repair_info = repair(self.pool_floored[np.ix_(positions, positions)], s["pd_threshold"],
                                     s["eigenvalue_floor"])
        path, stop = greedy(eligible, c, self.metrics, capital, s)
        return {
            "capital": capital, "reasons": reasons, "eligible": eligible, "correlation": c, "path": path,
            "stop": stop, "repair": repair_info,
        }


def evaluate(members, c, metrics, eligible, capital, s):
    """Weights, SR, IDM, each member's capital need and whether the set is affordable at `capital` (§6)."""
    sub = c[np.ix_(members, members)]
    net = np.array([metrics[eligible[p]]["net_sr"] for p in members])
    k = len(members)
    if s["weights"] == "equal" or k == 1:
        w = np.full(k, 1.0 / k)
    elif s["weights"] == "max-sharpe":
        z = np.linalg.solve(sub, net)
        if not np.all(z > 0):
            return None
        w = z / z.sum()
    else:
        raise ValueError("the reference implements equal and max-sharpe weights")
    variance = float(w @ sub @ w)
    sharpe = float(w @ net) / math.sqrt(variance)
    idm = min(s["idm_cap"], 1 / math.sqrt(variance))
    need = [s["max_contracts"] * metrics[eligible[p]]["currency_vol"] / (idm * w[r] * s["target_vol"])
            for r, p in enumerate(members)]
    return {"members": list(members), "weights": w, "sharpe": sharpe, "idm": idm, "need": need,
            "minimum_capital": max(need), "variance": variance, "affordable": all(x <= capital for x in need)}


def _byte_key(code):
    return code.encode("utf-8")


def greedy(eligible, c, metrics, capital, s):
    """§6: start with the cheapest eligible instrument feasible alone; add the affordable candidate of highest SR
    (ties: lower annual cost, then code in byte order) while it beats SR(S) by more than the tolerance."""
    n = len(eligible)
    if n == 0:
        return [], "noEligibleInstrument"
    cost = [metrics[i]["annual_sr_cost"] for i in eligible]
    code = [_byte_key(metrics[i]["code"]) for i in eligible]
    alone = [p for p in range(n) if capital >= metrics[eligible[p]]["alone_capital"]]
    if not alone:
        return [], "nothingAffordableAlone"
    first = min(alone, key=lambda p: (cost[p], code[p]))
    members = [first]
    path = [dict(evaluate(members, c, metrics, eligible, capital, s), added=first)]
    while True:
        if len(members) == n:
            return path, "allSelected"
        if s["max_instruments"] is not None and len(members) >= s["max_instruments"]:
            return path, "maximumReached"
        best = None
        for j in range(n):
            if j in members:
                continue
            e = evaluate(members + [j], c, metrics, eligible, capital, s)
            if e is None or not e["affordable"]:
                continue
            key = (-e["sharpe"], cost[j], code[j])
            if best is None or key < best[0]:
                best = (key, j, e)
        if best is None:
            return path, "nothingAffordable"
        if best[2]["sharpe"] - path[-1]["sharpe"] <= s["improvement"]:
            return path, "noImprovement"
        members.append(best[1])
        path.append(dict(best[2], added=best[1]))


# MARK: - Capital reserve (README: historical simulation of the next day's loss)


def numpy_quantile(values, q):
    return float(np.quantile(values, q))  # linear interpolation between order statistics, numpy's default


def normal_quantile(p):
    """Φ⁻¹(p) by bisection on Φ(x) = erfc(−x/√2)/2 (standard library only)."""
    lo, hi = -40.0, 40.0
    for _ in range(200):
        mid = (lo + hi) / 2
        if 0.5 * math.erfc(-mid / math.sqrt(2)) < p:
            lo = mid
        else:
            hi = mid
    return (lo + hi) / 2


def reserve(analysis, selection, quantile=0.98, window=512):
    """Target positions K × IDM × w × τ / cv (and rounded half away from zero); P&L over the last `window`
    differences of the dates every member has; the long and short books' quantile losses; the larger is the reserve."""
    s = analysis.s
    final = selection["path"][-1]
    indices = [selection["eligible"][p] for p in final["members"]]
    capital = selection["capital"]
    contracts = np.array([capital * final["idm"] * w * s["target_vol"] / analysis.metrics[i]["currency_vol"]
                          for i, w in zip(indices, final["weights"])])
    rounded = np.sign(contracts) * np.floor(np.abs(contracts) + 0.5)
    common = set(analysis.instruments[indices[0]]["dates"])
    for i in indices[1:]:
        common &= set(analysis.instruments[i]["dates"])
    days = sorted(common)[-(window + 1):]
    changes = []
    for i in indices:
        inst = analysis.instruments[i]
        price = dict(zip(inst["dates"], inst["prices"]))
        series = np.array([price[d] for d in days])
        changes.append(np.diff(series) * inst["multiplier"] * inst["fx"])
    changes = np.array(changes)  # members × days
    pnl = contracts @ changes
    pnl_rounded = rounded @ changes
    expected_annual = capital * s["target_vol"] * final["idm"] * math.sqrt(final["variance"])
    expected_daily = expected_annual / math.sqrt(s["business_days"])
    out = {
        "quantile": quantile,
        "codes": [analysis.code(i) for i in indices],
        "contracts": contracts.tolist(),
        "roundedContracts": rounded.tolist(),
        "windowStart": days[0].isoformat(),
        "firstDifferenceDate": days[1].isoformat(),
        "windowEnd": days[-1].isoformat(),
        "days": len(days) - 1,
        "longLoss": numpy_quantile(-pnl, quantile),
        "shortLoss": numpy_quantile(pnl, quantile),
        "longLossRounded": numpy_quantile(-pnl_rounded, quantile),
        "shortLossRounded": numpy_quantile(pnl_rounded, quantile),
        "expectedDailyVolatility": expected_daily,
        "normalLoss": normal_quantile(quantile) * expected_daily,
        "realisedDailyVolatility": float(np.std(pnl, ddof=1)),
    }
    out["reserve"] = max(out["longLoss"], out["shortLoss"], 0.0)
    out["reserveRounded"] = max(out["longLossRounded"], out["shortLossRounded"], 0.0)
    return out
