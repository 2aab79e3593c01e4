"""``--explain`` names a Thai compound met by its loanword, in Thai and in English."""

from __future__ import annotations

from graphkpi.render.duplicates import _equivalences


def test_a_calque_is_named_in_both_languages() -> None:
    pair = {"a": "P1", "b": "P2", "similarity": 1.0,
            "equivalences": {"calques": ["การค้าอิเล็กทรอนิกส์ ~ e commerce"], "ignored": ["ของ"]}}
    th, en = _equivalences(pair, "th"), _equivalences(pair, "en")
    assert "คำประสมภาษาไทยที่แปลคำทับศัพท์ตรงตัว" in th and "การค้าอิเล็กทรอนิกส์ ~ e commerce" in th
    assert "translates a loanword word for word" in en and "การค้าอิเล็กทรอนิกส์ ~ e commerce" in en
    assert "ไม่นับคำทั่วไป: ของ" in th                       # other equivalences still follow
    assert _equivalences({"a": "P1", "b": "P2", "similarity": 1.0}, "th") == ""
