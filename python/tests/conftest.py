"""Fixtures: the repository's bundled data and a client on the built binary.

The binary is found as the client finds it (`TRADEABLE_BINARY`, then `PATH`, then the checkout's `.build/release` and
`.build/debug`); CI sets `TRADEABLE_BINARY=.build/release/tradeable` after building it. No binary is an error, not a
skip: these tests exist to run the real tool.
"""

from pathlib import Path

import pytest

import tradeable

REPOSITORY = Path(__file__).resolve().parents[2]
FUTURES = REPOSITORY / "data" / "futures"
FUNDS = REPOSITORY / "data" / "funds"


@pytest.fixture(scope="session")
def client() -> tradeable.Client:
    return tradeable.Client(data=FUTURES)


@pytest.fixture(scope="session")
def selection(client) -> tradeable.Selection:
    return client.select(capital=1_000_000)
