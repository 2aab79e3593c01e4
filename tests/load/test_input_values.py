"""Values that parse but would be wrong: repeated headers, impossible amounts, invisible id characters.

Through the real CLI (click's runner): exit code 2 with file, row and column in Thai and in
English, or — for ids — the same outcome whatever the other rows hold.
"""

from __future__ import annotations

import json
import tempfile
from collections import Counter
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from graphkpi.cli import main
from graphkpi.load import load_bundle
from graphkpi.load.values import (
    EDGE_CHARS,
    EDGE_RE2,
    cells_holding,
    cells_past_printable_ascii,
    clean_id,
    clean_id_array,
    clean_ids,
    explode_list_at,
    first_of_each,
)
from graphkpi.synth import hostile as H
from tests.conftest import MINIMAL, write_bundle


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_repeated_header_names_file_and_column(bundle) -> None:
    files = {**MINIMAL, "projects.csv": "id,name,agency,fiscal_year,links,LINKS \nP1,x,A1,2567,T1,XX\n"}
    code, out, err = run("orphans", str(bundle(files)), "--lang", "en")
    assert (code, out) == (2, "")
    assert "projects.csv, row 1, column 'links': column appears twice (headers are case-insensitive)" in err
    code, _, err = run("orphans", str(bundle(files)))
    assert code == 2 and "projects.csv, แถว 1, คอลัมน์ 'links': มีคอลัมน์นี้ซ้ำ" in err


def test_repeated_header_in_a_workbook(tmp_path: Path) -> None:
    path = H.write_workbook(tmp_path / "b.xlsx", {
        "elements": H.rows_xml([["id", "level", "name"], ["Z1", "strategy", "ยุทธ"]]),
        "projects": H.rows_xml([["ID", "id", "name", "agency", "fiscal_year"], ["P1", "P2", "ก", "A1", "2567"]])})
    code, _, err = run("check", str(path), "--lang", "en")
    assert code == 2 and "b.xlsx[projects], row 1, column 'id': column appears twice" in err


def test_negative_and_infinite_budgets_are_bad_input(bundle) -> None:
    rows = "".join(f"P{i},x,A1,2567,{v},T1\n" for i, v in enumerate(["-500", "inf", "1e309", "NaN", "100"]))
    files = {**MINIMAL, "projects.csv": "id,name,agency,fiscal_year,budget,links\n" + rows}
    code, out, err = run("orphans", str(bundle(files)), "--format", "json", "--lang", "en")
    assert (code, out) == (2, "") and "Infinity" not in out
    assert "projects.csv, row 2, column 'budget': negative amount ('-500'): a budget cannot be below 0" in err
    for row, text in ((3, "'inf'"), (4, "'1e309'"), (5, "'NaN'")):
        assert f"projects.csv, row {row}, column 'budget': not a finite amount ({text})" in err
    assert "row 6" not in err and "bad input (4)" in err
    code, _, err = run("orphans", str(bundle(files)))
    assert code == 2 and "projects.csv, แถว 2, คอลัมน์ 'budget': จำนวนเงินติดลบ ('-500')" in err


def test_budget_at_risk_is_never_reduced_or_infinite(bundle) -> None:
    """The near miss: zero and large finite budgets load and sum as written."""
    rows = "P1,x,A1,2567,0,\nP2,y,A1,2567,\"9,000,000,000\",\n"
    files = {**MINIMAL, "projects.csv": "id,name,agency,fiscal_year,budget,links\n" + rows}
    code, out, _ = run("orphans", str(bundle(files)), "--format", "json")
    assert code == 0 and "Infinity" not in out
    assert sum(p["budget"] for p in json.loads(out)["projects"]) == 9_000_000_000


# ----------------------------------------------------------------------------- ids

INVISIBLE = ["\u00a0", "\u3000", "\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u2003", "\t", " "]


def test_nbsp_and_zero_width_are_trimmed_with_or_without_an_ascii_space_elsewhere(bundle) -> None:
    """Before: NBSP was trimmed only when another cell of the column had an ASCII space."""
    for other in ("T1", " T1"):  # the second row: clean, or with an ASCII space
        files = {**MINIMAL, "projects.csv": "id,name,agency,fiscal_year,links\n"
                                            f"P1\u00a0,x,\u200bA1,2567,T1\u2060;\u3000T1\ufeff\nP2,y,A1,2567,{other}\n"}
        g = load_bundle(bundle(files))
        assert sorted(g.projects.index) == ["P1", "P2"]
        assert set(g.projects["agency"]) == {"A1"}
        assert sorted(g.links["project"]) == ["P1", "P2"] and set(g.links["element"]) == {"T1"}


def test_every_reference_column_is_trimmed_alike(bundle) -> None:
    z = "\u200b"
    files = {
        "elements.csv": f"id,level,name,parents\nZ1{z},strategy,ก,\nMPX,master_plan,ข,\u00a0Z1\n"
                        f"T1,sub_target,ค,MPX;{z}Z1\n",
        "agencies.csv": f"id,name,ministry\n{z}M1,ก,\nA1,ข,M1\ufeff\n",
        "projects.csv": "id,name,agency,fiscal_year,links\nP1,x,A1\u3000,2567,T1\n",
        "leads.csv": f"element,agency\nT1{z},\u00a0A1\n",
        "kpis.csv": f"id,name,element\nK1{z},ตัวชี้วัด,\u2060T1\n",
        "kpi_agencies.csv": f"kpi,agency\n\ufeffK1,A1{z}\n",
    }
    code, out, err = run("check", str(bundle(files)), "--select", "GK001", "--format", "json")
    assert code == 0, err
    assert json.loads(out)["findings"] == []


def _load_projects(rows: list[tuple[str, str]]) -> pd.DataFrame:
    body = "".join(f"{pid},x,{agency},2567\n" for pid, agency in rows)
    with tempfile.TemporaryDirectory() as tmp:
        g = load_bundle(write_bundle(Path(tmp), {**MINIMAL, "projects.csv": "id,name,agency,fiscal_year\n" + body}))
    return g.projects


edges = st.text(alphabet=st.sampled_from(INVISIBLE), max_size=3)
core = st.text(alphabet=st.sampled_from("PA0129ก-"), min_size=1, max_size=6)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(cell=st.tuples(edges, core, edges), others=st.lists(st.tuples(edges, core, edges), max_size=5))
def test_an_id_is_trimmed_the_same_whatever_the_other_rows(cell: tuple[str, str, str],
                                                           others: list[tuple[str, str, str]]) -> None:
    """Property: row 1's id and agency after loading depend on row 1 alone."""
    first = "".join(cell)
    rows = [(f"X{i}{''.join(o)}", "".join(o)) for i, o in enumerate(others)]
    alone = _load_projects([(first, first)])
    among = _load_projects([(first, first), *rows])
    assert alone.index[0] == among.index[0] == cell[1]
    assert alone["agency"].iat[0] == among["agency"].iat[0] == cell[1]


@given(st.lists(st.text(max_size=8), max_size=6))
def test_vectorised_and_single_trimming_agree(cells: list[str]) -> None:
    """Property: the arrow (RE2) trim and the Python trim are the same function, cell by cell."""
    col = pd.Series(cells, dtype=object)
    assert clean_ids(col).tolist() == [clean_id(c) for c in cells]


@given(st.lists(st.text(alphabet=EDGE_CHARS[::3] + "aก;\u200e", max_size=6), max_size=6))
def test_trimming_agrees_on_edge_characters(cells: list[str]) -> None:
    """Property: the arrow trim and the Python trim agree on cells made of edge characters."""
    col = pd.Series(cells, dtype=object)
    assert clean_ids(col).tolist() == [clean_id(c) for c in cells]


@given(st.lists(st.lists(st.text(alphabet=EDGE_CHARS[::5] + "aก;", max_size=4), max_size=4), min_size=1, max_size=3),
       st.integers(0, 2), st.booleans())
def test_arrow_trimming_returns_the_column_itself_exactly_when_no_cell_changes(
        chunks: list[list[str]], skip: int, large: bool) -> None:
    """Property: over chunked and sliced arrow columns of either string type, the trimmed cells
    are the Python trim's, and the column comes back as it is exactly when no cell changes (what
    tells it is the text's length in bytes, read from the offsets)."""
    kind = pa.large_string() if large else pa.string()
    arr = pa.chunked_array([pa.array(c, kind) for c in chunks], kind)
    arr = arr.slice(min(skip, len(arr)))
    cells = arr.to_pylist()
    out = clean_id_array(arr)
    assert out.to_pylist() == [clean_id(c) for c in cells]
    assert (out is arr) == all(clean_id(c) == c for c in cells)


def test_edge_characters_are_the_re2_class_everywhere() -> None:
    """The listed edge characters are exactly RE2's class, over every code point (a Unicode
    update to either side shows here)."""
    points = [chr(c) for c in range(0x110000) if not 0xD800 <= c <= 0xDFFF]
    hit = pc.match_substring_regex(pa.array(points), f"^{EDGE_RE2}$").to_numpy(zero_copy_only=False)
    assert {p for p, h in zip(points, hit, strict=True) if h} == set(EDGE_CHARS)


def test_unsafe_ids_are_findings_with_their_kind_and_characters(bundle) -> None:
    """GK005 through the CLI: an id with a bidi override (project) and with ESC (agency), each once."""
    files = {**MINIMAL,
             "agencies.csv": "id,name,ministry\nM1,กระทรวงหนึ่ง,\nA\x1b1,กรมหนึ่ง,M1\n",
             "projects.csv": "id,name,agency,fiscal_year,links\nP\u202e1,x,A\x1b1,2567,T1\nP2\u200b,y,M1,2567,T1\n"}
    code, out, err = run("check", str(bundle(files)), "--select", "unsafe-id", "--format", "json", "--fail-on",
                         "error")
    assert code == 1, err
    got = [(f["subject"], f["subject_kind"], f["details"]) for f in json.loads(out)["findings"]]
    assert got == [("A\x1b1", "agency", {"file": "agencies.csv", "characters": ["U+001B"]}),
                   ("P\u202e1", "project", {"file": "projects.csv", "characters": ["U+202E"]})]


_LIST_PIECES = ("Y1", "Y2", "ก1", ";", "; ", " ", "\u200b", "")


@settings(max_examples=150, deadline=None)
@given(st.lists(st.lists(st.sampled_from(_LIST_PIECES), max_size=5).map("".join), max_size=8),
       st.integers(1, 3))
def test_lists_explode_as_a_python_split_would(cells: list[str], parts: int) -> None:
    """Property: each cell's items, split on ``;`` and trimmed, blanks left out, each kept once
    where it first occurs: the single-item cells first, then the lists', each in row order; with
    the row each edge came from. The cells may come in several chunks."""
    ids = [f"P{i}" for i in range(len(cells))]
    cut = max(1, len(cells) // parts)
    chunks = [cells[i:i + cut] for i in range(0, len(cells), cut)] or [[]]
    col = pd.Series(pd.arrays.ArrowStringArray(pa.chunked_array(chunks, pa.large_string())))
    single, many = [], []
    for row, cell in enumerate(cells):
        items = list(dict.fromkeys(x for x in (clean_id(p) for p in cell.split(";")) if x))
        if ";" not in cell:
            single += [(row, cell)] if cell else []
        else:
            many += [(row, item) for item in items]
    edges, rows = explode_list_at(pd.Series(ids, dtype="str"), col, "project", "element")
    want = single + many
    assert list(zip(edges["project"].tolist(), edges["element"].tolist(), strict=True)) == \
        [(ids[r], item) for r, item in want]
    assert rows.tolist() == [r for r, _ in want]


@given(st.lists(st.one_of(st.none(), st.sampled_from(["", "a;b", ";", "ก;", "x", "กข"])), max_size=8),
       st.integers(0, 3), st.booleans())
def test_cells_holding_a_character_are_those_arrow_matches(cells: list[str | None], skip: int, large: bool) -> None:
    """Property: the cells found to hold ``;`` from the text's buffer are arrow's ``match_substring``'s,
    over sliced and chunked columns with nulls (a null holds nothing)."""
    kind = pa.large_string() if large else pa.string()
    arr = pa.chunked_array([pa.array(cells, kind), pa.array(cells[::-1], kind)], kind).slice(min(skip, len(cells)))
    want = pc.fill_null(pc.match_substring(arr, ";"), False).to_pylist()
    assert cells_holding(arr, ord(";")).tolist() == want


@given(st.lists(st.one_of(st.none(), st.text(st.sampled_from("aZ9 ~\x1f\x7f\x80ก\u200b\U0001f600\x00"), max_size=4)),
                max_size=8), st.integers(0, 3), st.booleans())
def test_cells_past_printable_ascii_are_those_with_such_a_character(cells: list[str | None], skip: int,
                                                                     large: bool) -> None:
    """Property: a cell is found when one of its characters is below a space or above ``~`` (the
    screen GK005 asks before its regex), over sliced and chunked columns with nulls."""
    kind = pa.large_string() if large else pa.string()
    arr = pa.chunked_array([pa.array(cells, kind), pa.array(cells[::-1], kind)], kind).slice(min(skip, len(cells)))
    want = [c is not None and any(not " " <= ch <= "~" for ch in c) for c in arr.to_pylist()]
    assert cells_past_printable_ascii(arr).tolist() == want


@given(st.lists(st.tuples(st.sampled_from([0, 1, 7, 2**40, -3]), st.sampled_from(["a", "b", None])), max_size=12))
def test_first_of_each_keeps_each_row_where_it_first_occurs(rows: list[tuple[int, str | None]]) -> None:
    """Property: each distinct row once, in the order rows first occur, with integers far apart and
    nulls among the text."""
    numbers, texts = [r[0] for r in rows], [r[1] for r in rows]
    table = pa.table({"n": pa.array(numbers, pa.int64()), "s": pa.array(texts, pa.string())})
    got = first_of_each(table)
    assert list(zip(got["n"].to_pylist(), got["s"].to_pylist(), strict=True)) == list(dict.fromkeys(rows))


_AMOUNT_PIECES = ("1", "0", "9", "12", "123", ",", ".", "5", "000", " ", "฿", "บาท", "-", "๑", "e+06", "nan",
                  "9999999999999999", "+")


@settings(max_examples=300, deadline=None)
@given(st.lists(st.lists(st.sampled_from(_AMOUNT_PIECES), max_size=6).map("".join), max_size=30))
@example(["1,0000", "1,2000,000", "1,20,000", "12,345.5", "0.5", "-1,000", "๑,๐๐๐", "1,000.", "999,999,999,999,999.99",
          "1,000,000,000,000,000", "9999999999999999", "0001", "1.23457E+06", ""])
def test_plain_amounts_read_by_one_cast_as_the_full_parse_reads_them(cells: list[str]) -> None:
    """Property: with the plainly written amounts told apart first (digits, grouped by threes or
    not, decimals), every cell reads as the full parse reads it, and the same cells are bad, by
    the same key: grouped wrongly, scientific, negative, past MAX_BAHT, Thai digits, noise."""
    import numpy as np

    from graphkpi.load import values

    col = pd.Series(cells, dtype=object)
    full = values._parse_written(col)
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(values, "PLAIN_FROM", 0)
        split = values._parse_money(col)
    assert np.array_equal(split[0].to_numpy(), full[0].to_numpy(), equal_nan=True)
    assert {k: v.tolist() for k, v in split[1].items()} == {k: v.tolist() for k, v in full[1].items()}


@settings(max_examples=200, deadline=None)
@given(st.lists(st.lists(st.sampled_from(_AMOUNT_PIECES), max_size=6).map("".join), max_size=30),
       st.sampled_from(["object", "str"]))
@example(["฿ 1,250,000", "฿1,250,000", "฿  1,250,000", "฿ ", "฿", "๑,๐๐๐", "", "", "1,2000,000", "-"], "str")
def test_amounts_mostly_distinct_read_in_place_as_by_distinct_values(cells: list[str], dtype: str) -> None:
    """Property: a column read cell by cell (its amounts mostly distinct: the plain ones cast in
    place, the others once a value) gives every cell's amount and every bad cell, by key and row,
    as the column read once per distinct value does; on object and arrow columns."""
    import numpy as np

    from graphkpi.load import values

    col = pd.Series(cells, dtype=dtype)
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(values, "PLAIN_FROM", 0)
        mp.setattr(values, "MOSTLY_DISTINCT", 2.0)   # never: each distinct value once
        once = values.parse_money(col)
        mp.setattr(values, "MOSTLY_DISTINCT", 0.0)   # always: cell by cell
        assert not cells or values._mostly_distinct(col)
        in_place = values.parse_money(col)
    assert np.array_equal(in_place[0].to_numpy(), once[0].to_numpy(), equal_nan=True)
    assert in_place[0].index.equals(once[0].index)
    assert {k: v.tolist() for k, v in in_place[1].items()} == {k: v.tolist() for k, v in once[1].items()}


def test_amount_columns_told_mostly_distinct_by_a_sample() -> None:
    """Each project its own amount reads cell by cell; a few amounts repeated, once a value."""
    from graphkpi.load import values

    own = pd.Series([f"{i:,}" for i in range(100_000)], dtype="str")
    repeated = pd.Series([f"{i % 5_000:,}" for i in range(100_000)], dtype="str")
    assert values._mostly_distinct(own)
    assert not values._mostly_distinct(repeated)


@given(st.lists(st.tuples(st.sampled_from(["P1", "P2", "ก", ""]), st.sampled_from(["E1", "E2", "E1 ", "ข"])),
                max_size=25), st.integers(0, 25))
def test_links_and_extra_links_merge_as_pandas_drop_duplicates(pairs: list[tuple[str, str]], cut: int) -> None:
    """Property: the rows an earlier row repeats are those pandas' ``duplicated`` finds, so the
    projects' links followed by project_links.csv's are each kept once where they first occur."""
    from graphkpi.load.values import repeated_rows

    frame = pd.DataFrame(pairs, columns=["project", "element"], dtype="str")
    table = pa.table([pa.array(frame["project"].tolist(), pa.large_string()),
                      pa.array(frame["element"].tolist(), pa.large_string())], names=["project", "element"])
    assert repeated_rows(table).tolist() == frame.duplicated().tolist()
    assert repeated_rows(table.slice(cut)).tolist() == frame.iloc[cut:].duplicated().tolist()


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(["BL01", "BL1", "BL001", "BL1x", "BL-1", "L1", "BL", "01", "1", "ก1", "ก01"]),
                          st.sampled_from([2567, 2024, 2568])), min_size=1, max_size=20))
def test_budget_line_keys_repeated_as_their_text_repeats(lines: list[tuple[str, int]]) -> None:
    """Property: lines whose codes share letters before a number are first narrowed by that number
    (``BL01`` and ``BL1`` are suspects, not twins); the lines found repeated are exactly those whose
    code text and year another line has."""
    from graphkpi.load.budget import _repeated_numbers, _repeated_pairs

    codes = pd.Series([c for c, _ in lines], dtype="str")
    years = pd.Series([y for _, y in lines])
    exact = _repeated_pairs(codes, years)
    suspects = _repeated_numbers(codes)
    if suspects is not None:
        assert not (exact & ~suspects).any()   # a repeat is always a suspect
    texts = Counter(lines)
    assert exact.tolist() == [texts[line] > 1 for line in lines]


def test_budget_line_numbers_read_after_shared_letters() -> None:
    """``BL00000001``…: the number after the letters every code starts with narrows the comparison;
    codes without such a number (or letters shared by all) are compared as text."""
    from graphkpi.load.budget import _repeated_numbers

    assert _repeated_numbers(pd.Series(["BL01", "BL02", "BL1"], dtype="str")).tolist() == [True, False, True]
    assert _repeated_numbers(pd.Series(["BL01", "BL02", "BLX0"], dtype="str")).tolist() == [False, False, True]
    assert _repeated_numbers(pd.Series(["BL01", "XL02"], dtype="str")) is None
    assert _repeated_numbers(pd.Series(["7", "007", "-7"], dtype="str")).tolist() == [True, True, True]


@given(st.lists(st.tuples(st.sampled_from(["P1", "P2", "P3", "ก"]), st.sampled_from(["E1", "E2", "ข"])), max_size=12),
       st.lists(st.tuples(st.sampled_from(["P1", "P2", "P4", "ก"]), st.sampled_from(["E1", "E2", "E3", "ข"])),
                max_size=12))
def test_links_added_by_project_links_repeat_as_all_pairs_compared(own: list[tuple[str, str]],
                                                                   added: list[tuple[str, str]]) -> None:
    """Property: with the projects' own links each once (the lists' explode keeps each pair once),
    the added links found repeated by comparing only the projects they name are those a
    comparison of every pair finds."""
    from graphkpi.load.bundle import _repeated_links
    from graphkpi.load.values import repeated_rows

    own = list(dict.fromkeys(own))
    links = pd.DataFrame(own + added, columns=["project", "element"], dtype="str")
    every = repeated_rows(pa.table([pa.array(links["project"].tolist(), pa.string()),
                                    pa.array(links["element"].tolist(), pa.string())], names=["project", "element"]))
    assert _repeated_links(links, len(own)).tolist() == every.tolist()
