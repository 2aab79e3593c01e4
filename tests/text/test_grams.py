"""Character n-gram sets (graphkpi.text.grams), built in slices, against plain Python sets."""

from __future__ import annotations

import itertools
import random

import numpy as np
import pytest

from graphkpi.text import grams
from graphkpi.text.grams import char_ngram_sets


def _python_sets(texts: list[str], n: int) -> list[set[str]]:
    pad = "\x01" * (n - 1)
    return [{f"{pad}{t}{pad}"[i: i + n] for i in range(len(t) + n - 1)} if t else set() for t in texts]


@pytest.mark.parametrize(("slice_", "table"), [(100_000, 1 << 27), (3, 1 << 27), (3, 1)])
def test_sets_hold_each_distinct_gram_once_whatever_the_slices(monkeypatch: pytest.MonkeyPatch, slice_: int,
                                                                table: int) -> None:
    """Each text's tokens are its distinct n-grams (one token per gram across all texts: the
    shared counts match), rarest first; in one slice, in slices of three texts (grams numbered
    across slices), and with the code table off (codes factorised at the end). Near-miss: a
    repeated gram (กกก) counts once, and an empty text has none."""
    monkeypatch.setattr(grams, "_SLICE", slice_)
    monkeypatch.setattr(grams, "_TABLE", table)
    rnd = random.Random(5)
    texts = ["กกกก", "", "abcกข",
             *("".join(rnd.choice("กขคงabc1") for _ in range(rnd.randint(0, 9))) for _ in range(20))]
    sets = char_ngram_sets(texts, 3)
    want = _python_sets(texts, 3)
    assert sets.sizes.tolist() == [len(w) for w in want]
    got = [set(sets.of(i).tolist()) for i in range(len(texts))]
    for i, j in itertools.combinations(range(len(texts)), 2):
        assert len(got[i] & got[j]) == len(want[i] & want[j])
    df = np.bincount(sets.tokens)
    for i in range(len(texts)):
        toks = sets.of(i)
        assert (np.diff(toks) > 0).all() and (np.diff(df[toks]) >= 0).all()   # distinct, rarest first


def test_texts_without_a_letter_have_no_grams() -> None:
    assert char_ngram_sets(["", ""], 3).sizes.tolist() == [0, 0]
    assert char_ngram_sets([], 3).sizes.tolist() == []
