"""Cell-level parsing, vectorised over whole columns: years, money, lists, ids.

Each parser returns the parsed column plus the index labels of cells it could not read,
so the caller can report every bad cell with its row and column at once.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

BE_OFFSET = 543
BE_THRESHOLD = 2400
_THAI_DIGITS = str.maketrans("๐๑๒๓๔๕๖๗๘๙", "0123456789")
_YEAR = r"^\D*?(\d{4})(?:\.0+)?\s*$"
_MONEY_NOISE = r"[,\s฿]|บาท"


def thai_digits(col: pd.Series) -> pd.Series:
    """Thai digits (๐–๙) are common in government spreadsheets; read them as 0–9."""
    return col.str.translate(_THAI_DIGITS)


def _arrow(col: pd.Series) -> pa.Array:
    return pa.array(col.to_numpy(dtype=object), type=pa.string(), from_pandas=True)


def _series(arr: pa.Array, like: pd.Series) -> pd.Series:
    return pd.Series(arr.to_numpy(zero_copy_only=False), index=like.index, dtype=object)


def parse_years(col: pd.Series) -> tuple[pd.Series, pd.Series, pd.Index]:
    """Fiscal years as Common Era ints, whether each was given in BE, and the bad cells.

    Accepts ``2567``, ``2024``, ``๒๕๖๗``, ``พ.ศ. 2567``, ``2567.0``; BE is any year ≥ 2400.
    """
    year = pd.to_numeric(col, errors="coerce")  # fast path: plain numbers
    slow = year.isna() | (year != year.round())
    if slow.any():
        digits = thai_digits(col[slow].str.strip()).str.extract(_YEAR, expand=False)
        year = year.where(~slow, pd.to_numeric(digits, errors="coerce"))
    bad = year.isna() | (year < 1900) | (year > 2800) | ((year >= 2100) & (year < BE_THRESHOLD))
    is_be = (year >= BE_THRESHOLD).fillna(False)
    ce = year.where(~is_be, year - BE_OFFSET)
    return ce.fillna(0).astype("int64"), is_be.astype(bool), col.index[bad.to_numpy()]


def parse_money(col: pd.Series) -> tuple[pd.Series, pd.Index]:
    """Baht amounts; ``1,250,000``, ``฿ 1 250 000`` and Thai digits are accepted, empty is NaN."""
    arr = _arrow(col)
    if pc.any(pc.match_substring_regex(arr, "[๐-๙]")).as_py():
        arr = _arrow(thai_digits(col))
    cleaned = pc.replace_substring_regex(arr, _MONEY_NOISE, "")
    text = _series(cleaned, col)
    empty = (text == "").to_numpy()
    try:
        value = pd.Series(pc.cast(pc.if_else(pc.equal(cleaned, ""), None, cleaned), pa.float64()).to_numpy(
            zero_copy_only=False), index=col.index)
    except pa.ArrowInvalid:
        value = pd.to_numeric(text.where(~empty, None), errors="coerce")
    bad = value.isna().to_numpy() & ~empty
    return value.astype("float64"), col.index[bad]


def parse_numbers(col: pd.Series) -> pd.Series:
    """Optional numeric cells (KPI targets); unreadable cells become NaN."""
    text = thai_digits(col).str.replace(_MONEY_NOISE, "", regex=True)
    return pd.to_numeric(text.where(text != "", None), errors="coerce").astype("float64")


def explode_list(ids: pd.Series, cells: pd.Series, left: str, right: str) -> pd.DataFrame:
    """Turn a ``;``-list column into a two-column edge table ``(left, right)``."""
    mask = cells != ""
    if not mask.any():
        return pd.DataFrame({left: pd.Series(dtype=object), right: pd.Series(dtype=object)})
    cells, ids = cells[mask], ids[mask]
    multi = pc.match_substring(_arrow(cells), ";").to_numpy(zero_copy_only=False)
    simple = pd.DataFrame({left: ids[~multi].to_numpy(), right: cells[~multi].to_numpy()})
    items = cells[multi].str.split(";")
    many = pd.DataFrame({left: ids[multi].to_numpy(), right: items.to_numpy()}).explode(right)
    many[right] = many[right].str.strip()
    frame = pd.concat([simple, many[many[right] != ""]], ignore_index=True)
    return frame.drop_duplicates().reset_index(drop=True).astype(object)


def clean_ids(col: pd.Series) -> pd.Series:
    """Ids are compared after trimming; everything else about them is kept as written."""
    arr = _arrow(col)
    if not pc.any(pc.match_substring_regex(arr, r"^\s|\s$")).as_py():
        return col
    return _series(pc.utf8_trim_whitespace(arr), col)


def is_blank(col: pd.Series) -> np.ndarray:
    """Empty cells of a column already trimmed by :func:`clean_ids`."""
    return (col == "").to_numpy()
