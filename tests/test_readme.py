"""The README's tour is true: every ``graphkpi`` example it shows on the sample runs, and prints
what the README says it prints.

A console block lists ``$ command`` lines, each followed by its output as a terminal shows it
(stdout and stderr). A line that is only ``…`` stands for lines left out; an example shown
without output is only run. Examples that need a Neo4j server, a shell pipe, a file the
repository does not ship, or a 10⁶-project bundle are left to the tests of those commands.
"""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import pytest
from click.testing import CliRunner

from graphkpi.cli import main
from tests.conftest import REPO

README = (REPO / "README.md").read_text(encoding="utf-8")
ELIDED = "…"
EDITED = "/tmp/sample-edited"          # the README's copy of the sample with known edits
SKIPPED = ("--backend neo4j", " load ", " query ", " generate ", "bad-bundle", "--help", "|")


def _examples() -> list[tuple[str, list[str], int | None]]:
    """(command, output lines, exit code the README states) of every console example."""
    out: list[tuple[str, list[str], int | None]] = []
    for block in re.findall(r"```console\n(.*?)```", README, re.S):
        for part in re.split(r"^\$ ", block, flags=re.M)[1:]:
            command, *shown = part.rstrip("\n").split("\n")
            if command.startswith("echo $?") and out:
                out[-1] = (out[-1][0], out[-1][1], int(shown[0]))
                continue
            out.append((command, shown, None))
    return [e for e in out if e[0].startswith("graphkpi ") and not any(s in f" {e[0]} " for s in SKIPPED)]


EXAMPLES = _examples()


def _line(shown: str) -> str:
    """A shown line as a pattern: one ending in ``…`` may go on (the README cuts long lines so;
    the tool's own cut cells end in ``…`` too, which the pattern also matches)."""
    return re.escape(shown[:-1]) + "[^\n]*" if shown.endswith(ELIDED) else re.escape(shown)


def _elided(shown: str) -> bool:
    """``…`` alone, or followed by a note on what was left out: ``…   (then the findings)``."""
    return shown == ELIDED or re.fullmatch(r"… +\(.*\)", shown) is not None


def _matches(shown: list[str], got: list[str]) -> bool:
    """Whether ``got`` is ``shown``, each ``…`` line standing for any lines (none included)."""
    pattern = "\n".join(".*?" if _elided(line) else _line(line) for line in shown)
    pattern = pattern.replace("\n.*?\n", "(?:\n.*?)?\n")
    pattern = re.sub(r"^\.\*\?\n", "(?:.*?\n)?", pattern)
    pattern = re.sub(r"\n\.\*\?$", "(?:\n.*?)?", pattern)
    return re.fullmatch(pattern, "\n".join(got), re.S) is not None


def test_the_tour_shows_examples_of_most_commands():
    commands = {shlex.split(c)[1] for c, _, _ in EXAMPLES}
    assert {"check", "orphans", "report", "stats", "trace", "chains", "reach", "lead-gaps", "kpis", "matrix",
            "duplicates", "view", "validate", "explain", "codes", "diff", "suggest"} <= commands


@pytest.fixture(scope="module")
def edited(tmp_path_factory) -> Path:
    from graphkpi.synth.edits import apply_edits

    path = tmp_path_factory.mktemp("readme") / "sample-edited"
    apply_edits(REPO / "data" / "sample", path)
    return path


@pytest.mark.parametrize(("command", "shown", "code"), EXAMPLES, ids=[c for c, _, _ in EXAMPLES])
def test_readme_example(command, shown, code, tmp_path, edited, monkeypatch):
    monkeypatch.chdir(REPO)
    monkeypatch.setenv("GRAPHKPI_TODAY", "2026-12-04")
    monkeypatch.delenv("GRAPHKPI_LANG", raising=False)
    args = shlex.split(command, comments=True)[1:]
    args = [str(edited) if a == EDITED else a for a in args]
    for i, a in enumerate(args[:-1]):   # outputs go to a temporary folder, printed as the README names them
        if a == "-o":
            args[i + 1] = str(tmp_path / args[i + 1])
    result = CliRunner().invoke(main, args, prog_name="graphkpi", catch_exceptions=False)
    assert result.exit_code == (0 if code is None else code), result.output
    got = [line.rstrip() for line in result.output.replace(f"{tmp_path}/", "").replace(str(edited), EDITED)
           .rstrip("\n").split("\n")]
    while shown and not shown[-1].strip():
        shown = shown[:-1]
    if shown:
        assert _matches([line.rstrip() for line in shown], got), "\n".join(got)
