"""Writes the made-up pysystemtrade folders the importer tests read (Tests/Fixtures/pysystemtrade/).

Every instrument, price, cost and rate here is MADE UP: three invented instruments (ALPHA, BRAVO, CHARLIE_mini) and
one FX rate, written in each file layout pysystemtrade has used, so the tests can check that every layout imports to
the same universe. The layouts follow robcarver17/pysystemtrade's own files (column names, file names, folders);
see docs/pysystemtrade.md.

    python3 Tests/Fixtures/pysystemtrade/make_fixtures.py          # rewrites the folders below
"""

import os
import shutil

HERE = os.path.dirname(os.path.abspath(__file__))

# code, description, point size, currency, asset class, half spread, per block, percentage, per trade, hold cycle
INSTRUMENTS = [
    ("ALPHA", "Alpha equity index (made up)", "50", "USD", "Equity", "0.25", "2", "0", "0", "HMUZ"),
    ("BRAVO", "Bravo 10 year bond (made up)", "1000", "EUR", "Bond", "0.005", "1.5", "0", "0", "Z"),
    ("CHARLIE_mini", "Charlie grain mini (made up)", "10", "USD", "Ags", "0.125", "0", "0.0001", "0", "GJMQVZ"),
]

# Timestamped rows of the adjusted prices: several intraday rows on some days, empty prices (pandas' NaN), float
# noise as pandas writes it.
PRICES = {
    "ALPHA": [
        ("2018-03-01 14:00:00", "2701.25"),
        ("2018-03-01 23:00:00", ""),
        ("2018-03-02 09:00:00", "2710.5"),
        ("2018-03-02 15:30:00", "2712.0"),
        ("2018-03-05 23:00:00", "2698.7500000000005"),
        ("2018-03-06 23:00:00", "2705.0"),
    ],
    "BRAVO": [
        ("2018-03-01 23:00:00", "160.12"),
        ("2018-03-02 23:00:00", "159.98"),
        ("2018-03-05 23:00:00", "nan"),
        ("2018-03-06 23:00:00", "160.4"),
    ],
    "CHARLIE_mini": [
        ("2018-03-01 20:00:00", "371.25"),
        ("2018-03-02 20:00:00", "372.5"),
        ("2018-03-05 20:00:00", "370.0"),
        ("2018-03-06 20:00:00", "369.75"),
    ],
}

# USD per EUR.
EURUSD = [("2018-03-01", "1.2267"), ("2018-03-02", "1.2317"), ("2018-03-05", "1.2336")]

MONTHS = "FGHJKMNQUVXZ"


def held_contracts(cycle):
    """Month-end rows from 2016-01 to 2018-02 with the contract held: the next month of `cycle` after this one."""
    months = [MONTHS.index(letter) + 1 for letter in cycle]
    rows = []
    for year in (2016, 2017, 2018):
        for month in range(1, 13):
            if (year, month) > (2018, 2):
                break
            later = [m for m in months if m > month]
            held = (year, later[0]) if later else (year + 1, months[0])
            rows.append((f"{year}-{month:02d}-28 00:00:00", f"{held[0]}{held[1]:02d}"))
    return rows


def write(path, lines):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", newline="\n") as f:
        f.write("\n".join(lines) + "\n")


def price_lines(code, header):
    return [header] + [f"{t},{p}" for t, p in PRICES[code]]


def today(root):
    """data/futures as pysystemtrade writes it today: spreadcosts.csv, csvconfig/rollconfig.csv, DATETIME,PRICE FX."""
    cfg = os.path.join(root, "csvconfig")
    write(os.path.join(cfg, "instrumentconfig.csv"),
          ["Instrument,Description,Pointsize,Currency,AssetClass,PerBlock,Percentage,PerTrade,Region"]
          + [f"{c},{d},{p},{ccy},{a},{pb},{pc},{pt},{'EMEA' if ccy == 'EUR' else 'US'}"
             for c, d, p, ccy, a, _, pb, pc, pt, _ in INSTRUMENTS])
    write(os.path.join(cfg, "spreadcosts.csv"),
          ["Instrument,SpreadCost"] + [f"{i[0]},{i[5]}" for i in INSTRUMENTS])
    write(os.path.join(cfg, "rollconfig.csv"),
          ["Instrument,HoldRollCycle,RollOffsetDays,CarryOffset,PricedRollCycle,ExpiryOffset"]
          + [f"{i[0]},{i[9]},-5,1,{i[9]},15" for i in INSTRUMENTS])
    for code in PRICES:
        write(os.path.join(root, "adjusted_prices_csv", code + ".csv"), price_lines(code, "DATETIME,price"))
    write(os.path.join(root, "fx_prices_csv", "EURUSD.csv"),
          ["DATETIME,PRICE"] + [f"{d} 23:00:00,{r}" for d, r in EURUSD])


def checkout_2018(root):
    """A made-up pysystemtrade checkout of about 2018: data/futures with the costs in instrumentconfig.csv (Slippage
    column, columns in the order that file had), FX files headed DATETIME,FX, rollconfig.csv under
    sysinit/futures/config/ (naming ALPHA and BRAVO only: CHARLIE_mini's roll cycle comes from the contracts held in
    multiple_prices_csv), and beside it the legacy csv folder data/futures/legacycsv."""
    futures = os.path.join(root, "data", "futures")
    write(os.path.join(futures, "csvconfig", "instrumentconfig.csv"),
          ["Instrument,Pointsize,Percentage,PerBlock,PerTrade,AssetClass,Currency,Description,Slippage"]
          + [f"{c},{p},{pc},{pb},{pt},{a},{ccy},{d},{s}" for c, d, p, ccy, a, s, pb, pc, pt, _ in INSTRUMENTS]
          + ["ZULU,100,,,,Equity,USD,Configured only (made up),"])
    for code in PRICES:
        write(os.path.join(futures, "adjusted_prices_csv", code + ".csv"), price_lines(code, "DATETIME,PRICE"))
    write(os.path.join(futures, "fx_prices_csv", "EURUSD.csv"), ["DATETIME,FX"] + [f"{d},{r}" for d, r in EURUSD])
    write(os.path.join(futures, "multiple_prices_csv", "CHARLIE_mini.csv"),
          ["DATETIME,CARRY,CARRY_CONTRACT,PRICE,PRICE_CONTRACT,FORWARD,FORWARD_CONTRACT"]
          + [f"{t},,,370.0,{c}00,,{c}00" for t, c in held_contracts("GJMQVZ")])
    write(os.path.join(root, "sysinit", "futures", "config", "rollconfig.csv"),
          ["Instrument,HoldRollCycle,RollOffsetDays,CarryOffset,PricedRollCycle,ExpiryOffset"]
          + [f"{i[0]},{i[9]},-5,1,{i[9]},15" for i in INSTRUMENTS if i[0] != "CHARLIE_mini"])
    legacy(os.path.join(futures, "legacycsv"))


def legacy(folder):
    """The legacy csv layout: one flat folder, costs in costs_analysis.csv, no roll configuration (the roll cycle is
    read from the contracts held in CODE_carrydata.csv)."""
    write(os.path.join(folder, "instrumentconfig.csv"),
          ["Instrument,Pointsize,AssetClass,Currency"] + [f"{i[0]},{i[2]},{i[4]},{i[3]}" for i in INSTRUMENTS])
    write(os.path.join(folder, "costs_analysis.csv"),
          ["Instrument,Slippage,PerBlock,Percentage,PerTrade"]
          + [f"{i[0]},{i[5]},{i[6]},{i[7]},{i[8]}" for i in INSTRUMENTS])
    for code, _, _, _, _, _, _, _, _, cycle in INSTRUMENTS:
        write(os.path.join(folder, code + "_price.csv"), price_lines(code, "DATETIME,PRICE"))
        write(os.path.join(folder, code + "_carrydata.csv"),
              ["DATETIME,PRICE,CARRY,CARRY_CONTRACT,PRICE_CONTRACT"]
              + [f"{t},100.0,,{c},{c}" for t, c in held_contracts(cycle)])
    write(os.path.join(folder, "EURUSDfx.csv"), ["DATETIME,FX"] + [f"{d},{r}" for d, r in EURUSD])


if __name__ == "__main__":
    for name in ("today", "checkout-2018"):
        shutil.rmtree(os.path.join(HERE, name), ignore_errors=True)
    today(os.path.join(HERE, "today"))
    checkout_2018(os.path.join(HERE, "checkout-2018"))
