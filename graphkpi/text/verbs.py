"""What a title says is done: the verbs it opens with, and which verbs mean the same.

The activity lexicon (:data:`graphkpi.text.slots.ACTIVITIES`) names the kinds of work plan
titles name most, but ministries name many others: ``ฟื้นฟูสุขภาพจิต`` (rehabilitate) and
``เฝ้าระวังสุขภาพจิต`` (monitor) share every other word and are different work, which an
auditor rejects at once. Thai titles put what is done first: ``[โครงการ] VERB … TOPIC``,
the topic often nominalised by ``การ`` (``รณรงค์การปลูกป่า``). So a title's *head* is the run
of verbs it opens with, after the generic verbs (:data:`graphkpi.text.generic.GENERIC_VERBS`,
which say nothing about the work) and joined by ``และ``/``หรือ``; it stops at the first word
that is not a verb (``การ``, a noun). Which words are verbs, and which verbs are one, comes from
documented resources shipped with PyThaiNLP, read once per distinct word:

- the Thai WordNet (``wordnet_th.db``; Thoongsup et al. 2009, "Thai WordNet construction",
  ALR7; Thai Computational Linguistics Laboratory, NICT): each Thai word with the Princeton
  WordNet synsets it belongs to, tagged with their part of speech. A word with a verb synset
  and no noun synset is a verb; its senses are those synsets, so two verbs that share one
  (``บำบัด`` and ``รักษา``; ``อบรม`` and ``ฝึก``) are one equivalence class;
- for a word the WordNet lacks, PyThaiNLP's unigram tagger over the ORCHID corpus
  (``pos_tag(engine="unigram", corpus="orchid")``, the word's most frequent tag there): an
  active verb (``VACT``) is a verb whose only sense is itself.

A head verb of the lexicon also stands for its activity class (``ฝึกอบรม`` is ``training``), so
a lexicon activity named anywhere in the other title meets it. :func:`head_senses` is what
:func:`graphkpi.text.slots.slots` adds to the activities a title names.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Sequence
from functools import cache

import numpy as np
import pandas as pd

from graphkpi.text import thai_wordnet
from graphkpi.text.generic import GENERIC_VERBS
from graphkpi.text.slots import ACTIVITIES
from graphkpi.text.words import segment

# Words that join two verbs of one head (อบรมและศึกษาดูงาน, ป้องกันหรือแก้ไข) without ending it.
JOINERS = frozenset({"และ", "หรือ"})
_LEAD = re.compile(r"^[\s\"'(\[]*(?:โครงการ|project)?\s*", re.IGNORECASE)
_WORD_OF_ACTIVITY = {w: a for a, ws in ACTIVITIES.items() for w in ws}


@cache
def senses(word: str) -> frozenset[str]:
    """The senses of ``word`` as a verb (WordNet synsets, or ``verb:<word>``), plus its activity
    class when the lexicon lists it; empty when it is not a verb."""
    out = {_WORD_OF_ACTIVITY[word]} if word in _WORD_OF_ACTIVITY else set()
    known = thai_wordnet.synsets(word)
    verb = {s for s in known if s.endswith("-v")}
    noun = any(s.endswith("-n") for s in known)
    if verb or noun:
        return frozenset(out | verb) if verb and not noun else frozenset(out)
    if out or _orchid_tag(word) == "VACT":
        return frozenset(out | {f"verb:{word}"})
    return frozenset()


def _orchid_tag(word: str) -> str:
    return _orchid().get(word, "")


@cache
def _orchid() -> dict[str, str]:
    """PyThaiNLP's ORCHID unigram table (word → its most frequent tag), the data behind
    ``pos_tag(engine="unigram", corpus="orchid")``, read directly: that function scans a list of
    the table's keys per word (~1 ms a word)."""
    from pythainlp.corpus import corpus_path

    with open(os.path.join(corpus_path(), "pos_orchid_unigram.json"), encoding="utf-8-sig") as fh:
        return json.load(fh)


def head_senses(titles: Sequence[str]) -> list[frozenset[str]]:
    """Per title, the senses of the verbs it opens with (empty when it opens with no verb).

    Each distinct opening phrase (up to the first space) is segmented and read once."""
    phrases = [_LEAD.sub("", t or "").split(" ", 1)[0] for t in titles]
    distinct = list(dict.fromkeys(phrases))
    said = segment(distinct)
    thai_wordnet.read(w for ws in said for w in ws)
    found = dict(zip(distinct, (_head(ws) for ws in said), strict=True))
    return [found[p] for p in phrases]


def _head(words: list[str]) -> frozenset[str]:
    out: set[str] = set()
    for word in words:
        if word in GENERIC_VERBS or word in JOINERS:
            continue
        meant = senses(word)
        if not meant:
            break
        out |= meant
    return frozenset(out)


def expanded(record: np.ndarray, words: np.ndarray, look: int = 8) -> np.ndarray:
    """Per word (``record``, ``words``: every title's words in order, records ascending): True
    for the verbs a title's opening run adds after ``และ``/``หรือ`` (``ฝึกอบรมและศึกษาดูงาน…``:
    ศึกษาดูงาน). One ministry writes an activity as a two-verb phrase where another writes one
    verb; the run is compared strictly as the activity slot (its senses must meet the other
    title's), so the title similarity need not count the added verbs. A compound without a
    joiner (``จัดมหกรรม``, ``บำบัดฟื้นฟู``) is one activity and stays. Only a title's first
    ``look`` words can open it; each distinct word there is read once."""
    out = np.zeros(len(words), dtype=bool)
    if not len(words):
        return out
    start = np.r_[0, np.flatnonzero(record[1:] != record[:-1]) + 1]
    length = np.diff(np.r_[start, len(words)])
    pos = np.arange(len(words)) - np.repeat(start, length)
    early = np.flatnonzero(pos < look)
    codes, distinct = pd.factorize(pd.Series(words[early], dtype=object))
    thai_wordnet.read(distinct)
    role = np.array([_role(w) for w in distinct], dtype=np.int8)[codes]
    first = np.r_[True, record[early][1:] != record[early][:-1]]
    in_run = _none_yet(role == _ENDS, first)
    after_joiner = ~_none_yet(role == _JOINS, first)
    out[early[in_run & after_joiner & (role == _VERB)]] = True
    return out


_ENDS, _SKIPPED, _JOINS, _VERB = 0, 1, 2, 3


def _role(word: str) -> int:
    if word in JOINERS:
        return _JOINS
    if word in GENERIC_VERBS:
        return _SKIPPED
    return _VERB if senses(word) else _ENDS


def _none_yet(hit: np.ndarray, first: np.ndarray) -> np.ndarray:
    """Per position: no ``hit`` so far in its record (this position included); ``first`` marks
    each record's first position."""
    seen = np.cumsum(hit)
    base = np.maximum.accumulate(np.where(first, seen - hit, 0))
    return seen == base
