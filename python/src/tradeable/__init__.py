"""Run the `tradeable` command-line tool from Python and get its answers as pandas DataFrames.

    import tradeable
    selection = tradeable.select(capital=1_000_000)
    selection.portfolio             # the chosen set, indexed by code
    tradeable.funds.metrics().windows

The module-level functions use one `Client` made on first use (the binary found by `find_binary`); make a `Client`
to choose the binary, a default data folder or a timeout. Failures raise `TradeableError`, which carries the tool's
error text (`message`) and exit code (`returncode`).
"""

from __future__ import annotations

from typing import Any, Optional, Sequence

from ._binary import BINARY_VARIABLE, TradeableError, find_binary, option_arguments
from ._client import Client, Funds
from ._results import Costs, FundBacktest, FundMetrics, FundRegression, FundScore, Selection, Sweep

__all__ = [
    "BINARY_VARIABLE", "Client", "Costs", "FundBacktest", "FundMetrics", "FundRegression", "FundScore", "Funds",
    "Selection", "Sweep", "TradeableError", "costs", "find_binary", "funds", "option_arguments", "select", "sweep",
]
__version__ = "0.1.0"

_default: Optional[Client] = None


def _client() -> Client:
    global _default
    if _default is None:
        _default = Client()
    return _default


def select(capital: float, arguments: Sequence[str] = (), **options: Any) -> Selection:
    """`tradeable select --capital K` (see `Client.select`)."""
    return _client().select(capital, arguments, **options)


def costs(arguments: Sequence[str] = (), **options: Any) -> Costs:
    """`tradeable costs` (see `Client.costs`)."""
    return _client().costs(arguments, **options)


def sweep(capitals: Optional[Sequence[float]] = None, arguments: Sequence[str] = (), **options: Any) -> Sweep:
    """`tradeable sweep` (see `Client.sweep`)."""
    return _client().sweep(capitals, arguments, **options)


class _DefaultFunds:
    """`tradeable.funds.metrics()` and friends, on the default client."""

    def __getattr__(self, name: str) -> Any:
        return getattr(_client().funds, name)


funds = _DefaultFunds()
