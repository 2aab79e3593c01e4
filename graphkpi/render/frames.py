"""DataFrames (orphan lists, break tables, stats) as text tables, JSON or CSV."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Sequence

import numpy as np
import pandas as pd

from graphkpi.render.i18n import t
from graphkpi.render.text import baht, safe_cell, safe_cells, show_year, table

MONEY = ("budget",)
YEARS = ("fiscal_year",)


def shown_years(frame: pd.DataFrame, be: bool) -> pd.DataFrame:
    """``frame`` with its year columns as the outputs show them: the tables hold Common Era years
    (so that a bundle written in BE and one in CE compare), and a pivot or filter made from
    Python reads them in the bundle's era with ``be=g.years_given_be`` (2567, not 2024), as
    every report and command does. Missing years stay missing."""
    out = frame.copy()
    for c in YEARS:
        if c in out.columns:
            out[c] = out[c].astype("Int64") + (543 if be else 0)
    return out


def display(frame: pd.DataFrame, columns: Sequence[str], be: bool) -> list[list[str]]:
    rows = []
    for rec in frame[list(columns)].to_dict("records"):
        row = []
        for c in columns:
            v = rec[c]
            if c in MONEY or c.endswith("budget"):
                row.append(baht(v))
            elif c in YEARS:
                row.append(show_year(v, be) if pd.notna(v) else "")
            else:
                row.append("" if v is None or (isinstance(v, float) and pd.isna(v)) else str(v))
        rows.append(row)
    return rows


def to_text(frame: pd.DataFrame, columns: Sequence[str], lang: str, be: bool, max_width: int = 48) -> str:
    numeric = [i for i, c in enumerate(columns) if c in MONEY or c.endswith(("budget", "projects")) or c in
               ("count", "orphans", "broken", "ministries")]
    return table([t(c, lang) for c in columns], display(frame, columns, be), numeric, max_width)


def records(frame: pd.DataFrame, columns: Sequence[str], be: bool) -> list[dict]:
    """Rows as JSON-ready dicts: years as shown (``--years``), NaN as None, numpy scalars as Python.

    Converted a column at a time (a Python loop per cell took tens of seconds for the 10⁵ rows
    of ``reach`` at Z); only the cells of object columns are looked at one by one."""
    return [dict(zip(columns, row, strict=True)) for row in zip(*_values(frame, columns, be), strict=True)]


def _values(frame: pd.DataFrame, columns: Sequence[str], be: bool) -> list[list[object]]:
    """:func:`records`' cells, a list per column."""
    values = []
    for c in columns:
        col = frame[c]
        missing = col.isna().to_numpy()
        if c in YEARS:
            shown = col.to_numpy(dtype="float64", na_value=np.nan) + (543 if be else 0)
            values.append([None if m else int(v) for v, m in zip(shown.tolist(), missing, strict=True)])
        elif col.dtype == object:
            values.append([None if isinstance(v, float) and m else v.item() if hasattr(v, "item") else v
                           for v, m in zip(col.tolist(), missing, strict=True)])
        else:
            cells = col.astype(object).tolist()
            values.append([None if m else v for v, m in zip(cells, missing, strict=True)] if missing.any() else cells)
    return values


def to_json(payload: dict) -> str:
    return json.dumps(payload, ensure_ascii=False, indent=2) + "\n"


def to_csv(frame: pd.DataFrame, columns: Sequence[str], be: bool) -> str:
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow([safe_cell(c) for c in columns])  # headers carry ids too (matrix: one per ministry)
    w.writerows(zip(*(_csv_cells(values) for values in _values(frame, columns, be)), strict=True))
    return buf.getvalue()


def _csv_cells(values: list[object]) -> list[object]:
    """One column's CSV cells (:func:`_csv_number`, then made safe), text columns searched once."""
    if set(map(type, values)) <= {str}:   # text (the types are looked at in C): _csv_number keeps it as it is
        return safe_cells(values)  # type: ignore[arg-type]
    cells = [_csv_number(v) for v in values]
    return [safe_cell(v) for v in cells] if any(issubclass(k, str) for k in set(map(type, cells))) else cells


def _csv_number(value: object) -> object:
    """A CSV cell: ``1480000`` rather than ``1480000.0`` for whole amounts; None as empty."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value
