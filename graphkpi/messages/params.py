"""Check parameters, declared with their check in ``findings.json`` (``GK301.params`` …).

A parameter such as GK301's minimum similarity used to have its default in the check module,
its range and help in the CLI, and its name again in each command passing it on. Declared once
here, the default, range and help cannot drift apart: the checks read their defaults from this
declaration and :mod:`graphkpi.cli.params` generates the options from it.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from graphkpi.messages.catalogue import data, say

TYPES = {"int": int, "float": float}


@dataclass(frozen=True)
class CheckParam:
    """One parameter of one check: what the check calls it, the CLI option, and its bounds."""

    code: str             # the check, e.g. GK301
    name: str             # the keyword the check function takes, e.g. min_similarity
    option: str           # the CLI option, e.g. --min-similarity
    type: str             # "int" or "float"
    default: int | float
    min: int | float | None = None
    max: int | float | None = None
    min_open: bool = False  # the minimum itself is not allowed
    max_open: bool = False

    @property
    def dest(self) -> str:
        """The keyword click passes the option's value under (``--min-similarity`` → ``min_similarity``)."""
        return self.option.lstrip("-").replace("-", "_")

    def help(self, lang: str = "en") -> str:
        return say(f"findings.{self.code}.params.{self.name}.help", lang)


@cache
def check_params() -> tuple[CheckParam, ...]:
    """Every declared parameter, in code order then declaration order."""
    out = []
    for code, entry in sorted(data("findings").items()):
        for name, spec in entry.get("params", {}).items():
            kind = TYPES[spec["type"]]
            out.append(CheckParam(
                code=code, name=name, option=spec["option"], type=spec["type"], default=kind(spec["default"]),
                min=spec.get("min"), max=spec.get("max"), min_open=spec.get("min_open", False),
                max_open=spec.get("max_open", False)))
    return tuple(out)


def check_param(code: str, name: str) -> CheckParam:
    """The declaration of ``code``'s parameter ``name``; KeyError when none is declared."""
    for p in check_params():
        if (p.code, p.name) == (code, name):
            return p
    raise KeyError(f"{code} declares no parameter {name!r} in findings.json")
