"""Rows as a spreadsheet shows them: empty lines count as rows; records with nothing in them
(``,,,,`` from a sheet saved as CSV, empty rows of a workbook) are left out, not reported; a
totals row is named as one; a cell merged over rows is each row's value."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pyarrow as pa
import pyarrow.compute as pc
import pytest
from hypothesis import given
from hypothesis import strategies as st

from graphkpi.load import BundleError, load_bundle
from graphkpi.load.bundle import TOTAL_FIRST, TOTAL_ID, _total_ids
from tests.conftest import MINIMAL

HEAD = "id,name,agency,fiscal_year,budget,links\n"
P1 = 'P1,โครงการหนึ่ง,A1,2567,"1,000",T1\n'
P2 = "P2,โครงการสอง,A1,2567,500,T1\n"
BAD = "P3,โครงการสาม,A1,25x7,500,T1\n"


def _problems(path: Path, text: bool = True) -> list[tuple[str, int | None, str | None, str]]:
    with pytest.raises(BundleError) as err:
        load_bundle(path, text=text)
    return [(p.file, p.row, p.column, p.key) for p in err.value.problems]


@pytest.mark.parametrize("text", [True, False])   # every column parsed, or the projects' names left in the file
@pytest.mark.parametrize("nl", ["\n", "\r\n"])
def test_a_row_after_an_empty_line_is_named_by_its_line(bundle, nl: str, text: bool) -> None:
    """Line 5 holds the bad year after an empty line 3: row 5, as the editor and the sheet show it."""
    projects = (HEAD + P1 + "\n" + P2 + BAD).replace("\n", nl)
    assert _problems(bundle({**MINIMAL, "projects.csv": projects}), text) == [
        ("projects.csv", 5, "fiscal_year", "bad_year")]


def test_without_the_empty_line_the_row_is_one_less(bundle) -> None:
    """Near-miss: the same file without its empty line."""
    assert _problems(bundle({**MINIMAL, "projects.csv": HEAD + P1 + P2 + BAD})) == [
        ("projects.csv", 4, "fiscal_year", "bad_year")]


@pytest.mark.parametrize("text", [True, False])
def test_records_of_empty_cells_are_left_out(bundle, text: bool) -> None:
    """``,,,,,`` and ``, , ,"",,`` rows load as nothing; a later row keeps its row number."""
    projects = HEAD + P1 + ",,,,,\n" + ' , ,"",,,\n' + P2 + BAD
    assert _problems(bundle({**MINIMAL, "projects.csv": projects}), text) == [
        ("projects.csv", 6, "fiscal_year", "bad_year")]
    g = load_bundle(bundle({**MINIMAL, "projects.csv": HEAD + P1 + ",,,,,\n" + P2 + ",,,,,\n"}), text=text)
    assert list(g.projects.index) == ["P1", "P2"]


def test_a_record_without_id_is_still_reported(bundle) -> None:
    """Near-miss: a row without id but with a name and an agency is not blank; its missing cells are reported."""
    problems = _problems(bundle({**MINIMAL, "projects.csv": HEAD + P1 + ",โครงการลอย,A1,,,\n" + P2}))
    assert ("projects.csv", 3, "id", "required_value") in problems


def test_a_repeated_id_after_blank_rows_names_both_rows(bundle) -> None:
    projects = HEAD + P1 + "\n,,,,,\n" + P1
    assert _problems(bundle({**MINIMAL, "projects.csv": projects})) == [
        ("projects.csv", 2, "id", "duplicate_id"), ("projects.csv", 5, "id", "duplicate_id")]


def _workbook(path: Path, projects: list[list[object]]) -> Path:
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    for name, text in MINIMAL.items():
        if name != "projects.csv":
            ws = wb.create_sheet(name.removesuffix(".csv"))
            for line in text.strip().split("\n"):
                ws.append(line.split(","))
    ws = wb.create_sheet("projects")
    for row in [HEAD.strip().split(","), *projects]:
        ws.append(row)
    wb.save(path)
    return path


def test_empty_workbook_rows_are_left_out_and_rows_keep_their_numbers(tmp_path: Path) -> None:
    """Sheet rows 3 and 4 are empty (one of them only white space); row 6 holds the bad year."""
    rows = [["P1", "โครงการหนึ่ง", "A1", 2567, 1000, "T1"], [None] * 6, ["", " ", None, None, None, None],
            ["P2", "โครงการสอง", "A1", 2567, 500, "T1"], ["P3", "โครงการสาม", "A1", "25x7", 500, "T1"]]
    book = _workbook(tmp_path / "b.xlsx", rows)
    assert _problems(book) == [("b.xlsx[projects]", 6, "fiscal_year", "bad_year")]
    del rows[-1]
    assert list(load_bundle(_workbook(tmp_path / "c.xlsx", rows)).projects.index) == ["P1", "P2"]



@pytest.mark.parametrize("word", ["รวม", "Total:", "ยอดรวม"])
def test_a_totals_row_is_named_once(bundle, word: str) -> None:
    """A sheet's totals row (no id, a cell saying รวม) is one problem naming it, not three missing cells."""
    projects = HEAD + P1 + P2 + f',{word},,,"1,500",\n'
    assert _problems(bundle({**MINIMAL, "projects.csv": projects})) == [("projects.csv", 4, None, "totals_row")]


@pytest.mark.parametrize("row", ["รวม กก02 2566,,A1,2566,\"1,500\",", "รวมกระทรวงสาธารณสุข,,A1,2567,500,",
                                 ',รวม สธ.,,,"1,500",', ",Subtotal: Ministry of Health,,,1500,"])
def test_a_subtotal_row_is_named_not_loaded_as_a_project(bundle, row: str) -> None:
    """A subtotal under each ministry's block, its label in the id column (a project named รวม…
    would add the block's budget again) or in another cell of a row without id."""
    projects = HEAD + P1 + P2 + row + "\n" + P2.replace("P2", "P4")
    assert _problems(bundle({**MINIMAL, "projects.csv": projects})) == [("projects.csv", 4, None, "totals_row")]


def test_only_ids_of_the_listed_first_bytes_can_begin_a_total() -> None:
    """Over every character: an id beginning with it followed by the rest of any totals word
    (or by a whole one, after white space) matches TOTAL_ID only if its first byte is one of
    TOTAL_FIRST, the bytes the regex is run for. A case folding RE2 adds (ſ for s) shows here."""
    points = pa.array([chr(c) for c in range(0x110000) if not 0xD800 <= c <= 0xDFFF])
    outside = pc.invert(pc.is_in(pc.binary_slice(points.cast(pa.binary()), 0, 1),
                                 value_set=pa.array([bytes([b]) for b in TOTAL_FIRST], pa.binary())))
    points = points.filter(outside)
    for rest in ("อดรวม", "วม", "rand total", "ub-total", "ubtotal", "um", "otal", "total", "รวม", "sum"):
        joined = pc.binary_join_element_wise(points, pa.scalar(rest), "")
        assert not pc.any(pc.match_substring_regex(joined, TOTAL_ID, ignore_case=True)).as_py(), rest


_PIECES = ("รวม", "ยอด", "Total", "tOTALS", "Sum", "ſum", "sub-total", "Grand total",
           " ", "\t", "P-1", "ก", "\u200b", ":")


@given(st.lists(st.lists(st.sampled_from(_PIECES), max_size=3).map("".join), max_size=8), st.booleans())
def test_totals_found_with_the_first_byte_filter_are_the_regexs(cells: list[str], large: bool) -> None:
    """Property: the ids found to begin a total are exactly those the regex alone finds."""
    arr = pa.array(cells, pa.large_string() if large else pa.string())
    plain = pc.match_substring_regex(arr, TOTAL_ID, ignore_case=True).to_numpy(zero_copy_only=False)
    assert _total_ids(arr).tolist() == plain.tolist()
    assert _total_ids(pa.chunked_array([arr, arr])).tolist() == plain.tolist() * 2


@pytest.mark.parametrize("row", [",หมายเหตุ: ข้อมูล ณ วันที่ 30 ก.ย. 2567,,,,", ",,กระทรวงสาธารณสุข,,,",
                                 "กระทรวงการคลัง,,,,,", "หมายเหตุ: ข้อมูล ณ วันที่ 30 ก.ย. 2567,,,,,"])
def test_a_heading_or_note_row_is_named(bundle, row: str) -> None:
    """A row without id holding one cell of text: a ministry's heading inside the table, a note under it."""
    projects = HEAD + P1 + P2 + row + "\n"
    assert _problems(bundle({**MINIMAL, "projects.csv": projects})) == [("projects.csv", 4, None, "text_row")]


def test_a_project_whose_name_begins_like_a_total_is_a_project(bundle) -> None:
    """Near-miss: รวมพลังชุมชน ("joining forces") is a name, with or without an id; so is รวม with an id."""
    g = load_bundle(bundle({**MINIMAL, "projects.csv": HEAD + P1 + "P9,รวมพลังชุมชน,A1,2567,500,T1\n"
                                                       "P8,รวม,A1,2567,500,T1\n"}))
    assert list(g.projects.index) == ["P1", "P9", "P8"]
    assert ("projects.csv", 3, "id", "required_value") in _problems(
        bundle({**MINIMAL, "projects.csv": HEAD + P1 + ",รวมพลังชุมชน,A1,2567,500,T1\n"}))


def test_a_cell_merged_over_rows_is_each_rows_value(tmp_path: Path) -> None:
    """An agency and a year merged over two projects' rows (sheet rows 3–4) are both projects';
    a budget merged across two columns stays in its own column (links is not given the amount)."""
    rows = [["P1", "โครงการหนึ่ง", "A1", 2567, 1000, "T1"], ["P2", "โครงการสอง", "A1", 2567, 500, "T1"],
            ["P3", "โครงการสาม", None, None, 700, "T1"], ["P4", "โครงการสี่", "A1", 2567, 800, None]]
    book = _workbook(tmp_path / "b.xlsx", rows)
    wb = openpyxl.load_workbook(book)
    wb["projects"].merge_cells("C3:C4")
    wb["projects"].merge_cells("D3:D4")
    wb["projects"].merge_cells("E5:F5")     # across columns: P4's budget only
    wb.save(book)
    g = load_bundle(book)
    assert g.projects.loc[["P2", "P3"], "agency"].tolist() == ["A1", "A1"]
    assert g.projects.loc[["P2", "P3"], "fiscal_year"].tolist() == [2024, 2024]
    assert g.projects.at["P4", "links"] == "" and g.projects.at["P4", "budget"] == 800


def test_without_the_merge_the_empty_cells_are_reported(tmp_path: Path) -> None:
    """Near-miss: the same sheet without merged cells lacks P3's agency and year."""
    rows = [["P1", "โครงการหนึ่ง", "A1", 2567, 1000, "T1"], ["P2", "โครงการสอง", "A1", 2567, 500, "T1"],
            ["P3", "โครงการสาม", None, None, 700, "T1"]]
    problems = _problems(_workbook(tmp_path / "b.xlsx", rows))
    assert ("b.xlsx[projects]", 4, "agency", "required_value") in problems


def test_empty_records_of_a_file_without_ids_are_left_out_too(bundle) -> None:
    """leads.csv has no id column: a ``,,`` row there is nothing as well; a half-filled one is reported."""
    leads = "element,agency,role\nT1,A1,lead\n,,\n"
    g = load_bundle(bundle({**MINIMAL, "leads.csv": leads}))
    assert g.leads[["element", "agency"]].values.tolist() == [["T1", "A1"]]
    assert ("leads.csv", 3, "element", "required_value") in _problems(
        bundle({**MINIMAL, "leads.csv": "element,agency,role\nT1,A1,lead\n,A1,lead\n"}))


def test_an_amount_merged_over_rows_is_a_problem(tmp_path: Path) -> None:
    """A budget merged over two projects' rows: copied, it would count twice (the sheet's SUM counts
    it once); the agency merged beside it is each row's (the near-miss)."""
    rows = [["P1", "โครงการหนึ่ง", "A1", 2567, 1000, "T1"], ["P2", "โครงการสอง", "A1", 2567, 500, "T1"],
            ["P3", "โครงการสาม", None, 2567, None, "T1"]]
    book = _workbook(tmp_path / "b.xlsx", rows)
    wb = openpyxl.load_workbook(book)
    wb["projects"].merge_cells("E3:E4")
    wb["projects"].merge_cells("C3:C4")
    wb.save(book)
    assert _problems(book) == [("b.xlsx[projects]", 3, "budget", "merged_amount")]


@pytest.mark.parametrize("text", [True, False])
def test_a_second_header_row_is_named_once(bundle, text: bool) -> None:
    """An English header under the Thai one: one problem naming the row, not a bad year and a bad
    amount read from it; the rows after it keep their numbers."""
    thai = "รหัสโครงการ,ชื่อโครงการ,หน่วยงาน,ปีงบประมาณ,งบประมาณ,ความเชื่อมโยง\n"
    projects = thai + HEAD + P1 + BAD
    assert _problems(bundle({**MINIMAL, "projects.csv": projects}), text) == [
        ("projects.csv", 2, None, "header_repeated"), ("projects.csv", 4, "fiscal_year", "bad_year")]


def test_a_first_row_naming_one_column_is_data(bundle) -> None:
    """Near-miss: a project whose name happens to be a header's word is a project."""
    g = load_bundle(bundle({**MINIMAL, "projects.csv": HEAD + "P0,name,A1,2567,10,T1\n" + P1}))
    assert list(g.projects.index) == ["P0", "P1"]


def test_a_title_above_the_header_is_said_once(bundle) -> None:
    """A title row above the header: the one problem that says so, not the header's cells read as bad values."""
    projects = "ทะเบียนโครงการ ปี 2567,,,,,\n" + HEAD + P1
    assert [key for *_, key in _problems(bundle({**MINIMAL, "projects.csv": projects}))] == ["header_below"]


def test_hidden_rows_are_read_and_said(tmp_path: Path) -> None:
    """Rows hidden in the sheet (cancelled projects someone hid, a filter) are read like the others,
    and every command says so; a sheet hiding a column only says nothing (the near-miss)."""
    from click.testing import CliRunner

    from graphkpi.cli import main

    rows = [["P1", "โครงการหนึ่ง", "A1", 2567, 1000, "T1"], ["P2", "โครงการสอง", "A1", 2567, 500, "T1"],
            ["P3", "โครงการสาม", "A1", 2567, 700, "T1"]]
    book = _workbook(tmp_path / "b.xlsx", rows)
    wb = openpyxl.load_workbook(book)
    wb["projects"].row_dimensions[3].hidden = True
    wb["projects"].column_dimensions["F"].hidden = True
    wb.save(book)
    g = load_bundle(book)
    assert list(g.projects.index) == ["P1", "P2", "P3"] and g.hidden_rows == (("b.xlsx[projects]", (3,)),)
    r = CliRunner().invoke(main, ["orphans", str(book), "-q", "--lang", "en"])
    assert "b.xlsx[projects]: 1 row is hidden in the sheet (3), and read like the others" in r.stderr
    plain = _workbook(tmp_path / "c.xlsx", rows)
    wb = openpyxl.load_workbook(plain)
    wb["projects"].column_dimensions["F"].hidden = True
    wb.save(plain)
    assert load_bundle(plain).hidden_rows == ()


def test_a_budget_lines_total_is_named_too(bundle) -> None:
    """budget_lines.csv has no id column: its totals row (no code, รวมทั้งสิ้น in the project's) is said once."""
    lines = "code,project,fiscal_year,amount\nL1,P1,2567,1000\n,รวมทั้งสิ้น,,1000\n"
    assert _problems(bundle({**MINIMAL, "budget_lines.csv": lines})) == [("budget_lines.csv", 3, None, "totals_row")]

