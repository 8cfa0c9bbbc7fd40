"""The client reads documents by key: added keys become extra columns, key order does not matter. No binary needed."""

import json
import math

import pytest

import tradeable
from tradeable import option_arguments

DOCUMENT = {
    "capital": 100000,
    "baseCurrency": "USD",
    "portfolio": {
        "sharpe": 0.5, "idm": 1.2, "minimumCapital": 90000, "smallestCapital": 95000,
        "instruments": [{"code": "A", "weight": 0.5, "minimumCapital": 90000},
                        {"code": "B", "weight": 0.5, "minimumCapital": 80000}],
    },
    "steps": [{"added": "A", "sharpe": 0.4, "idm": 1, "minimumCapital": 40000},
              {"added": "B", "sharpe": 0.5, "idm": 1.2, "minimumCapital": 90000}],
    "instruments": [{"code": "A", "status": "selected"}, {"code": "B", "status": "selected"},
                    {"code": "C", "status": "excluded", "reasons": ["cost"]}],
}


def test_added_keys_and_any_order():
    extended = json.loads(json.dumps(DOCUMENT))
    extended["search"] = {"mode": "refined", "start": "greedy", "startSet": ["A"]}
    extended["refinement"] = [{"added": "B", "removed": None, "sharpe": 0.5}]
    extended["portfolio"]["instruments"][0]["exposure"] = 1.5e5  # a key only some rows have
    reordered = {key: extended[key] for key in reversed(list(extended))}
    selection = tradeable.Selection.from_json(reordered)
    assert selection.codes == ["A", "B"]
    assert list(selection.steps["added"]) == ["A", "B"]
    assert math.isnan(selection.portfolio.loc["B", "exposure"]) and selection.portfolio.loc["A", "exposure"] == 1.5e5
    assert selection.raw["search"]["mode"] == "refined"
    assert selection.smallest_capital == 95000
    assert selection.instruments.loc["C", "reasons"] == ["cost"]


def test_option_arguments():
    assert option_arguments({"target_vol": 0.2, "max_instruments": 8, "from_": 10_000, "unrounded": True,
                             "sweep": False, "window": None, "capital": [25_000, 5e4]}) == [
        "--target-vol", "0.2", "--max-instruments", "8", "--from", "10000", "--unrounded", "--no-sweep",
        "--capital", "25000,50000.0"]


def test_missing_binary():
    with pytest.raises(tradeable.TradeableError) as caught:
        tradeable.find_binary("/nonexistent/tradeable")
    assert "no such executable" in caught.value.message and caught.value.returncode is None


def test_binary_variable(monkeypatch):
    monkeypatch.setenv(tradeable.BINARY_VARIABLE, "/nonexistent/tradeable")
    with pytest.raises(tradeable.TradeableError) as caught:
        tradeable.find_binary()
    assert "TRADEABLE_BINARY=/nonexistent/tradeable" in caught.value.message


def test_build_folder_of_the_current_checkout(monkeypatch, tmp_path):
    # Lookup order: argument, TRADEABLE_BINARY, PATH, the package's checkout, then the current directory's checkout.
    checkout = tmp_path / "checkout"
    (checkout / "Sources").mkdir(parents=True)
    (checkout / "Package.swift").write_text("// swift-tools-version:6.0\n")
    debug = checkout / ".build" / "debug" / "tradeable"
    debug.parent.mkdir(parents=True)
    debug.write_text("#!/bin/sh\n")
    debug.chmod(0o755)
    monkeypatch.delenv(tradeable.BINARY_VARIABLE, raising=False)
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))
    monkeypatch.chdir(checkout / "Sources")
    import tradeable._binary as binary
    monkeypatch.setattr(binary, "__file__", str(tmp_path / "site-packages" / "tradeable" / "_binary.py"))
    assert tradeable.find_binary() == debug
    release = checkout / ".build" / "release" / "tradeable"
    release.parent.mkdir(parents=True)
    release.write_text("#!/bin/sh\n")
    release.chmod(0o755)
    assert tradeable.find_binary() == release  # release before debug
