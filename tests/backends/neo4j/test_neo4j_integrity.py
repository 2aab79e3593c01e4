"""Nothing lost, nothing silently wrong on the Neo4j backend, against the real test server.

Loads killed (SIGKILL) at random points of every phase, two loads at once, a lock taken over
under a live load, a graph damaged after its load, another application's nodes with the same
label names, LOAD CSV in a read-only query, and passwords in URIs.
"""

from __future__ import annotations

import os
import random
import shutil
import signal
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from click.testing import CliRunner

from graphkpi.backends.base import BackendError
from graphkpi.backends.neo4j import Neo4jBackend, load_graph
from graphkpi.backends.networkx import NetworkXBackend
from graphkpi.cli import main
from graphkpi.load import load_bundle
from tests.conftest import MINIMAL, SAMPLE
from tests.conftest import neo4j_run as run

# Codes that read every kind of node and relationship the load writes.
CODES = ["GK001", "GK101", "GK102", "GK103", "GK201", "GK202", "GK204", "GK401", "GK403", "GK405"]
PHASES = ("delete", "nodes", "relationships", "finish")
KILLS_PER_PHASE = 3


def cypher(neo4j_server, text: str, **params) -> list[dict]:
    cfg, driver = neo4j_server
    with driver.session(database=cfg.database) as s:
        return [r.data() for r in s.run(text, params)]


@pytest.fixture
def other_sample(tmp_path: Path) -> Path:
    """The sample with its last 40 projects gone and one renamed: another bundle, other counts."""
    out = tmp_path / "other"
    shutil.copytree(SAMPLE, out)
    lines = (out / "projects.csv").read_text(encoding="utf-8").splitlines(keepends=True)
    lines[1] = lines[1].replace("โครงการ", "โครงการใหม่", 1)
    (out / "projects.csv").write_text("".join(lines[:-40]), encoding="utf-8")
    return out


def expected_findings(bundle: Path) -> list:
    return NetworkXBackend(load_bundle(bundle)).findings(CODES)


def loader(env: dict[str, str], bundle: Path, *extra: str) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "graphkpi", "load", str(bundle), "--replace", "-q", "-v",
                             "--lang", "en", *extra], env={**os.environ, **env}, stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE, text=True)


def kill_during(env: dict[str, str], bundle: Path, phase: str, rng: random.Random) -> None:
    """Start a load and SIGKILL it at the k-th batch of ``phase`` (k random), or just after it ends."""
    proc = loader(env, bundle, "--batch-size", "10")
    # finish: just before the Bundle node is marked complete ("verify"), or just after ("finish")
    wanted = rng.choice(["verify", "finish"]) if phase == "finish" else phase
    target = 1 if phase == "finish" else rng.randint(1, 4)
    seen = 0
    try:
        for line in proc.stderr:
            if line.split("\t", 1)[0] == wanted:
                seen += 1
                if seen >= target:
                    break
        proc.send_signal(signal.SIGKILL)
    finally:
        proc.wait(timeout=60)  # reaped: its pid is gone, so the next load may take its lock over
    ended = (-signal.SIGKILL, 0) if wanted == "finish" else (-signal.SIGKILL,)
    assert proc.returncode in ended, f"the load ended before the {phase} phase was reached"


def assert_refused_or_whole(neo4j_server, env: dict[str, str], bundles: dict[str, list]) -> str:
    """Either every reader refuses the graph, or it is exactly one of ``bundles`` (by its source)."""
    cfg, driver = neo4j_server
    try:
        backend = Neo4jBackend(driver, cfg.database, load_bundle(SAMPLE).profile)
    except BackendError as exc:
        assert exc.key in ("incomplete", "damaged", "empty"), exc  # not "loading_now": the loader is dead
        code, _, err = run(env, "check", "--backend", "neo4j", "-q", "--lang", "en")
        assert code == 2 and "graph" in err
        code, _, err = run(env, "query", "orphan-budget-by-ministry", "--lang", "en")
        assert code == 2, err
        return "refused"
    assert backend.source in bundles
    assert backend.findings(CODES) == bundles[backend.source]
    return backend.source


def test_a_load_killed_in_any_phase_is_refused_or_whole(neo4j_server, env, other_sample) -> None:
    cfg, driver = neo4j_server
    seed = int(os.environ.get("GRAPHKPI_FAULT_SEED", random.randrange(10**6)))
    rng = random.Random(seed)
    bundles = {str(SAMPLE): expected_findings(SAMPLE), str(other_sample): expected_findings(other_sample)}
    outcomes: dict[str, set[str]] = {}
    for phase in PHASES:
        for _ in range(KILLS_PER_PHASE):
            load_graph(driver, cfg.database, load_bundle(SAMPLE), replace=True)  # a whole graph to replace
            kill_during(env, other_sample, phase, rng)
            outcome = assert_refused_or_whole(neo4j_server, env, bundles)
            outcomes.setdefault(phase, set()).add(outcome)
            if outcome != str(other_sample):  # a plain load must never take a wreck for this bundle
                code, out, err = run(env, "load", str(other_sample), "-q", "--lang", "en")
                assert code == 2 and "nothing changed" not in out and "--replace" in err, (seed, phase, out, err)
    # Killed before the end, a load leaves a refused graph, never the old one passed off as whole.
    assert outcomes["delete"] == outcomes["nodes"] == outcomes["relationships"] == {"refused"}, (seed, outcomes)
    # A new load takes the dead loader's lock over and leaves the new bundle, whole.
    proc = loader(env, other_sample)
    _, err = proc.communicate(timeout=300)
    assert proc.returncode == 0, err
    assert assert_refused_or_whole(neo4j_server, env, bundles) == str(other_sample)


def test_a_second_load_waits_or_stops_with_a_clear_message(neo4j_server, env, other_sample) -> None:
    first = loader(env, other_sample, "--batch-size", "5")
    try:
        for line in first.stderr:
            if line.startswith("nodes"):
                break
        threading.Thread(target=first.stderr.read, daemon=True).start()  # never blocks on a full pipe
        code, _, err = run(env, "load", str(SAMPLE), "--replace", "-q", "--lang", "en")
        assert code == 2
        assert "another load" in err and f"pid {first.pid}" in err and "Traceback" not in err
        code, _, err = run(env, "check", "--backend", "neo4j", "-q", "--lang", "en")  # readers: wait, not reload
        assert code == 2 and "is running" in err and f"pid {first.pid}" in err and "--replace" not in err
        code, _, err = run(env, "load", str(SAMPLE), "--replace", "-q", "--wait", "300")  # waits its turn
        assert code == 0, err
    finally:
        first.wait(timeout=300)
    assert first.returncode == 0
    bundles = {str(SAMPLE): expected_findings(SAMPLE)}
    assert assert_refused_or_whole(neo4j_server, env, bundles) == str(SAMPLE)


def test_a_stale_lock_is_taken_over_and_a_live_one_is_not(neo4j_server, env) -> None:
    run(env, "load", str(SAMPLE), "--replace", "-q")
    fresh = ("MERGE (l:GkLock {key: 'load'}) SET l.owner = 'elsewhere', l.pid = 1, l.host = 'other-host', "
             "l.since = timestamp(), l.heartbeat = timestamp() - $age")
    try:
        cypher(neo4j_server, fresh, age=5_000)
        code, _, err = run(env, "load", str(SAMPLE), "--replace", "-q", "--lang", "en")
        assert code == 2 and "other-host" in err
        cypher(neo4j_server, fresh, age=3_600_000)  # silent for an hour: abandoned
        code, _, err = run(env, "load", str(SAMPLE), "--replace", "-q", "--lang", "en")
        assert code == 0 and "took over an abandoned load lock" in err, err
        assert not cypher(neo4j_server, "MATCH (l:GkLock) RETURN l")  # released at the end
    finally:
        cypher(neo4j_server, "MATCH (l:GkLock) DELETE l")


def test_a_load_that_loses_its_lock_stops_and_leaves_a_refused_graph(neo4j_server) -> None:
    cfg, driver = neo4j_server
    g = load_bundle(SAMPLE)

    def steal(phase: str, what: str, n: int) -> None:
        if phase == "nodes":
            cypher(neo4j_server, "MATCH (l:GkLock) SET l.owner = 'someone else'")

    with pytest.raises(BackendError) as caught:
        load_graph(driver, cfg.database, g, replace=True, progress=steal, batch=50)
    assert caught.value.key == "lock_lost"
    cypher(neo4j_server, "MATCH (l:GkLock) DELETE l")
    with pytest.raises(BackendError, match="incomplete"):
        Neo4jBackend(driver, cfg.database, g.profile)


def test_a_graph_damaged_after_its_load_is_refused(neo4j_server, env) -> None:
    code, _, err = run(env, "load", str(SAMPLE), "--replace", "-q")
    assert code == 0, err
    cypher(neo4j_server, "MATCH (p:GkProject) WITH p LIMIT 7 DETACH DELETE p")
    code, _, err = run(env, "check", "--backend", "neo4j", "-q", "--lang", "en")
    assert code == 2 and "no longer holds what was loaded" in err and "GkProject 353/360" in err
    code, out, err = run(env, "orphans", "--backend", "neo4j", "-q", "--lang", "en")
    assert code == 2 and out == ""
    code, out, err = run(env, "load", str(SAMPLE), "-q", "--lang", "en")  # not "nothing changed"
    assert code == 2 and "--replace" in err
    code, out, err = run(env, "query", "orphan-budget-by-ministry", "--lang", "en")
    assert code == 2 and out == "" and "no longer holds" in err
    code, out, err = run(env, "query", "orphan-budget-by-ministry", "--allow-incomplete", "--lang", "en")
    assert code == 0 and out.startswith("warning: this answer comes from an incomplete graph")
    code, out, err = run(env, "query", "orphan-budget-by-ministry", "--allow-incomplete", "--format", "json")
    assert code == 0 and out.lstrip().startswith("[") and "--allow-incomplete" in err
    code, _, err = run(env, "load", str(SAMPLE), "--replace", "-q")
    assert code == 0, err
    code, _, err = run(env, "check", "--backend", "neo4j", "-q")
    assert code == 0, err


FOREIGN = """
CREATE (:Element {id: 'S1', owner: 'other app'}), (:Element {id: 'Z1', level: 'strategy'}),
       (:Project {id: 'dup'}), (:Project {id: 'dup'}), (:Agency {id: 'M1'}), (:Bundle {key: 'bundle'}),
       (:Kpi {id: 'K1'}), (:Area {id: 'TH-50'})
"""
COUNT_FOREIGN = "MATCH (n) WHERE NOT n:Graphkpi AND NOT n:GkLock RETURN count(n) AS n"


def test_another_applications_nodes_with_the_same_labels(neo4j_server, env, bundle) -> None:
    cfg, driver = neo4j_server
    cypher(neo4j_server, "MATCH (n:Graphkpi) DETACH DELETE n")
    # an older graphkpi's constraint on a generic label, which no longer belongs there
    cypher(neo4j_server, "CREATE CONSTRAINT graphkpi_element_id IF NOT EXISTS FOR (n:Element) REQUIRE n.id IS UNIQUE")
    cypher(neo4j_server, "MATCH (n) WHERE NOT n:Graphkpi DETACH DELETE n")
    cypher(neo4j_server, FOREIGN)
    try:
        before = cypher(neo4j_server, COUNT_FOREIGN)[0]["n"]
        for args in (("load", str(SAMPLE), "-q"), ("load", str(bundle(MINIMAL)), "--replace", "-q"),
                     ("load", str(SAMPLE), "--replace", "-q")):
            code, _, err = run(env, *args)
            assert code == 0, err
        assert cypher(neo4j_server, COUNT_FOREIGN)[0]["n"] == before  # nothing of theirs touched
        g = load_bundle(SAMPLE)
        got = Neo4jBackend(driver, cfg.database, g.profile).findings(CODES)
        assert got == NetworkXBackend(g).findings(CODES)  # and nothing of theirs counted
        names = {r["name"] for r in cypher(neo4j_server, "SHOW CONSTRAINTS YIELD name RETURN name")}
        assert "graphkpi_element_id" not in names
        labels = {lbl for r in cypher(neo4j_server, "SHOW CONSTRAINTS YIELD labelsOrTypes RETURN labelsOrTypes")
                  for lbl in r["labelsOrTypes"]}
        assert not labels & {"Element", "Project", "Agency", "Area", "Kpi", "Bundle"}
        cypher(neo4j_server, "CREATE (:Project {id: 'dup'})")  # the other application stays free
    finally:
        cypher(neo4j_server, "MATCH (n) WHERE NOT n:Graphkpi AND NOT n:GkLock DETACH DELETE n")


def test_read_only_query_refuses_load_csv_and_the_server_reads_no_files(env, tmp_path: Path) -> None:
    run(env, "load", str(SAMPLE), "--replace", "-q")
    for text in ("LOAD CSV FROM 'file:///etc/hostname' AS r RETURN r",
                 "load /* hidden */ csv from 'file:///etc/hostname' as r return r",
                 "CALL { LOAD CSV FROM 'file:///etc/hostname' AS r RETURN r } RETURN r"):
        path = tmp_path / "q.cypher"
        path.write_text(text, encoding="utf-8")
        code, out, err = run(env, "query", str(path), "--lang", "en")
        assert code == 2 and out == "" and "LOAD CSV" in err, text
    path.write_text("LOAD CSV FROM 'file:///etc/hostname' AS r RETURN r", encoding="utf-8")
    code, out, err = run(env, "query", str(path), "--write", "--lang", "en")  # the dev server refuses too
    assert code == 2 and out == "" and "allow_csv_import_from_file_urls" in err


@pytest.mark.parametrize("uri", ["bolt://neo4j:s3cret-pw@127.0.0.1:1", "bolt://neo4j:s3cret-pw@[bad",
                                 "http://neo4j:s3cret-pw@127.0.0.1:7474", "http://127.0.0.1:7474", "127.0.0.1:7687"])
def test_bad_uris_exit_2_without_the_password(uri: str) -> None:
    for args in (("check", "--backend", "neo4j", "-q"), ("query", "orphan-budget-by-ministry"),
                 ("load", str(SAMPLE), "-q")):
        result = CliRunner().invoke(main, [*args, "--neo4j-uri", uri])
        assert result.exit_code == 2, (args, result.output)
        assert "s3cret" not in result.output and "Traceback" not in result.output
        assert "Neo4j URI" in result.output or "URI ของ Neo4j" in result.output


def test_a_graph_reloaded_while_checks_read_it_is_not_answered(neo4j_server, bundle) -> None:
    cfg, driver = neo4j_server
    g = load_bundle(SAMPLE)
    load_graph(driver, cfg.database, g, replace=True)
    backend = Neo4jBackend(driver, cfg.database, g.profile)
    load_graph(driver, cfg.database, load_bundle(bundle(MINIMAL)), replace=True)  # meanwhile, another load
    with pytest.raises(BackendError) as caught:
        backend.findings(["GK101"])
    assert caught.value.key == "changed"
