"""Loader: encodings, eras, money, lists, headers, xlsx, reference fill-in, bad input."""

from __future__ import annotations

import io
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from graphkpi.load import BundleError, Problem, load_bundle, sources
from graphkpi.load.limits import Limits
from graphkpi.load.sources import _parse_pandas, arrow_width, parse_arrow
from tests.conftest import FIXTURES, MINIMAL, load_yaml, write_bundle

THAI_PROJECTS = "id,name,agency,fiscal_year,links\nP1,โครงการพัฒนาทักษะดิจิทัล,A1,2567,T1\n"


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "cp874", "tis-620", "utf-16"])
def test_encodings_are_recognised(bundle, encoding: str) -> None:
    path = bundle({**MINIMAL, "projects.csv": THAI_PROJECTS.encode(encoding)})
    g = load_bundle(path)
    assert g.projects.at["P1", "name"] == "โครงการพัฒนาทักษะดิจิทัล"


def test_undecodable_file_is_bad_input(bundle) -> None:
    path = bundle({**MINIMAL, "projects.csv": b"id,name,agency,fiscal_year\nP1,\x81\xdb\xfc,A1,2567\n"})
    with pytest.raises(BundleError) as exc:
        load_bundle(path)
    assert exc.value.problems[0].file == "projects.csv"


@pytest.mark.parametrize(("given", "ce", "be"), [("2567", 2024, True), ("2024", 2024, False),
                                                  ("๒๕๖๗", 2024, True), ("พ.ศ. 2566", 2023, True),
                                                  ("2567.0", 2024, True)])
def test_fiscal_years_buddhist_and_common_era(bundle, given: str, ce: int, be: bool) -> None:
    path = bundle({**MINIMAL, "projects.csv": f"id,name,agency,fiscal_year\nP1,x,A1,{given}\n"})
    g = load_bundle(path)
    assert g.projects.at["P1", "fiscal_year"] == ce
    assert g.years_given_be is be


@pytest.mark.parametrize(("given", "value"), [('"1,250,000"', 1_250_000.0), ("1250000.50", 1_250_000.5),
                                               ("฿ 2 000", 2000.0), ('"๑,๐๐๐"', 1000.0),
                                               (" - ", 0.0), ("–", 0.0),   # Excel's accounting zero
                                               ('"1,200,000.-"', 1_200_000.0), ("500.- บาท", 500.0),  # whole baht
                                               ("1.5e6", 1_500_000.0), ("1.2E+06", 1_200_000.0),  # exact, not Excel's
                                               ('"+1,200,000"', 1_200_000.0)])
def test_money_with_separators(bundle, given: str, value: float) -> None:
    path = bundle({**MINIMAL, "projects.csv": f"id,name,agency,fiscal_year,budget\nP1,x,A1,2567,{given}\n"})
    assert load_bundle(path).projects.at["P1", "budget"] == value


@pytest.mark.parametrize(("given", "key"), [('"1,2000,000"', "bad_money"), ('"1,20,000"', "bad_money"),
                                            ("1.23457E+06", "scientific_money"), ("1.23457E+11", "scientific_money")])
def test_amounts_a_float_parse_would_misread_are_refused(bundle, given: str, key: str) -> None:
    """Separators out of place (a slip: 1,2000,000 is not 12 million) and Excel's scientific
    notation (its last digits are gone) read as numbers, wrongly; each is named instead."""
    path = bundle({**MINIMAL, "projects.csv": f"id,name,agency,fiscal_year,budget\nP1,x,A1,2567,{given}\n"})
    with pytest.raises(BundleError) as exc:
        load_bundle(path)
    assert [(p.row, p.column, p.key) for p in exc.value.problems] == [(2, "budget", key)]


@pytest.mark.parametrize("given", ["--", "-5", "5-", ".-", "1.-5"])
def test_a_dash_is_zero_only_alone(bundle, given: str) -> None:
    """Near misses of the accounting zero and of whole baht (``500.-``): two dashes, a dash beside
    digits, ``.-`` without an amount and a dash inside one are not amounts."""
    path = bundle({**MINIMAL, "projects.csv": f"id,name,agency,fiscal_year,budget\nP1,x,A1,2567,{given}\n"})
    with pytest.raises(BundleError) as exc:
        load_bundle(path)
    assert {p.key for p in exc.value.problems} <= {"bad_money", "negative_money"}


def test_empty_budget_is_unknown_not_zero(bundle) -> None:
    path = bundle({**MINIMAL, "projects.csv": "id,name,agency,fiscal_year,budget\nP1,x,A1,2567,\n"})
    assert pd.isna(load_bundle(path).projects.at["P1", "budget"])


def test_lists_headers_and_unknown_columns(bundle) -> None:
    path = bundle({**MINIMAL, "projects.csv":
                   "ID,Name,AGENCY,Fiscal_Year,Links,Provinces,Remark\n"
                   "P1,x,A1,2567, T1 ; SPX ;,เชียงใหม่; TH-57 ,ตรวจแล้ว\n"})
    g = load_bundle(path)
    assert sorted(g.links.loc[g.links["project"] == "P1", "element"]) == ["SPX", "T1"]
    assert sorted(g.project_areas["area"]) == ["TH-50", "TH-57"]
    assert g.projects.at["P1", "remark"] == "ตรวจแล้ว"


def test_project_links_file_adds_to_links(bundle) -> None:
    path = bundle({**MINIMAL, "project_links.csv": "project,element\nP1,SPX\nP1,T1\n"})
    g = load_bundle(path)
    assert sorted(g.links["element"]) == ["SPX", "T1"]


def test_reference_rows_fill_in_only_what_is_referenced(bundle) -> None:
    path = bundle({
        "elements.csv": "id,level,name,parents\nSP1,sub_plan,แผนย่อย,MP11\nT1,sub_target,เป้า,SP1\n",
        "projects.csv": "id,name,agency,fiscal_year,links\nP1,x,สธ,2567,T1\n",
    })
    g = load_bundle(path)
    assert set(g.elements.index) == {"SP1", "T1", "MP11", "S3"}
    assert g.elements.at["S3", "source"] == "reference"
    assert "T1" in g.reaches_z
    assert g.agencies.at["สธ", "kind"] == "ministry"


def test_bundle_rows_take_precedence_over_reference(bundle) -> None:
    path = bundle({
        "elements.csv": "id,level,name,parents\nMP11,master_plan,แผนของฉัน,\nT1,sub_target,เป้า,MP11\n",
        "projects.csv": "id,name,agency,fiscal_year,links\nP1,x,สธ,2567,T1\n",
    })
    g = load_bundle(path)
    assert g.elements.at["MP11", "name"] == "แผนของฉัน"
    assert "S3" not in g.elements.index and "T1" not in g.reaches_z


def test_areas_file_replaces_reference_areas(bundle) -> None:
    path = bundle({**MINIMAL, "areas.csv": "id,level,name,parent\nX1,region,ภาคทดสอบ,\nX2,province,จังหวัดทดสอบ,X1\n"})
    g = load_bundle(path)
    assert set(g.areas.index) == {"X1", "X2"}
    assert g.area_ancestors["X2"] == {"X1", "X2"}


def test_reference_areas_have_77_provinces_18_clusters_6_regions() -> None:
    from graphkpi import reference

    counts = reference.areas()["level"].value_counts().to_dict()
    assert counts == {"province": 77, "cluster": 18, "region": 6}


def test_xlsx_workbook(tmp_path: Path) -> None:
    path = tmp_path / "bundle.xlsx"
    with pd.ExcelWriter(path, engine="openpyxl") as xw:
        pd.DataFrame({"id": ["Z1", "T1"], "level": ["strategy", "sub_target"], "name": ["ยุทธ", "เป้า"],
                      "parents": ["", "Z1"]}).to_excel(xw, sheet_name="elements", index=False)
        pd.DataFrame({"ID": ["P1", "P2"], "name": ["ก", "ข"], "agency": ["A1", "A1"], "fiscal_year": [2567, 2024],
                      "budget": [1250000, None], "links": ["T1", ""]}).to_excel(xw, sheet_name="projects", index=False)
    g = load_bundle(path)
    assert g.projects.at["P1", "fiscal_year"] == 2024 and g.projects.at["P2", "fiscal_year"] == 2024
    assert g.projects.at["P1", "budget"] == 1_250_000
    assert "P1" in set(g.existing_links["project"])


def test_xlsx_workbook_with_version_2_leads_and_kpis(tmp_path: Path) -> None:
    """Coordinators, KPI class and reason, shared joint KPIs read from a workbook as from CSV."""
    from graphkpi.checks import CheckOptions, run_checks

    path = tmp_path / "bundle.xlsx"
    with pd.ExcelWriter(path, engine="openpyxl") as xw:
        pd.DataFrame({"id": ["Z1", "T1"], "level": ["strategy", "sub_target"], "name": ["ยุทธ", "เป้า"],
                      "parents": ["", "Z1"]}).to_excel(xw, sheet_name="elements", index=False)
        pd.DataFrame({"id": ["M1", "M2"], "name": ["ก", "ข"]}).to_excel(xw, sheet_name="agencies", index=False)
        pd.DataFrame({"id": ["P1"], "name": ["ก"], "agency": ["M1"], "fiscal_year": [2567],
                      "links": ["T1"]}).to_excel(xw, sheet_name="projects", index=False)
        pd.DataFrame({"element": ["T1", "T1"], "agency": ["M1", "M2"], "role": ["lead", " Coordinator"]}).to_excel(
            xw, sheet_name="leads", index=False)
        pd.DataFrame({"id": ["K1", "K2"], "name": ["ก", "ข"], "element": ["T1", "T1"], "target": [5, 5],
                      "plan_target": [9, 9], "Class": ["", "Monitor "],
                      "shortfall_reason": ["งบประมาณลดลง", "ไม่มีข้อมูล"]}).to_excel(xw, sheet_name="kpis", index=False)
        pd.DataFrame({"kpi": ["K1", "K1"], "agency": ["M1", "M2"], "role": ["shared", "SHARED"],
                      "measured": ["yes", "no"]}).to_excel(xw, sheet_name="kpi_agencies", index=False)
    g = load_bundle(path)
    assert g.kpis["class"].to_dict() == {"K1": "", "K2": "monitor"}   # empty: evaluated
    assert list(g.lead_table["agency"]) == ["M1"] and list(g.coordinators(["T1"])["agency"]) == ["M2"]
    found = {(f.code, f.subject, f.related, f.details.get("reason")) for f in
             run_checks(g, CheckOptions(select=("GK405", "GK501")))}
    assert found == {("GK405", "K1", ("M2",), None), ("GK501", "K1", (), "งบประมาณลดลง")}


def test_xlsx_missing_sheet_names_the_workbook_and_its_sheets(tmp_path: Path) -> None:
    """The sheets found tell a misnamed one: a planner's โครงการ sheet is not read as projects."""
    path = tmp_path / "b.xlsx"
    with pd.ExcelWriter(path, engine="openpyxl") as xw:
        pd.DataFrame({"id": ["Z1"], "level": ["strategy"], "name": ["x"]}).to_excel(xw, sheet_name="elements",
                                                                                   index=False)
        pd.DataFrame({"id": ["P1"]}).to_excel(xw, sheet_name="โครงการ", index=False)
    with pytest.raises(BundleError) as exc:
        load_bundle(path)
    assert [(p.file, p.text("en")) for p in exc.value.problems] == [
        ("b.xlsx[projects]", "required sheet is missing: name a sheet projects (this workbook's sheets: elements, "
                             "โครงการ)")]



def test_budget_lines_read_like_budgets(bundle) -> None:
    """Amounts with separators and Thai digits, years in BE or CE, disbursed optional; no file: no lines."""
    base = {"elements.csv": "id,level,name\nZ1,strategy,ยุทธ\n",
            "projects.csv": "id,name,agency,fiscal_year,budget\nP1,ก,A1,2567,\"1,000\"\n"}
    g = load_bundle(bundle({**base, "budget_lines.csv": "CODE,Project,fiscal_year,amount,disbursed\n"
                                                        "L1,P1,2567,\"1,250,000\",\n L2 ,P1,2024,๑๒๕,๑๐\n"}))
    lines = g.budget_lines.set_index("code")
    assert lines.at["L1", "amount"] == 1_250_000 and lines.at["L2", "amount"] == 125
    assert lines.at["L1", "fiscal_year"] == lines.at["L2", "fiscal_year"] == 2024
    assert pd.isna(lines.at["L1", "disbursed"]) and lines.at["L2", "disbursed"] == 10
    assert g.has_budget_lines and g.project_lines.at["P1", "lines"] == 2
    assert g.project_lines.at["P1", "amount"] == 1_250_125
    plain = load_bundle(bundle(base))
    assert not plain.has_budget_lines and plain.budget_lines.empty and plain.project_lines.at["P1", "lines"] == 0


def test_duplicate_budget_line_names_its_twin_rows(bundle) -> None:
    files = {"elements.csv": "id,level,name\nZ1,strategy,ยุทธ\n",
             "projects.csv": "id,name,agency,fiscal_year\nP1,ก,A1,2567\n",
             "budget_lines.csv": "code,project,fiscal_year,amount\nL1,P1,2567,1\nL1,P1,2024,2\n"}
    with pytest.raises(BundleError) as exc:
        load_bundle(bundle(files))
    assert [p.render("th") for p in exc.value.problems] == [
        f"budget_lines.csv, แถว {row}, คอลัมน์ 'code': รายการงบประมาณรหัส 'L1' ปีงบประมาณ {year} ซ้ำ (พบในแถว 2, 3) "
        "รหัสรายการต้องไม่ซ้ำกันภายในปีงบประมาณเดียวกัน" for row, year in ((2, 2567), (3, 2024))]


def test_xlsx_budget_lines_sheet(tmp_path: Path) -> None:
    path = tmp_path / "bundle.xlsx"
    with pd.ExcelWriter(path, engine="openpyxl") as xw:
        pd.DataFrame({"id": ["Z1"], "level": ["strategy"], "name": ["ยุทธ"]}).to_excel(xw, sheet_name="elements",
                                                                                    index=False)
        pd.DataFrame({"id": ["P1"], "name": ["ก"], "agency": ["A1"], "fiscal_year": [2567],
                      "budget": [1000]}).to_excel(xw, sheet_name="projects", index=False)
        pd.DataFrame({"code": ["6700001", "6700002"], "project": ["P1", "P9"], "fiscal_year": [2567, 2567],
                      "amount": [600, 500.5]}).to_excel(xw, sheet_name="budget_lines", index=False)
    g = load_bundle(path)
    assert g.has_budget_lines
    assert g.budget_lines["code"].tolist() == ["6700001", "6700002"]
    assert g.project_lines.at["P1", "amount"] == 600 and g.line_project_rows.tolist() == [0, -1]

BAD = load_yaml(FIXTURES / "load" / "bad_input.yaml") if (FIXTURES / "load" / "bad_input.yaml").exists() else {}


@pytest.mark.parametrize("case", BAD.get("cases", []), ids=lambda c: c["name"])
def test_bad_input_lists_every_problem(case: dict, tmp_path: Path) -> None:
    with pytest.raises(BundleError) as exc:
        load_bundle(write_bundle(tmp_path, case["bundle"]))
    got = sorted((p.file, p.row, p.column) for p in exc.value.problems)
    want = sorted((p["file"], p.get("row"), p.get("column")) for p in case["problems"])
    assert got == want


@pytest.mark.parametrize("case", BAD.get("valid_cases", []), ids=lambda c: c["name"])
def test_valid_edge_cases_load(case: dict, tmp_path: Path) -> None:
    load_bundle(write_bundle(tmp_path, case["bundle"]))


def test_not_a_bundle(tmp_path: Path) -> None:
    with pytest.raises(BundleError):
        load_bundle(tmp_path / "nope")


def test_ragged_row_names_its_row(bundle) -> None:
    path = bundle({**MINIMAL, "projects.csv": "id,name,agency,fiscal_year\nP1,x,A1,2567\nP2,a,b,A1,2567\n"})
    with pytest.raises(BundleError) as exc:
        load_bundle(path)
    [problem] = exc.value.problems
    assert (problem.file, problem.row) == ("projects.csv", 3)
    assert "5 cells" in problem.message


def test_a_row_cut_short_is_refused_and_named(bundle) -> None:
    """pandas pads a short row with empty cells: the project would lose its links without a word."""
    rows = "id,name,agency,fiscal_year,links\nP1,x,A1,2567,T1\n\nP2,y,A1,2567\n\"P3\",\"two\nlines\",A1,2567,\n"
    with pytest.raises(BundleError) as exc:
        load_bundle(bundle({**MINIMAL, "projects.csv": rows}))
    [problem] = exc.value.problems
    assert (problem.file, problem.row, problem.column) == ("projects.csv", 4, None)
    assert problem.text("en").startswith("only 4 cells where the header has 5: the row is cut short")
    # near miss: the same rows with their empty cells written out load (P3's quoted line break too)
    full = rows.replace("P2,y,A1,2567\n", "P2,y,A1,2567,\n")
    assert load_bundle(bundle({**MINIMAL, "projects.csv": full})).projects.loc["P2", "links"] == ""


def test_a_cell_pasted_in_another_encoding_is_named_where_it_is(bundle) -> None:
    """UTF-8 with one cp874 cell: the position is UTF-8's (which read furthest), with its row and
    column; it was cp874's first failure, in a row that is fine."""
    head = "id,name,agency,fiscal_year\nP1,โครงการหนึ่ง,A1,2567\n".encode()
    data = head + b"P2," + "ถนน".encode("cp874") + b",A1,2567\n"
    with pytest.raises(BundleError) as exc:
        load_bundle(bundle({**MINIMAL, "projects.csv": data}))
    [bad] = exc.value.problems
    assert (bad.file, bad.row, bad.column, bad.key, dict(bad.params)["byte"]) == ("projects.csv", 3, "name", "encoding",
                                                                             str(len(head) + 3))
    whole = (head + b"P2,x,A1,2567\n").decode().encode("cp874")   # near miss: all cp874 reads
    assert load_bundle(bundle({**MINIMAL, "projects.csv": whole})).projects.loc["P1", "name"] == "โครงการหนึ่ง"


def test_an_unreadable_year_or_amount_is_quoted(bundle) -> None:
    """The cell as written, so the planner finds it (a long one cut: a name pasted into budget)."""
    long = "ก" * 100
    rows = f"id,name,agency,fiscal_year,budget\nP1,x,A1,2567/68,100\nP2,y,A1,2567,{long}\nP3,z,A1,2567,1000\n"
    with pytest.raises(BundleError) as exc:
        load_bundle(bundle({**MINIMAL, "projects.csv": rows}))
    year, money = exc.value.problems
    assert year.text("en") == ("not a year: '2567/68' (expected a BE year 2400–2800 or a CE year 1900–2099, "
                               "e.g. 2567 or 2024)")
    assert money.text("th") == f"ไม่ใช่จำนวนเงินบาท: '{'ก' * 60}…' (เช่น 1,250,000)"


def test_every_short_row_is_named_in_any_encoding(bundle) -> None:
    rows = "id;name;agency;fiscal_year\nP1;โครงการ;A1;2567\nP2;ถนน\nP3;ก;A1;2567\nP4\n"
    with pytest.raises(BundleError) as exc:
        load_bundle(bundle({**MINIMAL, "projects.csv": rows.encode("cp874")}))
    assert [(p.row, p.text("en")[:18]) for p in exc.value.problems] == [(3, "only 2 cells where"),
                                                                      (5, "only 1 cell where ")]


@pytest.mark.parametrize(("sep", "hint"), [(";", "semicolon"), ("\t", "tab"), (",", "comma")])
def test_ragged_row_names_the_files_own_separator(bundle, sep: str, hint: str) -> None:
    rows = ["id,name,agency,fiscal_year", "P1,x,A1,2567", "P2,a,b,A1,2567"]
    path = bundle({**MINIMAL, "projects.csv": "\n".join(r.replace(",", sep) for r in rows) + "\n"})
    with pytest.raises(BundleError) as exc:
        load_bundle(path)
    [problem] = exc.value.problems
    assert problem.row == 3 and f"a {hint} inside" in problem.message


def _parse_arrow(data: bytes, limits: Limits) -> tuple[list[object], pd.DataFrame] | None:
    """What the loader's arrow reader makes of ``data``; None: pandas reads it."""
    width = arrow_width(data)
    return None if width is None else parse_arrow(io.BytesIO(data), width, limits)


CSV_BYTES = st.lists(st.sampled_from(["a", "ก", ",", ",", '"', '""', "\n", "\r", "\r\n", " ", ";", "\t", "\x00",
                                      "\ufeff"]), max_size=40).map(lambda chars: "".join(chars).encode())


@settings(max_examples=400, deadline=None)
@given(body=CSV_BYTES, header=st.sampled_from([b"id,name\n", b"id,name,links\r", b'"i""d",name\r\n',
                                               b"\xef\xbb\xbfa,b\n", b'"a\nb",c\n', b"\xef\xbb\xbf"]))
def test_arrow_reader_agrees_with_pandas_reader(header: bytes, body: bytes) -> None:
    """Property: where the arrow reader accepts a file, its header and cells are pandas' (which
    the loader falls back to, with pandas' exact messages, whenever arrow refuses)."""
    data = header + body
    fast = _parse_arrow(data, Limits())
    problems: list[Problem] = []
    slow, _encoding = _parse_pandas(data, "x.csv", problems)
    if fast is not None:
        assert slow is not None, problems
        assert fast[0] == slow[0]
        assert fast[1].to_numpy(dtype=object).tolist() == slow[1].to_numpy(dtype=object).tolist()


def test_arrow_reader_leaves_single_columns_and_other_encodings_to_pandas() -> None:
    """A one-column file (pandas skips its blank-looking lines) and cp874 bytes go to pandas."""
    assert _parse_arrow(b"id\n \nP1\n", Limits()) is None
    assert _parse_arrow("id,name\nP1,โครงการ\n".encode("cp874"), Limits()) is None
    header, frame = _parse_arrow("id,name\nP1,โครงการ\n".encode(), Limits())
    assert header == ["id", "name"] and frame.to_numpy().tolist() == [["P1", "โครงการ"]]


def _chunks(frame: pd.DataFrame) -> list[int]:
    return [frame[c].array._pa_array.num_chunks for c in frame.columns]


def test_arrow_reader_gives_each_column_in_one_chunk() -> None:
    """Arrow reads a file in blocks (a chunk each); the loader joins them, since row lookups on
    many chunks cost tens of times more, as 64-bit-offset text (no column too long for one
    chunk). The cells stay as read."""
    rows = [f"P{i},โครงการที่ {i} ตำบลบ้านใหม่" for i in range(40_000)]   # ≈ 2 MB: several 1 MB blocks
    data = ("id,name\n" + "\n".join(rows) + "\n").encode()
    header, frame = _parse_arrow(data, Limits())
    assert header == ["id", "name"] and _chunks(frame) == [1, 1]
    assert all(pa.types.is_large_string(frame[c].array._pa_array.type) for c in frame.columns)
    assert frame[1].iloc[-1] == "โครงการที่ 39999 ตำบลบ้านใหม่" and len(frame) == 40_000
    assert frame[0].tolist() == [f"P{i}" for i in range(40_000)]


def test_lists_repeat_an_item_once_and_keep_first_places(bundle) -> None:
    path = bundle({**MINIMAL, "projects.csv": "id,name,agency,fiscal_year,links\n"
                   "P1,x,A1,2567,SPX; T1 ;SPX;;T1\nP2,y,A1,2567,T1\nP3,z,A1,2567,\n"})
    links = load_bundle(path).links
    assert links.to_numpy().tolist() == [["P2", "T1"], ["P1", "SPX"], ["P1", "T1"]]


def _bad_everywhere() -> dict[str, str]:
    """Bad cells in several files: projects' year and money, a KPI's number, a ragged
    kpi_agencies row (a read problem), a budget line's amount and year. The budget lines are
    the largest file, so they are read on the calling thread and the others on the second."""
    lines = "code,project,fiscal_year,amount\n" + "".join(f"L{i},P1,2567,{i}\n" for i in range(400))
    return {**MINIMAL,
            "projects.csv": "id,name,agency,fiscal_year,budget,links\nP1,x,A1,25x7,\"1,000\",T1\n"
                            "P2,y,A1,2567,abc,T1\n",
            "kpis.csv": "id,name,element,target\nK1,k,T1,inf\n",
            "kpi_agencies.csv": "kpi,agency\nK1,A1,extra\n",
            "budget_lines.csv": lines + "L900,P1,2567,xyz\nL901,P1,20x6,5\n"}


def test_problems_of_files_read_side_by_side_come_in_the_sequential_order(bundle, monkeypatch) -> None:
    """The folder's files are read on two threads and the budget lines parsed on another while
    the rest loads; every problem of every file is still found, listed as a one-thread load
    lists them."""
    path = bundle(_bad_everywhere())
    with pytest.raises(BundleError) as side_by_side:
        load_bundle(path)
    monkeypatch.setattr(sources, "cores", lambda: 1)   # one thread reads every file, in order
    with pytest.raises(BundleError) as one_by_one:
        load_bundle(path)
    found = [(p.file, p.row, p.column, p.key) for p in side_by_side.value.problems]
    assert found == [(p.file, p.row, p.column, p.key) for p in one_by_one.value.problems]
    assert [(f, k) for f, _, _, k in found] == [
        ("budget_lines.csv", "bad_money"), ("budget_lines.csv", "bad_year"), ("kpi_agencies.csv", "ragged"),
        ("kpis.csv", "nonfinite_number"), ("projects.csv", "bad_year"), ("projects.csv", "bad_money")]


def test_a_bad_budget_line_alone_still_stops_the_load(bundle) -> None:
    """Near miss of the above: everything else is good, so the graph is built while the lines are
    parsed; their problem still stops the load, and nothing is returned."""
    lines = "code,project,fiscal_year,amount\nL1,P1,2567,1\nL2,P1,2567,abc\n"
    with pytest.raises(BundleError) as exc:
        load_bundle(bundle({**MINIMAL, "budget_lines.csv": lines}))
    assert [(p.file, p.row, p.column, p.key) for p in exc.value.problems] == [
        ("budget_lines.csv", 3, "amount", "bad_money")]


@pytest.mark.parametrize("lines_first", [True, False])
def test_the_projects_places_are_the_same_made_on_either_thread(monkeypatch, lines_first: bool) -> None:
    """The projects' places are made on the budget lines' thread when it is free first, else on
    the loader's own: the same table and project rows either way."""
    import threading
    import time

    from graphkpi.load import bundle as loader
    from tests.conftest import SAMPLE

    made_on: list[str] = []
    places, lines = loader._project_places, loader._budget_lines

    def recorded(*args):
        made_on.append(threading.current_thread().name)
        return places(*args)

    def slow_lines(*args):
        time.sleep(0 if lines_first else 1.0)   # the loader reaches the places first
        return lines(*args)

    expected = load_bundle(SAMPLE)
    monkeypatch.setattr(loader, "_project_places", recorded)
    monkeypatch.setattr(loader, "_budget_lines", slow_lines)
    if lines_first:   # the graph's own work waits until the lines' thread has taken the places
        real = loader._normalise_areas
        monkeypatch.setattr(loader, "_normalise_areas", lambda *a: (time.sleep(0.3), real(*a))[1])
    g = load_bundle(SAMPLE)
    assert (made_on[0] != threading.current_thread().name) == lines_first
    pd.testing.assert_frame_equal(g.project_areas, expected.project_areas)
    assert g.area_project_rows.tolist() == expected.area_project_rows.tolist()
