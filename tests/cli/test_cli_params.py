"""Check parameters are declared once, with their check, and the CLI options come from there."""

from __future__ import annotations

import inspect

import click
import pytest
from click.testing import CliRunner

from graphkpi.checks import implementations
from graphkpi.cli import main
from graphkpi.cli.params import check_options, param_type
from graphkpi.messages import LANGS, say
from graphkpi.messages.params import CheckParam, check_param, check_params

PARAMS = check_params()


def test_the_parameters_of_gk301_and_gk302_are_declared() -> None:
    assert {(p.code, p.option) for p in PARAMS} >= {("GK301", "--min-similarity"),
                                                    ("GK302", "--fragmentation-threshold")}


@pytest.mark.parametrize("p", PARAMS, ids=lambda p: p.option)
def test_the_check_takes_the_parameter_with_the_declared_default(p: CheckParam) -> None:
    """The check's own default is the declaration's: a second source of the number would drift."""
    signature = inspect.signature(implementations()[p.code])
    assert signature.parameters[p.name].default == p.default
    assert type(p.default).__name__ == p.type


@pytest.mark.parametrize("p", PARAMS, ids=lambda p: p.option)
def test_the_help_is_in_both_languages(p: CheckParam) -> None:
    for lang in LANGS:
        assert p.help(lang).startswith(f"{p.code}: ")
    assert p.help("en") == say(f"findings.{p.code}.params.{p.name}.help", "en")


@pytest.mark.parametrize("p", PARAMS, ids=lambda p: p.option)
def test_check_shows_the_option_with_its_default_and_range(p: CheckParam) -> None:
    # Thai lines break between words with no space there: compare without whitespace
    out = "".join(CliRunner().invoke(main, ["check", "--help"]).output.replace("\u200b", "").split())
    assert p.option in out and f"[ค่าเริ่มต้น:{p.default}" in out and "".join(p.help("th").split()) in out
    out = "".join(CliRunner().invoke(main, ["check", "--help", "--lang", "en"]).output.split())
    assert p.option in out and f"[default:{p.default}" in out and "".join(p.help("en").split()) in out
    kind = param_type(p)
    assert isinstance(kind, click.IntRange if p.type == "int" else click.FloatRange)
    assert (kind.min, kind.max, kind.min_open, kind.max_open) == (p.min, p.max, p.min_open, p.max_open)


@pytest.mark.parametrize("p", PARAMS, ids=lambda p: p.option)
def test_a_value_out_of_the_declared_range_is_a_usage_error(p: CheckParam) -> None:
    bad = p.min if p.min_open else (p.min - 1 if p.min is not None else None)
    assert bad is not None, "every declared parameter here has a minimum"
    result = CliRunner().invoke(main, ["check", "data/sample", p.option, str(bad)])
    assert result.exit_code == 2 and p.option in result.output


def test_the_command_receives_the_values_per_check() -> None:
    seen: list[dict[str, dict[str, object]]] = []

    @click.command()
    @check_options()
    @click.option("--other", default=1)
    def command(check_params: dict[str, dict[str, object]], other: int) -> None:
        seen.append(check_params)

    runner = CliRunner()
    assert runner.invoke(command, []).exit_code == 0
    defaults: dict[str, dict[str, object]] = {}
    for p in PARAMS:
        defaults.setdefault(p.code, {})[p.name] = p.default
    assert seen[-1] == defaults
    assert runner.invoke(command, ["--fragmentation-threshold", "7", "--min-similarity", "0.8"]).exit_code == 0
    assert seen[-1] == {"GK301": {"min_similarity": 0.8}, "GK302": {"threshold": 7}}


def test_only_the_named_checks_options() -> None:
    @click.command()
    @check_options("GK301")
    def command(check_params: dict[str, dict[str, object]]) -> None:
        click.echo(repr(check_params))

    result = CliRunner().invoke(command, ["--help"])
    assert "--min-similarity" in result.output and "--fragmentation-threshold" not in result.output
    with pytest.raises(KeyError, match="GK101"):
        check_options("GK101")


def test_an_undeclared_parameter_is_a_key_error() -> None:
    with pytest.raises(KeyError, match="no_such"):
        check_param("GK301", "no_such")
