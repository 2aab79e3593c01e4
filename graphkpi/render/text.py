"""Plain-text helpers: Thai-aware column widths, tables, money, safe spreadsheet cells."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from itertools import repeat

from graphkpi.render.safe import visible, visible_line

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


class _Columns(dict):
    """``str.translate`` table from a character to what stands for its columns: nothing for a
    combining or invisible one, two spaces for a wide one, itself otherwise. Filled on first
    sight of each character."""

    def __missing__(self, code: int) -> str | None:
        ch = chr(code)
        shown = None if _zero_width(ch) else "  " if unicodedata.east_asian_width(ch) in ("W", "F") else ch
        self[code] = shown
        return shown


def _zero_width(ch: str) -> bool:
    return bool(unicodedata.combining(ch)) or unicodedata.category(ch) in ("Mn", "Me", "Cf")


_COLUMNS = _Columns()


@dataclass(frozen=True)
class _Narrow:
    """What measures text below U+3000 (Latin … Thai …, punctuation) in C: ``beyond`` finds a
    character outside the narrow ones there (unassigned code points count as wide), ``zero``
    finds a narrow one that takes no column (Thai vowel and tone marks…), ``marks`` is its class."""

    beyond: re.Pattern[str]
    zero: re.Pattern[str]
    marks: str


@cache
def _narrow_script() -> _Narrow:
    narrow = [c for c in range(0x3000) if unicodedata.east_asian_width(chr(c)) not in ("W", "F")]
    marks = "".join(re.escape(chr(c)) for c in narrow if _zero_width(chr(c)))
    return _Narrow(re.compile(f"[^{_ranges(narrow)}]"), re.compile(f"[{marks}]"), marks)


@cache
def _cut(letters: int) -> re.Pattern[str]:
    """``letters`` narrow characters that take a column, each after its marks, then marks."""
    marks = _narrow_script().marks
    return re.compile(f"(?:[{marks}]*[^{marks}]){{{letters}}}[{marks}]*")


def _ranges(codes: list[int]) -> str:
    """Sorted code points as the ranges of a regex character class."""
    starts = [c for i, c in enumerate(codes) if i == 0 or codes[i - 1] != c - 1]
    ends = [c for i, c in enumerate(codes) if i == len(codes) - 1 or codes[i + 1] != c + 1]
    return "".join(f"{re.escape(chr(a))}-{re.escape(chr(b))}" for a, b in zip(starts, ends, strict=True))


def _measured(text: str) -> tuple[int, bool]:
    """The columns ``text`` takes, and whether all its characters are narrow ones below U+3000."""
    if text.isascii():
        return len(text), True
    script = _narrow_script()
    if script.beyond.search(text) is None:
        return len(text) - len(script.zero.findall(text)), True
    return len(text.translate(_COLUMNS)), False


def width(text: str) -> int:
    """Columns ``text`` occupies: Thai vowel and tone marks combine (zero width), CJK is double."""
    return _measured(text)[0]


def pad(text: str, size: int, right: bool = False) -> str:
    gap = " " * max(0, size - width(text))
    return gap + text if right else text + gap


def truncate(text: str, size: int) -> str:
    """``text`` cut to fit ``size`` columns, with "…" in the last: its longest prefix that fits
    ``size - 1`` (with the marks that follow its last letter)."""
    return _fitted(text, size)[0]


def _fitted(text: str, size: int) -> tuple[str, int]:
    """:func:`truncate` of ``text`` and the columns it then takes."""
    columns, narrow = _measured(text)
    if columns <= size:
        return text, columns
    if narrow and size >= 1:    # every character takes one column or none: one match finds the cut
        return text[:_cut(size - 1).match(text).end()] + "…", size
    fits, over = 0, len(text)       # width(text[:fits]) <= size - 1 < width(text[:over]); widths only grow
    while over - fits > 1:
        mid = (fits + over) // 2
        if width(text[:mid]) <= size - 1:
            fits = mid
        else:
            over = mid
    return text[:fits] + "…", width(text[:fits]) + 1


def table(headers: Sequence[str], rows: Sequence[Sequence[object]], numeric: Sequence[int] = (),
          max_width: int = 60) -> str:
    """An aligned text table; columns in ``numeric`` are right-aligned; control and bidi
    characters in cells are shown, not obeyed (they would repaint the terminal or reverse text).
    Each cell is measured once."""
    fitted = [[_fitted(visible_line(str(c)), max_width) for c in row] for row in rows]
    head = [(h, width(h)) for h in map(visible, headers)]
    widths = [w for _, w in head]
    for row in fitted:
        for i, (_, w) in enumerate(row):
            if w > widths[i]:
                widths[i] = w

    def line(vals: list[tuple[str, int]]) -> str:
        return "  ".join(" " * (widths[i] - w) + v if i in numeric else v + " " * (widths[i] - w)
                         for i, (v, w) in enumerate(vals)).rstrip()

    return "\n".join([line(head), "  ".join("-" * w for w in widths), *map(line, fitted)])


def baht(value: float | None) -> str:
    import pandas as pd  # here, not at the top: `graphkpi codes` renders tables without pandas

    if value is None or pd.isna(value):
        return ""
    return f"{value:,.0f}"


def share(part: float, whole: float) -> str:
    """``part`` of ``whole`` as a percentage; "–" of nothing (0 of 0 is no share, not 0.0%)."""
    return f"{part / whole:.1%}" if whole else "–"


def show_year(ce_year: int, be: bool) -> str:
    return str(int(ce_year) + 543 if be else int(ce_year))


def safe_cell(value: object) -> object:
    """A spreadsheet cell (CSV or Excel, header or data) from untrusted text: control and bidi
    characters shown visibly (Excel refuses NUL), and a would-be formula neutralised."""
    if isinstance(value, str):
        value = visible(value)
        if value.startswith(FORMULA_PREFIXES):
            return "'" + value
    return value


def safe_cells(texts: list[str]) -> list[str]:
    """:func:`safe_cell` of each of ``texts``: the column is searched once for characters to show
    (most columns hold none), then each cell only for a formula's first character."""
    joined = "\n".join(texts)   # visible keeps newlines: the joined column is unchanged iff every cell is
    if visible(joined) != joined:
        return [safe_cell(v) for v in texts]
    if not any(map(str.startswith, texts, repeat(FORMULA_PREFIXES))):   # a loop in C: most columns have none
        return texts
    return ["'" + v if v.startswith(FORMULA_PREFIXES) else v for v in texts]
