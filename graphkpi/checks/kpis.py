"""GK405, GK501 (KPIs): joint KPIs nobody measures, and KPI targets set below the plan."""

from __future__ import annotations

from collections.abc import Iterator

from graphkpi.checks.registry import check, finding
from graphkpi.graph import YES, PlanGraph
from graphkpi.model import Finding

__all__ = ["YES", "joint_kpi_unmeasured", "kpi_below_plan"]  # YES: the Neo4j backend reads it here


@check("GK405")
def joint_kpi_unmeasured(g: PlanGraph) -> Iterator[Finding]:
    """Joint KPIs (agencies of two or more ministries) with no host, or a host not measuring it."""
    for kpi, group in g.kpi_agency_table.groupby("kpi", sort=True):
        ministries = sorted(set(group["ministry"]))
        if len(ministries) < 2:
            continue
        hosts = group[group["role"] == "host"]
        unmeasured = sorted(set(hosts.loc[~hosts["yes"], "agency"]))
        if hosts.empty or unmeasured:
            yield finding("GK405", kpi, unmeasured, hosts=sorted(set(hosts["agency"])),
                          partners=sorted(set(group.loc[group["role"] != "host", "agency"])), ministries=ministries)


@check("GK501")
def kpi_below_plan(g: PlanGraph) -> Iterator[Finding]:
    """KPI targets less ambitious than the plan's target; ``down`` means lower is better."""
    k = g.kpis[g.kpis["target"].notna() & g.kpis["plan_target"].notna()]
    down = k["direction"] == "down"
    gap = (k["plan_target"] - k["target"]).where(~down, k["target"] - k["plan_target"])
    for kpi in k.index[gap > 0]:
        yield finding("GK501", kpi, element=k.at[kpi, "element"], target=float(k.at[kpi, "target"]),
                      plan_target=float(k.at[kpi, "plan_target"]), direction="down" if down[kpi] else "up",
                      gap=round(float(gap[kpi]), 6))
