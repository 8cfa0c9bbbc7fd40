"""`select --format pysystemtrade`: the chosen set as a pysystemtrade config fragment, read back with PyYAML's
`safe_load` (what pysystemtrade's own config reader uses), on the bundled data and on the bundled pysystemtrade
sample."""

import json
import math
import os
import subprocess

import yaml

from tradeable._binary import find_binary

from conftest import FUTURES, REPOSITORY

PYSYSTEMTRADE_SAMPLE = REPOSITORY / "data" / "pysystemtrade-sample"

# The keys the fragment sets, in pysystemtrade's spelling (systems/provided/futures_chapter15/futuresconfig.yaml and
# sysdata/config/defaults.yaml).
KEYS = [
    "instruments",
    "instrument_weights",
    "instrument_div_multiplier",
    "use_instrument_weight_estimates",
    "use_instrument_div_mult_estimates",
]


def run(*arguments, date_epoch="1700000000"):
    """The tool's standard output; SOURCE_DATE_EPOCH fixes the date in the comments (2023-11-14)."""
    environment = dict(os.environ, SOURCE_DATE_EPOCH=date_epoch)
    done = subprocess.run(
        [str(find_binary()), *arguments, "--quiet"], capture_output=True, text=True, env=environment, check=False
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


def fragment_and_json(*arguments):
    text = run("select", *arguments, "--format", "pysystemtrade")
    document = yaml.safe_load(text)
    selection = json.loads(run("select", *arguments, "--format", "json"))
    return text, document, selection


def check(document, selection):
    assert list(document) == KEYS
    chosen = [member["code"] for member in selection["portfolio"]["instruments"]]
    assert document["instruments"] == chosen
    weights = document["instrument_weights"]
    assert list(weights) == chosen
    # Weights are floats (never strings, as 1e-05 would be in PyYAML), the selection's to the last digit, and sum to
    # 1 within the tolerance the fragment states.
    assert all(type(w) is float and w > 0 for w in weights.values())
    assert [weights[m["code"]] for m in selection["portfolio"]["instruments"]] == [
        m["weight"] for m in selection["portfolio"]["instruments"]
    ]
    assert math.isclose(sum(weights.values()), 1.0, rel_tol=0, abs_tol=1e-12)
    assert document["instrument_div_multiplier"] == selection["portfolio"]["idm"]
    assert document["use_instrument_weight_estimates"] is False
    assert document["use_instrument_div_mult_estimates"] is False


def test_bundled_data_fragment_parses_and_matches_the_selection():
    text, document, selection = fragment_and_json("--data", str(FUTURES), "--capital", "1000000")
    check(document, selection)
    # The bundled data at 1,000,000 USD: twelve instruments at 1/12 each, IDM capped at 2.5 (test_futures.py's CHOSEN).
    assert len(document["instruments"]) == 12 and document["instrument_div_multiplier"] == 2.5
    # Comments: the capital, the data, the date, every setting, and the sizing keys to uncomment.
    assert "# Capital:   1,000,000 USD at a volatility target of 20% a year" in text
    assert f"# Data:      {FUTURES}: 238 instruments, prices to 2023-08-31" in text
    assert "# Written:   2023-11-14 by `tradeable select --data" in text
    assert "#   sizing.targetVolatility: 0.2" in text and "#   selection.weighting: \"equal\"" in text
    commented = yaml.safe_load("\n".join(line[2:] for line in text.splitlines() if line.startswith("# notional")
                                         or line.startswith("# percentage") or line.startswith("# base_currency")))
    assert commented == {"notional_trading_capital": 1000000, "percentage_vol_target": 20.0, "base_currency": "USD"}


def test_other_weights_and_a_pysystemtrade_import():
    # Handcrafted weights differ per instrument: every digit must survive the round trip.
    _, document, selection = fragment_and_json("--data", str(FUTURES), "--capital", "5000000", "--weights", "handcrafted")
    check(document, selection)
    assert len(set(document["instrument_weights"].values())) > 1
    # Codes as pysystemtrade spells them (SP500_micro, GOLD_micro), from its own layout.
    _, document, selection = fragment_and_json("--pysystemtrade", str(PYSYSTEMTRADE_SAMPLE), "--capital", "500000")
    check(document, selection)
    assert document["instruments"] and all(code in {"CORN", "EUR_micro", "GOLD_micro", "SP500_micro", "US10", "V2X"}
                                            for code in document["instruments"])


def test_nothing_selected_is_an_error_not_an_empty_config():
    done = subprocess.run(
        [str(find_binary()), "select", "--data", str(FUTURES), "--capital", "1000", "--format", "pysystemtrade"],
        capture_output=True, text=True, check=False,
    )
    assert done.returncode == 1 and done.stdout == ""
    assert "no pysystemtrade config to write" in done.stderr
