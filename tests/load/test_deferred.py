"""projects.csv loaded without its free text: names read again from each project's line.

Each case shows when the loader may leave columns in the file (one row per line, no lone CR, all
UTF-8) and the near-miss where it must parse them all; the names come out the same either way.
"""

from __future__ import annotations

import dataclasses
import os
from pathlib import Path

import numpy as np
import pyarrow.csv as pv
import pytest

from graphkpi.load import BundleError, load_bundle
from tests.conftest import write_bundle

ELEMENTS = "id,level,name,parents\nZ1,strategy,ยุทธศาสตร์,\nT1,sub_target,เป้าหมาย,Z1\n"
HEADER = "id,name,agency,fiscal_year,links,objective\n"
ROWS = ['P1,โครงการหนึ่ง,A1,2567,T1,เพื่อหนึ่ง', 'P2,"โครงการ, สอง",A1,2567,T9,"เพื่อ ""สอง"""',
        'P3,โครงการสาม,A1,2567,,', ' P4 ,โครงการสี่,A1,2567,T1,']


def _bundle(tmp_path: Path, projects: str | bytes) -> Path:
    return write_bundle(tmp_path, {"elements.csv": ELEMENTS, "projects.csv": projects})


def _names(path: Path) -> tuple[dict[str, str], dict[str, str], bool]:
    full, lean = load_bundle(path), load_bundle(path, text=False)
    ids = [*full.projects.index, "missing"]
    return full.names(ids), lean.names(ids), lean.deferred is not None


@pytest.mark.parametrize("newline", ["\n", "\r\n"])
@pytest.mark.parametrize("last_newline", [True, False])
def test_names_of_a_file_of_one_row_per_line(tmp_path: Path, newline: str, last_newline: bool) -> None:
    text = newline.join([HEADER.strip(), *ROWS]) + (newline if last_newline else "")
    full, lean, deferred = _names(_bundle(tmp_path, "\ufeff" + text))
    assert deferred
    assert lean == full and full["P2"] == "โครงการ, สอง" and full["P4"] == "โครงการสี่"


@pytest.mark.parametrize("last_newline", [True, False])
def test_names_read_by_seek_and_read_where_there_is_no_pread(tmp_path: Path, monkeypatch, last_newline: bool) -> None:
    """Windows has no ``os.pread``: each line is read after a seek, to the same names, the last
    line's too (with and without its newline)."""
    text = "\n".join([HEADER.strip(), *ROWS]) + ("\n" if last_newline else "")
    path = _bundle(tmp_path, text)
    full = load_bundle(path).names(["P1", "P2", "P4", "missing"])
    monkeypatch.delattr(os, "pread")
    lean = load_bundle(path, text=False)
    assert lean.deferred is not None
    assert lean.names(["P1", "P2", "P4", "missing"]) == full and full["P4"] == "โครงการสี่"


@pytest.mark.parametrize(("why", "projects"), [
    ("a name over two lines", HEADER + ROWS[0] + '\nP2,"โครงการ\nสอง",A1,2567,T1,\n'),
    ("a blank line", HEADER + ROWS[0] + "\n\n" + ROWS[2] + "\n"),
    ("a lone CR in a quoted name", HEADER + ROWS[0] + '\nP2,"โครงการ\rสอง",A1,2567,T1,\n'),
])
def test_files_whose_rows_are_not_lines_are_parsed_whole(tmp_path: Path, why: str, projects: str) -> None:
    full, lean, deferred = _names(_bundle(tmp_path, projects))
    assert not deferred, why
    assert lean == full


@pytest.mark.parametrize("shift", range(-3, 4))
def test_a_name_over_two_lines_at_a_block_s_end_is_parsed_whole(tmp_path: Path, monkeypatch, shift: int) -> None:
    """The lean parse lets arrow cut the file into blocks at any line end (no quote-aware scan).
    A quoted line break inside a block leaves fewer rows than lines; one where a block ends, or
    just around it, is refused by arrow or read whole: every way, the file is parsed as a whole and
    reads as the full load reads it."""
    from graphkpi.load import sources

    rows = [f"P{i},โครงการที่ {i},A1,2567,T1,เพื่อ {i}" for i in range(300)]
    rows[150] = 'P150,"โครงการ\nสองบรรทัด",A1,2567,T9,'
    text = HEADER + "\n".join(rows) + "\n"
    cut = text.encode().index("โครงการ\nสอง".encode()) + len("โครงการ\n".encode())   # just after the break
    monkeypatch.setattr(sources, "_ARROW_READ", pv.ReadOptions(autogenerate_column_names=True, block_size=cut + shift))
    path = _bundle(tmp_path, text)
    full, lean = load_bundle(path), load_bundle(path, text=False)
    assert lean.deferred is None
    assert lean.names(list(full.projects.index)) == full.names(list(full.projects.index))
    assert full.names(["P150"]) == {"P150": "โครงการ\nสองบรรทัด"}
    assert lean.links.equals(full.links) and lean.projects["agency"].equals(full.projects["agency"])


@pytest.mark.parametrize("last_newline", [True, False])
def test_a_quote_left_open_on_the_last_line_is_read_as_before(tmp_path: Path, last_newline: bool) -> None:
    """The lean parse reads the file without a guard row after it (arrow opens it itself), so the
    last line is read apart with one: a quote it leaves open is found there, and the file is read
    whole, as the full load reads it (the near miss: the same quote closed)."""
    for closed in (False, True):   # in the last cell: arrow reads one row all the same, the newline in it
        last = 'P9,โครงการเก้า,A1,2567,T1,"เพื่อเก้า' + ('"' if closed else "")
        path = _bundle(tmp_path / str(closed), HEADER + "\n".join([*ROWS, last]) + ("\n" if last_newline else ""))
        try:
            full = load_bundle(path)
        except BundleError as exc:
            with pytest.raises(BundleError) as lean_exc:
                load_bundle(path, text=False)
            assert not closed and [p.key for p in lean_exc.value.problems] == [p.key for p in exc.problems]
            continue
        lean = load_bundle(path, text=False)
        assert (lean.deferred is not None) == closed
        ids = list(full.projects.index)
        assert lean.names(ids) == full.names(ids)
        assert not closed or full.names(["P9"]) == {"P9": "โครงการเก้า"}


def test_a_file_replaced_while_it_is_read_is_read_from_the_first(tmp_path: Path, monkeypatch) -> None:
    """Arrow opens the file again by its name for the lean parse: when another file (as many lines,
    another agency) has taken that name since the loader opened it, the one it opened is read, whole."""
    import pyarrow as pa

    from graphkpi.load import sources

    path = _bundle(tmp_path, HEADER + "\n".join(ROWS) + "\n")
    projects = path / "projects.csv"
    real = pa.OSFile

    def replacing(name: str, *args: object) -> pa.NativeFile:
        newer = projects.with_name("newer.csv")
        newer.write_text(HEADER + "\n".join(r.replace(",A1,", ",A2,") for r in ROWS) + "\n", encoding="utf-8")
        os.replace(newer, projects)
        return real(name, *args)

    monkeypatch.setattr(sources.pa, "OSFile", replacing)
    lean = load_bundle(path, text=False)
    monkeypatch.undo()
    assert lean.deferred is None
    assert list(lean.projects.index) == ["P1", "P2", "P3", "P4"] and set(lean.projects["agency"]) == {"A1"}
    assert lean.names(["P1"]) == {"P1": "โครงการหนึ่ง"}


def test_a_file_that_is_not_utf8_is_read_as_before(tmp_path: Path) -> None:
    """Windows Thai (cp874) in the names only: arrow would accept the columns it parses, so the
    loader checks the whole file before leaving the names in it."""
    path = _bundle(tmp_path, (HEADER + "\n".join(ROWS) + "\n").encode("cp874"))
    full, lean, deferred = _names(path)
    assert not deferred
    assert lean == full and full["P1"] == "โครงการหนึ่ง"


def test_a_semicolon_file_and_a_cut_graph(tmp_path: Path) -> None:
    text = "id;name;agency;fiscal_year;links\nP1;โครงการ;หนึ่ง;A1;2567;T1\n".replace(";หนึ่ง", "")
    text += "P2;โครงการสอง;A1;2567;T1\nP3;โครงการสาม;A1;2567;T1\n"
    lean = load_bundle(_bundle(tmp_path, text), text=False)
    assert lean.deferred is not None
    cut = dataclasses.replace(lean, projects=lean.projects.iloc[[2, 0]])   # a slice: rows are not the file's
    assert cut.names(["P3", "P1"]) == {"P3": "โครงการสาม", "P1": "โครงการ"}
    assert cut.name_of("P3") == "โครงการสาม"


@pytest.mark.parametrize("wrong", ["reversed", "one line off"])
def test_lines_out_of_step_fall_back_to_the_whole_file(tmp_path: Path, wrong: str) -> None:
    """Lines that are not the rows' (a wrong line table) carry other ids: the file is read whole."""
    lean = load_bundle(_bundle(tmp_path, HEADER + "\n".join(ROWS) + "\n"), text=False)
    assert lean.deferred is not None
    ends = lean.deferred.ends
    lean.deferred.ends = ends[::-1].copy() if wrong == "reversed" else np.r_[ends[1:], ends[-1]]
    assert lean.names(["P2", "P4"]) == {"P2": "โครงการ, สอง", "P4": "โครงการสี่"}


def test_a_file_changed_after_the_load_is_bad_input(tmp_path: Path) -> None:
    path = _bundle(tmp_path, HEADER + "\n".join(ROWS) + "\n")
    lean = load_bundle(path, text=False)
    projects = path / "projects.csv"
    projects.write_text(HEADER + "\n".join(reversed(ROWS)) + "\n", encoding="utf-8")
    os.utime(projects, ns=(0, 0))
    with pytest.raises(BundleError) as exc:
        lean.names(["P1"])
    assert [p.key for p in exc.value.problems] == ["changed_while_reading"]


def test_check_says_so_and_writes_nothing_when_the_file_changed(tmp_path: Path, monkeypatch) -> None:
    from click.testing import CliRunner

    from graphkpi.cli import main
    from graphkpi.load.deferred import DeferredColumns
    from graphkpi.load.errors import problem

    def changed(self: DeferredColumns) -> None:
        raise BundleError([problem(self.label, None, None, "changed_while_reading")])

    monkeypatch.setattr(DeferredColumns, "_unchanged", changed)
    path = _bundle(tmp_path, HEADER + "\n".join(ROWS) + "\n")
    out = tmp_path / "findings.json"
    result = CliRunner().invoke(main, ["check", str(path), "--select", "GK1", "-o", str(out), "--lang", "en"])
    assert result.exit_code == 2
    assert "projects.csv: the file changed while graphkpi was reading it" in result.stderr
    assert not out.exists()
    assert CliRunner().invoke(main, ["check", str(path), "--select", "GK301", "-o", str(out)]).exit_code == 0


@pytest.mark.parametrize("rows", [2, 3, 4])
def test_the_row_limit_holds_when_the_lines_are_kept(tmp_path: Path, monkeypatch, rows: int) -> None:
    """The line table is not built past the row limit: the file is refused as it always was."""
    monkeypatch.setenv("GRAPHKPI_MAX_ROWS", str(rows))
    path = _bundle(tmp_path, HEADER + "\n".join(ROWS) + "\n")
    for text in (True, False):
        if rows >= len(ROWS):
            assert load_bundle(path, text=text).projects.shape[0] == len(ROWS)
            continue
        with pytest.raises(BundleError) as exc:
            load_bundle(path, text=text)
        assert [p.key for p in exc.value.problems] == ["too_many_rows"]
