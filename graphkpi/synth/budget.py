"""budget_lines.csv for a generated bundle: the budget system's lines behind the projects.

Most budgeted projects are funded by one to three lines (an e-Budgeting-like code per line,
amounts in round thousands that add up to the project's budget); a few planted problems are
what reconciling eMENSCR with e-Budgeting/GFMIS finds in practice: a project whose money never
reached the budget system or was booked in the next fiscal year (GK601), a transfer that cut or
topped up the lines without the project's budget being updated, or lines for a project whose
budget was left blank (GK602), and a line naming a project id the registry does not have
(GK001). Some lines also differ from the budget by less than 1 % (rounding), which is no finding.

Lines come from their own random stream, so adding them moves no other column of the bundle.
Everything is built as numpy columns: 10⁶ projects give ~1.7 × 10⁶ lines in seconds.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from itertools import repeat

import numpy as np

MAX_LINES = 3                    # lines per project: 1 (60 %), 2 (30 %) or 3 (10 %)
LINES_P = (0.6, 0.3, 0.1)
STEP = 1_000                     # line amounts are round thousands, the last line takes the rest


@dataclass(frozen=True)
class LineRates:
    """How often each budget-line problem is planted, per budgeted project (lines: per line)."""

    unbudgeted: float = 0.02     # GK601: no line in the project's year (half of them booked a year later)
    mismatch: float = 0.015      # GK602: lines cut or topped up by 5–30 %; some for a blank budget
    unknown: float = 0.001       # GK001: per line, a line naming a project id that does not exist
    near: float = 0.03           # lines under the budget by less than 1 %: a near-miss, no finding


@dataclass
class Lines:
    """The generated lines as columns (text where the file has text), and what was planted."""

    code: np.ndarray
    project: np.ndarray
    year_be: np.ndarray
    amount: np.ndarray           # whole baht
    disbursed: np.ndarray        # whole baht, -1 where not given
    planted: dict[str, list[str]]

    def csv_chunks(self, size: int, thousands: Callable[[np.ndarray], np.ndarray]) -> Iterator[str]:
        """CSV lines (no header), ``size`` at a time; ``thousands`` formats baht as ``1,250,000``.
        Joined with ``map``/``zip`` like the projects' lines (C loops, no Python code per line)."""
        for a in range(0, len(self.code), size):
            sl = slice(a, a + size)
            amount = '"' + thousands(self.amount[sl]) + '"'
            paid = self.disbursed[sl]
            disbursed = np.where(paid >= 0, '"' + thousands(np.maximum(paid, 0)) + '"', "")
            years = self.year_be[sl].astype(str).astype(object)
            rows = zip(self.code[sl], repeat(","), self.project[sl], repeat(","), years, repeat(","), amount,
                       repeat(","), disbursed, repeat("\n"), strict=False)
            yield "".join(map("".join, rows))


def _count(rate: float, n: int, floor: int) -> int:
    return min(n, max(floor, round(rate * n)))


def make_lines(ids: np.ndarray, budget: np.ndarray, year_be: np.ndarray, agency: np.ndarray, seed: int,
               width: int, rates: LineRates | None = None, min_plants: int = 2) -> Lines:
    """Lines for projects ``ids`` (text) with ``budget`` (whole baht, -1 when blank), ``year_be``
    and ``agency`` (an integer per project, for the code); ``width``: digits of a project id
    (``P-000123``). Returns the lines and the planted problems by finding code."""
    rates = rates or LineRates()
    rng = np.random.default_rng([seed, 601])
    n = len(ids)
    budgeted = np.flatnonzero(budget > 0)
    blank = np.flatnonzero(budget < 0)
    order = rng.permutation(budgeted)
    k601 = _count(rates.unbudgeted, len(budgeted), min_plants)
    k602 = _count(rates.mismatch, len(budgeted), min_plants)
    k_near = _count(rates.near, len(budgeted), 1)
    unfunded, moved = order[:k601 // 2], order[k601 // 2:k601]
    changed, near = order[k601:k601 + k602], order[k601 + k602:k601 + k602 + k_near]
    blank_funded = rng.permutation(blank)[:max(1, k602 // 4)] if len(blank) else blank

    total = budget.astype(np.float64).copy()
    factor = np.where(rng.random(len(changed)) < 0.7, rng.uniform(0.7, 0.95, len(changed)),
                      rng.uniform(1.05, 1.3, len(changed)))
    total[changed] = np.round(budget[changed] * factor / STEP) * STEP
    total[near] = budget[near] - np.floor(budget[near] * rng.uniform(0, 0.008, len(near)))
    total[blank_funded] = np.round(rng.lognormal(np.log(8e5), 0.8, len(blank_funded)) / STEP) * STEP + STEP
    funded = np.zeros(n, dtype=bool)
    funded[budgeted] = True
    funded[unfunded] = False
    funded[blank_funded] = True
    line_year = year_be.copy()
    line_year[moved] += 1                 # booked in the next fiscal year: none in the project's own

    who = np.flatnonzero(funded)
    per = rng.choice(MAX_LINES, size=len(who), p=LINES_P) + 1
    owner = np.repeat(who, per)
    nth = np.arange(len(owner)) - np.repeat(np.cumsum(per) - per, per)
    weight = 0.2 + rng.random(len(owner))  # every line gets at least a fifth of an equal share
    share = weight / np.repeat(np.add.reduceat(weight, np.cumsum(per) - per), per)
    amount = np.floor(total[owner] * share / STEP) * STEP
    last = nth == np.repeat(per, per) - 1
    head_sum = np.add.reduceat(np.where(last, 0, amount), np.cumsum(per) - per)
    amount[last] = total[who] - head_sum
    amount = amount.astype(np.int64)
    project = ids[owner]
    year = line_year[owner]
    owner_agency = agency[owner]

    k001 = _count(rates.unknown, len(owner), min_plants)
    ghost = np.array([f"P-{n + 1 + j:0{width}d}" for j in range(k001)], dtype=object)  # not registered yet
    at = np.sort(rng.integers(0, len(owner) + 1, size=k001))
    project = np.insert(project.astype(object), at, ghost)
    year = np.insert(year, at, year_be[rng.integers(0, n, size=k001)])
    amount = np.insert(amount, at, (np.round(rng.lognormal(np.log(5e5), 0.7, k001) / STEP) * STEP).astype(np.int64))
    owner_agency = np.insert(owner_agency, at, rng.integers(0, 10_000, size=k001))

    # e-Budgeting-like keys: the year (2 digits), the agency (4) and a running number (7)
    code = (np.strings.zfill((year % 100).astype(str), 2) + np.strings.zfill((owner_agency % 10_000).astype(str), 4)
            + np.strings.zfill(np.arange(1, len(project) + 1).astype(str), 7)).astype(object)
    paid_share = np.where(year <= year_be.min(), rng.uniform(0.85, 1.0, len(year)), rng.uniform(0.3, 0.9, len(year)))
    disbursed = np.where(year < year_be.max(), np.round(amount * paid_share / STEP) * STEP, -1).astype(np.int64)
    planted = {"GK601": sorted(ids[np.concatenate([unfunded, moved])].tolist()),
               "GK602": sorted(ids[np.concatenate([changed, blank_funded])].tolist()),
               "GK001": sorted(code[at + np.arange(k001)].tolist())}
    return Lines(code, project, year, amount, disbursed, planted)
