"""A fill colour per plan level: each level its own colour, the levels of one plan one hue.

One hue per plan (the profile's symbol: Z the national strategy, Y2 master plans, Y1 sub-plans,
VC value chains, N the NESDP, A area plans…) keeps a chain readable at a glance; within a plan,
tints from deep to pale tell its levels apart, top level deepest, so no two levels of the legend
share a colour while a profile has at most twelve plans (the earlier palette, one colour per
symbol, gave 18 levels 8 colours). The hues are Okabe and Ito's, chosen to stay apart under the
common colour-vision deficiencies; every tint is light enough for the black label drawn on it.
"""

from __future__ import annotations

from graphkpi.profile import Profile

# Okabe–Ito hues by plan symbol; symbols of other profiles take the unused ones in this order.
HUES = {"Z": "#e69f00", "Y2": "#d55e00", "Y1": "#56b4e9", "VC": "#009e73", "N": "#cc79a7", "A": "#f0e442",
        "L3": "#999999", "I": "#0072b2"}
SPARE = ("#8c6d31", "#6a3d9a", "#b15928", "#1f78b4")
# How much white each level of a plan mixes into its hue: the first (top) level the least.
MIN_WHITE, MAX_WHITE = 0.30, 0.78


def _mix(hex_colour: str, white: float) -> str:
    """``hex_colour`` with ``white`` (0..1) of white mixed in."""
    rgb = (int(hex_colour[i:i + 2], 16) for i in (1, 3, 5))
    return "#" + "".join(f"{round(c + (255 - c) * white):02x}" for c in rgb)


def level_colours(profile: Profile, order: dict[str, int]) -> dict[str, str]:
    """Level → fill colour, every level of ``profile`` a different one; ``order`` (level → row)
    ranks the levels of one plan, the top one deepest."""
    plans: dict[str, list[str]] = {}
    for level in sorted(profile.levels, key=lambda lv: (order.get(lv, 99), lv)):
        plans.setdefault(profile.levels[level].symbol or "", []).append(level)
    spare = iter([h for h in SPARE if h not in HUES.values()])
    out: dict[str, str] = {}
    for symbol, levels in plans.items():
        hue = HUES.get(symbol) or next(spare, "#777777")
        step = (MAX_WHITE - MIN_WHITE) / max(len(levels) - 1, 1)
        for i, level in enumerate(levels):
            out[level] = _mix(hue, MIN_WHITE + i * step if len(levels) > 1 else (MIN_WHITE + MAX_WHITE) / 2)
    return out
