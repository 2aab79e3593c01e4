"""A provinces cell for people: ``national`` in the reader's language, codes kept, blanks dropped."""

from __future__ import annotations

import pandas as pd

from graphkpi.render.i18n import area_names, places_label


def test_national_in_thai_codes_as_written() -> None:
    assert places_label("TH-50; national", "th") == "TH-50;ทั่วประเทศ"
    assert places_label("national", "en") == "national"
    assert places_label("", "th") == "" and places_label("TH-10;;", "th") == "TH-10"
    assert places_label("nationalist", "th") == "nationalist"   # near-miss: only the exact value


def test_area_names_english_where_given_else_thai() -> None:
    areas = pd.DataFrame({"name": ["ชลบุรี", "เขตทดลอง"], "name_en": ["Chon Buri", " "]}, index=["TH-20", "X-1"])
    assert area_names(areas, "th") == {"TH-20": "ชลบุรี", "X-1": "เขตทดลอง"}
    assert area_names(areas, "en") == {"TH-20": "Chon Buri", "X-1": "เขตทดลอง"}
