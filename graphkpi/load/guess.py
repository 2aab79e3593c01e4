"""What a reference that names nothing probably meant: GK001's ``details.did_you_mean``.

Three things people and Excel do to a bundle account for most unknown references, and each
has one likely reading:

- Excel reads ``050602`` as the number 50602 and saves it without its leading zeros; when an
  id that is the same digits with zeros in front exists, that is the id meant.
- A place written without its spaces or with a typo (``Chiangmai``, ``Chaing Mai``): the area
  whose name is the same letters once spaces, dots and dashes are dropped, or else the one
  name very close to it.
- An agency written by its abbreviation or name (``สป.กษ``, ``กรมการข้าว``) where its id is
  meant: the agency whose ``abbr``, ``name`` or ``name_en`` it is (case and a final dot aside),
  as ``--agency`` reads it.
- Places separated by commas (``เชียงใหม่, ลำพูน``) where lists take ``;``: when every part is
  a place, the same list with ``;``.

Only the few references already found missing are looked at, so the cost does not grow with
the bundle. A guess is never applied: the finding stays, the guess only says how to fix it.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable, Mapping

import pandas as pd

from graphkpi.load.schema import NATIONAL

_NUMBER = re.compile(r"^(\d+)(?:\.0+)?$")   # 50602, or 50602.0 as some exports write whole numbers
_SQUASH = re.compile(r"[\s.\-_'’]+")
_LATIN = re.compile(r"[A-Za-z]")
CLOSE = 0.85   # difflib ratio: one or two letters off in a province's name, never another province


def name_key(text: object) -> str:
    """How agency names are compared: case-folded, trimmed, without a trailing dot (``พม.`` = ``พม``)."""
    return str(text).strip().casefold().rstrip(".").strip()


def agency_names(agencies: pd.DataFrame) -> dict[str, str]:
    """:func:`name_key` of every agency's English name, Thai name and abbreviation → its id; later
    columns win, so an abbreviation beats a name (``--agency`` reads names so too)."""
    lookup: dict[str, str] = {}
    ids = agencies.index.tolist()   # lists, not the columns cell by cell (arrow-backed: 0.6 µs a cell)
    for col in ("name_en", "name", "abbr"):
        if col in agencies.columns:
            lookup.update({name_key(v): str(i) for i, v in zip(ids, agencies[col].tolist(), strict=True)
                           if isinstance(v, str) and v.strip()})
    return lookup


def agencies_named(missing: Iterable[str], agencies: pd.DataFrame) -> dict[str, str]:
    """Missing agency references that are an agency's abbreviation or name → its id."""
    wanted = {m: name_key(m) for m in missing}
    if not wanted:
        return {}
    lookup = agency_names(agencies)
    return {m: lookup[k] for m, k in wanted.items() if k in lookup and lookup[k] != m}


def padded(missing: Iterable[str], pool: pd.Index) -> dict[str, str]:
    """Missing references that are ids of ``pool`` without their leading zeros → that id.

    ``pool``'s ids that start with a zero and are digits only are keyed by their digits without
    the zeros; when two padded forms exist (``0506`` and ``00506``) the shortest is meant.
    """
    wanted = {m: g.group(1).lstrip("0") for m in missing if (g := _NUMBER.match(m))}
    if not wanted:
        return {}
    ids = pool.to_series(index=None).astype(str)
    zeros = ids[ids.str.fullmatch(r"0+\d+", na=False).to_numpy()]
    by_digits: dict[str, str] = {}
    for written in sorted(zeros, key=lambda s: (len(s), s)):
        by_digits.setdefault(written.lstrip("0"), written)
    return {m: by_digits[d] for m, d in wanted.items() if d in by_digits and by_digits[d] != m}


def lost_zeros(missing: str, meant: str) -> bool:
    """Whether ``meant`` is ``missing`` with the leading zeros a spreadsheet dropped."""
    m = _NUMBER.match(missing)
    return bool(m) and meant.isdigit() and meant != m.group(1) and meant.lstrip("0") == m.group(1).lstrip("0")


def squash(text: str) -> str:
    """A place name as compared for a guess: case-folded, without spaces, dots, dashes, quotes."""
    return _SQUASH.sub("", text).casefold()


def places(missing: Iterable[str], lookup: Mapping[str, str], areas: pd.DataFrame) -> dict[str, str]:
    """Unknown places → how to write them: a comma list of places as a ``;``-list, or the area
    whose name is the same once squashed, or the one name close to it (``CLOSE``).

    ``lookup`` is the loader's reading of places (every accepted spelling, case-folded → area
    id); ``areas`` gives the name to suggest, Thai for Thai input, English for Latin input.
    """
    squashed: dict[str, str] = {}
    for written, area in lookup.items():
        squashed.setdefault(squash(written), area)
    out: dict[str, str] = {}
    for value in missing:
        parts = [p.strip() for p in re.split(r"[,，、]", value)]
        if len(parts) > 1:
            if all(p and p.casefold() in lookup for p in parts):
                out[value] = "; ".join(parts)
            continue
        area = squashed.get(squash(value))
        if area is None:
            close = difflib.get_close_matches(squash(value), list(squashed), n=1, cutoff=CLOSE)
            area = squashed[close[0]] if close else None
        if area == NATIONAL:
            out[value] = NATIONAL
        elif area is not None and area in areas.index:
            out[value] = _name(areas, area, english=bool(_LATIN.search(value)))
    return out


def _name(areas: pd.DataFrame, area: str, english: bool) -> str:
    """The area's name in the script the user wrote in, or its id when it has none."""
    row = areas.loc[area]
    name = str(row.get("name_en", "") if english else row.get("name", "")).strip()
    return name or area


NEARBY = 3           # did-you-mean candidates for an unknown id


def nearby(node_id: str, known: list[str]) -> list[str]:
    """Ids that look like ``node_id`` (a typed id that names nothing), most likely first: the same
    id in other case (``mp05``), the same digits once leading zeros are put back (Excel turns
    ``050602`` into ``50602``), then once any zero is (``P-00028`` for ``P-000028``), then the ids
    it begins (``TH-50`` → ``TH-50-T01``), then the closest spellings."""
    wanted = node_id.strip()
    folded = wanted.casefold()
    case = [k for k in known if k != wanted and k.casefold() == folded]
    zeros = [k for k in known if k != wanted and k.lstrip("0") == wanted.lstrip("0") and k.lstrip("0")]
    bare = wanted.replace("0", "")
    # zeros put back, never taken away (1302 is not 13020)
    padded = [k for k in known if len(k) > len(wanted) and bare and k.replace("0", "") == bare]
    begun = [k for k in known if folded and k.casefold().startswith(folded) and k.casefold() != folded]
    close = difflib.get_close_matches(wanted, known, n=NEARBY, cutoff=0.6)
    return list(dict.fromkeys([*sorted(case), *sorted(zeros), *sorted(padded, key=len),
                               *sorted(begun, key=lambda k: (len(k), k)), *close]))[:NEARBY]
