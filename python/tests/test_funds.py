"""The fund commands, run on the bundled fund data (data/funds: five factor ETFs, the S&P 500 index)."""

import math

import pytest

from conftest import FUNDS


def test_metrics(client):
    metrics = client.funds.metrics()
    assert {"MTUM", "QUAL", "SIZE", "USMV", "VLUE"} <= set(metrics.series.index)
    assert (metrics.series["frequency"] == "daily").all()
    windows = metrics.windows.set_index(["code", "window"])
    assert set(metrics.windows["window"]) >= {"3m", "6m", "1y", "3y"}
    # The frame holds the JSON's numbers.
    raw = next(s for s in metrics.raw["series"] if s["code"] == "MTUM")["windows"]["3y"]
    assert windows.loc[("MTUM", "3y"), "sharpe"] == raw["sharpe"]
    # DESIGN.md §8: Calmar = annualised return / |maximum drawdown|.
    for (code, window), row in windows.dropna(subset=["calmar"]).iterrows():
        assert math.isclose(row["calmar"], row["annualisedReturn"] / abs(row["maxDrawdown"]), rel_tol=1e-12), code


def test_score(client):
    score = client.funds.score()
    products = score.products
    assert sorted(products.index[products["selected"]]) == sorted(score.selected)
    # DESIGN.md §8: keep ceil(0.2 N), at least 2; total score = mean of the return and Sharpe scores.
    assert len(score.selected) == max(2, math.ceil(0.2 * score.raw["ranked"]))
    ranked = products.dropna(subset=["score"])
    for _, row in ranked.iterrows():
        assert math.isclose(row["score"], (row["returnScore"] + row["sharpeScore"]) / 2, rel_tol=1e-12)
        assert 0 <= row["score"] < 1


def test_backtest(client):
    backtest = client.funds.backtest()
    assert list(backtest.summary.index) == ["strategy", "benchmark"]
    # The calendar years compound to the whole period's cumulative return.
    for portfolio in ("strategy", "benchmark"):
        compounded = math.prod(1 + r for r in backtest.calendar_years[portfolio]) - 1
        assert math.isclose(compounded, backtest.summary.loc[portfolio, "cumulativeReturn"], rel_tol=1e-9)
    assert len(backtest.rebalances) == len(backtest.raw["rebalances"]) > 0


def test_regress(client):
    regression = client.funds.regress()
    factors = regression.raw["factors"]
    products = regression.products
    assert len(products) >= 5
    per_product = regression.coefficients.groupby("code").size()
    intercept = 1 if regression.raw["intercept"] else 0
    assert (per_product == len(factors) + intercept).all()
    assert ((products["rSquared"] >= 0) & (products["rSquared"] <= 1)).all()
    # Adjusted R² = 1 − (1 − R²)(n − 1)/(n − k − 1), k regressors besides the intercept.
    for _, row in products.iterrows():
        n, k = row["observations"], len(factors)
        expected = 1 - (1 - row["rSquared"]) * (n - 1) / (n - k - 1)
        assert math.isclose(row["adjustedRSquared"], expected, rel_tol=1e-9)


def test_select(client):
    selection = client.funds.select(capital=10_000_000)
    weights = selection.portfolio["weight"]
    assert math.isclose(weights.sum(), 1.0, abs_tol=1e-12)
    assert selection.sharpe == selection.raw["portfolio"]["sharpe"]
    assert (selection.instruments.loc[selection.codes, "status"] == "selected").all()


def test_navs_argument(client):
    metrics = client.funds.metrics(FUNDS / "factor_etfs.csv", products=FUNDS / "products.csv")
    assert "MTUM" in metrics.series.index
