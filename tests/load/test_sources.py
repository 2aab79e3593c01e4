"""Reading one file whole: a file of one row per line is parsed by lines (every core from its
start), and reads exactly as the parse that lets a cell span lines."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from graphkpi.load import Problem, sources
from graphkpi.load.limits import Limits
from graphkpi.load.schema import FILES

LINES = FILES["budget_lines"]
HEADER = "code,project,fiscal_year,amount,disbursed\n"


def _read(path: Path, by_lines: bool, monkeypatch: pytest.MonkeyPatch) -> tuple[object, list[str]]:
    """The table read from ``path`` (its header, cells, encoding, rows) and its problems, parsed by
    lines wherever allowed (``by_lines``) or never."""
    monkeypatch.setattr(sources, "BY_LINES_FROM", 0 if by_lines else 1 << 62)
    problems: list[Problem] = []
    table = sources._read_csv(path, LINES, Limits(), problems)
    shown = None if table is None else (list(table.frame.columns), table.frame.to_numpy(dtype=object).tolist(),
                                        table.encoding, None if table.rows is None else list(table.rows))
    return shown, [p.message for p in problems]


def _calls(monkeypatch: pytest.MonkeyPatch) -> list[tuple[int, ...]]:
    """The ``include`` of every parse by lines made from now on."""
    calls: list[tuple[int, ...]] = []
    real = sources.parse_lines_natively

    def spy(*args, **kwargs):
        calls.append(args[-1])
        return real(*args, **kwargs)
    monkeypatch.setattr(sources, "parse_lines_natively", spy)
    return calls


def test_a_file_of_one_row_per_line_is_parsed_by_lines(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "budget_lines.csv"
    path.write_text(HEADER + '1,P1,2567,"1,000",\n2,P2,2567,500," "\n', encoding="utf-8")
    calls = _calls(monkeypatch)
    by_lines = _read(path, True, monkeypatch)
    assert calls == [()]   # every column
    assert by_lines == _read(path, False, monkeypatch)
    assert by_lines[0][1] == [["1", "P1", "2567", "1,000", ""], ["2", "P2", "2567", "500", " "]]


@pytest.mark.parametrize(("body", "tried"), [
    ('1,P1,2567,"1\n000",\n2,P2,2567,500,\n', True),   # a cell over two lines: fewer rows than lines
    ("1,P1,2567,1000,\n\n2,P2,2567,500,\n", True),      # an empty line, which the readers skip
    ('1,P1,2567,1000,\n2,P2,2567,"500,\n', True),       # a quote the last line leaves open
    ("1,P1,2567,1000,\r2,P2,2567,500,\n", False),       # a lone CR, which ends a row but not a line
    ("1,P1,2567,1000,\r\n2,P2,2567,500,\r\n", True),    # CRLF line ends: by lines too
])
def test_other_files_are_read_as_before(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, body: str,
                                        tried: bool) -> None:
    """The near misses: the parse by lines is not tried (a lone CR), or arrow reads it as the
    parse that lets cells span lines would, or refuses it and that parse reads it."""
    path = tmp_path / "budget_lines.csv"
    path.write_bytes((HEADER + body).encode())
    calls = _calls(monkeypatch)
    assert _read(path, True, monkeypatch) == _read(path, False, monkeypatch)
    assert bool(calls) == tried


def test_a_small_file_is_not_parsed_by_lines(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "budget_lines.csv"
    path.write_text(HEADER + "1,P1,2567,1000,\n", encoding="utf-8")
    calls = _calls(monkeypatch)
    sources._read_csv(path, LINES, Limits(), [])
    assert calls == []   # below BY_LINES_FROM: the second open and the last line's parse are not worth it


CELL = st.sampled_from(["1", "P1", "ก", "", " ", '"a,b"', '"x""y"', '"a\nb"', '"', "2567", "\t"])


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(rows=st.lists(st.lists(CELL, min_size=4, max_size=6), max_size=6),
       ends=st.sampled_from(["\n", "\r\n", "\r"]), last=st.booleans())
def test_by_lines_or_not_the_file_reads_alike(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                              rows: list[list[str]], ends: str, last: bool) -> None:
    """Property: whatever the rows (ragged, quoted, cells over lines, any line ends, a final line
    end or none), the table and the problems are those of the parse that lets cells span lines."""
    text = HEADER + ends.join(",".join(row) for row in rows) + (ends if last else "")
    path = tmp_path / "budget_lines.csv"
    path.write_bytes(text.encode())
    assert _read(path, True, monkeypatch) == _read(path, False, monkeypatch)


@pytest.mark.parametrize("every", [997, 50_000])
def test_cells_over_lines_in_a_large_file_read_alike(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                     every: int) -> None:
    """A file of several of arrow's blocks (1 MB) with a cell over two lines now and then, some
    where a block ends: whatever arrow makes of each block, the table is the one read whole."""
    rows = [f'{i},P{i},2567,"{i}\n000",' if i % every == 0 else f"{i},P{i},2567,{i},{i}" for i in range(1, 120_000)]
    path = tmp_path / "budget_lines.csv"
    path.write_text(HEADER + "\n".join(rows) + "\n", encoding="utf-8")
    by_lines = _read(path, True, monkeypatch)
    assert by_lines == _read(path, False, monkeypatch)
    assert len(by_lines[0][1]) == 119_999 and by_lines[0][1][every - 1][3] == f"{every}\n000"


@pytest.mark.parametrize("apart_from", [1, 1 << 40])
def test_a_file_s_map_is_let_go_after_the_block_by_a_thread_when_large(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                                       apart_from: int) -> None:
    """A large map is unmapped by a thread of its own (the parse after it need not wait), a small
    one at once; a view still held when the block ends (an error on its way up) leaves it mapped,
    and no error replaces the one on its way."""
    import threading

    closed_by: list[str] = []
    close = sources._close

    def recorded(data: object) -> None:
        closed_by.append(threading.current_thread().name)
        close(data)

    monkeypatch.setattr(sources, "UNMAP_APART_FROM", apart_from)
    monkeypatch.setattr(sources, "cores", lambda: 2)
    monkeypatch.setattr(sources, "_close", recorded)
    path = tmp_path / "projects.csv"
    path.write_bytes(b"id,name\nP1,x\n" * 100)
    for held in (False, True):
        with path.open("rb") as fh, sources._mapped(fh) as data:
            view = memoryview(data) if held else None
        for thread in [t for t in threading.enumerate() if t.name == "graphkpi-unmap"]:
            thread.join()
        assert data.closed != held
        if view is not None:
            view.release()
            data.close()
    expected = "graphkpi-unmap" if apart_from == 1 else threading.current_thread().name
    assert closed_by == [expected, expected]
