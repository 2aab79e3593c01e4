"""GK2xx — chains: projects whose chains never reach Z, where chains stop, wrong cascades.

All traversal happens on the element hierarchy (thousands of nodes); projects are joined
to element-level results with pandas, so a national bundle costs a few joins.
"""

from __future__ import annotations

from collections.abc import Iterator

import numpy as np
import pandas as pd

from graphkpi.checks.registry import check, finding, tuples
from graphkpi.graph import IdLookup, PlanGraph
from graphkpi.load.schema import NATIONAL
from graphkpi.model import Finding, NodeKind
from graphkpi.periods import period
from graphkpi.profile import PROJECT_LEVEL
from graphkpi.sets import isin

# read once: an enum member's .value is a Python call, 0.1 s over GK204's 355,828 findings
_PROJECT, _ELEMENT = NodeKind.PROJECT.value, NodeKind.ELEMENT.value


def broken_projects(g: PlanGraph) -> pd.DataFrame:
    """Projects with existing links none of which reach Z: ``project``, ``break_at`` (tuple)."""
    broken = g.chain_links_where(~g.anchored[g.chain_link_codes])
    stops = {e: g.stops(e) for e in broken["element"].unique().tolist()}
    per_project: dict[str, set[str]] = {}
    for project, element in tuples(broken, "project", "element"):
        per_project.setdefault(project, set()).update(stops[element])
    projects = sorted(per_project)
    return pd.DataFrame({"project": pd.Series(projects, dtype=object),
                         "break_at": pd.Series([tuple(sorted(per_project[p])) for p in projects], dtype=object)})


@check("GK201", reads=("chain_link_codes", "hierarchy"))
def broken_chain(g: PlanGraph) -> Iterator[Finding]:
    for project, break_at in tuples(broken_projects(g), "project", "break_at"):
        yield finding("GK201", project, break_at=list(break_at))


@check("GK202", reads=("hierarchy",))
def unanchored_element(g: PlanGraph) -> Iterator[Finding]:
    """Non-root elements with no existing parent: where chains stop."""
    h = g.hierarchy
    levels = g.elements["level"]
    for element in g.elements.index:
        if h.out_degree(element) == 0 and levels[element] not in g.profile.roots:
            yield finding("GK202", element, level=levels[element])


@check("GK203", reads=("chain_link_elements",))
def level_skip(g: PlanGraph) -> Iterator[Finding]:
    """Cascades (element → parent, project → element) the profile does not allow."""
    prof = g.profile
    levels = g.elements["level"]
    edges = g.parents[isin(g.parents["parent"], g.elements.index)].drop_duplicates()
    edges = edges.assign(child_level=edges["child"].map(levels), parent_level=edges["parent"].map(levels))
    edges = edges[edges["child_level"].isin(prof.levels)]
    for child, parent, cl, pl in tuples(edges, "child", "parent", "child_level", "parent_level"):
        if not prof.allows(cl, pl):
            yield finding("GK203", child, [parent], kind=_ELEMENT, level=cl, parent_level=pl)
    # links on integers: each element's level allowed above a project or not (10⁶ links' levels as
    # text cost a string array of their own)
    level_of = levels.to_numpy(dtype=object)
    allowed = isin(levels, prof.project_parents)
    wrong = ~allowed[g.chain_link_elements]
    bad = g.chain_links_where(wrong).assign(parent_level=level_of[g.chain_link_elements[wrong]])
    for project, element, pl in tuples(bad, "project", "element", "parent_level"):
        yield finding("GK203", project, [element], kind=_PROJECT, level=PROJECT_LEVEL,
                      parent_level=pl)


@check("GK204", reads=("chain_link_elements", "chain_link_codes"))
def area_mismatch(g: PlanGraph) -> Iterator[Finding]:
    """Area targets cascading outside their area; projects linked to another province's target."""
    area_levels = g.profile.area_levels
    known = g.area_ancestors
    el = g.elements
    is_area = isin(el["level"], area_levels) & isin(el["area"], known)
    area = el.loc[is_area, "area"]
    edges = g.parents[isin(g.parents["child"], area.index) & isin(g.parents["parent"], area.index)]
    for child, parent in tuples(edges[["child", "parent"]].drop_duplicates()):
        if area[parent] not in known[area[child]]:
            yield finding("GK204", child, [parent], kind=_ELEMENT,
                          area=area[child], parent_area=area[parent])

    provincial = [lv for lv, a in area_levels.items() if a == "province"]
    targets = area[el.loc[area.index, "level"].isin(provincial)]
    yield from _outside_province(g, targets)


@check("GK205", reads=("chain_link_codes", "chain_link_elements"))
def out_of_period(g: PlanGraph) -> Iterator[Finding]:
    """Links and cascades into an element not in force when the subject is (GK205; chains still pass).

    The comparisons are the graph's derived tables (one vectorised pass over the links); only
    the findings' few elements are looked up for their periods and replacements.
    """
    links, edges = g.out_of_period_links, g.out_of_period_edges
    if links.empty and edges.empty:
        return
    start, end = g.period_rows
    named = pd.Index(pd.unique(pd.concat([links["element"], edges["parent"], edges["child"]]).to_numpy(dtype=object)))
    rows = g.element_ids.rows(named)
    periods = {e: period(start[r], end[r]) for e, r in zip(named, rows, strict=True)}
    replaced = g.existing_replacements(pd.concat([links["element"], edges["parent"]]))
    for project, element, year in tuples(links, "project", "element", "fiscal_year"):
        yield finding("GK205", project, [element], kind=_PROJECT, period=periods[element],
                      replaced_by=replaced.get(element, []), fiscal_year=int(year))
    for child, parent in tuples(edges, "child", "parent"):
        yield finding("GK205", child, [parent], kind=_ELEMENT, period=periods[parent],
                      replaced_by=replaced.get(parent, []), subject_period=periods[child])


def _outside_province(g: PlanGraph, targets: pd.Series) -> Iterator[Finding]:
    """GK204 for projects: linked to a provincial target (``targets``: element → province) but
    located (not national) only outside the province and the areas containing it.

    Works on integers: projects as rows, elements as rows, areas as positions among the known
    areas (a national bundle's links and places are 10⁶ rows each; joins of their text cost a
    second for a few hundred findings). A link is matched when one of its project's places is
    the target's province or an area containing it: one join of links and places on the
    project's row, then a look-up in a small target × area table.
    """
    known = g.area_ancestors
    target_of = np.full(len(g.elements), -1, dtype=np.intp)           # element row -> target number
    target_of[g.element_ids.rows(targets.index)] = np.arange(len(targets))
    link_target = target_of[g.chain_link_elements]
    on_target = link_target >= 0
    codes = g.chain_link_codes[on_target]
    if not len(codes):
        return
    link_target = link_target[on_target]
    n = len(g.projects)
    area_ids = pd.Index(list(known), dtype=object)
    area_of = IdLookup(area_ids).rows(g.project_areas["area"])      # -1: national or unknown (GK001)
    rows = g.area_project_rows
    national = np.zeros(n, dtype=bool)
    national[rows[isin(g.project_areas["area"], [NATIONAL])]] = True
    keep = (area_of >= 0) & g.project_flags(codes)[:n][rows] & ~national[rows]
    located = pd.DataFrame({"code": rows[keep], "area": area_of[keep]})
    links = pd.DataFrame({"code": codes, "target": link_target, "link": np.arange(len(codes))})
    links = links[g.project_flags(located["code"].to_numpy())[codes]]
    inside = np.zeros((len(targets), len(area_ids)), dtype=bool)      # target × area: area holds its province
    position = {a: i for i, a in enumerate(area_ids)}
    for t, province in enumerate(targets.to_numpy()):
        inside[t, [position[a] for a in known[province]]] = True
    pairs = links.merge(located, on="code")
    matched = np.zeros(len(codes), dtype=bool)
    matched[pairs["link"].to_numpy()[inside[pairs["target"].to_numpy(), pairs["area"].to_numpy()]]] = True
    bad = links[~matched[links["link"].to_numpy()]]
    if bad.empty:
        return
    # places are listed for the mismatched projects only, grouped by project on integers
    shown = located[g.project_flags(bad["code"].to_numpy())[located["code"].to_numpy()]].sort_values(
        "code", kind="stable")
    codes_shown, areas_shown = shown["code"].to_numpy(), np.asarray(area_ids, dtype=object)[shown["area"].to_numpy()]
    starts = np.flatnonzero(np.r_[True, codes_shown[1:] != codes_shown[:-1]])
    # each project's places as slices of one list (an array per project cost 0.2 s for 2.7·10⁵ projects)
    areas_listed, ends = areas_shown.tolist(), [*starts[1:].tolist(), len(areas_shown)]
    where = {c: ";".join(sorted(areas_listed[a:b]))
             for c, a, b in zip(codes_shown[starts].tolist(), starts.tolist(), ends, strict=True)}
    code_of, target_of = bad["code"].to_numpy(), bad["target"].to_numpy()
    for project, code, target, province in zip(g.projects.index[code_of].tolist(), code_of.tolist(),
                                               targets.index[target_of].tolist(),
                                               targets.to_numpy()[target_of].tolist(), strict=True):
        yield finding("GK204", project, [target], kind=_PROJECT, area=where[code], parent_area=province)
