"""budget_lines.csv: the lines of the budget system (e-Budgeting, GFMIS) that fund projects.

The 2021 cabinet resolution asks for eMENSCR's projects to be tied to the budget systems; a
line names the project it funds, so the plan's figures can be reconciled with the budget's
(GK601, GK602). The file is optional: without it the graph's ``budget_lines`` table is empty
and nothing that reads it changes. Amounts and years go through the projects' own parsers
(thousands separators, Thai digits, BE or CE), whole columns at a time, so 10⁶ lines load at
the speed of the parse.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from graphkpi.load.errors import Problem, problem
from graphkpi.load.sources import RawTable, cells_problem
from graphkpi.load.values import clean_ids, is_blank, parse_money, parse_years

COLUMNS = ("code", "project", "fiscal_year", "amount", "disbursed")
# A line without one of these says nothing (project and fiscal_year are checked with every file's
# references, by the loader's own required-value check).
REQUIRED_VALUES = ("code", "amount")


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
    for col in COLUMNS:
        if col not in frame.columns:
            frame[col] = ""
    for col in ("code", "amount", "disbursed"):  # project and fiscal_year are trimmed with every reference
        frame[col] = clean_ids(frame[col])
    before = len(problems)
    for col in (c for c in REQUIRED_VALUES if c in given):
        problems += cells_problem(table, frame.index[is_blank(frame[col])], col, "required_value")
    years, _, bad_years = parse_years(frame["fiscal_year"])
    problems += cells_problem(table, bad_years[~is_blank(frame["fiscal_year"].loc[bad_years])], "fiscal_year",
                              "bad_year")  # a blank year is already reported as missing
    amounts = {}
    for col in ("amount", "disbursed"):
        amounts[col], bad = parse_money(frame[col])
        for key, where in bad.items():
            problems += cells_problem(table, where, col, key, quote=key != "bad_money")
    if len(problems) == before:
        problems += _repeated_keys(table, frame["code"], years)
    # ids stay arrow-backed text, as in every other table (no Python string per line)
    return pd.DataFrame({"code": frame["code"], "project": frame["project"], "fiscal_year": years,
                         "amount": amounts["amount"], "disbursed": amounts["disbursed"]}).reset_index(drop=True)


def _repeated_keys(table: RawTable, codes: pd.Series, years: pd.Series) -> list[Problem]:
    """A line's key is unique per fiscal year (the contract): every row of a repeated
    (code, fiscal_year) is named, with its twins; years compared as CE, so 2567 = 2024."""
    key = pd.DataFrame({"code": codes.to_numpy(), "year": years.to_numpy()})
    dup = key.duplicated(keep=False).to_numpy()
    if not dup.any():
        return []
    positions = np.flatnonzero(dup)
    rows = key.iloc[positions].assign(row=[table.row_number(int(i)) for i in positions])
    twins = rows.groupby(["code", "year"], sort=False)["row"].agg(lambda r: ", ".join(map(str, r)))
    year_cells = table.frame["fiscal_year"]
    return [problem(table.label, int(row), "code", "duplicate_line", code=repr(code),
                    year=year_cells.iat[int(i)], rows=twins[(code, year)])
            for i, (code, year, row) in zip(positions, rows.itertuples(index=False, name=None), strict=True)]
