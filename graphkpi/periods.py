"""Validity periods (editions): is a year, or another period, inside an element's period?

Plans are revised (the master plans for 2566–2570; NESDP 12 gave way to NESDP 13), so an
element is in force from ``valid_from`` to ``valid_to`` (CE fiscal years, both inclusive; NaN
is an open end). A project of fiscal year Y should link to elements in force in Y, and an
element should cascade into parents whose period overlaps its own (GK205). The tests are
numpy comparisons over whole columns: a comparison with NaN is false, which is exactly an
open end, so no per-row Python runs at 10⁶ links.
"""

from __future__ import annotations

import math

import numpy as np


def outside(years: np.ndarray, start: np.ndarray, end: np.ndarray) -> np.ndarray:
    """Whether each year lies outside ``[start, end]`` (NaN ends are open)."""
    return (years < start) | (years > end)


def disjoint(a_start: np.ndarray, a_end: np.ndarray, b_start: np.ndarray, b_end: np.ndarray) -> np.ndarray:
    """Whether periods ``[a_start, a_end]`` and ``[b_start, b_end]`` share no year (NaN ends are open)."""
    return (a_end < b_start) | (b_end < a_start)


def period(start: float, end: float) -> list[int | None]:
    """The contract's ``details.period``: ``[from, to]`` as CE years, ``None`` for an open end."""
    return [None if math.isnan(start) else int(start), None if math.isnan(end) else int(end)]
