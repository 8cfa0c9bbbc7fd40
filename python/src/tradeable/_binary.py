"""Finding the `tradeable` binary and running it."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path
from typing import Any, Iterable, Mapping, Optional, Sequence, Union

#: The environment variable that names the binary (a path).
BINARY_VARIABLE = "TRADEABLE_BINARY"

PathLike = Union[str, os.PathLike]


class TradeableError(Exception):
    """The tool failed: it exited non-zero, could not be found or run, or printed something that is not JSON.

    `message` is the tool's own error text (standard error, e.g. ``CORN.csv:3:2: error: cannot read 'six hundred' as
    a price`` followed by what to do next), `returncode` its exit code (``None`` when it could not be run) and
    `command` the argument list that was run.
    """

    def __init__(self, message: str, returncode: Optional[int] = None, command: Optional[Sequence[str]] = None):
        super().__init__(message)
        self.message = message
        self.returncode = returncode
        self.command = list(command) if command is not None else None

    def __str__(self) -> str:
        code = "" if self.returncode is None else f" (exit code {self.returncode})"
        return f"{self.message.rstrip()}{code}"


def _build_folders(start: Path) -> Iterable[Path]:
    """`.build/release/tradeable` then `.build/debug/tradeable` of `start` and of each folder above it that holds a
    Swift package (`Package.swift`)."""
    for folder in [start, *start.parents]:
        if (folder / "Package.swift").is_file():
            for configuration in ("release", "debug"):
                yield folder / ".build" / configuration / "tradeable"


def find_binary(binary: Optional[PathLike] = None) -> Path:
    """The `tradeable` binary to run, looked for in this order:

    1. `binary`, when given (a path, or a command name looked up on ``PATH``);
    2. the environment variable ``TRADEABLE_BINARY``;
    3. ``tradeable`` on ``PATH``;
    4. the build folder of the checkout this package sits in (an editable install, or running from ``python/src``):
       ``.build/release/tradeable``, then ``.build/debug/tradeable``;
    5. the build folder of the checkout holding the current directory (or one above it), in the same order.

    Raises `TradeableError` naming every place looked at when none holds an executable.
    """
    looked: list[str] = []

    def executable(candidate: PathLike) -> Optional[Path]:
        text = os.fspath(candidate)
        looked.append(text)
        if os.sep not in text and (os.altsep is None or os.altsep not in text):
            found = shutil.which(text)
            return Path(found) if found else None
        path = Path(text).expanduser()
        return path if path.is_file() and os.access(path, os.X_OK) else None

    if binary is not None:
        found = executable(binary)
        if found is None:
            raise TradeableError(f"{os.fspath(binary)}: no such executable. Pass the path of the tradeable binary.")
        return found
    variable = os.environ.get(BINARY_VARIABLE)
    if variable:
        found = executable(variable)
        if found is None:
            raise TradeableError(
                f"{BINARY_VARIABLE}={variable}: no such executable. Point {BINARY_VARIABLE} at the tradeable binary "
                "(e.g. .build/release/tradeable) or unset it.")
        return found
    candidates = ["tradeable", *_build_folders(Path(__file__).resolve().parent), *_build_folders(Path.cwd().resolve())]
    for candidate in candidates:
        found = executable(candidate)
        if found is not None:
            return found
    raise TradeableError(
        "cannot find the tradeable binary: not on PATH, and no .build/release or .build/debug of a Swift package "
        "holding this package or the current directory (looked at: " + ", ".join(dict.fromkeys(looked)) + ").\n"
        "  Build it with `swift build -c release` in the repository, then put .build/release on PATH, set "
        f"{BINARY_VARIABLE} to the binary, or pass binary=...")


def option_arguments(options: Mapping[str, Any]) -> list[str]:
    """Command-line arguments for keyword options: ``target_vol=0.2`` is ``--target-vol 0.2``; ``True`` is the bare
    flag, ``False`` its ``--no-`` form; a list or tuple is one comma-separated value; ``None`` is left out. Numbers are
    written in full (``repr``), so the tool reads the value Python holds."""
    arguments: list[str] = []
    for key, value in options.items():
        if value is None:
            continue
        flag = "--" + key.rstrip("_").replace("_", "-")
        if value is True:
            arguments.append(flag)
        elif value is False:
            arguments.append("--no-" + flag[2:])
        elif isinstance(value, (list, tuple)):
            arguments += [flag, ",".join(_text(v) for v in value)]
        else:
            arguments += [flag, _text(value)]
    return arguments


def _text(value: Any) -> str:
    if isinstance(value, float):
        return repr(value)
    return os.fspath(value) if isinstance(value, os.PathLike) else str(value)


def run_json(binary: Path, arguments: Sequence[str], timeout: Optional[float] = None) -> dict:
    """Runs `binary` with `arguments` and ``--format json`` and returns the parsed document."""
    command = [os.fspath(binary), *arguments, "--format", "json"]
    try:
        completed = subprocess.run(command, capture_output=True, text=True, timeout=timeout, stdin=subprocess.DEVNULL)
    except OSError as error:
        raise TradeableError(f"{binary}: cannot run ({error.strerror or error})", None, command) from error
    except subprocess.TimeoutExpired as error:
        raise TradeableError(f"{binary}: no answer within {timeout} seconds", None, command) from error
    if completed.returncode != 0:
        message = completed.stderr.strip() or completed.stdout.strip() or "no error text"
        raise TradeableError(message, completed.returncode, command)
    try:
        document = json.loads(completed.stdout)
    except json.JSONDecodeError as error:
        raise TradeableError(
            f"the tool's output is not JSON ({error.msg} at line {error.lineno}, column {error.colno}); "
            f"standard error said: {completed.stderr.strip() or 'nothing'}", completed.returncode, command) from error
    if not isinstance(document, dict):
        raise TradeableError("the tool's JSON output is not an object", completed.returncode, command)
    return document
