"""The catalogue of finding codes and the functions that produce them.

``graphkpi/messages/findings.json``, part of the one message catalogue, documents each code
once (what, why, how to fix, message, parameters); a check function registers under its code
with :func:`check`. ``graphkpi explain``, ``codes``, the README table and reports all read
:func:`catalog`.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from functools import cache
from importlib import import_module
from typing import TYPE_CHECKING, Any

from graphkpi.messages import LANGS, Msg
from graphkpi.messages.catalogue import data
from graphkpi.model import Finding, Severity

if TYPE_CHECKING:
    import pandas as pd

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
        """The field's text in ``lang``; KeyError when the catalogue lacks it."""
        return self.text[lang][field]

    def has(self, field: str) -> bool:
        return field in self.text["th"]

    @property
    def variants(self) -> tuple[str, ...]:
        """The details keys that have a message of their own (``message_if_<key>``), in catalogue order."""
        return tuple(f.removeprefix(VARIANT) for f in self.text["th"] if f.startswith(VARIANT))


FIELDS = ("title", "what", "why", "fix", "message")
OPTIONAL = ("message_alone",   # the message when ``related`` is empty
            "message_self",    # when ``related`` is the subject alone (leads.csv naming a missing element)
            "details")         # what the finding's JSON ``details`` carry: for tools (``explain``), not in
                               # what/fix, which reports and views show to people
VARIANT = "message_if_"        # ``message_if_<key>``: the message when details.<key> is given and not empty
SELF_VARIANT = "message_self_if_"   # the same, when ``related`` is the subject alone


@cache
def catalog() -> dict[str, CodeDoc]:
    """Every documented code, in code order."""
    docs = {}
    for code, entry in sorted(data("findings").items()):
        fields = FIELDS + tuple(f for f in entry if f in OPTIONAL or f.startswith((VARIANT, SELF_VARIANT)))
        docs[code] = CodeDoc(
            code=code, name=entry["name"], family=entry["family"], severity=Severity(entry["severity"]),
            subject_kind=entry["subject_kind"],
            text={lang: {f: entry[f][lang] for f in fields} for lang in LANGS},
        )
    return docs


_CHECKS: dict[str, CheckFn] = {}
_NEEDS: dict[str, str] = {}  # code -> the optional bundle file (sheet name) without which it does not apply
_READS: dict[str, tuple[str, ...]] = {}  # code -> the derived tables of PlanGraph it reads


def check(code: str, needs: str | None = None, reads: tuple[str, ...] = ()) -> Callable[[CheckFn], CheckFn]:
    """Register ``fn`` as the NetworkX-backend implementation of ``code``; ``needs`` names the
    optional file the code reads (``budget_lines``): without it the code is not run, nor counted.
    ``reads``: the derived tables of :class:`graphkpi.graph.PlanGraph` it reads (see :func:`shared_reads`)."""
    if code not in catalog():
        raise KeyError(f"{code} is not documented in graphkpi/messages/findings.json")

    def register(fn: CheckFn) -> CheckFn:
        _CHECKS[code] = fn
        if needs:
            _NEEDS[code] = needs
        if reads:
            _READS[code] = reads
        return fn

    return register


def shared_reads(codes: Iterable[str]) -> list[str]:
    """The derived tables two or more of ``codes`` read, in the order first named: what a run that
    shares its codes with a forked process makes before the fork, once, rather than once in each
    process (:meth:`graphkpi.graph.PlanGraph.prepare`)."""
    codes = list(codes)
    _import_checks(codes)
    counts = Counter(name for code in dict.fromkeys(codes) for name in _READS.get(code, ()))
    return [name for name, n in counts.items() if n > 1]


def applicable(codes: Iterable[str], files: Iterable[str]) -> list[str]:
    """``codes`` without those whose file the bundle lacks (``files``: its sheet names).

    A version-1 bundle has no budget_lines.csv, so GK601/GK602 are not listed with a count of 0
    in its summary: it checks exactly as before.
    """
    codes = list(codes)
    _import_checks(codes)   # registers their _NEEDS
    present = set(files)
    return [c for c in codes if _NEEDS.get(c, "") in present or c not in _NEEDS]


# The check modules, one per catalogue family (a code's ``family``); GK901/GK902's
# (``suppressions``) are reported by screening, not by a check.
CHECK_FAMILIES = ("budget", "chains", "coverage", "duplicates", "kpis", "leads", "structure")


def _import_checks(codes: Iterable[str]) -> None:
    """Imports (so registers) the check modules of ``codes``' families, and only those: GK301's
    title matching pulls SciPy and PyThaiNLP (about 0.5 s), which a run without it never needs."""
    docs = catalog()
    for family in dict.fromkeys(docs[c].family for c in codes if c in docs):
        if family in CHECK_FAMILIES:
            import_module(f"graphkpi.checks.{family}")


# The codes that read projects' free text (names, objectives): a run without them loads
# projects.csv without it (``load_bundle(text=False)``) and reads only the names its findings show.
# tests/checks/test_text_codes.py runs every other code on a graph loaded that way.
TEXT_CODES = frozenset({"GK301"})


def reads_text(codes: Iterable[str]) -> bool:
    """Whether any of ``codes`` reads projects' free text (see :data:`TEXT_CODES`)."""
    return not TEXT_CODES.isdisjoint(codes)


def check_codes() -> list[str]:
    """Every code a check produces, in code order, read from the catalogue without importing the checks."""
    return [c for c, doc in catalog().items() if doc.family in CHECK_FAMILIES]


def implementations(codes: Iterable[str] | None = None) -> dict[str, CheckFn]:
    """The check function of every code, or of ``codes`` only (importing only their modules)."""
    wanted = check_codes() if codes is None else [c for c in codes if c in catalog()]
    _import_checks(wanted)
    return {c: _CHECKS[c] for c in sorted(wanted) if c in _CHECKS}


def lookup(code_or_name: str) -> CodeDoc | None:
    """Find a code by ``GK101`` or by its name ``orphan-project``."""
    key = code_or_name.strip()
    docs = catalog()
    if key.upper() in docs:
        return docs[key.upper()]
    return next((d for d in docs.values() if d.name == key.lower()), None)


def select_codes(select: Iterable[str] = (), ignore: Iterable[str] = (), extra: Iterable[str] = ()) -> list[str]:
    """Codes matching ``select`` (all when empty) minus ``ignore``; code and name prefixes such as
    ``GK2`` or ``orphan`` work, items apart by ``,`` or ``;``.

    ``extra``: documented codes no check produces that may be selected too (GK901/GK902, which
    screening reports). Raises ``ValueError`` naming any pattern that matches no code, with the
    nearest code or name when one is close.
    """
    codes = check_codes() + [c for c in extra if c in catalog()]
    names = {catalog()[c].name: c for c in codes}

    def match(patterns: Iterable[str]) -> set[str]:
        out: set[str] = set()
        for pat in patterns:
            for p in (s.strip() for s in re.split("[,;]", pat)):
                if not p:
                    continue
                doc = lookup(p)
                hits = {doc.code} if doc and doc.code in codes else {c for c in codes if c.startswith(p.upper())} \
                    or {c for n, c in names.items() if n.startswith(p.lower())}
                if not hits:
                    import difflib  # only for a pattern that matches nothing

                    near = difflib.get_close_matches(p.lower(), [*map(str.lower, codes), *names], n=1, cutoff=0.75)
                    if near:
                        raise ValueError(Msg.of("ui.usage_no_check_matches_near", pattern=p,
                                                near=near[0].upper() if near[0] not in names else near[0]))
                    raise ValueError(Msg.of("ui.usage_no_check_matches", pattern=p))
                out |= hits
        return out

    chosen = match(select) if any(s.strip() for s in select) else set(codes)
    return sorted(chosen - match(ignore))


def tuples(frame: pd.DataFrame, *columns: str) -> Iterator[tuple[Any, ...]]:
    """``frame[columns]`` (every column, by position, when none is named) row by row as plain
    tuples, each column converted at once: iterating an arrow-backed text column cell by cell
    (``itertuples``) costs 1.4 µs a cell, a tenth of a second for each 10⁵ findings."""
    cols = [frame[c] for c in columns] if columns else [frame.iloc[:, i] for i in range(frame.shape[1])]
    return zip(*(c.tolist() for c in cols), strict=True)


_NONE: tuple[str, ...] = ()   # the default ``related``: nothing to sort (most of 10⁵ findings)


def finding(code: str, subject: str, related: Iterable[str] = _NONE, kind: str | None = None,
            **details: Any) -> Finding:
    """Build a finding; ``related`` is sorted so every backend produces the same tuple."""
    if related is _NONE:
        rel: tuple[str, ...] = ()
    elif type(related) in _SEQUENCES and len(related) == 1 and type(related[0]) is str:  # type: ignore[index,arg-type]
        rel = (related[0],)   # most findings name one id: no set, no sort (GK204: 0.1 s of 355,828)
    else:
        rel = tuple(sorted({str(r) for r in related}))
    return Finding(code, subject if type(subject) is str else str(subject), kind or _subject_kind(code), rel, details)


_SEQUENCES = (list, tuple)


@cache
def _subject_kind(code: str) -> str:
    return catalog()[code].subject_kind
