"""The catalogue of finding codes and the functions that produce them.

``catalog.toml`` documents each code once (what, why, how to fix, message); a check
function registers under its code with :func:`check`. ``graphkpi explain``, ``codes``,
the README table and reports all read :func:`catalog`.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

from graphkpi.model import Finding, Severity

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

CheckFn = Callable[..., Iterable[Finding]]


@dataclass(frozen=True)
class CodeDoc:
    """One code's documentation, in Thai and English."""

    code: str
    name: str
    family: str
    severity: Severity
    subject_kind: str
    text: dict[str, dict[str, str]]  # lang -> field (title, what, why, fix, message) -> text

    def get(self, field: str, lang: str = "th") -> str:
        return self.text.get(lang, self.text["th"]).get(field) or self.text["th"][field]

    def has(self, field: str) -> bool:
        return field in self.text["th"]


@cache
def catalog() -> dict[str, CodeDoc]:
    """Every documented code, in code order."""
    raw = tomllib.loads(resources.files("graphkpi.checks").joinpath("catalog.toml").read_text("utf-8"))
    docs = {}
    for code, entry in sorted(raw.items()):
        fields = ("title", "what", "why", "fix", "message")
        extra = ("message_alone",)  # optional: the message when ``related`` is empty
        docs[code] = CodeDoc(
            code=code, name=entry["name"], family=entry["family"], severity=Severity(entry["severity"]),
            subject_kind=entry["subject_kind"],
            text={"th": {f: entry[f] for f in fields} | {f: entry[f] for f in extra if f in entry},
                  "en": {f: entry[f"{f}_en"] for f in fields}
                  | {f: entry[f"{f}_en"] for f in extra if f"{f}_en" in entry}},
        )
    return docs


_CHECKS: dict[str, CheckFn] = {}


def check(code: str) -> Callable[[CheckFn], CheckFn]:
    """Register ``fn`` as the NetworkX-backend implementation of ``code``."""
    if code not in catalog():
        raise KeyError(f"{code} is not documented in catalog.toml")

    def register(fn: CheckFn) -> CheckFn:
        _CHECKS[code] = fn
        return fn

    return register


def implementations() -> dict[str, CheckFn]:
    from graphkpi.checks import chains, coverage, duplicates, kpis, leads, structure  # noqa: F401  (registers)

    return dict(sorted(_CHECKS.items()))


def lookup(code_or_name: str) -> CodeDoc | None:
    """Find a code by ``GK101`` or by its name ``orphan-project``."""
    key = code_or_name.strip()
    docs = catalog()
    if key.upper() in docs:
        return docs[key.upper()]
    return next((d for d in docs.values() if d.name == key.lower()), None)


def select_codes(select: Iterable[str] = (), ignore: Iterable[str] = ()) -> list[str]:
    """Codes matching ``select`` (all when empty) minus ``ignore``; prefixes such as ``GK2`` work.

    Raises ``ValueError`` naming any pattern that matches no code.
    """
    codes = list(implementations())

    def match(patterns: Iterable[str]) -> set[str]:
        out: set[str] = set()
        for pat in patterns:
            for p in (s.strip() for s in pat.split(",")):
                if not p:
                    continue
                doc = lookup(p)
                hits = {doc.code} if doc and doc.code in codes else {c for c in codes if c.startswith(p.upper())}
                if not hits:
                    raise ValueError(f"no check matches {p!r}; see `graphkpi codes`")
                out |= hits
        return out

    chosen = match(select) if any(s.strip() for s in select) else set(codes)
    return sorted(chosen - match(ignore))


_NONE: tuple[str, ...] = ()   # the default ``related``: nothing to sort (most of 10⁵ findings)


def finding(code: str, subject: str, related: Iterable[str] = _NONE, kind: str | None = None,
            **details: Any) -> Finding:
    """Build a finding; ``related`` is sorted so every backend produces the same tuple."""
    return Finding(code=code, subject=str(subject), subject_kind=kind or catalog()[code].subject_kind,
                   related=() if related is _NONE else tuple(sorted({str(r) for r in related})),
                   details=details)
