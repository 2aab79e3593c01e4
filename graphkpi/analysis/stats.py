"""How much of the plan is served, and how much of the work reaches Z."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from graphkpi.graph import PlanGraph
from graphkpi.sets import isin


@dataclass(frozen=True)
class Stats:
    levels: pd.DataFrame  # level, label, count
    projects: int
    projects_reaching_z: int
    budget: float
    budget_reaching_z: float
    sub_targets: int
    sub_targets_with_projects: int
    factors: int
    factors_with_projects: int
    # with budget_lines.csv only (None without it): line sums in each project's own fiscal year
    projects_with_lines: int | None = None
    line_budget: float | None = None
    line_budget_reaching_z: float | None = None

    @staticmethod
    def share(part: float, whole: float) -> float | None:
        """``part / whole``; None of nothing (0 of 0 is no share: an empty slice is not 0% covered)."""
        return part / whole if whole else None


def compute_stats(g: PlanGraph, lang: str = "th") -> Stats:
    """Counts per level; shares of projects and budget reaching Z; coverage of targets and factors."""
    prof = g.profile
    counts = g.elements["level"].value_counts()
    order = [lv for lv in prof.levels if lv in counts.index] + sorted(set(counts.index) - set(prof.levels))
    levels = pd.DataFrame({"level": order,
                           "label": [prof.label(lv, lang) if lv in prof.levels else "" for lv in order],
                           "count": [int(counts[lv]) for lv in order]})
    links = g.existing_links
    reach_mask = g.anchored[:len(g.projects)]   # shared with GK201
    budget = g.projects["budget"].fillna(0.0)
    targets = g.elements.index[g.elements["level"] == prof.target_level]
    factors = g.elements.index[g.elements["level"] == prof.factor_level]
    linked = set(links["element"].unique())
    lines = g.project_lines
    with_lines = {} if not g.has_budget_lines else {
        "projects_with_lines": int((lines["lines"] > 0).sum()), "line_budget": float(lines["amount"].sum()),
        "line_budget_reaching_z": float(lines["amount"][reach_mask].sum())}
    return Stats(
        levels=levels, projects=len(g.projects), projects_reaching_z=int(reach_mask.sum()),
        budget=float(budget.sum()), budget_reaching_z=float(budget[reach_mask].sum()),
        sub_targets=len(targets), sub_targets_with_projects=int(isin(targets, g.reached_elements).sum()),
        factors=len(factors), factors_with_projects=int(isin(factors, linked).sum()), **with_lines,
    )
