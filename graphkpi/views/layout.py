"""Positions for a hierarchical picture: one row per tier of the level grammar, Z on top.

A level's tier is its longest distance from a root in the profile's grammar (strategy 0,
master plan 1, sub-target 3, value-chain factor 5 …), projects one row below the deepest.
Within a row nodes are ordered by the mean position of what they cascade into, so chains
read top-down with few crossings; a row of groups of projects too long for one line is
ordered by budget instead (wrapped, it has no left-to-right order to keep). Positions are
computed here, so the browser does no physics and large views open at once.
"""

from __future__ import annotations

from collections import defaultdict
from functools import cache

from graphkpi.profile import PROJECT_LEVEL, Profile
from graphkpi.views.select import ViewGraph

# A label is cut to LABEL_WIDTH pixels in the page (its full text is in the tooltip) and a dot is at
# most 2 × MAX_RADIUS wide, so nodes COL_GAP apart never touch; a row of dots with three lines of
# label below them is under SUB_ROW_GAP high. tests/views/test_view_browser.py measures it.
ROW_GAP = 200      # between tiers
SUB_ROW_GAP = 130  # between the wrapped rows of one tier
COL_GAP = 210
LABEL_WIDTH = 180
MAX_RADIUS = 30
PER_ROW = 8        # a tier wider than this wraps, so a zoomed-to-fit view stays legible


def tiers(profile: Profile) -> dict[str, int]:
    """Level → row (0 for roots); projects below every level; unknown levels just above projects."""

    @cache
    def depth(level: str) -> int:
        parents = [p for p in profile.levels[level].parents if p in profile.levels and p != level]
        return 0 if not parents or level in profile.roots else 1 + max(depth(p) for p in parents)

    out = {lv: depth(lv) for lv in profile.levels}
    bottom = max(out.values(), default=0) + 2
    out[PROJECT_LEVEL] = bottom
    return out


def place(view: ViewGraph, profile: Profile) -> dict[str, tuple[float, float]]:
    """x, y for every node of ``view``."""
    tier_of = tiers(profile)
    unknown = tier_of[PROJECT_LEVEL] - 1
    rows: dict[int, list[str]] = defaultdict(list)
    for nid, node in view.nodes.items():
        rows[tier_of.get(node.level, unknown)].append(nid)
    parents: dict[str, list[str]] = defaultdict(list)
    for child, parent in view.edges:
        if child in view.nodes and parent in view.nodes:
            parents[child].append(parent)
    x: dict[str, float] = {}
    pos: dict[str, tuple[float, float]] = {}
    y = 0.0
    for tier in sorted(rows):
        ids = rows[tier]

        def key(n: str) -> tuple[float, str]:
            known = [x[p] for p in parents[n] if p in x]
            return (sum(known) / len(known) if known else float("inf"), n)

        ids.sort(key=key)
        if len(ids) > PER_ROW and all(view.nodes[n].kind == "group" for n in ids):
            # a wrapped row of groups reads top-down as a ranking: the most budget first
            ids.sort(key=lambda n: -view.nodes[n].value)
        for start in range(0, len(ids), PER_ROW):
            chunk = ids[start:start + PER_ROW]
            width = (len(chunk) - 1) * COL_GAP
            for i, nid in enumerate(chunk):
                x[nid] = i * COL_GAP - width / 2
                pos[nid] = (x[nid], y)
            y += SUB_ROW_GAP
        y += ROW_GAP - SUB_ROW_GAP
    return pos
