"""`graphkpi query --param`: ids stay text; numbers, flags and lists only when asked."""

from __future__ import annotations

import click
import pytest

from graphkpi.cli.server import _param


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
