"""``graphkpi query``'s answer as a table, JSON or CSV: rows of whatever the Cypher returned."""

from __future__ import annotations

import csv
import io
import json
from typing import Any

from graphkpi.render.i18n import t
from graphkpi.render.text import safe_cell, table

# What a query can change, as the server counts it (neo4j's SummaryCounters), in the order shown.
COUNTERS = ("nodes_created", "nodes_deleted", "relationships_created", "relationships_deleted", "properties_set",
           "labels_added", "labels_removed", "indexes_added", "indexes_removed", "constraints_added",
           "constraints_removed")


def render_rows(fmt: str, keys: list[str], rows: list[list[Any]], warning: str | None = None,
                lang: str = "th") -> str:
    """``warning`` (the graph is not a complete load) heads the table; JSON and CSV stay data only.
    Values are first made plain (:func:`plain`), so every format shows a relationship or a date alike."""
    rows = [[plain(v) for v in r] for r in rows]
    if fmt == "json":
        return json.dumps([dict(zip(keys, r, strict=True)) for r in rows], ensure_ascii=False, indent=1) + "\n"
    if fmt == "csv":
        buf = io.StringIO()
        w = csv.writer(buf, lineterminator="\n")
        w.writerow([safe_cell(k) for k in keys])
        w.writerows([[safe_cell(_raw(v)) for v in r] for r in rows])
        return buf.getvalue()
    head = f"{warning}\n" if warning else ""
    if not rows:   # a write without RETURN has no columns either: say so rather than print blank lines
        return head + (table(keys, []) + "\n" if keys else "") + t("query_no_rows", lang) + "\n"
    numeric = [i for i in range(len(keys)) if all(isinstance(r[i], (int, float)) for r in rows)]
    return head + table(keys, [[_cell(v) for v in r] for r in rows], numeric=numeric, max_width=60) + "\n"


def changes_text(counts: dict[str, int], lang: str) -> str:
    """What a query changed, in one line ("" when nothing): ``counts`` by :data:`COUNTERS` name."""
    done = [t(f"query_change_{k}", lang, n=counts[k]) for k in COUNTERS if counts.get(k)]
    return t("query_changed", lang, changes=", ".join(done)) if done else ""


def plain(value: Any) -> Any:
    """``value`` as JSON knows it: the driver gives a relationship as a tuple (start, type, end),
    which becomes a list; dates, times, durations and points become their text (ISO 8601)."""
    if value is None or isinstance(value, (str, bool, int, float)):
        return value
    if isinstance(value, dict):
        return {str(k): plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [plain(v) for v in value]
    return str(value)


def _raw(value: Any) -> Any:
    """A CSV cell: numbers as numbers, lists and maps as JSON."""
    if value is None:
        return ""
    if isinstance(value, (list, dict)):
        return json.dumps(value, ensure_ascii=False)
    return value


def _cell(value: Any) -> str:
    """A table cell: whole floats (amounts) with thousands separators, other floats to two decimals
    from 100 up and four significant digits below (1/3 as 0.3333, not 0.3333333333333333); integers
    as written (a year is 2024, not 2,024). JSON and CSV keep every digit."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, float) and value == value and abs(value) != float("inf"):
        if value.is_integer() and abs(value) < 1e15:
            return f"{int(value):,}"
        return f"{value:,.2f}" if abs(value) >= 100 else f"{value:.4g}"
    if isinstance(value, (list, dict)):
        return json.dumps(value, ensure_ascii=False)
    return str(value)
