"""``graphkpi orphans`` as text, JSON or CSV: the projects that do not reach Z, then the budget
at risk per ministry."""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from graphkpi.analysis.orphans import has_lines
from graphkpi.render import frames
from graphkpi.render.findings import document_head
from graphkpi.render.i18n import places_label, t
from graphkpi.render.text import baht

ORPHAN_COLUMNS = ("project", "name", "agency_name", "ministry", "fiscal_year", "budget", "provinces",
                  "problem", "break_at")
EXPORT_COLUMNS = ["code", *ORPHAN_COLUMNS, "agency", "ministry_name"]
TOTAL_COLUMNS = ["ministry", "ministry_name", "orphans", "broken", "projects", "budget"]


def with_lines(columns: Sequence[str], frame: pd.DataFrame) -> list[str]:
    """``columns`` with ``line_budget`` after ``budget`` when ``frame`` has budget-line sums (the bundle
    has budget_lines.csv); unchanged otherwise, so a version-1 bundle's lists read as before."""
    if not has_lines(frame):
        return list(columns)
    at = list(columns).index("budget") + 1
    return [*columns[:at], "line_budget", *columns[at:]]


def with_suggested(columns: list[str], frame: pd.DataFrame) -> list[str]:
    """``columns`` with ``suggested`` at the end when ``frame`` has it (``orphans --suggest``), so the
    lists read as before without the option."""
    return [*columns, "suggested"] if "suggested" in frame.columns else columns


def render_orphans(fmt: str, rows: pd.DataFrame, totals: pd.DataFrame, source: str, lang: str, be: bool,
                   counts: dict[str, int] | None = None, hidden: pd.DataFrame | None = None) -> str:
    """``rows`` from ``orphan_projects`` (with ``suggested`` under ``--suggest``), ``totals`` from
    ``budget_at_risk``; ``counts``: what screening hid (JSON summary); ``hidden``: the projects
    counting those screening hid (``counting_hidden``), whose total the table adds."""
    shown = with_suggested(with_lines(ORPHAN_COLUMNS, rows), rows)
    export = with_suggested(with_lines(EXPORT_COLUMNS, rows), rows)
    rows = rows.assign(problem=rows["code"].map({"GK101": t("orphan", lang), "GK201": t("broken", lang)}))
    if fmt == "json":
        return frames.to_json({**document_head(source, counts),
                               "projects": frames.records(rows, export, be),
                               "by_ministry": frames.records(totals, list(totals.columns), be)})
    if fmt == "csv":
        return frames.to_csv(rows, export, be)
    people = rows.assign(provinces=rows["provinces"].fillna("").map(lambda c: places_label(c, lang)))
    text = frames.to_text(people, shown, lang, be, max_width=40) + "\n\n"
    text += t("budget_at_risk", lang) + "\n"
    text += frames.to_text(totals, with_lines(TOTAL_COLUMNS, rows), lang, be) + "\n"
    if has_lines(rows):
        text += t("projects_total_lines", lang, n=f"{len(rows):,}", budget=baht(rows["budget"].sum()),
                  lines=baht(rows["line_budget"].sum())) + "\n"
    else:
        text += t("projects_total", lang, n=f"{len(rows):,}", budget=baht(rows["budget"].sum())) + "\n"
    if hidden is not None:
        text += t("projects_total_with_hidden", lang, n=f"{len(hidden):,}", budget=baht(hidden["budget"].sum())) + "\n"
    return text
