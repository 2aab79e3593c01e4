"""Generic words (graphkpi.text.generic): folded or dropped before titles are compared, and
junk titles that may never be grouped."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pyarrow as pa

from graphkpi.text.generic import (
    GENERIC_MODIFIERS,
    GENERIC_VERBS,
    VERB_CLASS,
    fold_words,
    function_words,
    join_loanwords,
    junk,
)
from graphkpi.text.slots import ACTIVITIES
from graphkpi.text.words import flat_words


def test_verbs_fold_to_one_class_and_function_words_drop() -> None:
    words = np.array(["ส่งเสริม", "พัฒนา", "และ", "สำหรับ", "อาชีพ", "ยั่งยืน"], dtype=object)
    assert fold_words(words).tolist() == [VERB_CLASS, VERB_CLASS, "", "", "อาชีพ", ""]


def test_content_stopwords_and_activities_keep_their_weight() -> None:
    # ใหม่ and จัดหา are PyThaiNLP stopwords; one names content, the other an activity.
    assert {"ใหม่", "จัดหา"}.isdisjoint(function_words())
    assert fold_words(np.array(["ใหม่", "จัดหา"], dtype=object)).tolist() == ["ใหม่", "<procurement>"]


def test_lists_do_not_overlap_and_every_entry_says_why() -> None:
    activity_words = {w for ws in ACTIVITIES.values() for w in ws}
    assert not set(GENERIC_VERBS) & set(GENERIC_MODIFIERS)
    assert not (set(GENERIC_VERBS) | set(GENERIC_MODIFIERS)) & activity_words
    assert all(why.strip() for why in [*GENERIC_VERBS.values(), *GENERIC_MODIFIERS.values()])


def test_junk_titles() -> None:
    raw = pd.Series(["=SUM(1)", "#REF!", "", "ส่งเสริม", "อบรม", "2568",
                     "ส่งเสริมอาชีพ", "=HYPERLINK(1)ฝึกอบรมอาชีพ", "Smart Farm"])
    record, words = flat_words(raw.str.lower().str.replace(r"[^0-9a-zก-๙]+", " ", regex=True).tolist())
    assert junk(raw, record, fold_words(words)).tolist() == [True, True, True, True, True, True,
                                                             False, False, False]
    # the same titles as GK301 hands them over: one Arrow column (a formula after a no-break space too)
    column = pa.array([*raw, "\u00a0=A1", "ก=1"], type=pa.large_string())
    record, words = flat_words([*raw.str.lower().str.replace(r"[^0-9a-zก-๙]+", " ", regex=True), "a1", "ก 1"])
    assert junk(column, record, fold_words(words)).tolist() == [True, True, True, True, True, True,
                                                                False, False, False, True, False]


def test_words_of_one_activity_class_fold_together() -> None:
    folded = fold_words(np.array(["ฝึกอบรม", "อบรม", "ฝึกทักษะ", "รณรงค์"], dtype=object)).tolist()
    assert folded[0] == folded[1] == folded[2] == "<training>"
    assert folded[3] == "<campaign>"          # near miss: another activity stays another token


def test_a_loanword_cut_into_words_is_one_word_in_either_script() -> None:
    # อีคอมเมิร์ซ is cut อี|คอม|เมิร์ซ by the segmenter, e-commerce becomes "e commerce"; both are ecommerce
    titles = ["อบรมอีคอมเมิร์ซ", "อบรม e commerce", "ซื้อ smart phone", "ซื้อ smart farm", "อบรม big data"]
    record, words = flat_words(titles)
    joined = join_loanwords(record, words)
    kept = [[w for w in joined[record == i] if w] for i in range(len(titles))]
    assert kept[:3] == [["อบรม", "ecommerce"], ["อบรม", "ecommerce"], ["ซื้อ", "smartphone"]]
    # near misses: Latin words whose join is no loanword of the dictionary stay apart
    assert kept[3:] == [["ซื้อ", "smart", "farm"], ["อบรม", "big", "data"]]
