"""Cell-level parsing, vectorised over whole columns: years, money, lists, ids.

Each parser returns the parsed column plus the index labels of cells it could not read,
so the caller can report every bad cell with its row and column at once.
"""

from __future__ import annotations

import re
from collections.abc import Callable

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

BE_OFFSET = 543
BE_THRESHOLD = 2400
_TEXT = pa.large_string()
_THAI_DIGITS = str.maketrans("๐๑๒๓๔๕๖๗๘๙", "0123456789")
_YEAR = r"^\D*?(\d{4})(?:\.0+)?\s*$"
_MONEY_NOISE = r"[,\s฿]|บาท"
_ZERO_DASH = r"^[-–—]$"   # a dash alone is zero: Excel's accounting format shows 0 as "-", and saves it so
_MONEY_SPACE = r"[\s฿]|บาท"   # the noise but the commas, which must then group digits by three
_GROUPS = r"^[-+–—]?\d{1,3}(,\d{3})+(\.\d*)?$"
# Excel's General format for a number too wide for its cell: six significant digits (1.23457E+06),
# the rest lost. A number someone wrote as 1.5e6 is exact and reads as it is.
_SCIENTIFIC = r"^[-+]?\d\.\d{5}[eE]\+\d{2}$"
_WHOLE_BAHT = r"(\d)\.[-–—]+$"   # "1,200,000.-": whole baht, as Thai official documents write amounts
# What an id may carry at either end and still be the same id: Unicode white space (what
# str.strip removes: ASCII, NBSP U+00A0, U+3000 …) and the invisible zero-width characters
# that copying from web pages and Word leaves behind (U+200B–U+200D, U+2060, U+FEFF). One list
# of characters for arrow's utf8_trim and Python's re, so every reader trims alike; EDGE_RE2 is
# the same class as RE2 spells it (a test holds the two equal over every code point).
EDGE_CHARS = "".join(chr(c) for c in (*range(0x09, 0x0E), *range(0x1C, 0x20), 0x20, 0x85, 0xA0, 0x1680,
                                      *range(0x2000, 0x200E), 0x2028, 0x2029, 0x202F, 0x205F, 0x2060, 0x3000,
                                      0xFEFF))
EDGE_RE2 = r"[\t-\r\x{1C}-\x{1F}\x{85}\p{Z}\x{200B}-\x{200D}\x{2060}\x{FEFF}]"
_EDGE_PY = re.compile("^[{0}]+|[{0}]+$".format(re.escape(EDGE_CHARS)))


def thai_digits(col: pd.Series) -> pd.Series:
    """Thai digits (๐–๙) are common in government spreadsheets; read them as 0–9."""
    return col.str.translate(_THAI_DIGITS)


def arrow_strings(col: pd.Series) -> pa.Array | pa.ChunkedArray:
    """A text column as arrow strings, for arrow's string kernels.

    A column read by arrow (pandas' ``str`` dtype) hands over its own buffers; an object
    column (a workbook's, or a file pandas had to read) is converted.
    """
    if isinstance(col.dtype, pd.StringDtype) and col.dtype.storage == "pyarrow":
        return col.array.__arrow_array__()
    return pa.array(col.to_numpy(dtype=object), type=pa.string(), from_pandas=True)


def text_series(arr: pa.Array | pa.ChunkedArray, index: pd.Index | None = None) -> pd.Series:
    """Arrow strings as a pandas ``str`` column sharing arrow's buffers (no Python object per cell)."""
    out = pa.chunked_array([arr]) if isinstance(arr, pa.Array) else arr
    series = out.to_pandas()
    return series if index is None else series.set_axis(index)


def as_column(arr: pa.Array | pa.ChunkedArray, like: pd.Series) -> pd.Series:
    """``arr`` shaped like ``like``: arrow-backed when ``like`` is, object otherwise."""
    if isinstance(like.dtype, pd.StringDtype):
        return text_series(arr, like.index)
    return pd.Series(arr.to_numpy(zero_copy_only=False), index=like.index, dtype=object)


def by_distinct(col: pd.Series) -> tuple[pd.Series, np.ndarray]:
    """The distinct cells of ``col`` (as an object column) and each cell's position among them.

    Parsers whose result for a cell depends on that cell alone run once per distinct value and
    are spread back with ``take``: a national bundle repeats a handful of fiscal years a
    million times.
    """
    codes, uniques = pd.factorize(col, use_na_sentinel=False)
    return pd.Series(np.asarray(uniques, dtype=object), dtype=object), codes


def parse_years(col: pd.Series) -> tuple[pd.Series, pd.Series, pd.Index]:
    """Fiscal years as Common Era ints, whether each was given in BE, and the bad cells.

    Accepts ``2567``, ``2024``, ``๒๕๖๗``, ``พ.ศ. 2567``, ``2567.0``; BE is any year ≥ 2400.
    Each distinct cell is parsed once (see :func:`by_distinct`).
    """
    uniques, codes = by_distinct(col)
    ce, is_be, bad = _parse_years(uniques)
    bad_cell = np.zeros(len(uniques), dtype=bool)
    bad_cell[bad.to_numpy()] = True
    # copy=False: the arrays are new (pandas 3 would copy 10⁶ values again)
    return (pd.Series(ce.to_numpy()[codes], index=col.index, copy=False),
            pd.Series(is_be.to_numpy()[codes], index=col.index, copy=False), col.index[bad_cell[codes]])


def _parse_years(col: pd.Series) -> tuple[pd.Series, pd.Series, pd.Index]:
    """:func:`parse_years` of an object column, cell by cell."""
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
    """Baht amounts; ``1,250,000``, ``฿ 1 250 000`` and Thai digits are accepted, a dash alone (``-``,
    Excel's accounting zero) is 0, empty is NaN.

    Returns the amounts and the cells that are not amounts, by problem key: unreadable
    (``bad_money``), ``inf``/``1e309``/``nan`` (``nonfinite_money``: they would print as
    ``Infinity``), below zero (``negative_money``: it would cancel other projects' baht at
    risk) and above ``MAX_BAHT`` (``huge_money``: two of ``1e308`` sum to infinity). Those cells
    are NaN in the amounts.
    """
    if len(col) >= PLAIN_FROM and _mostly_distinct(col):
        # each project its own amount: the plain cells read in place, only the others once a value
        return _parse_money(col, _money_by_distinct)
    return _money_by_distinct(col)


def _money_by_distinct(col: pd.Series) -> tuple[pd.Series, dict[str, pd.Index]]:
    """:func:`parse_money`, each distinct cell parsed once (a national bundle written by one
    system repeats ~10⁴ amounts in 10⁶ rows)."""
    uniques, codes = by_distinct(col)
    value, bad = _parse_money(uniques)
    cells = {key: col.index[np.isin(codes, where.to_numpy())] for key, where in bad.items()}
    return pd.Series(value.to_numpy()[codes], index=col.index, copy=False), cells


# An amount written plainly: at most 15 digits of whole baht, grouped by threes with commas or
# not, and decimals, after a baht sign or not (฿ 1,250,000). Such a cell reads as the float of its
# digits and is no problem of any kind (below MAX_BAHT, not negative, not scientific, not
# misgrouped): what the full parse finds too.
_PLAIN_MONEY = r"^(?:฿ ?)?(?:\d{1,3}(?:,\d{3}){0,4}|\d{1,15})(?:\.\d+)?$"
# Distinct amounts from which the plain ones are told apart first (a bundle whose every project has
# its own amount: the full parse's nine regex passes over 10⁶ cells took a second a column)
PLAIN_FROM = 50_000
# Cells sampled to tell a column of mostly distinct amounts, and the share of them that must differ:
# there, finding the distinct ones first costs more than it saves (1.3·10⁶ cells, 5.7·10⁵ distinct:
# a hash pass of 0.2–0.3 s, then the plain test over nearly as many). Samples of the amounts of
# the generator's 10⁶ bundle are 11–22% distinct, an independent 10⁶ bundle's 70–98%.
DISTINCT_SAMPLE = 32_768
MOSTLY_DISTINCT = 0.5


def _mostly_distinct(col: pd.Series) -> bool:
    """Whether ``col``'s cells mostly differ, judged on cells at even steps through it."""
    step = max(1, len(col) // DISTINCT_SAMPLE)
    sample = arrow_strings(col.iloc[::step].iloc[:DISTINCT_SAMPLE])
    return pc.count_distinct(sample).as_py() >= MOSTLY_DISTINCT * len(sample)


def _parse_money(col: pd.Series, rest: Callable[[pd.Series], tuple[pd.Series, dict[str, pd.Index]]] | None = None
                 ) -> tuple[pd.Series, dict[str, pd.Index]]:
    """:func:`parse_money` of a column, cell by cell: the plainly written amounts (when there are
    many) by one cast, the others by ``rest`` (default :func:`_parse_written`)."""
    rest = rest or _parse_written
    if len(col) < PLAIN_FROM:
        return rest(col)
    arr = arrow_strings(col)
    plain = _mask(pc.match_substring_regex(arr, _PLAIN_MONEY))
    if not plain.any():
        return rest(col)
    value = np.full(len(col), np.nan)
    digits = pc.replace_substring(pc.utf8_ltrim(arr.filter(pa.array(plain)), "฿ "), ",", "")
    value[plain] = pc.cast(digits, pa.float64()).to_numpy(zero_copy_only=False)
    others, bad = rest(col[~plain])
    value[~plain] = others.to_numpy()
    return pd.Series(value, index=col.index, copy=False), bad


def _parse_written(col: pd.Series) -> tuple[pd.Series, dict[str, pd.Index]]:
    """:func:`parse_money` of an object column, cell by cell, however each amount is written."""
    arr = arrow_strings(col)
    if pc.any(pc.match_substring_regex(arr, "[๐-๙]")).as_py():
        arr = arrow_strings(thai_digits(col))
    cleaned = pc.replace_substring_regex(pc.replace_substring_regex(arr, _MONEY_NOISE, ""), _ZERO_DASH, "0")
    cleaned = pc.replace_substring_regex(cleaned, _WHOLE_BAHT, r"\1")
    text = as_column(cleaned, col)
    empty = (text == "").to_numpy()
    # What a float parse would read, wrongly: separators out of place (1,2000,000: a slip, not
    # 12 million) and Excel's scientific notation (1.23457E+06: its last digits are gone)
    written = pc.replace_substring_regex(pc.replace_substring_regex(arr, _MONEY_SPACE, ""), _WHOLE_BAHT, r"\1")
    misgrouped = _mask(pc.and_(pc.match_substring(written, ","), pc.invert(pc.match_substring_regex(written, _GROUPS))))
    scientific = _mask(pc.match_substring_regex(written, _SCIENTIFIC))   # finite ones: 1e309 is no amount at all
    try:
        value = pd.Series(pc.cast(pc.if_else(pc.equal(cleaned, ""), None, cleaned), pa.float64()).to_numpy(
            zero_copy_only=False), index=col.index)
    except pa.ArrowInvalid:
        value = pd.to_numeric(text.where(~empty, None), errors="coerce")
    value = value.astype("float64")
    scientific &= np.isfinite(value.to_numpy())
    value = value.where(~(misgrouped | scientific))
    unreadable = value.isna().to_numpy() & ~empty & ~_nan_text(text, value) & ~scientific
    nonfinite = ~np.isfinite(value.to_numpy()) & ~empty & ~unreadable & ~misgrouped & ~scientific
    negative = (value < 0).to_numpy() & ~nonfinite
    huge = (value > MAX_BAHT).to_numpy() & ~nonfinite
    bad = {"bad_money": col.index[unreadable], "nonfinite_money": col.index[nonfinite],
           "negative_money": col.index[negative], "huge_money": col.index[huge],
           "scientific_money": col.index[scientific]}
    return value.where(~(nonfinite | negative | huge)), bad


def _mask(arr: pa.Array | pa.ChunkedArray) -> np.ndarray:
    return pc.fill_null(arr, False).to_numpy(zero_copy_only=False)


def parse_numbers(col: pd.Series) -> tuple[pd.Series, pd.Index]:
    """Optional numeric cells (KPI targets): unreadable cells become NaN, and the cells holding
    ``inf``, ``1e309`` or ``nan`` are returned too (a KPI gap of infinity is no finding)."""
    text = thai_digits(col).str.replace(_MONEY_NOISE, "", regex=True)
    value = pd.to_numeric(text.where(text != "", None), errors="coerce").astype("float64")
    nonfinite = np.isinf(value.to_numpy()) | _nan_text(text, value)
    return value.where(~nonfinite), col.index[nonfinite]


def explode_list(ids: pd.Series, cells: pd.Series, left: str, right: str) -> pd.DataFrame:
    """Turn a ``;``-list column into a two-column edge table ``(left, right)``.

    Arrow kernels over the whole column: single-item cells first (already trimmed by the
    loader), then the items of ``;``-lists, trimmed, blanks dropped. ``ids`` are distinct (the
    loader refuses a repeated id before it explodes lists), so a pair can only repeat within
    one cell's list: there it is kept once, at its first place.
    """
    return explode_list_at(ids, cells, left, right)[0]


def explode_list_at(ids: pd.Series, cells: pd.Series, left: str,
                    right: str) -> tuple[pd.DataFrame, np.ndarray]:
    """:func:`explode_list`, and for each edge the position in ``ids`` of the row it came from:
    the graph then knows each link's project row without hashing 10⁶ ids again."""
    cell_arr, id_arr = arrow_strings(cells), arrow_strings(ids)
    holding = cells_holding(cell_arr, ord(";"))
    multi = pc.match_substring(cell_arr, ";") if holding is None else pa.array(holding)
    simple = pc.and_(pc.not_equal(cell_arr, ""), pc.invert(multi))
    lists = pc.split_pattern(_one_chunk(pc.filter(cell_arr, multi)), ";")
    items = clean_id_array(pc.list_flatten(lists))
    keep = pc.not_equal(items, "")
    many = first_of_each(pa.table({"cell": pc.filter(pc.list_parent_indices(lists), keep),
                                   "item": pc.filter(items, keep)}))
    owners = pc.take(_one_chunk(pc.filter(id_arr, multi)), many["cell"])
    at = np.concatenate([np.flatnonzero(_flags(simple)),
                         np.flatnonzero(_flags(multi))[many["cell"].to_numpy().astype(np.intp)]])
    return pd.DataFrame({
        left: text_series(pa.chunked_array(_chunks(pc.filter(id_arr, simple)) + _chunks(owners), _TEXT)),
        right: text_series(pa.chunked_array(_chunks(pc.filter(cell_arr, simple)) + _chunks(many["item"]), _TEXT)),
    }), at


def _flags(mask: pa.Array | pa.ChunkedArray) -> np.ndarray:
    """An arrow boolean column (no nulls: the loader's text has none) as a numpy one."""
    return np.asarray(mask.to_numpy(zero_copy_only=False), dtype=bool)


def first_of_each(table: pa.Table) -> pa.Table:
    """``table`` without repeated rows, each kept where it first occurs."""
    repeated = repeated_rows(table)
    return table.filter(pa.array(~repeated)) if repeated.any() else table


def repeated_rows(table: pa.Table) -> np.ndarray:
    """Per row of ``table``: whether an earlier row holds the same values (nulls equal to nulls).

    Each column is factorised to integer codes (hashing in C), the codes are combined into one
    integer per row, and equal integers are found side by side in a stable sort: no Python object
    is made per row.
    """
    if table.num_rows == 0:
        return np.zeros(0, dtype=bool)
    key, span = np.zeros(table.num_rows, dtype=np.int64), 1   # span: the key's values are below it
    for col in table.columns:
        codes, count = _codes(col)
        if span * count >= 1 << 62:   # numbered again, below num_rows: no overflow
            key = pd.factorize(key)[0].astype(np.int64)
            span = int(key.max()) + 1
        key, span = key * count + codes, span * count
    # equal keys side by side in a stable sort, the first of each first: a table of lists' items
    # comes sorted by its first column (the list's row), so the sort has little to do (5·10⁶
    # items: 0.12 s against 0.46 s for hashing them)
    order = np.argsort(key, kind="stable")
    ordered = key[order]
    repeated = np.zeros(len(key), dtype=bool)
    repeated[order[1:][ordered[1:] == ordered[:-1]]] = True
    return repeated


def _codes(col: pa.ChunkedArray) -> tuple[np.ndarray, int]:
    """A column as integer codes and how many there can be: an integer column (a list's row) its
    values from its least, text a code per distinct value (arrow's dictionary)."""
    if pa.types.is_integer(col.type) and not col.null_count:
        values = col.to_numpy().astype(np.int64)
        low, high = int(values.min()), int(values.max())
        if high - low < 1 << 31:   # a dense range (row numbers); else each value numbered
            return values - low, high - low + 1
    encoded = pc.dictionary_encode(_one_chunk(col))
    indices = encoded.indices.fill_null(len(encoded.dictionary))   # a null: a code of its own
    return indices.to_numpy(zero_copy_only=False).astype(np.int64), len(encoded.dictionary) + 1


def cells_holding(arr: pa.Array | pa.ChunkedArray, byte: int) -> np.ndarray | None:
    """Per cell of arrow text ``arr``: whether it holds the ASCII character ``byte`` (a ``;``-list),
    found in the text's buffer and placed by the offsets (no kernel call per cell: half of
    ``match_substring`` on 10⁶ cells); None for a column of another type. A byte below 128 is that
    character in UTF-8, never part of another."""
    return _cells_where(arr, lambda text: text == byte)


def cells_past_printable_ascii(arr: pa.Array | pa.ChunkedArray) -> np.ndarray | None:
    """Per cell of arrow text ``arr``: whether it holds a character outside printable ASCII (a
    control, DEL, or any character above U+007E, whose UTF-8 bytes are all 128 or more), as
    :func:`cells_holding` finds a byte; None for a column of another type."""
    return _cells_where(arr, lambda text: (text < 0x20) | (text >= 0x7F))


def regex_where(arr: pa.Array | pa.ChunkedArray, pattern: str, maybe: np.ndarray | None,
                ignore_case: bool = False) -> np.ndarray:
    """Per cell of arrow text ``arr``: whether arrow's regex ``pattern`` matches it, asked only of
    the cells ``maybe`` leaves (a byte screen such as :func:`first_byte_in`, which every match
    passes; None: of every cell). 10⁶ ids of letters and digits pass a screen in milliseconds."""
    at = np.arange(len(arr)) if maybe is None else np.flatnonzero(maybe)
    found = np.zeros(len(arr), dtype=bool)
    if len(at):
        found[at] = pc.match_substring_regex(arr.take(pa.array(at, pa.int64())), pattern,
                                             ignore_case=ignore_case).to_numpy(zero_copy_only=False)
    return found


def _cells_where(arr: pa.Array | pa.ChunkedArray, wanted: Callable[[np.ndarray], np.ndarray]) -> np.ndarray | None:
    """Per cell of arrow text ``arr``: whether ``wanted`` (a test of its text's bytes) holds for a
    byte of it; None for a column of another type."""
    chunks = _text_chunks(arr)
    if chunks is None:
        return None
    parts = []
    for chunk, offsets, text in chunks:
        hit = np.zeros(len(chunk), dtype=bool)
        at = np.flatnonzero(wanted(text[offsets[0]:offsets[-1]])) + offsets[0]
        if len(at):
            hit[np.searchsorted(offsets, at, side="right") - 1] = True
        if chunk.null_count:
            hit &= chunk.is_valid().to_numpy(zero_copy_only=False)
        parts.append(hit)
    return np.concatenate(parts) if parts else np.zeros(0, dtype=bool)


def _chunks(arr: pa.Array | pa.ChunkedArray) -> list[pa.Array]:
    """``arr``'s chunks as ``large_string``, the type pandas keeps its ``str`` columns in."""
    return [c.cast(_TEXT) for c in (arr.chunks if isinstance(arr, pa.ChunkedArray) else [arr])]


def _one_chunk(arr: pa.Array | pa.ChunkedArray) -> pa.Array:
    """One contiguous array (list kernels number parents within a chunk)."""
    if isinstance(arr, pa.Array):
        return arr
    return arr.combine_chunks() if arr.num_chunks else pa.array([], arr.type)


def clean_id_array(arr: pa.Array | pa.ChunkedArray) -> pa.Array | pa.ChunkedArray:
    """:func:`clean_ids` of arrow strings: ``arr`` itself when no cell changes. A trim only takes
    bytes away, so the cells are unchanged when the text is as long as before: told by the
    offsets' ends, not by comparing 10⁶ cells' lengths (a third of the time of a column)."""
    trimmed = pc.utf8_trim(arr, EDGE_CHARS)  # a character-set trim: several times faster than a regex
    before, after = _text_bytes(arr), _text_bytes(trimmed)
    if before is None or after is None:
        changed = pc.any(pc.not_equal(pc.binary_length(trimmed), pc.binary_length(arr))).as_py()
    else:
        changed = after != before
    return trimmed if changed else arr


def first_byte_in(arr: pa.Array | pa.ChunkedArray, first: frozenset[int]) -> np.ndarray | None:
    """Per cell of arrow text ``arr``: whether its first byte (of UTF-8) is one of ``first``, an
    empty cell never; None for a column of another type. Read from the offsets and the text's
    buffer: what a regex would look for first, asked of 10⁶ cells in a few milliseconds."""
    chunks = _text_chunks(arr)
    if chunks is None:
        return None
    lookup = np.zeros(256, dtype=bool)
    lookup[list(first)] = True
    parts = []
    for chunk, offsets, text in chunks:
        if not len(text):
            parts.append(np.zeros(len(chunk), dtype=bool))
            continue
        starts = offsets[:-1]
        parts.append(lookup[text[np.minimum(starts, len(text) - 1)]] & (offsets[1:] > starts))
    return np.concatenate(parts) if parts else np.zeros(0, dtype=bool)


def _text_bytes(arr: pa.Array | pa.ChunkedArray) -> int | None:
    """The bytes of text ``arr``'s cells hold together (each chunk's span of offsets); None for a
    column of another type."""
    chunks = _text_chunks(arr)
    return None if chunks is None else sum(int(offsets[-1]) - int(offsets[0]) for _, offsets, _ in chunks)


def _text_chunks(arr: pa.Array | pa.ChunkedArray) -> list[tuple[pa.Array, np.ndarray, np.ndarray]] | None:
    """Each chunk of arrow text ``arr`` with its cells' offsets (one more than its cells) and its
    text buffer as bytes, both views of arrow's own buffers; None when ``arr`` is not text."""
    out = []
    for chunk in arr.chunks if isinstance(arr, pa.ChunkedArray) else [arr]:
        if pa.types.is_large_string(chunk.type):
            width: type[np.integer] = np.int64
        elif pa.types.is_string(chunk.type):
            width = np.int32
        else:
            return None
        _, offsets_buffer, data = chunk.buffers()
        offsets = (np.frombuffer(offsets_buffer, dtype=width)[chunk.offset:chunk.offset + len(chunk) + 1]
                   if len(chunk) else np.zeros(1, dtype=width))
        text = np.frombuffer(data, dtype=np.uint8) if data is not None else np.zeros(0, dtype=np.uint8)
        out.append((chunk, offsets, text))
    return out


def clean_ids(col: pd.Series) -> pd.Series:
    """Ids are compared after trimming white space and zero-width characters at both ends.

    Each cell's result depends on that cell alone; a column no trim changes is returned as it is.
    """
    arr = arrow_strings(col)
    cleaned = clean_id_array(arr)
    return col if cleaned is arr else as_column(cleaned, col)


def clean_id(text: str) -> str:
    """:func:`clean_ids` for one string (headers, reference lists)."""
    return _EDGE_PY.sub("", text)


def clean_header(name: object) -> str:
    """A column name as matched: trimmed like an id, lower-case (headers are case-insensitive)."""
    return clean_id(str(name)).lower()


def is_blank(col: pd.Series) -> np.ndarray:
    """Empty cells of a column already trimmed by :func:`clean_ids`."""
    return (col == "").to_numpy()
