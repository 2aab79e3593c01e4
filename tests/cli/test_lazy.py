"""The command line starts without its heavy dependencies, and lists commands it has not imported."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from graphkpi.cli import COMMANDS, main

# What `import graphkpi.cli`, `--help`, `codes` and `explain` must not import: each costs 0.1–0.6 s.
HEAVY = ("scipy", "pyvis", "jinja2", "neo4j", "pythainlp", "openpyxl", "pandas", "pyarrow", "networkx")

SAMPLE = Path(__file__).resolve().parents[2] / "data" / "sample"

# Imports the CLI in a fresh interpreter and runs argv (if any), then prints every module imported.
PROBE = """
import json, sys
from graphkpi.cli import main, prefetch
prefetch(sys.argv[1:])   # as graphkpi's run() does first
if sys.argv[1:]:
    try:
        main(sys.argv[1:], prog_name="graphkpi")
    except SystemExit as exc:
        assert exc.code in (0, None), exc.code
print(json.dumps(sorted(sys.modules)))
"""


def _imported(*argv: str) -> list[str]:
    out = subprocess.run([sys.executable, "-c", PROBE, *argv], capture_output=True, text=True, check=True).stdout
    return json.loads(out.strip().splitlines()[-1])


def _heavy_imported(*argv: str) -> list[str]:
    """The heavy top-level packages among the modules ``graphkpi *argv`` imported."""
    return sorted({m.split(".")[0] for m in _imported(*argv)} & set(HEAVY))


@pytest.mark.parametrize("argv", [(), ("--help",), ("codes",), ("codes", "--format", "json"),
                                  ("explain", "GK101"), ("explain", "--help")])
def test_light_commands_import_nothing_heavy(argv: tuple[str, ...]) -> None:
    heavy = _heavy_imported(*argv)
    assert heavy == [], f"graphkpi {' '.join(argv) or '(import)'} imported {heavy}: import them where they are used"


def test_a_heavy_command_still_loads_its_modules() -> None:
    """The probe can fail: `check --help` imports the check machinery (pandas among it)."""
    assert "pandas" in _heavy_imported("check", "--help")


def test_check_runs_without_scipys_linear_algebra() -> None:
    """GK301 groups its pairs in numpy: ``scipy.sparse.csgraph`` would import ``scipy.linalg``
    (0.1 s of a 1.5 s run on the sample); SciPy's sparse matrices alone are what it needs."""
    imported = _imported("check", str(SAMPLE), "--format", "json")
    assert "graphkpi.checks.duplicates" in imported and "scipy.sparse" in imported
    assert not [m for m in imported if m.startswith(("scipy.linalg", "scipy.sparse.csgraph", "scipy.sparse.linalg"))]


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_summary_in_the_table_is_the_commands_own(name: str) -> None:
    """The group's --help shows the table's summary; it must say what the command's docstring says."""
    command = COMMANDS[name].load()
    assert command.name == name
    first_paragraph = (command.help or "").split("\n\n")[0]
    assert COMMANDS[name].summary.split() == first_paragraph.split()


def test_group_help_lists_every_command() -> None:
    out = CliRunner().invoke(main, ["--help"]).output
    for name in COMMANDS:
        assert f"  {name} " in out


def test_unknown_command_is_a_usage_error() -> None:
    result = CliRunner().invoke(main, ["chekc"])
    assert result.exit_code == 2
    assert "ไม่มีคำสั่ง 'chekc'" in result.output   # Thai by default (tests/cli/test_click_lang.py)


THREADS = """
import os, time
import graphkpi.cli
import numpy
print(len(os.listdir("/proc/self/task")))
"""


@pytest.mark.skipif(not Path("/proc/self/task").is_dir(), reason="counts threads in /proc (Linux)")
def test_numpy_starts_no_blas_threads_under_the_cli() -> None:
    """OpenBLAS's idle workers would spin on the core the file readers need; the CLI keeps it to
    the calling thread (and keeps a user's own ``OPENBLAS_NUM_THREADS``)."""
    env = {k: v for k, v in os.environ.items() if k != "OPENBLAS_NUM_THREADS"}
    out = subprocess.run([sys.executable, "-c", THREADS], capture_output=True, text=True, check=True, env=env).stdout
    assert int(out) == 1
    env["OPENBLAS_NUM_THREADS"] = "2"
    out = subprocess.run([sys.executable, "-c", THREADS], capture_output=True, text=True, check=True, env=env).stdout
    assert int(out) == 2


def test_a_loading_command_begins_the_utf8_check_of_its_bundles(tmp_path: Path, monkeypatch) -> None:
    """Before its modules import (``run``); not for its help, other commands, or other paths."""
    from graphkpi.cli import prefetch
    from graphkpi.load import prefetch as begun

    monkeypatch.setattr(begun, "PREFETCH_FROM", 0)
    monkeypatch.setattr("graphkpi.parallel.cores", lambda: 2)
    projects = os.path.realpath(SAMPLE / "projects.csv")
    try:
        for argv in (["check", "-o", str(tmp_path / "out.json"), str(SAMPLE)], ["--lang", "en", "stats", str(SAMPLE)]):
            prefetch(argv)
            assert list(begun._begun) == [projects], argv
            assert begun._begun.pop(projects)[1].result(timeout=10) is True
        for argv in (["check", "--help", str(SAMPLE)], ["codes", str(SAMPLE)], ["check", str(tmp_path)], ["load"],
                     ["check", "x" * 5000], ["check", "a\0b"]):   # names the system refuses: the command says so
            prefetch(argv)
            assert begun._begun == {}, argv
    finally:
        begun._begun.clear()


# Runs `graphkpi check` through run() and prints, as the load begins, whether the collector runs
# and how many objects it froze, and whether it ran during the imports.
COLLECTION = """
import gc, json, os, sys
import graphkpi.cli as c
import graphkpi.cli.support as support
seen = {"during_imports": []}
def heard(phase, info):
    if phase == "start" and "load" not in seen:
        seen["during_imports"].append(info["generation"])
gc.callbacks.append(heard)
load = support.load_or_exit
def spy(*args, **kwargs):
    seen["load"] = [gc.isenabled(), gc.get_freeze_count()]
    print(json.dumps(seen), flush=True)
    return load(*args, **kwargs)
support.load_or_exit = spy
sys.argv = ["graphkpi", "check", sys.argv[1], "--quiet", "-o", os.devnull]
c.run()
"""


def test_the_collector_rests_while_the_command_imports_and_resumes_frozen() -> None:
    """No collection runs while pandas, pyarrow and networkx import (two full ones did); the
    command then runs with the collector on, over none of the imports' objects (frozen). Near
    miss: main() alone (a test's runner, a notebook) leaves the collector as it found it."""
    out = subprocess.run([sys.executable, "-c", COLLECTION, str(SAMPLE)], capture_output=True, text=True, check=True)
    seen = json.loads(out.stdout.strip().splitlines()[0])
    enabled, frozen = seen["load"]
    assert enabled and frozen > 100_000 and seen["during_imports"] == []
    import gc

    before = (gc.isenabled(), gc.get_freeze_count())
    assert CliRunner().invoke(main, ["codes"]).exit_code == 0
    assert (gc.isenabled(), gc.get_freeze_count()) == before
