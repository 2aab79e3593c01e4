"""Title normalisation split over threads gives what one pass gives, in order."""

from __future__ import annotations

import pandas as pd
import pytest

from graphkpi.text import normalise
from graphkpi.text.normalise import normalise_titles

TITLES = ["โครงการฝึกอบรมอาชีพ จ.น่าน ประจำปีงบประมาณ พ.ศ. ๒๕๖๘", "", "อบรม  ผู้สูงวัย (ปีงบ 68)",
          "ก่อสร้างถนน ม.4 ต.บ้านกลาง", "PROJECT Smart Farming 2568", "รณรงค์ป้องกันไข้เลือดออก กทม."]


def test_threads_give_the_serial_result_in_order(monkeypatch: pytest.MonkeyPatch) -> None:
    titles = pd.Series(TITLES * 3 + [f"อบรม {i}" for i in range(7)], index=range(100, 125))
    serial = normalise_titles(titles)
    monkeypatch.setattr(normalise, "_PARALLEL_FROM", 2)
    monkeypatch.setattr(normalise, "cores", lambda: 3)
    threaded = normalise_titles(titles)
    assert threaded.index.tolist() == titles.index.tolist()
    assert threaded.tolist() == serial.tolist()
    assert serial.iloc[0] == "ฝึกอบรมอาชีพ" and serial.iloc[1] == ""


def test_no_titles() -> None:
    assert normalise_titles(pd.Series([], dtype=object)).tolist() == []


def test_rare_steps_only_where_needed_equal_every_step_everywhere() -> None:
    """Steps that rarely apply run only on the titles one of them matches; the result is what
    running every step over every title gives, including a repair, an abbreviation and a
    synonym that an earlier step uncovers, and titles no rare step touches."""
    import pyarrow as pa
    import pyarrow.compute as pc

    titles = [*TITLES, "โครงการจ.ลำปาง ผู้สูงวัย", "อบรม\u200bคนชรา หมู่ 5", "ต.\u0e4d\u0e32นา กรุงเทพฯ",
              "พัฒนาอาชีพ่่ ผู้พิการ", "ส่งเสริมการเกษตร", "ปลูกป่า ม. 7 อ.เมือง", "", "ประจำปี 2567 ผู้ทุพพลภาพ",
              '("โครงการ อ.เมือง', "Project โครงการจ.น่าน", "project", "ก่อสร้างโครงการอ.เมือง"]
    arr = pa.array(titles, type=pa.large_string())
    plain = pc.utf8_lower(arr)
    # the leading โครงการ as one regex, as it was written before a plain replacement took its place
    project = [("^[\\s\"'(\\[]*(?:โครงการ|project)\\s*", ""), ("โครงการ", " ")]
    for pattern, repl in [*normalise._REPAIRS, *project, *normalise._ABBREVIATIONS, *normalise._YEARS,
                          (normalise._province_pattern(), " "), *normalise._synonyms(), (normalise._KEEP, " ")]:
        plain = pc.replace_substring_regex(plain, pattern, repl)
    want = pc.utf8_trim_whitespace(plain).to_pylist()
    assert normalise._clean(arr).to_pylist() == want
    assert "จังหวัด" not in " ".join(want) and "ผู้สูงอายุ" in want[len(TITLES)]
