"""GK405, GK501 (KPIs): joint KPIs nobody measures, and KPI targets set below the plan.

Both judge only evaluated KPIs (:attr:`PlanGraph.evaluated_kpis`): a ``monitor`` KPI is reported
on but not part of the evaluation, so a gap on it is nobody's failing (the FY2022 review: 22 of
232 KPIs were monitor-only).
"""

from __future__ import annotations

from collections.abc import Iterator

from graphkpi.checks.registry import check, finding
from graphkpi.graph import HOST, SHARED, YES, PlanGraph
from graphkpi.model import Finding
from graphkpi.sets import isin

__all__ = ["YES", "joint_kpi_unmeasured", "kpi_below_plan"]  # YES: the Neo4j backend reads it here


@check("GK405")
def joint_kpi_unmeasured(g: PlanGraph) -> Iterator[Finding]:
    """Joint KPIs (agencies of two or more ministries) that the agencies meant to carry do not measure.

    A KPI with ``shared`` agencies (the 2011 model: each carries it in its own agreement) needs
    no host, but each shared agency must measure it; any host it has must measure it too. A KPI
    without shared agencies needs a host that measures it. One finding per KPI, ``related`` every
    host and shared agency that does not measure it. ``details.shared`` only when there are shared
    agencies, so a version-1 bundle's findings read exactly as before.

    One pass over the (few hundred) rows into plain sets: a pandas group per KPI cost a
    second for 226 KPIs.
    """
    ministries: dict[str, set[str]] = {}
    carriers: dict[str, dict[str, set[str]]] = {}   # kpi -> host / shared / partner -> agencies
    unmeasured: dict[str, set[str]] = {}
    ka = g.kpi_agency_table
    rows = ka.loc[isin(ka["kpi"], g.evaluated_kpis.index), ["kpi", "agency", "ministry", "role", "yes"]]
    for kpi, agency, ministry, role, yes in rows.itertuples(index=False, name=None):
        ministries.setdefault(kpi, set()).add(ministry)
        kind = role if role in (HOST, SHARED) else "partner"
        carriers.setdefault(kpi, {}).setdefault(kind, set()).add(agency)
        if kind != "partner" and not yes:
            unmeasured.setdefault(kpi, set()).add(agency)
    for kpi in sorted(ministries):
        if len(ministries[kpi]) < 2:
            continue
        mine = carriers[kpi]
        hosts, shared = mine.get(HOST, set()), mine.get(SHARED, set())
        if kpi in unmeasured or not (hosts or shared):
            extra = {"shared": sorted(shared)} if shared else {}
            yield finding("GK405", kpi, sorted(unmeasured.get(kpi, ())), hosts=sorted(hosts),
                          partners=sorted(mine.get("partner", ())), ministries=sorted(ministries[kpi]), **extra)


@check("GK501")
def kpi_below_plan(g: PlanGraph) -> Iterator[Finding]:
    """KPI targets less ambitious than the plan's target; ``down`` means lower is better.

    ``details.reason`` carries the KPI's ``shortfall_reason`` when it has one: the agency's own
    account, which the auditor weighs before asking for a higher target.
    """
    kpis = g.evaluated_kpis
    k = kpis[kpis["target"].notna() & kpis["plan_target"].notna()]
    down = k["direction"] == "down"
    gap = (k["plan_target"] - k["target"]).where(~down, k["target"] - k["plan_target"])
    for kpi in k.index[gap > 0]:
        reason = k.at[kpi, "shortfall_reason"]
        yield finding("GK501", kpi, element=k.at[kpi, "element"], target=float(k.at[kpi, "target"]),
                      plan_target=float(k.at[kpi, "plan_target"]), direction="down" if down[kpi] else "up",
                      gap=round(float(gap[kpi]), 6), **({"reason": reason} if reason else {}))
