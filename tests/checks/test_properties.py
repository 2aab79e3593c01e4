"""Property tests: random bundles never crash the checks, and the chain logic is monotone."""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from graphkpi.checks import run_checks
from graphkpi.load import load_bundle
from graphkpi.profile import load_profile
from tests.conftest import write_bundle

LEVELS = [*load_profile().levels, "bogus"]
IDS = [f"E{i}" for i in range(12)]


@st.composite
def bundles(draw: st.DrawFn) -> dict[str, str]:
    n = draw(st.integers(1, len(IDS)))
    ids = IDS[:n]
    rows = ["id,level,name,parents,area"]
    for eid in ids:
        level = draw(st.sampled_from(LEVELS))
        parents = draw(st.lists(st.sampled_from([*ids, "MISSING"]), max_size=3, unique=True))
        area = draw(st.sampled_from(["", "TH-50", "TH-57", "C15", "C01", "R1", "TH-99"]))
        rows.append(f"{eid},{level},ชื่อ {eid},{';'.join(parents)},{area}")
    projects = ["id,name,agency,fiscal_year,budget,provinces,links"]
    for i in range(draw(st.integers(0, 8))):
        links = draw(st.lists(st.sampled_from([*ids, "NOPE"]), max_size=3, unique=True))
        where = draw(st.sampled_from(["", "national", "TH-50", "TH-50;TH-57"]))
        year = draw(st.sampled_from(["2567", "2024"]))
        projects.append(f"P{i},โครงการ {i},A{i % 3},{year},{draw(st.integers(0, 10**7))},{where},{';'.join(links)}")
    return {"elements.csv": "\n".join(rows) + "\n", "projects.csv": "\n".join(projects) + "\n",
            "agencies.csv": "id,name,ministry\nA0,ก,\nA1,ข,A0\n"}


def _load(files: dict[str, str]):
    return load_bundle(write_bundle(Path(tempfile.mkdtemp()), files))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(bundles())
def test_random_bundles_never_crash_and_partition_projects(files: dict[str, str]) -> None:
    g = _load(files)
    found = run_checks(g)
    orphans = {f.subject for f in found if f.code == "GK101"}
    broken = {f.subject for f in found if f.code == "GK201"}
    reaching = set(g.existing_links.loc[g.existing_links["element"].isin(g.reaches_z), "project"])
    assert orphans.isdisjoint(broken) and reaching.isdisjoint(orphans | broken)
    assert orphans | broken | reaching == set(g.projects.index)
    for f in found:
        if f.code == "GK201":
            assert f.details["break_at"], "a broken chain always says where it stops"


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(bundles(), st.data())
def test_linking_to_an_element_that_reaches_z_never_adds_orphans_or_breaks(files: dict[str, str],
                                                                          data: st.DataObject) -> None:
    g = _load(files)
    before = {(f.code, f.subject) for f in run_checks(g) if f.code in ("GK101", "GK201")}
    targets = sorted(g.reaches_z & set(g.elements.index[g.elements["source"] == "bundle"]))
    if not targets or g.projects.empty:
        return
    project = data.draw(st.sampled_from(sorted(g.projects.index)))
    target = data.draw(st.sampled_from(targets))
    extra = {**files, "project_links.csv": f"project,element\n{project},{target}\n"}
    after = {(f.code, f.subject) for f in run_checks(_load(extra)) if f.code in ("GK101", "GK201")}
    assert after <= before
    assert ("GK101", project) not in after and ("GK201", project) not in after
