"""The accountability matrix as rows and columns: targets of one level × ministries, each cell
projects, budget and whether the ministry leads the target."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from graphkpi.analysis.accountability import matrix
from graphkpi.graph import PlanGraph


@dataclass(frozen=True)
class Matrix:
    """``cells`` long (element, ministry, projects, budget, lead); the three pivots wide, indexed by
    ``targets`` with one column per ministry in ``order`` (NaN where a ministry neither acts nor leads)."""

    level: str
    targets: pd.Index
    order: list[str]
    names: dict[str, str]
    lead_of: dict[str, str]       # target → its lead ministries, ";"-joined
    cells: pd.DataFrame
    projects: pd.DataFrame
    budget: pd.DataFrame
    lead: pd.DataFrame
    unknown: list[str]            # the ids folded into the UNKNOWN_MINISTRY column (none: no such column)


def matrix_table(g: PlanGraph, level: str, lang: str = "th") -> Matrix:
    """The targets of ``level`` (sorted) × every acting or leading ministry (largest budget first)."""
    cells, order, unknown = matrix(g, level)
    targets = g.elements.index[g.elements["level"] == level].sort_values()
    lead_of = cells[cells["lead"]].groupby("element")["ministry"].agg(lambda s: ";".join(sorted(s))).to_dict()

    def wide(values: str) -> pd.DataFrame:
        return cells.pivot(index="element", columns="ministry", values=values).reindex(index=targets, columns=order)

    return Matrix(level, targets, order, g.names(targets, lang), lead_of, cells, wide("projects"), wide("budget"),
                  wide("lead"), unknown)
