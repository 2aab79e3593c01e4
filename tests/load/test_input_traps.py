"""What Excel and people do to files: other separators, UTF-16 "Unicode text", Thai and
near-miss headers, header-only files, and no library warning on the user's screen."""

from __future__ import annotations

import io
import subprocess
import sys
import zipfile
from pathlib import Path

import openpyxl
import pandas as pd
import pytest
from click.testing import CliRunner

from graphkpi.cli import main
from graphkpi.load import BundleError, load_bundle
from graphkpi.load.headers import separator
from graphkpi.load.schema import FILES
from tests.conftest import MINIMAL

ROWS = [["P1", "โครงการหนึ่ง", "A1", "2567", "1,000", "เชียงใหม่;ลำพูน", "T1"],
        ["P2", "โครงการสอง", "A1", "2024", "", "TH-50", "T1;SPX"]]
HEADER = ["id", "name", "agency", "fiscal_year", "budget", "provinces", "links"]


def _csv(sep: str, header: list[str] = HEADER) -> str:
    frame = pd.DataFrame(ROWS, columns=header)
    return frame.to_csv(sep=sep, index=False, lineterminator="\r\n")


def _projects(g) -> list[list[object]]:
    table = g.projects.reset_index()
    return table[["id", "name", "agency", "fiscal_year", "budget", "links"]].astype(str).to_numpy().tolist()


def _places(g) -> list[tuple[str, str]]:
    return sorted(map(tuple, g.project_areas[["project", "area"]].to_numpy().tolist()))


@pytest.mark.parametrize(("sep", "encoding", "shown"), [
    (",", "utf-8", "utf-8"), (";", "utf-8", "utf-8, semicolon"), ("\t", "utf-8", "utf-8, tab"),
    ("\t", "utf-16", "utf-16, tab"), (";", "cp874", "cp874, semicolon"), (";", "utf-8-sig", "utf-8-sig, semicolon"),
])
def test_separators_and_encodings_read_the_same_bundle(bundle, sep: str, encoding: str, shown: str) -> None:
    """Comma, semicolon and tab files, and Excel's UTF-16 "Unicode text", load the same cells;
    a ;-list inside a comma file stays a list (the separator is told from the header alone)."""
    want = load_bundle(bundle({**MINIMAL, "projects.csv": _csv(",")}))
    g = load_bundle(bundle({**MINIMAL, "projects.csv": _csv(sep).encode(encoding)}))
    assert _projects(g) == _projects(want)
    assert _places(g) == _places(want) == [("P1", "TH-50"), ("P1", "TH-51"), ("P2", "TH-50")]
    assert g.encodings["projects.csv"] == shown


def test_the_separator_is_told_by_the_header_only() -> None:
    spec = FILES["projects"]
    assert separator("id,name,agency,fiscal_year", spec) == ","
    assert separator("id;name;agency;fiscal_year", spec) == ";"
    assert separator("id\tname\tagency", spec) == "\t"
    assert separator("รหัสโครงการ;ชื่อโครงการ;หน่วยงาน", spec) == ";"
    assert separator("something;else", spec) == ","   # nothing known: read as a comma file, columns reported


def test_a_semicolon_file_reads_in_arrow_and_pandas_alike(bundle) -> None:
    """A NUL-free UTF-8 file goes to arrow, a cp874 one to pandas: the same cells either way."""
    fast = load_bundle(bundle({**MINIMAL, "projects.csv": _csv(";").encode("utf-8")}))
    slow = load_bundle(bundle({**MINIMAL, "projects.csv": _csv(";").encode("cp874")}))
    assert _projects(fast) == _projects(slow)


@pytest.mark.parametrize("header", [
    ["ID", "Name", "Agency", "Fiscal Year", "Budget", "Provinces", "Links"],
    ["id", "name", "agency", "fiscal-year", "budget", "provinces", "links"],
    ["Id", "Name", "Agency", "FiscalYear", "Budget", "Provinces", "Links"],
    ["รหัสโครงการ", "ชื่อโครงการ", "หน่วยงาน", "ปีงบประมาณ", "งบประมาณ", "จังหวัด", "ความเชื่อมโยง"],
])
def test_near_miss_and_thai_headers_are_the_contracts_columns(bundle, header: list[str]) -> None:
    want = load_bundle(bundle({**MINIMAL, "projects.csv": _csv(",")}))
    g = load_bundle(bundle({**MINIMAL, "projects.csv": _csv(",", header)}))
    assert _projects(g) == _projects(want) and _places(g) == _places(want)


def test_two_headers_for_one_column_are_ambiguous(bundle) -> None:
    files = {**MINIMAL, "projects.csv": "id,name,agency,fiscal_year,Fiscal Year\nP1,x,A1,2567,2568\n"}
    with pytest.raises(BundleError) as exc:
        load_bundle(bundle(files))
    [p] = exc.value.problems
    assert (p.file, p.row, p.column) == ("projects.csv", 1, "fiscal_year")
    assert "'fiscal_year', 'Fiscal Year'" in p.message
    thai = {**MINIMAL, "projects.csv": "id,name,agency,fiscal_year,ปีงบประมาณ\nP1,x,A1,2567,2568\n"}
    with pytest.raises(BundleError):
        load_bundle(bundle(thai))


def test_a_misspelt_required_column_is_named_in_the_error(bundle) -> None:
    files = {**MINIMAL, "projects.csv": "id,name,agency,fiscal_yaer\nP1,x,A1,2567\n"}
    with pytest.raises(BundleError) as exc:
        load_bundle(bundle(files))
    [p] = exc.value.problems
    assert (p.file, p.row, p.column) == ("projects.csv", 1, "fiscal_year")
    assert "'fiscal_yaer'; did you mean fiscal_year?" in p.message
    assert "หมายถึง fiscal_year หรือไม่" in p.render("th")


def test_an_unknown_column_that_is_no_near_miss_is_kept(bundle) -> None:
    g = load_bundle(bundle({**MINIMAL, "projects.csv": "id,name,agency,fiscal_year,หมายเหตุ\nP1,x,A1,2567,ดี\n"}))
    assert g.projects.at["P1", "หมายเหตุ"] == "ดี"


def test_header_only_elements_is_bad_input_named_once(bundle) -> None:
    files = {**MINIMAL, "elements.csv": "id,level,name,parents\n"}
    result = CliRunner().invoke(main, ["check", str(bundle(files)), "--lang", "en"])
    assert result.exit_code == 2
    assert result.stderr == ("error: bad input (1):\n  elements.csv: the file has a header and no rows: without plan "
                             "elements nothing can be checked (saved before the data was pasted in, or the wrong "
                             "sheet?)\n")
    assert result.stdout == ""


def test_header_only_projects_is_a_notice_and_exit_0(bundle) -> None:
    files = {**MINIMAL, "projects.csv": "id,name,agency,fiscal_year,links\n"}
    result = CliRunner().invoke(main, ["check", str(bundle(files)), "--lang", "en", "-q"])
    assert result.exit_code == 0
    assert result.stderr.startswith("note: projects.csv has a header and no rows")
    thai = CliRunner().invoke(main, ["validate", str(bundle(files)), "-q"])
    assert thai.exit_code == 0 and thai.stderr.startswith("หมายเหตุ: projects.csv มีแต่แถวหัวคอลัมน์")


def test_near_miss_one_project_gives_no_notice(bundle) -> None:
    result = CliRunner().invoke(main, ["check", str(bundle(MINIMAL)), "--lang", "en", "-q"])
    assert result.exit_code == 0 and result.stderr == ""


def _workbook(path: Path, projects: dict[str, list[object]]) -> Path:
    sheets = {"elements": {"id": ["Z1", "MPX", "SPX", "T1"], "level": ["strategy", "master_plan", "sub_plan",
                                                                      "sub_target"],
                           "name": ["ก", "ข", "ค", "ง"], "parents": ["", "Z1", "MPX", "SPX"]},
              "agencies": {"id": ["M1", "A1"], "name": ["กระทรวง", "กรม"], "ministry": ["", "M1"]},
              "projects": projects}
    with pd.ExcelWriter(path, engine="openpyxl") as xw:
        for sheet, columns in sheets.items():
            pd.DataFrame(columns).to_excel(xw, sheet_name=sheet, index=False)
    return path


def _with_extension(path: Path) -> Path:
    """The workbook with a data-validation extension in each sheet, as Excel writes for drop-down
    lists: openpyxl warns "Data Validation extension is not supported and will be removed"."""
    out = path.with_name("ext.xlsx")
    ext = b'<extLst><ext uri="{CCE6A557-97BC-4b89-ADB6-D9C93CAAB3DF}"/></extLst></worksheet>'
    with zipfile.ZipFile(path) as src, zipfile.ZipFile(out, "w") as dst:
        for item in src.infolist():
            data = src.read(item.filename)
            if item.filename.startswith("xl/worksheets/sheet"):
                data = data.replace(b"</worksheet>", ext)
            dst.writestr(item, data)
    return out


def test_the_workbook_fixture_makes_openpyxl_warn(tmp_path: Path) -> None:
    """Near-miss of the tests below: without graphkpi's filter, openpyxl does warn."""
    book = _with_extension(_workbook(tmp_path / "b.xlsx", {"id": ["P1"]}))
    with pytest.warns(UserWarning, match="extension is not supported"):
        pd.read_excel(book, sheet_name=None, engine="openpyxl")


def test_workbook_thai_headers_and_no_library_warning(tmp_path: Path) -> None:
    book = _with_extension(_workbook(tmp_path / "b.xlsx", {
        "รหัสโครงการ": ["P1"], "ชื่อโครงการ": ["โครงการ"], "หน่วยงาน": ["A1"], "Fiscal Year": [2567],
        "จังหวัด": ["Chiangmai"], "links": ["T1"]}))
    result = CliRunner().invoke(main, ["check", str(book), "--select", "GK001", "--lang", "en", "-q"])
    assert result.exit_code == 0, result.output
    assert result.stderr == ""
    assert "did you mean Chiang Mai?" in result.stdout


def test_workbook_header_only_elements_sheet(tmp_path: Path) -> None:
    book = tmp_path / "b.xlsx"
    with pd.ExcelWriter(book, engine="openpyxl") as xw:
        pd.DataFrame({"id": [], "level": [], "name": []}).to_excel(xw, sheet_name="elements", index=False)
        pd.DataFrame({"id": ["P1"], "name": ["x"], "agency": ["A1"], "fiscal_year": [2567]}).to_excel(
            xw, sheet_name="projects", index=False)
    with pytest.raises(BundleError) as exc:
        load_bundle(book)
    assert [p.key for p in exc.value.problems] == ["no_elements"]


def test_real_subprocess_stderr_holds_only_our_text(tmp_path: Path) -> None:
    """A real process (warnings filters as a user has them): a UTF-16 tab file and a workbook
    openpyxl warns about print nothing on stderr but graphkpi's own words."""
    folder = tmp_path / "b"
    folder.mkdir()
    for name, text in MINIMAL.items():
        (folder / name).write_text(text, encoding="utf-8")
    (folder / "projects.csv").write_bytes(_csv("\t").encode("utf-16"))
    book = _with_extension(_workbook(tmp_path / "w.xlsx", {"id": ["P1"], "name": ["x"], "agency": ["A1"],
                                                            "fiscal_year": [2567], "links": ["T1"]}))
    for bundle_path in (folder, book):
        done = subprocess.run([sys.executable, "-W", "default", "-m", "graphkpi", "validate", str(bundle_path),
                               "--lang", "en"], capture_output=True, text=True, timeout=300)
        assert done.returncode == 0, done.stderr
        assert done.stderr == "", done.stderr
        assert done.stdout.startswith("the bundle is well-formed")


def test_undecodable_separator_file_is_still_one_clear_problem(bundle) -> None:
    data = io.BytesIO(b"id;name;agency;fiscal_year\nP1;\x81\xdb\xfc;A1;2567\n").getvalue()
    with pytest.raises(BundleError) as exc:
        load_bundle(bundle({**MINIMAL, "projects.csv": data}))
    assert [(p.file, p.key) for p in exc.value.problems] == [("projects.csv", "encoding")]


@pytest.mark.parametrize("spec", FILES.values(), ids=lambda s: s.name)
def test_every_documented_thai_header_names_its_column_and_no_other(spec) -> None:
    from graphkpi.load.headers import column_of
    from graphkpi.load.values import clean_header

    for column, names in spec.thai.items():
        assert column in spec.columns
        for name in names:
            assert column_of(clean_header(name), spec) == column, name


def test_excel_error_cells_are_bad_input_and_text_like_na_stays(tmp_path: Path) -> None:
    """pandas reads an error value (#REF!, #DIV/0!) as missing: it used to load as an empty cell,
    a budget of 0 that GK602 then compared with the budget lines. And "NA" is text, not missing."""
    book = _workbook(tmp_path / "b.xlsx", {"id": ["P1", "P2", "P3"], "name": ["NA", "N/A", "null"],
                                           "agency": ["A1"] * 3, "fiscal_year": [2567] * 3,
                                           "budget": ["1,000", "#REF!", "2,000"], "links": ["T1"] * 3})
    wb = openpyxl.load_workbook(book)
    wb["projects"]["E3"].data_type = "e"          # P2's budget: the error value itself, as Excel saves it
    wb.save(book)
    with pytest.raises(BundleError) as exc:
        load_bundle(book)
    [bad] = exc.value.problems
    assert (bad.file, bad.row, bad.column, bad.key) == ("b.xlsx[projects]", 3, "budget", "excel_error")
    wb["projects"]["E3"].value, wb["projects"]["E3"].data_type = "500", "s"   # near miss: a value
    wb.save(book)
    assert load_bundle(book).projects["name"].tolist() == ["NA", "N/A", "null"]


def _rewrite_sheet(book: Path, sheet: str, old: bytes, new: bytes) -> None:
    """``book`` with ``old`` replaced by ``new`` in the worksheet part of ``sheet``."""
    with zipfile.ZipFile(book) as zf:
        parts = {i.filename: zf.read(i.filename) for i in zf.infolist()}
    names = openpyxl.load_workbook(book, read_only=True).sheetnames
    part = f"xl/worksheets/sheet{names.index(sheet) + 1}.xml"
    assert old in parts[part]
    parts[part] = parts[part].replace(old, new)
    with zipfile.ZipFile(book, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in parts.items():
            zf.writestr(name, data)


def test_a_formula_never_calculated_is_bad_input_and_a_calculated_one_is_its_value(tmp_path: Path) -> None:
    """A workbook written by a program that does not calculate (openpyxl here) stores a formula
    with an empty value: it read as an empty budget, a project of 0 baht, without a word."""
    book = _workbook(tmp_path / "b.xlsx", {"id": ["P1", "P2"], "name": ["ก", "ข"], "agency": ["A1"] * 2,
                                           "fiscal_year": [2567] * 2, "budget": ["1,000", "=500*2"],
                                           "links": ["T1"] * 2, "objective": ["=\"\"", "ค"]})
    with pytest.raises(BundleError) as exc:
        load_bundle(book)
    objective, budget = exc.value.problems   # in sheet order
    assert (budget.file, budget.row, budget.column, budget.key) == ("b.xlsx[projects]", 3, "budget", "excel_uncached")
    assert (objective.row, objective.column) == (2, "objective")
    assert "LibreOffice" in budget.text("en")
    _rewrite_sheet(book, "projects", b'<c r="G2"><f>""</f><v /></c>', b'<c r="G2" t="str"><f>""</f><v></v></c>')
    with pytest.raises(BundleError) as exc:
        load_bundle(book)
    assert [p.column for p in exc.value.problems] == ["budget"]
    # near misses: the value Excel stores with the formula, and a text formula whose value is ""
    _rewrite_sheet(book, "projects", b"<f>500*2</f><v />", b"<f>500*2</f><v>1000</v>")
    g = load_bundle(book)
    assert g.projects["budget"].tolist() == [1000, 1000]
    assert g.projects["objective"].tolist() == ["", "ค"]


def test_a_title_above_the_header_names_the_header_row(tmp_path: Path) -> None:
    """Government spreadsheets put a title above the header: every required column was reported
    missing, which told the planner nothing. Near miss: the same file without the title loads."""
    projects = "id,name,agency,fiscal_year,budget,links\nP1,โครงการหนึ่ง,A1,2567,\"1,000\",T1\n"
    files = {**MINIMAL, "projects.csv": "โครงการจังหวัดน่าน ปีงบประมาณ 2567,,,,,\n,,,,,\n" + projects}
    root = tmp_path / "b"
    root.mkdir()
    for name, text in files.items():
        (root / name).write_text(text, encoding="utf-8")
    with pytest.raises(BundleError) as exc:
        load_bundle(root)
    [bad] = exc.value.problems
    assert (bad.file, bad.row, bad.column, bad.key) == ("projects.csv", 1, None, "header_below")
    assert "the header is row 3" in bad.text("en")
    (root / "projects.csv").write_text(projects, encoding="utf-8")
    assert load_bundle(root).projects.index.tolist() == ["P1"]


def test_the_folder_above_a_bundle_names_the_folder_inside(tmp_path: Path) -> None:
    """A planner gives the folder that holds the bundle's folder: "required file is missing" said
    nothing of where the files are. Near miss: two folders inside hold one each, no guess."""
    inner = tmp_path / "top" / "ข้อมูลน่าน"
    inner.mkdir(parents=True)
    for name, text in MINIMAL.items():
        (inner / name).write_text(text, encoding="utf-8")
    with pytest.raises(BundleError) as exc:
        load_bundle(tmp_path / "top")
    assert {p.key for p in exc.value.problems} == {"file_missing_below"}
    assert f"the folder {inner} inside holds it" in exc.value.problems[0].text("en")
    (tmp_path / "top" / "other").mkdir()
    (tmp_path / "top" / "other" / "elements.csv").write_text(MINIMAL["elements.csv"], encoding="utf-8")
    with pytest.raises(BundleError) as exc:
        load_bundle(tmp_path / "top")
    assert {p.file: p.key for p in exc.value.problems} == {"elements.csv": "file_missing",
                                                         "projects.csv": "file_missing_below"}


# --- a misspelt optional column ---------------------------------------------------------------

def test_a_misspelt_optional_header_is_named_with_its_column(bundle) -> None:
    """``Linkss`` and ``Budjet`` are not read: every project would be an orphan, every budget 0, so
    the loader names them (the bundle still loads); an unrelated extra column is not named."""
    projects = "id,name,agency,fiscal_year,Budjet,Linkss,note\nP1,โครงการหนึ่ง,A1,2567,1000,T1,x\n"
    b = bundle({**MINIMAL, "projects.csv": projects})
    assert load_bundle(b).unread == (("projects.csv", "budjet", "budget"), ("projects.csv", "linkss", "links"))
    r = CliRunner().invoke(main, ["orphans", str(b), "-q", "--lang", "en"])
    assert r.exit_code == 0 and "column 'linkss' is not read — did you mean links?" in r.stderr
    r = CliRunner().invoke(main, ["validate", str(b), "--lang", "en"])
    assert "column 'budjet' is not read — did you mean budget?" in r.stdout and "not read" not in r.stderr
    good = bundle({**MINIMAL, "projects.csv": projects.replace("Budjet", "budget").replace("Linkss", "links")})
    assert load_bundle(good).unread == ()     # near-miss: the same file spelt right; `note` is never named
    assert "not read" not in CliRunner().invoke(main, ["orphans", str(good), "--lang", "en"]).stderr


def test_a_problem_names_the_column_by_the_header_the_sheet_shows(bundle) -> None:
    """A Thai header (ปีงบประมาณ) is what the planner sees: the problem names it, then the column."""
    thai = "รหัสโครงการ,ชื่อโครงการ,หน่วยงาน,ปีงบประมาณ\nP1,x,A1,2567/68\n"
    with pytest.raises(BundleError) as err:
        load_bundle(bundle({**MINIMAL, "projects.csv": thai}))
    assert str(err.value).startswith("projects.csv, row 2, column 'ปีงบประมาณ' (fiscal_year): not a year: '2567/68'")
    with pytest.raises(BundleError) as err:   # near-miss: a header that is the column's name is said once
        load_bundle(bundle({**MINIMAL, "projects.csv": "id,name,agency,fiscal_year\nP1,x,A1,2567/68\n"}))
    assert str(err.value).startswith("projects.csv, row 2, column 'fiscal_year': not a year")


@pytest.mark.parametrize(("typed", "spelled"), [("ปีงบประมาน", "ปีงบประมาณ"), ("fiscal_yaer", "fiscal_year")])
def test_a_misspelt_required_header_is_answered_in_its_own_language(bundle, typed: str, spelled: str) -> None:
    with pytest.raises(BundleError) as err:
        load_bundle(bundle({**MINIMAL, "projects.csv": f"id,name,agency,{typed}\nP1,x,A1,2567\n"}))
    assert f"did you mean fiscal_year? (rename the header to {spelled})" in str(err.value)


def test_a_budget_header_in_millions_is_said_to_need_baht(bundle) -> None:
    """งบประมาณ (ล้านบาท) is not read as budget; renaming it alone would make every budget a millionth."""
    projects = "id,name,agency,fiscal_year,งบประมาณ (ล้านบาท)\nP1,x,A1,2567,1.5\n"
    r = CliRunner().invoke(main, ["validate", str(bundle({**MINIMAL, "projects.csv": projects})), "--lang", "en"])
    assert "multiply by 1,000,000 before renaming it" in r.stdout
    projects = "id,name,agency,fiscal_year,Budjet\nP1,x,A1,2567,1500000\n"   # near-miss: a plain typo
    r = CliRunner().invoke(main, ["validate", str(bundle({**MINIMAL, "projects.csv": projects})), "--lang", "en"])
    assert "did you mean budget?" in r.stdout and "1,000,000" not in r.stdout

