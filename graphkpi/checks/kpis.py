"""GK405, GK501 (KPIs): joint KPIs nobody measures, and KPI targets set below the plan."""

from __future__ import annotations

from collections.abc import Iterator

from graphkpi.checks.registry import check, finding
from graphkpi.graph import YES, PlanGraph
from graphkpi.model import Finding

__all__ = ["YES", "joint_kpi_unmeasured", "kpi_below_plan"]  # YES: the Neo4j backend reads it here


@check("GK405")
def joint_kpi_unmeasured(g: PlanGraph) -> Iterator[Finding]:
    """Joint KPIs (agencies of two or more ministries) with no host, or a host not measuring it.

    One pass over the (few hundred) rows into plain sets: a pandas group per KPI cost a
    second for 226 KPIs.
    """
    ministries: dict[str, set[str]] = {}
    hosts: dict[str, set[str]] = {}
    unmeasured: dict[str, set[str]] = {}
    partners: dict[str, set[str]] = {}
    rows = g.kpi_agency_table[["kpi", "agency", "ministry", "role", "yes"]]
    for kpi, agency, ministry, role, yes in rows.itertuples(index=False, name=None):
        ministries.setdefault(kpi, set()).add(ministry)
        if role == "host":
            hosts.setdefault(kpi, set()).add(agency)
            if not yes:
                unmeasured.setdefault(kpi, set()).add(agency)
        else:
            partners.setdefault(kpi, set()).add(agency)
    for kpi in sorted(ministries):
        if len(ministries[kpi]) >= 2 and (kpi not in hosts or kpi in unmeasured):
            yield finding("GK405", kpi, sorted(unmeasured.get(kpi, ())), hosts=sorted(hosts.get(kpi, ())),
                          partners=sorted(partners.get(kpi, ())), ministries=sorted(ministries[kpi]))


@check("GK501")
def kpi_below_plan(g: PlanGraph) -> Iterator[Finding]:
    """KPI targets less ambitious than the plan's target; ``down`` means lower is better."""
    k = g.checked_kpis[g.checked_kpis["target"].notna() & g.checked_kpis["plan_target"].notna()]
    down = k["direction"] == "down"
    gap = (k["plan_target"] - k["target"]).where(~down, k["target"] - k["plan_target"])
    for kpi in k.index[gap > 0]:
        yield finding("GK501", kpi, element=k.at[kpi, "element"], target=float(k.at[kpi, "target"]),
                      plan_target=float(k.at[kpi, "plan_target"]), direction="down" if down[kpi] else "up",
                      gap=round(float(gap[kpi]), 6))
