#!/usr/bin/env python3
"""Option-value sweep over every subcommand of the built `tradeable` binary.

    python3 Fuzz/option_sweep.py BINARY SECONDS [SEED]

Finds every subcommand and every option that takes a value from the binary's own `--help` texts, then runs the
binary again and again with boundary and random values (each option's documented range ends and just beyond them,
zero, negative, huge, overflowing, non-numbers, hex, empty) on the bundled data, one to three options at a time,
until SECONDS have passed. Each run must end in exit 0 or a clean error (exit 1 or 64 with a message on standard
error, no Swift runtime trap, no crash signal) within 20 s and with peak memory under 3 GB. The first broken run is
printed with its command line, and the exit status is 1. Same SEED, same sequence of runs (the number run depends on
the time given).
"""
import os
import random
import re
import resource
import shutil
import signal
import subprocess
import sys
import tempfile
import time

TIME_LIMIT = 20.0  # seconds a run may take
MEMORY_LIMIT = 3 * 1024**3  # bytes of peak resident memory a run may use
ADDRESS_LIMIT = 16 * 1024**3  # address space: a runaway allocation fails here instead of taking the machine

# Options whose values are not numbers, with values worth trying.
TEXT_VALUES = {
    "--format": ["table", "json", "csv", "xml", ""],
    "--base-currency": ["USD", "EUR", "XXX", "", "usd"],
    "--window": ["3m", "1y", "inception", "0m", "100000000m", ""],
    "--date": ["2020-06-30", "1900-01-01", "2200-12-31", "0001-01-01", "9999-12-31", "2023-02-30", ""],
    "--start": ["2015-01-01", "0001-01-01", "9999-12-31", "2023-13-01"],
    "--end": ["2022-12-31", "0001-01-01", "9999-12-31", "1900-01-01", "2200-12-31"],
    "--weights": ["MTUM=0.5,QUAL=0.5", "MTUM=1", "MTUM=-1,QUAL=2", "MTUM=1e308,QUAL=1e308", "MTUM=nan"],
    "--rebalance": ["never", "yearly", "monthly", "quarterly", "daily", ""],
    "--product": ["USMV", "NOPE", ""],
    "--factor": ["MTUM", "NOPE"],
    "--correlation-mode": ["automatic", "full", "matrix-free", "nope"],
    "--weighting": ["equal", "max-sharpe", "handcrafted", "nope"],
    "--search": ["greedy", "refined", "exact", "nope"],
    "--capitals": ["1000000", "1000000,2000000", "0", "-1,5", "1e308", "1,2,3,4,5,6,7,8,9,10"],
}
# `generate` writes what it is asked for: its size options take small valid values (a large universe takes as long
# as its size) and invalid ones, which must be refused at once.
SIZES = {"--instruments": ["0", "-1", "1", "2", "40", "1e9", "100000000", "nan", "2.5", "0x10", ""],
         "--years": ["0", "-1", "1", "0.5", "3", "1e9", "100000000", "nan", "inf", ""]}
# Options never fuzzed: they name files and folders, which the input fuzzers cover.
SKIPPED = {"--data", "--pysystemtrade", "--settings", "--html", "--out", "--products", "--factors", "--nav-out",
           "--positions-out", "--help", "--version"}
# Values for required options, so that each run reaches the options under test.
REQUIRED = {"--capital": "1000000", "--instruments": "12", "--weights": "MTUM=0.5,QUAL=0.5"}

NUMBERS = ["0", "-0", "1", "-1", "2", "3", "0.5", "1e-300", "5e-324", "1e308", "1e309", "-1e308", "100000000",
           "2147483648", "9223372036854775807", "9223372036854775808", "-9223372036854775809", "nan", "inf",
           "-inf", "0x10", "1,000", "2.5M", "250k", "50%", "150%", "", " ", "1e", "--", "1.5.2", "\u0661\u0662"]


def options_of(binary, path):
    """The subcommands below `path` and the value-taking options of `path`, from its --help."""
    text = subprocess.run([binary, *path, "--help"], capture_output=True, text=True, timeout=30).stdout
    subcommands = []
    if "SUBCOMMANDS:" in text:
        block = text.split("SUBCOMMANDS:")[1]
        subcommands = [m.group(1) for m in re.finditer(r"^  ([a-z][a-z-]*) ", block, re.M) if m.group(1) != "help"]
    options = {}
    for m in re.finditer(r"^  (?:-[a-zA-Z], )?(--[a-z0-9-]+) <([^>]+)>(.*(?:\n {6,}.*)*)", text, re.M):
        options[m.group(1)] = " ".join(m.group(3).split())
    usage = text.split("USAGE:")[1].split("\n\n")[0] if "USAGE:" in text else ""
    required = [o for o in re.findall(r"(?<![\[\w])(--[a-z0-9-]+) <", usage)]
    return subcommands, options, required


def bounds(help_text):
    """Numbers the help text names as range ends or defaults."""
    found = []
    for m in re.finditer(r"(?:from|between|at least|above|at most|below|to|and|default:?)\s+(-?[\d,]*\.?\d+(?:e-?\d+)?)",
                         help_text):
        try:
            found.append(float(m.group(1).replace(",", "")))
        except ValueError:
            pass
    return found


def values_for(path, option, help_text, rng):
    if path == ["generate"] and option in SIZES:
        return SIZES[option]
    if option in TEXT_VALUES:
        return TEXT_VALUES[option]
    values = list(NUMBERS)
    for b in bounds(help_text):
        for x in (b, b - 1, b + 1, b * (1 - 1e-9), b * (1 + 1e-9), b / 2, b * 2, b * 10, -b):
            values.append(repr(int(x)) if float(x).is_integer() and abs(x) < 2**63 else repr(x))
    values.append(repr(10 ** rng.uniform(-12, 12)))
    values.append(str(rng.randint(-10, 10**9)))
    return values


def limit_child():
    resource.setrlimit(resource.RLIMIT_AS, (ADDRESS_LIMIT, ADDRESS_LIMIT))
    os.setsid()


def run_once(binary, arguments, cwd):
    """What was wrong with one run, or None; its peak memory from wait4, the child's own."""
    start = time.monotonic()
    with tempfile.TemporaryFile() as errors:
        process = subprocess.Popen([binary, *arguments], cwd=cwd, stdout=subprocess.DEVNULL, stderr=errors,
                                   preexec_fn=limit_child, env={**os.environ, "SWIFT_BACKTRACE": "enable=no"})
        while True:
            pid, status, usage = os.wait4(process.pid, os.WNOHANG)
            if pid == process.pid:
                break
            if time.monotonic() - start > TIME_LIMIT:
                os.killpg(process.pid, signal.SIGKILL)
                os.wait4(process.pid, 0)
                return f"took more than {TIME_LIMIT:.0f} s"
            time.sleep(0.005)
        process.returncode = 0  # reaped above
        errors.seek(0)
        text = errors.read().decode("utf-8", "replace")
    elapsed = time.monotonic() - start
    peak = usage.ru_maxrss * 1024
    if os.WIFSIGNALED(status):
        return f"killed by signal {os.WTERMSIG(status)} after {elapsed:.1f} s: {text[-500:]}"
    code = os.WEXITSTATUS(status)
    if code not in (0, 1, 64):
        return f"exit {code}: {text[-500:]}"
    for trap in ("Fatal error", "Unexpectedly found nil", "Not enough bits", "Stack dump", "Illegal instruction",
                 "Swift runtime failure"):
        if trap in text:
            return f"a runtime trap: {text[-500:]}"
    if code != 0 and not text.strip():
        return f"exit {code} without a message"
    if code != 0 and len(text) > 20_000:
        return f"a message of {len(text)} characters"
    if peak > MEMORY_LIMIT:
        return f"peak memory {peak / 2**20:.0f} MB"
    return None


def main():
    if len(sys.argv) < 3:
        print(__doc__)
        return 2
    binary = os.path.abspath(sys.argv[1])
    seconds = float(sys.argv[2])
    seed = int(sys.argv[3]) if len(sys.argv) > 3 else 1
    rng = random.Random(seed)
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

    commands = []
    pending = [[]]
    while pending:
        path = pending.pop(0)
        subcommands, options, required = options_of(binary, path)
        pending.extend(path + [s] for s in subcommands)
        if path and not subcommands:
            commands.append((path, options, required))
    print(f"option sweep: {len(commands)} commands, "
          f"{sum(len(o) for _, o, _ in commands)} value options, seed {seed}, {seconds:.0f} s")

    # Runs start in a scratch folder that sees the bundled data as data/ (the commands' default folders), so that a
    # value drawn for an output option (--ic-csv 1e308) writes there, never into the checkout.
    scratch = tempfile.mkdtemp(prefix="tradeable-options-")
    os.symlink(os.path.join(root, "data"), os.path.join(scratch, "data"))
    deadline = time.monotonic() + seconds
    runs = 0
    # Each command once with its required options only, then random draws.
    schedule = [(c, 0) for c in commands]
    try:
        while time.monotonic() < deadline:
            if schedule:
                (path, options, required), k = schedule.pop(0)
            else:
                path, options, required = rng.choice(commands)
                k = rng.randint(1, 3)
            arguments = list(path)
            for option in required:
                if option == "--html":
                    arguments += [option, os.path.join(scratch, "report.html")]
                elif option == "--out":
                    arguments += [option, os.path.join(scratch, "generated"), "--force"]
                elif option in REQUIRED:
                    arguments += [option, REQUIRED[option]]
            candidates = [o for o in sorted(options) if o not in SKIPPED]
            for option in rng.sample(candidates, min(k, len(candidates))):
                value = rng.choice(values_for(path, option, options[option], rng))
                if option in arguments:
                    i = arguments.index(option)
                    arguments[i + 1] = value
                else:
                    arguments += [option, value]
            problem = run_once(binary, arguments, scratch)
            runs += 1
            if problem:
                print(f"option sweep: FAILED after {runs} runs: tradeable {' '.join(repr(a) for a in arguments)}")
                print(f"  {problem}")
                return 1
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    print(f"option sweep: {runs} runs, every one ended cleanly")
    return 0


if __name__ == "__main__":
    sys.exit(main())
