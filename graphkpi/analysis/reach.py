"""Looking down the chain: every project whose chains pass through one element.

``trace`` walks up from one project; ``reach`` answers the reverse question for a whole level
of projects at once. Chains are the contract's ("How chains are followed"): links and
project_links.csv, then parents, every existing element followed whatever its period (GK205
reports, it does not cut chains). The backend reads the part of the cascade below the element
(:class:`~graphkpi.backends.base.DownChain`); everything after that is this one stage, so both
backends give the same answer by construction:

- one breadth-first pass down from the element gives each element below its distance; the
  shortest route of a project is its nearest link, then at each step the parent one step
  nearer with the smallest id (ties broken the same way on both backends);
- routes are counted once per element over the condensed cascade (a loop counts as one
  element), then summed over each project's links with one group-by;
- the per-level totals join the (small) closure of the linked elements inside the part below,
  computed by :func:`graphkpi.closure.closure_pairs`, to the links.

No project is walked on its own: paths are built per distinct linked element, not per project.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass

import networkx as nx
import numpy as np
import pandas as pd

from graphkpi.backends.base import Backend, DownChain, as_backend
from graphkpi.closure import closure_pairs
from graphkpi.graph import PlanGraph
from graphkpi.load.guess import nearby
from graphkpi.messages import reading_lang, say
from graphkpi.profile import Profile
from graphkpi.sets import isin, mapped

ROUTE_CAP = 10**15   # routes beyond this are shown as this (a lattice of plans could count 2^depth)


class ReachError(KeyError):
    """``reach`` was asked about an id that is not a plan element: ``kind`` is ``project`` (then
    ``trace`` answers) or ``unknown`` (``nearby`` lists the element ids that look like it)."""

    def __init__(self, node_id: str, kind: str, nearby: list[str] | None = None) -> None:
        super().__init__(node_id)
        self.node_id, self.kind, self.nearby = node_id, kind, nearby or []

    def text(self, lang: str = "th") -> str:
        """Why ``reach`` cannot answer: a project (``trace`` answers), or unknown, with look-alikes."""
        if self.kind == "project":
            return say("ui.reach_is_project", lang, id=self.node_id)
        text = say("ui.reach_unknown", lang, id=self.node_id)
        if self.nearby:
            text += "; " + say("ui.reach_did_you_mean", lang, ids=", ".join(self.nearby))
        return text

    def __str__(self) -> str:   # a KeyError shows its key's repr; a notebook shows the sentence
        return self.text(reading_lang())


@dataclass
class Reach:
    """The answer for one element.

    ``projects``: one row per project (the project facts, then ``steps``, the links on the shown
    route from the project up to the element; ``routes``, how many distinct routes it has; ``path``,
    the shown route's element ids from the project's link up to the element), largest budget
    first. ``by_ministry``: ``ministry``, ``ministry_name``, ``projects``, ``budget`` (each project's
    budget once, however many routes it has). ``by_level``: per level below the element,
    ``level``, ``elements`` (whose chains pass through the element), ``projects`` and ``budget`` (the
    projects with a route through an element of that level, each once per level).
    """

    element: dict[str, str]
    projects: pd.DataFrame
    by_ministry: pd.DataFrame
    by_level: pd.DataFrame

    @property
    def budget(self) -> float:
        """Every listed project's budget, each once."""
        return float(self.projects["budget"].sum())


def graph_down_chain(g: PlanGraph, element: str) -> DownChain:
    """:class:`DownChain` from a loaded bundle: :meth:`PlanGraph.down_closure` and its tables."""
    if element not in g.elements.index:
        if element in g.projects.index:
            return DownChain("project")
        return DownChain("unknown", known=g.elements.index.tolist())
    below = g.down_closure({element})
    wanted = pd.Index(sorted(below), dtype=object)
    parents = g.parents
    edges = parents[isin(parents["child"], wanted) & isin(parents["parent"], wanted)]
    links = g.existing_links   # existing projects' links to existing elements (project_links.csv may name others)
    links = links[isin(links["element"], wanted)]
    return DownChain("element", levels=g.levels(wanted),
                     edges=edges[["child", "parent"]].drop_duplicates(ignore_index=True),
                     links=links[["project", "element"]].drop_duplicates(ignore_index=True))


def reach(b: Backend | PlanGraph, element: str, lang: str = "th", projects: Collection[str] | None = None) -> Reach:
    """Every project whose chains pass through ``element``, with one route each and the totals;
    ``b``: a backend or the loaded graph.

    ``projects``: when given, only these projects are considered (the slice of ``--ministry``,
    ``--province``…): the one place a project filter enters. Raises :class:`ReachError` for an id
    that is not an element.
    """
    b = as_backend(b)
    down = b.down_chain(element)
    if down.kind != "element":
        raise ReachError(element, down.kind, nearby(element, down.known) if down.kind == "unknown" else None)
    links = down.links
    if projects is not None:
        links = links[isin(links["project"], pd.Index(list(projects), dtype=object))]
    h = nx.DiGraph()
    h.add_nodes_from(down.levels)
    h.add_edges_from(down.edges[["child", "parent"]].itertuples(index=False, name=None))
    dist = pd.Series(nx.single_source_shortest_path_length(h.reverse(copy=False), element), dtype="int64")
    c = nx.condensation(h)
    shown = _nearest_links(links, dist)
    paths = _paths(shown["element"].unique(), _next_hops(down.edges, dist))
    facts = b.project_facts(shown["project"].tolist(), lang)
    rows = facts.assign(steps=shown["steps"].to_numpy(), routes=_routes(links, c, element)
                        .reindex(shown["project"]).to_numpy(),
                        path=mapped(shown["element"], paths))
    rows = rows.sort_values(["budget", "project"], ascending=[False, True], na_position="last",
                            ignore_index=True)
    name = b.names([element], lang).get(element, "")
    return Reach(element={"id": element, "level": down.levels[element], "name": name},
                 projects=rows, by_ministry=_by_ministry(rows),
                 by_level=_by_level(down, links, c, dist, element, rows, b.profile))


def _nearest_links(links: pd.DataFrame, dist: pd.Series) -> pd.DataFrame:
    """Per project: its link nearest the element (smallest id on a tie) and the route's length in links."""
    near = links.assign(steps=mapped(links["element"], dist) + 1)
    near = near.sort_values(["project", "steps", "element"], ignore_index=True)
    return near.drop_duplicates("project", ignore_index=True)


def _next_hops(edges: pd.DataFrame, dist: pd.Series) -> dict[str, str]:
    """Each element below → its parent one step nearer the element, the smallest id on a tie."""
    e = edges.assign(dc=edges["child"].map(dist).to_numpy(dtype="float64"),
                     dp=edges["parent"].map(dist).to_numpy(dtype="float64"))
    e = e[e["dp"] == e["dc"] - 1].sort_values(["child", "parent"]).drop_duplicates("child")
    return dict(zip(e["child"], e["parent"], strict=True))


def _paths(starts: np.ndarray, hop: dict[str, str]) -> dict[str, list[str]]:
    """The shortest route from each start element up to the element (both ends included); one
    walk per distinct linked element, each at most as long as the route."""
    out: dict[str, list[str]] = {}
    for start in starts:
        path = [start]
        while path[-1] in hop:
            path.append(hop[path[-1]])
        out[start] = path
    return out


def _routes(links: pd.DataFrame, c: nx.DiGraph, element: str) -> pd.Series:
    """Per project: its distinct routes up to the element, counted over ``c``, the condensed part
    below it (a loop is one step), capped at :data:`ROUTE_CAP`."""
    group_of = c.graph["mapping"]
    top = group_of[element]
    count: dict[int, int] = {}
    for grp in reversed(list(nx.topological_sort(c))):   # edges run child → parent: parents first
        count[grp] = 1 if grp == top else min(ROUTE_CAP, sum(count[p] for p in c.successors(grp)))
    per_element = pd.Series({e: count[grp] for e, grp in group_of.items()}, dtype="int64")
    routes = links.assign(n=mapped(links["element"], per_element)).groupby("project")["n"].sum()
    return routes.clip(upper=ROUTE_CAP)


def _by_ministry(rows: pd.DataFrame) -> pd.DataFrame:
    """Projects and budget per ministry, each project once, largest budget first."""
    cols = ["ministry", "ministry_name", "projects", "budget"]
    if rows.empty:
        return pd.DataFrame(columns=cols)
    out = rows.groupby(["ministry", "ministry_name"], dropna=False).agg(
        projects=("project", "size"), budget=("budget", "sum")).reset_index()
    out["budget"] = out["budget"].round(2)
    return out.sort_values(["budget", "ministry"], ascending=[False, True], ignore_index=True)[cols]


def _by_level(down: DownChain, links: pd.DataFrame, c: nx.DiGraph, dist: pd.Series, element: str,
              rows: pd.DataFrame, profile: Profile) -> pd.DataFrame:
    """Per level below the element: its elements there, and the projects with a route through one.
    Nearest level first; levels as near in the profile's order (a level it lacks after them).

    The elements on a route from a link up to the element are the link's upward closure inside
    the part below (nothing there is off the way), so :func:`closure_pairs` gives them per
    distinct link; projects with one link are then counted per link, the others per (project, level).
    """
    cols = ["level", "elements", "projects", "budget"]
    levels = pd.Series(down.levels, dtype=object).drop(element)
    if levels.empty:
        return pd.DataFrame(columns=cols)
    pairs = closure_pairs(c, c.graph["mapping"], links["element"].unique().tolist())
    pairs = pairs[pairs["element"] != element]
    on_way = pd.DataFrame({"element": pairs["source"].to_numpy(),
                           "level": pairs["element"].map(levels).to_numpy()}).drop_duplicates()
    budget = rows.set_index("project")["budget"].fillna(0.0)
    linked = links.assign(budget=pd.Series(mapped(links["project"], budget)).fillna(0.0).to_numpy())
    several = linked["project"].duplicated(keep=False).to_numpy()
    once = linked[~several].groupby("element").agg(projects=("project", "size"), budget=("budget", "sum"))
    once = once.reset_index().merge(on_way, on="element").groupby("level")[["projects", "budget"]].sum()
    many = linked[several].merge(on_way, on="element").drop_duplicates(["project", "level"])
    many = many.groupby("level").agg(projects=("project", "size"), budget=("budget", "sum"))
    acting = once.add(many, fill_value=0)
    nearest = dist.reindex(levels.index)
    out = pd.DataFrame({"level": levels.to_numpy(), "near": nearest.to_numpy()}).groupby("level").agg(
        elements=("level", "size"), near=("near", "min")).reset_index()
    out = out.merge(acting, left_on="level", right_index=True, how="left").fillna({"projects": 0, "budget": 0.0})
    out["projects"] = out["projects"].astype("int64")
    out["budget"] = out["budget"].round(2)
    out["order"] = [profile.levels[lv].order if lv in profile.levels else len(profile.levels) for lv in out["level"]]
    return out.sort_values(["near", "order", "level"], ignore_index=True)[cols]

