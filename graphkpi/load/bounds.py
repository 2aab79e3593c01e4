"""Look at a file's shape before parsing it, and refuse shapes no real bundle has.

The parsers (pandas, openpyxl) commit time and memory in proportion to what a file
*declares*, not to its size on disk: a sheet whose one cell sits in column XFD becomes rows of
16,384 cells, a row numbered 10⁹ becomes 10⁹ empty rows, a line of commas becomes millions of
columns. So the raw bytes are scanned first — with byte counts and compiled regular
expressions, never a Python loop per row — and the file is refused (exit code 2, file, row
and column named) as soon as one limit of :class:`graphkpi.load.limits.Limits` is exceeded.
"""

from __future__ import annotations

import mmap
import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import NamedTuple
from xml.etree import ElementTree

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from graphkpi.load.errors import Problem, problem
from graphkpi.load.limits import Limits, variable

CHUNK = 16 << 20
SCAN = 1 << 20   # bytes compared at a time by numpy: the mask stays in the cache (a quarter faster)
_OVERLAP = 256  # longer than any token a regex below matches, so none is cut at a chunk edge
_LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
_DIGITS = "0123456789"
_HEAD = 64 << 10  # <dimension> and the sharedStrings counts sit in the first bytes of their part
_SMALL_PART = 16 << 20  # workbook.xml and its relationships are parsed whole, so they must be small
_NS_REL = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"


def over(label: str, row: int | None, column: str | None, key: str, field: str, limit: int,
         **params: object) -> Problem:
    """A limit-exceeded problem that names the limit and the variable that raises it."""
    return problem(label, row, column, key, limit=f"{limit:,}", variable=variable(field), **params)


# ---------------------------------------------------------------------------- numbers as regex

def _above(bound: str, alphabet: str) -> bytes:
    """A regex matching exactly the tokens that sort above ``bound`` in ``alphabet``'s positional order.

    Excel column letters and row numbers are positional numerals without leading zeros, so a
    longer token is larger and tokens of equal length compare digit by digit.
    """
    first = alphabet[1:] if alphabet == _DIGITS else alphabet  # no leading zero
    any_ = f"[{re.escape(alphabet)}]"
    parts = [f"[{re.escape(first)}]{any_}{{{len(bound)},}}"]
    for i, ch in enumerate(bound):
        higher = alphabet[alphabet.index(ch) + 1:]
        if higher:
            parts.append(f"{re.escape(bound[:i])}[{re.escape(higher)}]{any_}{{{len(bound) - i - 1}}}")
    return "(?:" + "|".join(parts) + ")"


def column_letters(n: int) -> str:
    """Excel's name of column ``n`` (1 → A, 27 → AA)."""
    out = ""
    while n:
        n, r = divmod(n - 1, 26)
        out = _LETTERS[r] + out
    return out


def _split_ref(ref: str) -> tuple[int, str]:
    m = re.match(r"\$?([A-Z]+)\$?(\d+)", ref)
    return (int(m.group(2)), m.group(1)) if m else (0, "")


def _column_number(letters: str) -> int:
    n = 0
    for ch in letters:
        n = n * 26 + _LETTERS.index(ch) + 1
    return n


# ---------------------------------------------------------------------------- CSV

# The file's bytes are an ``mmap`` of it (or ``bytes``): only ``find``, ``rfind``, slices and
# numpy views are used, which both offer, so a 0.7 GB file is scanned without copying it.
Buffer = bytes | mmap.mmap


def newline(data: Buffer) -> bytes:
    """The byte that ends a line: LF (Windows and Unix files), or CR in a classic Mac export."""
    return b"\r" if data.find(b"\n") < 0 and data.find(b"\r") >= 0 else b"\n"


def _compared(arr: np.ndarray, compare: np.ufunc, value: int) -> Iterator[tuple[int, np.ndarray, np.ndarray]]:
    """``(start, chunk, mask)`` for each ``SCAN`` bytes of ``arr``: ``mask`` is ``compare(chunk,
    value)``, written into one buffer for the whole scan (valid until the next item). A fresh
    mask per chunk is new memory the kernel maps page by page: 65,000 page faults and 0.06 s
    over a 0.7 GB file."""
    buffer = np.empty(min(SCAN, len(arr)), dtype=bool)
    for start in range(0, len(arr), SCAN):
        chunk = arr[start:start + SCAN]
        mask = buffer[:len(chunk)]
        compare(chunk, value, out=mask)
        yield start, chunk, mask


def _sparse_hits(mask: np.ndarray, words: np.ndarray) -> np.ndarray:
    """``np.flatnonzero(mask)`` of a mask with few true cells (a text's control bytes: about one
    in 700), found eight cells at a time: the 8-byte words holding one first, then the cells in
    those words (0.11 against 0.17 ms a megabyte: ``flatnonzero`` reads the whole mask twice).
    ``words``: scratch memory of at least ``len(mask) // 8`` booleans."""
    n = len(mask) // 8 * 8
    holding = words[:n // 8]
    np.not_equal(mask[:n].view(np.uint64), 0, out=holding)
    at = np.flatnonzero(holding)
    cells = np.flatnonzero(mask[:n].reshape(-1, 8)[at])
    found = at[cells >> 3] * 8 + (cells & 7)
    return np.concatenate([found, n + np.flatnonzero(mask[n:])]) if n < len(mask) else found


def _found(arr: np.ndarray, compare: np.ufunc, value: int) -> Iterator[tuple[int, np.ndarray, np.ndarray]]:
    """``(start, chunk, at)`` for each ``SCAN`` bytes of ``arr``: ``at``, the offsets in ``chunk``
    of the bytes where ``compare(byte, value)`` holds (:func:`_compared`, :func:`_sparse_hits`)."""
    words = np.empty(min(SCAN, len(arr)) // 8, dtype=bool)
    for start, chunk, mask in _compared(arr, compare, value):
        yield start, chunk, _sparse_hits(mask, words)


def count_byte(data: Buffer, byte: bytes, end: int | None = None) -> int:
    """How many times ``byte`` occurs in ``data[:end]``: numpy's vectorised compare, a chunk at a
    time (a third faster than ``bytes.count`` on a 700 MB file, with 1 MB of scratch memory)."""
    arr = np.frombuffer(data, dtype=np.uint8)[:end]
    return sum(int(np.count_nonzero(mask)) for _, _, mask in _compared(arr, np.equal, byte[0]))


def line_ends(data: Buffer, most: int, nl: bytes = b"\n") -> np.ndarray | None:
    """The offset of every ``nl`` byte of ``data`` (int64), found a chunk at a time: where each
    line of a file ends, so that a row can be read again from its line (10⁶ lines: 8 MB). None
    past ``most`` of them: a file of that many lines is refused, its offsets never held."""
    arr = np.frombuffer(data, dtype=np.uint8)
    parts, found = [], 0
    for i, _, at in _found(arr, np.equal, nl[0]):
        parts.append(i + at)
        found += len(parts[-1])
        if found > most:
            return None
    return np.concatenate(parts) if parts else np.zeros(0, dtype=np.int64)


@dataclass(frozen=True)
class Controls:
    """What the shape checks ask of a file's control bytes, found in one pass (:func:`controls`)."""

    ends: np.ndarray        # the offset of every LF (:func:`line_ends`)
    lone_crs: np.ndarray    # the CRs that are not the first half of a CRLF (:func:`lone_crs`)
    nul: bool               # whether it holds a NUL byte


def controls(data: Buffer, most: int) -> Controls | None:
    """:func:`line_ends`, :func:`lone_crs` and whether ``data`` holds a NUL, from one numpy pass
    over the bytes up to CR (text has few of them: 0.22 s against 0.33 s for the three scans of a
    0.7 GB projects.csv). None past ``most`` LFs, as :func:`line_ends`."""
    arr = np.frombuffer(data, dtype=np.uint8)
    ends, crs, nul, found = [], [], False, 0
    for i, chunk, at in _found(arr, np.less_equal, 13):   # NUL, tabs, LF, CR…
        if not len(at):
            continue
        byte = chunk[at]
        ends.append(i + at[byte == 10])
        found += len(ends[-1])
        if found > most:
            return None
        crs.append(i + at[byte == 13])
        nul = nul or bool((byte == 0).any())
    empty = np.zeros(0, dtype=np.int64)
    return Controls(np.concatenate(ends) if ends else empty, _lone(arr, np.concatenate(crs)) if crs else empty, nul)


def empty_lines(data: Buffer) -> np.ndarray:
    """The numbers (from 1) of the empty lines of ``data`` (nothing, or only the CR of a CRLF):
    the CSV readers skip them, while a spreadsheet opening the file shows each as a row."""
    ends = line_ends(data, len(data) + 1)
    assert ends is not None   # no limit on the count
    arr = np.frombuffer(data, dtype=np.uint8)
    starts = np.r_[0, ends[:-1] + 1].astype(np.int64)
    length = ends - starts
    empty = length == 0
    one = np.flatnonzero(length == 1)
    empty[one] = arr[starts[one]] == 13
    return np.flatnonzero(empty) + 1


def lone_crs(data: Buffer) -> np.ndarray:
    """The offsets of the CRs of ``data`` that are not the first half of a CRLF (arrow ends a row
    at each), found 1 MB of the file at a time. A file without CR is answered by one ``memchr``
    (a two-byte ``in`` takes seconds on 0.7 GB); the loader asks once per file (0.06 s at 10⁶
    projects) and hands the answer to every test that needs it."""
    if data.find(b"\r") < 0:
        return np.zeros(0, dtype=np.int64)
    arr = np.frombuffer(data, dtype=np.uint8)
    parts = [_lone(arr, start + at) for start, _, at in _found(arr, np.equal, 13)]
    return np.concatenate(parts).astype(np.int64)


def _lone(arr: np.ndarray, crs: np.ndarray) -> np.ndarray:
    """Those of the CRs at ``crs`` in ``arr`` that are not the first half of a CRLF."""
    lone = np.ones(len(crs), dtype=bool)
    inside = crs + 1 < len(arr)
    lone[inside] = arr[crs[inside] + 1] != 10
    return crs[lone]


def first_long_line(data: Buffer, limit: int, nl: bytes = b"\n") -> int | None:
    """The number of the first line longer than ``limit`` bytes, or None.

    Jumps to the last newline within ``limit`` bytes, so it runs ``len(data) / limit`` C-level
    searches, not one per line.
    """
    start, size = 0, len(data)
    while size - start > limit:
        end = data.rfind(nl, start, start + limit + 1)
        if end < 0:
            return count_byte(data, nl, start) + 1
        start = end + 1
    return None


def longest_line(ends: np.ndarray, size: int) -> int:
    """The length in bytes of the longest line of a file of ``size`` bytes whose line ends (LF
    offsets) are ``ends``, its LF not counted: :func:`first_long_line`'s answer for any limit, from
    one pass over 10⁶ offsets instead of a search every ``limit`` bytes of the file."""
    starts = np.r_[0, ends + 1]
    stops = np.r_[ends, size]
    return int((stops - starts).max())


def all_space(data: Buffer) -> bool:
    """Whether ``data`` holds nothing but white space (what ``data.strip()`` finds empty), read a
    chunk at a time: a real file answers on its first bytes (1 MB at a time: a slice of a memory
    map is a copy, and 16 MB of one cost 8 ms a file)."""
    return all(data[i:i + SCAN].isspace() for i in range(0, len(data), SCAN)) if len(data) else True


def check_csv(data: Buffer, label: str, limits: Limits, problems: list[Problem], sep: bytes = b",",
              ends: np.ndarray | None = None) -> int | None:
    """The number of lines of a CSV file's bytes, or None when it must not be parsed.

    Rows, line length and header width, checked with byte counts and searches over the raw
    bytes (C loops): well under a second for 1 GB. ``ends``: the file's LF offsets when already
    known (:func:`line_ends`), which then count its lines.
    """
    before = len(problems)
    nl = newline(data)
    lines = (len(ends) if ends is not None and nl == b"\n" else count_byte(data, nl)) + (data[-1:] != nl)
    if lines - 1 > limits.rows:
        problems.append(over(label, None, None, "too_many_rows", "rows", limits.rows, rows=f"{lines - 1:,}"))
    long_line = first_long_line(data, limits.line_bytes, nl)
    if long_line is not None:
        problems.append(over(label, long_line, None, "line_too_long", "line_bytes", limits.line_bytes))
    header_end = data.find(nl, 0, limits.line_bytes + 1)
    commas = data[:header_end if header_end >= 0 else limits.line_bytes].count(sep)
    if commas + 1 > limits.columns:
        more = "+" if header_end < 0 < len(data) - limits.line_bytes else ""  # counted within line_bytes only
        problems.append(over(label, 1, None, "too_many_columns", "columns", limits.columns,
                             columns=f"{commas + 1:,}{more}"))
    return lines if len(problems) == before else None


def long_cells(column: pa.Array, limit: int) -> list[int]:
    """Positions of the cells longer than ``limit`` characters (one arrow kernel per column)."""
    too_long = pc.greater(pc.utf8_length(column), limit)
    if not pc.any(too_long).as_py():
        return []
    return pc.indices_nonzero(pc.fill_null(too_long, False)).to_pylist()


# ---------------------------------------------------------------------------- xlsx

def _stream(zf: zipfile.ZipFile, name: str) -> Iterator[tuple[bytes, bytes]]:
    """A zip member in chunks: ``(window, fresh)``, the window starting with the previous chunk's tail.

    Regexes search the window (no token is cut at a chunk edge); counts use the fresh bytes.
    """
    tail = b""
    with zf.open(name) as fh:
        while chunk := fh.read(CHUNK):
            yield tail + chunk, chunk
            tail = chunk[-_OVERLAP:]


def _target(base: str, target: str) -> str:
    """A relationship target resolved against the folder of the part that names it."""
    if target.startswith("/"):
        return target.lstrip("/")
    return str(PurePosixPath(base).parent / target) if "/" in base else target


def _relationships(zf: zipfile.ZipFile, names: dict[str, str], rels: str) -> list[ElementTree.Element]:
    part = names.get(rels.lower())
    if part is None or zf.getinfo(part).file_size > _SMALL_PART:
        return []
    return list(ElementTree.fromstring(zf.read(part)))


def _parts(zf: zipfile.ZipFile) -> tuple[dict[str, str], str | None] | None:
    """Sheet name → worksheet part, and the shared-strings part, from the workbook's own index.

    None when the index cannot be read (openpyxl could not read the workbook either).
    """
    names = {n.lower(): n for n in zf.namelist()}
    try:
        office = next((r.get("Target", "") for r in _relationships(zf, names, "_rels/.rels")
                       if r.get("Type", "").endswith("/officeDocument")), "xl/workbook.xml")
        book = _target("", office)
        rels = _relationships(zf, names, str(PurePosixPath(book).parent / "_rels" / (PurePosixPath(book).name
                                                                                  + ".rels")))
        part = names.get(book.lower())
        if part is None or zf.getinfo(part).file_size > _SMALL_PART:
            return None
        root = ElementTree.fromstring(zf.read(part))
    except (ElementTree.ParseError, KeyError):
        return None
    targets = {r.get("Id"): names.get(_target(book, r.get("Target", "")).lower()) for r in rels}
    strings = next((t for r in rels if r.get("Type", "").endswith("/sharedStrings")
                    and (t := targets.get(r.get("Id")))), None)
    sheets = {el.get("name", ""): targets[el.get(_NS_REL)] for el in root.iter()
              if el.tag.endswith("}sheet") and targets.get(el.get(_NS_REL))}
    return sheets, strings


def sheet_names(path: str | Path) -> list[str]:
    """The workbook's sheet names, in its order, from its own index ([] when it cannot be read)."""
    try:
        with zipfile.ZipFile(path) as zf:
            parts = _parts(zf)
    except (OSError, zipfile.BadZipFile):
        return []
    return list(parts[0]) if parts else []


def _check_strings(zf: zipfile.ZipFile, part: str, label: str, limits: Limits, problems: list[Problem]) -> bool:
    """Declared, then actual, number of shared strings (each distinct cell text of the workbook is one)."""
    limit = limits.shared_strings
    with zf.open(part) as fh:
        head = fh.read(_HEAD)
    sst = re.search(rb"<(?:\w+:)?sst\b[^>]*>", head)
    declared = [int(n) for n in re.findall(rb'\b(?:uniqueCount|count)="(\d+)"', sst.group(0))] if sst else []
    if declared and max(declared) > limit:
        problems.append(over(label, None, None, "too_many_strings", "shared_strings", limit,
                             count=f"{max(declared):,}"))
        return False
    seen = 0
    for _window, fresh in _stream(zf, part):
        seen += fresh.count(b"<si>") + fresh.count(b"<si ")
        if seen > limit:
            problems.append(over(label, None, None, "too_many_strings", "shared_strings", limit,
                                 count=f"{seen:,}+"))
            return False
    return True


def widest_row(chunk: bytes, open_row: int) -> tuple[int, int]:
    """The most cells in one row of a worksheet ``chunk``, counting the ``open_row`` cells of a row
    begun in earlier chunks; and the cells of the row still open at the chunk's end.

    Vectorised: the positions of ``<c`` and ``<row`` tokens, and each cell's row by a search.
    """
    a = np.frombuffer(chunk, dtype=np.uint8)
    lt = np.flatnonzero(a[:-2] == ord("<"))
    second, third = a[lt + 1], a[lt + 2]
    cell_at = lt[(second == ord("c")) & np.isin(third, np.frombuffer(b" >/", dtype=np.uint8))]
    row_at = lt[(second == ord("r")) & (third == ord("o"))]
    per_row = np.bincount(np.searchsorted(row_at, cell_at), minlength=len(row_at) + 1)
    per_row[0] += open_row
    return int(per_row.max()), int(per_row[-1])


def _check_sheet(zf: zipfile.ZipFile, part: str, label: str, limits: Limits, problems: list[Problem]) -> bool:
    """A worksheet's declared dimension, then its actual row numbers, column letters and cell count."""
    max_row = str(limits.rows + 1)  # the header is row 1
    max_col = column_letters(limits.columns)
    with zf.open(part) as fh:
        head = fh.read(_HEAD)
    dim = re.search(rb'<(?:\w+:)?dimension\s+ref="([A-Z$0-9]+)(?::([A-Z$0-9]+))?"', head)
    if dim:
        row, col = _split_ref((dim.group(2) or dim.group(1)).decode())
        if row > int(max_row):
            problems.append(over(label, row, None, "too_many_rows", "rows", limits.rows, rows=f"{row - 1:,}"))
            return False
        if _column_number(col) > limits.columns:
            problems.append(over(label, None, col, "too_many_columns", "columns", limits.columns,
                                 columns=f"{_column_number(col):,}"))
            return False
    far_row = re.compile(rb'<(?:\w+:)?row\b[^>]*?\br="(' + _above(max_row, _DIGITS).encode() + rb')"')
    far_col = re.compile(rb'<(?:\w+:)?c\b[^>]*?\br="(' + _above(max_col, _LETTERS).encode() + rb')(\d+)"')
    rows = cells = open_row = 0
    for window, fresh in _stream(zf, part):
        rows += fresh.count(b"<row ") + fresh.count(b"<row>")
        cells += fresh.count(b"<c ") + fresh.count(b"<c>") + fresh.count(b"<c/>")
        widest, open_row = widest_row(fresh, open_row)
        if widest > limits.columns:  # cells without an r="" reference widen a row as much as far letters do
            problems.append(over(label, None, None, "too_many_columns", "columns", limits.columns,
                                 columns=f"{widest:,}+"))
            return False
        if m := far_row.search(window):
            problems.append(over(label, int(m.group(1)), None, "too_many_rows", "rows", limits.rows,
                                 rows=f"{int(m.group(1)) - 1:,}+"))
            return False
        if m := far_col.search(window):
            letters = m.group(1).decode()
            problems.append(over(label, int(m.group(2)), letters, "too_many_columns", "columns", limits.columns,
                                 columns=f"{_column_number(letters):,}"))
            return False
        if rows - 1 > limits.rows:
            problems.append(over(label, None, None, "too_many_rows", "rows", limits.rows, rows=f"{rows - 1:,}+"))
            return False
        if cells > limits.cells:
            problems.append(over(label, None, None, "too_many_cells", "cells", limits.cells, cells=f"{cells:,}+"))
            return False
    return True


_FORMULA = re.compile(rb"<(?:\w+:)?f[\s>/]")
_ROW = re.compile(rb"<(?:\w+:)?row\s[^>]*>")
_ROW_NUMBER = re.compile(rb"\br=\"(\d+)\"")
_HIDDEN = re.compile(rb"\bhidden=\"(?:1|true)\"")
_MERGE = re.compile(rb"<(?:\w+:)?mergeCell\s[^>]*?ref=\"\$?([A-Z]+)\$?(\d+):\$?([A-Z]+)\$?(\d+)\"")


class SheetMarks(NamedTuple):
    """What readers of a worksheet would silently read as empty, or read without a word:

    - ``uncached``: (row number, column number) of each cell that holds a formula without its
      calculated value: a program that does not calculate (openpyxl, many exporters) stores
      ``<f>`` with an empty ``<v/>`` — a budget of 0, a missing link. Excel and LibreOffice store
      the value. An empty value of a text formula (``t="str"``, a formula giving "") is a value.
    - ``merged``: (first row, first column, last row, last column) of each merged range: readers
      give its value to its first cell only, though the sheet shows it across the range (an
      agency merged over its projects' rows).
    - ``hidden``: the numbers of the rows hidden in the sheet (a filter, rows someone hid): read
      like the others, though the person who hid them may think them gone.
    """

    uncached: list[tuple[int, int]]
    merged: list[tuple[int, int, int, int]]
    hidden: list[int]


def sheet_marks(zf: zipfile.ZipFile, part: str) -> SheetMarks:
    """The :class:`SheetMarks` of the worksheet ``part``, from one decompression of it (and a
    second, parsing cell by cell, only for a sheet with formulas)."""
    formulas, merged, hidden = False, set(), set()
    for window, _ in _stream(zf, part):
        formulas = formulas or _FORMULA.search(window) is not None
        for m in _MERGE.finditer(window):
            c1, r1, c2, r2 = m.group(1).decode(), int(m.group(2)), m.group(3).decode(), int(m.group(4))
            merged.add((r1, _column_number(c1), r2, _column_number(c2)))
        if _HIDDEN.search(window):   # most sheets hide nothing: their rows are not looked at one by one
            hidden.update(int(r) for tag in _ROW.findall(window) if _HIDDEN.search(tag)
                          for r in _ROW_NUMBER.findall(tag))
    return SheetMarks(_uncached(zf, part) if formulas else [], sorted(merged), sorted(hidden))


def _uncached(zf: zipfile.ZipFile, part: str) -> list[tuple[int, int]]:
    out, row, col = [], 0, 0
    with zf.open(part) as fh:
        for event, el in ElementTree.iterparse(fh, events=("start", "end")):
            tag = el.tag.rpartition("}")[2]
            if event == "start":
                if tag == "row":
                    row, col = int(el.get("r") or row + 1), 0
                elif tag == "c":
                    ref = el.get("r")
                    col = _column_number(_split_ref(ref)[1]) if ref else col + 1
            elif tag == "c":
                kids = {child.tag.rpartition("}")[2]: child for child in el}
                value = kids.get("v")
                if "f" in kids and (value is None or not value.text) and el.get("t") != "str":
                    out.append((row, col))
                el.clear()
            elif tag == "row":
                el.clear()
    return out


def check_workbook(zf: zipfile.ZipFile, name: str, wanted: set[str], limits: Limits,
                   problems: list[Problem]) -> dict[str, str] | None:
    """The sheets of ``wanted`` (lower-case keys) the workbook has, each with its part's name,
    or None when the workbook must not be parsed.

    Checked in order of cost: the zip directory's uncompressed sizes, the shared strings, then
    each wanted sheet; sheets graphkpi does not read are never opened.
    """
    total = sum(i.file_size for i in zf.infolist())
    if total > limits.xlsx_bytes:
        problems.append(over(name, None, None, "xlsx_too_big", "xlsx_bytes", limits.xlsx_bytes, size=f"{total:,}"))
        return None
    parts = _parts(zf)
    if parts is None:
        problems.append(problem(name, None, None, "bad_workbook", reason="xl/workbook.xml"))
        return None
    sheets, strings = parts
    if strings and not _check_strings(zf, strings, name, limits, problems):
        return None
    chosen = {s: part for s, part in sheets.items() if s.strip().lower().removesuffix(".csv") in wanted}
    for sheet, part in chosen.items():
        if not _check_sheet(zf, part, f"{name}[{sheet}]", limits, problems):
            return None
    return chosen
