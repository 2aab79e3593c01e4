"""Interactive HTML views of the plan graph: one self-contained, offline file per view.

``select`` picks what a mode shows (overview, focus, ministry, province, finding), ``layout``
places it in tiers by level (Z at the top, projects at the bottom), ``html`` renders it with
pyvis's network data and vis-network inlined — no network request, every text escaped.
"""

from graphkpi.views.html import render_view
from graphkpi.views.select import ViewGraph, select_view

__all__ = ["ViewGraph", "render_view", "select_view"]
