"""Upward closures of many elements at once, as one table, in one pass over the condensation.

Walking the cascade once per element costs (elements × depth) visits, and the checks used
to repeat those walks for every target set they asked about. Here the sources below each
strongly connected group are propagated bottom up (children before parents), so every edge
of the condensation is visited once; a group with a single way down and no source of its own
shares its child's set instead of copying it, so a 100,000-deep chain with one project at the
bottom costs 100,000 steps, not 5·10⁹. The output has one row per (source, element above it)
pair — exactly what the callers join to the links — and nothing per project.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

import networkx as nx
import pandas as pd


def closure_pairs(c: nx.DiGraph, group_of: Mapping[str, int], sources: Iterable[str]) -> pd.DataFrame:
    """``source``, ``element``: each source and every element its chains pass through on the way
    up (itself and its own loop included), each pair once.

    ``c`` is the condensation of the cascade (edges child → parent, ``members`` on each node) and
    ``group_of`` each element's group; sources outside the cascade are left out.
    """
    ids = [s for s in dict.fromkeys(sources) if s in group_of]
    own: dict[int, set[int]] = {}
    for i, s in enumerate(ids):
        own.setdefault(group_of[s], set()).add(i)
    waiting = dict(c.out_degree())        # parents still to take a group's set
    below: dict[int, frozenset[int]] = {}
    src: list[int] = []
    element: list[str] = []
    empty: frozenset[int] = frozenset()
    for grp in nx.topological_sort(c):    # edges run child → parent: children come first
        inherited = []
        for child in c.predecessors(grp):
            if below[child]:
                inherited.append(below[child])
            waiting[child] -= 1
            if not waiting[child]:
                del below[child]
        distinct = list({id(s): s for s in inherited}.values())
        mine = own.get(grp)
        if not mine and len(distinct) <= 1:
            acc = distinct[0] if distinct else empty
        else:
            acc = frozenset((mine or set()).union(*distinct))
        if waiting[grp]:
            below[grp] = acc
        if acc:
            for member in sorted(c.nodes[grp]["members"]):
                src.extend(acc)
                element.extend([member] * len(acc))
    return pd.DataFrame({"source": pd.Series([ids[i] for i in src], dtype=object),
                         "element": pd.Series(element, dtype=object)})
