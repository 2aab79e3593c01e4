"""GK4xx (lead agencies): who answers for each target, and whether they act on it.

Lead ministries and acting ministries are compared at ministry level: a ministry acts on a
target through any of its departments. "Acting" means a project whose chain reaches the
target (:meth:`PlanGraph.acting_ministries`), computed once per check from element-level
closures joined to the links.
"""

from __future__ import annotations

from collections.abc import Iterator

import pandas as pd

from graphkpi.checks.registry import check, finding
from graphkpi.graph import PlanGraph
from graphkpi.model import Finding

LEAD = "lead"


def lead_rows(g: PlanGraph) -> pd.DataFrame:
    """``element``, ``agency``, ``ministry`` of every existing lead agency of an existing element."""
    leads = g.leads[(g.leads["role"] == LEAD) & g.leads["agency"].isin(g.agencies.index)
                    & g.leads["element"].isin(g.elements.index)][["element", "agency"]].drop_duplicates()
    return leads.assign(ministry=leads["agency"].map(g.agency_ministry))


def acting_by_element(g: PlanGraph, elements: list[str]) -> dict[str, list[dict]]:
    """Element → ministries acting on it, largest budget first: ``{ministry, projects, budget}``."""
    acting = g.acting_ministries(elements).sort_values(["element", "budget", "ministry"],
                                                      ascending=[True, False, True])
    out: dict[str, list[dict]] = {}
    for element, ministry, projects, budget in acting[["element", "ministry", "projects", "budget"]].itertuples(
            index=False, name=None):
        out.setdefault(element, []).append({"ministry": ministry, "projects": int(projects), "budget": float(budget)})
    return out


@check("GK401")
def no_lead(g: PlanGraph) -> Iterator[Finding]:
    """Elements at lead-required levels with no existing agency in the role lead."""
    levels = g.elements["level"]
    required = g.elements.index[levels.isin(g.profile.lead_required)]
    missing = sorted(set(required) - set(lead_rows(g)["element"]))
    acting = acting_by_element(g, missing)
    for element in missing:
        yield finding("GK401", element, level=levels[element], acting=acting.get(element, []))


@check("GK402")
def multiple_leads(g: PlanGraph) -> Iterator[Finding]:
    """Elements with more than one existing lead agency."""
    leads = lead_rows(g)
    for element, group in leads.groupby("element", sort=True):
        if len(group) > 1:
            yield finding("GK402", element, group["agency"], n=len(group),
                          ministries=sorted(set(group["ministry"])))


@check("GK403")
def inactive_lead(g: PlanGraph) -> Iterator[Finding]:
    """(element, lead) pairs where the lead's ministry has no project reaching the element."""
    leads = lead_rows(g)
    if leads.empty:
        return
    acting = acting_by_element(g, sorted(set(leads["element"])))
    for element, agency, ministry in leads.sort_values(["element", "agency"]).itertuples(index=False, name=None):
        present = acting.get(element, [])
        if ministry not in {a["ministry"] for a in present}:
            yield finding("GK403", element, [agency], lead=agency, ministry=ministry, acting=present)


@check("GK404")
def lead_inconsistent(g: PlanGraph) -> Iterator[Finding]:
    """Area targets led by none of the lead ministries of the sub-targets their chains reach."""
    prof = g.profile
    levels = g.elements["level"]
    leads = lead_rows(g)
    ministries = leads.groupby("element")["ministry"].agg(lambda s: sorted(set(s))).to_dict()
    targets = set(g.elements.index[levels == prof.target_level])
    area_targets = sorted(set(leads["element"]) & set(g.elements.index[levels.isin(prof.area_levels)]))
    for element in area_targets:
        reached = sorted((g.up_closure({element}) - {element}) & targets)
        sub_leads = sorted({m for t in reached for m in ministries.get(t, [])})
        own = ministries[element]
        if sub_leads and not set(own) & set(sub_leads):
            yield finding("GK404", element, reached, lead_ministries=own, sub_target_leads=sub_leads)
