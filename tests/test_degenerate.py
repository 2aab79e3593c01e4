"""Deep chains, long cycles and wide levels: every command finishes, on both backends.

The bundles come from ``graphkpi.synth.degenerate``. Sizes are moderate (a few thousand
elements) but past what used to fail: ``trace`` recursed once per level and stopped with a
RecursionError at a depth of a few hundred; the view computed closures per shown element.
"""

from __future__ import annotations

import json
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from click.testing import CliRunner

from graphkpi.analysis.trace import trace
from graphkpi.cli import main
from graphkpi.load import load_bundle
from graphkpi.render.tree import MAX_INDENT, tree_json
from graphkpi.synth.degenerate import chain_bundle, cycle_bundle
from tests.conftest import SAMPLE
from tests.views.test_view import view_data

pytestmark = pytest.mark.slow


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args))
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result.exit_code, result.stdout, result.stderr


def deep_json(text: str) -> dict:
    """``json.loads`` of a document nested deeper than the default recursion limit allows."""
    out: dict = {}

    def parse() -> None:
        old = sys.getrecursionlimit()
        sys.setrecursionlimit(100_000)
        try:
            out["doc"] = json.loads(text)
        finally:
            sys.setrecursionlimit(old)

    size = threading.stack_size(512 * 1024 * 1024)
    try:
        worker = threading.Thread(target=parse)
        worker.start()
        worker.join()
    finally:
        threading.stack_size(size)
    return out["doc"]


def test_trace_of_a_chain_2000_deep(tmp_path: Path) -> None:
    path = chain_bundle(tmp_path / "chain", 2000)
    code, out, _ = run("trace", str(path), "P000000", "-q", "--lang", "en")
    assert code == 0
    lines = out.splitlines()
    assert lines[-1] == "✓ reaches the national strategy"
    assert "D000000 [national strategy]" in lines[-3] and "reaches the national strategy" in lines[-3]
    # every element once, top to bottom, and indentation that never grows past the cap
    ids = [ln.split("── ")[1].split(" ")[0] for ln in lines if "── " in ln]
    assert ids == [f"D{i:06d}" for i in range(2000, -1, -1)]
    assert max(len(ln) - len(ln.lstrip(" │")) for ln in lines) <= 4 * MAX_INDENT
    assert sum("goes on from" in ln for ln in lines) == 2000 // MAX_INDENT

    code, out, _ = run("trace", str(path), "P000000", "-q", "--format", "json")
    assert code == 0
    node, chain = deep_json(out), []
    while node["parents"]:
        (node,) = node["parents"]
        chain.append(node["id"])
    assert chain == [f"D{i:06d}" for i in range(2000, -1, -1)] and node["status"] == "z"


def test_trace_of_a_10000_cycle(tmp_path: Path) -> None:
    path = cycle_bundle(tmp_path / "cycle", 10_000)
    code, out, _ = run("trace", str(path), "P000000", "-q", "--lang", "en")
    assert code == 0
    steps = [ln for ln in out.splitlines() if "── " in ln]
    assert len(steps) == 10_001   # round the cycle once, then back at the start
    assert steps[-1].split("── ")[1].startswith("C000000") and "loops back" in steps[-1]
    assert out.endswith("✗ broken chain\n")


def test_trace_deep_in_a_real_process(tmp_path: Path) -> None:
    """The command as a user runs it: exit 0, no traceback, on a chain deeper than the recursion limit."""
    path = chain_bundle(tmp_path / "chain", 3000)
    proc = subprocess.run([sys.executable, "-m", "graphkpi", "trace", str(path), "D003000", "-q", "--format", "json"],
                          capture_output=True, text=True, encoding="utf-8", timeout=300)
    assert proc.returncode == 0, proc.stderr
    assert "Traceback" not in proc.stderr and proc.stdout.count('"id": "D') == 3001


def test_trace_json_is_json_dumps_for_ordinary_trees() -> None:
    """The iterative writer gives exactly the bytes ``json.dumps(indent=2)`` gives where that works."""
    g = load_bundle(SAMPLE)
    for node_id in ("P-000001", "P-000028", "P-000009", "170101", "MP17"):
        root = trace(g, node_id, "th")
        assert tree_json(root) == json.dumps(root.to_dict(), ensure_ascii=False, indent=2) + "\n"


def test_view_of_a_deep_chain(tmp_path: Path) -> None:
    """The overview of a 10,000-deep chain: every element, the chain's edges and nothing else.

    It walked the cascade once per shown element (minutes at this size) and pyvis looked each
    id up in a list of all ids; now closures are one pass and look-ups are hashed.
    """
    path = chain_bundle(tmp_path / "chain", 10_000)
    out = tmp_path / "v.html"
    result = CliRunner().invoke(main, ["view", str(path), "-o", str(out), "-q", "--lang", "en"])
    assert result.exit_code == 0, result.output
    assert "10,001 nodes, 10,000 edges" in result.output
    data = view_data(out.read_text(encoding="utf-8"))
    assert {(e["from"], e["to"]) for e in data["edges"]} == {(f"D{i:06d}", f"D{i - 1:06d}") for i in range(1, 10_001)}
    top = next(n for n in data["nodes"] if n["id"] == "D000000")
    assert "coverage: 100%" in top["title"]   # the one project reaches every sub-target


def test_view_of_a_long_cycle_with_nothing_to_place(tmp_path: Path) -> None:
    """A --finding view past the node cap with no project in it says nothing about aggregating."""
    path = cycle_bundle(tmp_path / "cycle", 3_000)
    out = tmp_path / "v.html"
    result = CliRunner().invoke(main, ["view", str(path), "-o", str(out), "-q", "--finding", "GK003", "--lang", "en"])
    assert result.exit_code == 0, result.output
    assert "3,000 nodes, 3,000 edges" in result.output and "grouped" not in result.output


def _naive_nearest(g, keep: set[str]) -> set[tuple[str, str]]:
    """The definition: a shown ancestor reached through hidden elements only, one walk per pair."""
    out = set()
    for e in keep:
        seen, stack = {e}, [e]
        while stack:
            for p in g.hierarchy.successors(stack.pop()):
                if p in keep and p != e:
                    out.add((e, p))
                elif p not in seen and p not in keep:
                    seen.add(p)
                    stack.append(p)
    return out


@pytest.mark.parametrize("which", ["sample", "cycle", "generated"])
def test_view_closures_match_one_walk_per_element(tmp_path: Path, which: str) -> None:
    """counts_below and nearest_shown agree with the per-element walks they replace."""
    from graphkpi.synth import generate_bundle
    from graphkpi.views.reach import counts_below, nearest_shown

    if which == "sample":
        path = SAMPLE
    elif which == "cycle":
        path = cycle_bundle(tmp_path / "c", 300)
    else:
        path = generate_bundle(tmp_path / "g", 2000, seed=3) and tmp_path / "g"
    g = load_bundle(path)
    levels = g.elements["level"]
    shown = set(g.elements.index[levels.isin(("strategy", "master_plan", "sub_target"))])
    subsets = {"targets": set(g.elements.index[levels == "sub_target"]),
               "factors": set(g.elements.index[levels == "vc_factor"]), "linked": set(g.existing_links["element"])}
    got = counts_below(g, shown, subsets)
    for e in shown:
        below = g.down_closure({e})
        assert got[e] == {k: len(below & sub) for k, sub in subsets.items()}, e
    assert nearest_shown(g, shown) == _naive_nearest(g, shown)


HOSTILE = {"cycle-3000": lambda p: cycle_bundle(p, 3_000), "chain-3000": lambda p: chain_bundle(p, 3_000)}


@pytest.mark.neo4j
@pytest.mark.parametrize("shape", sorted(HOSTILE))
def test_neo4j_parity_on_hostile_shapes(neo4j_server, tmp_path: Path, shape: str) -> None:
    """The same findings on both backends, through the CLI as a user runs it.

    Before, Neo4j tested each element for a path back to itself or up to a root: a 2,000-element
    cycle did not finish GK003 or GK201 in 30 s, and a 10,000 one ran out of memory.
    """
    from tests.backends.neo4j.test_neo4j_cli import run as run_env
    from tests.backends.neo4j.test_neo4j_parity import assert_parity

    cfg, _ = neo4j_server
    env = {"NEO4J_URI": cfg.uri, "NEO4J_USER": cfg.user, "NEO4J_PASSWORD": cfg.password, "NEO4J_DATABASE": cfg.database}
    path = HOSTILE[shape](tmp_path / shape)
    found = assert_parity(neo4j_server, path)
    assert {f.code for f in found} >= ({"GK003", "GK201"} if shape.startswith("cycle") else {"GK203", "GK401"})
    for command in ("check", "chains", "orphans"):
        a = run_env(env, command, str(path), "--format", "json", "-q")
        b = run_env(env, command, "--backend", "neo4j", "--format", "json", "-q")
        assert a[0] == b[0] == 0, b[2]
        assert b[1] == a[1]
