"""Thai word sets of many titles: PyThaiNLP's newmm segmenter (the Rust build, nlpo3).

Thai is written without spaces between words, so titles are segmented with a dictionary
(newmm, maximal matching over Thai character clusters). Titles are cut at spaces and each
distinct phrase is segmented once; on large inputs the work is spread over the machine's
cores, since one phrase takes tens of µs and a national bundle has 10⁶ titles.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable, Sequence

import numpy as np
import pandas as pd

from graphkpi.text.grams import TokenSets, offsets, ranked

_PARALLEL_FROM = 40_000     # distinct phrases; below this a process pool costs more than it saves
_CHUNK = 10_000


def segment(texts: Sequence[str]) -> list[list[str]]:
    """Words of each text (whitespace dropped), in order."""
    from pythainlp.tokenize import word_tokenize

    return [[w for w in word_tokenize(t, engine="nlpo3") if w.strip()] if t else [] for t in texts]


def word_sets(texts: Sequence[str], fold: Callable[[np.ndarray], np.ndarray] | None = None) -> TokenSets:
    """Word sets of ``texts`` in the rarest-first rank form of :mod:`graphkpi.text.grams`.

    ``fold`` maps every word to what is compared (e.g. :func:`graphkpi.text.generic.fold_words`);
    words it maps to "" are dropped.
    """
    record, words = flat_words(texts)
    if fold is not None and len(words):
        words = fold(words)
    return sets_of(record, words, len(texts))


def sets_of(record: np.ndarray, words: np.ndarray, count: int) -> TokenSets:
    """(record, word) pairs as the word sets of ``count`` records; "" words are dropped."""
    kept = words != ""
    record, words = record[kept], words[kept]
    if not len(words):
        return TokenSets(np.zeros(count + 1, dtype=np.int64), np.zeros(0, dtype=np.int64))
    return ranked(record, pd.factorize(words)[0].astype(np.int64), count)


def words_of(texts: Sequence[str]) -> list[list[str]]:
    """Each text's words in order (whitespace dropped)."""
    record, words = flat_words(texts)
    cut = np.searchsorted(record, np.arange(1, len(texts)))
    return [list(part) for part in np.split(words, cut)]


def flat_words(texts: Sequence[str]) -> tuple[np.ndarray, np.ndarray]:
    """(record, word) for every word of every text, in order.

    Titles share phrases (a place, a programme name, boilerplate), so texts are cut at
    spaces and each distinct phrase is segmented once; a space is a word boundary anyway.
    """
    phrases = pd.Series(list(texts), dtype=object).fillna("").str.split(" ").explode()
    phrases = phrases[phrases != ""]
    if phrases.empty:
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=object)
    which, unique = pd.factorize(phrases.to_numpy())
    segmented = _segment_all(list(unique))
    sizes = np.fromiter((len(w) for w in segmented), dtype=np.int64, count=len(segmented))
    flat = np.array([w for ws in segmented for w in ws], dtype=object)
    starts = np.cumsum(sizes) - sizes
    per = sizes[which]
    pos = np.repeat(starts[which], per) + offsets(per)
    return np.repeat(phrases.index.to_numpy(np.int64), per), flat[pos]


def _segment_all(texts: list[str]) -> list[list[str]]:
    """Serial for small inputs; otherwise forked workers (the segmenter holds the GIL, so
    threads do not help). Fork, not spawn: spawn re-runs the caller's ``__main__``."""
    workers = os.cpu_count() or 1
    if len(texts) < _PARALLEL_FROM or workers < 2 or "fork" not in multiprocessing.get_all_start_methods():
        return segment(texts)
    from concurrent.futures import ProcessPoolExecutor  # 0.1 s to import; only large inputs use it

    chunks = [texts[i: i + _CHUNK] for i in range(0, len(texts), _CHUNK)]
    with ProcessPoolExecutor(max_workers=workers, mp_context=multiprocessing.get_context("fork")) as pool:
        return [ws for part in pool.map(segment, chunks) for ws in part]
