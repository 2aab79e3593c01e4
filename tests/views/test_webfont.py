"""The embedded Thai font: cut to the page's characters, licensed in the page, and drawn by a
Chromium that has no Thai font of its own."""

from __future__ import annotations

import io
import os
import re
from pathlib import Path

import pytest
from click.testing import CliRunner
from fontTools.ttLib import TTFont

from graphkpi.cli import main
from graphkpi.views.webfont import FAMILY, FILES, LICENCE, font_faces, subset_woff2, unicode_ranges
from tests.conftest import REPO, SAMPLE
from tests.views.test_view_browser import ARGS, chromium_or_skip

FONTS = REPO / "graphkpi" / "views" / "fonts"


def test_unicode_ranges_join_runs() -> None:
    assert unicode_ranges([0x41]) == "U+41"
    assert unicode_ranges([0x41, 0x42, 0x43, 0xE01, 0xE03]) == "U+41-43,U+E01,U+E03"


def test_subset_holds_exactly_the_characters_asked_for() -> None:
    text = "ยุทธศาสตร์ชาติ"
    data = subset_woff2(FILES[400][0], {ord(c) for c in text})
    font = TTFont(io.BytesIO(data))
    assert font.flavor == "woff2"
    assert set(font.getBestCmap()) == {ord(c) for c in text}
    assert len(data) < (FONTS / FILES[400][0]).stat().st_size / 2


def test_font_faces_cover_the_text_and_name_the_licence() -> None:
    css = font_faces("แผนแม่บท MP05")
    faces = re.findall(r"@font-face \{([^}]*)\}", css)
    assert len(faces) == 4     # Thai and Latin, regular and bold
    assert all(f"font-family: '{FAMILY}'" in f and "url(data:font/woff2;base64," in f for f in faces)
    assert "U+E01" not in css  # ก is not in the text: not in the font either
    assert LICENCE in css and "Open Font License" in LICENCE
    # near-miss: a text without Thai carries no Thai face
    assert len(re.findall("@font-face", font_faces("MP05"))) == 2


def test_sara_am_brings_the_marks_it_is_drawn_with() -> None:
    """Browsers draw ำ as ํ + า: a page saying จำนวน (and no ํ or า of its own) must carry both, or
    the vowel is drawn by another font or not at all. Near miss: a text without ำ carries no ํ."""
    css = font_faces("จำนวน", weights=(400,))
    assert "U+E32-E33" in css and "U+E4D" in css
    assert "U+E4D" not in font_faces("จนวน", weights=(400,))


def test_a_page_of_megabytes_carries_the_blocks_whole() -> None:
    """Cutting costs about a second per block and saves under 1 % of a page of megabytes: such a
    page carries the vendored files as they are, a shorter one (near-miss) its cut."""
    import base64

    whole = base64.b64encode((FONTS / FILES[400][0]).read_bytes()).decode("ascii")
    text = "แผนแม่บท MP05"
    assert whole in font_faces(text, weights=(400,), whole_above=len(text) - 1)
    cut = font_faces(text, weights=(400,), whole_above=len(text))
    assert whole not in cut and "U+E01" not in cut and LICENCE in cut
    # a whole block comes only when the page has a character of it: Latin alone carries no Thai
    assert font_faces("MP05" * 4, weights=(400,), whole_above=10).count("@font-face") == 1


def test_the_licence_and_the_source_travel_with_the_font() -> None:
    assert "SIL Open Font License" in (FONTS / "OFL.txt").read_text(encoding="utf-8")
    assert "@fontsource/sarabun" in (FONTS / "README.md").read_text(encoding="utf-8")
    assert {p.name for p in FONTS.glob("*.woff2")} == {n for names in FILES.values() for n in names}


def _write(tmp_path: Path, command: str, *args: str) -> Path:
    out = tmp_path / f"{command}.html"
    result = CliRunner().invoke(main, [command, str(SAMPLE), "-o", str(out), "-q", *args])
    assert result.exit_code == 0, result.output
    return out


def test_sample_overview_stays_small(tmp_path: Path) -> None:
    html = _write(tmp_path, "view").read_text(encoding="utf-8")
    assert "font-src data:" in html and "@font-face" in html
    assert len(html.encode("utf-8")) <= 1_500_000


# Draws two different Thai words on a canvas in the page's font: without a Thai font both are the
# same row of empty boxes, so their pixels are equal; with Thai glyphs they differ.
DRAWS_THAI = """async () => {
  await document.fonts.ready;
  const stack = getComputedStyle(document.body).fontFamily;
  await document.fonts.load('24px ' + stack, 'กขคฮฬษ');
  const c = document.createElement('canvas'); c.width = 240; c.height = 40;
  const x = c.getContext('2d');
  const draw = t => { x.clearRect(0, 0, 240, 40); x.font = '24px ' + stack; x.fillText(t, 4, 30);
                      return Array.from(x.getImageData(0, 0, 240, 40).data).join(','); };
  return draw('กขค') !== draw('ฮฬษ');
}"""


@pytest.fixture(scope="module")
def thai_less_browser(tmp_path_factory):
    """Chromium with a font configuration that only has DejaVu (no Thai glyphs)."""
    path = chromium_or_skip()
    dejavu = Path("/usr/share/fonts/truetype/dejavu")
    if not dejavu.is_dir():
        pytest.skip("DejaVu fonts not found: the test hides every other font behind them")
    folder = tmp_path_factory.mktemp("fontconfig")
    conf = folder / "fonts.conf"
    conf.write_text(f'<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "fonts.dtd">\n<fontconfig>'
                    f"<dir>{dejavu}</dir><cachedir>{folder / 'cache'}</cachedir></fontconfig>\n", encoding="utf-8")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=path, args=ARGS, env={**os.environ, "FONTCONFIG_FILE": str(conf)})
        yield b
        b.close()


def _draws_thai(browser, path: Path) -> bool:
    context = browser.new_context(offline=True)
    try:
        page = context.new_page()
        page.goto(path.as_uri(), wait_until="load")
        return page.evaluate(DRAWS_THAI)
    finally:
        context.close()


@pytest.mark.parametrize("command", ["view", "report"])
def test_thai_renders_without_a_system_thai_font(thai_less_browser, tmp_path: Path, command: str) -> None:
    """A view and an HTML report draw Thai glyphs in a browser without Thai fonts; the same page
    with its @font-face removed draws empty boxes there (so the browser really has none)."""
    path = _write(tmp_path, command)
    assert _draws_thai(thai_less_browser, path)
    bare = tmp_path / f"bare-{command}.html"
    bare.write_text(re.sub(r"@font-face \{[^}]*\}", "", path.read_text(encoding="utf-8")), encoding="utf-8")
    assert not _draws_thai(thai_less_browser, bare)


def test_font_source_script_pins_the_vendored_files() -> None:
    """scripts/fetch_font.py's pinned hashes are those of the files in the package."""
    import hashlib
    import runpy

    pins = runpy.run_path(str(REPO / "scripts" / "fetch_font.py"), run_name="fetch_font")["SHA256"]
    assert {n: hashlib.sha256((FONTS / n).read_bytes()).hexdigest() for n in pins} == pins


def test_a_subset_is_the_same_bytes_whenever_it_is_made(monkeypatch: pytest.MonkeyPatch) -> None:
    """Pages and reports come out byte for byte the same from the same bundle: the subset keeps the
    font's own modification time instead of the clock's (fontTools reads SOURCE_DATE_EPOCH for it)."""
    points = {ord(c) for c in "โครงการพัฒนา"}
    made = []
    for epoch in ("1000000000", "1700000000"):
        monkeypatch.setenv("SOURCE_DATE_EPOCH", epoch)
        made.append(subset_woff2(FILES[400][0], points))
    assert made[0] == made[1]
