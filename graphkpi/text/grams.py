"""Token sets of many texts at once, as one sparse structure; character n-grams.

GK301 compares words (:mod:`graphkpi.text.words`); character n-grams are the alternative the
labelled evaluation measures them against (benchmarks/RESULTS.md).

Each text becomes the set of its character n-grams (padded at both ends, so short titles
still have grams and the first and last letters count). Grams are numbered by how many
texts contain them, rarest first: the order the prefix filter of the similarity join needs.
All of it is numpy over the concatenated code points; no Python loop per text.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

_PAD = "\x01"


@dataclass(frozen=True)
class TokenSets:
    """Per record, its distinct tokens as ranks (0 = rarest in the collection), ascending.

    ``tokens[indptr[r]:indptr[r + 1]]`` are record ``r``'s tokens; ``sizes`` their counts.
    """

    indptr: np.ndarray
    tokens: np.ndarray

    @property
    def sizes(self) -> np.ndarray:
        return np.diff(self.indptr)

    def __len__(self) -> int:
        return len(self.indptr) - 1

    def of(self, record: int) -> np.ndarray:
        return self.tokens[self.indptr[record]: self.indptr[record + 1]]


def char_ngram_sets(texts: Sequence[str], n: int = 3) -> TokenSets:
    """The n-gram sets of ``texts`` (empty texts get no tokens and so never match)."""
    if n < 1:
        raise ValueError("n must be at least 1")
    count = len(texts)
    pad = _PAD * (n - 1)
    padded = [f"{pad}{t}{pad}" if t else "" for t in texts]
    lens = np.fromiter((len(p) for p in padded), dtype=np.int64, count=count)
    grams_per = np.where(lens > 0, lens - n + 1, 0)
    if grams_per.sum() == 0:
        return TokenSets(np.zeros(count + 1, dtype=np.int64), np.zeros(0, dtype=np.int64))
    codes = np.frombuffer("".join(padded).encode("utf-32-le"), dtype=np.uint32)
    del padded
    seen = np.zeros(0x110000, dtype=np.int32)      # code point → dense letter number
    seen[codes] = 1
    base = int(seen.sum())
    dense = (np.cumsum(seen, dtype=np.int32) - 1)[codes]
    del codes, seen
    # Half-size ids where they fit: a national bundle's distinct titles hold ~45M grams, and
    # the int64 copies of every step took the peak up by 4 GB.
    small = np.int32 if len(dense) < 2 ** 31 and count < 2 ** 31 else np.int64
    starts = (np.cumsum(lens) - lens).astype(small)
    pos = np.repeat(starts, grams_per) + offsets(grams_per).astype(small)
    gram = np.zeros(len(pos), dtype=np.int64)
    for k in range(n):
        gram *= base
        gram += dense[pos + k]
    del pos, dense
    record = np.repeat(np.arange(count, dtype=small), grams_per)
    gid = pd.factorize(gram)[0]
    del gram
    return ranked(record, gid, count)


def offsets(lengths: np.ndarray) -> np.ndarray:
    """0, 1, …, k−1 for each run length k in ``lengths``, concatenated: the position of every
    element inside its run, for gathering ragged rows without a Python loop."""
    return np.arange(int(lengths.sum())) - np.repeat(np.cumsum(lengths) - lengths, lengths)


def ranked(record: np.ndarray, gid: np.ndarray, count: int) -> TokenSets:
    """Distinct (record, token) pairs, tokens renumbered by document frequency (rarest first)."""
    n_tokens = int(gid.max()) + 1
    pairs = record.astype(np.int64) * n_tokens
    pairs += gid
    pairs.sort()                                   # in place: these arrays are the peak at 10⁶
    pairs = pairs[np.r_[True, pairs[1:] != pairs[:-1]]]
    gid = pairs % n_tokens
    rec = pairs // n_tokens
    del pairs
    df = np.bincount(gid, minlength=n_tokens)
    rank_of = np.empty(n_tokens, dtype=np.int64)
    rank_of[np.lexsort((np.arange(n_tokens), df))] = np.arange(n_tokens)
    indptr = np.zeros(count + 1, dtype=np.int64)
    np.cumsum(np.bincount(rec, minlength=count), out=indptr[1:])
    ordered = rec * n_tokens
    del rec
    ordered += rank_of[gid]
    del gid
    ordered.sort()
    ordered %= n_tokens
    return TokenSets(indptr, ordered)


def take(sets: TokenSets, which: np.ndarray) -> TokenSets:
    """The sets of ``which`` (indices into ``sets``): sets built once per distinct text, spread
    to the records that carry that text. Tokens keep their ranks (rarest first among the
    distinct texts): any fixed order keeps the prefix filter exact, and re-ranking by the
    records' own counts would sort every token of 10⁶ records again for little gain."""
    sizes = sets.sizes[which]
    indptr = np.zeros(len(which) + 1, dtype=np.int64)
    np.cumsum(sizes, out=indptr[1:])
    pos = np.repeat(sets.indptr[:-1][which], sizes) + offsets(sizes)
    return TokenSets(indptr, sets.tokens[pos])
