"""Read a bundle's raw tables from a folder of CSV files or one ``.xlsx`` workbook.

Every cell is read as text (ids such as ``050101`` keep their leading zeros); headers are
matched case-insensitively. Problems are appended to the caller's list rather than raised,
so one run reports every missing file, column and unreadable file at once.
"""

from __future__ import annotations

import csv
import io
import re
import zipfile
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from graphkpi.load.bounds import check_csv, check_workbook, first_long_line, long_cells, newline, over
from graphkpi.load.encoding import detect
from graphkpi.load.errors import Problem, problem
from graphkpi.load.limits import Limits
from graphkpi.load.schema import FILES, FileSpec
from graphkpi.load.values import arrow_strings, clean_header

HEADER_ROW = 1
_RAGGED = re.compile(r"Expected (\d+) fields in line (\d+), saw (\d+)")


@dataclass
class RawTable:
    """A table as read: text cells, normalised headers, and where it came from."""

    spec: FileSpec
    frame: pd.DataFrame
    label: str  # file name shown in messages, e.g. "projects.csv" or "bundle.xlsx[projects]"
    encoding: str = ""

    def row_number(self, index: int) -> int:
        """Spreadsheet row of data row ``index`` (0-based), the header being row 1."""
        return index + HEADER_ROW + 1


def _split_header(frame: pd.DataFrame) -> tuple[list[object], pd.DataFrame]:
    """The first row as the header, the rest as data (read with ``header=None`` so that pandas
    does not rename a repeated header to ``links.1``, which would hide it)."""
    header = frame.iloc[0].tolist() if len(frame) else list(frame.columns)
    return header, frame.iloc[1:].reset_index(drop=True)


def _normalise_headers(frame: pd.DataFrame, header: list[object], label: str,
                       problems: list[Problem]) -> pd.DataFrame | None:
    """Lower-case, trimmed column names; a name given twice (in any case or spacing) is reported."""
    cols = [clean_header(c) for c in header]
    named = [c for c in cols if c]
    for c in dict.fromkeys(c for i, c in enumerate(named) if c in named[:i]):
        problems.append(problem(label, HEADER_ROW, c, "column_twice"))
    if len(set(named)) != len(named):
        return None
    frame.columns = [c or f"unnamed: {i}" for i, c in enumerate(cols)]  # blank headers, as pandas names them
    return frame


def _check_columns(table: RawTable, problems: list[Problem]) -> bool:
    missing = [c for c in table.spec.required if c not in table.frame.columns]
    for c in missing:
        problems.append(problem(table.label, HEADER_ROW, c, "column_missing"))
    return not missing


def _check_cells(table: RawTable, limits: Limits, problems: list[Problem]) -> bool:
    """Every cell within ``cell_chars`` characters (one arrow kernel per column)."""
    before = len(problems)
    for col in table.frame.columns:
        for i in long_cells(arrow_strings(table.frame[col]), limits.cell_chars):
            problems.append(over(table.label, table.row_number(i), str(col), "cell_too_long", "cell_chars",
                                 limits.cell_chars, chars=f"{len(table.frame[col].iat[i]):,}"))
    return len(problems) == before


def _read_csv(path: Path, spec: FileSpec, limits: Limits, problems: list[Problem]) -> RawTable | None:
    label = spec.name
    try:
        size = path.stat().st_size
        if size > limits.file_bytes:
            problems.append(over(label, None, None, "file_too_big", "file_bytes", limits.file_bytes, size=f"{size:,}"))
            return None
        data = path.read_bytes()
    except OSError as exc:
        problems.append(problem(label, None, None, "unreadable", reason=exc.strerror or exc))
        return None
    if not data.strip():
        problems.append(problem(label, None, None, "empty"))
        return None
    lines = check_csv(data, label, limits, problems)
    if lines is None:
        return None
    try:
        encoding = detect(data)
    except UnicodeDecodeError as exc:
        problems.append(problem(label, None, None, "encoding", byte=exc.start))
        return None
    try:
        frame = pd.read_csv(io.BytesIO(data), encoding=encoding, dtype=object, keep_default_na=False, na_filter=False,
                            skip_blank_lines=True, quoting=csv.QUOTE_MINIMAL, index_col=False, header=None)
    except (pd.errors.ParserError, ValueError) as exc:
        m = _RAGGED.search(str(exc))
        if m:
            problems.append(problem(label, int(m.group(2)), None, "ragged", cells=m.group(3), header=m.group(1)))
        else:
            problems.append(problem(label, None, None, "bad_csv", reason=exc))
        return None
    header, frame = _split_header(frame)
    frame = _normalise_headers(frame, header, label, problems)
    if frame is None:
        return None
    table = RawTable(spec, frame, label, encoding)
    # One row per line and no line longer than cell_chars bytes: no cell can be longer either.
    if len(frame) + 1 == lines and first_long_line(data, limits.cell_chars, newline(data)) is None:
        return table
    return table if _check_cells(table, limits, problems) else None


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
        if chosen is None:
            return None
        sheets = pd.read_excel(path, sheet_name=chosen, dtype=object, engine="openpyxl", header=None) if chosen else {}
    except Exception as exc:  # zipfile and openpyxl raise many types for corrupt files
        problems.append(problem(path.name, None, None, "bad_workbook", reason=exc))
        return None
    tables: dict[str, RawTable] = {}
    for sheet_name, raw in sheets.items():
        key = str(sheet_name).strip().lower().removesuffix(".csv")
        spec = FILES[key]
        label = f"{path.name}[{sheet_name}]"
        header, frame = _split_header(raw.fillna("").astype(str).astype(object))
        frame = frame.apply(lambda s: s.str.removesuffix(".0") if s.str.fullmatch(r"-?\d+\.0").all() else s)
        norm = _normalise_headers(frame, header, label, problems)
        if norm is not None:
            table = RawTable(spec, norm, label, "xlsx")
            if _check_cells(table, limits, problems):
                tables[key] = table
    return tables


def read_tables(source: Path, problems: list[Problem], limits: Limits | None = None) -> dict[str, RawTable]:
    """Read every known table of the bundle at ``source``; unknown files are ignored.

    A file beyond ``limits`` (default: :meth:`Limits.from_env`) is refused before it is parsed.
    """
    limits = limits or Limits.from_env()
    if source.is_file() and source.suffix.lower() in (".xlsx", ".xlsm"):
        book = _read_workbook(source, limits, problems)
        if book is None:
            return {}
        tables = book
        label_of = lambda spec: f"{source.name}[{spec.sheet}]"  # noqa: E731
    elif source.is_dir():
        tables = {}
        present = {p.name.lower(): p for p in source.iterdir() if p.is_file()}
        for key, spec in FILES.items():
            path = present.get(spec.name)
            if path is not None:
                table = _read_csv(path, spec, limits, problems)
                if table is not None:
                    tables[key] = table
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
            if workbooks:  # a folder holding the workbook instead of the CSVs
                problems.append(problem(label_of(spec), None, None, "file_missing_workbook", workbook=workbooks[0]))
            elif source.is_file():
                problems.append(problem(label_of(spec), None, None, "sheet_missing"))
            else:
                problems.append(problem(label_of(spec), None, None, "file_missing"))
    for table in tables.values():  # tables missing a column are kept so their ids are still checked
        _check_columns(table, problems)
    return tables
