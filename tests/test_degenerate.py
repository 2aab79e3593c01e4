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
