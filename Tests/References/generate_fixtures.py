#!/usr/bin/env python3
"""Writes the golden fixtures of the Swift tests from the independent numpy reference (tradeable_reference.py).

    python3 Tests/References/generate_fixtures.py [--repair pool|eligible|both] [--check]

Each fixture names its scenario, the settings and the command line that reproduces it with the binary. With
`--check` nothing is written: the script says which fixtures would change (exit 1 if any).
"""
import argparse
import json
import math
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import tradeable_reference as ref  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(HERE))
BUNDLED = os.path.join(ROOT, "data", "futures")
FIXTURES = os.path.join(HERE, "fixtures")

# Non-default settings: every value differs from DESIGN.md's default, with max-Sharpe weights and a floor.
NON_DEFAULT = {
    "weights": "max-sharpe",
    "correlation_floor": 0.1,
    "pre_cost_sr": 0.5,
    "max_sr_cost": 0.08,
    "max_contracts": 3.0,
    "idm_cap": 2.2,
    "max_weight": 0.25,
    "target_vol": 0.25,
    "min_history": 600,
    "volatility_window": 256,
    "max_stale_weekdays": 15,
    "correlation_weeks": 156,
    "rebalance_span": 25,
    "business_days": 252.0,
}
NON_DEFAULT_ARGUMENTS = [
    "--weights", "max-sharpe", "--correlation-floor", "0.1", "--pre-cost-sr", "0.5", "--max-sr-cost", "0.08",
    "--max-contracts", "3", "--idm-cap", "2.2", "--max-weight", "0.25", "--target-vol", "0.25",
    "--min-history", "600", "--vol-window", "256", "--stale-weekdays", "15", "--correlation-weeks", "156",
    "--rebalance-span", "25", "--business-days", "252",
]
NON_DEFAULT_CAPITAL = 2_000_000.0


def dumps(value, depth=0):
    """JSON with one line per list element or object member down to depth 2, compact below: small diffs, short
    files. Floats are written by `repr`, so they read back exactly."""
    pad = " " * (depth + 1)
    compact = lambda v: json.dumps(v, ensure_ascii=False, separators=(",", ":"))  # noqa: E731
    if isinstance(value, dict) and depth < 2:
        items = [f"{pad}{json.dumps(k)}: {dumps(v, depth + 1)}" for k, v in value.items()]
        return "{\n" + ",\n".join(items) + "\n" + " " * depth + "}"
    if isinstance(value, list) and value and isinstance(value[0], (dict, list)) and depth < 3:
        return "[\n" + ",\n".join(pad + compact(v) for v in value) + "\n" + " " * depth + "]"
    return compact(value)


def number(x):
    if x is None:
        return None
    x = float(x)
    return x if math.isfinite(x) else None


def instruments_json(analysis):
    out = []
    for m in analysis.metrics:
        out.append({
            "code": m["code"],
            "currencyVolatility": number(m["currency_vol"]),
            "annualVolatility": number(m["annual_vol"]),
            "costPerTrade": number(m["cost_per_trade"]),
            "costPerTradeSR": number(m["cost_per_trade_sr"]),
            "tradesPerYear": number(m["trades_per_year"]),
            "annualSRCost": number(m["annual_sr_cost"]),
            "netSR": number(m["net_sr"]),
            "notional": number(m["notional"]),
            "minimumCapital": number(m["standalone_capital"]),
        })
    return out


def selection_json(analysis, selection, with_instruments):
    code = lambda p: analysis.code(selection["eligible"][p])  # noqa: E731
    path = selection["path"]
    out = {
        "capital": selection["capital"],
        "eligible": len(selection["eligible"]),
        "stopReason": selection["stop"],
        "repaired": bool(selection["repair"][1]),
        # The matrix the selection reads, before the repair: its smallest eigenvalue and the eigenvalues clipped.
        "smallestEigenvalue": number(selection["repair"][0]),
        "clippedEigenvalues": selection["repair"][2],
        "steps": [{
            "added": code(step["added"]),
            "sharpe": step["sharpe"],
            "idm": step["idm"],
            "minimumCapital": step["minimum_capital"],
            "weights": [float(w) for w in step["weights"]],
        } for step in path],
    }
    if path:
        final = path[-1]
        members = [selection["eligible"][p] for p in final["members"]]
        standalone = [analysis.metrics[i]["standalone_capital"] for i in members]
        out["portfolio"] = {
            "codes": [analysis.code(i) for i in members],
            "weights": [float(w) for w in final["weights"]],
            "memberCapital": [float(x) for x in final["need"]],
            "sharpe": final["sharpe"],
            "idm": final["idm"],
            "minimumCapital": final["minimum_capital"],
            "smallestCapital": max([final["minimum_capital"]] + standalone),
            # The chosen set's correlation matrix (selection order), after the floor and the repair.
            "correlation": selection["correlation"][ref.np.ix_(final["members"], final["members"])].tolist(),
        }
    if with_instruments:
        selected = {selection["eligible"][p] for p in (path[-1]["members"] if path else [])}
        out["instruments"] = [{
            "code": analysis.code(i),
            "status": "selected" if i in selected else ("excluded" if selection["reasons"][i] else "eligible"),
            "reasons": selection["reasons"][i],
        } for i in range(len(analysis.metrics))]
    return out


def scenarios(repair):
    """(file name, document) pairs for one repair mode."""
    documents = []

    # 1. The bundled data with DESIGN.md's defaults.
    settings = ref.default_settings()
    settings["repair"] = repair
    default = ref.Analysis(BUNDLED, settings)
    doc = {
        "scenario": "bundled futures data, DESIGN.md defaults, equal weights",
        "command": "tradeable select --capital K --format json",
        "repair": repair,
        "lastDate": default.last_date.isoformat(),
        "pool": len(default.pool),
        "poolUndefinedPairs": default.undefined_pairs,
        "poolFlooredPairs": default.floored_pairs,
        "capitals": {},
    }
    for capital in [250_000.0, 1_000_000.0, 10_000_000.0, 20_000_000.0]:
        selection = default.select(capital)
        doc["capitals"][str(int(capital))] = selection_json(default, selection, with_instruments=capital == 1e6)
        if capital == 1e6:
            doc["reserve"] = ref.reserve(default, selection, quantile=0.98, window=512)
    documents.append((f"bundled-default.{repair}.json", doc))

    # 2. §6 step 1's "feasible alone": max weight 0.5 makes the capital filter (4·cv / (2.5·0.5·0.2) = 16·cv) looser
    #    than holding the instrument alone (4·cv / 0.2 = 20·cv). At 18·cv of the cheapest pool instrument, it is
    #    eligible but cannot start the path.
    settings = ref.default_settings()
    settings["repair"] = repair
    settings["max_weight"] = 0.5
    loose = ref.Analysis(BUNDLED, settings)
    cheapest = min(loose.pool, key=lambda i: (loose.metrics[i]["annual_sr_cost"], loose.code(i).encode()))
    capital = float(math.floor(18 * loose.metrics[cheapest]["currency_vol"]))
    selection = loose.select(capital)
    doc = selection_json(loose, selection, with_instruments=False)
    doc.update({
        "scenario": "bundled futures data, --max-weight 0.5: the cheapest eligible instrument is not feasible alone",
        "command": f"tradeable select --capital {int(capital)} --max-weight 0.5 --format json",
        "repair": repair,
        "cheapestEligible": loose.code(cheapest),
        "cheapestEligibleAloneCapital": loose.metrics[cheapest]["alone_capital"],
    })
    documents.append((f"bundled-feasible-alone.{repair}.json", doc))

    # 3. Non-default settings, max-Sharpe weights, a correlation floor of 0.1.
    settings = ref.default_settings()
    settings.update(NON_DEFAULT)
    settings["repair"] = repair
    custom = ref.Analysis(BUNDLED, settings)
    selection = custom.select(NON_DEFAULT_CAPITAL)
    doc = selection_json(custom, selection, with_instruments=True)
    doc.update({
        "scenario": "bundled futures data, every DESIGN.md default changed, max-Sharpe weights, floor 0.1",
        "arguments": NON_DEFAULT_ARGUMENTS,
        "command": "tradeable select --capital 2000000 " + " ".join(NON_DEFAULT_ARGUMENTS) + " --format json",
        "repair": repair,
        "pool": len(custom.pool),
        "poolFlooredPairs": custom.floored_pairs,
        "metrics": instruments_json(custom),
    })
    documents.append((f"bundled-non-default.{repair}.json", doc))

    # 4. A generated universe (gaps, volumes, negative prices): equal and max-Sharpe weights at 5,000,000.
    if GENERATED is not None:
        for weights in ["equal", "max-sharpe"]:
            settings = ref.default_settings()
            settings["repair"] = repair
            settings["weights"] = weights
            generated = ref.Analysis(GENERATED, settings)
            selection = generated.select(5_000_000.0)
            doc = selection_json(generated, selection, with_instruments=True)
            doc.update({
                "scenario": f"generated universe (300 instruments, 5.5 years, seed 2), {weights} weights",
                "command": "tradeable generate --instruments 300 --years 5.5 --seed 2 --out DIR; "
                           f"tradeable select --data DIR --capital 5000000 --weights {weights} --format json",
                "repair": repair,
                "pool": len(generated.pool),
                "panelHasGaps": generated.weeks_with_gaps,
            })
            documents.append((f"generated-{weights}.{repair}.json", doc))
    return documents, default


def generate_universe():
    """Writes the generated universe with the built binary (.build/debug/tradeable) into a temporary folder; None
    when there is no binary (the generated fixtures are then left as they are)."""
    import subprocess
    import tempfile
    binary = os.path.join(ROOT, ".build", "debug", "tradeable")
    if not os.access(binary, os.X_OK):
        print("no .build/debug/tradeable: the generated-universe fixtures are left as they are (run `swift build`)")
        return None
    folder = tempfile.mkdtemp(prefix="tradeable-generated-")
    subprocess.run([binary, "generate", "--instruments", "300", "--years", "5.5", "--seed", "2", "--out", folder],
                   check=True, capture_output=True)
    return folder


GENERATED = None


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repair", choices=["pool", "eligible", "both"], default="both",
                        help="which §3 repair the fixtures follow (default: both, one file each)")
    parser.add_argument("--check", action="store_true", help="only report fixtures that would change")
    args = parser.parse_args()
    modes = ["eligible", "pool"] if args.repair == "both" else [args.repair]
    global GENERATED
    GENERATED = generate_universe()
    os.makedirs(FIXTURES, exist_ok=True)
    files = []
    default = None
    for mode in modes:
        documents, default = scenarios(mode)
        files += documents
    # Per-instrument numbers of the defaults do not depend on the repair: one file.
    files.append(("bundled-default-instruments.json", {
        "scenario": "bundled futures data, DESIGN.md defaults: §3 risk, §4 costs, §5 capital figure per instrument",
        "command": "tradeable select --capital 1000000 --format json (the instruments array)",
        "instruments": instruments_json(default),
    }))
    changed = []
    for name, doc in files:
        text = dumps(doc) + "\n"
        path = os.path.join(FIXTURES, name)
        old = open(path).read() if os.path.exists(path) else None
        if old != text:
            changed.append(name)
            if not args.check:
                with open(path, "w") as f:
                    f.write(text)
    verb = "would change" if args.check else "written"
    print(f"{len(changed)} fixture(s) {verb}: {', '.join(changed) or 'none'}")
    if args.check and changed:
        sys.exit(1)


if __name__ == "__main__":
    main()
