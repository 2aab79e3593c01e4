"""Thai-first labels for everything the CLI prints; English with ``--lang en``.

The labels are the ``ui`` part of the one message catalogue (``graphkpi/messages/ui.json``);
these helpers only name the part, so call sites stay short. An unknown key raises.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import lru_cache
from typing import Any

from graphkpi.messages import LANGS, say

__all__ = ["LANGS", "area_names", "named", "period_label", "place_label", "severity", "t"]


def t(key: str, lang: str = "th", **fmt: object) -> str:
    """The label ``key`` in ``lang``, its placeholders filled from ``fmt``."""
    return say(f"ui.{key}", lang, **fmt)


def severity(value: str, lang: str = "th") -> str:
    """A severity (error, warning, info) in the user's language."""
    return say(f"ui.severity_{value}", lang)


def area_names(areas: Any, lang: str = "th") -> dict[str, str]:
    """Area id → its name in ``lang`` from an areas table (``name``, ``name_en``: the bundle's
    own, or the reference's): English where the table has it with ``--lang en``, else Thai."""
    thai = areas["name"].fillna("").astype(str)
    english = areas["name_en"].fillna("").astype(str).str.strip()
    return (english.where(english != "", thai) if lang == "en" else thai).to_dict()


def named(key: str, name: str, lang: str = "th") -> str:
    """An id people may not read (สธ, TH-50) after its name, ``กระทรวงสาธารณสุข (สธ)``; the id
    alone when it has no name (or none but itself)."""
    name = name.strip()
    return t("named_id", lang, name=name, id=key) if name and name != key else key


def place_label(area: str, lang: str = "th", names: Mapping[str, str] | None = None) -> str:
    """A project's place for people: ``national`` in the user's language; an area by its name in
    ``names`` when given (a page title reads เชียงใหม่, not TH-50), else its code as it is."""
    if area == "national":
        return t("place_national", lang)
    name = (names or {}).get(area)
    return str(name) if name else area


def places_label(cell: str, lang: str = "th") -> str:
    """A ``provinces`` cell (``;``-list of codes) for people: ``national`` in the user's language."""
    return ";".join(place_label(p.strip(), lang) for p in str(cell).split(";") if p.strip())


def period_label(period: list[int | None] | tuple[int | None, ...], lang: str = "th", be: bool = False) -> str:
    """An element's validity period for people (``2561–2565``, ``ตั้งแต่ 2566``…); years are CE
    and shown in Buddhist Era when ``be``, like every year graphkpi prints. Worded once per
    period: thousands of findings name the same few (GK205)."""
    return _period_label(tuple(period), lang, be)


@lru_cache(maxsize=1024)
def _period_label(period: tuple[int | None, ...], lang: str, be: bool) -> str:
    start, end = (None if y is None else int(y) + (543 if be else 0) for y in period)
    if start is not None and end is not None:
        return t("period_range", lang, start=start, end=end)
    if start is not None:
        return t("period_from", lang, start=start)
    return t("period_until", lang, end=end) if end is not None else t("period_open", lang)
