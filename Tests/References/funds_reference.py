"""An independent numpy implementation of DESIGN.md §8 (fund metrics, FOF selection, style regression) and of the
fixed-weight blend, written from the text of DESIGN.md and the README (not from the Swift code), for the golden
values of the fund tests. Standard library and numpy only (the t distribution's tail through a continued fraction of
the incomplete beta function).

    python3 Tests/References/funds_reference.py     # writes fixtures/funds.json: the fund tests' golden values

Choices where the text is silent (each is also Tradeable's documented behaviour):
- A window's `start`/`end` in the output are the dates of its base NAV and its last NAV.
- Regression returns: the NAVs on the dates the product and every factor share, then §8 returns between consecutive
  shared dates; ordinary least squares with an intercept, standard errors from the residual variance on n − k degrees
  of freedom, two-sided p-values of Student's t.
- FOF correlation: the last NAV on or before each calendar month end, the month of the last date included (its last
  NAV stands for its end), monthly returns, the last 60.
- Blend: annual rebalancing back to the target weights at the close of each year's last common date; threshold
  rebalancing when some weight is more than the band away from its target.
"""
import csv
import datetime as dt
import json
import math
import os
import sys

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
FUNDS = os.path.join(ROOT, "data", "funds")
sys.path.insert(0, HERE)
import tradeable_reference as futures  # noqa: E402  (its §6 greedy and §3 repair)


# MARK: - Data


def read_wide(path):
    """{code: (dates, navs)} from a wide `date,A,B,…` file (empty cells skipped)."""
    with open(path, newline="") as f:
        reader = csv.reader(f)
        header = next(reader)
        series = {code: ([], []) for code in header[1:]}
        for row in reader:
            day = dt.date.fromisoformat(row[0])
            for code, cell in zip(header[1:], row[1:]):
                if cell.strip():
                    series[code][0].append(day)
                    series[code][1].append(float(cell))
    return {code: (dates, np.array(navs)) for code, (dates, navs) in series.items()}


def periods_per_year(dates):
    gap = float(np.median(np.diff([d.toordinal() for d in dates])))
    for limit, periods in [(4, 252), (10, 52), (17, 26), (35, 12)]:
        if gap <= limit:
            return periods
    return None


# MARK: - Windows and metrics (§8)


def months_before(day, k):
    """Same day k calendar months before (clipped to the month's length), or that month's last day when `day` is the
    last day of its month."""
    y, m = divmod(day.year * 12 + day.month - 1 - k, 12)
    m += 1
    last = (dt.date(y + (m == 12), m % 12 + 1, 1) - dt.timedelta(days=1)).day
    is_month_end = (day + dt.timedelta(days=1)).month != day.month
    return dt.date(y, m, last if is_month_end else min(day.day, last))


def window(dates, navs, months):
    """The NAVs after the start plus, as base, the last NAV on or before it; None when the series starts after it."""
    if months is None:
        return dates, navs
    start = months_before(dates[-1], months)
    base = max((i for i, d in enumerate(dates) if d <= start), default=None)
    if base is None:
        return None
    return dates[base:], navs[base:]


def metrics(dates, navs, periods):
    r = navs[1:] / navs[:-1] - 1
    m = len(r)
    days = (dates[-1] - dates[0]).days
    sd = np.std(r, ddof=1)
    sharpe_period = np.mean(r) / sd
    running = np.maximum.accumulate(navs)
    drawdowns = navs / running - 1
    trough = int(np.argmin(drawdowns))
    peak = int(np.argmax(navs[:trough + 1]))
    recovery = next((dates[k] for k in range(trough + 1, len(navs)) if navs[k] >= navs[peak]), None)
    annualised = (navs[-1] / navs[0]) ** (365.25 / days) - 1
    max_dd = float(drawdowns[trough])
    downside = math.sqrt(np.mean(np.minimum(r, 0) ** 2)) * math.sqrt(periods)
    return {
        "start": dates[0].isoformat(), "end": dates[-1].isoformat(), "returns": m,
        "cumulativeReturn": navs[-1] / navs[0] - 1,
        "annualisedReturn": annualised,
        "volatility": sd * math.sqrt(periods),
        "downsideDeviation": downside,
        "sharpe": sharpe_period * math.sqrt(periods),
        "sortino": np.mean(r) * periods / downside if downside > 0 else None,
        "maxDrawdown": max_dd,
        "peakDate": dates[peak].isoformat(), "troughDate": dates[trough].isoformat(),
        "recoveryDate": recovery.isoformat() if recovery else None,
        "calmar": annualised / abs(max_dd) if max_dd < 0 else None,
        "sharpeStandardError": math.sqrt((1 + sharpe_period ** 2 / 2) / m) * math.sqrt(periods),
    }


# MARK: - Student's t (for regression p-values)


def incomplete_beta(a, b, x):
    """Regularised incomplete beta I_x(a, b): the continued fraction (modified Lentz), on the side where it converges
    fast."""
    if x <= 0:
        return 0.0
    if x >= 1:
        return 1.0
    if x > (a + 1) / (a + b + 2):
        return 1 - incomplete_beta(b, a, 1 - x)
    front = math.exp(math.lgamma(a + b) - math.lgamma(a) - math.lgamma(b) + a * math.log(x) + b * math.log1p(-x)) / a
    tiny = 1e-300
    f, c, d = 1.0, 1.0, 0.0
    for i in range(0, 400):
        m = i // 2
        if i == 0:
            numerator = 1.0
        elif i % 2 == 0:
            numerator = m * (b - m) * x / ((a + 2 * m - 1) * (a + 2 * m))
        else:
            numerator = -((a + m) * (a + b + m) * x) / ((a + 2 * m) * (a + 2 * m + 1))
        d = 1 + numerator * d
        d = tiny if abs(d) < tiny else d
        d = 1 / d
        c = 1 + numerator / c
        c = tiny if abs(c) < tiny else c
        f *= c * d
        if abs(1 - c * d) < 1e-16:
            break
    return front * (f - 1)


def t_two_sided(t, dof):
    return incomplete_beta(dof / 2, 0.5, dof / (dof + t * t))


def regression(product, factors):
    """OLS of the product's returns on the factors' (with an intercept) over their shared dates."""
    shared = set(product[0])
    for f in factors.values():
        shared &= set(f[0])
    shared = sorted(shared)

    def on(series):
        lookup = dict(zip(series[0], series[1]))
        navs = np.array([lookup[d] for d in shared])
        return navs[1:] / navs[:-1] - 1

    y = on(product)
    x = np.column_stack([np.ones(len(y))] + [on(f) for f in factors.values()])
    beta, *_ = np.linalg.lstsq(x, y, rcond=None)
    residual = y - x @ beta
    n, k = x.shape
    variance = residual @ residual / (n - k)
    covariance = variance * np.linalg.inv(x.T @ x)
    se = np.sqrt(np.diag(covariance))
    t = beta / se
    r2 = 1 - (residual @ residual) / np.sum((y - y.mean()) ** 2)
    return {
        "observations": int(n), "rSquared": float(r2),
        "coefficients": [{
            "name": name, "estimate": float(b), "standardError": float(s), "tStatistic": float(tt),
            "pValue": float(t_two_sided(tt, n - k)),
        } for name, b, s, tt in zip(["alpha"] + list(factors), beta, se, t)],
    }


# MARK: - Blend


def blend(series, weights, rule, band=None):
    """Fixed-weight mix on the common dates; values from 1."""
    common = set.intersection(*[set(s[0]) for s in series])
    dates = sorted(common)
    values = [np.array([dict(zip(s[0], s[1]))[d] for d in dates]) for s in series]
    holdings = np.array(weights, dtype=float)
    path = [1.0]
    rebalances = []
    for t in range(1, len(dates)):
        holdings = holdings * np.array([v[t] / v[t - 1] for v in values])
        total = float(holdings.sum())
        path.append(total)
        if t + 1 == len(dates):
            break
        if rule == "annual":
            reset = dates[t + 1].year != dates[t].year
        else:
            reset = bool(np.any(np.abs(holdings / total - weights) > band))
        if reset:
            holdings = total * np.array(weights, dtype=float)
            rebalances.append(dates[t].isoformat())
    return dates, np.array(path), rebalances


# MARK: - FOF selection (§8, reusing §6)


def month_end_navs(dates, navs):
    """The last NAV of each calendar month, {(year, month): nav}."""
    out = {}
    for d, v in zip(dates, navs):
        out[(d.year, d.month)] = v
    return out


def fund_selection(series, products, capital, settings):
    codes = list(series)
    metrics_ = []
    for code in codes:
        dates, navs = series[code]
        periods = periods_per_year(dates)
        w = window(dates, navs, 36)
        r = w[1][1:] / w[1][:-1] - 1
        vol = float(np.std(r, ddof=1) * math.sqrt(periods))
        p = products[code]
        drag = p["management_fee"] + p["custody_fee"] + (p["subscription_fee"] + p["redemption_fee"]) / 3
        cost = drag / vol
        metrics_.append({
            "code": code, "currency_vol": p["min_subscription"] * vol, "annual_sr_cost": cost,
            "net_sr": settings["pre_cost_sr"] - cost, "volatility": vol,
            "standalone_capital": p["min_subscription"] * settings["max_contracts"] * vol
            / (settings["idm_cap"] * settings["max_weight"] * settings["target_vol"]),
            "alone_capital": p["min_subscription"] * settings["max_contracts"] * vol / settings["target_vol"],
        })
    ends = [month_end_navs(*series[c]) for c in codes]
    months = sorted(set.intersection(*[set(e) for e in ends]))[-61:]
    returns = np.array([[e[months[k]] / e[months[k - 1]] - 1 for k in range(1, len(months))] for e in ends])
    c = np.corrcoef(returns)
    c, *_ = futures.repair(c, 1e-10, 1e-6)
    eligible = [i for i, m in enumerate(metrics_) if capital >= m["standalone_capital"]
                and m["annual_sr_cost"] <= settings["max_sr_cost"]]
    sub = c[np.ix_(eligible, eligible)]
    path, stop = futures.greedy(eligible, sub, metrics_, capital, settings)
    return [{
        "added": codes[eligible[step["added"]]], "sharpe": step["sharpe"], "idm": step["idm"],
        "minimumCapital": step["minimum_capital"],
    } for step in path], stop


def read_products(path):
    out = {}
    with open(path, newline="") as f:
        for row in csv.DictReader(f):
            out[row["code"]] = {k: float(row[k] or 0) for k in [
                "min_subscription", "management_fee", "performance_fee", "subscription_fee", "redemption_fee",
                "custody_fee"]}
    return out


def main():
    etfs = read_wide(os.path.join(FUNDS, "factor_etfs.csv"))
    index = read_wide(os.path.join(FUNDS, "sp500_index.csv"))
    out = {}
    mtum = etfs["MTUM"]
    out["MTUM 3y"] = metrics(*window(*mtum, 36), periods_per_year(mtum[0]))
    sp = index["SP500"]
    out["SP500 inception"] = metrics(*sp, periods_per_year(sp[0]))
    out["USMV on SP500"] = regression(etfs["USMV"], {"SP500": sp})
    parts = [sp, etfs["USMV"], etfs["MTUM"]]
    weights = [0.6, 0.2, 0.2]
    for name, rule, band in [("blend annual", "annual", None), ("blend threshold 0.05", "threshold", 0.05)]:
        dates, path, rebalances = blend(parts, weights, rule, band)
        m = metrics(dates, path, periods_per_year(dates))
        out[name] = {k: m[k] for k in ["annualisedReturn", "volatility", "sharpe", "maxDrawdown"]}
        out[name]["rebalanceDates"] = len(rebalances)
    settings = futures.default_settings()
    settings.update({"max_contracts": 4.0, "idm_cap": 2.5, "max_weight": 0.40, "target_vol": 0.10,
                     "max_sr_cost": math.inf, "pre_cost_sr": 0.4, "weights": "equal"})
    steps, stop = fund_selection(etfs, read_products(os.path.join(FUNDS, "products.csv")), 1_000_000.0, settings)
    out["funds select 1,000,000"] = {"steps": steps, "stopReason": stop}
    path = os.path.join(HERE, "fixtures", "funds.json")
    with open(path, "w") as f:
        f.write(json.dumps(out, indent=1) + "\n")
    print(f"wrote {path}")


if __name__ == "__main__":
    main()
