"""``graphkpi reach`` as text, JSON or CSV: the projects below an element, then the totals.

The text table stops at ``--limit`` rows and says how many more there are (an element near Z
has every project of the country below it); JSON and CSV always give every project.
"""

from __future__ import annotations

import functools
import json

import pandas as pd

from graphkpi.analysis.reach import Reach
from graphkpi.profile import Profile
from graphkpi.render import frames
from graphkpi.render.findings import document_head
from graphkpi.render.i18n import places_label, t
from graphkpi.render.orphans import with_lines
from graphkpi.render.safe import visible_line
from graphkpi.render.text import baht, table, truncate

ROUTE = " → "     # between the ids of a route in the text table
NAME_WIDTH = 40   # names are cut here; routes are not (ids are never cut)
SHOWN = ("project", "name", "agency_name", "ministry", "fiscal_year", "budget", "provinces", "path", "other_routes")
EXPORT = ["project", "name", "agency", "agency_name", "ministry", "ministry_name", "fiscal_year", "budget",
          "provinces", "steps", "routes", "path"]
MINISTRY = ["ministry", "ministry_name", "projects", "budget"]
LEVEL = ["level", "elements", "projects", "budget"]


def render_reach(fmt: str, r: Reach, profile: Profile, source: str, lang: str, be: bool, limit: int = 0) -> str:
    """``r`` in ``fmt``; ``limit``: rows of the text table (0: all)."""
    export = with_lines(EXPORT, r.projects)
    if fmt == "json":
        return _json({**document_head(source), "element": r.element}, frames.records(r.projects, export, be),
                     {"projects": len(r.projects), "budget": round(r.budget, 2),
                      "by_ministry": frames.records(r.by_ministry, MINISTRY, be),
                      "by_level": frames.records(r.by_level, LEVEL, be)})
    if fmt == "csv":
        return frames.to_csv(r.projects.assign(path=r.projects["path"].map(";".join)), export, be)
    return _text(r, profile, lang, be, limit)


def _json(head: dict, projects: list[dict], totals: dict) -> str:
    """The document with one project a line, as ``check`` writes one finding a line: Python's
    indenting encoder is pure Python (half a minute for 10⁵ projects), the compact one is C."""
    dumps = functools.partial(json.dumps, ensure_ascii=False)
    rows = "[\n  " + ",\n  ".join(map(dumps, projects)) + "\n ]" if projects else "[]"
    return f'{dumps(head)[:-1]},\n "projects": {rows},\n "totals": {dumps(totals)}}}\n'


def _text(r: Reach, profile: Profile, lang: str, be: bool, limit: int) -> str:
    e = r.element
    head = t("reach_heading", lang, id=e["id"], level=profile.label(e["level"], lang),
             name=visible_line(e["name"] or "")).rstrip()
    if r.projects.empty:
        return f"{head}\n{t('reach_none', lang, id=e['id'])}\n"
    rows = r.projects if limit <= 0 else r.projects.head(limit)
    rows = rows.assign(path=rows["path"].map(ROUTE.join), other_routes=rows["routes"] - 1,
                       provinces=rows["provinces"].fillna("").map(lambda c: places_label(c, lang)),
                       name=rows["name"].map(lambda s: truncate(s, NAME_WIDTH)),
                       agency_name=rows["agency_name"].map(lambda s: truncate(s, NAME_WIDTH)))
    columns = with_lines(SHOWN, rows)
    headers = [t("reach_path", lang, id=e["id"]) if c == "path" else t("reach_other_routes", lang)
               if c == "other_routes" else t(c, lang) for c in columns]
    numeric = [i for i, c in enumerate(columns) if c.endswith("budget") or c == "other_routes"]
    out = [head, table(headers, frames.display(rows, columns, be), numeric, max_width=10_000)]
    if len(r.projects) > len(rows):
        out.append(t("reach_more", lang, n=f"{len(r.projects) - len(rows):,}"))
    out += ["", t("reach_by_ministry", lang), frames.to_text(r.by_ministry, MINISTRY, lang, be)]
    if not r.by_level.empty:
        levels = r.by_level.assign(level=r.by_level["level"].map(lambda lv: f"{lv} ({profile.label(lv, lang)})"))
        out += ["", t("reach_by_level", lang, id=e["id"]), _levels_text(levels, lang)]
    out += ["", t("reach_total", lang, n=f"{len(r.projects):,}", budget=baht(r.budget))]
    return "\n".join(out) + "\n"


def _levels_text(levels: pd.DataFrame, lang: str) -> str:
    """The per-level totals, counts right-aligned."""
    rows = [[lv, f"{n:,}", f"{p:,}", baht(b)] for lv, n, p, b in levels[LEVEL].itertuples(index=False, name=None)]
    return table([t(c, lang) for c in LEVEL], rows, numeric=[1, 2, 3])
