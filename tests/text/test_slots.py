"""Slots read from titles (graphkpi.text.slots): the rules added for the independent evaluation's
failure modes, each with its near miss."""

from __future__ import annotations

import numpy as np

from graphkpi.text.slots import (
    beneficiaries,
    conflicts,
    from_keys,
    pair_conflicts,
    slot_keys,
    slots,
    target_groups,
    title_slots,
    villages,
    with_objective,
)


def test_baan_ending_a_dictionary_word_names_no_village() -> None:
    # พื้นบ้าน (folk) and แม่บ้าน (housewives) end in บ้าน; the village is the name after the next บ้าน
    assert villages("อบรมสมุนไพรพื้นบ้านแก่เกษตรกร บ้านหนองจิก หมู่ 3") == {"หนองจิก", "#3"}
    assert villages("สมุนไพรพื้นบ้าน บ้านหนองจิก") == {"หนองจิก"}     # not "บ้านหนองจิก" across the space
    assert villages("พัฒนาอาชีพกลุ่มแม่บ้านบ้านป่าแดง") == {"ป่าแดง"}
    # near misses: a village after a preposition or a plain word still counts
    assert villages("มอบให้แก่บ้านหนองบัว") == {"หนองบัว"}
    assert villages("ก่อสร้างถนนบ้านหนองบัว") == {"หนองบัว"}


def test_a_beneficiary_and_its_abbreviation_are_one() -> None:
    full, short = beneficiaries("อบรมสำหรับแกนนำสุขภาพประจำครอบครัว"), beneficiaries("อบรมสำหรับกสค.")
    assert full == {"for:แกนนำสุขภาพประจำครอบครัว"} and short == {"for:กสค"}
    assert not conflicts(full, short)
    # near misses: letters that are not the phrase's initials in order, or another phrase
    assert conflicts(full, beneficiaries("อบรมสำหรับกคส."))
    assert conflicts(beneficiaries("อบรมสำหรับผู้นำชุมชน"), short)
    found = slots(["อบรมสำหรับแกนนำสุขภาพประจำครอบครัว", "อบรมสำหรับกสค.", "อบรมสำหรับผู้นำชุมชน"], ["", "", ""])
    assert pair_conflicts(found, np.array([0, 1]), np.array([1, 2])).tolist() == [False, True]


def test_beneficiary_phrase_runs_past_pracham_but_not_the_fiscal_year() -> None:
    assert beneficiaries("อบรมสำหรับแกนนำสุขภาพประจำครอบครัว") == {"for:แกนนำสุขภาพประจำครอบครัว"}
    assert beneficiaries("อบรมสำหรับแกนนำสุขภาพประจำปี 2568") == {"for:แกนนำสุขภาพ"}


def test_slots_read_apart_from_objectives_and_through_keys_are_the_same() -> None:
    """Titles read alone (as GK301 reads them, once per distinct title, on worker processes that
    hand back keys) plus the objective's target groups give what reading both at once gives.
    Near-miss: the objective's group is really added (a title naming none gets it)."""
    titles = ["อบรมอาชีพผู้สูงวัย บ้านป่าแดง หมู่ที่ 4", "ปรับปรุงโรงเรียนวัดนาแก", "ฝึกอบรมอาชีพ", "",
              "รณรงค์การปลูกป่าสำหรับเยาวชน", "=SUM(1)\x1f\x1e"]
    goals = ["เพื่อเกษตรกร", "", "เพื่อให้ผู้สูงอายุมีรายได้", "", "เพื่อเด็ก", "x"]
    both = slots(titles, goals)
    alone = from_keys(slot_keys(titles))
    assert alone == title_slots(titles)
    assert [with_objective(f, target_groups(g)) for f, g in zip(alone, goals, strict=True)] == both
    assert "elderly" not in alone[2][0] and "elderly" in both[2][0]
