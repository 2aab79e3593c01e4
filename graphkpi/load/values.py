"""Cell-level parsing, vectorised over whole columns: years, money, lists, ids.

Each parser returns the parsed column plus the index labels of cells it could not read,
so the caller can report every bad cell with its row and column at once.
"""

from __future__ import annotations

import re

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

BE_OFFSET = 543
BE_THRESHOLD = 2400
_THAI_DIGITS = str.maketrans("๐๑๒๓๔๕๖๗๘๙", "0123456789")
_YEAR = r"^\D*?(\d{4})(?:\.0+)?\s*$"
_MONEY_NOISE = r"[,\s฿]|บาท"
# What an id may carry at either end and still be the same id: Unicode white space (what
# str.strip removes: ASCII, NBSP U+00A0, U+3000 …) and the invisible zero-width characters
# that copying from web pages and Word leaves behind (U+200B–U+200D, U+2060, U+FEFF). The same
# class in RE2 (arrow) and in Python's re, so every reader trims alike.
_EDGE = r"\t-\r\x{1C}-\x{1F}\x{85}\p{Z}\x{200B}-\x{200D}\x{2060}\x{FEFF}"
_EDGE_RE2 = f"^[{_EDGE}]+|[{_EDGE}]+$"
_EDGE_PY = re.compile("^[{0}]+|[{0}]+$".format(
    "\t-\r\x1c-\x1f\x85\u00a0\u1680\u2000-\u200d\u2028\u2029\u202f\u205f\u2060\u3000\ufeff "))


def thai_digits(col: pd.Series) -> pd.Series:
    """Thai digits (๐–๙) are common in government spreadsheets; read them as 0–9."""
    return col.str.translate(_THAI_DIGITS)


def arrow_strings(col: pd.Series) -> pa.Array:
    """A text column as an arrow string array, for arrow's string kernels."""
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


def _nan_text(text: pd.Series, value: pd.Series) -> np.ndarray:
    """Cells that spell NaN out (``nan``), looked for only where no number was read."""
    out = np.zeros(len(text), dtype=bool)
    unread = value.isna().to_numpy() & (text != "").to_numpy() & text.notna().to_numpy()
    if unread.any():
        out[unread] = text[unread].str.fullmatch(r"[+-]?nan", case=False).to_numpy(dtype=bool)
    return out


# No plan line comes near 10^15 baht (a thousand trillion; Thailand's whole annual budget is
# about 3.5 × 10^12), and below it the sums of even 10^7 projects stay finite and exact enough.
MAX_BAHT = 10**15


def parse_money(col: pd.Series) -> tuple[pd.Series, dict[str, pd.Index]]:
    """Baht amounts; ``1,250,000``, ``฿ 1 250 000`` and Thai digits are accepted, empty is NaN.

    Returns the amounts and the cells that are not amounts, by problem key: unreadable
    (``bad_money``), ``inf``/``1e309``/``nan`` (``nonfinite_money``: they would print as
    ``Infinity``), below zero (``negative_money``: it would cancel other projects' baht at
    risk) and above ``MAX_BAHT`` (``huge_money``: two of ``1e308`` sum to infinity). Those cells
    are NaN in the amounts.
    """
    arr = arrow_strings(col)
    if pc.any(pc.match_substring_regex(arr, "[๐-๙]")).as_py():
        arr = arrow_strings(thai_digits(col))
    cleaned = pc.replace_substring_regex(arr, _MONEY_NOISE, "")
    text = _series(cleaned, col)
    empty = (text == "").to_numpy()
    try:
        value = pd.Series(pc.cast(pc.if_else(pc.equal(cleaned, ""), None, cleaned), pa.float64()).to_numpy(
            zero_copy_only=False), index=col.index)
    except pa.ArrowInvalid:
        value = pd.to_numeric(text.where(~empty, None), errors="coerce")
    value = value.astype("float64")
    unreadable = value.isna().to_numpy() & ~empty & ~_nan_text(text, value)
    nonfinite = ~np.isfinite(value.to_numpy()) & ~empty & ~unreadable
    negative = (value < 0).to_numpy() & ~nonfinite
    huge = (value > MAX_BAHT).to_numpy() & ~nonfinite
    bad = {"bad_money": col.index[unreadable], "nonfinite_money": col.index[nonfinite],
           "negative_money": col.index[negative], "huge_money": col.index[huge]}
    return value.where(~(nonfinite | negative | huge)), bad


def parse_numbers(col: pd.Series) -> tuple[pd.Series, pd.Index]:
    """Optional numeric cells (KPI targets): unreadable cells become NaN, and the cells holding
    ``inf``, ``1e309`` or ``nan`` are returned too (a KPI gap of infinity is no finding)."""
    text = thai_digits(col).str.replace(_MONEY_NOISE, "", regex=True)
    value = pd.to_numeric(text.where(text != "", None), errors="coerce").astype("float64")
    nonfinite = np.isinf(value.to_numpy()) | _nan_text(text, value)
    return value.where(~nonfinite), col.index[nonfinite]


def explode_list(ids: pd.Series, cells: pd.Series, left: str, right: str) -> pd.DataFrame:
    """Turn a ``;``-list column into a two-column edge table ``(left, right)``."""
    mask = cells != ""
    if not mask.any():
        return pd.DataFrame({left: pd.Series(dtype=object), right: pd.Series(dtype=object)})
    cells, ids = cells[mask], ids[mask]
    multi = pc.match_substring(arrow_strings(cells), ";").to_numpy(zero_copy_only=False)
    simple = pd.DataFrame({left: ids[~multi].to_numpy(), right: cells[~multi].to_numpy()})
    items = cells[multi].str.split(";")
    many = pd.DataFrame({left: ids[multi].to_numpy(), right: items.to_numpy()}).explode(right)
    many[right] = clean_ids(many[right])
    frame = pd.concat([simple, many[many[right] != ""]], ignore_index=True)
    return frame.drop_duplicates().reset_index(drop=True).astype(object)


def clean_ids(col: pd.Series) -> pd.Series:
    """Ids are compared after trimming white space and zero-width characters at both ends.

    Each cell's result depends on that cell alone: the scan that skips the rewrite uses the
    very class the rewrite removes, so a clean column is returned as it is and any other
    column is trimmed everywhere.
    """
    arr = arrow_strings(col)
    if not pc.any(pc.match_substring_regex(arr, _EDGE_RE2)).as_py():
        return col
    return _series(pc.replace_substring_regex(arr, _EDGE_RE2, ""), col)


def clean_id(text: str) -> str:
    """:func:`clean_ids` for one string (headers, reference lists)."""
    return _EDGE_PY.sub("", text)


def clean_header(name: object) -> str:
    """A column name as matched: trimmed like an id, lower-case (headers are case-insensitive)."""
    return clean_id(str(name)).lower()


def is_blank(col: pd.Series) -> np.ndarray:
    """Empty cells of a column already trimmed by :func:`clean_ids`."""
    return (col == "").to_numpy()
