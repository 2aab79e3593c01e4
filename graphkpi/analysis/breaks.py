"""Where chains stop, and how many projects and how much budget each break strands."""

from __future__ import annotations

import pandas as pd

from graphkpi.graph import PlanGraph
from graphkpi.model import Finding


def chain_breaks(g: PlanGraph, findings: list[Finding], lang: str = "th") -> pd.DataFrame:
    """One row per element where chains stop (GK202 elements and loops), with what it strands."""
    stranded = [(f.subject, stop) for f in findings if f.code == "GK201" for stop in f.details["break_at"]]
    pairs = pd.DataFrame(stranded, columns=["project", "element"])
    pairs["budget"] = pairs["project"].map(g.projects["budget"])
    pairs["ministry"] = pairs["project"].map(g.project_ministry)
    per = pairs.groupby("element").agg(projects=("project", "nunique"), budget=("budget", "sum"),
                                       ministries=("ministry", "nunique"))
    anchors = [f.subject for f in findings if f.code in ("GK202", "GK003")]
    index = pd.Index(sorted(set(per.index) | set(anchors)), name="element")
    out = per.reindex(index).fillna({"projects": 0, "budget": 0.0, "ministries": 0}).reset_index()
    out["level"] = out["element"].map(g.elements["level"]).fillna("")
    out["level_label"] = out["level"].map(lambda lv: g.profile.label(lv, lang))
    out["name"] = out["element"].map(lambda e: g.name_of(e, lang))
    reason = {f.subject: f.code for f in findings if f.code in ("GK202", "GK003")}
    out["code"] = out["element"].map(reason).fillna("")
    out = out.astype({"projects": "int64", "ministries": "int64"})
    return out.sort_values(["budget", "projects", "element"], ascending=[False, False, True]).reset_index(drop=True)
