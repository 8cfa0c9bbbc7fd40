"""Turning the tool's JSON documents into DataFrames, by key and never by position, so added keys are kept as extra
columns and a key that is missing is simply absent."""

from __future__ import annotations

from typing import Any, Iterable, Mapping, Optional

import pandas as pd


def records(document: Mapping[str, Any], *keys: str) -> list:
    """The list at the first of `keys` that `document` has (several names, so a renamed key still reads)."""
    for key in keys:
        value = document.get(key)
        if isinstance(value, list):
            return value
    return []


def frame(rows: Iterable[Mapping[str, Any]], index: Optional[str] = None, drop: Iterable[str] = ()) -> pd.DataFrame:
    """A DataFrame of `rows` (one dict per row; columns in the order the keys first appear), without the columns of
    `drop`, indexed by the column `index` when every row has it."""
    rows = [dict(row) for row in rows if isinstance(row, Mapping)]
    dropped = set(drop)
    columns: dict = {}
    for row in rows:
        for key in row:
            if key not in dropped:
                columns.setdefault(key, None)
    table = pd.DataFrame([{key: row.get(key) for key in columns} for row in rows], columns=list(columns))
    if index is not None and index in table.columns and table[index].notna().all():
        table = table.set_index(index)
    return table


def flattened(value: Mapping[str, Any], prefix: str = "") -> dict:
    """Nested objects as one level of dotted keys: ``{"a": {"b": 1}}`` is ``{"a.b": 1}``; lists stay as they are."""
    out: dict = {}
    for key, item in value.items():
        name = f"{prefix}{key}"
        if isinstance(item, Mapping):
            out.update(flattened(item, name + "."))
        else:
            out[name] = item
    return out
