"""The HTML views in a real headless Chromium, offline: no errors, no requests, what they claim.

Needs Debian's chromium (scripts/test installs it when it can) and the playwright package.
Skips with a message when chromium is missing, unless GRAPHKPI_REQUIRE_BROWSER=1 (.ci/run).
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from graphkpi.checks import run_checks
from graphkpi.cli import main
from graphkpi.load import load_bundle
from graphkpi.views import select_view
from tests.conftest import MINIMAL, SAMPLE

EVIL = "<img src=x onerror=alert(1)>"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage"]


def chromium_or_skip() -> str:
    """The path of Debian's chromium; skips (fails under GRAPHKPI_REQUIRE_BROWSER=1) without it."""
    path = shutil.which("chromium") or shutil.which("chromium-browser")
    if path is None:
        msg = "headless Chromium not found: install Debian's chromium (scripts/test does it when run as root)"
        if os.environ.get("GRAPHKPI_REQUIRE_BROWSER") == "1":
            pytest.fail("GRAPHKPI_REQUIRE_BROWSER=1 but " + msg)
        pytest.skip(msg)
    return path


@pytest.fixture(scope="module")
def browser():
    path = chromium_or_skip()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=path, args=ARGS)
        yield b
        b.close()


class Page:
    """A view opened offline, with every console error, request and dialog recorded."""

    def __init__(self, browser, path: Path, width: int = 1400, height: int = 900) -> None:
        self.context = browser.new_context(offline=True, viewport={"width": width, "height": height})
        self.page = self.context.new_page()
        self.errors: list[str] = []
        self.requests: list[str] = []
        self.dialogs: list[str] = []
        self.page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.on("request", lambda r: self.requests.append(r.url))
        self.page.on("dialog", lambda d: (self.dialogs.append(d.message), d.dismiss()))
        self.page.goto(path.as_uri())
        self.page.wait_for_function("() => document.body.dataset.ready === '1'", timeout=20_000)

    def js(self, expr: str):
        return self.page.evaluate(expr)

    def close(self) -> None:
        self.context.close()


def render(tmp_path: Path, bundle: Path, *args: str) -> Path:
    out = tmp_path / "view.html"
    result = CliRunner().invoke(main, ["view", str(bundle), "-o", str(out), "-q", *args])
    assert result.exit_code == 0, result.output
    return out


MODES = {
    "overview": ("overview", "", []),
    "focus": ("focus", "050101", ["--focus", "050101"]),
    "ministry": ("ministry", "สธ", ["--ministry", "สธ"]),
    "province": ("province", "TH-50", ["--province", "TH-50"]),   # national projects included, in both
    "finding": ("finding", "GK201", ["--finding", "GK201"]),
}


@pytest.mark.parametrize("name", list(MODES))
def test_mode_opens_offline_without_errors(browser, tmp_path: Path, name: str) -> None:
    mode, target, args = MODES[name]
    path = render(tmp_path, SAMPLE, *args)
    g = load_bundle(SAMPLE)
    expected = select_view(g, run_checks(g), mode=mode, target=target)
    page = Page(browser, path)
    try:
        assert page.errors == []
        assert page.requests == [path.as_uri()]  # the file itself, nothing else
        assert page.js("graphkpiView.nodes.length") == len(expected.nodes)
        assert page.js("graphkpiView.edges.length") == len(expected.edges)
        assert page.js(INKED) > 0.002, "the first screen shows nodes"
        assert page.js(OVERLAPS) == []
    finally:
        page.close()


# The share of the graph's canvas that is not background: a blank first screen is 0.
INKED = """(() => {
  const c = document.querySelector('#graph canvas'), d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
  let inked = 0;
  for (let i = 0; i < d.length; i += 4) {
    if (d[i + 3] > 0 && (d[i] < 235 || d[i + 1] < 235 || d[i + 2] < 235)) inked++;
  }
  return inked / (c.width * c.height);
})()"""
# Pairs of drawn nodes whose boxes (shape and label, as vis-network measured them when drawing) overlap.
# vis-network measures a label only when it draws it on screen: each node is visited at 100 % first.
OVERLAPS = """(() => {
  const v = graphkpiView, body = v.network.body.nodes, at = v.network.getPositions();
  Object.keys(at).forEach(id => {
    v.network.moveTo({position: at[id], scale: 1, animation: false});
    v.network.redraw();
  });
  v.fit();
  const boxes = v.nodes.getIds().filter(id => !v.nodes.get(id).hidden).map(id => {
    const n = body[id], b = n.shape.boundingBox, l = n.labelModule.size;
    return {id, left: Math.min(b.left, l.left), right: Math.max(b.right, l.left + l.width),
            top: Math.min(b.top, l.top), bottom: Math.max(b.bottom, l.top + l.height)};
  }).sort((a, b) => a.left - b.left);
  const out = [];
  for (let i = 0; i < boxes.length; i++) {
    for (let j = i + 1; j < boxes.length && boxes[j].left < boxes[i].right; j++) {
      const a = boxes[i], b = boxes[j];
      if (a.top < b.bottom && b.top < a.bottom) out.push([a.id, b.id]);
    }
  }
  return out;
})()"""
# The drawn nodes' boxes, in the canvas's pixels, against the canvas: how far any sticks out.
OUTSIDE = """(() => {
  const v = graphkpiView, net = v.network, c = document.querySelector('#graph canvas');
  const w = c.clientWidth, h = c.clientHeight;
  let worst = 0;
  v.nodes.getIds().forEach(id => {
    const b = net.body.nodes[id].shape.boundingBox;
    const a = net.canvasToDOM({x: b.left, y: b.top}), z = net.canvasToDOM({x: b.right, y: b.bottom});
    worst = Math.max(worst, -a.x, -a.y, z.x - w, z.y - h);
  });
  return worst;
})()"""


@pytest.mark.parametrize("size", [(1366, 768), (1400, 900)], ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("name", ["overview", "finding"])
def test_first_screen_fits_the_window(browser, tmp_path: Path, name: str, size: tuple[int, int]) -> None:
    """The overview and a finding view fit the window on load (both were clipped left and right),
    the explanation sits in the side panel beside the graph, and a resize fits again."""
    page = Page(browser, render(tmp_path, SAMPLE, *MODES[name][2]), *size)
    try:
        assert page.js(OUTSIDE) <= 1
        graph = page.page.locator("#graph").bounding_box()
        assert graph["y"] < 120 and graph["y"] + graph["height"] <= size[1] + 1   # not pushed below the fold
        page.page.set_viewport_size({"width": 1200, "height": 760})
        page.page.wait_for_timeout(400)
        assert page.js(OUTSIDE) <= 1
        assert page.errors == []
    finally:
        page.close()


def test_groups_open_close_and_search_jumps_into_them(browser, tmp_path: Path) -> None:
    """A view over the node cap draws groups; a click opens one by agency and then into projects
    (placed without overlap), a double-click closes it, and a search for a project opens its groups."""
    page = Page(browser, render(tmp_path, SAMPLE, "--focus", "MP05", "--depth", "4", "--max-nodes", "100"))
    try:
        # a drawn group that opens into at least one agency group (a group of one opens into its project)
        group = page.js("""(() => {
          const d = JSON.parse(document.getElementById('graphkpi-data').textContent);
          const kind = Object.fromEntries(d.hidden.map(n => [n.id, n.kind]));
          return graphkpiView.nodes.get().filter(n => n.kind === 'group')
            .find(n => d.expand[n.id].some(c => kind[c] === 'group')).id;
        })()""")
        before = page.js("graphkpiView.nodes.length")
        page.js(f"graphkpiView.network.selectNodes([{group!r}]); "
                f"graphkpiView.network.emit('selectNode', {{nodes: [{group!r}], edges: []}})")
        agencies = page.js(f"graphkpiView.nodes.get().filter(n => n.from_group === {group!r} && n.kind === 'group')"
                           ".map(n => n.id)")
        assert agencies and page.js(f"graphkpiView.nodes.get({group!r})") is None
        page.js(f"graphkpiView.expand({agencies[0]!r})")
        projects = page.js(f"graphkpiView.nodes.get().filter(n => n.from_group === {agencies[0]!r}).map(n => n.id)")
        assert projects and all(p.startswith("P-") for p in projects)
        page.js("graphkpiView.network.redraw()")
        assert page.js(OVERLAPS) == []
        page.js(f"graphkpiView.collapse({group!r})")
        assert page.js("graphkpiView.nodes.length") == before
        assert page.js(f"graphkpiView.nodes.get({projects[0]!r})") is None
        page.page.fill("#search", projects[0])
        page.page.press("#search", "Enter")
        assert page.js("graphkpiView.network.getSelectedNodes()") == [projects[0]]
        assert page.errors == []
    finally:
        page.close()


def test_target_groups_open_by_ministry_then_agency_then_projects(browser, tmp_path: Path) -> None:
    """Target × ministry groups too many for the cap: one group per target is drawn. A click opens
    it into its ministries' groups, those into agencies and projects (no label overlapping), a
    double-click on a child closes the target again, and a search for a project opens every
    level above it."""
    page = Page(browser, render(tmp_path, SAMPLE, "--focus", "MP05", "--depth", "4", "--max-nodes", "100",
                                "--lang", "en"))
    try:
        data = page.js("JSON.parse(document.getElementById('graphkpi-data').textContent)")
        held = {n["id"]: n for n in data["hidden"]}
        before = page.js("graphkpiView.nodes.length")
        target = next(n["id"] for n in data["nodes"] if n["kind"] == "group" and n["id"].endswith("|*"))
        ministries = data["expand"][target]
        assert len(ministries) > 1 and all(held[m]["kind"] == "group" for m in ministries)
        page.js(f"graphkpiView.network.selectNodes([{target!r}]); "
                f"graphkpiView.network.emit('selectNode', {{nodes: [{target!r}], edges: []}})")
        opened = page.js(f"graphkpiView.nodes.get().filter(n => n.from_group === {target!r}).map(n => n.id)")
        assert sorted(opened) == sorted(ministries) and page.js(f"graphkpiView.nodes.get({target!r})") is None
        for m in ministries:
            page.js(f"graphkpiView.expand({m!r})")
        inside = page.js("graphkpiView.nodes.get().filter(n => n.kind === 'project').map(n => n.id)")
        assert inside or any(held[c]["kind"] == "group" for m in ministries for c in data["expand"][m])
        page.js("graphkpiView.network.redraw()")
        assert page.js(OVERLAPS) == []
        child = page.js(f"graphkpiView.nodes.get().find(n => n.from_group === {ministries[0]!r}).id")
        _dblclick(page, child)   # closes the ministry's group…
        assert page.js(f"graphkpiView.nodes.get({ministries[0]!r})") is not None
        _dblclick(page, ministries[0])   # …and that closes the target's
        assert page.js(f"graphkpiView.nodes.get({target!r})") is not None
        assert page.js("graphkpiView.nodes.length") == before
        # search: a project two or three levels inside a target group
        project = next(c for m in ministries for a in data["expand"][m]
                       for c in (data["expand"].get(a) or [a]) if held[c]["kind"] == "project")
        page.page.fill("#search", project)
        page.page.press("#search", "Enter")
        assert page.js("graphkpiView.network.getSelectedNodes()") == [project]
        assert page.js(f"graphkpiView.nodes.get({target!r})") is None
        assert page.errors == []
    finally:
        page.close()


def test_a_double_click_on_a_busy_page_still_closes(browser, tmp_path: Path) -> None:
    """A double-click whose first click opens a group closes it and the group above, even when the
    page is too busy to handle the two clicks within vis-network's 300 ms double-tap window (a slow
    machine, a big view: the clicks are told apart by the browser's click count, not by timing).
    Near-miss: two single clicks a second apart open the group and leave it open."""
    page = Page(browser, render(tmp_path, SAMPLE, "--focus", "MP05", "--depth", "4", "--max-nodes", "100"))
    try:
        data = page.js("JSON.parse(document.getElementById('graphkpi-data').textContent)")
        held = {n["id"]: n for n in data["hidden"]}
        target, ministry, agency = next(
            (t["id"], m, c) for t in data["nodes"] if t["kind"] == "group" and t["id"].endswith("|*")
            for m in data["expand"][t["id"]] for c in data["expand"].get(m, []) if held[c]["kind"] == "group")
        page.js(f"graphkpiView.expand({target!r}); graphkpiView.expand({ministry!r})")
        # every click now keeps the page busy for 400 ms
        page.js("graphkpiView.network.on('click', () => { const t = Date.now(); while (Date.now() - t < 400) {} })")
        _dblclick(page, agency)
        assert page.js(f"graphkpiView.nodes.get({ministry!r})") is not None
        assert page.js(f"graphkpiView.nodes.get({agency!r})") is None
        # what follows a double-click is not part of it: a selection by script opens a group again
        page.js(f"graphkpiView.network.emit('selectNode', {{nodes: [{ministry!r}], edges: []}})")
        assert page.js(f"graphkpiView.nodes.get({ministry!r})") is None
        _click(page, agency)
        page.page.wait_for_timeout(1000)
        _click(page, agency)
        assert page.js(f"graphkpiView.nodes.get({agency!r})") is None     # opened by the first click
        assert page.js(f"graphkpiView.nodes.get({ministry!r})") is None
        assert page.errors == []
    finally:
        page.close()


def _dblclick(page: Page, node: str) -> None:
    """Double-click ``node`` as a user does, once the view is centred on it."""
    pos = page.js(f"(() => {{ const n = graphkpiView.network, at = n.getPositions([{node!r}])[{node!r}];"
                  " n.moveTo({position: at, scale: 1, animation: false}); return n.canvasToDOM(at); })()")
    page.page.dblclick("#graph", position=pos)


def _click(page: Page, node: str) -> None:
    """Click ``node`` as a user does, once the view is centred on it (when it is drawn)."""
    pos = page.js(f"(() => {{ const n = graphkpiView.network, at = n.getPositions([{node!r}])[{node!r}];"
                  " if (!at) return {x: 5, y: 5};"
                  " n.moveTo({position: at, scale: 1, animation: false}); return n.canvasToDOM(at); })()")
    page.page.click("#graph", position=pos)


# Drawn nodes whose centre is inside the graph's canvas, by kind.
ON_SCREEN = """(() => {
  const v = graphkpiView, c = document.querySelector('#graph canvas'), at = v.network.getPositions();
  const out = {element: [], group: [], project: []};
  v.nodes.get().forEach(n => {
    const p = v.network.canvasToDOM(at[n.id]);
    if (p.x >= 0 && p.y >= 0 && p.x <= c.clientWidth && p.y <= c.clientHeight) out[n.kind].push(n.id);
  });
  return out;
})()"""


def test_a_view_too_big_to_read_at_once_opens_on_its_largest_groups(browser, tmp_path: Path) -> None:
    """A slice whose graph cannot be read whole at 1366×768 opens on its work: the first row of
    groups, ranked by budget, at a readable scale (not on the strategies far above). Near-miss:
    the overview, which has no groups, opens on its top rows."""
    page = Page(browser, render(tmp_path, SAMPLE, "--year", "2566-2568", "--max-nodes", "250"), 1366, 768)
    try:
        seen = page.js(ON_SCREEN)
        first = page.js("""(() => { const v = graphkpiView, at = v.network.getPositions();
          return v.nodes.get().filter(n => n.kind === 'group')
            .sort((a, b) => at[a.id].y - at[b.id].y || at[a.id].x - at[b.id].x)[0].id; })()""")
        assert first in seen["group"] and len(seen["group"]) >= 8
        assert not {"S1", "S2", "S3"} & set(seen["element"])
        assert page.js("graphkpiView.network.getScale()") >= 0.5
        assert page.js(OVERLAPS) == [] and page.errors == []
    finally:
        page.close()
    page = Page(browser, render(tmp_path, SAMPLE), 1366, 768)
    try:
        assert {"S1", "S2"} <= set(page.js(ON_SCREEN)["element"])
    finally:
        page.close()


# How far the worst drawn node on screen (its centre inside the canvas) sticks out past the left or
# right edge, its box as vis-network measured it when it drew the first screen.
CLIPPED = """(() => {
  const v = graphkpiView, net = v.network, c = document.querySelector('#graph canvas'), at = net.getPositions();
  let worst = 0;
  v.nodes.getIds().forEach(id => {
    const p = net.canvasToDOM(at[id]);
    if (p.x < 0 || p.y < 0 || p.x > c.clientWidth || p.y > c.clientHeight) return;
    const b = net.body.nodes[id].shape.boundingBox;
    const left = net.canvasToDOM({x: b.left, y: 0}).x, right = net.canvasToDOM({x: b.right, y: 0}).x;
    worst = Math.max(worst, -left, right - c.clientWidth);
  });
  return worst;
})()"""


@pytest.mark.parametrize("size", [(1366, 768), (1400, 900)], ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize(("kind", "args"), [("group", ["--year", "2566-2568", "--max-nodes", "250"]),
                                            ("project", ["--ministry", "สธ"])], ids=["groups", "projects"])
def test_a_big_view_opens_on_its_work_under_its_plan_rows_none_clipped(browser, tmp_path: Path, kind: str,
                                                                        args: list[str], size: tuple[int, int]) -> None:
    """A grouped view too big to read at once opened on its row of groups alone, the plan rows above
    off-screen and the leftmost group's label cut by the window's edge (and a slice of 43 projects on
    the strategies, its projects far below): now its first row of groups (or projects) is whole, the
    plan row it hangs from is above it, and no node on screen is cut at the sides."""
    page = Page(browser, render(tmp_path, SAMPLE, *args), *size)
    try:
        assert page.js(CLIPPED) <= 1
        seen = page.js(ON_SCREEN)
        rows = page.js("""(() => { const v = graphkpiView, at = v.network.getPositions();
          const groups = v.nodes.get().filter(n => n.kind === KIND), top = Math.min(...groups.map(n => at[n.id].y));
          const above = v.nodes.get().filter(n => n.kind === 'element' && at[n.id].y < top);
          const next = Math.max(...above.map(n => at[n.id].y));
          return {first: groups.filter(n => at[n.id].y === top).map(n => n.id),
                  plan: above.filter(n => at[n.id].y === next).map(n => n.id)}; })()""".replace("KIND", repr(kind)))
        assert set(rows["first"]) <= set(seen[kind])
        assert set(rows["plan"]) & set(seen["element"]), "the plan row above the groups is on screen"
        assert page.js("graphkpiView.network.getScale()") >= 0.5 and page.errors == []
    finally:
        page.close()


@pytest.mark.parametrize("lang", ["th", "en"])
def test_the_search_box_shows_its_whole_placeholder(browser, tmp_path: Path, lang: str) -> None:
    """The placeholder says to press Enter; at 1366×768 it was cut after its first words."""
    page = Page(browser, render(tmp_path, SAMPLE, "--lang", lang), 1366, 768)
    try:
        text, room = page.js("""(() => { const box = document.getElementById('search'), css = getComputedStyle(box);
          const m = document.createElement('canvas').getContext('2d');
          m.font = css.fontSize + ' ' + css.fontFamily;
          return [m.measureText(box.placeholder).width,
                  box.clientWidth - parseFloat(css.paddingLeft) - parseFloat(css.paddingRight)]; })()""")
        assert 0 < text <= room
        header = page.page.locator("header").bounding_box()
        assert header["height"] < 60, "the controls still fit beside the title on one line"
    finally:
        page.close()


def test_search_filter_and_click_highlight(browser, tmp_path: Path) -> None:
    page = Page(browser, render(tmp_path, SAMPLE, "--focus", "050101", "--lang", "en"))
    try:
        page.page.fill("#search", "P-0")
        page.page.press("#search", "Enter")
        assert "matches" in page.page.text_content("#status")
        page.page.select_option("#level", "sub_target")
        hidden = page.js("graphkpiView.nodes.get().filter(n => n.hidden).length")
        assert hidden == page.js("graphkpiView.nodes.get().filter(n => n.level_key !== 'sub_target').length")
        page.page.click("#reset")
        assert page.js("graphkpiView.nodes.get().filter(n => n.hidden).length") == 0
        page.js("graphkpiView.network.selectNodes(['050101']); "
                "graphkpiView.network.emit('selectNode', {nodes: ['050101'], edges: []})")
        dimmed = page.js("graphkpiView.nodes.get().filter(n => n.opacity === 0.15).map(n => n.id)")
        kept = page.js("graphkpiView.nodes.get().filter(n => n.opacity === 1).map(n => n.id)")
        assert "050101" in kept and "S2" in kept and "050101" not in dimmed
        assert page.errors == []
    finally:
        page.close()


def test_a_searched_node_is_highlighted_and_clicking_it_keeps_its_chains(browser, tmp_path: Path) -> None:
    """A search selected the node but left every chain lit, and a click on the selected node then
    did nothing (vis-network fires no selectNode for it). One match is now highlighted at once,
    and a real mouse click on it highlights it again after a reset; several matches light all."""
    page = Page(browser, render(tmp_path, SAMPLE, "--focus", "050101", "--lang", "en"))
    dimmed = "graphkpiView.nodes.get().filter(n => n.opacity === 0.15).length"
    try:
        one = page.js("graphkpiView.nodes.get().find(n => n.kind === 'project').id")   # ids of one width: one match
        page.page.fill("#search", one)
        page.page.press("#search", "Enter")
        assert "1 matches" in page.page.text_content("#status")
        assert page.js(dimmed) > 0 and page.js(f"graphkpiView.nodes.get('{one}').opacity") == 1
        page.js("graphkpiView.nodes.get().forEach(n => graphkpiView.nodes.update({id: n.id, opacity: 1}))")
        assert page.js(dimmed) == 0
        x, y = page.js(f"""(() => {{ const v = graphkpiView.network;
            const p = v.canvasToDOM(v.getPositions(['{one}'])['{one}']);
            const box = document.querySelector('#graph canvas').getBoundingClientRect();
            return [box.left + p.x, box.top + p.y]; }})()""")
        page.page.mouse.click(x, y)
        assert page.js(dimmed) > 0 and page.js(f"graphkpiView.nodes.get('{one}').opacity") == 1
        page.page.fill("#search", "P-0")   # the near miss: many matches dim nothing
        page.page.press("#search", "Enter")
        assert page.js(dimmed) == 0
        assert page.errors == []
    finally:
        page.close()


def test_malicious_name_is_text(browser, bundle, tmp_path: Path) -> None:
    files = {**MINIMAL, "projects.csv": f'id,name,agency,fiscal_year,links\nP1,"{EVIL}",A1,2567,T1\n'}
    page = Page(browser, render(tmp_path, bundle(files), "--focus", "P1"))
    try:
        assert page.js("document.querySelectorAll('img').length") == 0
        assert EVIL in page.js("graphkpiView.nodes.get('P1').full_label")   # the label is cut to fit its column
        pos = page.js("(() => { const n = graphkpiView.network;"
                      " return n.canvasToDOM(n.getPositions(['P1'])['P1']); })()")
        box = page.page.locator("#graph").bounding_box()
        page.page.mouse.move(box["x"] + pos["x"], box["y"] + pos["y"])
        page.page.wait_for_selector("div.vis-tooltip", state="visible", timeout=5_000)
        tip = page.page.locator("div.vis-tooltip")
        assert EVIL in tip.text_content()
        assert tip.locator("img").count() == 0
        assert page.dialogs == [] and page.errors == []
        assert page.requests == [page.page.url]
    finally:
        page.close()


def test_huge_name_loads_and_its_tooltip_opens(browser, bundle, tmp_path: Path, long_cells) -> None:
    """A 100 KB name froze Chromium for a minute when its tooltip opened: now the tooltip holds
    at most SHOWN_LIMIT characters of it, with how many were cut."""
    from graphkpi.render.safe import SHOWN_LIMIT

    files = {**MINIMAL, "projects.csv": f"id,name,agency,fiscal_year,links\nP1,{'ก' * 100_000},A1,2567,T1\n"}
    page = Page(browser, render(tmp_path, bundle(files), "--focus", "P1", "--lang", "en"))
    try:
        pos = page.js("(() => { const n = graphkpiView.network;"
                      " return n.canvasToDOM(n.getPositions(['P1'])['P1']); })()")
        box = page.page.locator("#graph").bounding_box()
        page.page.mouse.move(box["x"] + pos["x"], box["y"] + pos["y"])
        page.page.wait_for_selector("div.vis-tooltip", state="visible", timeout=10_000)
        tip = page.page.locator("div.vis-tooltip").text_content()
        assert "ก" * SHOWN_LIMIT in tip and "99,700 more characters" in tip
        assert len(tip) < SHOWN_LIMIT + 500
        assert page.errors == []
    finally:
        page.close()


def test_report_with_a_megabyte_name_loads(browser, bundle, tmp_path: Path, long_cells) -> None:
    """A 1 MB name stopped the HTML report from loading: its cells are cut at SHOWN_LIMIT."""
    files = {**MINIMAL, "projects.csv": f"id,name,agency,fiscal_year,links\nP1,{'ข' * 1_000_000},A1,2567,\n"}
    out = tmp_path / "report.html"
    result = CliRunner().invoke(main, ["report", str(bundle(files)), "-o", str(out), "-q"])
    assert result.exit_code == 0, result.output
    context = browser.new_context(offline=True)
    try:
        page = context.new_page()
        page.goto(out.as_uri(), wait_until="load", timeout=30_000)
        text = page.evaluate("document.body.innerText")
        assert "P1" in text and len(text) < 20_000
    finally:
        context.close()


def test_prototype_names_as_ids_keep_search_and_filters_working(browser, bundle, tmp_path: Path) -> None:
    """Ids such as constructor or __proto__ were inherited properties of the script's maps."""
    files = {
        "elements.csv": "id,level,name,parents\nZ1,strategy,ยุทธศาสตร์,\nMPX,master_plan,แผนแม่บท,Z1\n"
                        "SPX,sub_plan,แผนย่อย,MPX\nconstructor,sub_target,เป้าหมาย,SPX\n"
                        "__proto__,sub_target,เป้าหมายสอง,SPX\n",
        "agencies.csv": "id,name,ministry,kind\nhasOwnProperty,กระทรวงหนึ่ง,,ministry\n"
                        "toString,กรมหนึ่ง,hasOwnProperty,department\n",
        "projects.csv": "id,name,agency,fiscal_year,links\nvalueOf,โครงการหนึ่ง,toString,2567,constructor\n"
                        "__defineGetter__,โครงการสอง,toString,2567,__proto__\n",
    }
    page = Page(browser, render(tmp_path, bundle(files), "--ministry", "hasOwnProperty", "--lang", "en"))
    try:
        assert page.errors == []
        ids = set(page.js("graphkpiView.nodes.getIds()"))
        assert {"constructor", "__proto__", "valueOf", "__defineGetter__"} <= ids
        page.page.fill("#search", "constructor")
        page.page.press("#search", "Enter")
        assert "1 matches" in page.page.text_content("#status")
        page.page.select_option("#level", "sub_target")
        shown = page.js("graphkpiView.nodes.get().filter(n => !n.hidden).map(n => n.id).sort()")
        assert shown == ["__proto__", "constructor"]
        page.page.select_option("#level", "")
        page.page.select_option("#ministry", "hasOwnProperty")
        assert page.js("graphkpiView.nodes.get().filter(n => n.hidden).length") == 0
        page.js("graphkpiView.network.selectNodes(['constructor']); "
                "graphkpiView.network.emit('selectNode', {nodes: ['constructor'], edges: []})")
        kept = page.js("graphkpiView.nodes.get().filter(n => n.opacity === 1).map(n => n.id)")
        assert "valueOf" in kept and "Z1" in kept and "__defineGetter__" not in kept
        assert page.errors == []
    finally:
        page.close()
