"""The group's "why" line names the lift only when a pair below the threshold matched by objective or letters."""

from __future__ import annotations

from graphkpi.render.duplicates import _why_key


def test_lift_is_named_only_when_used() -> None:
    plain = {"pairs": [{"a": "P1", "b": "P2", "similarity": 0.7, "equivalences": {"verbs": ["พัฒนา"]}}]}
    assert _why_key(plain) == "duplicates_why"
    assert _why_key({"pairs": [{"a": "P1", "b": "P2", "similarity": 0.6}]}) == "duplicates_why"
    by_goal = {"a": "P1", "b": "P3", "similarity": 0.48, "equivalences": {"objective": 0.8}}
    lifted = {"pairs": [plain["pairs"][0], by_goal]}
    assert _why_key(lifted) == "duplicates_why_lifted"
    assert _why_key({"pairs": [{"similarity": 0.5, "equivalences": {"spelling": 0.85}}]}) == "duplicates_why_lifted"
