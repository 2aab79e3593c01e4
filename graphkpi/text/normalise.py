"""Thai project titles reduced to the words that say what the work is.

Two ministries writing up the same work differ in boilerplate a Thai reader ignores: the
leading ``โครงการ``, a ``ประจำปีงบประมาณ พ.ศ. 2568`` suffix, ``จ.`` for ``จังหวัด``, the
province name (places are compared separately), Thai or Arabic digits, spacing and
punctuation, and the two encodings of sara am. All of it is removed here, column-wise
(pandas string methods over the whole column), because a national bundle has 10⁶ titles.

:func:`pythainlp.util.normalize` does the character repair too, but at ~100 µs a title it
would cost ~100 s on 10⁶ titles; the repairs it makes that matter for matching (sara am,
zero-width characters, doubled marks) are reproduced below.
"""

from __future__ import annotations

import re
from concurrent.futures import ThreadPoolExecutor
from functools import cache

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from graphkpi import reference
from graphkpi.parallel import cores
from graphkpi.text.slots import FOLD, TARGET_GROUPS

_THAI_DIGITS = list(zip("๐๑๒๓๔๕๖๗๘๙", "0123456789", strict=True))
_YEAR = r"(?:25|24|26|19|20|21)\d\d"
_BE = r"(?:(?:พ|ค)\s*\.?\s*ศ\s*\.?\s*)?"
# RE2 syntax (no look-around, no back-references): pyarrow runs these over the whole column.
# Character repairs, rarely needed.
_REPAIRS: list[tuple[str, str]] = [
    ("[\u200b\u200c\u200d\u2060\ufeff\u00ad]", ""),                    # zero-width characters
    ("\u0e4d\u0e32", "\u0e33"),                                          # ํ + า → ำ
    ("([\u0e48-\u0e4b])[\u0e48-\u0e4b]+", "\\1"),                       # doubled tone marks
]
# A leading English "project" (rare); every โครงการ, leading or not (โครงการต่อเนื่อง), is a
# plain substring replaced with a space, far cheaper than a regex: what it leaves (quotes,
# brackets, spaces) goes with the other punctuation at the end.
_PROJECT_EN: list[tuple[str, str]] = [("^[\\s\"'(\\[]*project\\s*", "")]
_PROJECT = "โครงการ"
# Abbreviations a Thai reader expands without thinking (not inside a longer word); rarely written.
_ABBREVIATIONS: list[tuple[str, str]] = [
    ("(^|[^ก-ฮ])จ\\s*\\.\\s*", "\\1จังหวัด"),
    ("(^|[^ก-ฮ])อ\\s*\\.\\s*", "\\1อำเภอ"),
    ("(^|[^ก-ฮ])ต\\s*\\.\\s*", "\\1ตำบล"),
    ("(^|[^ก-ฮ])ม\\s*\\.\\s*(\\d)", "\\1หมู่ที่\\2"),
    ("หมู่\\s*(\\d)", "หมู่ที่\\1"),
    ("กทม\\s*\\.?|กรุงเทพฯ", "กรุงเทพมหานคร"),
]
_YEARS: list[tuple[str, str]] = [
    # Fiscal-year phrases: "ประจำปีงบประมาณ พ.ศ. 2568", "(ปีงบ 68)", "ประจำปี 2568", "พ.ศ. 2568".
    (rf"(?:ประจำ)?\s*ปี\s*งบ(?:ประมาณ)?\s*{_BE}(?:\d{{4}}|\d\d)?|(?:ประจำ)?\s*ปี\s*{_BE}{_YEAR}"
     rf"|(?:พ|ค)\s*\.?\s*ศ\s*\.?\s*{_YEAR}", " "),
    (r"(^|\D)(?:25[4-9]\d|20\d\d)\s*$", "\\1"),                          # a bare year at the end
]
_KEEP = "[^0-9a-z\u0e01-\u0e4e]+"
_PARALLEL_FROM = 50_000   # distinct texts; below this one thread is as fast


@cache
def _province_pattern() -> str:
    """``จังหวัด`` + a province name (longest first), or ``กรุงเทพมหานคร``. Bare names stay:
    ``แพร่`` is also in ``เผยแพร่`` and ``เลย`` is a common word."""
    areas = reference.areas()
    names = sorted(set(areas.loc[areas["level"] == "province", "name"]), key=len, reverse=True)
    return rf"จังหวัด\s*(?:{'|'.join(re.escape(n) for n in names)})?|กรุงเทพมหานคร"


def normalise_titles(texts: pd.Series) -> pd.Series:
    """Titles as the comparable core of the work: no boilerplate, lower case, phrases
    separated by one space.

    Spaces in Thai separate phrases, not words, and writers place them freely; word
    segmentation sees ``ตำบล บ้านกลาง`` and ``ตำบลบ้านกลาง`` alike, and the phrases let
    :func:`graphkpi.text.words.word_sets` segment each distinct phrase only once.
    """
    codes, distinct = distinct_texts(texts)     # titles and objectives repeat a lot: each distinct one once
    out = np.array(normalise_distinct(distinct).to_pylist(), dtype=object)
    return pd.Series(out[codes], index=texts.index, dtype=object)


def distinct_texts(texts: pd.Series) -> tuple[np.ndarray, pa.Array]:
    """Per row, the number of its text, and the distinct texts (first seen first; missing ones
    as "") as one arrow array. A column the loader read with Arrow stays in Arrow: a national
    bundle's 10⁶ titles as Python strings would take ~0.3 GB and seconds to make."""
    if isinstance(texts.dtype, pd.StringDtype) and texts.dtype.storage == "pyarrow":
        column = pa.array(texts.array)
        return distinct_values(column.combine_chunks() if isinstance(column, pa.ChunkedArray) else column)
    codes, distinct = pd.factorize(texts.astype(object).where(texts.notna(), "").astype(str))
    return codes, pa.array(np.asarray(distinct, dtype=object), type=pa.large_string())


def distinct_values(column: pa.Array) -> tuple[np.ndarray, pa.Array]:
    """:func:`distinct_texts` of an Arrow string array."""
    encoded = pc.dictionary_encode(pc.fill_null(column, "").cast(pa.large_string()))
    return encoded.indices.to_numpy(zero_copy_only=False).astype(np.int64), encoded.dictionary


def normalise_distinct(distinct: pa.Array) -> pa.Array:
    """:func:`normalise_titles` of distinct texts, Arrow in and out (a thread per core on large
    inputs: Arrow's kernels release the GIL)."""
    step = max(-(-len(distinct) // _workers(len(distinct))), 1)
    parts = [distinct.slice(lo, step) for lo in range(0, len(distinct), step)] or [distinct]
    with ThreadPoolExecutor(len(parts)) as pool:
        done = list(pool.map(_clean, parts))
    return pa.concat_arrays(done)


def _workers(n: int) -> int:
    """Threads for ``n`` distinct texts: one per core once there are enough to pay for it (the
    regex steps are single-threaded kernels, ~40 s on a national bundle's 570k titles)."""
    return min(cores(), 4) if n >= _PARALLEL_FROM else 1


def _clean(arr: pa.Array) -> pa.Array:
    """The steps of :func:`normalise_titles` over distinct texts, in order."""
    if pc.any(pc.match_substring_regex(arr, "[๐-๙]")).as_py():
        for thai, arabic in _THAI_DIGITS:
            arr = pc.replace_substring(arr, thai, arabic)
    arr = pc.utf8_lower(arr)
    arr = _where_needed(arr, _REPAIRS)
    arr = _where_needed(arr, _PROJECT_EN)
    arr = pc.replace_substring(arr, _PROJECT, " ")
    arr = _where_needed(arr, _ABBREVIATIONS)
    arr = _everywhere(arr, [*_YEARS, (_province_pattern(), " ")])
    arr = _where_needed(arr, _synonyms())
    arr = _everywhere(arr, [(_KEEP, " ")])
    return pc.utf8_trim_whitespace(arr)


def _everywhere(arr: pa.Array, steps: list[tuple[str, str]]) -> pa.Array:
    """``steps`` in order over every text (steps most titles need)."""
    for pattern, repl in steps:
        arr = pc.replace_substring_regex(arr, pattern, repl)
    return arr


def _where_needed(arr: pa.Array, steps: list[tuple[str, str]]) -> pa.Array:
    """``steps`` in order over only the texts one of them matches, found in one pass. Exact: a
    step changes only a text it matches, so a text none of them matches passes through all of
    them unchanged. Each pass over a national bundle's titles costs ~1 µs a title, and these
    steps rarely apply."""
    if not steps:
        return arr
    hit = pc.match_substring_regex(arr, "|".join(f"(?:{pattern})" for pattern, _ in steps))
    if not pc.any(hit).as_py():
        return arr
    part = pc.filter(arr, hit)
    for pattern, repl in steps:
        part = pc.replace_substring_regex(part, pattern, repl)
    return pc.replace_with_mask(arr, hit, part)


@cache
def _synonyms() -> list[tuple[str, str]]:
    """Target-group synonyms folded into one word (``ผู้สูงวัย`` → ``ผู้สูงอายุ``), from the lexicon."""
    return [("|".join(re.escape(w) for w in TARGET_GROUPS[g][1:]), TARGET_GROUPS[g][0]) for g in FOLD]
