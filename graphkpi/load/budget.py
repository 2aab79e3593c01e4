"""budget_lines.csv: the lines of the budget system (e-Budgeting, GFMIS) that fund projects.

The 2021 cabinet resolution asks for eMENSCR's projects to be tied to the budget systems; a
line names the project it funds, so the plan's figures can be reconciled with the budget's
(GK601, GK602). The file is optional: without it the graph's ``budget_lines`` table is empty
and nothing that reads it changes. Amounts and years go through the projects' own parsers
(thousands separators, Thai digits, BE or CE), whole columns at a time, so 10⁶ lines load at
the speed of the parse.
"""

from __future__ import annotations

import re

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from graphkpi.load.errors import Problem, problem
from graphkpi.load.sources import RawTable, cells_problem
from graphkpi.load.values import arrow_strings, clean_ids, is_blank, parse_money, parse_years

LINE_COLUMNS = ("code", "project", "fiscal_year", "amount", "disbursed")


def empty_lines() -> pd.DataFrame:
    """The table of a bundle without budget_lines.csv."""
    return pd.DataFrame({"code": pd.Series(dtype=object), "project": pd.Series(dtype=object),
                         "fiscal_year": pd.Series(dtype="int64"), "amount": pd.Series(dtype="float64"),
                         "disbursed": pd.Series(dtype="float64")})


def parse_lines(table: RawTable | None, problems: list[Problem]) -> pd.DataFrame:
    """The lines as ``code``, ``project``, ``fiscal_year`` (CE int), ``amount``, ``disbursed``
    (float, NaN when not given); every bad cell and repeated key is added to ``problems``."""
    if table is None:
        return empty_lines()
    frame = table.frame
    given = set(frame.columns)  # a missing column is reported once, on the header, not on every row
    for col in LINE_COLUMNS:
        if col not in frame.columns:
            frame[col] = ""
    frame["code"] = clean_ids(frame["code"])  # project and fiscal_year are trimmed with every reference
    before = len(problems)
    if "code" in given:
        problems += cells_problem(table, frame.index[is_blank(frame["code"])], "code", "required_value")
    years, _, bad_years = parse_years(frame["fiscal_year"])
    problems += cells_problem(table, bad_years[~is_blank(frame["fiscal_year"].loc[bad_years])], "fiscal_year",
                              "bad_year", quote=True)  # a blank year is already reported as missing
    amounts = {}
    for col in ("amount", "disbursed"):
        amounts[col], bad = parse_money(frame[col])  # white space is money noise: no trim needed first
        for key, where in bad.items():
            problems += cells_problem(table, where, col, key, quote=True)
        if col == "amount" and "amount" in given:  # required: empty (or blank) and not reported as bad
            unread = np.zeros(len(frame), dtype=bool)
            for where in bad.values():
                unread[frame.index.get_indexer(where)] = True
            problems += cells_problem(table, frame.index[amounts[col].isna().to_numpy() & ~unread], col,
                                      "required_value")
    # keys repeated among the lines whose code and year read: listed with the cells' problems
    keyed = ~is_blank(frame["code"]) & (years.to_numpy() != 0) if len(problems) > before else None
    problems += _repeated_keys(table, frame["code"], years, keyed)
    # ids stay arrow-backed text, as in every other table (no Python string per line); copy=False:
    # the columns are kept as they are, not copied into one block of the three numeric ones
    return pd.DataFrame({"code": frame["code"], "project": frame["project"], "fiscal_year": years,
                         "amount": amounts["amount"], "disbursed": amounts["disbursed"]},
                        copy=False).reset_index(drop=True)


def _repeated_keys(table: RawTable, codes: pd.Series, years: pd.Series,
                   keyed: np.ndarray | None = None) -> list[Problem]:
    """A line's key is unique per fiscal year (the contract): every row of a repeated
    (code, fiscal_year) is named, with its twins; years compared as CE, so 2567 = 2024.
    ``keyed``: the lines to compare, when some have a blank code or an unreadable year (0).

    Budget systems number their lines (GFMIS, e-Budgeting): when every code reads as a whole
    number, only the lines whose number repeats (in any year) can repeat a key, found by hashing
    integers; the text of those few is compared exactly (``007`` and ``7`` are two codes).
    Hashing 1.5 × 10⁶ distinct texts took 0.4 s of the load.
    """
    at = None if keyed is None or keyed.all() else np.flatnonzero(keyed)   # frame rows of the lines compared
    if at is not None:
        codes, years = codes.iloc[at], years.iloc[at]
    suspects = _repeated_numbers(codes)
    if suspects is not None:
        if not suspects.any():
            return []
        where = np.flatnonzero(suspects)
        repeated = np.zeros(len(codes), dtype=bool)
        repeated[where] = _repeated_pairs(codes.iloc[where], years.iloc[where])
    else:
        repeated = _repeated_pairs(codes, years)
    if not repeated.any():
        return []
    found = np.flatnonzero(repeated)
    keys = _pair_keys(codes.iloc[found], years.iloc[found])
    positions = found if at is None else at[found]
    rows = pd.Series([table.row_number(int(i)) for i in positions], index=keys)
    twins = rows.groupby(level=0, sort=False).agg(lambda r: ", ".join(map(str, r)))
    code_cells, year_cells = table.frame["code"], table.frame["fiscal_year"]
    return [problem(table.label, int(row), "code", "duplicate_line", code=repr(code_cells.iat[int(i)]),
                    year=year_cells.iat[int(i)], rows=twins[k]) for i, (k, row) in zip(positions, rows.items(),
                                                                                       strict=True)]


def _repeated_numbers(codes: pd.Series) -> np.ndarray | None:
    """Per line, whether it must be compared as text: its code's number (after the letters every
    code starts with, ``BL00000001``: a system's prefix) is another line's too, or its code has no
    such number (``BLX0``). Equal codes have equal numbers, so no repeat is missed. None when no
    code has a number (then every code is compared as text)."""
    text = arrow_strings(codes)
    prefix = _shared_prefix(text)
    if prefix:
        text = pc.utf8_slice_codeunits(text, len(prefix))
    numbered = pc.fill_null(pc.match_substring_regex(text, _NUMBER), False).to_numpy(zero_copy_only=False)
    if not numbered.any():
        return None
    values = pc.cast(pc.filter(text, pa.array(numbered)), pa.int64()).to_numpy(zero_copy_only=False)
    ordered = np.sort(values)          # a sort of integers: a quarter of hashing them
    again = ordered[1:][ordered[1:] == ordered[:-1]]
    suspects = ~numbered
    if len(again):
        suspects[numbered] = np.isin(values, again)
    return suspects


_NUMBER = r"^[0-9]{1,18}$"   # a whole number an int64 holds


def _shared_prefix(text: pa.Array | pa.ChunkedArray) -> str:
    """The letters (no digit) the first code starts with, when every code starts with them; else ""."""
    if not len(text) or text.null_count:
        return ""
    prefix = _LETTERS.match(text[0].as_py()).group()   # type: ignore[union-attr]
    return prefix if prefix and pc.all(pc.starts_with(text, prefix)).as_py() else ""


_LETTERS = re.compile(r"\D*")


def _repeated_pairs(codes: pd.Series, years: pd.Series) -> np.ndarray:
    """Per line, whether another line has the same code and year."""
    return pd.Series(_pair_keys(codes, years)).duplicated(keep=False).to_numpy()


def _pair_keys(codes: pd.Series, years: pd.Series) -> np.ndarray:
    """Each line's (code, year) as one integer: the code's and the year's positions among the
    distinct ones."""
    code_ids, _ = pd.factorize(codes, use_na_sentinel=False)
    year_ids, year_values = pd.factorize(years, use_na_sentinel=False)
    return code_ids.astype(np.int64) * len(year_values) + year_ids
