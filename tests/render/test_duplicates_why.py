"""The group's "why" line: it names the lift only when a pair below the threshold matched by
objective or letters, and the places where the projects overlap (not the group's union)."""

from __future__ import annotations

import pytest

from graphkpi.render.duplicates import _why_key, overlap


def test_lift_is_named_only_when_used() -> None:
    plain = {"pairs": [{"a": "P1", "b": "P2", "similarity": 0.7, "equivalences": {"verbs": ["พัฒนา"]}}]}
    assert _why_key(plain) == "duplicates_why"
    assert _why_key({"pairs": [{"a": "P1", "b": "P2", "similarity": 0.6}]}) == "duplicates_why"
    by_goal = {"a": "P1", "b": "P3", "similarity": 0.48, "equivalences": {"objective": 0.8}}
    lifted = {"pairs": [plain["pairs"][0], by_goal]}
    assert _why_key(lifted) == "duplicates_why_lifted"
    assert _why_key({"pairs": [{"similarity": 0.5, "equivalences": {"spelling": 0.85}}]}) == "duplicates_why_lifted"


@pytest.mark.parametrize(("places", "want"), [
    ([["national"], ["TH-20"]], ["TH-20"]),                          # a national project covers the province
    ([["national"], ["TH-96", "TH-90", "TH-94"]], ["TH-90", "TH-94", "TH-96"]),
    ([["TH-50", "TH-57"], ["TH-57"], ["TH-10"], ["national"]], ["TH-10", "TH-50", "TH-57"]),
    ([["TH-50", "TH-57"], ["TH-57", "TH-58"]], ["TH-57"]),           # the near miss: TH-50 and TH-58 are one project's
    ([["national"], ["national", "TH-10"]], ["national"]),
])
def test_overlap_is_where_two_projects_work(places: list[list[str]], want: list[str]) -> None:
    assert overlap(places) == want
