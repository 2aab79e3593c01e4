"""GK1xx — coverage: projects linked to nothing, targets and factors nothing serves."""

from __future__ import annotations

from collections.abc import Iterator

from graphkpi.checks.registry import check, finding, tuples
from graphkpi.graph import PlanGraph
from graphkpi.model import Finding


@check("GK101", reads=("link_project_codes", "chain_link_codes"))
def orphan_project(g: PlanGraph) -> Iterator[Finding]:
    """Projects with no link to an existing element (set difference, no traversal)."""
    codes = g.link_project_codes
    linked = g.project_flags(g.chain_link_codes)
    orphans = g.projects.index[~linked[:len(g.projects)]]
    unknown: dict[str, list[str]] = {}
    of_orphan = (codes < len(g.projects)) & ~linked[codes]
    for project, element in tuples(g.links.loc[of_orphan], "project", "element"):
        unknown.setdefault(project, []).append(element)
    for project in orphans.tolist():
        yield finding("GK101", project, unknown_links=sorted(unknown.get(project, [])))


@check("GK102", reads=("linked_elements", "hierarchy"))
def uncovered_target(g: PlanGraph) -> Iterator[Finding]:
    """Sub-targets outside the upward closure of every project's links."""
    reached = g.reached_elements
    targets = g.elements.index[g.elements["level"] == g.profile.target_level]
    for element in targets:
        if element not in reached:
            yield finding("GK102", element)


@check("GK103", reads=("linked_elements",))
def uncovered_factor(g: PlanGraph) -> Iterator[Finding]:
    """Value-chain factors no project links to directly."""
    linked = set(g.linked_elements)
    factors = g.elements.index[g.elements["level"] == g.profile.factor_level]
    for element in factors:
        if element not in linked:
            yield finding("GK103", element)
