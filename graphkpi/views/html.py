"""A view as one self-contained HTML file: pyvis builds the network data, vis-network is inlined.

pyvis's stock templates fetch vis-network, Bootstrap and Tom Select from CDNs, which offline
government machines cannot reach; so the node and edge data pyvis produces go into our own
template (``template.html``) together with the vis-network script and stylesheet that ship
inside the pyvis package. Data reaches the page only as JSON in a script block, with ``<``,
``>`` and ``&`` escaped, and the page's own script writes it with ``textContent``; vis-network
draws labels on a canvas and shows string tooltips as text. Control and bidi characters in
the data are shown visibly; tooltip values and labels are cut at ``SHOWN_LIMIT`` characters (a
100 KB name froze Chromium when its tooltip opened) — the full text is in the JSON and CSV
outputs of ``check``, ``orphans`` and ``trace``.
"""

from __future__ import annotations

import json
import math
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

import jinja2
import pyvis
from markupsafe import Markup
from pyvis.network import Network

from graphkpi.profile import PROJECT_LEVEL, Profile
from graphkpi.render.i18n import period_label, t
from graphkpi.render.safe import SHOWN_LIMIT, cut, html_text, visible_json
from graphkpi.render.text import baht
from graphkpi.views.colours import level_colours
from graphkpi.views.layout import COL_GAP, LABEL_WIDTH, MAX_RADIUS, PER_ROW, SUB_ROW_GAP, place, tiers
from graphkpi.views.select import Node, ViewGraph
from graphkpi.views.webfont import FONT_SLOT, STACK, font_faces

PROJECT_COLOUR, GROUP_COLOUR, UNKNOWN_COLOUR = "#c9ccd1", "#e3e5e8", "#ffffff"
SUGGESTED_COLOUR = "#2a9d8f"       # a suggested link (graphkpi suggest), drawn dotted
OUT_OF_PERIOD_COLOUR = "#ff9f1c"   # GK205 is a warning: the warning border's colour
SEVERITY_BORDER = {"error": "#d62728", "warning": "#ff9f1c", "info": "#1f77b4"}


class _NodeIds(list):
    """pyvis's list of node ids with a set beside it: pyvis tests membership in this list on
    every ``add_node`` and ``add_edge``, which made a 100,000-node view take ten minutes."""

    def __init__(self) -> None:
        super().__init__()
        self._seen: set[Any] = set()

    def append(self, node_id: Any) -> None:
        super().append(node_id)
        self._seen.add(node_id)

    def __contains__(self, node_id: object) -> bool:
        return node_id in self._seen


# vis-network is not a Python package: the copy pyvis ships (an implementation detail of pyvis,
# under pyvis/lib/vis-<version>/) is the only offline one. Pinned, so a pyvis upgrade cannot
# silently change the page; tests/views/test_vis_assets.py fails when pyvis moves or drops it.
VIS_VERSION = "9.1.2"
VIS_ASSETS = ("vis-network.min.js", "vis-network.css")


class VisAssetMissing(RuntimeError):
    """The installed pyvis no longer ships the vis-network file the view inlines."""


def vis_asset(name: str, root: Path | None = None) -> str:
    """The text of one of ``VIS_ASSETS`` from pyvis's folder (``root``: pyvis's package folder)."""
    lib = (root or Path(pyvis.__file__).parent) / "lib"
    path = lib / f"vis-{VIS_VERSION}" / name
    try:
        return path.read_text(encoding="utf-8")
    except FileNotFoundError:
        shipped = sorted(p.name for p in lib.glob("vis-*")) if lib.is_dir() else []
        raise VisAssetMissing(
            f"pyvis {getattr(pyvis, '__version__', '?')} does not ship {path} (its vis folders: "
            f"{', '.join(shipped) or 'none'}); install a pyvis that ships vis-network {VIS_VERSION} "
            f"or update VIS_VERSION in graphkpi/views/html.py") from None


def _coverage_colour(share: float) -> str:
    """Red (0) through amber to green (1)."""
    share = min(max(share, 0.0), 1.0)
    if share < 0.5:
        r, g = 214, int(39 + (180 - 39) * share * 2)
    else:
        r, g = int(214 - (214 - 44) * (share - 0.5) * 2), int(180 - (180 - 160) * (share - 0.5) * 2)
    return f"#{r:02x}{g:02x}{40:02x}"


@cache
def _name(key: str, lang: str) -> str:
    """A tooltip line's name: the same few keys on every node of a view (16,000 in a province's)."""
    return t(key, lang)


def _tooltip(info: dict[str, Any], lang: str, be: bool) -> str:
    lines = []
    for key, value in info.items():
        if value is None or value == "" or (isinstance(value, float) and math.isnan(value)):
            continue
        if key == "budget":
            value = baht(value)
        elif key == "fiscal_year":
            value = int(value) + (543 if be else 0)
        elif isinstance(value, int):
            value = f"{value:,}"
        lines.append(f"{_name(key, lang)}: {cut(str(value), SHOWN_LIMIT, lang)}")
    return "\n".join(lines)


def _json(data: Any) -> str:
    """JSON safe inside a <script> element, every string of ``data`` as ``visible`` shows it."""
    text = visible_json(json.dumps(data, ensure_ascii=False, separators=(",", ":")))
    for a, b in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026"), ("\u2028", "\\u2028"),
                 ("\u2029", "\\u2029")):
        text = text.replace(a, b)
    return text


def _add_node(net: Network, nid: str, node: Node, view: ViewGraph, profile: Profile, lang: str, be: bool,
              top: float, xy: tuple[float, float] | None, fills: dict[str, str]) -> None:
    """``node`` as a vis-network node of ``net`` (at ``xy``; without it the page places it when a
    click opens its group)."""
    if node.kind == "project":
        fill = PROJECT_COLOUR
    elif node.kind == "group":
        fill = GROUP_COLOUR
    elif view.mode == "overview":
        fill = UNKNOWN_COLOUR if node.coverage is None else _coverage_colour(node.coverage)
    else:
        fill = fills.get(node.level, UNKNOWN_COLOUR)
    border = SEVERITY_BORDER.get(node.severity, "#555555")
    sized = view.mode == "overview" or node.kind != "element"
    scaled = MAX_RADIUS / 3 + MAX_RADIUS * 2 / 3 * math.sqrt(max(node.value, 0.0) / top) if sized else 18
    info = dict(node.info)
    if node.findings:
        info["findings"] = ", ".join(node.findings)
    level_label = t("project", lang) if node.level == PROJECT_LEVEL else profile.label(node.level, lang)
    where = {"x": xy[0], "y": xy[1]} if xy else {}
    net.add_node(nid, label=cut(node.label, SHOWN_LIMIT, lang), title=_tooltip(info, lang, be), physics=False,
                 shape="box" if node.kind == "element" and view.mode != "overview" else "dot", size=round(scaled, 1),
                 color={"background": fill, "border": border, "highlight": {"background": fill, "border": "#000000"}},
                 borderWidth=4 if node.severity else 1, kind=node.kind, level_key=node.level,
                 level_label=level_label, ministry=node.ministry, findings=node.findings, **where)


def render_view(view: ViewGraph, profile: Profile, lang: str = "th", be: bool | None = None,
                size_by: str = "projects") -> str:
    """The complete HTML page for ``view``, with the Thai font cut to the characters it uses;
    ``be`` None: years in the era its bundle gave them, as every other output."""
    be = view.years_given_be if be is None else be
    pos = place(view, profile)
    tier_of = tiers(profile)
    fills = level_colours(profile, tier_of)
    net = Network(directed=True, cdn_resources="in_line")
    net.node_ids = _NodeIds()
    values = [n.value for n in (*view.nodes.values(), *view.hidden.values())
              if n.kind != "element" or view.mode == "overview"]
    top = max(values, default=1.0) or 1.0
    # nodes by id: the views collect them in sets, whose order changes from run to run (PYTHONHASHSEED)
    for nid in sorted(view.nodes):
        _add_node(net, nid, view.nodes[nid], view, profile, lang, be, top, pos[nid], fills)
    held = Network(directed=True, cdn_resources="in_line")   # opened by a click: no position yet
    held.node_ids = _NodeIds()
    for nid in sorted(view.hidden):
        _add_node(held, nid, view.hidden[nid], view, profile, lang, be, top, None, fills)
    for child, parent in sorted(view.edges):
        if child in view.nodes and parent in view.nodes:
            late = view.out_of_period.get((child, parent))
            if late is None:
                net.add_edge(child, parent, arrows="to", color="#8a8f98", smooth=False)
            else:  # GK205: dashed, the element's period in the tooltip
                net.add_edge(child, parent, arrows="to", color=OUT_OF_PERIOD_COLOUR, smooth=False, dashes=True,
                             title=t("out_of_period_step", lang, period=period_label(late, lang, be)))
    for (child, parent), score in sorted(view.suggested.items()):   # graphkpi suggest: a proposal, not a link
        net.add_edge(child, parent, arrows="to", color=SUGGESTED_COLOUR, smooth=False, dashes=[2, 6],
                     title=t("view_suggested_step", lang, score=f"{score:.2f}"))
    nodes, edges, *_ = net.get_network_data()
    hidden = held.get_network_data()[0]
    legend_levels = sorted({n.level for n in view.nodes.values() if n.kind == "element"},
                           key=lambda lv: (tier_of.get(lv, 99), lv))
    legend = [] if view.mode == "overview" else [  # the overview colours by coverage instead
        {"label": profile.label(lv, lang), "colour": fills.get(lv, UNKNOWN_COLOUR)} for lv in legend_levels]
    labels = {k: t(f"view_{k}", lang) for k in (
        "search", "all_ministries", "all_levels", "reset", "matches", "no_match", "legend", "severity_error",
        "no_targets",
        "severity_warning", "coverage_legend", "what", "why", "fix", "nodes", "help", "project_node", "group_node",
        "panel", "about")}
    labels["font_credit"] = t("font_credit", lang)
    env = jinja2.Environment(autoescape=True, undefined=jinja2.StrictUndefined, finalize=html_text)
    template = env.from_string(resources.files("graphkpi.views").joinpath("template.html").read_text("utf-8"))
    page = template.render(
        lang=lang, title=view.title, notes=view.notes, explanation=view.explanation, labels=labels,
        legend=legend, overview=view.mode == "overview", size_by=t(f"view_size_{size_by}", lang),
        colours={"project": PROJECT_COLOUR, "group": GROUP_COLOUR, **SEVERITY_BORDER},
        vis_css=Markup(vis_asset("vis-network.css").replace("</", "<\\/")),
        vis_js=Markup(vis_asset("vis-network.min.js").replace("</script", "<\\/script")),
        data=Markup(_json({
            "nodes": nodes, "edges": edges, "labels": labels, "hidden": hidden, "expand": view.expand,
            "anchor": view.anchor, "font": STACK,
            "layout": {"col": COL_GAP, "row": SUB_ROW_GAP, "per_row": PER_ROW, "label_width": LABEL_WIDTH}})),
        count=f"{len(nodes):,}", font_css=Markup(FONT_SLOT), font_stack=Markup(STACK))
    return page.replace(FONT_SLOT, font_faces(page, weights=(400,)), 1)   # bold text is synthesised: half the cost
