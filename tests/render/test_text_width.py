"""Column widths and cutting of text in tables: the fast measures agree with the rule they stand
for, one character at a time (Thai marks take no column, wide East Asian characters two)."""

from __future__ import annotations

import random
import unicodedata

import pytest

from graphkpi.render.text import table, truncate, width


def _columns(ch: str) -> int:
    """The rule itself."""
    if unicodedata.combining(ch) or unicodedata.category(ch) in ("Mn", "Me", "Cf"):
        return 0
    return 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1


def _width(text: str) -> int:
    return sum(map(_columns, text))


def _truncate(text: str, size: int) -> str:
    """Characters kept while they fit ``size - 1`` columns, then "…"."""
    if _width(text) <= size:
        return text
    out, used = "", 0
    for ch in text:
        if used + _columns(ch) > size - 1:
            break
        out, used = out + ch, used + _columns(ch)
    return out + "…"


CASES = [
    "",
    "P-0000001",
    "โครงการส่งเสริมเกษตรอัจฉริยะของกลุ่มเกษตรกร",          # above and below marks
    "น้ำ่่่่",                                                # marks piled on one letter
    "กำ",                                                     # SARA AM takes a column
    "ก\u200bข\u200dค\u202eง",                                 # zero-width space, joiner, bidi override
    "โครงการ — “ก” …",                                        # punctuation past U+2000
    "中文ภาษาไทย",                                            # wide, then narrow
    "한국어 プロジェクト",
    "\U0001F600 emoji",                                       # past the BMP
    "\u0e7f\u0e5c\u0378",                                     # unassigned below U+1000
    "e\u0301\u0301",                                          # Latin with combining accents
]


@pytest.mark.parametrize("text", CASES)
def test_width_is_the_sum_of_each_characters_columns(text: str) -> None:
    assert width(text) == _width(text)


@pytest.mark.parametrize("size", [-1, 0, 1, 2, 3, 5, 10, 40])
@pytest.mark.parametrize("text", CASES)
def test_truncate_keeps_what_fits_and_the_marks_after_it(text: str, size: int) -> None:
    assert truncate(text, size) == _truncate(text, size)


def test_a_cut_after_a_letter_keeps_its_marks_and_not_the_next_letter() -> None:
    assert truncate("น้ำใจ", 3) == "น้ำ…"     # น ้ ำ: two columns, marks kept with their letter
    assert truncate("ก่ขค", 2) == "ก่…"      # near-miss: ข would take the column of "…"


def test_random_text_agrees_with_the_rule() -> None:
    rng = random.Random(7)
    pool = [chr(c) for c in range(0x3100)] + list("โครงการส่งเสริม่้๊๋็์ํ") * 40 + ["中", "한", "\U0001F600"]
    for _ in range(3000):
        text = "".join(rng.choice(pool) for _ in range(rng.randint(0, 60)))
        assert width(text) == _width(text)
        size = rng.randint(-1, 50)
        assert truncate(text, size) == _truncate(text, size)


def test_table_pads_cells_by_their_columns() -> None:
    text = table(["id", "ชื่อ"], [["P1", "น้ำดื่ม"], ["P22", "中文"]], numeric=[0])
    lines = text.splitlines()
    assert [width(line.split("  ")[0]) for line in lines] == [3, 3, 3, 3]
    assert lines[2] == " P1  น้ำดื่ม" and lines[3] == "P22  中文"
