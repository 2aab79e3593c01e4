"""``graphkpi orphans`` as text, JSON or CSV: the projects that do not reach Z, then the budget
at risk per ministry."""

from __future__ import annotations

import pandas as pd

from graphkpi.render import frames
from graphkpi.render.findings import document_head
from graphkpi.render.i18n import t
from graphkpi.render.text import baht

ORPHAN_COLUMNS = ("project", "name", "agency_name", "ministry", "fiscal_year", "budget", "provinces",
                  "problem", "break_at")
EXPORT_COLUMNS = ["code", *ORPHAN_COLUMNS, "agency", "ministry_name"]
TOTAL_COLUMNS = ["ministry", "ministry_name", "orphans", "broken", "projects", "budget"]


def render_orphans(fmt: str, rows: pd.DataFrame, totals: pd.DataFrame, source: str, lang: str, be: bool,
                   counts: dict[str, int] | None = None) -> str:
    """``rows`` from ``orphan_projects``, ``totals`` from ``budget_at_risk``; ``counts``: what screening
    hid (JSON summary)."""
    rows = rows.assign(problem=rows["code"].map({"GK101": t("orphan", lang), "GK201": t("broken", lang)}))
    if fmt == "json":
        return frames.to_json({**document_head(source, counts),
                               "projects": frames.records(rows, EXPORT_COLUMNS, be),
                               "by_ministry": frames.records(totals, list(totals.columns), be)})
    if fmt == "csv":
        return frames.to_csv(rows, EXPORT_COLUMNS, be)
    text = frames.to_text(rows, ORPHAN_COLUMNS, lang, be, max_width=40) + "\n\n"
    text += t("budget_at_risk", lang) + "\n"
    text += frames.to_text(totals, TOTAL_COLUMNS, lang, be) + "\n"
    return text + t("projects_total", lang, n=f"{len(rows):,}", budget=baht(rows["budget"].sum())) + "\n"
