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


@pytest.fixture(scope="module")
def browser():
    path = shutil.which("chromium") or shutil.which("chromium-browser")
    if path is None:
        msg = "headless Chromium not found: install Debian's chromium (scripts/test does it when run as root)"
        if os.environ.get("GRAPHKPI_REQUIRE_BROWSER") == "1":
            pytest.fail("GRAPHKPI_REQUIRE_BROWSER=1 but " + msg)
        pytest.skip(msg)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=path, args=ARGS)
        yield b
        b.close()


class Page:
    """A view opened offline, with every console error, request and dialog recorded."""

    def __init__(self, browser, path: Path) -> None:
        self.context = browser.new_context(offline=True, viewport={"width": 1400, "height": 900})
        self.page = self.context.new_page()
        self.errors: list[str] = []
        self.requests: list[str] = []
        self.dialogs: list[str] = []
        self.page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.on("request", lambda r: self.requests.append(r.url))
        self.page.on("dialog", lambda d: (self.dialogs.append(d.message), d.dismiss()))
        self.page.goto(path.as_uri())
        self.page.wait_for_function("document.body.dataset.ready === '1'", timeout=20_000)

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
    "province": ("province", "TH-50", ["--province", "TH-50", "--exclude-national"]),  # a slice keeps national ones
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


def test_malicious_name_is_text(browser, bundle, tmp_path: Path) -> None:
    files = {**MINIMAL, "projects.csv": f'id,name,agency,fiscal_year,links\nP1,"{EVIL}",A1,2567,T1\n'}
    page = Page(browser, render(tmp_path, bundle(files), "--focus", "P1"))
    try:
        assert page.js("document.querySelectorAll('img').length") == 0
        assert EVIL in page.js("graphkpiView.nodes.get('P1').label")
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
