"""GK0xx on Neo4j: computed once by `graphkpi load`, stored with the graph, read back as they were.

The round trip of a finding through node properties needs no server; the rest runs against
the real test server: the stored findings are the NetworkX backend's, a load stopped after the
plan graph but before its findings are all stored is refused by every reader, and so is a
graph an older graphkpi loaded (no stored findings); findings stored for another profile are
not served. (Loads killed with SIGKILL in every phase: tests/backends/neo4j/test_neo4j_integrity.py.)
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from graphkpi.backends.base import BackendError
from graphkpi.backends.neo4j import Neo4jBackend, load_graph
from graphkpi.backends.neo4j.stored import from_columns, node_rows, stored_codes
from graphkpi.backends.networkx import NetworkXBackend
from graphkpi.load import load_bundle
from graphkpi.model import Finding
from graphkpi.profile import load_profile
from graphkpi.synth import generate_bundle
from tests.conftest import SAMPLE
from tests.conftest import neo4j_run as run

CODES = stored_codes()


def comparable(findings: list[Finding]) -> list[tuple]:
    return [(f.code, f.subject, f.related, f.subject_kind, list(f.details.items())) for f in findings]


def cypher(neo4j_server, text: str) -> list[dict]:
    cfg, driver = neo4j_server
    with driver.session(database=cfg.database) as s:
        return [r.data() for r in s.run(text)]


def test_stored_codes_are_the_structure_family() -> None:
    assert CODES == ["GK001", "GK002", "GK003", "GK004", "GK005"]


def test_a_finding_reads_back_as_it_was_written() -> None:
    findings = [
        Finding("GK001", "P-1", "project", ("T9",), {"via": "projects.links", "missing": "T9"}),
        Finding("GK003", "S1", "element", ("S2", "S3"), {}),
        Finding("GK005", "A\u200b1", "agency", (), {"kind": "agency", "file": "agencies.csv",
                                                    "characters": ["U+200B"]}),
        Finding("GK002", "ส1", "element", (), {"profile": "th-xyz", "level": "ระดับ"}),  # key order kept
    ]
    batches = list(node_rows(findings, 3))
    assert [len(b) for b in batches] == [3, 1]
    rows = [r for b in batches for r in b]
    assert all(isinstance(r["details"], str) for r in rows)  # a node property cannot hold a map
    columns = {"codes": [r["code"] for r in rows], "subjects": [r["subject"] for r in rows],
               "kinds": [r["kind"] for r in rows], "related": [r["related"] for r in rows],
               "details": [r["details"] for r in rows]}
    back = from_columns(columns)
    assert comparable(back) == comparable(findings)


@pytest.mark.parametrize("source", ["sample", "generated"])
def test_stored_findings_are_networkx_findings(neo4j_server, tmp_path: Path, source: str) -> None:
    cfg, driver = neo4j_server
    if source == "generated":
        generate_bundle(tmp_path, 4000, seed=11)
    g = load_bundle(SAMPLE if source == "sample" else tmp_path)
    stats = load_graph(driver, cfg.database, g, replace=True)
    expected = NetworkXBackend(g).findings(CODES)
    assert {f.code for f in expected} == set(CODES)  # every stored code has findings to compare
    assert stats.nodes["GkFinding"] == len(expected)
    assert cypher(neo4j_server, "MATCH (f:GkFinding) RETURN count(f) AS n")[0]["n"] == len(expected)
    backend = Neo4jBackend(driver, cfg.database, g.profile)
    assert comparable(backend.findings(CODES)) == comparable(expected)
    assert comparable(backend.findings(["GK003", "GK101"])) == comparable(NetworkXBackend(g).findings(["GK003",
                                                                                                     "GK101"]))
    state = cypher(neo4j_server, "MATCH (b:GkBundle) RETURN b.stored AS stored, keys(b) AS keys")[0]
    assert state["stored"] == CODES
    assert not [k for k in state["keys"] if k.startswith("unowned")]  # the rows GK001.cypher needed are gone


def test_a_load_stopped_before_its_findings_are_stored_is_refused(neo4j_server, env) -> None:
    cfg, driver = neo4j_server
    g = load_bundle(SAMPLE)
    load_graph(driver, cfg.database, g, replace=True)  # a whole graph, which the stopped load replaces
    total = len(NetworkXBackend(g).findings(CODES))
    phases: list[str] = []

    def interrupt(phase: str, what: str, n: int) -> None:
        """Ctrl-C once the plan graph is written and the first batch of findings stored."""
        phases.append(phase)
        if phase == "findings":
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        load_graph(driver, cfg.database, load_bundle(SAMPLE), replace=True, progress=interrupt, batch=5)
    assert "nodes" in phases and "relationships" in phases
    held = cypher(neo4j_server, "MATCH (f:GkFinding) RETURN count(f) AS n")[0]["n"]
    assert held == 5 < total  # some findings stored, not all
    with pytest.raises(BackendError) as caught:
        Neo4jBackend(driver, cfg.database, g.profile)
    assert caught.value.key == "incomplete"
    code, out, err = run(env, "check", "--backend", "neo4j", "--select", "GK0", "-q", "--lang", "en")
    assert code == 2 and out == "" and "incomplete" in err
    code, out, err = run(env, "query", "orphan-budget-by-ministry", "--lang", "en")
    assert code == 2 and out == ""
    code, out, err = run(env, "load", str(SAMPLE), "-q", "--lang", "en")  # the same bundle, yet not whole
    assert code == 2 and "nothing changed" not in out and "--replace" in err


def test_a_graph_an_older_graphkpi_loaded_is_refused(neo4j_server, env) -> None:
    code, _, err = run(env, "load", str(SAMPLE), "--replace", "-q")
    assert code == 0, err
    # What an older graphkpi left: no findings stored, counts without them, no record of stored codes.
    cypher(neo4j_server, "MATCH (f:GkFinding) DELETE f")
    (row,) = cypher(neo4j_server, "MATCH (b:GkBundle) RETURN b.counts AS counts")
    counts = json.loads(row["counts"])
    counts["graphkpi"] -= counts.pop("GkFinding")
    cfg, driver = neo4j_server
    with driver.session(database=cfg.database) as s:
        s.run("MATCH (b:GkBundle) SET b.counts = $counts REMOVE b.stored, b.stored_for",
              counts=json.dumps(counts, sort_keys=True)).consume()
    with pytest.raises(BackendError) as caught:
        Neo4jBackend(driver, cfg.database, load_bundle(SAMPLE).profile)
    assert caught.value.key == "outdated"
    code, out, err = run(env, "check", "--backend", "neo4j", "-q")  # Thai first
    assert code == 2 and out == "" and "graphkpi รุ่นก่อน" in err and "graphkpi load --replace" in err
    code, out, err = run(env, "orphans", "--backend", "neo4j", "-q", "--lang", "en")
    assert code == 2 and out == "" and "older graphkpi" in err and "graphkpi load --replace" in err
    code, out, err = run(env, "query", "orphan-budget-by-ministry", "--lang", "en")
    assert code == 2 and out == "" and "older graphkpi" in err
    code, out, err = run(env, "load", str(SAMPLE), "-q", "--lang", "en")  # same files: still not "unchanged"
    assert code == 2 and "nothing changed" not in out and "--replace" in err
    code, _, err = run(env, "load", str(SAMPLE), "--replace", "-q")
    assert code == 0, err
    code, out, err = run(env, "check", "--backend", "neo4j", "--select", "GK0", "-q", "--format", "json")
    assert code == 0, err
    assert out == run(env, "check", str(SAMPLE), "--select", "GK0", "-q", "--format", "json")[1]


def test_stored_findings_of_another_profile_are_refused(neo4j_server, tmp_path: Path) -> None:
    cfg, driver = neo4j_server
    g = load_bundle(SAMPLE)
    load_graph(driver, cfg.database, g, replace=True)
    text = (Path(__file__).resolve().parents[3] / "graphkpi" / "profiles" / "th-xyz.toml").read_text("utf-8")
    path = tmp_path / "other.toml"
    path.write_text(text.replace('name = "th-xyz"', 'name = "other"', 1), encoding="utf-8")
    other = load_profile(str(path))
    backend = Neo4jBackend(driver, cfg.database, other)
    with pytest.raises(BackendError) as caught:
        backend.findings(["GK002"])
    assert caught.value.key == "profile_mismatch" and "th-xyz" in str(caught.value)
    assert f"load --replace --profile {path}`" in str(caught.value)   # the advice works as written: its path
    assert backend.findings(["GK101"]) == NetworkXBackend(g).findings(["GK101"])  # traversals take any profile
    load_graph(driver, cfg.database, load_bundle(SAMPLE, other), replace=True)   # loaded with the file
    path.write_text(path.read_text("utf-8") + '\n[levels.extra]\nlabel = "x"\nparents = ["strategy"]\n',
                    encoding="utf-8")
    load_profile.cache_clear()
    edited = load_profile(str(path))
    with pytest.raises(BackendError) as caught:   # the same name, other levels: not "loaded with other"
        Neo4jBackend(driver, cfg.database, edited).findings(["GK002"])
    assert caught.value.key == "profile_changed" and f"an earlier version of profile {path}" in str(caught.value)
