"""The Thai WordNet shipped with PyThaiNLP, read for the words a run asks about.

``wordnet_th.db`` (Thoongsup et al. 2009, "Thai WordNet construction", ALR7; Thai Computational
Linguistics Laboratory, NICT) lists each Thai lemma with the Princeton WordNet synsets it belongs
to, tagged by part of speech (``01090446-n``). GK301 asks it which words are verbs
(:mod:`graphkpi.text.verbs`) and what a compound says in English (:mod:`graphkpi.text.concepts`).
A sample's titles ask about a few hundred words, which SQLite picks out in a few tens of ms,
where turning all 91,000 rows into Python objects costs 0.2–0.6 s of every run; a national
bundle asks about so many that one pass over the whole table is cheaper.
"""

from __future__ import annotations

import json
import os
import sqlite3
from collections.abc import Iterable
from contextlib import closing

# Thai word → its synsets (empty when the WordNet lacks it); filled by read().
_SYNSETS: dict[str, tuple[str, ...]] = {}
_WHOLE = 5_000   # more unread words than this: the whole table is read (one pass, a few tenths of a second)


def read(words: Iterable[str]) -> None:
    """Reads the entries of those ``words`` not read yet, in one query."""
    unread = [w for w in dict.fromkeys(words) if w not in _SYNSETS]
    if not unread:
        return
    from pythainlp.corpus import corpus_path

    whole = len(unread) > _WHOLE
    sql = "SELECT synsetid, li FROM word_synset" + ("" if whole else
                                                     " WHERE li IN (SELECT value FROM json_each(?))")
    found: dict[str, list[str]] = {}
    with closing(sqlite3.connect(os.path.join(corpus_path(), "wordnet_th.db"))) as db:
        for synset, word in db.execute(sql, () if whole else (json.dumps(unread, ensure_ascii=False),)):
            found.setdefault(word, []).append(synset)
    _SYNSETS.update({w: tuple(sorted(found.get(w, ()))) for w in unread})
    if whole:
        _SYNSETS.update({w: tuple(sorted(s)) for w, s in found.items() if w not in _SYNSETS})


def synsets(word: str) -> tuple[str, ...]:
    """The synsets ``word`` belongs to, sorted; empty when the WordNet lacks it."""
    read((word,))
    return _SYNSETS[word]
