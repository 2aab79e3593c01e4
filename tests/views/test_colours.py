"""Level colours: one per level, one hue per plan, deepest at the plan's top level."""

from __future__ import annotations

from graphkpi.load import load_bundle
from graphkpi.views.colours import _mix, level_colours
from graphkpi.views.layout import tiers
from tests.conftest import SAMPLE


def test_every_level_has_its_own_colour_and_a_plan_keeps_its_hue() -> None:
    profile = load_bundle(SAMPLE).profile
    colours = level_colours(profile, tiers(profile))
    assert set(colours) == set(profile.levels)
    assert len(set(colours.values())) == len(colours)
    # the national strategy's two levels: one hue, the strategy deeper (less white) than its goals
    strategy, goal = (int(colours[lv][1:3], 16) + int(colours[lv][3:5], 16) + int(colours[lv][5:7], 16)
                      for lv in ("strategy", "strategy_goal"))
    assert strategy < goal


def test_mix_keeps_the_hue_and_reaches_white() -> None:
    assert _mix("#e69f00", 0.0) == "#e69f00"
    assert _mix("#e69f00", 1.0) == "#ffffff"
    assert _mix("#000000", 0.5) == "#808080"
