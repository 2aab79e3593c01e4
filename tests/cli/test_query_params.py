"""`graphkpi query --param`: ids stay text; numbers, flags and lists only when asked."""

from __future__ import annotations

import click
import pytest

from graphkpi.cli.server import _param, _shipped, must_exist, query_params, shipped_queries


@pytest.mark.parametrize(("given", "want"), [
    ("target=130201", ("target", "130201")),
    ("code=007", ("code", "007")),
    ("x=[1, 2]", ("x", "[1, 2]")),
    ("n:int=5", ("n", 5)),
    ("n:int=1,000", ("n", 1000)),
    ("share:float=0.25", ("share", 0.25)),
    ("on:bool=yes", ("on", True)),
    ("on:BOOL=false", ("on", False)),
    ("ids:list=สธ; มท ;", ("ids", ["สธ", "มท"])),
    ("v:json=[1, \"a\"]", ("v", [1, "a"])),
    ("name:str=5", ("name", "5")),
    ("empty=", ("empty", "")),
])
def test_values_are_text_unless_a_type_is_given(given: str, want: tuple[str, object]) -> None:
    assert _param(given) == want


@pytest.mark.parametrize(("given", "says"), [
    ("n:int=five", "int"), ("x:float=nan", "float"), ("b:bool=maybe", "bool"), ("v:json={", "json"),
    ("n:number=5", "int, float"), ("novalue", "NAME=VALUE"), ("=5", "NAME=VALUE"),
])
def test_a_bad_parameter_is_a_usage_error_in_the_users_language(given: str, says: str) -> None:
    with pytest.raises(click.BadParameter) as exc:
        _param(given, "en")
    assert says in exc.value.message
    with pytest.raises(click.BadParameter) as th:
        _param(given)
    assert th.value.message != exc.value.message


def test_must_exist_lines_name_a_parameter_and_a_known_label() -> None:
    text = ("// must exist: $project GkProject\n//must exist:  $target   GkElement \n"
            "// must exist: $x GkNothing\n// $ministry GkAgency (not a must-exist line)\nRETURN $project")
    assert must_exist(text) == {"project": "GkProject", "target": "GkElement"}   # an unknown label is no check
    assert must_exist("RETURN $project") == {}


@pytest.mark.parametrize("name", shipped_queries())
def test_a_shipped_querys_must_exist_lines_name_its_own_parameters(name: str) -> None:
    """A stale line (a parameter renamed) would check nothing."""
    text = _shipped(name) or ""
    assert set(must_exist(text)) <= query_params(text)


def test_the_shipped_queries_that_take_an_id_check_it() -> None:
    assert must_exist(_shipped("project-chain") or "") == {"project": "GkProject"}
    assert must_exist(_shipped("ministry-projects-for-target") or "") == {"ministry": "GkAgency", "target": "GkElement"}
    assert must_exist(_shipped("budget-by-strategy") or "") == {}   # near miss: no id parameter
