"""GK3xx (duplicated and fragmented work across ministries).

GK302 is set-based: ministries acting on each sub-target (one closure per linked element,
joined to the links), minus targets that a joint KPI measures or an integrated plan cascades
into. GK301 (near-identical projects) is not implemented yet.
"""

from __future__ import annotations

from collections.abc import Iterator

from graphkpi.checks.kpis import kpi_agency_rows
from graphkpi.checks.leads import acting_by_element
from graphkpi.checks.registry import check, finding
from graphkpi.graph import PlanGraph
from graphkpi.model import Finding

FRAGMENTATION_THRESHOLD = 4


def joint_kpi_elements(g: PlanGraph) -> set[str]:
    """Elements measured by a joint KPI (its existing agencies span two or more ministries)."""
    ka = kpi_agency_rows(g)
    ministries = ka.groupby("kpi")["ministry"].nunique()
    joint = ministries.index[ministries >= 2]
    return set(g.kpis.loc[g.kpis.index.isin(joint), "element"])


@check("GK302")
def fragmented_target(g: PlanGraph, threshold: int = FRAGMENTATION_THRESHOLD) -> Iterator[Finding]:
    """Sub-targets reached by projects of ``threshold`` or more ministries, with no joint KPI or integrated plan."""
    prof = g.profile
    levels = g.elements["level"]
    targets = g.elements.index[levels == prof.target_level]
    acting = g.acting_ministries(targets)
    counts = acting.groupby("element")["ministry"].nunique()
    many = set(counts.index[counts >= threshold])
    if not many:
        return
    plans = set(g.elements.index[levels == prof.integrated_level])
    integrated = g.up_closure(plans) if plans else set()
    lists = acting_by_element(g, sorted(many))
    for element in sorted(many - joint_kpi_elements(g) - integrated):
        yield finding("GK302", element, n_ministries=int(counts[element]), acting=lists[element])
