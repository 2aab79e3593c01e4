"""GK4xx (lead agencies): who answers for each target, and whether they act on it.

Lead ministries and acting ministries are compared at ministry level: a ministry acts on a
target through any of its departments. "Acting" means a project whose chain reaches the
target: :attr:`PlanGraph.acting_lists`, computed once per graph from the element closure
joined to the links and shared by every check here and by GK302.
"""

from __future__ import annotations

from collections.abc import Iterator

from graphkpi.checks.registry import check, finding
from graphkpi.graph import PlanGraph
from graphkpi.model import Finding
from graphkpi.sets import isin


@check("GK401")
def no_lead(g: PlanGraph) -> Iterator[Finding]:
    """Elements at lead-required levels with no existing agency in the role lead."""
    levels = g.elements["level"]
    required = g.elements.index[levels.isin(g.profile.lead_required)]
    missing = sorted(set(required) - set(g.lead_table["element"]))
    acting = g.acting_lists
    for element in missing:
        yield finding("GK401", element, level=levels[element], acting=acting.get(element, []))


@check("GK402")
def multiple_leads(g: PlanGraph) -> Iterator[Finding]:
    """Elements with more than one existing lead agency."""
    for element, group in g.lead_table.groupby("element", sort=True):
        if len(group) > 1:
            yield finding("GK402", element, group["agency"], n=len(group),
                          ministries=sorted(set(group["ministry"])))


@check("GK403")
def inactive_lead(g: PlanGraph) -> Iterator[Finding]:
    """(element, lead) pairs where the lead's ministry has no project reaching the element."""
    leads = g.lead_table
    acting = g.acting_lists
    for element, agency, ministry in leads.sort_values(["element", "agency"]).itertuples(index=False, name=None):
        present = acting.get(element, [])
        if ministry not in {a["ministry"] for a in present}:
            yield finding("GK403", element, [agency], lead=agency, ministry=ministry, acting=present)


@check("GK404")
def lead_inconsistent(g: PlanGraph) -> Iterator[Finding]:
    """Area targets led by none of the lead ministries of the sub-targets their chains reach, nor of
    the sub-plans those sub-targets cascade into (the 2021 resolution: area leads follow the sub-plan's).

    ``related``: the sub-targets reached and the led sub-plans above them; ``details.sub_plan_leads``
    only when such a sub-plan has a lead, so a bundle without sub-plan leads reads as in version 1.
    A coordinator is not a lead: only the role ``lead`` counts (:attr:`PlanGraph.lead_table`).
    """
    prof = g.profile
    levels = g.elements["level"]
    ministries = g.lead_ministries
    targets = g.elements.index[levels == prof.target_level]
    area_targets = sorted(set(ministries) & set(g.elements.index[levels.isin(prof.area_levels)]))
    above = g.closure(area_targets)
    above = above[isin(above["element"], targets) & (above["element"] != above["source"])]
    reaches = above.groupby("source")["element"].agg(sorted).to_dict()
    led_plans = g.elements.index[(levels == prof.target_plan_level) & isin(g.elements.index, list(ministries))]
    up = g.parents[isin(g.parents["child"], targets) & isin(g.parents["parent"], led_plans)]
    plans_of = up.groupby("child")["parent"].agg(lambda s: sorted(set(s))).to_dict()
    for element in area_targets:
        reached = reaches.get(element, [])
        sub_leads = sorted({m for t in reached for m in ministries.get(t, [])})
        plans = sorted({p for t in reached for p in plans_of.get(t, [])})
        plan_leads = sorted({m for p in plans for m in ministries[p]})
        own = ministries[element]
        if (sub_leads or plan_leads) and not set(own) & (set(sub_leads) | set(plan_leads)):
            extra = {"sub_plan_leads": plan_leads} if plan_leads else {}
            yield finding("GK404", element, [*reached, *plans], lead_ministries=own, sub_target_leads=sub_leads,
                          **extra)
