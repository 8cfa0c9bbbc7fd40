"""The client: one method per command of the tool."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any, Optional, Sequence

from ._binary import PathLike, find_binary, option_arguments, run_json
from ._results import Costs, FundBacktest, FundMetrics, FundRegression, FundScore, Selection, Sweep


class Client:
    """Runs one `tradeable` binary. `binary` is found by `find_binary` when not given; `data` is the default data
    folder (``--data``) of the futures commands (the tool's bundled data when ``None``); `timeout` is in seconds.

    Every method takes the tool's options as keyword arguments, spelt as in Python (``target_vol=0.25`` is
    ``--target-vol 0.25``, ``max_instruments=8``, ``no_sweep=True``); see `tradeable <command> --help` for them. Any
    other argument can be passed through `arguments`. A failure raises `TradeableError` with the tool's message.
    """

    def __init__(self, binary: Optional[PathLike] = None, data: Optional[PathLike] = None,
                 timeout: Optional[float] = None):
        self.binary: Path = find_binary(binary)
        self.data = data
        self.timeout = timeout
        self.funds = Funds(self)

    def run(self, command: Sequence[str], options: dict, arguments: Sequence[str] = ()) -> dict:
        """Runs `command` (e.g. ``["funds", "score"]``) with `options` and `arguments` and returns its JSON."""
        if "format" in options:
            raise TypeError("the client always asks for --format json; leave format out")
        return run_json(self.binary, [*command, *option_arguments(options), *arguments], timeout=self.timeout)

    def _futures(self, options: dict) -> dict:
        if self.data is not None and options.get("data") is None and options.get("pysystemtrade") is None:
            options = {"data": self.data, **options}
        return options

    def select(self, capital: float, arguments: Sequence[str] = (), **options: Any) -> Selection:
        """`tradeable select --capital K`: the chosen set, its greedy path and every instrument."""
        document = self.run(["select"], self._futures({"capital": capital, **options}), arguments)
        return Selection.from_json(document)

    def costs(self, arguments: Sequence[str] = (), **options: Any) -> Costs:
        """`tradeable costs`: every instrument's cost per trade, trades a year, SR cost and standalone capital."""
        return Costs.from_json(self.run(["costs"], self._futures(options), arguments))

    def sweep(self, capitals: Optional[Sequence[float]] = None, arguments: Sequence[str] = (),
              **options: Any) -> Sweep:
        """`tradeable sweep`: the selection at each of `capitals`, or over a log-spaced range given as
        ``from_=…, to=…, steps=…`` (``from`` is a Python keyword)."""
        if capitals is not None:
            options = {"capital": list(capitals), **options}
        return Sweep.from_json(self.run(["sweep"], self._futures(options), arguments))


class Funds:
    """The fund commands (`tradeable funds …`). `navs` is the NAV file or folder (the bundled factor ETFs when
    ``None``)."""

    def __init__(self, client: Client):
        self._client = client

    def _run(self, command: str, navs: Optional[PathLike], options: dict, arguments: Sequence[str]) -> dict:
        positional = [os.fspath(navs)] if navs is not None else []
        return self._client.run(["funds", command], options, [*positional, *arguments])

    def metrics(self, navs: Optional[PathLike] = None, arguments: Sequence[str] = (), **options: Any) -> FundMetrics:
        """`tradeable funds metrics`: per series its screens, and per window its return, risk and ratio metrics."""
        return FundMetrics.from_json(self._run("metrics", navs, options, arguments))

    def score(self, navs: Optional[PathLike] = None, arguments: Sequence[str] = (), **options: Any) -> FundScore:
        """`tradeable funds score`: the rank scores at a date and the products kept."""
        return FundScore.from_json(self._run("score", navs, options, arguments))

    def backtest(self, navs: Optional[PathLike] = None, arguments: Sequence[str] = (),
                 **options: Any) -> FundBacktest:
        """`tradeable funds backtest`: the rank strategy against its benchmark."""
        return FundBacktest.from_json(self._run("backtest", navs, options, arguments))

    def regress(self, navs: Optional[PathLike] = None, arguments: Sequence[str] = (),
                **options: Any) -> FundRegression:
        """`tradeable funds regress`: each product regressed on the factors."""
        return FundRegression.from_json(self._run("regress", navs, options, arguments))

    def select(self, capital: float, navs: Optional[PathLike] = None, arguments: Sequence[str] = (),
               **options: Any) -> Selection:
        """`tradeable funds select --capital K`: fund-of-funds selection (DESIGN.md §7's document)."""
        return Selection.from_json(self._run("select", navs, {"capital": capital, **options}, arguments))
