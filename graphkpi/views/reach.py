"""Closures a view needs for all its shown elements at once, not one walk per element.

The overview colours each shown element by what lies below it and draws an edge to each
shown element it reaches without passing another shown one. Walking the cascade once per
shown element made that quadratic (a 4,000-element chain took half a minute, a 100,000-deep
one never finished). Here both are one pass over the condensation of the cascade (each
strongly connected group as one node, so cycles need no special case): counts below by
propagating bit sets from the bottom up, nearest shown ancestors by propagating id sets from
the top down.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

import networkx as nx
import numpy as np
import pandas as pd

from graphkpi.graph import PlanGraph
from graphkpi.sets import isin


def counts_below(g: PlanGraph, shown: Iterable[str], subsets: Mapping[str, set[str]]) -> dict[str, dict[str, int]]:
    """For each shown element and each named subset: how many of its members are at or below it.

    "Below" is :meth:`PlanGraph.down_closure` (the element, its group and everything that
    cascades into it). Each subset member is one bit; a group's bits are its members' bits or'ed
    with the bits of every group directly below, in topological order, so each edge is visited
    once. Counts are taken as a group is finished and its bits dropped once every group above
    it has taken them, so memory follows the widest frontier, not the whole closure.
    """
    c, group_of = g.condensed
    members = pd.Index(sorted(set().union(*subsets.values()) & set(group_of)), dtype=object)
    masks = {name: _bits(isin(members, list(sub))) for name, sub in subsets.items()}
    wanted = {e: group_of[e] for e in shown if e in group_of}
    keep = set(wanted.values())
    own: dict[int, int] = {}
    for i, e in enumerate(members):
        own[group_of[e]] = own.get(group_of[e], 0) | (1 << i)
    waiting = dict(c.out_degree())
    bits: dict[int, int] = {}
    counts: dict[int, dict[str, int]] = {}
    for grp in nx.topological_sort(c):   # edges run child → parent: children come first
        acc = own.get(grp, 0)
        for child in c.predecessors(grp):
            acc |= bits[child]
            waiting[child] -= 1
            if not waiting[child]:
                del bits[child]
        if waiting[grp]:
            bits[grp] = acc
        if grp in keep:
            counts[grp] = {name: (acc & mask).bit_count() for name, mask in masks.items()}
    return {e: counts[grp] for e, grp in wanted.items()}


def _bits(flags: np.ndarray) -> int:
    """A boolean array as an int whose bit i is ``flags[i]`` (one pass, not a sum of powers of two)."""
    return int.from_bytes(np.packbits(flags, bitorder="little").tobytes(), "little")


def nearest_shown(g: PlanGraph, keep: set[str]) -> set[tuple[str, str]]:
    """``(element, ancestor)`` for shown elements where ``ancestor`` is reached from ``element``
    through hidden elements only (or directly); an element is never its own ancestor.

    Each hidden group's set of nearest shown ancestors is built once, top down, and shared
    unchanged by a group with a single way up, so a long hidden chain costs no copies.
    """
    h = g.hierarchy
    hidden = h.subgraph([n for n in h if n not in keep])
    c = nx.condensation(hidden)
    group_of = c.graph["mapping"]
    above: dict[int, frozenset[str]] = {}
    for grp in reversed(list(nx.topological_sort(c))):   # parents first
        direct: set[str] = set()
        inherited: list[frozenset[str]] = []
        for n in c.nodes[grp]["members"]:
            for p in h.successors(n):
                if p in keep:
                    direct.add(p)
                elif group_of[p] != grp:
                    inherited.append(above[group_of[p]])
        distinct = list({id(s): s for s in inherited}.values())
        if not direct and len(distinct) == 1:
            above[grp] = distinct[0]
        else:
            above[grp] = frozenset(direct.union(*distinct))
    edges: set[tuple[str, str]] = set()
    for e in keep:
        if e not in h:
            continue
        for p in h.successors(e):
            for a in ((p,) if p in keep else above[group_of[p]]):
                if a != e:
                    edges.add((e, a))
    return edges
