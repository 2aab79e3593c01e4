"""GK601, GK602 (budget): reconciling the plan's projects with the lines of the budget system.

The 2021 cabinet resolution asks for eMENSCR's projects to be linked to e-Budgeting and GFMIS.
A project with a planned budget and no line in its fiscal year is money the budget system does
not show (GK601); lines that add up to another figure than the plan's are a mismatch one of the
two systems must correct (GK602). Both read :attr:`PlanGraph.project_lines`, one row per project.
"""

from __future__ import annotations

from collections.abc import Iterator

import numpy as np
import pandas as pd

from graphkpi.checks.registry import check, finding
from graphkpi.graph import PlanGraph
from graphkpi.model import Finding

# GK602 reports a difference larger than both: 1 % of the planned budget, and 1 baht (so rounding
# of a budget of 0 or a few baht is never a finding).
SHARE = 0.01
MIN_BAHT = 1.0


def mismatched(planned: np.ndarray, lines: np.ndarray) -> np.ndarray:
    """Where ``lines`` is more than 1 % and more than 1 baht away from ``planned``.

    Compared in whole satang, so that exactly 1 % or exactly 1 baht is never a finding whatever
    the floating-point sums (the Cypher of GK602 compares the same way).
    """
    diff = np.abs(np.round((lines - planned) * 100))
    return (diff * 100 > np.round(planned * 100) * (SHARE * 100)) & (diff > MIN_BAHT * 100)


@check("GK601", needs="budget_lines")
def unbudgeted_project(g: PlanGraph) -> Iterator[Finding]:
    """Projects with a positive budget that no budget line names in their fiscal year."""
    if not g.has_budget_lines:  # run on its own (the API): still nothing without the file
        return
    budget = g.projects["budget"]
    hit = (budget > 0).to_numpy() & (g.project_lines["lines"].to_numpy() == 0)
    for project, planned, year in _rows(g, hit, budget):
        yield finding("GK601", project, planned=planned, fiscal_year=year)


@check("GK602", needs="budget_lines")
def budget_mismatch(g: PlanGraph) -> Iterator[Finding]:
    """Projects whose lines in their fiscal year sum to more than 1 % (and 1 baht) off their budget."""
    lines = g.project_lines
    planned = g.projects["budget"].fillna(0.0)
    hit = (lines["lines"].to_numpy() > 0) & mismatched(planned.to_numpy(), lines["amount"].to_numpy())
    amount = lines["amount"].to_numpy()[hit]
    for (project, plan, year), summed in zip(_rows(g, hit, planned), amount, strict=True):
        yield finding("GK602", project, planned=plan, lines=float(summed), difference=round(float(summed) - plan, 2),
                      fiscal_year=year)


def _rows(g: PlanGraph, hit: np.ndarray, budget: pd.Series) -> Iterator[tuple[str, float, int]]:
    """``(project, budget, fiscal year)`` of the projects where ``hit`` (the few findings only)."""
    ids = g.projects.index[hit]
    planned = budget.to_numpy(dtype="float64")[hit]
    years = g.projects["fiscal_year"].to_numpy()[hit]
    return zip(ids.tolist(), planned.tolist(), years.tolist(), strict=True)
