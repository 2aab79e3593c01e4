"""``report --per ministry|province``: one report per ministry or province, and an index.

Each report is the ordinary report of a slice (the CLI's filters plus the group's own
ministry or province), so its figures and findings follow the slice rule. The checks run once:
every group's report screens the same findings.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterator
from typing import Any

import pandas as pd

from graphkpi.graph import PlanGraph
from graphkpi.load.schema import NATIONAL
from graphkpi.render.i18n import place_label, t
from graphkpi.render.text import baht
from graphkpi.reports.build import build_report, report_labels
from graphkpi.reports.model import Column, Quantity, Report, Section
from graphkpi.screen import Screen
from graphkpi.sets import isin
from graphkpi.slice import Slice, SliceRequest, resolve

GROUPS = ("ministry", "province")
# ``--per province``'s last group: the slice's projects no province's report holds (their places all
# unknown, GK001, or none given), so that every project of the slice is in some report.
UNPLACED = "no-province"
UNSAFE = re.compile(r'[\x00-\x1f\x7f/\\:*?"<>|]')   # characters no file name on any system should hold


def file_name(kind: str, group: str, ext: str) -> str:
    """``orphans-สธ.html``: from the group's id (not its name), made safe for any file system."""
    return f"{kind}-{UNSAFE.sub('_', group).strip('. ') or '_'}.{ext}"


def groups(g: PlanGraph, per: str, projects: pd.Index) -> list[str]:
    """The ministries (or provinces, then ``national``) of ``projects``, sorted."""
    if per == "ministry":
        return sorted(pd.unique(g.project_ministry[isin(g.project_ministry.index, projects)].astype(str)))
    places = g.project_areas[isin(g.project_areas["project"], projects)]["area"]
    provinces = g.areas.index[g.areas["level"] == "province"]
    found = sorted(set(places[isin(places, provinces)]))
    return found + ([NATIONAL] if (places == NATIONAL).any() else [])


def request_of(where: SliceRequest, per: str, group: str) -> SliceRequest:
    """The user's filters with the group's own ministry or province in place of theirs (a
    group is always one of the user's, so this is their intersection); a province's report
    leaves national projects out, and ``national`` has its own."""
    if per == "ministry":
        return dataclasses.replace(where, ministry=(group,))
    return dataclasses.replace(where, province=(group,), exclude_national=group != NATIONAL)


def per_reports(b: Any, where: SliceRequest, per: str, kind: str, lang: str, be: bool, screen: Screen,
                found: list[str], title: Any) -> Iterator[tuple[str, Slice, Report]]:
    """``(group, slice, report)`` for every group of ``found`` (:func:`groups` of the user's slice)
    that holds a project; per province, then :data:`UNPLACED` when some project of the slice is in
    none of them.

    ``b``: the NetworkX backend of the graph; ``title(slice)`` the cover's slice line."""
    g = b.graph
    directory = b.directory()
    covered: list[pd.Index] = []
    for group in found:
        sl = resolve(request_of(where, per, group), directory)
        projects = b.slice_projects(sl)
        if len(projects):
            covered.append(projects)
            sl = sl.counted(len(projects))
            yield group, sl, build_report(g, kind, lang, be, screen.scoped(b.slice_scope(sl, projects)), title(sl))
    if per != "province":
        return
    base = resolve(where or SliceRequest(), directory)
    rest = b.slice_projects(base).difference(pd.Index([], dtype=object).append(covered))
    if len(rest):
        sl = base.counted(len(rest))
        line = (f"{title(sl)} · {t('report_per_unplaced', lang)}" if where is not None and where.given
                else t("report_per_unplaced_scope", lang, n=f"{len(rest):,}"))
        yield UNPLACED, sl, build_report(g, kind, lang, be, screen.scoped(b.slice_scope(sl, rest)), line)


def index_report(rows: list[dict[str, Any]], per: str, kind: str, source: str, lang: str,
                 listed: list[pd.DataFrame], projects: int, slice_line: str | None = None) -> Report:
    """The index of the folder: one row per report with its group, file and headline figures.

    ``listed``: each report's projects at risk (``project``, ``budget``), in the rows' order. A
    project placed in several provinces is in each of their reports, so the rows add up to more
    than the slice holds: each row says how many of its projects another report lists too, and
    the cover gives the totals counting each project once (``projects``: the slice's). ``slice_line``:
    which slice the folder covers, first on the cover (its totals are the slice's, not the bundle's)."""
    frame = pd.DataFrame(rows, columns=["group", "name", "file", "projects", "at_risk", "budget_at_risk"])
    every = pd.concat(listed, ignore_index=True) if listed else pd.DataFrame(columns=["project", "budget"])
    columns = [Column("group", t(per, lang)), Column("name", t("name", lang)),
               Column("file", t("report_per_file", lang), "file"), Column("projects", t("projects", lang), "int"),
               Column("at_risk", t("report_projects_at_risk", lang), "int"),
               Column("budget_at_risk", t("report_budget_at_risk", lang), "money")]
    if per == "province":
        reports_of = every["project"].value_counts()
        frame["group"] = frame["group"].map(lambda p: "–" if p == UNPLACED else place_label(p, lang))
        frame["shared"] = [int((reports_of.reindex(pd.unique(r["project"])) > 1).sum()) for r in listed]
        columns.insert(5, Column("shared", t("report_per_shared", lang), "int"))   # beside the projects at risk
    section = Section("index", t("report_per_index", lang), frame, columns, sheet=t("report_per_index", lang))
    once = every.drop_duplicates("project")
    budget = float(once["budget"].fillna(0).sum())
    totals = [(t("report_per_projects_once", lang), f"{projects:,}", Quantity(float(projects), "int")),
              (t("report_per_at_risk_once", lang), f"{len(once):,}", Quantity(float(len(once)), "int")),
              (t("report_per_budget_once", lang), f"{baht(budget)} {t('baht', lang)}", Quantity(budget, "money"))]
    figures = [*([(t("report_slice", lang), slice_line)] if slice_line else []),
               (t("report_per_reports", lang), f"{len(rows):,}"), *((label, text) for label, text, _ in totals)]
    return Report(t("report_per_title", lang, kind=t(f"report_per_{kind}", lang), per=t(per, lang)),
                  t("report_per_subtitle", lang, bundle=source, n=f"{len(rows):,}"), lang,
                  figures, [], [section], report_labels(lang),
                  {t("report_per_reports", lang): (Quantity(len(rows), "int"),),
                   **{label: (q,) for label, _, q in totals}})


def at_risk_projects(rep: Report) -> pd.DataFrame:
    """The projects a report lists as not reaching the strategy (``project``, ``budget``); none
    for a report without that list (``--kind full``)."""
    section = next((s for s in rep.sections if s.key == "projects"), None)
    if section is None or "project" not in section.frame:
        return pd.DataFrame(columns=["project", "budget"])
    return section.frame[["project", "budget"]]


def headline(rep: Report, lang: str) -> tuple[float, float]:
    """The report's projects at risk and budget at risk, as numbers (its cover's quantities)."""
    q = rep.quantities
    at_risk = q.get(t("report_projects_at_risk", lang), ())
    budget = q.get(t("report_budget_at_risk", lang), ())
    return (at_risk[0].value if at_risk else 0.0), (budget[0].value if budget else 0.0)
