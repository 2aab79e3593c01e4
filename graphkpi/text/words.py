"""Thai word sets of many titles: PyThaiNLP's newmm segmenter (the Rust build, nlpo3).

Thai is written without spaces between words, so titles are segmented with a dictionary
(newmm, maximal matching over Thai character clusters). Titles are cut at spaces and each
distinct phrase is segmented once; on large inputs the work is spread over the machine's
cores, since one phrase takes tens of µs and a national bundle has 10⁶ titles.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from graphkpi.parallel import chunked_map
from graphkpi.text.grams import TokenSets, offsets, ranked

_PARALLEL_FROM = 40_000     # distinct phrases; below this a process pool costs more than it saves


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


def flat_words(texts: Sequence[str] | pa.Array) -> tuple[np.ndarray, np.ndarray]:
    """(record, word) for every word of every text, in order.

    Titles share phrases (a place, a programme name, boilerplate), so texts are cut at
    spaces and each distinct phrase is segmented once; a space is a word boundary anyway.
    The cutting and the distinct phrases are Arrow kernels over the whole column.
    """
    column = texts if isinstance(texts, pa.Array) else pa.array(list(texts), type=pa.large_string(), from_pandas=True)
    parts = pc.split_pattern(pc.fill_null(column, ""), " ")
    owner = pc.list_parent_indices(parts)
    phrase = pc.list_flatten(parts)
    kept = pc.not_equal(phrase, "")
    owner, phrase = pc.filter(owner, kept), pc.filter(phrase, kept)
    if not len(phrase):
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=object)
    encoded = pc.dictionary_encode(phrase)
    which = encoded.indices.to_numpy(zero_copy_only=False)
    segmented = _segment_all(encoded.dictionary.to_pylist())
    sizes = np.fromiter((len(w) for w in segmented), dtype=np.int64, count=len(segmented))
    flat = np.array([w for ws in segmented for w in ws], dtype=object)
    starts = np.cumsum(sizes) - sizes
    per = sizes[which]
    pos = np.repeat(starts[which], per) + offsets(per)
    return np.repeat(owner.to_numpy(zero_copy_only=False).astype(np.int64), per), flat[pos]


def _segment_all(texts: list[str]) -> list[list[str]]:
    """Serial for small inputs; otherwise forked workers (:mod:`graphkpi.parallel`)."""
    return chunked_map(segment, texts, _PARALLEL_FROM)
