"""Meta-tests that keep the catalogue honest: every code documented, implemented, in the README."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from click.testing import CliRunner

from graphkpi.checks import catalog, implementations
from graphkpi.checks.registry import check_codes
from graphkpi.cli import COMMANDS, main
from graphkpi.suppress import CODES as SCREEN_CODES
from tests.conftest import REPO, SAMPLE

README = (REPO / "README.md").read_text(encoding="utf-8")


def test_every_documented_code_is_implemented_and_vice_versa() -> None:
    # GK901/GK902 judge the suppression file, not the graph: screening reports them (graphkpi.suppress)
    assert set(catalog()) == set(implementations()) | set(SCREEN_CODES)
    assert not set(implementations()) & set(SCREEN_CODES)
    assert list(implementations()) == check_codes()          # listed without importing the checks
    for code, fn in implementations().items():               # each code's family is its module
        assert fn.__module__ == f"graphkpi.checks.{catalog()[code].family}"


# Runs codes on the sample in a fresh interpreter and prints which of these got imported.
PROBE = """
import json, sys
from graphkpi.checks.run import run_codes
from graphkpi.load import load_bundle
run_codes(load_bundle(sys.argv[1]), sys.argv[2].split(","))
print(json.dumps(sorted(m for m in ("graphkpi.checks.duplicates", "scipy", "pythainlp") if m in sys.modules)))
"""


@pytest.mark.parametrize(("codes", "imported"), [
    ("GK001,GK101,GK201,GK204", []),
    ("GK301", ["graphkpi.checks.duplicates", "pythainlp", "scipy"]),    # the near miss: it needs them
])
def test_a_run_imports_only_the_checks_it_runs(codes: str, imported: list[str]) -> None:
    out = subprocess.run([sys.executable, "-c", PROBE, str(SAMPLE), codes], capture_output=True, text=True,
                         check=True).stdout
    assert json.loads(out.strip().splitlines()[-1]) == imported


@pytest.mark.parametrize("code", sorted(catalog()))
def test_code_is_documented_in_both_languages(code: str) -> None:
    doc = catalog()[code]
    for lang in ("th", "en"):
        for field in ("title", "what", "why", "fix", "message"):
            assert doc.text[lang][field].strip(), f"{code} {lang} {field}"
    assert doc.name == doc.name.lower() and " " not in doc.name


@pytest.mark.parametrize("code", sorted(catalog()))
def test_readme_lists_every_code(code: str) -> None:
    assert f"| {code} |" in README


def test_readme_code_table_is_rendered_from_the_catalogue() -> None:
    table = CliRunner().invoke(main, ["codes", "--format", "markdown", "--lang", "en"]).output.strip()
    block = README.split("<!-- codes:start", 1)[1].split("-->", 1)[1].split("<!-- codes:end -->", 1)[0].strip()
    assert block == table, "README code table is stale: paste `graphkpi codes --format markdown --lang en`"


@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_every_command_has_help_and_a_readme_mention(command: str) -> None:
    assert COMMANDS[command].load().help
    assert f"graphkpi {command}" in README


def test_names_are_unique() -> None:
    names = [d.name for d in catalog().values()]
    assert len(names) == len(set(names))


def test_what_people_read_names_no_json_key_and_explain_gives_them() -> None:
    """A printed report's explanation read "details.acting คือ…": the JSON keys a finding carries
    are documented in ``details``, which ``explain`` shows to a tool's author, and what/why/fix,
    which reports and views show, never name them. The near miss: a code without details (GK101)
    has no such section."""
    for code, doc in catalog().items():
        for lang in ("th", "en"):
            for field in ("title", "what", "why", "fix"):
                assert "details." not in doc.get(field, lang), f"{code} {field} {lang}"
    text = CliRunner().invoke(main, ["explain", "GK401", "--lang", "en"]).output
    assert "details in the JSON output\n  details.acting lists" in text
    assert "details in the JSON output" not in CliRunner().invoke(main, ["explain", "GK101", "--lang", "en"]).output
