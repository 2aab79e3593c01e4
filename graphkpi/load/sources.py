"""Read a bundle's raw tables from a folder of CSV files or one ``.xlsx`` workbook.

Every cell is read as text (ids such as ``050101`` keep their leading zeros); headers are
matched case-insensitively. Problems are appended to the caller's list rather than raised,
so one run reports every missing file, column and unreadable file at once.
"""

from __future__ import annotations

import codecs
import contextlib
import csv
import io
import mmap
import os
import re
import threading
import warnings
import zipfile
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import BinaryIO

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pv

from graphkpi.load.bounds import (
    Buffer,
    all_space,
    check_csv,
    check_workbook,
    controls,
    empty_lines,
    first_long_line,
    lone_crs,
    long_cells,
    longest_line,
    newline,
    over,
    sheet_marks,
    sheet_names,
)
from graphkpi.load.deferred import DeferredColumns, Signature
from graphkpi.load.encoding import detect, first_line, valid_utf8
from graphkpi.load.errors import Problem, problem
from graphkpi.load.headers import SEPARATOR_NAMES, column_of, near, nearest_spelling, separator
from graphkpi.load.limits import Limits
from graphkpi.load.prefetch import identity, utf8_answer
from graphkpi.load.schema import FILES, FileSpec
from graphkpi.load.values import arrow_strings, clean_header, text_series
from graphkpi.parallel import cores

HEADER_ROW = 1
_RAGGED = re.compile(r"Expected (\d+) fields in line (\d+), saw (\d+)")


@dataclass
class RawTable:
    """A table as read: text cells, normalised headers, and where it came from."""

    spec: FileSpec
    frame: pd.DataFrame
    label: str  # file name shown in messages, e.g. "projects.csv" or "bundle.xlsx[projects]"
    encoding: str = ""
    deferred: DeferredColumns | None = None   # columns left in the file (graphkpi.load.deferred)
    rows: np.ndarray | None = None   # each record's spreadsheet row, when it is not its position + 2
    hidden: tuple[int, ...] = ()     # rows of data hidden in the sheet (read like the others)
    written: dict[str, str] = field(default_factory=dict)   # column → its header as written, when other

    @property
    def columns(self) -> list[str]:
        """Every column of the file: those parsed, then those left in it."""
        return [*self.frame.columns, *(self.deferred.columns if self.deferred else ())]

    def row_number(self, index: int) -> int:
        """Spreadsheet row of data row ``index`` (0-based), the header being row 1: the row a
        spreadsheet shows it on, where empty lines and skipped blank rows count too."""
        return int(self.rows[index]) if self.rows is not None else index + HEADER_ROW + 1

    def drop(self, gone: np.ndarray) -> None:
        """Leave out the records where ``gone`` (a mask) is true; every other keeps its row number."""
        rows = self.rows if self.rows is not None else np.arange(len(self.frame)) + HEADER_ROW + 1
        self.frame, self.rows = self.frame[~gone].reset_index(drop=True), rows[~gone]


def drop_blank_records(table: RawTable) -> None:
    """Leave out the records whose every cell is blank, keeping each other record's row.

    A sheet saved as CSV keeps the rows someone formatted or cleared as ``,,,,``, and a
    workbook keeps empty rows between blocks: rows with nothing in them say nothing, and
    reporting each of their required cells as missing would bury what is really wrong. Only
    records without an id (or first required column, in a file without ids) can be blank, so
    only those are looked at."""
    frame, key = table.frame, table.spec.id_column or table.spec.required[0]
    if table.deferred is not None or key not in frame.columns or frame.empty:
        return
    suspects = np.flatnonzero(_blank(frame[key]))
    if not len(suspects):
        return
    cells = frame.iloc[suspects]
    blank = suspects[np.logical_and.reduce([_blank(cells[c]) for c in cells.columns])]
    if not len(blank):
        return
    gone = np.zeros(len(frame), dtype=bool)
    gone[blank] = True
    table.drop(gone)


def _record_rows(path: Path, records: int, lines: int) -> np.ndarray | None:
    """The spreadsheet row of each of a CSV file's ``records`` data records when the readers
    skipped empty lines (``lines`` counts them): the record's own line, as every record is then
    one line. None when records and lines do not pair so (cells over several lines)."""
    with path.open("rb") as fh, _mapped(fh) as data:
        if newline(data) != b"\n":
            return None
        empty = empty_lines(data)
    if not len(empty) or records + 1 + len(empty) != lines:
        return None
    return np.delete(np.arange(1, lines + 1), empty - 1)[1:]


def cells_problem(table: RawTable, index: pd.Index, column: str, key: str, quote: bool = False) -> list[Problem]:
    """One problem per cell of ``index``; ``quote`` puts the cell's text in the message as ``value``."""
    positions = table.frame.index.get_indexer(index)
    cells = table.frame[column] if quote else None
    header = table.written.get(column)
    return [replace(problem(table.label, table.row_number(int(i)), column, key,
                            **({"value": quoted(cells.iat[int(i)])} if cells is not None else {})), header=header)
            for i in positions]


QUOTED_CHARS = 60   # a cell quoted in a problem: a name pasted into the budget column is not printed whole


def quoted(value: object) -> str:
    """A cell's text as a problem quotes it: ``'2567/68'``, cut after :data:`QUOTED_CHARS` characters."""
    text = str(value)
    return repr(text if len(text) <= QUOTED_CHARS else text[:QUOTED_CHARS] + "…")


def _split_header(frame: pd.DataFrame) -> tuple[list[object], pd.DataFrame]:
    """The first row as the header, the rest as data (read with ``header=None`` so that pandas
    does not rename a repeated header to ``links.1``, which would hide it)."""
    header = frame.iloc[0].tolist() if len(frame) else list(frame.columns)
    return header, frame.iloc[1:].reset_index(drop=True)


def _normalise_headers(frame: pd.DataFrame, header: list[object], label: str, spec: FileSpec,
                       problems: list[Problem]) -> pd.DataFrame | None:
    """Lower-case, trimmed column names, each near-miss or Thai name of a contract column read as
    that column (:mod:`graphkpi.load.headers`); a name given twice (in any case or spacing), or
    two headers meaning one column (``fiscal_year`` and ``Fiscal Year``), is reported."""
    cols = [clean_header(c) for c in header]
    named = [c for c in cols if c]
    for c in dict.fromkeys(c for i, c in enumerate(named) if c in named[:i]):
        problems.append(problem(label, HEADER_ROW, c, "column_twice"))
    if len(set(named)) != len(named):
        return None
    meant = [column_of(c, spec) for c in cols]
    given: dict[str, list[str]] = {}
    for raw, column in zip(header, meant, strict=True):
        if column:
            given.setdefault(column, []).append(str(raw).strip())
    ambiguous = {c: names for c, names in given.items() if len(names) > 1}
    for column, names in ambiguous.items():
        problems.append(problem(label, HEADER_ROW, column, "column_ambiguous",
                                headers=", ".join(f"'{n}'" for n in names)))
    if ambiguous:
        return None
    names = [c or f"unnamed: {i}" for i, c in enumerate(meant)]  # blank headers, as pandas names them
    frame.columns = [names[i] for i in frame.columns]   # the frame's columns are positions (some, when deferred)
    return frame


def _meant(header: list[object], spec: FileSpec) -> list[str]:
    """The contract column each header cell is read as ("" for none): what :func:`_normalise_headers`
    names the columns, without its checks."""
    return [column_of(clean_header(c), spec) or "" for c in header]


def _written(header: list[object], spec: FileSpec) -> dict[str, str]:
    """Each contract column whose header the file writes otherwise (ปีงบประมาณ, Fiscal Year), as
    written: a problem names the column by the header the planner sees, then by its name."""
    out = {}
    for raw, column in zip(header, _meant(header, spec), strict=True):
        text = str(raw).strip()
        if column and text != column:
            out[column] = text
    return out


def _check_columns(table: RawTable, problems: list[Problem]) -> bool:
    headers = [str(c) for c in table.columns]
    missing = [c for c in table.spec.required if c not in headers]
    below = _header_below(table) if missing else None
    if below is not None:   # a title above the header, as government spreadsheets have: one problem
        problems.append(problem(table.label, HEADER_ROW, None, "header_below", header_row=table.row_number(below)))
        return False
    for c in missing:
        close = near(c, headers, table.spec)
        if close is None:   # the Thai headers read as the column too: a planner wrote one of those
            accepted = ", ".join((c, *table.spec.thai.get(c, ())))
            problems.append(problem(table.label, HEADER_ROW, c, "column_missing", accepted=accepted))
        else:
            problems.append(problem(table.label, HEADER_ROW, c, "column_missing_near", header=close, meant=c,
                                    spelled=nearest_spelling(close, c, table.spec)))
    return not missing


def unread_columns(table: RawTable) -> list[tuple[str, str]]:
    """``(header, column)`` for each optional column absent from the table while a header of
    it is close to the column's name (``Linkss``, ``Budjet``): that column is read as empty,
    every project as unlinked or unbudgeted, so the user must be told, though the file loads
    (a header graphkpi does not know is otherwise kept and ignored)."""
    headers = [str(c) for c in table.columns]
    out = []
    for c in table.spec.optional:
        close = near(c, headers, table.spec) if c not in headers else None
        if close is not None:
            out.append((close, c))
    return out


HEADER_SEARCH = 10   # data rows looked at for a header under a title


def _header_below(table: RawTable) -> int | None:
    """The first of the table's first data rows whose cells name every required column: the
    file's header, under title rows (the first row was read as the header)."""
    spec = table.spec
    for i, row in enumerate(table.frame.head(HEADER_SEARCH).itertuples(index=False, name=None)):
        named = {column_of(clean_header(v), spec) for v in row if isinstance(v, str)}
        if set(spec.required) <= named:
            return i
    return None


def _folder_holding(source: Path, name: str) -> Path | None:
    """The one folder directly inside ``source`` that holds file ``name`` (in any case), if only one does."""
    try:
        found = [d for d in source.iterdir() if d.is_dir() and any(p.name.lower() == name for p in d.iterdir())]
    except OSError:
        return None
    return found[0] if len(found) == 1 else None


def _check_cells(table: RawTable, limits: Limits, problems: list[Problem]) -> bool:
    """Every cell within ``cell_chars`` characters (one arrow kernel per column)."""
    before = len(problems)
    for col in table.frame.columns:
        for i in long_cells(arrow_strings(table.frame[col]), limits.cell_chars):
            problems.append(over(table.label, table.row_number(i), str(col), "cell_too_long", "cell_chars",
                                 limits.cell_chars, chars=f"{len(table.frame[col].iat[i]):,}"))
    return len(problems) == before


# Every column as text: arrow names columns f0, f1, … when the header is read as a data row, and
# no table may be wider than Limits.columns (checked on the raw header before parsing).
_ARROW_READ = pv.ReadOptions(autogenerate_column_names=True)
_ARROW_PARSE = pv.ParseOptions(newlines_in_values=True, ignore_empty_lines=True)
_ARROW_PARSE_LINES = pv.ParseOptions(newlines_in_values=False, ignore_empty_lines=True)


def _arrow_convert(columns: int, include: Iterable[int] = ()) -> pv.ConvertOptions:
    return pv.ConvertOptions(column_types={f"f{i}": pa.string() for i in range(columns)},
                             strings_can_be_null=False, quoted_strings_can_be_null=False,
                             include_columns=[f"f{i}" for i in include])


def _arrow_parse(sep: str, multiline: bool = True) -> pv.ParseOptions:
    """``multiline``: a cell may span lines, so arrow cuts the file into blocks only where its
    quotes say a row ends, a serial scan. Without it, blocks end at any line end and both cores
    parse from the start (half the time at 10⁶ projects); see :func:`parse_arrow`."""
    if sep == ",":
        return _ARROW_PARSE if multiline else _ARROW_PARSE_LINES
    return pv.ParseOptions(newlines_in_values=multiline, ignore_empty_lines=True, delimiter=sep)


def arrow_options(width: int, sep: str = ",", include: Iterable[int] = ()) -> tuple[
        pv.ReadOptions, pv.ParseOptions, pv.ConvertOptions]:
    """The reader's options for a file of ``width`` columns (all when ``include`` is empty): also
    what reads a deferred column again (:mod:`graphkpi.load.deferred`), so both parse alike."""
    return _ARROW_READ, _arrow_parse(sep), _arrow_convert(width, include)


_GUARD = "\x01"
_WORKBOOKS_NAMED = 3   # workbooks a missing-file message names when a folder holds several
_LINE_END = re.compile(rb"[\r\n]")


class _Then(io.RawIOBase):
    """The stream ``head`` (an open file), then the bytes ``tail``: a guard row is appended to a
    file without copying the file's bytes (0.7 GB at 10^6 projects)."""

    def __init__(self, head: BinaryIO, tail: bytes) -> None:
        super().__init__()
        self._head: BinaryIO | None = head
        self._tail = memoryview(tail)

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: memoryview) -> int:  # type: ignore[override]
        if self._head is not None:
            n = self._head.readinto(buffer)  # type: ignore[attr-defined]
            if n:
                return n
            self._head = None
        n = min(len(buffer), len(self._tail))
        buffer[:n] = self._tail[:n]
        self._tail = self._tail[n:]
        return n


def _header_width(data: Buffer, sep: str = ",") -> int:
    """Fields on the first line (a header with a quoted line break is miscounted; then the guard
    row below is ragged and arrow refuses the file, as it should)."""
    end = _LINE_END.search(data)
    first = data[:end.start() if end else len(data)].decode("utf-8-sig", errors="replace")
    try:
        return len(next(csv.reader([first], delimiter=sep), [""]))
    except csv.Error:  # a NUL byte: the guard will not fit, arrow refuses
        return 1


def _blank_line_ends_in_cr(data: Buffer, crs: np.ndarray) -> bool:
    """Whether one of the lone CRs ``crs`` (:func:`lone_crs` of ``data``) comes right after a line
    end (LF or CR)."""
    at = crs[crs > 0]
    return bool(len(at)) and bool(np.isin(np.frombuffer(data, dtype=np.uint8)[at - 1], (ord("\n"), ord("\r"))).any())


def arrow_width(data: Buffer, sep: str = ",", crs: np.ndarray | None = None, nul: bool | None = None) -> int | None:
    """The header width of CSV bytes that :func:`parse_arrow` may read; None when arrow and
    pandas might disagree, so that pandas reads the file and words its problem as before:

    - the file has a single column (pandas skips its blank-looking lines, arrow keeps them);
    - a blank line ends with a lone CR (pandas then drops a following row of empty cells);
    - it holds a NUL byte (arrow's block splitter then misplaces a row end);
    - it starts with two byte-order marks (pandas drops both, arrow one).

    Each test is a C-level search of the bytes. ``crs``: the file's lone CRs, and ``nul`` whether
    it holds a NUL, when already known.
    """
    crs = lone_crs(data) if crs is None else crs
    has_nul = data.find(b"\x00") >= 0 if nul is None else nul
    if has_nul or data[:6] == codecs.BOM_UTF8 * 2 or _blank_line_ends_in_cr(data, crs):
        return None
    width = _header_width(data, sep)
    return width if width >= 2 else None


def parse_arrow(source: BinaryIO, width: int, limits: Limits, sep: str = ",",
                include: tuple[int, ...] = (), multiline: bool = True) -> tuple[list[object], pd.DataFrame] | None:
    """Header and ``str`` columns of a UTF-8 CSV file whose first line has ``width`` fields,
    parsed by arrow's multi-threaded reader straight from ``source``.

    None when arrow refuses the file (ragged rows, not UTF-8) or the file ends inside a quoted
    cell (pandas refuses it, arrow would end the cell there): a guard row appended to the bytes
    shows it, a row of its own outside a quote, swallowed by an open cell. Then pandas reads the
    file and words its problem exactly as before. Where arrow accepts a file that
    :func:`arrow_width` let through, its cells are pandas' (tests/load/test_load.py compares the two
    readers on generated files).

    ``include``: the positions of the only columns to parse (the header is still every column's);
    the frame's columns are the positions read.

    ``multiline=False`` is for a caller that then makes sure the file has one row per line (its
    rows counted against its lines): a cell that spans lines is then either read whole inside a
    block, so leaving fewer rows than lines, or cut at a block's end, which arrow refuses ("out
    of sync with chunker"): None, as for any file arrow refuses.
    """
    guard = "\r\n" + sep.join([_GUARD] * width)
    try:
        table = pv.read_csv(_Then(source, guard.encode()), read_options=_ARROW_READ,
                            parse_options=_arrow_parse(sep, multiline),
                            convert_options=_arrow_convert(limits.columns, include))
    except pa.ArrowInvalid:
        return None
    if table.num_columns < (1 if include else 2) or table.num_rows < 2 or \
            any(col[-1].as_py() != _GUARD for col in table.columns):
        return None
    return _header_and_cells(table, include, guarded=True)


def parse_lines_natively(fh: BinaryIO, last_line: bytes, width: int, limits: Limits, sep: str,
                         include: tuple[int, ...]) -> tuple[list[object], pd.DataFrame] | None:
    """:func:`parse_arrow` with ``multiline=False`` of the open file ``fh``, read by arrow's own
    file reader: no Python call per block of the file, each of which waited for the GIL held by
    the work beside it, and no copy of the file through Python's buffers (0.7 GB at 10⁶ projects).

    Arrow opens the file again by its name; None (parse it the way it always was) when that is
    no longer the file ``fh`` is. No guard row can follow a file arrow reads itself, so the file's
    ``last_line`` is read apart with one: the caller makes sure the file has one row per line,
    so every line, the last too, starts outside a quote, and a quote the file leaves open at its
    end is one its last line leaves open."""
    if parse_arrow(io.BytesIO(last_line), width, limits, sep, include, multiline=False) is None:
        return None
    try:
        with pa.OSFile(str(fh.name)) as native:
            if identity(os.fstat(native.fileno())) != identity(os.fstat(fh.fileno())):
                return None
            table = pv.read_csv(native, read_options=_ARROW_READ, parse_options=_arrow_parse(sep, multiline=False),
                                convert_options=_arrow_convert(limits.columns, include))
    except (pa.ArrowInvalid, OSError):
        return None
    return _header_and_cells(table, include, guarded=False) if table.num_rows else None


def _last_line(data: Buffer) -> bytes:
    """The last line of ``data``, ended by a newline if it has none (arrow reads no row from a
    first block without a line end; a quote it leaves open swallows the newline all the same)."""
    line = bytes(data[data.rfind(b"\n", 0, max(len(data) - 1, 0)) + 1:])
    return line if line.endswith(b"\n") else line + b"\n"


def _header_and_cells(table: pa.Table, include: tuple[int, ...],
                      guarded: bool) -> tuple[list[object], pd.DataFrame]:
    """The header (the first row) and the other rows' cells of a table read by column position,
    each column copied into one chunk; ``guarded``: without the last row, the guard row."""
    positions = list(include) or list(range(table.num_columns))
    header = [col[0].as_py() for col in table.columns]
    columns = table.slice(1, table.num_rows - (2 if guarded else 1)).columns
    del table

    def copied(i: int) -> pd.Series:
        col, columns[i] = columns[i], None   # this column's chunks go as soon as it is copied
        return text_series(_one_chunk(col))

    # a column per core at a time (arrow copies without the GIL): 6 columns of 10⁶ projects in
    # 0.03 s against 0.1 s one after the other; no more columns than cores are held twice
    workers = min(cores(), len(columns))
    if workers > 1:
        with ThreadPoolExecutor(workers) as pool:
            copies = list(pool.map(copied, range(len(columns))))
    else:
        copies = [copied(i) for i in range(len(columns))]
    return header, pd.DataFrame(dict(zip(positions, copies, strict=True)))


def _one_chunk(col: pa.ChunkedArray) -> pa.ChunkedArray:
    """``col`` in one chunk of ``large_string``. Arrow's reader returns a chunk per block (654
    for a 10⁶-row projects.csv), and every later row lookup (``take``, ``filter``) on many chunks
    costs tens of times what it costs on one: 0.56 s against 0.06 s + 0.01 s to take 62,000
    names of 10⁶. Made ``large_string`` first (64-bit offsets: no column is too long for one
    chunk), which is also pandas' own type for ``str``: 7 × 10⁶ cells in 0.02 s against 0.04 s
    joined first and cast by pandas. Copied column by column, so the file's cells are never
    held twice."""
    if col.num_chunks == 1 and pa.types.is_large_string(col.type):
        return col
    return pa.chunked_array([col.cast(pa.large_string()).combine_chunks()], pa.large_string())


def _read_csv(path: Path, spec: FileSpec, limits: Limits, problems: list[Problem],
              keep: frozenset[str] | None = None) -> RawTable | None:
    """The file's table; ``keep``: parse only these columns, when the file allows it
    (:mod:`graphkpi.load.deferred`), and leave the others for :class:`DeferredColumns` to read."""
    label = spec.name
    try:
        size = path.stat().st_size
        if size > limits.file_bytes:
            problems.append(over(label, None, None, "file_too_big", "file_bytes", limits.file_bytes, size=f"{size:,}"))
            return None
        signature = Signature.of(path)
        with path.open("rb") as fh:
            parsed, encoding, lines, short_lines, lean = _parse_csv(fh, label, spec, limits, problems, keep, path)
    except OSError as exc:
        problems.append(problem(label, None, None, "unreadable", reason=exc.strerror or exc))
        return None
    if parsed is None:
        return None
    header, frame = parsed
    deferred = None
    if lean is not None:
        ends, sep = lean
        meant = _meant(header, spec)
        left = {c: i for i, c in enumerate(meant) if c and i not in frame.columns}
        deferred = DeferredColumns(path, label, sep, len(header), left, meant.index(spec.id_column), ends, signature)
    frame = _normalise_headers(frame, header, label, spec, problems)
    if frame is None:
        return None
    table = RawTable(spec, frame, label, encoding, deferred, written=_written(header, spec))
    if len(frame) + 1 < lines:   # empty lines skipped (or cells over several lines): rows are not positions
        table.rows = _record_rows(path, len(frame), lines)
    # One row per line and no line longer than cell_chars bytes: no cell can be longer either.
    if len(frame) + 1 == lines and short_lines:
        return table
    return table if _check_cells(table, limits, problems) else None


@contextlib.contextmanager
def _mapped(fh: BinaryIO) -> Iterator[Buffer]:
    """The open file's bytes as a read-only memory map (``b""`` for an empty file, which cannot
    be mapped); unmapped on leaving, so no view of it may outlive the block. A large map is
    unmapped by a thread of its own: letting go of 0.7 GB of mapped pages takes 0.02 s, which the
    file's parse, next, need not wait for (nothing reads the map again)."""
    if os.fstat(fh.fileno()).st_size == 0:
        yield b""
        return
    data = mmap.mmap(fh.fileno(), 0, access=mmap.ACCESS_READ)
    try:
        yield data
    finally:
        if len(data) >= UNMAP_APART_FROM and cores() > 1:
            threading.Thread(target=_close, args=(data,), name="graphkpi-unmap", daemon=True).start()
        else:
            _close(data)


# Maps from this size are unmapped beside the work that follows (_mapped)
UNMAP_APART_FROM = 64 << 20


def _close(data: mmap.mmap) -> None:
    with contextlib.suppress(BufferError):   # a view still held (by an error on its way up): unmapped when it goes
        data.close()


_Lean = tuple[np.ndarray, str]   # a deferred file's line ends and separator


def _parse_csv(fh: BinaryIO, label: str, spec: FileSpec, limits: Limits, problems: list[Problem],
               keep: frozenset[str] | None = None, path: Path | None = None,
               ) -> tuple[tuple[list[object], pd.DataFrame] | None, str, int, bool, _Lean | None]:
    """Header and cells of the open file ``fh``, its encoding (and separator, when not a comma),
    its number of lines, and whether every line is shorter than ``cell_chars``; ``(None, …)``
    after adding the file's problem. The separator is the one under which the header names
    ``spec``'s columns (:func:`graphkpi.load.headers.separator`).

    The shape checks read the file through a memory map (no copy of its bytes: 0.4 s and 0.7 GB
    at 10^6 projects), which is closed before arrow reads the same open file again.

    ``keep``: the columns to parse when the file is one row per line, without lone CR, all
    UTF-8 (see :mod:`graphkpi.load.deferred`); the last item is then the file's line ends and
    separator (None when every column was parsed). ``path``: the file's, by which a UTF-8 check
    begun before the load is found (:mod:`graphkpi.load.prefetch`).
    """
    with _mapped(fh) as data, ThreadPoolExecutor(1) as pool:
        if all_space(data):
            problems.append(problem(label, None, None, "empty"))
            return None, "", 0, False, None
        # Whether the file is UTF-8, asked of the other core while this one scans for line ends,
        # unless it was begun while the command's modules imported (graphkpi.load.prefetch)
        begun = utf8_answer(path, os.fstat(fh.fileno())) if keep is not None and path is not None else None
        utf8 = pool.submit(_all_utf8, data, begun) if keep is not None else None
        sep = separator(first_line(data), spec)
        shown = "" if sep == "," else f", {SEPARATOR_NAMES[sep]}"
        # line ends (which count the lines too), lone CRs and NULs in one pass; None past the row
        # limit, which check_csv then reports
        scan = controls(data, limits.rows + 1) if keep is not None and newline(data) == b"\n" else None
        ends = scan.ends if scan is not None else None
        lines = check_csv(data, label, limits, problems, sep.encode(), ends)
        if lines is None:
            return None, "", 0, False, None
        short_lines = (longest_line(ends, len(data)) <= limits.cell_chars if ends is not None
                       else first_long_line(data, limits.cell_chars, newline(data)) is None)
        crs = scan.lone_crs if scan is not None else lone_crs(data)
        width = arrow_width(data, sep, crs, None if scan is None else scan.nul)
        encoding = "utf-8-sig" if data[:3] == codecs.BOM_UTF8 else "utf-8"
        lean = _leaner(data, width, sep, spec, keep, bool(len(crs)), utf8) if ends is not None and short_lines else None
        # a large file read whole, of one row per line, is parsed on every core from its start and
        # read by arrow itself (parse_lines_natively), not split by a serial scan of its quotes
        by_lines = (lean is None and width is not None and not len(crs) and len(data) >= BY_LINES_FROM
                    and newline(data) == b"\n")
        last_line = _last_line(data) if lean is not None or by_lines else b""
    if lean is not None:
        header, include = lean
        parsed = parse_lines_natively(fh, last_line, len(header), limits, sep, include)
        if parsed is not None and len(parsed[1]) + 1 == lines and _all_ids(parsed[1], header, spec):
            # one row per line, each with an id (a record without one may be blank: drop_blank_records)
            return (header, parsed[1]), encoding + shown, lines, short_lines, (ends, sep)
    if by_lines:
        assert width is not None
        parsed = parse_lines_natively(fh, last_line, width, limits, sep, ())
        # arrow reads a cell over two lines whole inside a block and refuses one a block's end cuts
        # (tests/load/test_sources.py); the rows are counted against the lines all the same
        if parsed is not None and len(parsed[1]) + 1 == lines:
            return parsed, encoding + shown, lines, short_lines, None
    if width is not None:
        fh.seek(0)
        parsed = parse_arrow(fh, width, limits, sep)
        if parsed is not None:
            return parsed, encoding + shown, lines, short_lines, None
    fh.seek(0)
    parsed, encoding = _parse_pandas(fh.read(), label, problems, sep)
    return parsed, encoding + (shown if parsed is not None else ""), lines, short_lines, None


# Bytes from which a file read whole (every column) is first parsed as one row per line
# (budget_lines.csv at 10⁶ projects, 70 MB: 0.35 s against 0.41 beside the line-end scan)
BY_LINES_FROM = 1 << 20


def _all_utf8(data: Buffer, begun: Future[bool] | None) -> bool:
    """Whether ``data`` is all UTF-8: the begun check's answer, else (none begun, or it failed)
    the check made now."""
    if begun is not None:
        try:
            return begun.result()
        except Exception:   # the file could not be mapped there: checked here
            pass
    return valid_utf8(data)


def _all_ids(frame: pd.DataFrame, header: list[object], spec: FileSpec) -> bool:
    """Whether every record of a frame read by column position has a non-blank id (and the first
    is no header row again: :func:`_drop_repeated_header` reads the whole file)."""
    at = _meant(header, spec).index(spec.id_column)
    if at not in frame.columns or _blank(frame[at]).any():
        return False
    return frame.empty or column_of(clean_header(str(frame[at].iat[0])), spec) != spec.id_column   # a header again


def _blank(col: pd.Series) -> np.ndarray:
    """Cells of ``col`` holding nothing but white space: empty, or all space (no trimmed copy of
    the column is made: 10⁶ ids in 0.01 s)."""
    arr = arrow_strings(col)
    return pc.or_(pc.equal(pc.binary_length(arr), 0), pc.utf8_is_space(arr)).to_numpy(zero_copy_only=False)


def _leaner(data: Buffer, width: int | None, sep: str, spec: FileSpec, keep: frozenset[str],
            lone_cr: bool, utf8: Future[bool] | None) -> tuple[list[object], tuple[int, ...]] | None:
    """The header and the positions of the columns to parse, when arrow may read
    only ``keep`` of the file's columns; None when every column must be parsed: the file is not
    one arrow reads, a CR is not part of a CRLF, it is not all UTF-8 (arrow checks only the
    columns it parses), or no column would be left out. ``lone_cr``: whether the file holds a CR
    that is not part of a CRLF."""
    if width is None or lone_cr:
        return None
    header = _arrow_header(data, width, sep)
    if header is None:
        return None
    meant = _meant(header, spec)
    include = tuple(i for i, c in enumerate(meant) if c in keep or not c)
    if len(include) == len(header) or spec.id_column not in meant or not (utf8 and utf8.result()):
        return None
    return header, include


def _arrow_header(data: Buffer, width: int, sep: str) -> list[object] | None:
    """The first line's cells as arrow reads them (None when it does not read ``width`` of them)."""
    end = data.find(b"\n")
    first = data[:end + 1 if end >= 0 else len(data)]
    read, parse, convert = arrow_options(width, sep)
    try:
        table = pv.read_csv(pa.BufferReader(first), read_options=read, parse_options=parse, convert_options=convert)
    except pa.ArrowInvalid:
        return None
    return [col[0].as_py() for col in table.columns] if table.num_rows == 1 and table.num_columns == width else None


def _parse_pandas(data: bytes, label: str, problems: list[Problem],
                  sep: str = ",") -> tuple[tuple[list[object], pd.DataFrame] | None, str]:
    """Header and object columns of CSV bytes in any supported encoding, by pandas' reader, whose
    errors name the line of a ragged row; ``(None, "")`` after adding the file's problem."""
    try:
        encoding = detect(data)
    except UnicodeDecodeError as exc:
        problems.append(_encoding_problem(label, data, exc, sep))
        return None, ""
    try:
        frame = pd.read_csv(io.BytesIO(data), sep=sep, encoding=encoding, dtype=object, keep_default_na=False,
                            na_filter=False, skip_blank_lines=True, quoting=csv.QUOTE_MINIMAL, index_col=False,
                            header=None)
    except (pd.errors.ParserError, ValueError) as exc:
        m = _RAGGED.search(str(exc))
        if m:
            ragged = "ragged" if sep == "," else f"ragged_{SEPARATOR_NAMES[sep]}"   # what to look for
            problems.append(problem(label, int(m.group(2)), None, ragged, cells=m.group(3), header=m.group(1)))
        else:
            problems.append(problem(label, None, None, "bad_csv", reason=exc))
        return None, ""
    # a row cut short ends in an empty cell: only then are the rows' cells counted
    width = frame.shape[1]
    short = _short_rows(data, encoding, sep, width) if len(frame) > 1 and (frame.iloc[1:, -1] == "").any() else []
    if short:
        problems += [problem(label, line, None, "short_row", cells=cells, header=width) for line, cells in short]
        return None, ""
    return _split_header(frame), encoding


def _encoding_problem(label: str, data: bytes, exc: UnicodeDecodeError, sep: str) -> Problem:
    """The undecodable byte's problem, with its line and (when the line's cells before it tell)
    its column: a cell pasted from a file in another encoding is found where it is."""
    at = exc.start
    start = data.rfind(b"\n", 0, at) + 1
    line = data.count(b"\n", 0, start) + 1
    column = None
    if line > 1:
        before = data[start:at].decode(exc.encoding, errors="replace")
        header = next(csv.reader([first_line(data)], delimiter=sep), [])
        try:
            cells = next(csv.reader([before], delimiter=sep), [""])
        except csv.Error:
            cells = []
        if 0 < len(cells) <= len(header):
            column = header[len(cells) - 1].strip() or None
    return problem(label, line, column, "encoding", byte=at)


def _short_rows(data: bytes, encoding: str, sep: str, width: int) -> list[tuple[int, int]]:
    """The line and number of cells of every row with fewer than ``width`` cells.

    pandas pads such a row with empty cells and says nothing (a row with too many cells is its
    error), so a line cut short would lose its last columns, a project its links, without a
    word. The csv module counts each row's cells; a row spanning lines inside quotes is named
    by its last line, as the csv module counts them."""
    reader = csv.reader(io.StringIO(data.decode(encoding), newline=""), delimiter=sep)
    out = []
    try:
        for record, fields in enumerate(filter(None, reader)):   # blank lines: pandas skips them too
            if record and len(fields) < width:
                out.append((reader.line_num, len(fields)))
    except csv.Error:   # a cell over the csv module's size limit: the rows counted so far
        pass
    return out


def _read_workbook(path: Path, limits: Limits, problems: list[Problem]) -> dict[str, RawTable] | None:
    """The workbook's known sheets; None when the file as a whole is refused (then no sheet is
    reported missing: the workbook's own problem says it all)."""
    try:
        size = path.stat().st_size
        if size > limits.file_bytes:
            problems.append(over(path.name, None, None, "file_too_big", "file_bytes", limits.file_bytes,
                                 size=f"{size:,}"))
            return None
        with zipfile.ZipFile(path) as zf:
            chosen = check_workbook(zf, path.name, set(FILES), limits, problems)
            marks = {sheet: sheet_marks(zf, part) for sheet, part in (chosen or {}).items()}   # one read each
        if chosen is None:
            return None
        # keep_default_na off: a cell reading "NA" or "null" is that text, and only Excel's error
        # values (#REF!, #DIV/0!…), which pandas reads as missing, are missing
        sheets = pd.read_excel(path, sheet_name=list(chosen), dtype=object, engine="openpyxl", header=None,
                               keep_default_na=False) if chosen else {}
    except Exception as exc:  # zipfile and openpyxl raise many types for corrupt files
        problems.append(problem(path.name, None, None, "bad_workbook", reason=exc))
        return None
    tables: dict[str, RawTable] = {}
    for sheet_name, raw in sheets.items():
        key = str(sheet_name).strip().lower().removesuffix(".csv")
        spec = FILES[key]
        label = f"{path.name}[{sheet_name}]"
        errors = zip(*np.nonzero(raw.isna().to_numpy()), strict=True)   # 0-based, the header row 0
        problems += _cell_problems(raw, label, ((r + HEADER_ROW, c) for r, c in errors), "excel_error")
        problems += _cell_problems(raw, label, ((r, c - 1) for r, c in marks[sheet_name].uncached), "excel_uncached")
        cells = raw.fillna("").astype(str).astype(object)
        header, frame = _split_header(_filled_down(cells, marks[sheet_name].merged, spec, label, problems))
        frame = frame.apply(lambda s: s.str.removesuffix(".0") if s.str.fullmatch(r"-?\d+\.0").all() else s)
        norm = _normalise_headers(frame, header, label, spec, problems)
        if norm is not None:
            hidden = tuple(r for r in marks[sheet_name].hidden if HEADER_ROW < r <= len(raw))
            table = RawTable(spec, norm, label, "xlsx", written=_written(header, spec), hidden=hidden)
            if _check_cells(table, limits, problems):
                tables[key] = table
    return tables


# Amounts and numbers are no row's own when merged over rows: Excel's SUM counts the cell once.
UNMERGED = frozenset({"budget", "amount", "disbursed", "baseline", "target", "plan_target"})


def _filled_down(raw: pd.DataFrame, ranges: list[tuple[int, int, int, int]], spec: FileSpec, label: str,
                 problems: list[Problem]) -> pd.DataFrame:
    """The sheet (read with its header as row 0) with each merged range's value in every row of
    its first column, as the sheet shows it: an agency or fiscal year merged over the rows of its
    projects is theirs, not missing from all but the first. Only ranges below the header and
    over several rows; a range across columns gives its value to its first column only (the
    neighbouring columns mean other things). An amount merged over rows is a problem: copied,
    it would count once per row; left in the first, the others would read as empty."""
    meant = _meant(raw.iloc[0].tolist(), spec) if len(raw) else []
    for r1, c1, r2, _ in ranges:
        first, col = r1 - 1, c1 - 1              # the frame's row and column of the range's first cell
        if r2 > r1 and first > HEADER_ROW - 1 and col < raw.shape[1] and first < len(raw):
            if col < len(meant) and meant[col] in UNMERGED:
                problems.append(problem(label, r1, meant[col], "merged_amount", first=r1, last=r2))
            else:
                raw.iloc[first + 1:r2, col] = raw.iat[first, col]
    return raw


def _cell_problems(raw: pd.DataFrame, label: str, cells: Iterable[tuple[int, int]], key: str) -> list[Problem]:
    """Problem ``key`` at each of ``cells`` (sheet row number, column index from 0) of a sheet read
    with its header row: ``excel_error``, a cell holding an Excel error value, whose formula
    failed; ``excel_uncached``, a formula never calculated. Either would read as empty (a budget
    of 0)."""
    header = raw.iloc[0].tolist() if len(raw) else []
    return [problem(label, int(r), _header_name(header, c) if r > HEADER_ROW else None, key) for r, c in cells]


def _header_name(header: list[object], c: int) -> str | None:
    return str(header[c]).strip() if c < len(header) and not pd.isna(header[c]) else None


def read_tables(source: Path, problems: list[Problem], limits: Limits | None = None,
                keep: dict[str, frozenset[str]] | None = None) -> dict[str, RawTable]:
    """Read every known table of the bundle at ``source``; unknown files are ignored.

    ``keep``: per table (``projects``), the only columns to parse when its file allows it; the
    others stay in the file (:mod:`graphkpi.load.deferred`).

    A file beyond ``limits`` (default: :meth:`Limits.from_env`) is refused before it is parsed.
    The readers' own warnings (openpyxl on workbook styles or extensions, pandas' parser) are
    silenced: they mean nothing to a planner, and whatever matters is a problem in their language.
    """
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return _read_tables(source, problems, limits or Limits.from_env(), keep or {})


def _read_tables(source: Path, problems: list[Problem], limits: Limits,
                 keep: dict[str, frozenset[str]]) -> dict[str, RawTable]:
    if source.is_file() and source.suffix.lower() in (".xlsx", ".xlsm"):
        book = _read_workbook(source, limits, problems)
        if book is None:
            return {}
        tables = book
        label_of = lambda spec: f"{source.name}[{spec.sheet}]"  # noqa: E731
    elif source.is_dir():
        tables = _read_folder(source, problems, limits, keep)
        label_of = lambda spec: spec.name  # noqa: E731
    elif not source.exists():
        problems.append(problem(str(source), None, None, "not_found"))
        return {}
    else:
        problems.append(problem(str(source), None, None, "not_bundle"))
        return {}
    workbooks = sorted(p.name for p in source.glob("*.xls[xm]")) if source.is_dir() else []
    for key, spec in FILES.items():
        if spec.mandatory and key not in tables and not any(p.file == label_of(spec) for p in problems):
            if len(workbooks) == 1:  # a folder holding the workbook instead of the CSVs
                problems.append(problem(label_of(spec), None, None, "file_missing_workbook", workbook=workbooks[0]))
            elif workbooks:          # which one is the bundle, if any, is not for the loader to guess
                shown = ", ".join(workbooks[:_WORKBOOKS_NAMED]) + (", …" if len(workbooks) > _WORKBOOKS_NAMED else "")
                problems.append(problem(label_of(spec), None, None, "file_missing_workbooks", workbooks=shown))
            elif source.is_file():   # which sheets there are tells a misnamed one (โครงการ for projects)
                problems.append(problem(label_of(spec), None, None, "sheet_missing", sheet=spec.sheet,
                                        found=", ".join(sheet_names(source)) or "-"))
            elif (inner := _folder_holding(source, spec.name)) is not None:   # the folder above the bundle
                problems.append(problem(label_of(spec), None, None, "file_missing_below", folder=inner))
            else:
                problems.append(problem(label_of(spec), None, None, "file_missing"))
    for key, table in list(tables.items()):  # tables missing a column are kept so their ids are still checked
        drop_blank_records(table)
        before = len(problems)
        if not _check_columns(table, problems) and problems[before].key == "header_below":
            del tables[key]   # its rows are the header's and a title's: reading them as data says nothing true
        else:
            _drop_repeated_header(table, problems)
    return tables


def _read_folder(source: Path, problems: list[Problem], limits: Limits,
                 keep: dict[str, frozenset[str]]) -> dict[str, RawTable]:
    """The folder's CSV files, the largest read on this thread and the others meanwhile on a
    second one (arrow's parser and numpy's scans release the GIL): a national bundle's 10⁶
    budget lines are read while projects.csv is. Each file's problems are its own, added in
    the contract's file order as a sequential read adds them."""
    present = {p.name.lower(): p for p in source.iterdir() if p.is_file()}
    files = {key: present[spec.name] for key, spec in FILES.items() if spec.name in present}
    found: dict[str, list[Problem]] = {key: [] for key in files}
    read: dict[str, RawTable | None] = {}

    def read_one(key: str) -> None:
        read[key] = _read_csv(files[key], FILES[key], limits, found[key], keep.get(key))

    largest = max(files, key=lambda k: _size(files[k]), default=None)

    def read_rest() -> None:
        for key in files:
            if key != largest:
                read_one(key)

    with ThreadPoolExecutor(1) as pool:
        others = pool.submit(read_rest) if cores() > 1 else None
        if largest is not None:
            read_one(largest)
        if others is not None:
            others.result()
        else:
            read_rest()
    for key in files:
        problems += found[key]
    return {key: read[key] for key in files if read[key] is not None}   # in the contract's order


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:   # reported when the file is read
        return 0


def _drop_repeated_header(table: RawTable, problems: list[Problem]) -> None:
    """A first data row that names the columns again (an English header under the Thai one, a
    header row pasted twice) is reported once as such and left out, instead of each of its
    cells being reported as a bad year or amount."""
    frame = table.frame
    if table.deferred is not None or frame.empty:
        return
    named = [c for c in frame.columns if column_of(clean_header(str(frame[c].iat[0])), table.spec) == c]
    if len(named) < max(2, len(table.spec.required) // 2):
        return
    problems.append(problem(table.label, table.row_number(0), None, "header_repeated",
                            columns=", ".join(str(c) for c in named)))
    table.drop(np.arange(len(frame)) == 0)
