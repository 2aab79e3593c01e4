"""The Excel report an auditor hands on: numbers are number cells with number formats (never
numeric text), sheets are named in the report's language and valid for Excel, places carry
their names, and ``national`` reads ทั่วประเทศ in Thai."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner
from openpyxl import load_workbook
from openpyxl.worksheet.worksheet import Worksheet

from graphkpi.cli import main
from graphkpi.load import load_bundle
from graphkpi.reports import build_report
from graphkpi.reports.write import NUMBER_FORMATS, _sheet_name
from tests.conftest import MINIMAL, SAMPLE

PLACES = {**MINIMAL, "projects.csv": "id,name,agency,fiscal_year,budget,provinces,links\n"
                                     "P1,โครงการหนึ่ง,A1,2567,\"1,500\",TH-50;national,\n"
                                     "P2,โครงการสอง,A1,2566,\"2,000,000\",Chiangmaii,\n"
                                     "P3,โครงการสาม,A1,2567,250,TH-50,T1\n"}
EXCEL_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")


def _write(tmp_path: Path, bundle: Path, name: str, *args: str) -> Path:
    out = tmp_path / name
    result = CliRunner().invoke(main, ["report", str(bundle), "-o", str(out), "-q", *args])
    assert result.exit_code == 0, result.output
    return out


def _table(ws: Worksheet) -> list[dict[str, object]]:
    header = [c.value for c in ws[1]]
    return [dict(zip(header, row, strict=True)) for row in ws.iter_rows(min_row=2, values_only=True)]


@pytest.mark.parametrize("kind", ["orphans", "full"])
@pytest.mark.parametrize("lang", ["th", "en"])
def test_every_number_is_a_number_cell_with_its_format(tmp_path: Path, kind: str, lang: str) -> None:
    """Each column the report declares a count, amount, share or year holds number cells with its
    format; every other column holds text (ids such as 170101 stay text)."""
    rep = build_report(load_bundle(SAMPLE), kind, lang, True)
    wb = load_workbook(_write(tmp_path, SAMPLE, f"{kind}-{lang}.xlsx", "--kind", kind, "--lang", lang))
    numbers = 0
    for section, ws in zip(rep.sections, wb.worksheets[1:], strict=True):
        for i, col in enumerate(section.columns, start=1):
            for (cell,) in ws.iter_rows(min_row=2, min_col=i, max_col=i):
                if cell.value is None:
                    continue
                if col.kind in NUMBER_FORMATS or col.kind == "year":
                    assert cell.data_type == "n" and isinstance(cell.value, (int, float)), (ws.title, col.key)
                    assert col.kind == "year" or cell.number_format == NUMBER_FORMATS[col.kind]
                    assert col.kind not in ("int", "year") or isinstance(cell.value, int)
                    numbers += 1
                else:
                    assert cell.data_type == "s", (ws.title, col.key, cell.value)
    assert numbers >= 20   # the full report: one count per code; the orphan report: far more


def test_cover_figures_are_counts_amounts_and_shares(tmp_path: Path) -> None:
    ws = load_workbook(_write(tmp_path, SAMPLE, "r.xlsx", "--lang", "en")).worksheets[0]
    figures = {row[0].value: row[1:] for row in ws.iter_rows(min_row=4) if row[0].value}
    total = figures["projects in the bundle"]
    assert isinstance(total[0].value, int) and total[0].number_format == "#,##0"
    count, share = figures["projects not reaching the national strategy"][:2]
    assert isinstance(count.value, int) and count.number_format == "#,##0"
    assert share.number_format == "0.0%" and share.value == pytest.approx(count.value / total[0].value)
    budget, budget_share = figures["budget not reaching the national strategy"][:2]
    assert budget.data_type == "n" and budget.number_format == "#,##0.00" and budget.value > 0
    assert budget_share.number_format == "0.0%" and 0 < budget_share.value < 1


@pytest.mark.parametrize(("lang", "expected"), [
    ("th", ["ภาพรวม", "รายกระทรวง", "รายปีงบประมาณ", "หน่วยงานงบเสี่ยงสูงสุด", "โครงการ", "จุดที่ห่วงโซ่ขาด",
            "เชื่อมโยงนอกช่วงเวลา"]),
    ("en", ["overview", "by ministry", "by fiscal year", "agencies most at risk", "projects", "where chains stop",
            "out of period"]),
])
def test_sheet_names_are_in_the_reports_language(tmp_path: Path, lang: str, expected: list[str]) -> None:
    assert load_workbook(_write(tmp_path, SAMPLE, "r.xlsx", "--lang", lang)).sheetnames == expected
    full = load_workbook(_write(tmp_path, SAMPLE, "f.xlsx", "--kind", "full", "--lang", lang)).sheetnames
    assert full[:2] == (["ภาพรวม", "สรุปข้อค้นพบ"] if lang == "th" else ["overview", "findings summary"])
    assert all(len(n) <= 31 and not EXCEL_FORBIDDEN.search(n) for n in full)


def test_sheet_names_are_made_valid_and_unique() -> None:
    used: set[str] = set()
    assert _sheet_name("a/b:c*d?e[f]g\\h", used) == "abcdefgh"
    assert _sheet_name("'quoted'", used) == "quoted"
    long = "ก" * 40
    assert _sheet_name(long, used) == "ก" * 31
    assert _sheet_name(long, used) == "ก" * 28 + "_2"
    assert _sheet_name("ABCDEFGH", used) == "ABCDEFGH_2"   # Excel compares sheet names ignoring case
    assert _sheet_name("[]", used) == "sheet"


@pytest.mark.parametrize(("lang", "national", "chiang_mai"), [("th", "ทั่วประเทศ", "เชียงใหม่"),
                                                               ("en", "national", "Chiang Mai")])
def test_places_have_names_beside_codes(tmp_path: Path, bundle, lang: str, national: str, chiang_mai: str) -> None:
    wb = load_workbook(_write(tmp_path, bundle(PLACES), "r.xlsx", "--lang", lang))
    rows = {r[next(iter(r))]: r for r in _table(wb.worksheets[4])}
    codes, names = list(rows["P1"].values())[7:9]
    assert codes == f"TH-50;{national}" and names == f"{chiang_mai}; {national}"
    assert list(rows["P2"].values())[7:9] == ["Chiangmaii", "Chiangmaii"]   # unknown (GK001): as written
    year, budget = list(rows["P2"].values())[5:7]
    assert year == 2566 and budget == 2_000_000
