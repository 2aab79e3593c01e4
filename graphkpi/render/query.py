"""``graphkpi query``'s answer as a table, JSON or CSV: rows of whatever the Cypher returned."""

from __future__ import annotations

import csv
import io
import json
from typing import Any

from graphkpi.render.text import safe_cell, table


def render_rows(fmt: str, keys: list[str], rows: list[list[Any]], warning: str | None = None) -> str:
    """``warning`` (the graph is not a complete load) heads the table; JSON and CSV stay data only."""
    if fmt == "json":
        return json.dumps([dict(zip(keys, r, strict=True)) for r in rows], ensure_ascii=False, indent=1,
                          default=str) + "\n"
    if fmt == "csv":
        buf = io.StringIO()
        w = csv.writer(buf, lineterminator="\n")
        w.writerow([safe_cell(k) for k in keys])
        w.writerows([[safe_cell(_raw(v)) for v in r] for r in rows])
        return buf.getvalue()
    numeric = [i for i in range(len(keys)) if rows and all(isinstance(r[i], (int, float)) for r in rows)]
    head = f"{warning}\n" if warning else ""
    return head + table(keys, [[_cell(v) for v in r] for r in rows], numeric=numeric, max_width=60) + "\n"


def _raw(value: Any) -> Any:
    """A CSV cell: numbers as numbers, lists and maps as JSON."""
    if value is None:
        return ""
    if isinstance(value, (list, dict)):
        return json.dumps(value, ensure_ascii=False, default=str)
    return value


def _cell(value: Any) -> str:
    """A table cell: whole numbers with thousands separators."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
        return f"{int(value):,}"
    if isinstance(value, (list, dict)):
        return json.dumps(value, ensure_ascii=False, default=str)
    return str(value)
