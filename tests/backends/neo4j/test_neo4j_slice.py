"""Slices (--ministry, --province…) on Neo4j select the same projects, touch the same elements
and KPIs, and give the same outputs as on NetworkX."""

from __future__ import annotations

import pytest

from graphkpi.backends.neo4j import Neo4jBackend, load_graph
from graphkpi.backends.networkx import NetworkXBackend
from graphkpi.load import load_bundle
from graphkpi.slice import SliceRequest, resolve
from tests.conftest import SAMPLE
from tests.conftest import neo4j_run as run

# Each dimension alone, combined, with its near-misses (national out, CE year, a cluster, a middle-level target).
REQUESTS = [
    {"ministry": ["สธ"]}, {"ministry": ["พม."], "year": ["2568"]}, {"agency": ["สธ03;มท04"]},
    {"province": ["เชียงใหม่"]}, {"province": ["C01"], "exclude_national": True}, {"province": ["national"]},
    {"exclude_national": True}, {"year": ["2023-2024"]}, {"target": ["130201"]}, {"target": ["MP17", "S1"]},
    {"ministry": ["กษ"], "province": ["R1"], "year": ["2566-2568"], "target": ["S2"]},
]
SLICES = [["--ministry", "สธ"], ["--province", "C01", "--year", "2566-2567"],
          ["--target", "MP17", "--exclude-national"], ["--agency", "มท04", "--province", "national"]]


def request(spec: dict) -> SliceRequest:
    return SliceRequest.of(spec.pop("exclude_national", False), **spec)


@pytest.fixture(scope="module")
def both(neo4j_server):
    cfg, driver = neo4j_server
    g = load_bundle(SAMPLE)
    load_graph(driver, cfg.database, g, replace=True)
    return NetworkXBackend(g), Neo4jBackend(driver, cfg.database, g.profile)


@pytest.mark.parametrize("spec", REQUESTS, ids=str)
def test_same_projects_and_scope(both, spec: dict) -> None:
    nx_b, neo = both
    req = request(dict(spec))
    sl = resolve(req, nx_b.directory())
    assert resolve(req, neo.directory()) == sl
    projects = nx_b.slice_projects(sl)
    assert len(projects) > 0, "every request selects something on the sample"
    assert sorted(neo.slice_projects(sl)) == sorted(projects)
    assert neo.slice_scope(sl, projects) == nx_b.slice_scope(sl, projects)


@pytest.mark.parametrize("command", ["check", "orphans", "chains", "lead-gaps", "duplicates"])
@pytest.mark.parametrize("where", SLICES, ids=" ".join)
def test_sliced_output_is_identical_across_backends(env, both, command: str, where: list[str]) -> None:
    a = run(env, command, str(SAMPLE), "--format", "json", "-q", *where)
    b = run(env, command, "--backend", "neo4j", "--format", "json", "-q", *where)
    assert a[0] == b[0] == 0, b[2]
    assert '"slice": ' in a[1]
    assert b[1] == a[1]


def test_a_project_given_as_target_is_said_alike(env, both) -> None:
    code, _, err = run(env, "orphans", "--backend", "neo4j", "--target", "P-000001", "--lang", "en", "-q")
    assert code == 2 and err == run(env, "orphans", str(SAMPLE), "--target", "P-000001", "--lang", "en", "-q")[2]
    assert "is a project, not a plan element" in err


def test_the_projects_no_province_holds_are_the_same(neo4j_server, tmp_path) -> None:
    from tests.cli.test_slice import PLACES
    from tests.conftest import write_bundle

    cfg, driver = neo4j_server
    g = load_bundle(write_bundle(tmp_path, PLACES))
    load_graph(driver, cfg.database, g, replace=True)
    assert Neo4jBackend(driver, cfg.database, g.profile).unplaced_projects() == \
        NetworkXBackend(g).unplaced_projects() == ["P2", "P5"]
