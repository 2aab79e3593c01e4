"""Cells of the contract's fixed value lists, read as the values they mean.

A planner writes ``Lead``, `` lead `` or ``เจ้าภาพ``; every check and both backends should see
``lead``. Each listed column (``graphkpi.model.VALUE_LISTS``) is compared trimmed and
case-insensitively, and the documented Thai spellings (``graphkpi/reference/values.csv``) are
read as the value they stand for. A cell outside its list is kept as written (trimmed): GK004
reports it, and the checks that read the column leave its row out.
"""

from __future__ import annotations

from functools import cache

import pandas as pd

from graphkpi import reference
from graphkpi.load.values import by_distinct, clean_id
from graphkpi.model import VALUE_LISTS


@cache
def spellings(file: str, column: str) -> dict[str, str]:
    """Every accepted spelling of ``file``'s ``column``, case-folded → the value it means."""
    out = {v.casefold(): v for v in VALUE_LISTS[(file, column)]}
    table = reference.value_spellings()
    mine = table[(table["file"] == file) & (table["column"] == column)]
    out.update({clean_id(w).casefold(): v for w, v in zip(mine["written"], mine["value"], strict=True)})
    return out


def read_values(col: pd.Series, file: str, column: str) -> pd.Series:
    """``col`` with each accepted spelling replaced by its value; empty and unknown cells trimmed, as written.

    Runs once per distinct cell (a national bundle repeats a handful of roles 10⁵ times).
    """
    known = spellings(file, column)
    uniques, codes = by_distinct(col)
    read = [known.get(t.casefold(), t) for t in (clean_id(str(u)) if isinstance(u, str) else "" for u in uniques)]
    return pd.Series(pd.Series(read, dtype=object).to_numpy()[codes], index=col.index, dtype=object)
