"""Click options generated from the check parameters declared in the message catalogue.

``--min-similarity`` (GK301) and ``--fragmentation-threshold`` (GK302) are declared once, with
their check, in ``graphkpi/messages/findings.json``: name, type, default, range and help. This
module turns each declaration into a click option, so a command taking a check's parameters
cannot disagree with the check about its default or its range, and a new parameter needs no
CLI code. Reading the declaration parses JSON only, so the CLI still starts at once.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any, TypeVar

import click

from graphkpi.messages.params import CheckParam, check_params

F = TypeVar("F", bound=Callable[..., Any])
VALUES = "check_params"  # the keyword a decorated command receives the values under


def param_type(p: CheckParam) -> click.ParamType:
    """The click type checking the declared type and range (``IntRange``, ``FloatRange``)."""
    if p.type == "int":
        if p.min is None and p.max is None:
            return click.INT
        return click.IntRange(p.min, p.max, min_open=p.min_open, max_open=p.max_open)
    if p.min is None and p.max is None:
        return click.FLOAT
    return click.FloatRange(p.min, p.max, min_open=p.min_open, max_open=p.max_open)


def param_option(p: CheckParam) -> Callable[[F], F]:
    """One declared parameter as a click option; its help is the catalogue's English text, like all help."""
    return click.option(p.option, p.dest, type=param_type(p), default=p.default, show_default=True,
                        help=p.help("en"))


def check_options(*codes: str) -> Callable[[F], F]:
    """The options of the parameters of ``codes`` (every declared one when none are named).

    The decorated command receives their values as one keyword, ``check_params``, shaped as
    the backends take them (code → parameter → value), instead of one argument per option.
    """
    specs = [p for p in check_params() if not codes or p.code in codes]
    unknown = set(codes) - {p.code for p in specs}
    if unknown:
        raise KeyError(f"no parameters are declared for {', '.join(sorted(unknown))}")

    def decorate(fn: F) -> F:
        @functools.wraps(fn)
        def command(*args: Any, **kwargs: Any) -> Any:
            values: dict[str, dict[str, object]] = {}
            for p in specs:
                values.setdefault(p.code, {})[p.name] = kwargs.pop(p.dest)
            return fn(*args, **kwargs, **{VALUES: values})

        for p in reversed(specs):  # the first declared shows first in --help
            command = param_option(p)(command)
        return command  # type: ignore[return-value]

    return decorate
