"""Every chain from a project or element up to Z, as a tree that marks where chains break."""

from __future__ import annotations

from dataclasses import dataclass, field

from graphkpi.graph import PlanGraph
from graphkpi.profile import PROJECT_LEVEL


@dataclass
class TraceNode:
    """One step of a chain. ``status``: ``ok``, ``z`` (a root), ``stop`` (no parent),
    ``missing`` (unknown id), ``loop`` (already on this path) or ``seen`` (shown above)."""

    id: str
    level: str
    name: str
    status: str = "ok"
    allowed: bool = True
    reaches_z: bool = False
    parents: list[TraceNode] = field(default_factory=list)

    def to_dict(self) -> dict:
        return {"id": self.id, "level": self.level, "name": self.name, "status": self.status,
                "allowed": self.allowed, "reaches_z": self.reaches_z,
                "parents": [p.to_dict() for p in self.parents]}


def trace(g: PlanGraph, node_id: str, lang: str = "th") -> TraceNode:
    """The upward tree from ``node_id``; raises ``KeyError`` for an id that is not in the bundle."""
    parents_of = g.parents.groupby("child")["parent"].agg(list).to_dict()
    levels = g.elements["level"]
    shown: set[str] = set()

    def walk(eid: str, child_level: str, path: frozenset[str]) -> TraceNode:
        if eid not in g.elements.index:
            return TraceNode(eid, "", "", status="missing", allowed=True)
        level = levels[eid]
        node = TraceNode(eid, level, g.name_of(eid, lang), allowed=g.profile.allows(child_level, level)
                         if child_level in g.profile.levels or child_level == PROJECT_LEVEL else True,
                         reaches_z=eid in g.reaches_z)
        if eid in path:
            node.status = "loop"
            return node
        if eid in shown:
            node.status = "seen"
            return node
        shown.add(eid)
        if level in g.profile.roots:
            node.status = "z"
        ups = parents_of.get(eid, [])
        if not ups or all(p not in g.elements.index for p in ups):
            node.status = "z" if level in g.profile.roots else "stop"
        node.parents = [walk(p, level, path | {eid}) for p in sorted(ups)]
        return node

    if node_id in g.projects.index:
        root = TraceNode(node_id, PROJECT_LEVEL, str(g.projects.at[node_id, "name"]))
        links = sorted(g.links.loc[g.links["project"] == node_id, "element"])
        root.parents = [walk(e, PROJECT_LEVEL, frozenset()) for e in links]
        root.reaches_z = any(p.reaches_z for p in root.parents)
        root.status = "ok" if links else "stop"
        return root
    if node_id in g.elements.index:
        return walk(node_id, "", frozenset())
    raise KeyError(node_id)
