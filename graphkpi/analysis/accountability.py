"""Who leads, who acts, who measures: lead gaps by ministry, the KPI register, the matrix.

The tables behind ``graphkpi lead-gaps``, ``kpis`` and ``matrix``. They are computed from the
same findings and the same acting-ministry table the checks use, so a report and a check
never disagree.
"""

from __future__ import annotations

from collections.abc import Iterable

import pandas as pd

from graphkpi.backends.base import Backend
from graphkpi.graph import EVALUATED, HOST, MONITOR, SHARED, YES, PlanGraph
from graphkpi.model import Finding
from graphkpi.sets import isin

LEAD_CODES = ("GK401", "GK402", "GK403", "GK404")
NO_MINISTRY = "-"


def lead_gaps(b: Backend, findings: list[Finding], lang: str = "th") -> pd.DataFrame:
    """GK4xx findings, one row per ministry concerned.

    A ministry sees what it leads but does not act on (GK403), what it co-leads with others
    (GK402), where its area lead departs from the sub-target's or sub-plan's (GK404), as the
    ministry with the largest budget there the targets it should probably lead (GK401; a target no
    project reaches is listed under :data:`NO_MINISTRY`, role ``unclaimed``), and as a
    coordinator (role ``coordinator``, never counted as a lead) the gaps of the targets it coordinates.
    """
    rows = []
    for f in findings:
        if f.code == "GK401":
            acting = f.details.get("acting") or []
            # no project reaches the target: no ministry to suggest, the row says so
            rows.append((acting[0]["ministry"], f, "candidate") if acting else (NO_MINISTRY, f, "unclaimed"))
        elif f.code == "GK402":
            rows += [(m, f, "co-lead") for m in f.details.get("ministries", [])]
        elif f.code == "GK403":
            rows.append((f.details["ministry"], f, "lead"))
        elif f.code == "GK404":
            rows += [(m, f, "lead") for m in f.details.get("lead_ministries", [])]
    # The governor coordinates a province's targets without leading them: its ministry sees their
    # gaps too, marked as coordinator, so the convening agency knows what to convene on.
    coordinating = b.coordinators({f.subject for f in findings if f.code in LEAD_CODES})
    by_element: dict[str, list[str]] = {}
    for element, ministry in coordinating[["element", "ministry"]].drop_duplicates().itertuples(index=False):
        by_element.setdefault(element, []).append(ministry)
    rows += [(m, f, "coordinator") for f in findings if f.code in LEAD_CODES for m in by_element.get(f.subject, [])]
    ids = {f.subject for _, f, _ in rows} | {m for m, _, _ in rows}
    names, levels = b.names(ids, lang), b.levels(ids)
    out = pd.DataFrame(
        [(m, names.get(m, ""), f.code, f.subject, levels.get(f.subject, ""), names.get(f.subject, ""), role,
          ";".join(f.related)) for m, f, role in rows],
        columns=["ministry", "ministry_name", "code", "element", "level", "name", "role", "related"])
    return out.sort_values(["ministry", "code", "element", "related"]).reset_index(drop=True)


def kpi_register(g: PlanGraph, findings: list[Finding], lang: str = "th") -> pd.DataFrame:
    """Every KPI: what it measures, host, partners and shared agencies with measured flags, joint or not,
    its class, ambition gap and shortfall reason.

    ``class``, ``shared`` and ``reason`` are columns only when some KPI uses them (a monitor KPI, a
    shared agency, a shortfall reason), so a version-1 bundle's register reads as before.

    Every existing agency row is listed, also one whose KPI or row has a value GK004 finds outside
    its list: the checks leave such rows out, the register still says who hosts and who partners
    (a role outside the list is a partner's; a ``measured`` value other than yes, not measured).
    """
    ka = g.existing_kpi_agencies
    ka = ka.assign(yes=ka["measured"].str.strip().str.lower().isin(YES))
    name_col = "name_en" if lang == "en" and "name_en" in g.kpis.columns else "name"
    gaps = {f.subject: f.details["gap"] for f in findings if f.code == "GK501"}
    unmeasured = {f.subject for f in findings if f.code == "GK405"}

    def marked(rows: pd.DataFrame) -> str:
        return ";".join(f"{a}{'' if y else '!'}" for a, y in zip(rows["agency"], rows["yes"], strict=True))

    recs = []
    for kpi, row in g.kpis.iterrows():
        mine = ka[ka["kpi"] == kpi]
        name = row.get(name_col) or row.get("name") or ""
        recs.append({
            "kpi": kpi, "name": name, "element": row.get("element", ""), "class": row.get("class") or EVALUATED,
            "joint": mine["ministry"].nunique() >= 2,
            "host": marked(mine[mine["role"] == HOST]),
            "partners": marked(mine[~mine["role"].isin([HOST, SHARED])]),
            "shared": marked(mine[mine["role"] == SHARED]),
            "target": row.get("target"), "plan_target": row.get("plan_target"),
            "direction": row.get("direction", ""), "gap": gaps.get(kpi), "reason": row.get("shortfall_reason", ""),
            "gk405": kpi in unmeasured,
        })
    cols = ["kpi", "name", "element", "class", "joint", "host", "partners", "shared", "target", "plan_target",
            "direction", "gap", "reason", "gk405"]
    out = pd.DataFrame(recs, columns=cols)
    used = {"class": (out["class"] == MONITOR).any(), "shared": (out["shared"] != "").any(),
            "reason": (out["reason"] != "").any()}
    return out.drop(columns=[c for c, any_used in used.items() if not any_used])


def matrix(g: PlanGraph, level: str) -> tuple[pd.DataFrame, list[str], list[str]]:
    """Targets of ``level`` × ministries: long table (``element``, ``ministry``, ``projects``,
    ``budget``, ``lead``) covering every acting or leading ministry, the ministries in column order,
    and the ids folded into the one :data:`UNKNOWN_MINISTRY` column (last, when there are any)."""
    elements = g.elements.index[g.elements["level"] == level]
    acting = g.acting_ministries(elements)
    leads = g.lead_table
    leads = leads[isin(leads["element"], elements)][["element", "ministry"]].drop_duplicates().assign(lead=True)
    cells = acting.merge(leads, on=["element", "ministry"], how="outer")
    cells = cells.fillna({"projects": 0, "budget": 0.0, "lead": False}).astype({"projects": "int64",
                                                                                 "lead": "bool"})
    folded_ids = unknown_ministries(g, cells["ministry"].unique())
    unknown = isin(cells["ministry"], folded_ids)
    if unknown.any():   # one column for them all, summed (each project has one ministry: nothing counts twice)
        folded = cells[unknown].assign(ministry=UNKNOWN_MINISTRY).groupby(["element", "ministry"], as_index=False).agg(
            projects=("projects", "sum"), budget=("budget", "sum"), lead=("lead", "any"))
        cells = pd.concat([cells[~unknown], folded], ignore_index=True)
    order = (cells[cells["ministry"] != UNKNOWN_MINISTRY].groupby("ministry")["budget"].sum()
             .sort_values(ascending=False).index.tolist())
    order += [UNKNOWN_MINISTRY] if unknown.any() else []
    return cells.sort_values(["element", "ministry"]).reset_index(drop=True), order, folded_ids


UNKNOWN_MINISTRY = "?"   # the matrix's one column for work whose ministry is not known


def unknown_ministries(g: PlanGraph, ministries: Iterable[str]) -> list[str]:
    """The ``ministries`` (as :attr:`PlanGraph.project_ministry` gives them) that are no known
    ministry: an agency missing from agencies.csv (GK001), a ministry column naming no agency, or a
    department given without its ministry. Sorted."""
    agencies = g.agencies
    kind = agencies["kind"] if "kind" in agencies.columns else pd.Series("", index=agencies.index)
    departments = set(agencies.index[(kind == "department") & (agencies["ministry"] == "")])
    return sorted(m for m in ministries if m not in agencies.index or m in departments)
