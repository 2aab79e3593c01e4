"""The HTML report printed to PDF in headless Chromium, as an auditor prints it: no more pages than
measured, no near-empty page, ids never wrapped, nothing forcing a break inside a Thai word.

Needs Debian's chromium and playwright, like the view tests (same fixture and skip rule:
GRAPHKPI_REQUIRE_BROWSER=1 makes a missing browser a failure).
"""

from __future__ import annotations

import io
import re
import statistics
from pathlib import Path

import pytest
from click.testing import CliRunner

from graphkpi.cli import main
from tests.conftest import SAMPLE
from tests.views.test_view_browser import browser  # noqa: F401  (the shared headless Chromium fixture)

pypdf = pytest.importorskip("pypdf", reason="pypdf is a test extra: pip install -e '.[test]'")

# Pages of the sample's reports in Thai, measured when sections started to flow (before: 10 and 29).
MAX_PAGES = {"orphans": 7, "full": 21}   # landscape for wide tables, amounts in number columns
NEAR_EMPTY = 0.2   # a page with less than this share of the median page's text is near-empty


def _html(tmp_path: Path, kind: str, lang: str = "th") -> Path:
    out = tmp_path / f"{kind}-{lang}.html"
    result = CliRunner().invoke(main, ["report", str(SAMPLE), "--kind", kind, "--lang", lang, "-o", str(out), "-q"])
    assert result.exit_code == 0, result.output
    return out


def _pages(browser, path: Path) -> list[str]:  # noqa: F811
    """The text of each page of ``path`` printed to A4 PDF."""
    page = browser.new_page()
    try:
        page.goto(path.as_uri())
        pdf = page.pdf(format="A4", prefer_css_page_size=True)
    finally:
        page.close()
    return [p.extract_text() or "" for p in pypdf.PdfReader(io.BytesIO(pdf)).pages]


@pytest.mark.parametrize("kind", sorted(MAX_PAGES))
def test_printed_report_has_no_near_empty_page(browser, tmp_path: Path, kind: str) -> None:  # noqa: F811
    pages = _pages(browser, _html(tmp_path, kind))
    assert 1 < len(pages) <= MAX_PAGES[kind], f"{len(pages)} pages"
    sizes = [len(p.strip()) for p in pages]
    least = NEAR_EMPTY * statistics.median(sizes)
    assert all(n >= least for n in sizes), f"near-empty page: characters per page {sizes}"


def test_ids_are_never_wrapped_and_thai_breaks_only_between_words(browser, tmp_path: Path) -> None:  # noqa: F811
    """Every id cell and every id in a list is one line box when printed; table cells use the
    browser's Thai word breaking (no break-all, no overflow-wrap: anywhere)."""
    page = browser.new_page()
    try:
        page.emulate_media(media="print")
        page.set_viewport_size({"width": 794, "height": 1123})   # A4 at 96 dpi
        page.goto(_html(tmp_path, "orphans").as_uri())
        lines = page.evaluate("""() => [...document.querySelectorAll('td.id, span.id')].map(el => {
            const r = document.createRange(); r.selectNodeContents(el);
            const tops = new Set([...r.getClientRects()].map(x => Math.round(x.top)));
            return [el.textContent, tops.size];
        })""")
        single = page.evaluate("""() => [...document.querySelectorAll('td')].filter(td =>
            td.children.length === 1 && td.firstElementChild.matches('span.id')).length""")
        styles = page.evaluate("""() => [...document.querySelectorAll('td')].map(td => {
            const s = getComputedStyle(td); return s.wordBreak + ' ' + s.overflowWrap; })""")
    finally:
        page.close()
    assert len(lines) > 50 and any("-" in text for text, _ in lines)
    assert [text for text, n in lines if n != 1] == []
    assert single > 0   # one id alone in a list column (break_at: AP-กษ-97) is an id too: it broke at its hyphen
    assert set(styles) == {"normal normal"}


def _pdf(browser, path: Path) -> pypdf.PdfReader:  # noqa: F811
    page = browser.new_page()
    try:
        page.goto(path.as_uri())
        return pypdf.PdfReader(io.BytesIO(page.pdf(format="A4", prefer_css_page_size=True)))
    finally:
        page.close()


def test_printed_orphans_report_keeps_every_column_on_landscape_pages(browser, tmp_path: Path) -> None:  # noqa: F811
    """The projects table has 13 columns: upright A4 cut its last ones off the page (the suggested
    links, their scores absent from the PDF). Printed across the page, every score is there, and
    each page says which it is of how many."""
    html = _html(tmp_path, "orphans")
    pdf = _pdf(browser, html)
    text = "".join((p.extract_text() or "") for p in pdf.pages)
    flat = re.sub(r"\s+", "", text)
    scores = re.findall(r"\(0\.\d\d\)", html.read_text("utf-8"))
    assert len(scores) > 30
    assert len(re.findall(r"\(0\.\d\d\)", flat)) == len(scores)
    assert all(p.mediabox.width > p.mediabox.height for p in pdf.pages)
    assert f"1/{len(pdf.pages)}" in flat and f"{len(pdf.pages)}/{len(pdf.pages)}" in flat


def test_printed_report_of_narrow_tables_stays_upright(browser, tmp_path: Path) -> None:  # noqa: F811
    """The near miss: the full report's tables have five columns, and its pages stay upright."""
    pdf = _pdf(browser, _html(tmp_path, "full"))
    assert all(p.mediabox.width < p.mediabox.height for p in pdf.pages)
