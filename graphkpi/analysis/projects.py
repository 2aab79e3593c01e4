"""Project-level facts joined from agencies and areas: who owns it, which ministry, where."""

from __future__ import annotations

import numpy as np
import pandas as pd

from graphkpi.graph import PlanGraph


def project_facts(g: PlanGraph, ids: pd.Index | list[str] | None = None, lang: str = "th") -> pd.DataFrame:
    """One row per project: name, agency, ministry (ids and names), fiscal year, budget, provinces, and
    ``line_budget``: its budget lines' sum in its fiscal year (NaN when the bundle has no budget_lines.csv)."""
    projects = g.projects if ids is None else g.projects.loc[list(ids)]
    name_col = "name_en" if lang == "en" else "name"
    agency_names = _names(g.agencies, name_col)
    ministry = g.project_ministry.reindex(projects.index)
    where = g.project_areas[g.project_areas["project"].isin(projects.index)]
    provinces = where.groupby("project")["area"].agg(lambda s: ";".join(sorted(s)))
    return pd.DataFrame({
        "project": projects.index,
        "name": projects["name"].to_numpy(),
        "agency": projects["agency"].to_numpy(),
        "agency_name": projects["agency"].map(agency_names).fillna("").to_numpy(),
        "ministry": ministry.to_numpy(),
        "ministry_name": ministry.map(agency_names).fillna("").to_numpy(),
        "fiscal_year": projects["fiscal_year"].to_numpy(),
        "budget": projects["budget"].to_numpy(),
        "provinces": provinces.reindex(projects.index).fillna("").to_numpy(),
        "line_budget": g.project_lines["amount"].reindex(projects.index).to_numpy()
        if g.has_budget_lines else np.full(len(projects), np.nan),
    })


def _names(table: pd.DataFrame, col: str) -> pd.Series:
    names = table[col] if col in table.columns else table["name"]
    return names.where(names != "", table["name"])
