"""GK0xx — the bundle's own integrity: unknown references, bad levels, cycles.

These are findings, never crashes: an auditor sees every broken reference at once.
"""

from __future__ import annotations

from collections.abc import Iterator

import networkx as nx
import pandas as pd

from graphkpi.checks.registry import check, finding
from graphkpi.graph import PlanGraph
from graphkpi.model import Finding, NodeKind


def _missing(frame: pd.DataFrame, subject: str, ref: str, known: pd.Index, via: str,
             kind: str) -> Iterator[Finding]:
    rows = frame.loc[~frame[ref].isin(known) & (frame[ref] != ""), [subject, ref]].drop_duplicates()
    for subj, missing in rows.itertuples(index=False, name=None):
        yield finding("GK001", subj, [missing], kind=kind, via=via, missing=missing)


@check("GK001")
def unknown_reference(g: PlanGraph) -> Iterator[Finding]:
    """Every reference that names a missing element, project, agency or KPI."""
    el, pj, ag, kp = g.elements.index, g.projects.index, g.agencies.index, g.kpis.index
    projects = g.projects.reset_index()
    agencies = g.agencies.reset_index()
    kpis = g.kpis.reset_index()
    E, P, A, K = (NodeKind.ELEMENT.value, NodeKind.PROJECT.value, NodeKind.AGENCY.value, NodeKind.KPI.value)
    seen: set[tuple] = set()
    sources = (
        (g.parents, "child", "parent", el, "elements.parents", E),
        (g.links, "project", "element", el, "projects.links", P),
        (g.links, "project", "project", pj, "project_links.project", P),
        (projects, "id", "agency", ag, "projects.agency", P),
        (agencies, "id", "ministry", ag, "agencies.ministry", A),
        (g.leads, "element", "element", el, "leads.element", E),
        (g.leads, "element", "agency", ag, "leads.agency", E),
        (kpis, "id", "element", el, "kpis.element", K),
        (g.kpi_agencies, "kpi", "kpi", kp, "kpi_agencies.kpi", K),
        (g.kpi_agencies, "kpi", "agency", ag, "kpi_agencies.agency", K),
    )
    for frame, subject, ref, known, via, kind in sources:
        for f in _missing(frame, subject, ref, known, via, kind):
            if f.key not in seen:
                seen.add(f.key)
                yield f


@check("GK002")
def bad_level(g: PlanGraph) -> Iterator[Finding]:
    """Elements whose level the profile does not define."""
    bad = g.elements[~g.elements["level"].isin(g.profile.levels)]
    for element_id, level in bad["level"].items():
        yield finding("GK002", element_id, level=level, profile=g.profile.name)


@check("GK003")
def cycle(g: PlanGraph) -> Iterator[Finding]:
    """One finding per strongly connected group of elements (or self-parent)."""
    yield from cycle_findings(g.hierarchy)


def cycle_findings(h: nx.DiGraph) -> Iterator[Finding]:
    """GK003 on a cascade graph (child → parent); the Neo4j backend feeds it the cascade it reads."""
    for component in nx.strongly_connected_components(h):
        members = sorted(component)
        if len(members) > 1 or h.has_edge(members[0], members[0]):
            yield finding("GK003", members[0], members[1:])
