"""The Neo4j backend gives exactly the NetworkX backend's findings, on a real Neo4j server.

Same codes, subjects, related ids, subject kinds and details — over the sample bundle, a
generated national-style bundle and every per-code fixture case.
"""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest

from graphkpi.analysis.carried import members
from graphkpi.analysis.reach import ReachError, reach
from graphkpi.backends.neo4j import Neo4jBackend, load_graph
from graphkpi.backends.networkx import NetworkXBackend
from graphkpi.checks import implementations
from graphkpi.load import load_bundle
from graphkpi.synth import generate_bundle
from tests.analysis.test_reach import REACH_BUNDLE
from tests.checks.test_check_fixtures import CASES
from tests.conftest import SAMPLE, write_bundle

CODES = list(implementations())


def comparable(findings: list) -> list[tuple]:
    return [(f.code, f.subject, f.related, f.subject_kind, f.details) for f in findings]


def assert_parity(neo4j_server, bundle: Path, params: dict | None = None) -> list:
    cfg, driver = neo4j_server
    g = load_bundle(bundle)
    load_graph(driver, cfg.database, g, replace=True)
    expected = NetworkXBackend(g).findings(CODES, params=params)
    got = Neo4jBackend(driver, cfg.database, g.profile).findings(CODES, params=params)
    assert comparable(got) == comparable(expected)
    return expected


def test_sample(neo4j_server) -> None:
    found = assert_parity(neo4j_server, SAMPLE)
    assert {f.code for f in found} == set(CODES)  # every code is exercised


def carried(findings: list) -> pd.DataFrame:
    """The facts findings carry (GK301's projects, graphkpi.analysis.carried), one row per project."""
    return pd.DataFrame([{"code": f.code, "subject": f.subject, **r} for f in findings if f.facts
                         for r in members(f)])


@pytest.mark.parametrize("bundle", [SAMPLE, "carried"])
def test_carried_facts(neo4j_server, tmp_path: Path, bundle: Path | str) -> None:
    """GK301's findings carry the same projects' facts from either backend (Neo4j reads them with
    the check's rows), so ``graphkpi duplicates`` shows the same without fetching them again."""
    from tests.analysis.test_carried import BUNDLE

    cfg, driver = neo4j_server
    g = load_bundle(write_bundle(tmp_path, BUNDLE) if bundle == "carried" else bundle)
    load_graph(driver, cfg.database, g, replace=True)
    expected = carried(NetworkXBackend(g).findings(["GK301"]))
    assert len(expected) >= 2
    pd.testing.assert_frame_equal(carried(Neo4jBackend(driver, cfg.database, g.profile).findings(["GK301"])), expected)


def test_generated_bundle(neo4j_server, tmp_path: Path) -> None:
    generate_bundle(tmp_path, 4000, seed=11)
    found = assert_parity(neo4j_server, tmp_path)
    assert {f.code for f in found} == set(CODES)


@pytest.mark.parametrize(("code", "case"), CASES, ids=[f"{c}-{case['name']}" for c, case in CASES])
def test_fixture_case(neo4j_server, code: str, case: dict, tmp_path: Path) -> None:
    assert_parity(neo4j_server, write_bundle(tmp_path, case["bundle"]), {code: case.get("params") or {}})


def _reach_parity(neo4j_server, bundle: Path, elements: list[str], others: list[str]) -> None:
    """``reach`` gives the same rows, routes and totals on both backends, and refuses the same ids."""
    cfg, driver = neo4j_server
    g = load_bundle(bundle)
    load_graph(driver, cfg.database, g, replace=True)
    nx_backend, neo = NetworkXBackend(g), Neo4jBackend(driver, cfg.database, g.profile)
    for element in elements:
        a, b = reach(nx_backend, element), reach(neo, element)
        assert b.element == a.element and len(a.projects) > 0, element
        for got, expected in ((b.projects, a.projects), (b.by_ministry, a.by_ministry), (b.by_level, a.by_level)):
            pd.testing.assert_frame_equal(got, expected, check_dtype=False, obj=element)
    for other in others:
        with pytest.raises(ReachError) as on_nx:
            reach(nx_backend, other)
        with pytest.raises(ReachError) as on_neo:
            reach(neo, other)
        assert (on_neo.value.kind, on_neo.value.nearby) == (on_nx.value.kind, on_nx.value.nearby)


def test_reach_sample(neo4j_server) -> None:
    _reach_parity(neo4j_server, SAMPLE, ["S2", "MP17", "050101", "170101-61", "TH-50-T01", "050101V01F01", "NM13"],
                  ["P-000001", "50101"])


def test_reach_fixture(neo4j_server, tmp_path: Path) -> None:
    _reach_parity(neo4j_server, write_bundle(tmp_path, REACH_BUNDLE), ["T1", "SP1", "Z1", "BX"], ["P3", "T01"])


# One suppression file for the sample: in force with and without subject, expired, unused, a prefix.
SUPPRESSIONS = """
[[suppress]]
code = "GK101"
subject = "P-000009"
reason = "โครงการต่อเนื่อง"
until = "2568-09-30"

[[suppress]]
code = "GK202"
reason = "แผนพื้นที่รออนุมัติ"

[[suppress]]
code = "duplicate-projects"
subject = "P-000041"
reason = "ตรวจแล้ว คนละกลุ่มเป้าหมาย"

[[suppress]]
code = "GK4"
subject = "TH-30-T01"
reason = "รอคำสั่งแต่งตั้งเจ้าภาพ"
until = "2560-01-01"

[[suppress]]
code = "GK201"
subject = "P-999999"
reason = "ไม่มีแล้ว"
"""


@pytest.mark.parametrize("command", ["check", "orphans", "chains", "lead-gaps", "duplicates", "suppressions"])
def test_suppressions_give_the_same_output_on_both_backends(env, tmp_path: Path, command: str) -> None:
    from tests.conftest import neo4j_run as run

    config = tmp_path / "audit.toml"
    config.write_text(SUPPRESSIONS, encoding="utf-8")
    day = {**env, "GRAPHKPI_TODAY": "2568-10-01"}
    code, _, err = run(env, "load", str(SAMPLE), "--replace", "-q")
    assert code == 0, err
    a = run(day, command, str(SAMPLE), "--config", str(config), "--format", "json", "-q")
    b = run(day, command, "--backend", "neo4j", "--config", str(config), "--format", "json", "-q")
    assert a[0] == b[0] == 0, b[2]
    assert b[1] == a[1]
    assert "suppressed" in json.loads(a[1])["summary"]


def test_findings_name_their_own_kind_of_subject_alike(neo4j_server, tmp_path: Path) -> None:
    """A KPI sharing its id with an element or an area: both backends name the KPI (the JSON alike)."""
    from graphkpi.render.findings import to_json
    from tests.render.test_findings_json import SHARED_IDS

    cfg, driver = neo4j_server
    g = load_bundle(write_bundle(tmp_path, SHARED_IDS))
    load_graph(driver, cfg.database, g, replace=True)
    nx_b, neo = NetworkXBackend(g), Neo4jBackend(driver, cfg.database, g.profile)
    expected = to_json(nx_b.findings(["GK501"]), nx_b, ["GK501"], "x", "en")
    assert to_json(neo.findings(["GK501"]), neo, ["GK501"], "x", "en") == expected
    assert "KPI ST1 (ตัวชี้วัดของเรา)" in expected
    assert neo.names(["ST1"]) == nx_b.names(["ST1"]) == {"ST1": "เป้าหมายย่อย"}
    assert neo.names(["ST1", "R1"], kind="kpi") == nx_b.names(["ST1", "R1"], kind="kpi")
