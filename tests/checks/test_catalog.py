"""Meta-tests that keep the catalogue honest: every code documented, implemented, in the README."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from graphkpi.checks import catalog, implementations
from graphkpi.cli import COMMANDS, main
from graphkpi.suppress import CODES as SCREEN_CODES
from tests.conftest import REPO

README = (REPO / "README.md").read_text(encoding="utf-8")


def test_every_documented_code_is_implemented_and_vice_versa() -> None:
    # GK901/GK902 judge the suppression file, not the graph: screening reports them (graphkpi.suppress)
    assert set(catalog()) == set(implementations()) | set(SCREEN_CODES)
    assert not set(implementations()) & set(SCREEN_CODES)


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
