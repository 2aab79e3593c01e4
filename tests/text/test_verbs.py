"""The verbs a title opens with (graphkpi.text.verbs) and the activities they give the slots."""

from __future__ import annotations

import numpy as np

from graphkpi.text.slots import activities, pair_conflicts, slots
from graphkpi.text.verbs import expanded, head_senses, senses
from graphkpi.text.words import flat_words


def _conflict(a: str, b: str) -> bool:
    return bool(pair_conflicts(slots([a, b], ["", ""]), np.array([0]), np.array([1]))[0])


def test_verbs_outside_the_lexicon_still_name_the_activity() -> None:
    # ฟื้นฟู (rehabilitate) and เฝ้าระวัง (monitor) are in no activity list: the WordNet says they are verbs.
    assert _conflict("โครงการฟื้นฟูสุขภาพจิต", "โครงการเฝ้าระวังสุขภาพจิต")
    assert _conflict("โครงการป้องกันและแก้ไขการจัดการภัยพิบัติ", "โครงการอบรมการจัดการภัยพิบัติ")
    # near miss: บำบัด and รักษา share a WordNet synset (treat), so they are one activity
    assert not _conflict("โครงการบำบัดผู้ติดยาเสพติด", "โครงการรักษาผู้ติดยาเสพติด")


def test_head_is_the_verbs_a_title_opens_with() -> None:
    heads = head_senses(["โครงการส่งเสริมการปลูกป่า", "ส่งเสริมอาชีพ", "โครงการบำบัดฟื้นฟูการปลูกป่า", ""])
    assert heads[0] == heads[1] == heads[3] == frozenset()     # a generic verb, then การ or a noun: no head
    assert heads[2] == senses("บำบัด") | senses("ฟื้นฟู")        # two verbs, the run stops at การ


def test_a_topic_after_karn_is_not_the_activity() -> None:
    assert activities("รณรงค์การปลูกป่าชุมชน", topics=False) == {"campaign"}
    assert activities("รณรงค์การปลูกป่าชุมชน") == {"campaign", "planting"}
    assert activities("โครงการศึกษาดูงานสินค้าชุมชน", topics=False) == {"study_visit"}   # การ of โครงการ
    # a campaign about planting is not a planting, whatever the title names after การ
    assert _conflict("โครงการบำบัดฟื้นฟูการปลูกป่าชุมชน", "โครงการรณรงค์การปลูกป่าชุมชน")
    # near miss: a title that opens with no verb keeps the lexicon's activity wherever it is named
    assert not _conflict("โครงการส่งเสริมการปลูกป่าชุมชน", "โครงการปลูกป่าชุมชน")


def test_senses() -> None:
    assert "training" in senses("อบรม") and senses("อบรม") & senses("ฝึก")   # the lexicon and WordNet meet
    assert senses("คุ้มครอง") == {"verb:คุ้มครอง"}     # not in the WordNet: ORCHID's tag says it is a verb
    assert senses("สุขภาพจิต") == senses("การ") == frozenset()    # a noun; a nominaliser


def test_verbs_added_after_and_are_an_expansion() -> None:
    titles = ["ฝึกอบรมและสัมมนาการคัดแยกขยะ", "รณรงค์และสร้างความตระหนักการป้องกันยาเสพติด",
              "จัดมหกรรมสินค้าชุมชน", "ส่งเสริมและพัฒนาอาชีพ", "ขยะ อบรม และ ประชุม"]
    record, words = flat_words(titles)
    dropped = [set(words[(record == i) & expanded(record, words)]) for i in range(len(titles))]
    assert dropped[0] == {"สัมมนา"} and dropped[1] == {"สร้าง"}
    # near misses: a compound verb without และ is one activity; generic verbs; a title opening with a noun
    assert dropped[2] == dropped[3] == dropped[4] == set()
    assert not expanded(np.zeros(0, dtype=np.int64), np.zeros(0, dtype=object)).any()
