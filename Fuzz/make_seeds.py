#!/usr/bin/env python3
"""Seed corpora for the fuzz targets, cut from the bundled data under data/ (small, so that mutations stay fast).

    python3 Fuzz/make_seeds.py OUTDIR [SETTINGS_JSON ...]

Writes OUTDIR/TARGET/NAME for every target of InputFuzzTarget. Archives (data-folder, pysystemtrade-folder,
funds-folder) hold several files, each after a line `=== PATH` (see FuzzArchive). SETTINGS_JSON are settings
documents (a run's JSON output) to seed the settings target. The same data gives the same seeds.
"""
import os
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def read(*path):
    with open(os.path.join(ROOT, *path), "rb") as f:
        return f.read()


def lines(data):
    return data.splitlines(keepends=True)


def head(data, n):
    return b"".join(lines(data)[:n])


def tail(data, n):
    rows = lines(data)
    return rows[0] + b"".join(rows[1:][-n:])


def archive(files):
    return b"".join(b"=== " + path.encode() + b"\n" + contents for path, contents in files)


def main():
    out = sys.argv[1]
    seeds = {}
    futures = ("data", "futures")
    instruments = read(*futures, "instruments.csv")
    seeds["instruments"] = {"all.csv": instruments, "head.csv": head(instruments, 6)}
    seeds["fx"] = {"fx.csv": read(*futures, "fx.csv")}
    seeds["products"] = {"products.csv": read("data", "funds", "products.csv")}

    rows = lines(instruments)
    header = rows[0]
    picked = []
    for row in rows[1:]:
        code = row.split(b",")[0].decode()
        if os.path.exists(os.path.join(ROOT, *futures, "prices", code + ".csv")):
            picked.append((code, row))
        if len(picked) == 3:
            break
    prices = {code: read(*futures, "prices", code + ".csv") for code, _ in picked}
    seeds["price-file"] = {f"{code}.csv": tail(data, 60) for code, data in prices.items()}

    # A long file of the codes the target knows (LONG, ES, CL), rows of three bundled files interleaved by date.
    long_rows = []
    for target_code, (code, _) in zip(["LONG", "ES", "CL"], picked):
        for row in lines(tail(prices[code], 40))[1:]:
            date, rest = row.split(b",", 1)
            long_rows.append((date, target_code.encode(), rest))
    long_rows.sort()
    seeds["long-price-file"] = {
        "long.csv": b"date,code,price\n" + b"".join(d + b"," + c + b"," + r for d, c, r in long_rows)
    }

    navs = read("data", "funds", "factor_etfs.csv")
    index = read("data", "funds", "sp500_index.csv")
    long_navs = [b"date,code,nav\n"]
    nav_header = lines(navs)[0].strip().split(b",")
    for row in lines(tail(navs, 30))[1:]:
        fields = row.strip().split(b",")
        for code, value in zip(nav_header[1:], fields[1:]):
            long_navs.append(fields[0] + b"," + code + b"," + value + b"\n")
    seeds["nav"] = {"wide.csv": tail(navs, 80), "single.csv": tail(index, 80), "long.csv": b"".join(long_navs)}

    sample = ("data", "pysystemtrade-sample")
    adjusted = sorted(os.listdir(os.path.join(ROOT, *sample, "adjusted_prices_csv")))
    seeds["pysystemtrade-prices"] = {name: tail(read(*sample, "adjusted_prices_csv", name), 80) for name in adjusted[:3]}
    seeds["pysystemtrade-prices"]["EURUSD.csv"] = tail(read(*sample, "fx_prices_csv", "EURUSD.csv"), 40)

    settings = {}
    for k, path in enumerate(sys.argv[2:]):
        with open(path, "rb") as f:
            settings[f"settings{k}.json"] = f.read()
    settings["empty.json"] = b"{}\n"
    settings["risk.json"] = b'{"risk": {"volatilityWindow": 256}, "correlation": {"weeks": 104, "floor": -1}}\n'
    seeds["settings"] = settings

    # Whole folders: three instruments with 600 prices each (enough for the default history filter).
    folder = [("instruments.csv", header + b"".join(row for _, row in picked)), ("fx.csv", read(*futures, "fx.csv"))]
    long_file = [b"date,code,price" + (b",volume" if b"volume" in lines(prices[picked[0][0]])[0] else b"") + b"\n"]
    for code, _ in picked:
        folder.append((f"prices/{code}.csv", tail(prices[code], 600)))
    merged = []
    for code, _ in picked:
        for row in lines(tail(prices[code], 600))[1:]:
            date, rest = row.split(b",", 1)
            merged.append((date, code.encode(), rest))
    merged.sort()
    seeds["data-folder"] = {
        "folder.txt": archive(folder),
        "long.txt": archive(folder[:2] + [("prices.csv", b"date,code,price\n" + b"".join(
            d + b"," + c + b"," + r.split(b",")[0].strip() + b"\n" for d, c, r in merged))]),
        "small.txt": archive([(p, head(c, 40) if p.startswith("prices/") else c) for p, c in folder]),
    }

    config = {name: read(*sample, "csvconfig", name) for name in ["instrumentconfig.csv", "spreadcosts.csv",
                                                                   "rollconfig.csv"]}
    codes = [name[:-4] for name in adjusted[:3]]
    files = []
    for name, data in config.items():
        kept = [lines(data)[0]] + [r for r in lines(data)[1:] if r.split(b",")[0].decode() in codes]
        files.append(("csvconfig/" + name, b"".join(kept)))
    for code in codes:
        files.append((f"adjusted_prices_csv/{code}.csv", tail(read(*sample, "adjusted_prices_csv", code + ".csv"), 600)))
    files.append(("fx_prices_csv/EURUSD.csv", tail(read(*sample, "fx_prices_csv", "EURUSD.csv"), 20)))
    seeds["pysystemtrade-folder"] = {"sample.txt": archive(files)}

    seeds["funds-folder"] = {
        "funds.txt": archive([("navs.csv", tail(navs, 900)), ("products.csv", read("data", "funds", "products.csv"))])
    }

    for target, files in seeds.items():
        os.makedirs(os.path.join(out, target), exist_ok=True)
        for name, data in files.items():
            with open(os.path.join(out, target, name), "wb") as f:
                f.write(data)


if __name__ == "__main__":
    main()
