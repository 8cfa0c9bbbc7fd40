"""The futures commands, run on the bundled data (data/futures: 238 instruments, prices to 2023-08-31)."""

import math
import shutil

import pandas as pd
import pytest

import tradeable

from conftest import FUTURES

# The chosen set at 1,000,000 USD with the default (refined) search, in the order built, and the greedy path of
# DESIGN.md §6 it starts beside: the tool's own `select --capital 1000000` table, the Swift suite's SearchGoldenTests
# (Tests/References/search_reference.py) and the numpy reference's greedy path (Tests/References/fixtures,
# bundled-default.pool.json).
CHOSEN = [
    "CNH", "GBPEUR", "SHATZ", "COCOA_LDN", "GAS_US_mini", "EURCHF", "LEANHOG", "ROBUSTA", "MILLWHEAT", "SOYMEAL", "JPY",
    "EU-HEALTH",
]
GREEDY_PATH = [
    "NASDAQ_micro", "CORN", "US10U", "CNH", "COCOA_LDN", "EURCHF", "GBPEUR", "HANGTECH", "LEANHOG", "GAS_US_mini",
]


def test_select_lists_every_instrument_in_input_order(selection):
    assert len(selection.instruments) == 238
    codes = [line.split(",", 1)[0] for line in (FUTURES / "instruments.csv").read_text().splitlines()[1:] if line]
    assert list(selection.instruments.index) == codes
    assert selection.instruments["status"].value_counts().to_dict() == {"excluded": 128, "eligible": 98, "selected": 12}


def test_select_portfolio(selection):
    assert selection.codes == CHOSEN
    assert list(selection.steps["added"]) == GREEDY_PATH
    assert list(selection.steps.index) == list(range(1, 11))
    weights = selection.portfolio["weight"]
    assert math.isclose(weights.sum(), 1.0, rel_tol=0, abs_tol=1e-12)
    assert (weights > 0).all()
    # Equal weights (the default scheme): 1/12 each.
    assert all(math.isclose(w, 1 / 12, rel_tol=1e-12) for w in weights)
    # Every member is listed as selected among the instruments.
    assert (selection.instruments.loc[CHOSEN, "status"] == "selected").all()


def test_select_numbers_are_the_documents(selection):
    raw = selection.raw
    # The Sharpe ratio the JSON gives is the one the client reports; the refined set beats the greedy path's last
    # step (DESIGN.md §6b).
    assert selection.sharpe == raw["portfolio"]["sharpe"]
    assert selection.steps["sharpe"].iloc[-1] == raw["steps"][-1]["sharpe"]
    assert math.isclose(selection.sharpe, 1.0995, abs_tol=5e-5)  # the tool's table: 1.0995
    assert math.isclose(selection.steps["sharpe"].iloc[-1], 1.0506, abs_tol=5e-5)  # the greedy path's end
    assert selection.sharpe >= selection.steps["sharpe"].iloc[-1]
    assert selection.idm == raw["portfolio"]["idm"] == 2.5  # IDM capped at 2.5
    for member in raw["portfolio"]["instruments"]:
        row = selection.portfolio.loc[member["code"]]
        assert row["weight"] == member["weight"] and row["minimumCapital"] == member["minimumCapital"]
    # DESIGN.md §7: the set's minimum capital is the largest of its members'.
    assert math.isclose(raw["portfolio"]["minimumCapital"], selection.portfolio["minimumCapital"].max(), rel_tol=1e-12)
    assert selection.capital == 1_000_000


def test_select_options_reach_the_tool(client):
    few = client.select(capital=1_000_000, max_instruments=3)
    # At most three: the greedy path stops at its third step, and refinement finds a better three (`tradeable select
    # --capital 1000000 --max-instruments 3`).
    assert list(few.steps["added"]) == GREEDY_PATH[:3]
    assert few.codes == ["CORN", "HANGTECH", "CAD10"]
    assert few.raw["settings"]["selection"]["maxInstruments"] == 3


def test_nothing_selected_gives_empty_frames(client):
    poor = client.select(capital=1_000)
    assert poor.portfolio.empty and poor.steps.empty
    assert poor.sharpe is None and len(poor.instruments) == 238


def test_costs(client):
    costs = client.costs()
    table = costs.instruments
    assert len(table) == 238
    # DESIGN.md §4.4: annual SR cost = cost per trade in SR units × trades per year.
    known = table.dropna(subset=["annualSRCost", "costPerTradeSR", "tradesPerYear"])
    assert len(known) > 200
    for _, row in known.iterrows():
        assert math.isclose(row["annualSRCost"], row["costPerTradeSR"] * row["tradesPerYear"], rel_tol=1e-9)
    # The same instrument, the same numbers as select's.
    selection = client.select(capital=1_000_000)
    assert table.loc["CORN", "annualSRCost"] == selection.instruments.loc["CORN", "annualSRCost"]


def test_sweep_list_matches_select(client, selection):
    sweep = client.sweep([500_000, 1_000_000])
    assert list(sweep.rows.index) == [500_000, 1_000_000]
    row = sweep.rows.loc[1_000_000]
    assert row["sharpe"] == selection.sharpe
    assert list(row["instruments"]) == selection.codes


def test_sweep_range(client):
    sweep = client.sweep(from_=10_000, to=50_000_000, steps=5)
    assert len(sweep.rows) == 5
    assert sweep.rows.index[0] == 10_000 and sweep.rows.index[-1] == 50_000_000
    assert sweep.rows.index.is_monotonic_increasing


def test_bad_data_raises_with_the_tools_message(tmp_path):
    bad = tmp_path / "futures"
    shutil.copytree(FUTURES, bad)
    prices = bad / "prices" / "CORN.csv"
    lines = prices.read_text().splitlines()
    lines[2] = lines[2].split(",")[0] + ",six hundred"
    prices.write_text("\n".join(lines) + "\n")
    with pytest.raises(tradeable.TradeableError) as caught:
        tradeable.Client(data=bad).select(capital=1_000_000)
    error = caught.value
    assert "CORN.csv:3:2: error: cannot read 'six hundred' as a price" in error.message
    assert error.returncode == 1
    assert error.command[1] == "select"
    assert "six hundred" in str(error) and "(exit code 1)" in str(error)


def test_missing_folder_raises(client, tmp_path):
    with pytest.raises(tradeable.TradeableError) as caught:
        client.select(capital=1_000_000, data=tmp_path / "nowhere")
    assert "no such folder" in caught.value.message and caught.value.returncode != 0


def test_module_functions_use_the_default_client(selection):
    # The default client finds the same binary (TRADEABLE_BINARY, PATH or the checkout's build folder).
    again = tradeable.select(capital=1_000_000, data=FUTURES)
    assert again.codes == selection.codes and again.sharpe == selection.sharpe
    assert isinstance(again.instruments, pd.DataFrame)
