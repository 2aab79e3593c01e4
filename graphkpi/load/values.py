"""Cell-level parsing, vectorised over whole columns: years, money, lists, ids.

Each parser returns the parsed column plus the index labels of cells it could not read,
so the caller can report every bad cell with its row and column at once.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

BE_OFFSET = 543
BE_THRESHOLD = 2400
_THAI_DIGITS = str.maketrans("๐๑๒๓๔๕๖๗๘๙", "0123456789")
_YEAR = r"^\D*?(\d{4})(?:\.0+)?\s*$"
_MONEY_NOISE = r"[,\s฿]|บาท"


def thai_digits(col: pd.Series) -> pd.Series:
    """Thai digits (๐–๙) are common in government spreadsheets; read them as 0–9."""
    return col.str.translate(_THAI_DIGITS)


def parse_years(col: pd.Series) -> tuple[pd.Series, pd.Series, pd.Index]:
    """Fiscal years as Common Era ints, whether each was given in BE, and the bad cells.

    Accepts ``2567``, ``2024``, ``๒๕๖๗``, ``พ.ศ. 2567``, ``2567.0``; BE is any year ≥ 2400.
    """
    text = thai_digits(col.str.strip())
    digits = text.str.extract(_YEAR, expand=False)
    year = pd.to_numeric(digits, errors="coerce")
    bad = year.isna() | (year < 1900) | (year > 2800) | ((year >= 2100) & (year < BE_THRESHOLD))
    is_be = (year >= BE_THRESHOLD).fillna(False)
    ce = year.where(~is_be, year - BE_OFFSET)
    return ce.fillna(0).astype("int64"), is_be.astype(bool), col.index[bad.to_numpy()]


def parse_money(col: pd.Series) -> tuple[pd.Series, pd.Index]:
    """Baht amounts; ``1,250,000``, ``฿ 1 250 000`` and Thai digits are accepted, empty is NaN."""
    text = thai_digits(col).str.replace(_MONEY_NOISE, "", regex=True)
    empty = text == ""
    value = pd.to_numeric(text.where(~empty, None), errors="coerce")
    bad = value.isna() & ~empty
    return value.astype("float64"), col.index[bad.to_numpy()]


def parse_numbers(col: pd.Series) -> pd.Series:
    """Optional numeric cells (KPI targets); unreadable cells become NaN."""
    text = thai_digits(col).str.replace(_MONEY_NOISE, "", regex=True)
    return pd.to_numeric(text.where(text != "", None), errors="coerce").astype("float64")


def explode_list(ids: pd.Series, cells: pd.Series, left: str, right: str) -> pd.DataFrame:
    """Turn a ``;``-list column into a two-column edge table ``(left, right)``."""
    mask = cells.str.strip() != ""
    if not mask.any():
        return pd.DataFrame({left: pd.Series(dtype=str), right: pd.Series(dtype=str)})
    items = cells[mask].str.split(";")
    frame = pd.DataFrame({left: ids[mask].to_numpy(), right: items.to_numpy()}).explode(right)
    frame[right] = frame[right].str.strip()
    frame = frame[frame[right] != ""]
    return frame.drop_duplicates().reset_index(drop=True)


def clean_ids(col: pd.Series) -> pd.Series:
    """Ids are compared after trimming; everything else about them is kept as written."""
    return col.str.strip()


def is_blank(col: pd.Series) -> np.ndarray:
    return (col.str.strip() == "").to_numpy()
