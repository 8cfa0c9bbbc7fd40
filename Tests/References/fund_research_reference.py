"""An independent implementation of DESIGN.md §8's fund research — the factor test (rank IC and quintiles) and
returns-based style analysis — written from the text of DESIGN.md, not from the Swift code, for the golden values of
the fund research tests. numpy and scipy only: Spearman's correlation is scipy.stats.spearmanr (average ranks), the
style weights are found by enumerating every support of the simplex (an exact method, independent of the Swift
active-set solver) and checked against scipy's SLSQP.

    python3 Tests/References/fund_research_reference.py           # writes fixtures/fund-research.json
    python3 Tests/References/fund_research_reference.py --check   # exit 1 if the fixture would change

Inputs: the bundled data/funds files and Tests/References/fixtures/fund-universe/ (a small universe written by
`tradeable generate --funds`, committed so the reference needs no binary: weekly and monthly products, late
starts, stopped products, an irregular one).

Choices where the text is silent (each is also Tradeable's documented behaviour):
- The month ends run from the month of the earliest NAV of any product to the month before the latest one's (the
  last month has no next month).
- A product "passes §8's screens cut at m" when the NAVs on or before m number at least 40 and their median gap
  classifies as monthly or faster; its periods a year are that class's.
- Style analysis: the shared dates are the dates on which the product and every factor have a NAV; P is the
  frequency of those shared dates.
"""
import bisect
import csv
import datetime as dt
import itertools
import json
import math
import os
import sys

import numpy as np
from scipy import optimize, stats

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
FUNDS = os.path.join(ROOT, "data", "funds")
UNIVERSE = os.path.join(HERE, "fixtures", "fund-universe")

# MARK: - Data


def read_wide(path):
    """{code: (dates, navs)} from a wide date,A,B,… file, empty cells skipped."""
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
    return {c: (d, np.array(v)) for c, (d, v) in series.items()}


def read_long(path):
    """{code: (dates, navs)} from a long date,code,nav file, in order of first appearance."""
    series = {}
    with open(path, newline="") as f:
        for row in csv.DictReader(f):
            d, v = series.setdefault(row["code"], ([], []))
            d.append(dt.date.fromisoformat(row["date"]))
            v.append(float(row["nav"]))
    return {c: (d, np.array(v)) for c, (d, v) in series.items()}


def frequency_periods(dates):
    """Periods a year of the median gap's class, None when slower than monthly or fewer than two dates."""
    if len(dates) < 2:
        return None
    gap = float(np.median(np.diff([d.toordinal() for d in dates])))
    for limit, periods in [(4, 252), (10, 52), (17, 26), (35, 12)]:
        if gap <= limit:
            return periods
    return None


# MARK: - Calendar and windows (§8)


def month_end(year, month):
    """The last day of month `month` (0-based: 0 = January) of `year`."""
    return dt.date(year + (month + 1) // 12, (month + 1) % 12 + 1, 1) - dt.timedelta(days=1)


def is_month_end(day):
    return (day + dt.timedelta(days=1)).day == 1


def window_start(day, k):
    """k calendar months before `day`, clipped to the month's length; the last day of that month when `day` is the
    last day of its month."""
    y, m = divmod(day.year * 12 + day.month - 1 - k, 12)
    last = month_end(y, m).day
    return dt.date(y, m + 1, last if is_month_end(day) else min(day.day, last))


def window(dates, navs, end, k):
    """(dates, navs) of the window of k months ending at `end`: NAVs after the start and on or before `end`, plus the
    last NAV on or before the start as base; None when there is no base or nothing after it."""
    through = bisect.bisect_right(dates, end) - 1
    base = bisect.bisect_right(dates, window_start(end, k)) - 1
    if through < 0 or base < 0 or base >= through:
        return None
    return dates[base:through + 1], navs[base:through + 1]


# MARK: - Metrics (§8)


def metrics(dates, navs, periods, risk_free=0.0):
    """The eight factor-test metrics of a window, None where undefined."""
    r = navs[1:] / navs[:-1] - 1
    days = (dates[-1] - dates[0]).days
    cumulative = navs[-1] / navs[0] - 1
    annualised = (navs[-1] / navs[0]) ** (365.25 / days) - 1 if days > 0 else None
    sd = np.std(r, ddof=1) if len(r) >= 2 else None
    volatility = sd * math.sqrt(periods) if sd is not None else None
    downside = math.sqrt(np.mean(np.minimum(r, 0) ** 2)) * math.sqrt(periods)
    sharpe = (np.mean(r) - risk_free / periods) / sd * math.sqrt(periods) if sd else None
    sortino = np.mean(r) * periods / downside if downside > 0 else None
    drawdown = float(np.min(navs / np.maximum.accumulate(navs) - 1))
    calmar = annualised / abs(drawdown) if drawdown < 0 and annualised is not None else None
    return {
        "cumulativeReturn": cumulative, "annualisedReturn": annualised, "volatility": volatility,
        "downsideDeviation": downside, "maxDrawdown": drawdown, "sharpe": sharpe, "sortino": sortino,
        "calmar": calmar,
    }


METRICS = ["cumulativeReturn", "annualisedReturn", "volatility", "downsideDeviation", "maxDrawdown", "sharpe",
           "sortino", "calmar"]
WINDOWS = [("3m", 3), ("6m", 6), ("1y", 12), ("3y", 36)]


# MARK: - Factor test (§8)


def factor_test(series, minimum_navs=40, minimum_products=5, risk_free=0.0):
    first = min(d[0] for d, _ in series.values())
    last = max(d[-1] for d, _ in series.values())
    ends = []
    y, m = first.year, first.month - 1
    while True:
        e = month_end(y, m)
        if e > month_end(last.year, last.month - 1):
            break
        ends.append(e)
        m += 1
        if m == 12:
            y, m = y + 1, 0
    cells = {(metric, w): {"ics": [], "groups": [[] for _ in range(5)]} for metric in METRICS for w, _ in WINDOWS}
    for i in range(len(ends) - 1):
        m, nxt = ends[i], ends[i + 1]
        rows = {key: ([], []) for key in cells}
        for code, (dates, navs) in series.items():
            count = bisect.bisect_right(dates, m)  # NAVs on or before m
            if count < minimum_navs:
                continue
            periods = frequency_periods(dates[:count])
            if periods is None:
                continue
            last_next = bisect.bisect_right(dates, nxt) - 1  # the last NAV of month m + 1, if any
            if last_next < count:
                continue
            next_return = navs[last_next] / navs[count - 1] - 1
            for w, k in WINDOWS:
                win = window(dates, navs, m, k)
                if win is None:
                    continue
                values = metrics(win[0], win[1], periods, risk_free)
                for metric in METRICS:
                    if values[metric] is not None:
                        rows[(metric, w)][0].append(values[metric])
                        rows[(metric, w)][1].append(next_return)
        for key, (values, outcomes) in rows.items():
            if len(values) < minimum_products:
                continue
            rho = stats.spearmanr(values, outcomes).statistic
            if not np.isnan(rho):
                cells[key]["ics"].append((m.isoformat(), float(rho), len(values)))
            ranks = stats.rankdata(values, method="average")
            group = np.floor(5 * (ranks - 1) / len(values)).astype(int)
            for q in range(5):
                members = [o for o, g in zip(outcomes, group) if g == q]
                if members:
                    cells[key]["groups"][q].append(float(np.mean(members)))
    out = []
    for (metric, w), cell in cells.items():
        ics = np.array([ic for _, ic, _ in cell["ics"]])
        n = len(ics)
        sd = float(np.std(ics, ddof=1)) if n >= 2 else None
        mean = float(np.mean(ics)) if n else None
        quintiles = [float(np.mean(g)) if g else None for g in cell["groups"]]
        out.append({
            "metric": metric, "window": w, "meanIC": mean, "standardDeviation": sd,
            "icIR": mean / sd * math.sqrt(12) if sd else None,
            "tStatistic": mean / (sd / math.sqrt(n)) if sd else None,
            "shareAboveZero": float(np.mean(ics > 0)) if n else None, "months": n,
            "quintiles": quintiles,
            "topMinusBottom": quintiles[4] - quintiles[0] if quintiles[4] is not None and quintiles[0] is not None
            else None,
            "ics": [{"date": d, "ic": ic, "products": p} for d, ic, p in cell["ics"]],
        })
    return out


# MARK: - Style analysis (Sharpe 1992)


def shared_returns(product, factors):
    shared = set(product[0])
    for f in factors:
        shared &= set(f[0])
    shared = sorted(shared)

    def on(s):
        lookup = dict(zip(s[0], s[1]))
        v = np.array([lookup[d] for d in shared])
        return v[1:] / v[:-1] - 1

    return shared, on(product), np.column_stack([on(f) for f in factors])


def simplex_least_squares(x, y):
    """min ‖y − x w‖² over w ≥ 0, Σ w = 1 by enumerating supports: on each support S, the equality-constrained
    least squares (KKT system); keep the feasible solution of least objective."""
    k = x.shape[1]
    best = None
    for size in range(1, k + 1):
        for support in itertools.combinations(range(k), size):
            a = x[:, support]
            n = len(support)
            kkt = np.zeros((n + 1, n + 1))
            kkt[:n, :n] = 2 * a.T @ a
            kkt[:n, n] = 1
            kkt[n, :n] = 1
            v = np.linalg.solve(kkt, np.concatenate([2 * a.T @ y, [1]]))[:n]
            if np.any(v < -1e-13):
                continue
            w = np.zeros(k)
            w[list(support)] = np.maximum(v, 0)
            objective = float(np.sum((y - x @ w) ** 2))
            if best is None or objective < best[0] - 1e-20:
                best = (objective, w)
    return best[1]


def style(product, factors, codes):
    shared, y, x = shared_returns(product, factors)
    w = simplex_least_squares(x, y)
    slsqp = optimize.minimize(
        lambda v: float(np.sum((y - x @ v) ** 2)), np.full(len(codes), 1 / len(codes)), method="SLSQP",
        bounds=[(0, 1)] * len(codes), constraints=[{"type": "eq", "fun": lambda v: v.sum() - 1}],
        options={"ftol": 1e-16, "maxiter": 1000})
    e = y - x @ w
    periods = frequency_periods(shared)
    return {
        "returns": len(y), "weights": dict(zip(codes, map(float, w))),
        "rSquared": float(1 - np.var(e, ddof=1) / np.var(y, ddof=1)),
        "trackingError": float(np.std(e, ddof=1) * math.sqrt(periods)),
        "slsqpLargestDifference": float(np.max(np.abs(slsqp.x - w))),
    }


def known_weights():
    """A product built as exactly 0.5 A + 0.3 B + 0.2 C of three made-up monthly factors (returns from sines), plus
    one that no long-only mix reaches (−A): the weights of the first are known, the second lands on a vertex."""
    n = 48
    t = np.arange(n)
    f = np.column_stack([0.03 * np.sin(0.9 * t), 0.02 * np.cos(0.5 * t + 1), 0.01 * np.sin(0.3 * t + 2) + 0.002])
    exact = f @ np.array([0.5, 0.3, 0.2])
    opposite = -f[:, 0]
    return {
        "factorReturns": f.tolist(),
        "exact": simplex_least_squares(f, exact).tolist(),
        "opposite": simplex_least_squares(f, opposite).tolist(),
        "oppositeProduct": opposite.tolist(),
    }


def main():
    stocks = read_wide(os.path.join(FUNDS, "sp500_stocks.csv"))
    etfs = read_wide(os.path.join(FUNDS, "factor_etfs.csv"))
    out = {"source": "Tests/References/fund_research_reference.py"}
    out["factor test sp500_stocks"] = factor_test(stocks)
    if os.path.isdir(UNIVERSE):
        out["factor test fund-universe"] = factor_test(read_long(os.path.join(UNIVERSE, "navs.csv")))
    codes = list(etfs)
    out["style sp500_stocks on factor_etfs"] = {
        code: style(stocks[code], [etfs[c] for c in codes], codes) for code in ["AAPL", "JPM", "KO", "XOM"]}
    out["style known weights"] = known_weights()
    text = json.dumps(out, indent=1, sort_keys=False) + "\n"
    path = os.path.join(HERE, "fixtures", "fund-research.json")
    if "--check" in sys.argv:
        same = os.path.exists(path) and open(path).read() == text
        print("fixture up to date" if same else "fixture would change")
        sys.exit(0 if same else 1)
    with open(path, "w") as f:
        f.write(text)
    print(f"wrote {path}")


if __name__ == "__main__":
    main()
