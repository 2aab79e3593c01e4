"""`graphkpi report`: numbers equal the findings, files open, nothing unsafe, nothing external."""

from __future__ import annotations

import csv
import io
import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner
from markupsafe import escape
from openpyxl import load_workbook

from graphkpi.checks import CheckOptions, catalog, run_checks
from graphkpi.cli import main
from graphkpi.load import load_bundle
from graphkpi.render.findings import summary
from graphkpi.reports import build_report
from graphkpi.reports.write import main_table
from graphkpi.suppress import CODES as SCREEN_CODES
from graphkpi.synth import generate_bundle
from tests.conftest import MINIMAL, PERIOD_ELEMENTS, SAMPLE

FORMULA = '=HYPERLINK("http://evil.example","x")'
SCRIPT = "<script>alert(1)</script>"
QUOTED = FORMULA.replace('"', '""')  # as a CSV cell


def write(tmp_path: Path, bundle: Path, name: str, *args: str) -> Path:
    out = tmp_path / name
    result = CliRunner().invoke(main, ["report", str(bundle), "-o", str(out), "-q", *args])
    assert result.exit_code == 0, result.output
    return out


def test_orphan_report_numbers_are_the_findings() -> None:
    g = load_bundle(SAMPLE)
    found = run_checks(g, CheckOptions(select=("GK101", "GK201")))
    rep = build_report(g, "orphans", "en")
    sections = {s.key: s.frame for s in rep.sections}
    assert sorted(sections["projects"]["project"]) == sorted(f.subject for f in found)
    budget = g.projects.loc[[f.subject for f in found], "budget"].fillna(0).sum()
    assert sections["by_ministry"]["budget"].sum() == pytest.approx(budget)
    assert sections["by_year"]["projects"].sum() == len(found)
    assert dict(rep.figures)["orphans"] == str(sum(f.code == "GK101" for f in found))
    stranded = {s for f in found if f.code == "GK201" for s in f.details["break_at"]}
    assert stranded <= set(sections["breaks"]["element"])


PERIODS = {
    "elements.csv": PERIOD_ELEMENTS,
    "projects.csv": "id,name,agency,fiscal_year,budget,links\nP1,โครงการหนึ่ง,M1,2567,\"500,000\",T1\n"
                    "P2,โครงการสอง,M1,2567,,T2\nP3,โครงการสาม,M1,2563,,T1\nP4,โครงการสี่,M1,2567,,AT1\n",
}


def test_orphan_report_lists_out_of_period_links(tmp_path: Path, bundle) -> None:
    """The out-of-period section holds exactly GK205's project links (not its element cascades),
    with the period shown as --years asks; a bundle without periods has no such section."""
    path = bundle(PERIODS)
    g = load_bundle(path)
    found = run_checks(g, CheckOptions(select=("GK205",)))
    rep = build_report(g, "orphans", "en", be=False)
    section = {s.key: s for s in rep.sections}["out_of_period"]
    projects = sorted((f.subject, f.related[0]) for f in found if f.subject_kind == "project")
    assert sorted(zip(section.frame["project"], section.frame["element"], strict=True)) == projects == [("P1", "T1")]
    assert section.frame.loc[0, "period"] == "2018–2022" and section.frame.loc[0, "replaced_by"] == "T2"
    assert section.explanation["fix"] == catalog()["GK205"].get("fix", "en")
    html = write(tmp_path, path, "r.html").read_text(encoding="utf-8")
    assert "2561–2565" in html and "เชื่อมกับแผนนอกช่วงเวลาใช้บังคับ" in html
    assert "out_of_period" not in {s.key for s in build_report(load_bundle(bundle(MINIMAL)), "orphans").sections}


def test_full_report_counts_every_code() -> None:
    g = load_bundle(SAMPLE)
    rep = build_report(g, "full", "en")
    # GK901/GK902 appear only with a suppression file
    counts = summary(run_checks(g), [c for c in catalog() if c not in SCREEN_CODES])
    table = rep.sections[0].frame.set_index("code")["count"].to_dict()
    assert table == counts
    by_code = {s.key: len(s.frame) for s in rep.sections[1:]}
    assert by_code == counts
    assert all(s.explanation["fix"] for s in rep.sections[1:])


def test_full_report_table_speaks_the_readers_language_and_shows_no_empty_json() -> None:
    """The CSV's first header was ``code`` in a Thai report; a finding without details showed ``{}``."""
    cols, frame = main_table(build_report(load_bundle(SAMPLE), "full", "th"))
    assert [c.label for c in cols][:4] == ["รหัส", "การตรวจ", "ความรุนแรง", "รายการ"]
    details = frame.set_index("code")["details"]
    assert set(details[["GK003", "GK102", "GK103"]]) == {""}
    assert details["GK001"].str.contains('"missing": ').all()   # near miss: details given are kept


def test_full_report_gives_amounts_as_numbers_beside_the_details() -> None:
    """GK601/GK602's planned, line and difference amounts and GK301's group budget were only inside
    the details' JSON text: each is a number column of its code's section, and of the CSV (every
    code's columns, its check and severity first). Whole baht read 2071000 in the JSON, not
    2071000.0. The near miss: GK001 has no amounts, and its rows leave them empty."""
    g = load_bundle(SAMPLE)
    rep = build_report(g, "full", "en")
    gk602 = next(s for s in rep.sections if s.key == "GK602")
    assert [(c.key, c.kind) for c in gk602.columns if c.kind == "money"] == [
        ("planned", "money"), ("lines", "money"), ("difference", "money")]
    row = gk602.frame.iloc[0]
    assert row["planned"] - row["lines"] == -row["difference"] and ".0," not in row["details"]
    assert [c.key for c in next(s for s in rep.sections if s.key == "GK001").columns if c.kind == "money"] == []
    cols, frame = main_table(rep)
    keys = [c.key for c in cols]
    assert keys[:3] == ["code", "check", "severity"] and keys[-1] == "details"
    assert {"budget", "planned", "lines", "difference"} <= set(keys)
    by_code = frame.set_index("code")
    assert by_code.loc["GK001", "planned"].isna().all() and by_code.loc["GK602", "planned"].notna().all()
    assert (by_code.loc["GK301", "check"] == "duplicate-projects").all()


def test_xlsx_sheets_formats_and_neutralised_formulas(tmp_path: Path, bundle) -> None:
    files = {**MINIMAL, "projects.csv": f'id,name,agency,fiscal_year,budget,links\nP1,"{QUOTED}",A1,2567,"1,500",\n'}
    path = write(tmp_path, bundle(files), "r.xlsx", "--lang", "en")
    wb = load_workbook(path)
    assert wb.sheetnames == ["overview", "by ministry", "by fiscal year", "agencies most at risk", "projects",
                             "where chains stop"]
    ws = wb["projects"]
    assert ws.freeze_panes == "A2" and ws.auto_filter.ref.startswith("A1:")
    header = [c.value for c in ws[1]]
    row = dict(zip(header, [c.value for c in ws[2]], strict=True))
    name_cell = ws.cell(row=2, column=header.index("name") + 1)
    # text as written, never a formula: typed text with Excel's quote prefix (an apostrophe in the
    # cell used to change what it holds); the near miss, P1, is plain text without the prefix
    assert name_cell.data_type == "s" and name_cell.value == FORMULA and name_cell.quotePrefix
    assert not ws.cell(row=2, column=header.index("project") + 1).quotePrefix
    with zipfile.ZipFile(path) as z:
        assert not any(b"<f>" in z.read(n) for n in z.namelist() if n.startswith("xl/worksheets/"))
    # printed as handed on: across A4 (13 columns), one page wide, the header row on every page
    assert (ws.page_setup.orientation, ws.page_setup.fitToWidth, ws.page_setup.fitToHeight) == ("landscape", 1, 0)
    assert ws.sheet_properties.pageSetUpPr.fitToPage and ws.print_title_rows == "$1:$1"
    assert wb["by fiscal year"].page_setup.orientation == "portrait"   # five columns stay upright
    cover = {r[0]: r[1] for r in wb["overview"].iter_rows(values_only=True) if r and r[0]}
    assert re.fullmatch(r"\d{4}-\d\d-\d\d \d\d:\d\d UTC", cover["generated"])
    budget_cell = ws.cell(row=2, column=header.index("budget (baht)") + 1)
    assert budget_cell.value == 1500 and budget_cell.number_format == "#,##0.00"
    assert row["project"] == "P1"


def test_csv_has_bom_and_is_safe(tmp_path: Path, bundle) -> None:
    files = {**MINIMAL, "projects.csv": f'id,name,agency,fiscal_year,links\nP1,"{QUOTED}",A1,2567,\n'}
    raw = write(tmp_path, bundle(files), "r.csv").read_bytes()
    assert raw.startswith("\ufeff".encode())
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
    assert any(cell == "'" + FORMULA for cell in rows[1])


def test_html_is_self_contained_and_escaped(tmp_path: Path, bundle) -> None:
    files = {**MINIMAL, "projects.csv": f'id,name,agency,fiscal_year,budget,links\nP1,"{SCRIPT}",A1,2567,900,\n'}
    for kind in ("orphans", "full"):
        html = write(tmp_path, bundle(files), f"{kind}.html", "--kind", kind).read_text(encoding="utf-8")
        assert SCRIPT not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html
        assert not re.search(r"<(script|link|img|iframe)\b", html)
        assert not re.search(r"(src|href)=", html)
        assert "@page" in html and "<svg" in html


def test_years_and_language(tmp_path: Path) -> None:
    html = write(tmp_path, SAMPLE, "r.html", "--years", "ce", "--lang", "en").read_text(encoding="utf-8")
    assert "Executive summary" in html and ">2023</text>" in html


def test_bad_extension_exit_2(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["report", str(SAMPLE), "-o", str(tmp_path / "r.pdf")])
    assert result.exit_code == 2 and not (tmp_path / "r.pdf").exists()


def test_a_folder_or_a_file_name_where_the_other_is_meant_is_explained(tmp_path: Path) -> None:
    folder = CliRunner().invoke(main, ["report", str(SAMPLE), "-o", str(tmp_path), "--lang", "en"])
    assert folder.exit_code == 2 and "is a folder" in folder.stderr and "--per" in folder.stderr
    per = CliRunner().invoke(main, ["report", str(SAMPLE), "--per", "ministry", "-o", str(tmp_path / "per.xlsx"),
                                    "--lang", "en"])
    assert per.exit_code == 2 and "--ext xlsx" in per.stderr and not (tmp_path / "per.xlsx").exists()


@pytest.mark.parametrize("kind", ["orphans", "full"])
def test_generated_bundle_every_format_holds_the_report(tmp_path: Path, kind: str) -> None:
    """Each file holds what build_report built: every section (HTML titles, one Excel sheet each
    with its rows) and the main table's rows in the CSV."""
    generate_bundle(tmp_path / "b", 2_000, seed=4)
    rep = build_report(load_bundle(tmp_path / "b"), kind, "th", True)
    assert any(len(s.frame) for s in rep.sections), "the generated bundle plants findings of every family"
    html = write(tmp_path, tmp_path / "b", f"{kind}.html", "--kind", kind).read_text(encoding="utf-8")
    assert str(escape(rep.title)) in html
    assert all(str(escape(s.title)) in html for s in rep.sections)
    wb = load_workbook(write(tmp_path, tmp_path / "b", f"{kind}.xlsx", "--kind", kind), read_only=True)
    assert [ws.max_row for ws in wb.worksheets[1:]] == [len(s.frame) + 1 for s in rep.sections]
    cols, frame = main_table(rep)
    raw = write(tmp_path, tmp_path / "b", f"{kind}.csv", "--kind", kind).read_bytes().decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(raw)))
    assert rows[0] == [c.label for c in cols] and len(rows) == len(frame) + 1 > 1


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (Debian package libreoffice-calc) "
                    "not installed")
def test_xlsx_converts_in_libreoffice(tmp_path: Path) -> None:
    path = write(tmp_path, SAMPLE, "r.xlsx")
    subprocess.run(["soffice", "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path), str(path)],
                   check=True, timeout=300, capture_output=True)
    assert (tmp_path / "r.pdf").stat().st_size > 1000


def test_the_date_made_follows_the_reports_era() -> None:
    from datetime import datetime, timezone

    from graphkpi.reports.write import _generated

    now = datetime(2026, 12, 4, 20, 31, tzinfo=timezone.utc)
    assert _generated(now, be=True, lang="th") == "2569-12-04 20:31 UTC"
    assert _generated(now, be=False, lang="th") == "2026-12-04 20:31 UTC"
    # in English an ISO-looking date is in the Common Era, whatever era the years are shown in
    assert _generated(now, be=True, lang="en") == _generated(now, be=False, lang="en") == "2026-12-04 20:31 UTC"


@pytest.mark.parametrize("command", ["report", "diff"])
@pytest.mark.parametrize("ext", ["html", "xlsx"])
def test_every_report_says_when_it_was_made_in_the_readers_era(tmp_path: Path, monkeypatch, command: str,
                                                              ext: str) -> None:
    """An English reader took "generated 2569-12-05" (Buddhist Era, the bundle's years) for a typo:
    in English the date is 2026-12-05 in every report, HTML and Excel, report and diff; Thai keeps
    the year of the report's era (the near miss: ``--years ce`` in Thai says 2026)."""
    from datetime import datetime, timezone

    from graphkpi.reports import write as writer

    monkeypatch.setattr(writer, "_now", lambda: datetime(2026, 12, 5, 5, 58, tzinfo=timezone.utc))
    folder = tmp_path / "b"
    folder.mkdir()
    for name, text in MINIMAL.items():   # fiscal year 2567: the report's years are in the Buddhist Era
        (folder / name).write_text(text, encoding="utf-8")
    bundles = [str(folder)] * (2 if command == "diff" else 1)

    def stamp(*args: str) -> str:
        out = tmp_path / f"r{len(list(tmp_path.iterdir()))}.{ext}"
        r = CliRunner().invoke(main, [command, *bundles, "-o", str(out), "-q", *args])
        assert r.exit_code == 0, r.output
        if ext == "html":
            return re.search(r"<footer>graphkpi · \S+ (.*?) UTC", out.read_text("utf-8")).group(1)
        cover = [v for row in load_workbook(out).worksheets[0].iter_rows(values_only=True) for v in row]
        (made,) = [v for v in cover if isinstance(v, str) and re.fullmatch(r"\d{4}-\d\d-\d\d \d\d:\d\d UTC", v)]
        return made.removesuffix(" UTC")

    assert stamp("--lang", "en") == "2026-12-05 05:58"
    assert stamp("--lang", "en", "--years", "be") == "2026-12-05 05:58"
    assert stamp() == "2569-12-05 05:58"
    assert stamp("--years", "ce") == "2026-12-05 05:58"


def test_the_loaders_warnings_are_on_the_cover(tmp_path: Path) -> None:
    """A misspelt budget header makes every budget empty: the report says so on its cover (HTML and
    Excel), since whoever it is handed to never sees the command's stderr; the sample's has none."""
    from tests.conftest import SAMPLE

    b = tmp_path / "b"
    shutil.copytree(SAMPLE, b)
    projects = b / "projects.csv"
    lines = projects.read_text(encoding="utf-8").split("\n", 1)
    projects.write_text(lines[0].replace("budget", "Budjet") + "\n" + lines[1], encoding="utf-8")
    said = "column 'budjet' is not read — did you mean budget?"
    for name in ("r.html", "r.xlsx"):
        result = CliRunner().invoke(main, ["report", str(b), "-o", str(tmp_path / name), "-q", "--lang", "en"])
        assert result.exit_code == 0, result.output
    assert str(escape(said)) in (tmp_path / "r.html").read_text(encoding="utf-8")
    cover = load_workbook(tmp_path / "r.xlsx").worksheets[0]
    assert any(said in str(c.value) for c in cover["A"])
    assert build_report(load_bundle(SAMPLE), "orphans", "en").warnings == []
