"""A loanword written in Thai letters in one title and Latin letters in another.

PyThaiNLP's transliteration dictionary (:func:`graphkpi.text.generic.loanwords`) knows one or two
Thai spellings of a few thousand loanwords; titles use others (``โอทอป`` where it has ``โอท็อป``,
for ``OTOP``). The segmenter does not know them either, so the Thai spelling comes cut into
pieces (``โอ|ทอ|ป``). Such a run of Thai words is the Latin word of another title when its
romanisation in the Royal Thai General System of Transcription (RTGS, the Royal Institute's 1999
principles; PyThaiNLP's ``royin`` engine) equals the Latin word once RTGS's aspirate digraphs are
read as the plain consonants they stand for in English loanwords: the Royal Institute's rules
for transcribing English (หลักเกณฑ์การทับศัพท์ภาษาอังกฤษ) write English t, p and k as ท, พ and
ค, which RTGS romanises th, ph and kh (:data:`ASPIRATES`). The words must be spelled exactly alike
after that; nothing is fuzzy.

Cheap where it must be: nothing is romanised when no title writes a Latin word; otherwise only
runs of up to four Thai words that contain a word PyThaiNLP's word list lacks (a loanword it
lacks is cut into such pieces), each distinct word romanised once.
"""

from __future__ import annotations

import re
from functools import cache

import numpy as np
import pandas as pd

from graphkpi.parallel import chunked_map

# RTGS digraph → the English consonant the Royal Institute's rules write with that Thai letter.
ASPIRATES: dict[str, str] = {"th": "t", "ph": "p", "kh": "k"}
_ASPIRATE = re.compile("|".join(ASPIRATES))
_LATIN = r"[a-z][a-z0-9]{2,}"        # three letters at least: shorter ones are abbreviations
_LONGEST_RUN = 4
_PARALLEL_FROM = 20_000              # distinct words; royin takes ~0.7 ms a word


def key(latin: str) -> str:
    """What is compared: lower case, RTGS aspirate digraphs as plain consonants."""
    return _ASPIRATE.sub(lambda m: ASPIRATES[m.group(0)], latin.lower())


def romanise(words: list[str]) -> list[str]:
    """RTGS romanisation of each word (PyThaiNLP's ``royin`` engine)."""
    from pythainlp.transliterate import romanize

    return [romanize(w, engine="royin") for w in words]


@cache
def _known() -> frozenset[str]:
    from pythainlp.corpus import thai_words

    return frozenset(thai_words())


def join_romanised(record: np.ndarray, words: np.ndarray) -> tuple[np.ndarray, frozenset[str]]:
    """``words`` (every title's words in order, ``record`` ascending) with each run of Thai words
    that spells a Latin word of some title (see the module) replaced by that Latin word, the
    run's other words ""; and the Latin words so met (for ``--explain``). Longest runs first."""
    codes, distinct = pd.factorize(pd.Series(words, dtype=object))
    distinct = pd.Series(distinct, dtype=object)
    latin = distinct[distinct.str.fullmatch(_LATIN).fillna(False).to_numpy(dtype=bool)]
    wanted = {key(w): w for w in latin}
    if not wanted:
        return words, frozenset()
    thai = distinct.str.contains("[\u0e01-\u0e4e]", regex=True).fillna(False).to_numpy(dtype=bool)
    unknown = thai & ~distinct.isin(_known()).to_numpy()
    is_thai, is_unknown = thai[codes], unknown[codes]
    seen, pos = np.r_[0, np.cumsum(is_unknown)], np.arange(len(words))     # within a run's reach of an unknown word:
    near = seen[np.minimum(pos + _LONGEST_RUN, len(words))] > seen[np.maximum(pos - _LONGEST_RUN + 1, 0)]
    readable = np.flatnonzero(is_thai & near)
    spelled = np.full(len(distinct), "", dtype=object)
    todo = np.unique(codes[readable])
    spelled[todo] = chunked_map(romanise, distinct.iloc[todo].tolist(), _PARALLEL_FROM)
    out, taken = words.copy(), np.zeros(len(words), dtype=bool)
    met: dict[tuple[str, ...], str] = {}
    for n in range(_LONGEST_RUN, 0, -1):
        at = readable[readable + n <= len(words)]
        span = at[:, None] + np.arange(n)
        ok = (record[span] == record[at][:, None]).all(1) & is_thai[span].all(1) & is_unknown[span].any(1)
        at, span = at[ok], span[ok]
        if not len(at):
            continue
        text = pd.Series(spelled[codes[span[:, 0]]], dtype=object)
        for k in range(1, n):
            text = text + pd.Series(spelled[codes[span[:, k]]], dtype=object)
        found = text.map(lambda s: wanted.get(key(s))).to_numpy(dtype=object)
        for i, latin_word in zip(at[pd.notna(found)].tolist(), found[pd.notna(found)].tolist(), strict=True):
            if not taken[i:i + n].any():
                out[i], out[i + 1:i + n] = latin_word, ""
                taken[i:i + n] = True
                met[tuple(words[i:i + n].tolist())] = latin_word
    _recut(record, words, out, taken, met)
    return out, frozenset(met.values())


def _recut(record: np.ndarray, words: np.ndarray, out: np.ndarray, taken: np.ndarray,
           met: dict[tuple[str, ...], str]) -> None:
    """Where another title writes a Thai spelling already met (its pieces ``met``) but the
    segmenter, not knowing the word, cut its last piece together with the next word's first
    letters (``โอ|ทอ|ปอ|ย่าง`` for ``โอทอป|อย่าง``), the spelling becomes the Latin word there too
    and the letters left over go back to the next word (``อย่าง``). In place, on ``out``."""
    for pieces, latin_word in met.items():
        n, last = len(pieces), pieces[-1]
        at = np.flatnonzero(words == pieces[0])
        at = at[at + n < len(words)]
        for i in at.tolist():
            run, after = words[i:i + n].tolist(), words[i + n]
            if (tuple(run[:-1]) == pieces[:-1] and run[-1] != last and run[-1].startswith(last)
                    and record[i + n] == record[i] and not taken[i:i + n + 1].any()):
                out[i], out[i + 1:i + n] = latin_word, ""
                out[i + n] = run[-1][len(last):] + after
                taken[i:i + n + 1] = True
