"""The Thai WordNet reader: the words a run asks about read as the whole table reads them."""

from __future__ import annotations

import pytest

from graphkpi.text import thai_wordnet, verbs


def test_words_asked_read_as_the_whole_table(monkeypatch: pytest.MonkeyPatch) -> None:
    """A run reads only the words it asks about, and they read exactly as when the whole table
    is read: verbs, a verb that is also a noun, a noun, an adjective, a word absent from it."""
    words = ["อบรม", "ฝึก", "รักษา", "บำบัด", "สุขภาพจิต", "การ", "คุ้มครอง", "ใหญ่", "ไม่มีคำนี้"]
    monkeypatch.setattr(thai_wordnet, "_SYNSETS", {})
    thai_wordnet.read(words)
    few = dict(thai_wordnet._SYNSETS)
    assert set(few) == set(words)                      # only the words asked about were read
    monkeypatch.setattr(thai_wordnet, "_SYNSETS", {})
    monkeypatch.setattr(thai_wordnet, "_WHOLE", 0)      # now every read takes the whole table
    thai_wordnet.read(words)
    assert len(thai_wordnet._SYNSETS) > 50_000
    assert {w: thai_wordnet._SYNSETS[w] for w in words} == few
    assert any(s.endswith("-v") for s in few["อบรม"])
    assert any(s.endswith("-n") for s in few["สุขภาพจิต"]) and few["ไม่มีคำนี้"] == ()


def test_verb_senses_from_the_reader(monkeypatch: pytest.MonkeyPatch) -> None:
    """A word with verb synsets and no noun synset is a verb; one with a noun synset is not."""
    monkeypatch.setattr(thai_wordnet, "_SYNSETS", {"ทดลองคำ": ("00000001-v",), "ทดลองนาม": ("00000001-v", "1-n")})
    verbs.senses.cache_clear()
    try:
        assert verbs.senses("ทดลองคำ") == frozenset({"00000001-v"})
        assert verbs.senses("ทดลองนาม") == frozenset()
    finally:
        verbs.senses.cache_clear()
