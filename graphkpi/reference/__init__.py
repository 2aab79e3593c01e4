"""Reference data shipped with graphkpi (see ``data/README.md`` for sources and fidelity).

Thai provinces with ISO 3166-2 codes, the 18 provincial clusters and 6 development
regions; the 6 national strategies, 23 master plans and 13 NESDP milestones; the Office
of the Prime Minister and the 19 ministries. Rebuilt by ``scripts/build_reference.py``.
``values.csv`` (the Thai spellings accepted for the contract's fixed value lists) and
``area_aliases.csv`` (other ways of writing an area) are written by hand.
"""

from __future__ import annotations

from functools import cache
from importlib import resources

import pandas as pd


@cache
def _read_plain(name: str) -> pd.DataFrame:
    with resources.files(__name__).joinpath(name).open("r", encoding="utf-8") as fh:
        return pd.read_csv(fh, dtype=object, keep_default_na=False)


def _read(name: str) -> pd.DataFrame:
    return _read_plain(name).set_index("id", drop=True)


def areas() -> pd.DataFrame:
    """Regions, clusters and provinces: ``level``, ``name``, ``name_en``, ``parent``."""
    return _read("areas.csv").copy()


def elements() -> pd.DataFrame:
    """Strategies (``S1``–``S6``), master plans (``MP01``–``MP23``), NESDP milestones (``NM01``–``NM13``)."""
    return _read("elements.csv").copy()


def agencies() -> pd.DataFrame:
    """Ministries keyed by their Thai letter code (``มท``, ``สธ`` …)."""
    return _read("agencies.csv").copy()


def value_spellings() -> pd.DataFrame:
    """Accepted spellings of the fixed-list values: ``file``, ``column``, ``value`` (the contract's)
    and ``written`` (another way a planner writes it, e.g. เจ้าภาพ for ``lead``)."""
    return _read_plain("values.csv").copy()


def area_aliases() -> pd.DataFrame:
    """Other ways of writing an area: ``kind`` (``alias`` of the ``area`` id, or a ``prefix`` /
    ``suffix`` word around a province's name) and ``written``."""
    return _read_plain("area_aliases.csv").copy()
