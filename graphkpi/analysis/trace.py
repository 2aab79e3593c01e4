"""Every chain from a project or element up to Z, as a tree that marks where chains break.

The walk is iterative (an explicit stack, not recursion), so a chain tens of thousands of
elements deep or a cycle of any length traces in time linear in the elements it passes:
Python's recursion limit (about 1,000 frames) would otherwise stop it at a few hundred levels.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from graphkpi.graph import PlanGraph
from graphkpi.periods import period
from graphkpi.profile import PROJECT_LEVEL


@dataclass
class TraceNode:
    """One step of a chain. ``status``: ``ok``, ``z`` (a root), ``stop`` (no parent),
    ``missing`` (unknown id), ``loop`` (already on this path) or ``seen`` (shown above).
    ``out_of_period``: the element's period ``[from, to]`` when the step into it is outside it
    (GK205: the project's fiscal year, or the period of the element below, is not in it)."""

    id: str
    level: str
    name: str
    status: str = "ok"
    allowed: bool = True
    reaches_z: bool = False
    parents: list[TraceNode] = field(default_factory=list)
    out_of_period: list[int | None] | None = None

    def fields(self) -> dict:
        """Every field but ``parents``, in the order of the JSON document (``out_of_period`` only
        on such a step, so a bundle without periods traces as before)."""
        out = {"id": self.id, "level": self.level, "name": self.name, "status": self.status,
               "allowed": self.allowed, "reaches_z": self.reaches_z}
        if self.out_of_period is not None:
            out["out_of_period"] = self.out_of_period
        return out

    def to_dict(self) -> dict:
        """The tree as nested dicts, built bottom-up without recursion (any depth)."""
        out: dict[int, dict] = {}
        for node in reversed(list(self.preorder())):
            out[id(node)] = {**node.fields(), "parents": [out.pop(id(p)) for p in node.parents]}
        return out[id(self)]

    def preorder(self) -> list[TraceNode]:
        """This node and every node above it, depth first, parents in their order."""
        order, stack = [], [self]
        while stack:
            node = stack.pop()
            order.append(node)
            stack.extend(reversed(node.parents))
        return order


def trace(g: PlanGraph, node_id: str, lang: str = "th") -> TraceNode:
    """The upward tree from ``node_id``; raises ``KeyError`` for an id that is not in the bundle.

    Depth first, parents in id order; an element is expanded once (later occurrences are
    ``seen``), and an element already on the path from the start is a ``loop``.
    """
    if node_id in g.projects.index:
        row = g.project_ids.rows(pd.Index([node_id], dtype=object))
        root = TraceNode(node_id, PROJECT_LEVEL, str(g.project_values("name", row)[0]))   # from the file if left there
        starts = sorted(g.links.loc[g.links["project"] == node_id, "element"])
        start_level = PROJECT_LEVEL
    elif node_id in g.elements.index:
        root, starts, start_level = None, [node_id], ""
    else:
        raise KeyError(node_id)
    parents_of = g.parents.groupby("child")["parent"].agg(list).to_dict()
    late = _out_of_period_steps(g, node_id if root is not None else None)
    levels = g.elements["level"]
    known = g.elements.index
    profile = g.profile
    holder = TraceNode("", "", "")            # collects the top node(s) of the walk
    shown: set[str] = set()
    on_path: set[str] = set()
    # A task is (element, level of the node below, node to attach to) or (None, element, None):
    # leave ``element`` (it is no longer on the path).
    stack: list[tuple[str | None, str, TraceNode | None]] = [(e, start_level, holder) for e in reversed(starts)]
    while stack:
        eid, below, attach = stack.pop()
        if eid is None:
            on_path.discard(below)
            continue
        if eid not in known:
            attach.parents.append(TraceNode(eid, "", "", status="missing", allowed=True))
            continue
        level = levels[eid]
        checked = below in profile.levels or below == PROJECT_LEVEL
        node = TraceNode(eid, level, "", allowed=profile.allows(below, level) if checked else True,
                         reaches_z=eid in g.reaches_z)
        attach.parents.append(node)
        step = (node_id if attach is holder else attach.id, eid)
        if step in late:
            node.out_of_period = late[step]
        if eid in on_path:
            node.status = "loop"
            continue
        if eid in shown:
            node.status = "seen"
            continue
        shown.add(eid)
        ups = parents_of.get(eid, [])
        if level in profile.roots:
            node.status = "z"
        elif not ups or all(p not in known for p in ups):
            node.status = "stop"
        on_path.add(eid)
        stack.append((None, eid, None))
        stack.extend((p, level, node) for p in sorted(ups, reverse=True))
    names = g.names(shown, lang)
    for node in holder.preorder():
        if node.id in shown:
            node.name = names.get(node.id, "")
    if root is None:
        return holder.parents[0]
    root.parents = holder.parents
    root.reaches_z = any(p.reaches_z for p in root.parents)
    root.status = "ok" if starts else "stop"
    return root


def _out_of_period_steps(g: PlanGraph, project: str | None) -> dict[tuple[str, str], list[int | None]]:
    """(lower id, element) → the element's period, for the steps GK205 reports: the links of
    ``project`` (None when tracing an element) and every cascade edge whose periods share no year."""
    start, end = g.period_rows
    links = g.out_of_period_links
    steps = [*links.loc[links["project"] == project, ["project", "element"]].itertuples(index=False, name=None),
             *g.out_of_period_edges[["child", "parent"]].itertuples(index=False, name=None)]
    rows = g.element_ids.rows(pd.Index([e for _, e in steps], dtype=object))
    return {step: period(start[r], end[r]) for step, r in zip(steps, rows, strict=True)}
