"""`graphkpi load`, `check --backend neo4j`, `query` against the real Neo4j test server."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from graphkpi.backends.base import BackendError, UnsupportedError
from graphkpi.backends.neo4j import Neo4jBackend, load_graph
from graphkpi.load import load_bundle
from tests.conftest import MINIMAL, SAMPLE
from tests.conftest import neo4j_run as run


def counts(neo4j_server) -> tuple[int, int]:
    cfg, driver = neo4j_server
    with driver.session(database=cfg.database) as s:
        nodes = s.run("MATCH (n:Graphkpi) RETURN count(n) AS n").single()["n"]
        rels = s.run("MATCH (:Graphkpi)-[r]->(:Graphkpi) RETURN count(r) AS n").single()["n"]
    return nodes, rels


@pytest.mark.parametrize("command", ["check", "orphans", "chains", "lead-gaps", "duplicates"])
@pytest.mark.parametrize("fmt", ["json", "csv", "table"])
def test_output_is_identical_across_backends(env, command: str, fmt: str) -> None:
    code, _, err = run(env, "load", str(SAMPLE), "--replace", "-q")
    assert code == 0, err
    a = run(env, command, str(SAMPLE), "--format", fmt, "-q")
    b = run(env, command, "--backend", "neo4j", "--format", fmt, "-q")
    assert a[0] == b[0] == 0, b[2]
    assert b[1] == a[1]


@pytest.mark.parametrize("fmt", ["json", "csv", "table"])
def test_reach_output_is_identical_across_backends(env, fmt: str) -> None:
    code, _, err = run(env, "load", str(SAMPLE), "--replace", "-q")
    assert code == 0, err
    a = run(env, "reach", "S2", str(SAMPLE), "--format", fmt, "--lang", "en")
    b = run(env, "reach", "S2", "--backend", "neo4j", "--format", fmt, "--lang", "en")
    assert a[0] == b[0] == 0, b[2]
    assert b[1] == a[1]
    assert run(env, "reach", "5010", "--backend", "neo4j", "-q")[2] == run(env, "reach", "5010", str(SAMPLE), "-q")[2]


def test_load_is_idempotent_and_summarised(env, neo4j_server) -> None:
    code, out, _ = run(env, "load", str(SAMPLE), "--replace", "--lang", "en")
    assert code == 0 and "nodes" in out and "CONTRIBUTES_TO" in out
    first = counts(neo4j_server)
    code, out, err = run(env, "load", str(SAMPLE), "-q", "--lang", "en")  # the same bundle again, no --replace
    assert code == 0, err
    assert "nothing changed" in out
    assert counts(neo4j_server) == first
    code, _, err = run(env, "load", str(SAMPLE), "-q", "--replace")  # and a full reload gives the same graph
    assert code == 0, err
    assert counts(neo4j_server) == first


def test_another_bundle_needs_replace_and_replace_keeps_other_data(env, neo4j_server, bundle) -> None:
    cfg, driver = neo4j_server
    run(env, "load", str(SAMPLE), "--replace", "-q")
    with driver.session(database=cfg.database) as s:
        s.run("CREATE (:Unrelated {owner: 'someone else'})").consume()
    try:
        other = bundle(MINIMAL)
        code, _, err = run(env, "load", str(other), "-q", "--lang", "en")
        assert code == 2 and "--replace" in err
        code, _, err = run(env, "load", str(other), "--replace", "-q")
        assert code == 0, err
        code, out, _ = run(env, "check", "--backend", "neo4j", "--format", "json", "-q")
        assert json.loads(out)["bundle"] == str(other)
        with driver.session(database=cfg.database) as s:
            assert s.run("MATCH (n:Unrelated) RETURN count(n) AS n").single()["n"] == 1
    finally:
        with driver.session(database=cfg.database) as s:
            s.run("MATCH (n:Unrelated) DELETE n").consume()


def test_bad_bundle_writes_nothing(env, neo4j_server, bundle) -> None:
    run(env, "load", str(SAMPLE), "--replace", "-q")
    before = counts(neo4j_server)
    code, _, err = run(env, "load", str(bundle({"elements.csv": "id\n"})), "--replace", "-q", "--lang", "en")
    assert code == 2 and "required" in err
    assert counts(neo4j_server) == before


def test_incomplete_load_is_refused(env, neo4j_server) -> None:
    cfg, driver = neo4j_server
    g = load_bundle(SAMPLE)
    load_graph(driver, cfg.database, g, replace=True)
    with driver.session(database=cfg.database) as s:
        s.run("MATCH (b:GkBundle) SET b.state = 'loading'").consume()
    with pytest.raises(BackendError, match="incomplete"):
        Neo4jBackend(driver, cfg.database, g.profile)
    code, _, err = run(env, "check", "--backend", "neo4j", "-q", "--lang", "en")
    assert code == 2 and "incomplete" in err
    code, _, err = run(env, "load", str(SAMPLE), "-q", "--lang", "en")  # nor is it silently merged into
    assert code == 2 and "--replace" in err


def test_empty_database_says_load_first(env, neo4j_server) -> None:
    cfg, driver = neo4j_server
    with driver.session(database=cfg.database) as s:
        s.run("MATCH (n:Graphkpi) DETACH DELETE n").consume()
    code, _, err = run(env, "check", "--backend", "neo4j", "-q", "--lang", "en")
    assert code == 2 and "graphkpi load" in err


def test_a_check_without_cypher_names_the_backend(neo4j_server) -> None:
    cfg, driver = neo4j_server
    g = load_bundle(SAMPLE)
    load_graph(driver, cfg.database, g, replace=True)
    with pytest.raises(UnsupportedError, match="GK999 is not available on the neo4j backend"):
        Neo4jBackend(driver, cfg.database, g.profile).findings(["GK999"])


def test_backend_usage_errors(env) -> None:
    assert run(env, "check", str(SAMPLE), "--backend", "neo4j")[0] == 2
    assert run(env, "check")[0] == 2


def test_login_refused_and_server_unreachable(env) -> None:
    code, out, err = run({**env, "NEO4J_PASSWORD": "wrong-secret-123"}, "check", "--backend", "neo4j", "--lang", "en")
    assert code == 2 and "refused the login" in err
    assert "wrong-secret-123" not in out + err
    code, _, err = run({**env, "NEO4J_URI": "bolt://127.0.0.1:1"}, "check", "--backend", "neo4j", "--lang", "en")
    assert code == 2 and "cannot reach" in err


def test_query_shipped_with_params_read_only_by_default(env, neo4j_server, tmp_path: Path) -> None:
    run(env, "load", str(SAMPLE), "--replace", "-q")
    code, out, err = run(env, "query", "project-chain", "--param", "project=P-000028", "--format", "json")
    assert code == 0, err
    assert json.loads(out) == [{"chain": ["TH-50-T01"], "levels": ["provincial_target"], "reaches_z": False,
                                "loops_back": False}]
    code, out, _ = run(env, "query", "budget-by-strategy", "--format", "csv")
    assert code == 0 and out.splitlines()[0] == "strategy,name,projects,budget"
    write = tmp_path / "w.cypher"
    write.write_text("CREATE (:Scratch {v: $v}) RETURN 1 AS ok", encoding="utf-8")
    code, _, err = run(env, "query", str(write), "--param", "v:int=1", "--lang", "en")
    assert code == 2 and "this query writes to the graph: add --write" in err
    cfg, driver = neo4j_server
    try:
        assert run(env, "query", str(write), "--param", "v:int=1", "--write")[0] == 0
        with driver.session(database=cfg.database) as s:
            assert s.run("MATCH (n:Scratch {v: 1}) RETURN count(n) AS n").single()["n"] == 1
    finally:
        with driver.session(database=cfg.database) as s:
            s.run("MATCH (n:Scratch) DELETE n").consume()


def test_a_write_says_what_it_changed_and_values_read_plainly(env, neo4j_server, tmp_path: Path) -> None:
    """A write without RETURN used to print two blank lines; a relationship printed as a Python
    tuple and 1/3 with sixteen digits."""
    run(env, "load", str(SAMPLE), "--replace", "-q")
    write = tmp_path / "w.cypher"
    write.write_text("CREATE (:Scratch {v: 1}), (:Scratch {v: 2})", encoding="utf-8")
    cfg, driver = neo4j_server
    try:
        code, out, err = run(env, "query", str(write), "--write", "--lang", "en")
        assert (code, out) == (0, "(no rows)\n")
        assert err.strip() == "the graph changed: 2 nodes created, 2 properties set, 2 labels added"
    finally:
        with driver.session(database=cfg.database) as s:
            s.run("MATCH (n:Scratch) DELETE n").consume()
    read = tmp_path / "r.cypher"
    read.write_text("MATCH (p:GkProject {id: 'P-000001'})-[r:CONTRIBUTES_TO]->(e) "
                    "RETURN r, 1.0 / 3 AS third ORDER BY e.id LIMIT 1", encoding="utf-8")
    code, out, err = run(env, "query", str(read), "--lang", "en")
    assert code == 0 and err == "" and "('" not in out and '"CONTRIBUTES_TO"' in out   # near miss: no change line
    assert out.splitlines()[2].endswith("  0.3333")
    code, out, _ = run(env, "query", str(read), "--format", "json")
    assert json.loads(out)[0]["r"][1] == "CONTRIBUTES_TO" and json.loads(out)[0]["third"] == 1 / 3


def test_the_servers_refusals_are_said_in_the_users_words(env, tmp_path: Path) -> None:
    """Not the server's raw English: a database that does not exist, a parameter left out, a syntax
    error placed in the user's own text (not after the probe's EXPLAIN), a mistyped query name."""
    run(env, "load", str(SAMPLE), "--replace", "-q")
    code, _, err = run(env, "check", "--backend", "neo4j", "--database", "nosuchdb")
    assert code == 2 and "ไม่มีฐานข้อมูล 'nosuchdb'" in err and "Graph not found" not in err
    code, _, err = run(env, "query", "project-chain", "--lang", "en")
    assert code == 2 and "the query needs parameter(s): project (give them with --param" in err
    bad = tmp_path / "bad.cypher"
    bad.write_text("MATCH (n RETURN n\n", encoding="utf-8")
    code, _, err = run(env, "query", str(bad), "--lang", "en")
    assert code == 2 and f"Cypher syntax error in {bad}" in err and "EXPLAIN" not in err
    assert "(line 1, column 10 (offset: 9))" in err and '"MATCH (n RETURN n"\n          ^' in err
    code, _, err = run(env, "query", "budget-by-strateg", "--lang", "en")
    assert code == 2 and "did you mean budget-by-strategy" in err


def test_a_graph_edited_by_a_write_query_is_not_the_bundle_any_more(env, neo4j_server, tmp_path: Path) -> None:
    """Counts do not show a changed property: the write marks the Bundle node, a reload of the same
    bundle says so instead of "nothing changed", readers note it, and --replace restores the graph."""
    run(env, "load", str(SAMPLE), "--replace", "-q")
    edit = tmp_path / "edit.cypher"
    edit.write_text('MATCH (p:GkProject {id: "P-000001"}) SET p.budget = 1', encoding="utf-8")
    assert run(env, "query", str(edit), "--write")[0] == 0
    code, out, err = run(env, "load", str(SAMPLE), "-q", "--lang", "en")
    assert code == 2 and "was changed by graphkpi query --write after its load" in err and "nothing changed" not in out
    code, _, err = run(env, "check", "--backend", "neo4j", "--select", "GK101", "--lang", "en", "-q")
    assert code == 0 and err.startswith("note: this graph was changed by graphkpi query --write")
    assert run(env, "load", str(SAMPLE), "--replace", "-q")[0] == 0
    assert run(env, "check", "--backend", "neo4j", "--select", "GK101", "-q")[2] == ""   # near miss: as loaded
    cfg, driver = neo4j_server
    with driver.session(database=cfg.database) as s:   # a stray delete: the reload names what is missing
        s.run("MATCH (k:GkKpi) WITH k LIMIT 1 DETACH DELETE k").consume()
    code, _, err = run(env, "load", str(SAMPLE), "-q", "--lang", "en")
    assert code == 2 and "no longer holds what was loaded" in err and "GkKpi 38/39" in err


def test_budget_by_strategy_total_counts_each_project_once(env) -> None:
    """Rows count a project once per strategy it reaches; the total line counts distinct projects,
    equal to the projects reaching Z of `stats`, and says so in the user's language."""
    run(env, "load", str(SAMPLE), "--replace", "-q")
    code, out, err = run(env, "query", "budget-by-strategy", "--format", "json", "--lang", "en")
    assert code == 0, err
    *rows, total = json.loads(out)
    assert [r["strategy"] for r in rows] == sorted(r["strategy"] for r in rows) and total["strategy"] == "total"
    assert "counted once" in total["name"]
    code, out, _ = run(env, "stats", str(SAMPLE), "--format", "json")
    reach = json.loads(out)
    assert total["projects"] == reach["projects_reaching_z"]["count"]
    assert total["budget"] == reach["budget_reaching_z"]["count"]
    assert sum(r["projects"] for r in rows) >= total["projects"]   # a project in two strategies: both rows
    code, out, _ = run(env, "query", "budget-by-strategy")
    assert code == 0 and out.splitlines()[-1].startswith("รวม ") and "นับโครงการละครั้ง" in out


def test_query_text_is_never_pasted(env, tmp_path: Path) -> None:
    """A parameter value that looks like Cypher stays a value."""
    q = tmp_path / "q.cypher"
    q.write_text("RETURN $x AS x", encoding="utf-8")
    evil = "'}) DETACH DELETE n //"
    code, out, _ = run(env, "query", str(q), "--param", f"x={evil}", "--format", "json")
    assert code == 0 and json.loads(out) == [{"x": evil}]


def _examples() -> list[list[str]]:
    """Every `graphkpi query …` example of the shipped queries' headers and of the README, as argv."""
    import re
    import shlex

    from graphkpi.cli.server import shipped_queries

    repo = Path(__file__).resolve().parents[3]
    names = shipped_queries()
    texts = [(repo / "cypher" / "queries" / f"{name}.cypher").read_text("utf-8") for name in names]
    texts.append((repo / "README.md").read_text("utf-8"))
    shipped = "|".join(map(re.escape, names))
    example = rf"(?:graphkpi query |`)((?:{shipped})(?: --param [^`\s]+)*)"
    found = {("query", *shlex.split(m)) for text in texts for m in re.findall(example, text)}
    return [list(args) for args in sorted(found)]


def test_every_shipped_query_example_works_as_written(env) -> None:
    """Ids stay strings (`target=130101` finds element 130101): each example answers, and those
    naming a project or target find rows on the sample."""
    assert run(env, "load", str(SAMPLE), "--replace", "-q")[0] == 0
    examples = _examples()
    assert {a[1] for a in examples} >= {"project-chain", "ministry-projects-for-target", "budget-by-strategy"}
    for args in examples:
        code, out, err = run(env, *args, "--format", "json")
        assert code == 0, (args, err)
        assert json.loads(out), args


def test_query_param_types_only_when_asked(env, tmp_path: Path) -> None:
    run(env, "load", str(SAMPLE), "--replace", "-q")
    q = tmp_path / "q.cypher"
    q.write_text("RETURN $a AS a, $n AS n, $l AS l", encoding="utf-8")
    code, out, err = run(env, "query", str(q), "--param", "a=007", "--param", "n:int=5", "--param", "l:list=สธ; มท",
                         "--format", "json")
    assert code == 0, err
    assert json.loads(out) == [{"a": "007", "n": 5, "l": ["สธ", "มท"]}]
    code, out, _ = run(env, "query", "ministry-projects-for-target", "--param", "ministry=สธ", "--param",
                       "target=130201", "--format", "json")
    assert code == 0 and json.loads(out), "an id that looks like a number must find its element"


def test_real_subprocess_load_then_check(env) -> None:
    full = {**os.environ, **env}
    load = subprocess.run([sys.executable, "-m", "graphkpi", "load", str(SAMPLE), "--replace"], env=full,
                          capture_output=True, text=True, timeout=300)
    assert load.returncode == 0, load.stderr
    assert env["NEO4J_PASSWORD"] not in load.stdout + load.stderr
    check = subprocess.run([sys.executable, "-m", "graphkpi", "check", "--backend", "neo4j", "--format", "json"],
                           env=full, capture_output=True, text=True, timeout=300)
    assert check.returncode == 0, check.stderr
    assert json.loads(check.stdout)["summary"]["GK101"] == 11


def test_a_bundle_without_projects_is_said_so_on_both_backends(env, bundle) -> None:
    """projects.csv with a header and no rows: the note came only from the NetworkX load."""
    empty = bundle({**MINIMAL, "projects.csv": "id,name,agency,fiscal_year\n"})
    assert run(env, "load", str(empty), "--replace", "-q")[0] == 0
    nx_run = run(env, "orphans", str(empty), "--lang", "en", "-q")
    neo_run = run(env, "orphans", "--backend", "neo4j", "--lang", "en", "-q")
    assert neo_run == nx_run and nx_run[2].startswith("note: projects.csv has a header and no rows")
    assert run(env, "load", str(SAMPLE), "--replace", "-q")[0] == 0   # near miss: projects, no note
    assert run(env, "orphans", "--backend", "neo4j", "-q")[2] == ""


def test_which_bundle_answers_is_said_and_its_files_are_not_overwritten(env, tmp_path: Path) -> None:
    """On a shared server the reader is told which bundle (and load) answers; an -o naming one of
    that bundle's files is refused as it is on the in-process backend, once the graph tells
    where it came from."""
    b = tmp_path / "bundle"
    b.mkdir()
    for f in SAMPLE.glob("*.csv"):
        (b / f.name).write_bytes(f.read_bytes())
    code, _, err = run(env, "load", str(b), "--replace", "-q")
    assert code == 0, err
    before = (b / "projects.csv").read_bytes()
    code, out, err = run(env, "orphans", "--backend", "neo4j", "--lang", "en")
    assert code == 0 and f"loaded from {b} at " in err and "total: 18 projects" in out
    assert f"loaded from {b}" not in run(env, "orphans", "--backend", "neo4j", "-q")[2]
    for target in (b / "projects.csv", b / "areas.csv"):
        code, _, err = run(env, "orphans", "--backend", "neo4j", "-q", "--format", "csv", "-o", str(target),
                           "--lang", "en")
        assert code == 2 and "not overwriting the input" in err, target
    assert (b / "projects.csv").read_bytes() == before and not (b / "areas.csv").exists()
    code, _, err = run(env, "orphans", "--backend", "neo4j", "-q", "--format", "csv", "-o", str(tmp_path / "o.csv"))
    assert code == 0 and (tmp_path / "o.csv").read_text(encoding="utf-8-sig").startswith("code,")   # near-miss
