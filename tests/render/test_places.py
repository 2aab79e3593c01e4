"""A provinces cell for people: ``national`` in the reader's language, codes kept, blanks dropped."""

from __future__ import annotations

from graphkpi.render.i18n import places_label


def test_national_in_thai_codes_as_written() -> None:
    assert places_label("TH-50; national", "th") == "TH-50;ทั่วประเทศ"
    assert places_label("national", "en") == "national"
    assert places_label("", "th") == "" and places_label("TH-10;;", "th") == "TH-10"
    assert places_label("nationalist", "th") == "nationalist"   # near-miss: only the exact value
