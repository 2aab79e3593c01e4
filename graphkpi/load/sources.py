"""Read a bundle's raw tables from a folder of CSV files or one ``.xlsx`` workbook.

Every cell is read as text (ids such as ``050101`` keep their leading zeros); headers are
matched case-insensitively. Problems are appended to the caller's list rather than raised,
so one run reports every missing file, column and unreadable file at once.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from graphkpi.load.encoding import detect
from graphkpi.load.errors import Problem, problem
from graphkpi.load.schema import FILES, FileSpec

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


def _normalise_headers(frame: pd.DataFrame, label: str, problems: list[Problem]) -> pd.DataFrame | None:
    cols = [str(c).replace("\ufeff", "").strip().lower() for c in frame.columns]
    seen: set[str] = set()
    for c in cols:
        if c in seen:
            problems.append(problem(label, HEADER_ROW, c, "column_twice"))
        seen.add(c)
    if len(seen) != len(cols):
        return None
    frame.columns = cols
    return frame


def _check_columns(table: RawTable, problems: list[Problem]) -> bool:
    missing = [c for c in table.spec.required if c not in table.frame.columns]
    for c in missing:
        problems.append(problem(table.label, HEADER_ROW, c, "column_missing"))
    return not missing


def _read_csv(path: Path, spec: FileSpec, problems: list[Problem]) -> RawTable | None:
    label = spec.name
    try:
        data = path.read_bytes()
    except OSError as exc:
        problems.append(problem(label, None, None, "unreadable", reason=exc.strerror or exc))
        return None
    if not data.strip():
        problems.append(problem(label, None, None, "empty"))
        return None
    try:
        encoding = detect(data)
    except UnicodeDecodeError as exc:
        problems.append(problem(label, None, None, "encoding", byte=exc.start))
        return None
    try:
        frame = pd.read_csv(io.BytesIO(data), encoding=encoding, dtype=object, keep_default_na=False, na_filter=False,
                            skip_blank_lines=True, quoting=csv.QUOTE_MINIMAL, index_col=False)
    except (pd.errors.ParserError, ValueError) as exc:
        m = _RAGGED.search(str(exc))
        if m:
            problems.append(problem(label, int(m.group(2)), None, "ragged", cells=m.group(3), header=m.group(1)))
        else:
            problems.append(problem(label, None, None, "bad_csv", reason=exc))
        return None
    frame = _normalise_headers(frame, label, problems)
    if frame is None:
        return None
    return RawTable(spec, frame, label, encoding)


def _read_workbook(path: Path, problems: list[Problem]) -> dict[str, RawTable]:
    try:
        sheets = pd.read_excel(path, sheet_name=None, dtype=object, engine="openpyxl")
    except Exception as exc:  # openpyxl raises many types for corrupt files
        problems.append(problem(path.name, None, None, "bad_workbook", reason=exc))
        return {}
    tables: dict[str, RawTable] = {}
    for sheet_name, frame in sheets.items():
        key = str(sheet_name).strip().lower().removesuffix(".csv")
        spec = FILES.get(key)
        if spec is None:
            continue
        label = f"{path.name}[{sheet_name}]"
        frame = frame.fillna("").astype(str).astype(object)
        frame = frame.apply(lambda s: s.str.removesuffix(".0") if s.str.fullmatch(r"-?\d+\.0").all() else s)
        norm = _normalise_headers(frame, label, problems)
        if norm is not None:
            tables[key] = RawTable(spec, norm, label, "xlsx")
    return tables


def read_tables(source: Path, problems: list[Problem]) -> dict[str, RawTable]:
    """Read every known table of the bundle at ``source``; unknown files are ignored."""
    if source.is_file() and source.suffix.lower() in (".xlsx", ".xlsm"):
        tables = _read_workbook(source, problems)
        label_of = lambda spec: f"{source.name}[{spec.sheet}]"  # noqa: E731
    elif source.is_dir():
        tables = {}
        present = {p.name.lower(): p for p in source.iterdir() if p.is_file()}
        for key, spec in FILES.items():
            path = present.get(spec.name)
            if path is not None:
                table = _read_csv(path, spec, problems)
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
