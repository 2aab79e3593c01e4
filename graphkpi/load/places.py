"""How users write places: every spelling of an area the loader, GK001's hints and the filters accept.

One definition, so ``--province เชียงใหม่``, a ``provinces`` cell reading ``จ.เชียงใหม่`` and
GK001's "did you mean" agree on what a place name means.
"""

from __future__ import annotations

import pandas as pd

from graphkpi import reference
from graphkpi.load.schema import NATIONAL

NATIONAL_ALIASES = frozenset({"national", "ทั่วประเทศ", "ทุกจังหวัด", "all", "nationwide"})


def area_lookup(areas: pd.DataFrame) -> dict[str, str]:
    """Any way a user writes an area (code, Thai or English name, a reference alias such as กทม,
    a province's name after จ. or จังหวัด or before Province), case-folded → its id.

    A value it does not hold stays as written: GK001 reports it, and it overlaps nothing.
    """
    lookup: dict[str, str] = {}
    words = reference.area_aliases()
    prefixes = words.loc[words["kind"] == "prefix", "written"].tolist()
    suffixes = words.loc[words["kind"] == "suffix", "written"].tolist()
    ids = [str(i) for i in areas.index]
    column = {c: (areas[c].tolist() if c in areas.columns else [""] * len(ids)) for c in ("name", "name_en", "level")}
    for area_id, name, name_en, level in zip(ids, column["name"], column["name_en"], column["level"], strict=True):
        names = [str(n).strip() for n in (name, name_en) if n and not pd.isna(n)]
        for alias in (area_id, *names):
            lookup[alias.strip().casefold()] = area_id
        if level == "province":
            for name in names:
                for p in prefixes:
                    lookup[f"{p}{name}".casefold()] = area_id
                    lookup[f"{p} {name}".casefold()] = area_id
                lookup.update({f"{name} {s}".casefold(): area_id for s in suffixes})
    for written, area_id in words.loc[words["kind"] == "alias", ["written", "area"]].itertuples(index=False):
        if area_id in areas.index:
            lookup.setdefault(written.casefold(), area_id)
    for alias in NATIONAL_ALIASES:
        lookup[alias] = NATIONAL
    return lookup
