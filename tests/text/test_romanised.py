"""Loanwords in Thai and Latin letters that the dictionary lacks (graphkpi.text.romanised): a
run of Thai words is a Latin word of another title when its RTGS romanisation spells it."""

from __future__ import annotations

import numpy as np

from graphkpi.text.romanised import join_romanised, key


def test_rtgs_aspirates_read_as_english_consonants() -> None:
    assert key("othop") == key("OTOP") == "otop"          # ท is RTGS th, English t
    assert key("phak") == "pak" and key("khon") == "kon"


def test_a_thai_run_that_spells_a_latin_word_of_another_title_is_that_word() -> None:
    # โอทอป is cut โอ|ทอ|ป (the segmenter lacks it; ป is no word of PyThaiNLP's list)
    words = np.array(["จัดงาน", "สินค้า", "โอ", "ทอ", "ป", "จัดงาน", "สินค้า", "otop"], dtype=object)
    record = np.array([0, 0, 0, 0, 0, 1, 1, 1])
    out, met = join_romanised(record, words)
    assert out.tolist() == ["จัดงาน", "สินค้า", "otop", "", "", "จัดงาน", "สินค้า", "otop"]
    assert met == {"otop"}


def test_near_misses_stay_apart() -> None:
    words = np.array(["สินค้า", "โอ", "ทอ", "ป", "สินค้า", "otap"], dtype=object)
    record = np.array([0, 0, 0, 0, 1, 1])
    out, met = join_romanised(record, words)                # othop is not otap
    assert out.tolist() == words.tolist() and met == frozenset()
    alone = np.array(["สินค้า", "โอ", "ทอ", "ป"], dtype=object)   # no Latin word: nothing is read
    assert join_romanised(np.zeros(4, dtype=np.int64), alone)[0].tolist() == alone.tolist()


def test_a_spelling_cut_into_the_next_word_is_recut() -> None:
    # another title writes โอทอปอย่าง…, which the segmenter cuts โอ|ทอ|ปอ|ย่าง
    words = np.array(["สินค้า", "โอ", "ทอ", "ป", "สินค้า", "otop", "สินค้า", "โอ", "ทอ", "ปอ", "ย่าง"], dtype=object)
    record = np.array([0, 0, 0, 0, 1, 1, 2, 2, 2, 2, 2])
    out, _ = join_romanised(record, words)
    assert out[6:].tolist() == ["สินค้า", "otop", "", "", "อย่าง"]
