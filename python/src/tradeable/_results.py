"""The results the client returns: each holds the tool's whole JSON document (`raw`) and DataFrames of its tables."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Optional

import pandas as pd

from ._frames import flattened, frame, records


@dataclass
class Selection:
    """`select` and `funds select`: DESIGN.md §7's document.

    - `instruments`: every input instrument, in input order, indexed by code (volatility, costs, standalone
      ``minimumCapital``, ``status``, ``reasons``, …);
    - `portfolio`: the chosen set, indexed by code (``weight``, ``minimumCapital``, ``contracts``, …); empty when
      nothing can be selected;
    - `steps`: the greedy path, one row per step numbered from 1 (``added``, ``sharpe``, ``idm``,
      ``minimumCapital``);
    - `raw`: the whole document, with every key the tool wrote (``settings``, ``correlation``, …).
    """

    instruments: pd.DataFrame
    portfolio: pd.DataFrame
    steps: pd.DataFrame
    raw: dict = field(repr=False)

    @classmethod
    def from_json(cls, document: dict) -> "Selection":
        portfolio = document.get("portfolio") or {}
        steps = frame(records(document, "steps"))
        steps.index = pd.RangeIndex(1, len(steps) + 1, name="step")
        return cls(
            instruments=frame(records(document, "instruments"), index="code"),
            portfolio=frame(records(portfolio, "instruments", "members"), index="code"),
            steps=steps,
            raw=document,
        )

    def _portfolio(self, key: str) -> Any:
        return (self.raw.get("portfolio") or {}).get(key)

    @property
    def capital(self) -> Optional[float]:
        return self.raw.get("capital")

    @property
    def sharpe(self) -> Optional[float]:
        """The chosen set's expected Sharpe ratio after costs (``None`` when nothing is selected)."""
        return self._portfolio("sharpe")

    @property
    def idm(self) -> Optional[float]:
        return self._portfolio("idm")

    @property
    def smallest_capital(self) -> Optional[float]:
        """The smallest capital at which this exact set is feasible and passes the capital filter."""
        return self._portfolio("smallestCapital")

    @property
    def codes(self) -> list:
        """The chosen instruments' codes, in the order they were added."""
        return list(self.portfolio.index)


@dataclass
class Costs:
    """`costs`: one row per instrument, in input order, indexed by code."""

    instruments: pd.DataFrame
    raw: dict = field(repr=False)

    @classmethod
    def from_json(cls, document: dict) -> "Costs":
        return cls(instruments=frame(records(document, "instruments"), index="code"), raw=document)


@dataclass
class Sweep:
    """`sweep`: one row per capital, indexed by capital (``instrumentCount``, ``sharpe``, ``idm``,
    ``minimumCapital``, ``instruments`` as a list of codes, …)."""

    rows: pd.DataFrame
    raw: dict = field(repr=False)

    @classmethod
    def from_json(cls, document: dict) -> "Sweep":
        return cls(rows=frame(records(document, "rows", "capitals"), index="capital"), raw=document)


@dataclass
class FundMetrics:
    """`funds metrics`: `series` has one row per series (indexed by code: status, reasons, frequency, dates, …);
    `windows` one row per series and window (columns ``code``, ``window``, then the window's metrics)."""

    series: pd.DataFrame
    windows: pd.DataFrame
    raw: dict = field(repr=False)

    @classmethod
    def from_json(cls, document: dict) -> "FundMetrics":
        series = records(document, "series", "products")
        windows = []
        for entry in series:
            for name, metrics in (entry.get("windows") or {}).items():
                if isinstance(metrics, dict):
                    windows.append({"code": entry.get("code"), "window": name, **flattened(metrics)})
                else:  # a window the series does not fill is null
                    windows.append({"code": entry.get("code"), "window": name})
        return cls(series=frame(series, index="code", drop=["windows"]), windows=frame(windows), raw=document)


@dataclass
class FundScore:
    """`funds score`: one row per product, indexed by code (returns, Sharpe ratios, ranks, scores, ``selected``)."""

    products: pd.DataFrame
    raw: dict = field(repr=False)

    @classmethod
    def from_json(cls, document: dict) -> "FundScore":
        return cls(products=frame(records(document, "products", "series"), index="code"), raw=document)

    @property
    def selected(self) -> list:
        return list(self.raw.get("selected") or [])


@dataclass
class FundBacktest:
    """`funds backtest`: `rebalances` (one row per rebalance date), `summary` (one row each for ``strategy`` and
    ``benchmark``: return, volatility, Sharpe, drawdown, …) and `calendar_years` (indexed by year)."""

    rebalances: pd.DataFrame
    summary: pd.DataFrame
    calendar_years: pd.DataFrame
    raw: dict = field(repr=False)

    @classmethod
    def from_json(cls, document: dict) -> "FundBacktest":
        summary = [
            {"portfolio": name, **flattened(document[name])}
            for name in ("strategy", "benchmark")
            if isinstance(document.get(name), dict)
        ]
        return cls(
            rebalances=frame(records(document, "rebalances")),
            summary=frame(summary, index="portfolio"),
            calendar_years=frame(records(document, "calendarYears"), index="year"),
            raw=document,
        )


@dataclass
class FundRegression:
    """`funds regress`: `products` has one row per product (indexed by code: R², tracking error, alpha, …) and
    `coefficients` one row per product and coefficient (``code``, ``name``, ``estimate``, ``standardError``, …)."""

    products: pd.DataFrame
    coefficients: pd.DataFrame
    raw: dict = field(repr=False)

    @classmethod
    def from_json(cls, document: dict) -> "FundRegression":
        products = records(document, "products")
        coefficients = [
            {"code": product.get("code"), **flattened(coefficient)}
            for product in products
            for coefficient in (product.get("coefficients") or product.get("weights") or [])
            if isinstance(coefficient, dict)
        ]
        return cls(
            products=frame(products, index="code", drop=["coefficients"]),
            coefficients=frame(coefficients),
            raw=document,
        )
