"""Plain-text helpers: Thai-aware column widths, tables, money, safe spreadsheet cells."""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from functools import lru_cache
from itertools import repeat

from graphkpi.render.safe import visible

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


@lru_cache(maxsize=1 << 16)
def width(text: str) -> int:
    """Columns ``text`` occupies: Thai vowel and tone marks combine (zero width), CJK is double.

    Cached: a table measures the same cells (ids, ministries, codes) many times."""
    if text.isascii():
        return len(text)
    w = 0
    for ch in text:
        if unicodedata.combining(ch) or unicodedata.category(ch) in ("Mn", "Me", "Cf"):
            continue
        w += 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1
    return w


def pad(text: str, size: int, right: bool = False) -> str:
    gap = " " * max(0, size - width(text))
    return gap + text if right else text + gap


def truncate(text: str, size: int) -> str:
    if width(text) <= size:
        return text
    out, w = "", 0
    for ch in text:
        cw = width(ch)
        if w + cw > size - 1:
            break
        out += ch
        w += cw
    return out + "…"


def table(headers: Sequence[str], rows: Sequence[Sequence[object]], numeric: Sequence[int] = (),
          max_width: int = 60) -> str:
    """An aligned text table; columns in ``numeric`` are right-aligned; control and bidi
    characters in cells are shown, not obeyed (they would repaint the terminal or reverse text)."""
    cells = [[truncate(visible(str(c)), max_width) for c in row] for row in rows]
    headers = [visible(h) for h in headers]
    widths = [width(h) for h in headers]
    for row in cells:
        for i, c in enumerate(row):
            widths[i] = max(widths[i], width(c))
    line = lambda vals: "  ".join(pad(v, widths[i], i in numeric) for i, v in enumerate(vals)).rstrip()  # noqa: E731
    out = [line(list(headers)), "  ".join("-" * w for w in widths)]
    out += [line(r) for r in cells]
    return "\n".join(out)


def baht(value: float | None) -> str:
    import pandas as pd  # here, not at the top: `graphkpi codes` renders tables without pandas

    if value is None or pd.isna(value):
        return ""
    return f"{value:,.0f}"


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
