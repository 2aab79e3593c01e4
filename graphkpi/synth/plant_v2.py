"""Planters for data contract version 2: places and values as planners write them, NESDP 13's
main goals and milestones that serve goals and targets.

Why a module of its own: these plant on a bundle the builder has already made (its plan, leads,
KPIs and project columns), with their own random stream, so the rest of a seed's bundle stays
what it was. Each planter records what it planted by finding code; the near-misses it writes
(a province as ``จ.เชียงใหม่``, a role as ``เจ้าภาพ``) must find nothing.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from graphkpi.synth import vocab as V

if TYPE_CHECKING:  # the builder imports this module
    from graphkpi.synth.generate import _Builder

# Rates of the problems planted here, per row of the file they sit in: rare slips, as in real
# exports (a province romanised without its space, a role typed in the planner's own words).
UNKNOWN_PLACE_RATE = 0.002
WRITTEN_PLACE_RATE = 0.01
BAD_VALUE_RATE = 0.005


def plant_v2(b: _Builder, seed: int) -> None:
    """Every version-2 planter, in a fixed order, on one random stream of their own."""
    rng = np.random.default_rng([seed, 3])
    busy = set().union(*b.planted.values())   # subjects of other plants keep their problem alone
    nesdp_main_goals(b)
    milestone_13_goals_and_targets(b)
    project_places(b, rng)
    element_areas(b, busy)
    bad_values(b, rng, busy | b.planted["GK001"])


def run_together(name_en: str) -> str:
    """An English province name as it is often typed, without its spaces: ``Chiangrai``."""
    return name_en.replace(" ", "").capitalize()


def nesdp_main_goals(b: _Builder) -> None:
    """NESDP 13's five main goals (a level of their own, into the strategies) and each milestone
    into the main goal it serves. Added after the projects are drawn: no project links here."""
    from graphkpi.synth.generate import _El

    ids = []
    for i, (name, strategy) in enumerate(V.NESDP_MAIN_GOALS, start=1):
        ids.append(b.add(_El(f"NG{i}", "nesdp_main_goal", name, [strategy])).id)
    for m, goal in V.NESDP_MAIN_GOAL_OF.items():
        milestone = b.els.get(f"NM{m:02d}")
        if milestone is not None:
            milestone.parents = [*milestone.parents, ids[goal - 1]]   # a new list: vocab's stays as it is


def milestone_13_goals_and_targets(b: _Builder) -> None:
    """Milestone 13 serves strategy goals and master-plan targets (seed 001), which version 1 of
    the grammar reported as level skips; version 2 allows them, so nothing is planted."""
    nm13 = b.els.get("NM13")
    if nm13 is None:
        return
    goals = [e.id for e in b.els.values() if e.level == "strategy_goal" and e.parents[0] in nm13.parents]
    targets = [e.id for e in b.els.values() if e.level == "master_target" and e.parents[0] in nm13.parents]
    nm13.parents = [*nm13.parents, *goals, *targets[:4]]


def project_places(b: _Builder, rng: np.random.Generator) -> None:
    """A province written with its English name run together (``Chiangmai``: GK001) beside the
    project's code, and others written ``จ.เชียงใหม่``, ``กทม.`` or ``Chiang Mai`` (near-misses)."""
    from graphkpi.synth.generate import _count, _Overrides

    codes = b.prov_codes
    spaced = np.array([" " in b.provinces[p]["name_en"] for p in codes] + [False])
    local = np.flatnonzero((b.p_scope == 0) & (b.p_p1 >= 0))
    local = local[local != b.unsafe_row]
    rows = rng.permutation(local)
    n_bad = _count(UNKNOWN_PLACE_RATE, b.n, b.scale.min_plants)
    bad = [int(i) for i in rows[spaced[b.p_p1[rows]]][:n_bad]]
    rest = [int(i) for i in rows if int(i) not in set(bad)][: _count(WRITTEN_PLACE_RATE, b.n, 1)]
    written: dict[int, str] = {}
    for i in bad:
        p = codes[b.p_p1[i]]
        written[i] = f"{p};{run_together(b.provinces[p]['name_en'])}"
    for j, i in enumerate(rest):
        code = codes[b.p_p1[i]]
        p = b.provinces[code]
        thai = V.BANGKOK_SHORT if code == V.BANGKOK else f"{V.PROVINCE_SHORT_PREFIX}{p['name']}"
        written[i] = p["name_en"] if j % 2 else thai
    b.place_override = _Overrides(written)
    b.planted["GK001"].update(f"P-{i + 1:0{b.pid_width}d}" for i in bad)


def element_areas(b: _Builder, busy: set[str]) -> None:
    """A provincial target whose area is the English name run together (GK001), and one whose
    area is written จังหวัด + the Thai name (a near-miss)."""
    free = [e for e in b.area_targets if e.level == "provincial_target" and e.province and e.id not in busy
            and e.id not in b.touched]
    bad = next((e for e in free if " " in b.provinces[e.province]["name_en"]), None)
    if bad is not None:
        bad.area = run_together(b.provinces[bad.province]["name_en"])
        b.planted["GK001"].add(bad.id)
    good = next((e for e in free if e is not bad and e.province != V.BANGKOK), None)  # Bangkok is no จังหวัด
    if good is not None:
        good.area = f"{V.PROVINCE_PREFIX}{b.provinces[good.province]['name']}"


def bad_values(b: _Builder, rng: np.random.Generator, busy: set[str]) -> None:
    """Values outside their lists (GK004) in leads, kpi_agencies, kpis and agencies, on rows no
    other plant uses, and the documented Thai spellings on others (near-misses)."""
    from graphkpi.synth.generate import _count

    spelled = V.THAI_VALUES
    implementers = [i for i, r in enumerate(b.leads) if r[2] == "implementer" and r[0] not in busy]
    picks = rng.permutation(len(implementers))
    n = _count(BAD_VALUE_RATE, len(b.leads), 1)
    for j, k in enumerate(picks[: 3 * n]):
        element, agency, _ = b.leads[implementers[int(k)]]
        if j < n:
            b.leads[implementers[int(k)]] = (element, agency, V.BAD_VALUES["leads.role"])
            b.planted["GK004"].add(element)
        else:
            b.leads[implementers[int(k)]] = (element, agency, spelled["leads.role"])
    for i, r in enumerate(b.leads):
        if r[2] == "lead" and r[0] not in busy and i % 7 == 0:
            b.leads[i] = (r[0], r[1], spelled["leads.lead"])

    kpis = [k for k in b.kpis if str(k["id"]) not in busy]
    partners = [i for i, r in enumerate(b.kpi_agencies) if r[2] == "partner" and r[0] not in busy]
    n = _count(BAD_VALUE_RATE, len(b.kpi_agencies), 1)
    for j, k in enumerate(rng.permutation(len(partners))[: 2 * n]):
        kpi, agency, role, measured = b.kpi_agencies[partners[int(k)]]
        if j < n:
            b.kpi_agencies[partners[int(k)]] = (kpi, agency, role, V.BAD_VALUES["kpi_agencies.measured"])
            b.planted["GK004"].add(kpi)
        else:
            b.kpi_agencies[partners[int(k)]] = (kpi, agency, role, spelled[f"kpi_agencies.measured.{measured}"])
    n = _count(BAD_VALUE_RATE, len(b.kpis), 1)
    for j, k in enumerate(rng.permutation(len(kpis))[: 2 * n]):
        kpi = kpis[int(k)]
        if j < n:
            kpi["direction"] = V.BAD_VALUES["kpis.direction"]
            b.planted["GK004"].add(str(kpi["id"]))
        else:
            kpi["direction"] = spelled[f"kpis.direction.{kpi['direction']}"]

    departments = [a for a in b.agencies if a["kind"] == "department"]
    agency = departments[int(rng.integers(len(departments)))]
    agency["kind"] = V.BAD_VALUES["agencies.kind"]
    b.planted["GK004"].add(agency["id"])
