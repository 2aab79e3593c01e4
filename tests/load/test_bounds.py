"""Input that would exhaust the machine is refused early, with exit code 2 and a Thai-first message.

Small hostile files with low limits (``GRAPHKPI_MAX_*``) keep the tests fast; one file of each
kind at a realistic size runs against the default limits, through click's runner and through a
real subprocess whose time and memory are measured. "Early" is checked directly: the parsers
that would have exploded (``pyarrow.csv.read_csv``, ``pandas.read_csv``, ``pandas.read_excel``) are
never called.
"""

from __future__ import annotations

import io
import json
import re
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.csv as pv
import pytest
from click.testing import CliRunner
from hypothesis import given
from hypothesis import strategies as st

from graphkpi.cli import main
from graphkpi.load.bounds import _above, column_letters
from graphkpi.load.limits import Limits
from graphkpi.synth import hostile as H
from tests.conftest import MINIMAL

REPO = Path(__file__).resolve().parents[2]


def run(*args: str, env: dict[str, str] | None = None) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args), env=env)
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture
def parsed(monkeypatch: pytest.MonkeyPatch) -> list[object]:
    """What reached the parsers: the bytes of each CSV, the path of each workbook.

    A refused file must be refused before: its bytes (or path) must not be in this list.
    """
    seen: list[object] = []
    read_csv, read_excel, read_arrow = pd.read_csv, pd.read_excel, pv.read_csv

    def spy_csv(source: object, *a: object, **k: object) -> pd.DataFrame:
        seen.append(source.getvalue() if hasattr(source, "getvalue") else source)
        return read_csv(source, *a, **k)

    def spy_arrow(source: io.RawIOBase, *a: object, **k: object) -> pa.Table:
        content = source.read()
        seen.append(content)
        return read_arrow(io.BytesIO(content), *a, **k)

    def spy_excel(source: object, *a: object, **k: object) -> object:
        seen.append(Path(source))
        return read_excel(source, *a, **k)

    monkeypatch.setattr(pd, "read_csv", spy_csv)
    monkeypatch.setattr(pd, "read_excel", spy_excel)
    monkeypatch.setattr(pv, "read_csv", spy_arrow)
    return seen


# ----------------------------------------------------------------------------- CSV, low limits

CSV_CASES = [
    # (name, env, projects.csv, expected English line, expected Thai fragment)
    ("line", {"GRAPHKPI_MAX_LINE_BYTES": "1000"},
     "id,name,agency,fiscal_year\nP1," + "ก" * 600 + ",A1,2567\n",
     "projects.csv, row 2: line longer than 1,000 bytes", "บรรทัดยาวเกิน 1,000 ไบต์"),
    ("header_width", {"GRAPHKPI_MAX_COLUMNS": "20"},
     "id,name,agency,fiscal_year" + ",x" * 30 + "\n",
     "projects.csv, row 1: 34 columns, over the limit of 20 (raise it with GRAPHKPI_MAX_COLUMNS)",
     "มี 34 คอลัมน์ เกินขีดจำกัด 20 คอลัมน์"),
    ("rows", {"GRAPHKPI_MAX_ROWS": "5"},
     "id,name,agency,fiscal_year\n" + "".join(f"P{i},x,A1,2567\n" for i in range(8)),
     "projects.csv: 8 rows, over the limit of 5 (raise it with GRAPHKPI_MAX_ROWS)", "มี 8 แถว เกินขีดจำกัด 5 แถว"),
    ("file", {"GRAPHKPI_MAX_FILE_BYTES": "1K"},
     "id,name,agency,fiscal_year\n" + "P1,x,A1,2567\n" * 100,
     "projects.csv: file is 1,327 bytes, over the limit of 1,024 (raise it with GRAPHKPI_MAX_FILE_BYTES)",
     "ไฟล์ขนาด 1,327 ไบต์ เกินขีดจำกัด 1,024 ไบต์"),
]


@pytest.mark.parametrize(("name", "env", "projects", "english", "thai"), CSV_CASES, ids=[c[0] for c in CSV_CASES])
def test_csv_over_a_limit_is_refused_before_parsing(bundle, parsed: list[object], name: str,
                                                    env: dict[str, str], projects: str, english: str,
                                                    thai: str) -> None:
    path = str(bundle({**MINIMAL, "projects.csv": projects}))
    code, out, err = run("check", path, "--lang", "en", env=env)
    assert (code, out) == (2, "") and english in err, err
    assert parsed and projects.encode() not in parsed  # the other files were read, this one was not
    code, _, err = run("check", path, env=env)
    assert code == 2 and thai in err and "ข้อผิดพลาด: ข้อมูลนำเข้าไม่ถูกต้อง" in err


def test_classic_mac_line_ends_are_lines(bundle) -> None:
    """A CR-only export (Excel's "CSV (Macintosh)") of 600 rows is 600 lines, not one line of 1,800 cells."""
    rows = "".join(f"P{i},x,A1,2567\r" for i in range(600))
    files = {**MINIMAL, "projects.csv": ("id,name,agency,fiscal_year\r" + rows).encode()}
    code, out, err = run("validate", str(bundle(files)), "--lang", "en", "-q",
                         env={"GRAPHKPI_MAX_LINE_BYTES": "100", "GRAPHKPI_MAX_CELL_CHARS": "20"})
    assert code == 0 and "projects: 600" in out, err


def test_long_cell_names_file_row_and_column(bundle) -> None:
    """A cell over the limit on one line, and one spread over several lines by quoted newlines."""
    name = "โครงการ" * 10
    split = '"' + "\n".join(["ยาว" * 10] * 4) + '"'
    files = {**MINIMAL, "projects.csv": f"id,name,agency,fiscal_year\nP1,{name},A1,2567\nP2,{split},A1,2567\n"
                                        "P3,สั้น,A1,2567\n"}
    code, _, err = run("validate", str(bundle(files)), "--lang", "en", env={"GRAPHKPI_MAX_CELL_CHARS": "60"})
    assert code == 2
    assert "projects.csv, row 2, column 'name': 70 characters, over the limit of 60" in err
    assert "projects.csv, row 3, column 'name': 123 characters, over the limit of 60" in err
    assert "row 4" not in err
    code, _, _ = run("validate", str(bundle(files)), "--lang", "en", env={"GRAPHKPI_MAX_CELL_CHARS": "123"})
    assert code == 0


def test_bad_limit_value_names_the_variable(bundle) -> None:
    code, _, err = run("check", str(bundle(MINIMAL)), "--lang", "en", env={"GRAPHKPI_MAX_ROWS": "lots"})
    assert code == 2 and "GRAPHKPI_MAX_ROWS: this variable must be a positive whole number" in err
    code, _, err = run("check", str(bundle(MINIMAL)), env={"GRAPHKPI_MAX_ROWS": "-3"})
    assert code == 2 and "GRAPHKPI_MAX_ROWS: ค่าของตัวแปรนี้ต้องเป็นจำนวนเต็มบวก" in err


def test_limits_read_from_the_environment() -> None:
    limits = Limits.from_env({"GRAPHKPI_MAX_LINE_BYTES": "2M", "GRAPHKPI_MAX_ROWS": "12", "OTHER": "x"})
    assert (limits.line_bytes, limits.rows, limits.columns) == (2 << 20, 12, Limits().columns)


def test_realistic_one_line_csv_with_default_limits(tmp_path: Path, parsed: list[object]) -> None:
    """4 MB of ``a,``: two million columns in the header, refused from its first line."""
    folder = H.one_line_csv(tmp_path / "b", 4 << 20)
    code, _, err = run("check", str(folder), "--lang", "en")
    assert code == 2 and "projects.csv, row 1: 2,097,153 columns, over the limit of 500" in err
    assert all(len(p) < 1000 for p in parsed)  # elements.csv only


# ----------------------------------------------------------------------------- xlsx

def test_declared_shared_strings_are_refused_before_reading(tmp_path: Path, parsed: list[object]) -> None:
    """2 million declared strings in an 85 KB file; the default limit is 10 million, so lower it."""
    path = H.many_shared_strings(tmp_path / "s.xlsx", 2_000_000)
    code, _, err = run("check", str(path), "--lang", "en", env={"GRAPHKPI_MAX_SHARED_STRINGS": "1M"})
    assert code == 2
    assert err.splitlines()[1:] == ["  s.xlsx: 2,000,000 shared strings, over the limit of 1,048,576 (raise it "
                                    "with GRAPHKPI_MAX_SHARED_STRINGS)"]
    assert parsed == []


def test_undeclared_shared_strings_are_counted(tmp_path: Path, parsed: list[object]) -> None:
    path = H.many_shared_strings(tmp_path / "s.xlsx", 5000, declare=False)
    code, _, err = run("check", str(path), env={"GRAPHKPI_MAX_SHARED_STRINGS": "1000"})
    assert code == 2 and "s.xlsx: มีข้อความที่ไม่ซ้ำกัน (shared strings) 5,000+ รายการ เกินขีดจำกัด 1,000" in err
    assert parsed == []


def test_declared_dimension_to_xfd_is_refused(tmp_path: Path, parsed: list[object]) -> None:
    """A realistic-size sheet (100,000 rows reaching XFD, 0.5 MB) against the default limits."""
    path = H.rows_to_column(tmp_path / "x.xlsx", 100_000)
    code, _, err = run("check", str(path), "--lang", "en")
    assert code == 2
    assert "x.xlsx[projects], column 'XFD': 16,384 columns, over the limit of 500" in err
    assert "required sheet" not in err and parsed == []


def test_undeclared_far_column_names_its_cell(tmp_path: Path, parsed: list[object]) -> None:
    path = H.rows_to_column(tmp_path / "x.xlsx", 50, column="AB", declare=False)
    code, _, err = run("check", str(path), "--lang", "en", env={"GRAPHKPI_MAX_COLUMNS": "27"})
    assert code == 2 and "x.xlsx[projects], row 2, column 'AB': 28 columns, over the limit of 27" in err
    assert parsed == []
    code, _, err = run("check", str(path), "--lang", "en", env={"GRAPHKPI_MAX_COLUMNS": "28"})
    assert "columns, over the limit" not in err


def test_wide_rows_of_cells_without_references_are_refused(tmp_path: Path, parsed: list[object]) -> None:
    """Cells without r="" widen a row as far letters do: 1,000 rows of 16,384 such cells (1.8 MB)
    ran openpyxl past 400 s; the column limit now counts them."""
    wide = "<row>" + '<c t="inlineStr"><is><t>x</t></is></c>' * 16_384 + "</row>"
    path = H.write_workbook(tmp_path / "w.xlsx", {"elements": H.rows_xml(H.csv_rows(H.ELEMENTS)),
                                                  "projects": [*H.rows_xml(H.csv_rows(H.PROJECTS)), *[wide] * 1_000]})
    code, _, err = run("check", str(path), "--lang", "en")
    assert code == 2 and "w.xlsx[projects]: 16,384+ columns, over the limit of 500" in err
    assert parsed == []
    narrow = "<row>" + '<c t="inlineStr"><is><t>x</t></is></c>' * 4 + "</row>"  # the near miss: as wide as the header
    path = H.write_workbook(tmp_path / "n.xlsx", {"elements": H.rows_xml(H.csv_rows(H.ELEMENTS)),
                                                  "projects": [*H.rows_xml(H.csv_rows(H.PROJECTS)), narrow]})
    code, _, err = run("check", str(path), "--lang", "en", env={"GRAPHKPI_MAX_COLUMNS": "4"})
    assert "columns, over the limit" not in err


def test_far_row_number_is_refused(tmp_path: Path, parsed: list[object]) -> None:
    """One row numbered 50 million: openpyxl would yield 50 million empty rows before it."""
    far = '<row r="50000000"><c r="A50000000" t="inlineStr"><is><t>P9</t></is></c></row>'
    path = H.write_workbook(tmp_path / "r.xlsx", {"elements": H.rows_xml(H.csv_rows(H.ELEMENTS)),
                                                  "projects": [*H.rows_xml(H.csv_rows(H.PROJECTS)), far]})
    code, _, err = run("check", str(path), "--lang", "en")
    assert code == 2 and "r.xlsx[projects], row 50000000: 49,999,999+ rows, over the limit of 10,000,000" in err
    assert parsed == []


def test_too_many_cells_and_uncompressed_size(tmp_path: Path, parsed: list[object]) -> None:
    rows = [["P1", "x", "A1", "2567"]] * 60
    path = H.write_workbook(tmp_path / "c.xlsx", {"elements": H.rows_xml(H.csv_rows(H.ELEMENTS)),
                                                  "projects": H.rows_xml([H.PROJECTS[0].split(","), *rows])})
    code, _, err = run("check", str(path), "--lang", "en", env={"GRAPHKPI_MAX_CELLS": "200"})
    assert code == 2 and "c.xlsx[projects]: 244+ cells, over the limit of 200" in err
    code, _, err = run("check", str(path), "--lang", "en", env={"GRAPHKPI_MAX_XLSX_BYTES": "4K"})
    assert code == 2 and "c.xlsx: the workbook uncompresses to" in err and "over the limit of 4,096" in err
    assert parsed == []


def test_sheets_graphkpi_does_not_read_are_never_opened(tmp_path: Path) -> None:
    """A notes sheet reaching XFD does not matter: only the contract's sheets are read."""
    far = (f'<row r="{r}"><c r="XFD{r}" t="inlineStr"><is><t>x</t></is></c></row>' for r in range(1, 1000))
    path = H.write_workbook(tmp_path / "n.xlsx", {"elements": H.rows_xml(H.csv_rows(H.ELEMENTS)),
                                                  "projects": H.rows_xml(H.csv_rows(H.PROJECTS)), "notes": far},
                            dimensions={"notes": "A1:XFD1000"})
    code, out, err = run("validate", str(path), "--lang", "en", "-q")
    assert code != 2 and "projects: 1" in out, err  # 1: GK001, its agency A1 is not in the bundle


def test_a_pandas_workbook_still_loads(tmp_path: Path) -> None:
    path = tmp_path / "ok.xlsx"
    with pd.ExcelWriter(path, engine="openpyxl") as xw:
        pd.DataFrame({"id": ["Z1"], "level": ["strategy"], "name": ["ยุทธ"]}).to_excel(xw, sheet_name="elements",
                                                                                     index=False)
        pd.DataFrame({"id": ["P1"], "name": ["ก"], "agency": ["A1"], "fiscal_year": [2567]}).to_excel(
            xw, sheet_name="projects", index=False)
    code, out, err = run("validate", str(path), "-q", "--lang", "en",
                         env={"GRAPHKPI_MAX_COLUMNS": "4", "GRAPHKPI_MAX_ROWS": "1"})
    assert code != 2 and "projects: 1" in out, err


@pytest.mark.parametrize(("limit", "letters"), [(26, "Z"), (27, "AA"), (500, "SF"), (702, "ZZ"), (16384, "XFD")])
def test_column_letters_and_the_regex_above_them(limit: int, letters: str) -> None:
    import re

    assert column_letters(limit) == letters
    above = re.compile(_above(letters, "ABCDEFGHIJKLMNOPQRSTUVWXYZ") + "$")
    for n in (limit - 1, limit, limit + 1, limit + 27, 1, 18278):
        if n >= 1:
            assert bool(above.match(column_letters(n))) == (n > limit), n


@pytest.mark.parametrize("bound", ["1", "9", "10", "99", "1000001", "10000001"])
def test_row_numbers_above_a_bound(bound: str) -> None:
    import re

    above = re.compile(_above(bound, "0123456789") + "$")
    for n in (1, int(bound) - 1, int(bound), int(bound) + 1, int(bound) * 10, 99999999999):
        if n >= 1:
            assert bool(above.match(str(n))) == (n > int(bound)), n


# ----------------------------------------------------------------------------- real processes

HOSTILE = [
    ("csv", lambda d: H.one_line_csv(d / "b", 16 << 20), "projects.csv, row 1: line longer than 8,388,608 bytes"),
    ("shared_strings", lambda d: H.many_shared_strings(d / "s.xlsx", 12_000_000),
     "s.xlsx: 12,000,000 shared strings, over the limit of 10,000,000"),
    ("xfd", lambda d: H.rows_to_column(d / "x.xlsx", 100_000),
     "x.xlsx[projects], column 'XFD': 16,384 columns, over the limit of 500"),
]


PEAK_OF_CHILD = ("import json, resource, subprocess, sys\n"
                 "code = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL).returncode\n"
                 "print(json.dumps([code, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss]))\n")


@pytest.mark.parametrize(("kind", "build", "expect"), HOSTILE, ids=[h[0] for h in HOSTILE])
def test_hostile_files_stop_early_in_a_real_process(tmp_path: Path, kind: str, build, expect: str) -> None:
    """The real CLI, default limits: exit 2, the message, in little memory (refused before any parse;
    the ``parsed`` tests above show that without timing anything)."""
    path = build(tmp_path)
    err_path = tmp_path / "stderr.txt"
    with open(err_path, "wb") as err:
        # A small interpreter runs the command and reports its peak memory: a child forked from this
        # test process would count the test process's own memory (Linux keeps it across exec).
        report = subprocess.run([sys.executable, "-c", PEAK_OF_CHILD, sys.executable, "-m", "graphkpi", "check",
                                 str(path), "--lang", "en"], stdout=subprocess.PIPE, stderr=err, cwd=REPO, check=True)
    code, peak_kb = json.loads(report.stdout)
    stderr = err_path.read_text(encoding="utf-8")
    assert code == 2 and "Traceback" not in stderr, stderr
    assert expect in stderr
    assert peak_kb / 1024 < 400, peak_kb  # MB: the interpreter and pandas alone are ~150


SHAPES = [b"", b"  \r\n\t", b"id,name\nP1,a\n", b"id,name\r\nP1,a", b"id,name\rP1,a\r", b"\xef\xbb\xbfid,name\n" * 3,
          b"id,name\n" + b"x" * 300 + b"\nP1,b\n", b"a,b\n\n\r\nc,d\n", b"a,b\x00\n"]


@pytest.mark.parametrize("data", SHAPES)
def test_shape_checks_read_a_memory_map_as_they_read_bytes(tmp_path: Path, data: bytes) -> None:
    """The loader scans a file through ``mmap`` (no copy of 0.7 GB); every answer is the one the
    same bytes give."""
    import mmap

    from graphkpi.load.bounds import all_space, check_csv, first_long_line, newline
    from graphkpi.load.sources import _mapped, arrow_width

    limits = Limits(line_bytes=100, rows=2, columns=1)
    path = tmp_path / "f.csv"
    path.write_bytes(data)
    with path.open("rb") as fh, _mapped(fh) as mapped:
        assert isinstance(mapped, mmap.mmap) == bool(data)
        for view in (data, mapped):
            problems: list = []
            got = (all_space(view), newline(view), check_csv(view, "f.csv", limits, problems),
                   [p.key for p in problems], first_long_line(view, 5, newline(view)), arrow_width(view))
            if view is data:
                want = got
        assert got == want
    assert want[0] == (not data.strip())


@pytest.mark.parametrize("data", [
    b"id,name\nP1,a\nP2,b\n",
    b"id,name\r\nP1,a\r\nP2,b",                  # CRLF, no final newline
    b"id,name\rP1,a\r\nP2,b\r",                  # lone CRs, one at the very end
    b"id\tname\nP1\t\x00a\nP2\tb\n",             # tabs (also control bytes) and a NUL
    b"",
    "id,name\nP1,โครงการ\rหนึ่ง\n".encode(),
])
@pytest.mark.parametrize("scan", [1, 3, 1 << 20])
def test_one_pass_over_control_bytes_finds_what_the_three_scans_find(monkeypatch, data: bytes, scan: int) -> None:
    """Line ends, lone CRs and NUL from one pass, chunk edges anywhere (a CR ending one chunk
    before the LF starting the next), as :func:`line_ends`, :func:`lone_crs` and a search find
    them; past the row limit, nothing, as :func:`line_ends`."""
    from graphkpi.load import bounds

    monkeypatch.setattr(bounds, "SCAN", scan)
    found = bounds.controls(data, 100)
    assert found is not None
    assert found.ends.tolist() == bounds.line_ends(data, 100).tolist() == [i for i, b in enumerate(data) if b == 10]
    lone = [m.start() for m in re.finditer(rb"\r(?!\n)", data)]
    assert found.lone_crs.tolist() == bounds.lone_crs(data).tolist() == lone
    assert bounds.count_byte(data, b"\n") == data.count(b"\n")
    assert bounds.all_space(data) == (not data.strip()) == bounds.all_space(b" \t" * len(data) + data)
    assert bounds.count_byte(data, b"\r", 4) == data[:4].count(b"\r")
    assert found.nul == (b"\x00" in data)
    if data.count(b"\n"):
        assert bounds.controls(data, data.count(b"\n") - 1) is None   # one line end past the limit


@given(st.lists(st.booleans(), max_size=70))
def test_true_cells_found_eight_at_a_time_are_flatnonzero_s(cells: list[bool]) -> None:
    """Any length (a tail past the last whole word), any density, a true cell at either end of a word."""
    import numpy as np

    from graphkpi.load.bounds import _sparse_hits

    mask = np.array(cells, dtype=bool)
    found = _sparse_hits(mask, np.empty(len(mask) // 8, dtype=bool))
    assert found.tolist() == np.flatnonzero(mask).tolist()


@given(st.lists(st.sampled_from([b"a", b"\xe0\xb8\x81", b",", b"\r", b"\n", b"\r\n"]), max_size=40).map(b"".join),
       st.integers(0, 12))
def test_the_longest_line_from_the_line_ends_answers_as_the_search_does(data: bytes, limit: int) -> None:
    """Property: a file has no line longer than ``limit`` bytes by :func:`first_long_line`'s
    search exactly when the longest line its line ends give is at most ``limit``."""
    from graphkpi.load.bounds import first_long_line, line_ends, longest_line

    ends = line_ends(data, len(data) + 1)
    assert ends is not None
    assert (first_long_line(data, limit) is None) == (longest_line(ends, len(data)) <= limit)
