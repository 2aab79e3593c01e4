"""The Neo4j backend gives exactly the NetworkX backend's findings, on a real Neo4j server.

Same codes, subjects, related ids, subject kinds and details — over the sample bundle, a
generated national-style bundle and every per-code fixture case.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from graphkpi.backends.neo4j import Neo4jBackend, load_graph
from graphkpi.backends.networkx import NetworkXBackend
from graphkpi.checks import implementations
from graphkpi.load import load_bundle
from graphkpi.synth import generate_bundle
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


def test_generated_bundle(neo4j_server, tmp_path: Path) -> None:
    generate_bundle(tmp_path, 4000, seed=11)
    found = assert_parity(neo4j_server, tmp_path)
    assert {f.code for f in found} == set(CODES)


@pytest.mark.parametrize(("code", "case"), CASES, ids=[f"{c}-{case['name']}" for c, case in CASES])
def test_fixture_case(neo4j_server, code: str, case: dict, tmp_path: Path) -> None:
    assert_parity(neo4j_server, write_bundle(tmp_path, case["bundle"]), {code: case.get("params") or {}})
