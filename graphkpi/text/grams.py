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
    """The n-gram sets of ``texts`` (empty texts get no tokens and so never match).

    Built in slices of texts, each slice's grams made distinct within each text before the
    next slice is read: a national bundle's distinct titles hold ~8·10⁷ grams, and whole-bundle
    temporaries of that length (positions, codes, keys) set the check's peak memory."""
    if n < 1:
        raise ValueError("n must be at least 1")
    count = len(texts)
    pad = _PAD * (n - 1)

    def padded(lo: int) -> list[str]:
        return [f"{pad}{t}{pad}" if t else "" for t in texts[lo: lo + _SLICE]]

    seen = np.zeros(0x110000, dtype=bool)
    for lo in range(0, count, _SLICE):
        seen[_code_points(padded(lo))] = True
    letters = np.full(0x110000, -1, dtype=np.int64)       # code point → dense letter number
    letters[seen] = np.arange(int(seen.sum()))
    del seen
    base = int(letters.max()) + 1
    if base == 0:                                          # no text has a letter
        return TokenSets(np.zeros(count + 1, dtype=np.int64), np.zeros(0, dtype=np.int64))
    # Grams numbered as they first come, through a table over every possible code when it is
    # small (a bundle's titles use ~150 letters: 3.4·10⁶ codes), so no array of all the codes
    # is ever held; otherwise the codes are collected and factorised at the end.
    table = np.full(base ** n, -1, dtype=np.int32) if base ** n <= _TABLE else None
    records, grams, numbered = [], [], 0
    for i, lo in enumerate(range(0, count, _SLICE)):
        record, gram = _distinct_grams(padded(lo), n, letters, base)
        if table is not None:
            fresh = sorted_distinct(gram)
            fresh = fresh[table[fresh] < 0]
            table[fresh] = np.arange(numbered, numbered + len(fresh))
            numbered += len(fresh)
            gram = table[gram]
        records.append((record + i * _SLICE).astype(np.int32 if count < 2 ** 31 else np.int64))
        grams.append(gram)
    record = _joined(records)
    del records
    gram = _joined(grams)
    del grams, table
    if not len(record):
        return TokenSets(np.zeros(count + 1, dtype=np.int64), np.zeros(0, dtype=np.int64))
    gid = gram if base ** n <= _TABLE else pd.factorize(gram)[0]
    del gram
    return ranked(record, gid, count, distinct=True)


def _joined(parts: list[np.ndarray]) -> np.ndarray:
    return np.concatenate(parts) if parts else np.zeros(0, dtype=np.int64)


def sorted_distinct(values: np.ndarray) -> np.ndarray:
    """``np.unique(values)`` by a plain sort (numpy 2.4's hash-based ``np.unique`` costs seconds
    on 10⁷ codes)."""
    ordered = np.sort(values)
    return ordered[np.r_[True, ordered[1:] != ordered[:-1]]] if len(ordered) else ordered


_TABLE = 1 << 27
_SLICE = 100_000


def _code_points(padded: list[str]) -> np.ndarray:
    return np.frombuffer("".join(padded).encode("utf-32-le"), dtype=np.uint32)


def _distinct_grams(padded: list[str], n: int, letters: np.ndarray, base: int) -> tuple[np.ndarray, np.ndarray]:
    """(text, gram code) of every distinct n-gram of each padded text; a gram's code is its n
    letters as digits in base (number of letters), ``letters`` numbering the code points of all texts."""
    lens = np.fromiter((len(p) for p in padded), dtype=np.int64, count=len(padded))
    per = np.where(lens > 0, lens - n + 1, 0)
    if per.sum() == 0:
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64)
    dense = letters[_code_points(padded)]
    pos = np.repeat(np.cumsum(lens) - lens, per) + offsets(per)
    gram = np.zeros(len(pos), dtype=np.int64)
    for k in range(n):
        gram *= base
        gram += dense[pos + k]
    record = np.repeat(np.arange(len(padded), dtype=np.int64), per)
    if base ** n * len(padded) < 2 ** 62:            # one integer key per (text, gram)
        key = sorted_distinct(record * base ** n + gram)
        return key // base ** n, key % base ** n
    order = np.lexsort((gram, record))
    record, gram = record[order], gram[order]
    first = np.r_[True, (record[1:] != record[:-1]) | (gram[1:] != gram[:-1])]
    return record[first], gram[first]


def offsets(lengths: np.ndarray) -> np.ndarray:
    """0, 1, …, k−1 for each run length k in ``lengths``, concatenated: the position of every
    element inside its run, for gathering ragged rows without a Python loop."""
    return np.arange(int(lengths.sum())) - np.repeat(np.cumsum(lengths) - lengths, lengths)


def ranked(record: np.ndarray, gid: np.ndarray, count: int, distinct: bool = False) -> TokenSets:
    """Distinct (record, token) pairs, tokens renumbered by document frequency (rarest first).
    ``distinct``: the pairs are already distinct (no sort to find them)."""
    n_tokens = int(gid.max()) + 1
    if not distinct:
        pairs = record.astype(np.int64) * n_tokens
        pairs += gid
        pairs.sort()                                   # in place: these arrays are the peak at 10⁶
        pairs = pairs[np.r_[True, pairs[1:] != pairs[:-1]]]
        gid = pairs % n_tokens
        record = pairs // n_tokens
        del pairs
    df = np.bincount(gid, minlength=n_tokens)
    rank_of = np.empty(n_tokens, dtype=np.int64)
    rank_of[np.lexsort((np.arange(n_tokens), df))] = np.arange(n_tokens)
    indptr = np.zeros(count + 1, dtype=np.int64)
    np.cumsum(np.bincount(record, minlength=count), out=indptr[1:])
    ordered = record.astype(np.int64)
    del record
    ordered *= n_tokens                            # in place: these arrays are the peak at 10⁶
    np.take(rank_of.astype(gid.dtype), gid, out=gid, mode="clip")   # in place and unbuffered
    ordered += gid
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
