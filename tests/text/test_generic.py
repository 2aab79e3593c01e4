"""Generic words (graphkpi.text.generic): folded or dropped before titles are compared, and
junk titles that may never be grouped."""

from __future__ import annotations

import random
import re

import numpy as np
import pandas as pd
import pyarrow as pa
import pytest

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


def _loanwords_one_at_a_time(record: np.ndarray, words: np.ndarray) -> np.ndarray:
    """join_loanwords as first written: each candidate run read in Python, longest runs first."""
    from graphkpi.text import generic

    runs, terms = generic._loan_runs(), generic._english_loanwords()
    out, taken = words.copy(), np.zeros(len(words), dtype=bool)
    latin = [bool(re.fullmatch(r"[0-9a-z]+", w)) for w in words]
    for n in range(generic._LONGEST_RUN, 1, -1):
        for i in range(len(words) - n + 1):
            if record[i + n - 1] != record[i] or taken[i]:
                continue
            run = words[i: i + n].tolist()
            english = runs.get(generic._SEP.join(run))
            if english is None and all(latin[i: i + n]) and "".join(run) in terms:
                english = "".join(run)
            if english is not None and not taken[i: i + n].any():
                out[i], out[i + 1: i + n] = english, ""
                taken[i: i + n] = True
    return out


@pytest.mark.parametrize("seed", range(4))
def test_loanword_runs_found_at_once_as_one_at_a_time(seed: int) -> None:
    """Runs overlap, repeat and cross titles in random word streams; the vectorised reading
    takes the same runs as reading each in turn."""
    rnd = random.Random(seed)
    pool = ["อี", "คอม", "เมิร์ซ", "สมาร์ท", "โฟน", "smart", "phone", "e", "commerce", "ดิจิทัล", "อบรม", "ฟาร์ม"]
    words = np.array([rnd.choice(pool) for _ in range(400)], dtype=object)
    record = np.sort(np.array([rnd.randrange(60) for _ in range(400)]))
    joined = join_loanwords(record, words)
    assert joined.tolist() == _loanwords_one_at_a_time(record, words).tolist()
    assert (joined == "").sum() >= 5                 # runs were found and joined
