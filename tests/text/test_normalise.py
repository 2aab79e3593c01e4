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
    monkeypatch.setattr(normalise.os, "cpu_count", lambda: 3)
    threaded = normalise_titles(titles)
    assert threaded.index.tolist() == titles.index.tolist()
    assert threaded.tolist() == serial.tolist()
    assert serial.iloc[0] == "ฝึกอบรมอาชีพ" and serial.iloc[1] == ""


def test_no_titles() -> None:
    assert normalise_titles(pd.Series([], dtype=object)).tolist() == []
