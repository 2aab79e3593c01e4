"""Slots read from titles (graphkpi.text.slots): the rules added for the independent evaluation's
failure modes, each with its near miss."""

from __future__ import annotations

from graphkpi.text.slots import villages


def test_baan_ending_a_dictionary_word_names_no_village() -> None:
    # พื้นบ้าน (folk) and แม่บ้าน (housewives) end in บ้าน; the village is the name after the next บ้าน
    assert villages("อบรมสมุนไพรพื้นบ้านแก่เกษตรกร บ้านหนองจิก หมู่ 3") == {"หนองจิก", "#3"}
    assert villages("สมุนไพรพื้นบ้าน บ้านหนองจิก") == {"หนองจิก"}     # not "บ้านหนองจิก" across the space
    assert villages("พัฒนาอาชีพกลุ่มแม่บ้านบ้านป่าแดง") == {"ป่าแดง"}
    # near misses: a village after a preposition or a plain word still counts
    assert villages("มอบให้แก่บ้านหนองบัว") == {"หนองบัว"}
    assert villages("ก่อสร้างถนนบ้านหนองบัว") == {"หนองบัว"}
