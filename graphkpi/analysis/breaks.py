"""Where chains stop, and how many projects and how much budget each break strands."""

from __future__ import annotations

import pandas as pd

from graphkpi.backends.base import Backend
from graphkpi.model import Finding


def chain_breaks(b: Backend, findings: list[Finding], lang: str = "th") -> pd.DataFrame:
    """One row per element where chains stop (GK202 elements and loops), with what it strands."""
    stranded = [(f.subject, stop) for f in findings if f.code == "GK201" for stop in f.details["break_at"]]
    pairs = pd.DataFrame(stranded, columns=["project", "element"])
    facts = b.project_facts(sorted(set(pairs["project"])), lang).set_index("project")
    pairs["budget"] = pairs["project"].map(facts["budget"])
    pairs["ministry"] = pairs["project"].map(facts["ministry"])
    per = pairs.groupby("element").agg(projects=("project", "nunique"), budget=("budget", "sum"),
                                       ministries=("ministry", "nunique"))
    anchors = [f.subject for f in findings if f.code in ("GK202", "GK003")]
    index = pd.Index(sorted(set(per.index) | set(anchors)), name="element")
    out = per.reindex(index).fillna({"projects": 0, "budget": 0.0, "ministries": 0}).reset_index()
    ids = out["element"].tolist()
    levels, names = b.levels(ids), b.names(ids, lang)
    out["level"] = out["element"].map(levels).fillna("")
    out["level_label"] = out["level"].map(lambda lv: b.profile.label(lv, lang))
    out["name"] = out["element"].map(names).fillna("")
    reason = {f.subject: f.code for f in findings if f.code in ("GK202", "GK003")}
    out["code"] = out["element"].map(reason).astype(object).fillna("")   # no GK202/GK003 left (suppressed): not float
    out = out.astype({"projects": "int64", "ministries": "int64"})
    return out.sort_values(["budget", "projects", "element"], ascending=[False, False, True]).reset_index(drop=True)
