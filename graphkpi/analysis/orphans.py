"""The auditor's list: projects that do not reach the national strategy, and why."""

from __future__ import annotations

import pandas as pd

from graphkpi.backends.base import Backend, as_backend
from graphkpi.graph import PlanGraph
from graphkpi.model import Finding


def counting_hidden(b: Backend, seen: list[Finding] | None, shown: int, lang: str = "th") -> pd.DataFrame | None:
    """:func:`orphan_projects` of ``seen`` (a run's findings before suppressions and the baseline)
    when they hold more than the ``shown`` ones, else None. Hiding a finding accepts it; it does
    not make the project reach the strategy, so totals that leave it out must say so."""
    if seen is None:
        return None
    at_risk = [f for f in seen if f.code in ("GK101", "GK201")]
    return orphan_projects(b, at_risk, lang) if len(at_risk) != shown else None


def orphan_projects(b: Backend | PlanGraph, findings: list[Finding], lang: str = "th") -> pd.DataFrame:
    """GK101 and GK201 projects with their facts; ``break_at`` is empty for orphans. ``b``: a backend
    or the loaded graph. Years are Common Era (:func:`graphkpi.render.frames.shown_years`)."""
    b = as_backend(b)
    rows = [(f.subject, f.code, ";".join(f.details.get("break_at", []))) for f in findings
            if f.code in ("GK101", "GK201")]
    problems = pd.DataFrame(rows, columns=["project", "code", "break_at"])
    facts = b.project_facts(problems["project"].tolist(), lang)
    out = problems.merge(facts, on="project", how="left")
    return out.sort_values(["ministry", "budget", "project"], ascending=[True, False, True],
                           na_position="last").reset_index(drop=True)


def has_lines(frame: pd.DataFrame) -> bool:
    """Whether ``frame`` (project facts) carries budget-line sums: the bundle had budget_lines.csv
    (:meth:`Backend.project_facts` gives the column then, rows or none)."""
    return "line_budget" in frame.columns


def budget_at_risk(orphans: pd.DataFrame) -> pd.DataFrame:
    """Per ministry: orphan and broken-chain projects and their budget, largest first; with budget
    lines, their sum too (``line_budget``)."""
    lines = has_lines(orphans)
    if orphans.empty:
        return pd.DataFrame(columns=["ministry", "ministry_name", "orphans", "broken", "projects", "budget",
                                     *(["line_budget"] if lines else [])])
    grouped = orphans.groupby(["ministry", "ministry_name"], dropna=False)
    out = grouped.agg(orphans=("code", lambda s: int((s == "GK101").sum())),
                      broken=("code", lambda s: int((s == "GK201").sum())),
                      projects=("project", "size"), budget=("budget", "sum"),
                      **({"line_budget": ("line_budget", "sum")} if lines else {})).reset_index()
    return out.sort_values(["budget", "ministry"], ascending=[False, True]).reset_index(drop=True)


def out_of_period_projects(b: Backend, findings: list[Finding], lang: str = "th") -> pd.DataFrame:
    """GK205's project links with the project's facts and the element's name, period and
    replacements: the links an auditor asks to re-point to the edition in force that year."""
    rows = [(f.subject, f.related[0], tuple(f.details["period"]), ";".join(f.details.get("replaced_by", [])))
            for f in findings if f.code == "GK205" and f.subject_kind == "project"]
    links = pd.DataFrame(rows, columns=["project", "element", "period", "replaced_by"])
    facts = b.project_facts(links["project"].unique().tolist(), lang)
    names = b.names(links["element"].unique().tolist(), lang)
    out = links.merge(facts, on="project", how="left").assign(element_name=links["element"].map(names).fillna(""))
    return out.sort_values(["ministry", "budget", "project", "element"], ascending=[True, False, True, True],
                           na_position="last").reset_index(drop=True)
