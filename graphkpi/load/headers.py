"""Column names and separators as people write them, read as the contract's.

A header row says a lot: ``Fiscal Year``, ``fiscal-year`` and ``ปีงบประมาณ`` all mean
``fiscal_year``; ``id;name;agency`` is a file separated by ``;`` (Excel's CSV where the decimal
comma is the custom) and ``id<TAB>name`` one saved as "Unicode text". Headers are compared
squashed (case-folded, without spaces, ``_``, ``-`` or ``.``) with the contract's names and the
Thai names of :data:`graphkpi.load.schema.FILES`; a name close to a column that is missing is
named in the error instead of guessed.
"""

from __future__ import annotations

import csv
import difflib
import re
from functools import cache

from graphkpi.load.schema import FileSpec
from graphkpi.load.values import clean_header

SEPARATORS = (",", ";", "\t")   # in order of preference when a header reads as well either way
SEPARATOR_NAMES = {",": "comma", ";": "semicolon", "\t": "tab"}
_SQUASH = re.compile(r"[\s_\-.]+")
NEAR = 0.8   # difflib ratio of a header that is probably a misspelt column (fiscal_yaer)


def squash(name: object) -> str:
    """A header as compared: trimmed, case-folded, without spaces, underscores, dashes, dots."""
    return _SQUASH.sub("", clean_header(name))


@cache
def spellings(spec: FileSpec) -> dict[str, str]:
    """Every accepted header of ``spec``'s file, squashed → the column it means."""
    out = {squash(c): c for c in spec.columns}
    for column, names in spec.thai.items():
        out.update({squash(n): column for n in names})
    return out


def column_of(header: str, spec: FileSpec) -> str:
    """The contract column ``header`` (already :func:`clean_header`-ed) names, or ``header`` itself
    when it names none (an unknown column is kept as written)."""
    if header in spec.columns or not header:
        return header
    return spellings(spec).get(squash(header), header)


def near(missing: str, headers: list[str], spec: FileSpec) -> str | None:
    """A header of the file that is probably ``missing`` misspelt (unknown, and close to the
    column's name or one of its Thai names), for the error; None when none is close."""
    known = spellings(spec)
    targets = [s for s, c in known.items() if c == missing]
    for header in headers:
        if squash(header) not in known and difflib.get_close_matches(squash(header), targets, n=1, cutoff=NEAR):
            return header
    return None


def nearest_spelling(header: str, column: str, spec: FileSpec) -> str:
    """The spelling of ``column`` closest to the misspelt ``header``: the Thai name a planner
    meant (ปีงบประมาณ for ปีงบประมาน), or the column's own name for a misspelt English one."""
    names = [column, *spec.thai.get(column, ())]
    return max(names, key=lambda n: difflib.SequenceMatcher(None, squash(header), squash(n)).ratio())


def separator(first_line: str, spec: FileSpec) -> str:
    """The separator under which the header row names the most of ``spec``'s columns.

    Only the header is read: ``;`` also separates list items inside the cells of a comma file,
    but never the names of the header, where a comma file's ``;`` cannot occur.
    """
    known = spellings(spec)

    def score(sep: str) -> int:
        try:
            fields = next(csv.reader([first_line], delimiter=sep), [])
        except csv.Error:
            return 0
        return sum(squash(f) in known for f in fields)

    best = max(SEPARATORS, key=lambda sep: (score(sep), -SEPARATORS.index(sep)))
    return best if score(best) else ","
