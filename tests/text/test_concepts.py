"""Thai compounds read in English (graphkpi.text.concepts): a compound that spells a loanword's
English term word for word is that loanword; any other compound stays as it is."""

from __future__ import annotations

import numpy as np

from graphkpi.text.concepts import PREFIXES, heads, join_calques, modifiers, reading


def test_readings_come_from_the_wordnets() -> None:
    # การค้า is Thai WordNet's synset 01090446-n, whose Princeton lemmas are commerce, commercialism …
    assert "commerce" in heads("การค้า")
    # อิเล็กทรอนิกส์ (electronics) reaches the adjective electronic through WordNet's derived-form
    # pointer, and electronic's combining form e- (PREFIXES)
    assert {"electronics", "electronic", PREFIXES["electronic"]} <= modifiers("อิเล็กทรอนิกส์")
    assert heads("คำที่ไม่มีในพจนานุกรม") == frozenset()


def test_a_compound_is_the_loanword_it_spells_and_wordnet_attests() -> None:
    # e-commerce: WordNet files it under commerce, "commerce conducted electronically"
    assert reading("การค้า", "อิเล็กทรอนิกส์") == "ecommerce"
    # near misses: Thai puts the head first, so the reversed compound spells nothing; a compound
    # whose English reading is no loanword's term stays apart
    assert reading("อิเล็กทรอนิกส์", "การค้า") is None
    assert reading("การค้า", "ชายแดน") is None
    # spelled but not attested: คำ|ใหญ่ spells keyword through ใหญ่'s sense "key", and WordNet's
    # keyword is no "word" defined by "key"; ไปรษณีย์|อิเล็กทรอนิกส์ spells email, but WordNet files
    # e-mail under electronic communication, not under mail
    assert reading("คำ", "ใหญ่") is None
    assert reading("ไปรษณีย์", "อิเล็กทรอนิกส์") is None


def test_join_replaces_only_adjacent_words_of_one_title() -> None:
    words = np.array(["อบรม", "การค้า", "อิเล็กทรอนิกส์", "ชุมชน", "การค้า", "ชายแดน", "การค้า",
                      "อิเล็กทรอนิกส์"], dtype=object)
    record = np.array([0, 0, 0, 0, 1, 1, 2, 3])        # the last two words are in different titles
    out = join_calques(record, words).tolist()
    assert out == ["อบรม", "ecommerce", "", "ชุมชน", "การค้า", "ชายแดน", "การค้า", "อิเล็กทรอนิกส์"]


def test_noun_lookup_by_scan_equals_the_whole_index() -> None:
    """A term's synsets found by one scan of ``index.noun`` are those of the first lemma that
    joins as the term does, as reading the whole index would give: hyphenated, underscored,
    plain, a term that only a longer lemma begins with, and an absent one."""
    import os
    import random

    from graphkpi.text.concepts import _folder, _nouns
    from graphkpi.text.generic import _joined, loanwords

    whole: dict[str, tuple[str, ...]] = {}
    with open(os.path.join(_folder(), "index.noun"), encoding="utf-8") as fh:
        for line in fh:
            if line.startswith(" "):
                continue
            fields = line.split()
            whole.setdefault(_joined(fields[0]), tuple(f"{o}-n" for o in fields[-int(fields[2]):]))
    terms = ["ecommerce", "solarcell", "commerce", "telemedicine", "computer", "keyword", "clubhouse",
             "zzznotaword", "", *random.Random(1).sample(sorted(set(loanwords().values())), 60)]
    assert whole["ecommerce"] and whole["solarcell"]
    for term in terms:
        assert _nouns(term) == whole.get(term, ()), term
