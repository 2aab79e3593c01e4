"""Reference data shipped with graphkpi (see ``data/README.md`` for sources and fidelity).

Thai provinces with ISO 3166-2 codes, the 18 provincial clusters and 6 development
regions; the 6 national strategies, 23 master plans and 13 NESDP milestones; the Office
of the Prime Minister and the 19 ministries. Rebuilt by ``scripts/build_reference.py``.
"""

from __future__ import annotations

from functools import cache
from importlib import resources

import pandas as pd


@cache
def _read(name: str) -> pd.DataFrame:
    with resources.files(__name__).joinpath(name).open("r", encoding="utf-8") as fh:
        frame = pd.read_csv(fh, dtype=object, keep_default_na=False)
    return frame.set_index("id", drop=True)


def areas() -> pd.DataFrame:
    """Regions, clusters and provinces: ``level``, ``name``, ``name_en``, ``parent``."""
    return _read("areas.csv").copy()


def elements() -> pd.DataFrame:
    """Strategies (``S1``–``S6``), master plans (``MP01``–``MP23``), NESDP milestones (``NM01``–``NM13``)."""
    return _read("elements.csv").copy()


def agencies() -> pd.DataFrame:
    """Ministries keyed by their Thai letter code (``มท``, ``สธ`` …)."""
    return _read("agencies.csv").copy()
