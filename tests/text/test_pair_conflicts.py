"""pair_conflicts (set-based, for millions of candidate pairs) answers as conflicts does pair by pair."""

from __future__ import annotations

import random

import numpy as np

from graphkpi.text.slots import conflicts, pair_conflicts, slots


def test_same_answer_as_conflicts_on_random_slots() -> None:
    rng = random.Random(7)
    values = ["elderly", "children", "farmers", "#4", "#14", "หนองบัว", "ป่าแดง"]
    found = [tuple(frozenset(rng.sample(values, rng.choice([0, 0, 1, 1, 2]))) for _ in range(3))
             for _ in range(200)]
    a = np.array([rng.randrange(200) for _ in range(3000)])
    b = np.array([rng.randrange(200) for _ in range(3000)])
    want = [any(conflicts(u, v) for u, v in zip(found[x], found[y], strict=True)) for x, y in zip(a, b, strict=True)]
    assert pair_conflicts(found, a, b).tolist() == want
    assert any(want) and not all(want)   # the draw holds both answers


def test_real_titles() -> None:
    found = slots(["อบรมผู้สูงอายุ บ้านป่าแดง", "อบรมผู้สูงอายุ บ้านหนองบัว", "อบรมผู้สูงอายุ", "อบรมเยาวชน"],
                  ["", "", "", ""])
    got = pair_conflicts(found, np.array([0, 0, 0, 2]), np.array([1, 2, 3, 3]))
    assert got.tolist() == [True, False, True, True]   # other village; one names none; other people (twice)
    assert pair_conflicts(found, np.array([], dtype=int), np.array([], dtype=int)).tolist() == []
