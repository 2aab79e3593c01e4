"""Run selected checks over a graph and return findings in a stable order."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from operator import attrgetter, itemgetter

from graphkpi.checks.registry import implementations, select_codes, shared_reads
from graphkpi.graph import PlanGraph
from graphkpi.model import Finding, FindingList, Render
from graphkpi.parallel import forking, shared


@dataclass(frozen=True)
class CheckOptions:
    """Which codes to run (``select``/``ignore`` accept codes, names and prefixes)."""

    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    params: dict[str, dict[str, object]] = field(default_factory=dict)  # code -> keyword arguments

    def __post_init__(self) -> None:
        """One pattern given alone (``select="GK1"``) is that pattern, not its characters."""
        for key in ("select", "ignore"):
            value = getattr(self, key)
            if isinstance(value, str) or not isinstance(value, tuple):
                object.__setattr__(self, key, (value,) if isinstance(value, str) else tuple(value))

    @property
    def codes(self) -> list[str]:
        return select_codes(self.select, self.ignore)


def run_checks(g: PlanGraph, options: CheckOptions | None = None,
               progress: Callable[[str], None] | None = None) -> list[Finding]:
    """Findings of every selected code, sorted by code, subject and related ids."""
    options = options or CheckOptions()
    return run_codes(g, options.codes, options.params, progress)


class Found(list):  # type: ignore[type-arg]
    """Sorted findings, and ``blocks``: what :func:`run_codes` was asked to make of each code's
    findings beside the checks, by code: how many findings it covers, and its UTF-8 text (a
    :data:`graphkpi.model.Render` group's). A code without findings, or found later (GK901), has none."""

    def __init__(self, findings: Iterable[Finding], blocks: dict[str, tuple[int, bytes]] | None = None) -> None:
        super().__init__(findings)
        self.blocks = blocks or {}


def run_codes(g: PlanGraph, codes: Iterable[str], params: dict[str, dict[str, object]] | None = None,
              progress: Callable[[str], None] | None = None, render: Render | None = None) -> Found:
    """Findings of exactly ``codes`` (an empty list runs nothing), sorted.

    On a large graph the codes are shared with a forked process (:func:`graphkpi.parallel.shared`):
    each check reads the graph and nothing else, so where it runs does not change what it finds.
    ``progress`` hears of a code as it starts here, or when its findings come back. ``render``
    (a command's output of many findings, e.g. JSON lines) is then made by each process of the
    findings it found, beside the other's checks (:attr:`Found.blocks`). Each process sorts its
    codes' findings; a run's findings are its codes' in code order (the sort key starts with the
    code), so nothing is sorted again here.
    """
    codes = list(dict.fromkeys(codes))   # a code named twice runs once
    impls = implementations(codes)
    given = params or {}
    here, told = os.getpid(), set()

    def run(code: str) -> tuple[list[Finding], bytes | None]:
        if progress and os.getpid() == here:
            progress(code)
            told.add(code)
        return FindingList(sort_findings(impls[code](g, **given.get(code, {})))), None   # sent as columns

    def rendered(part: tuple[list[Finding], bytes | None]) -> tuple[list[Finding], bytes | None]:
        # many findings: rendered now, so that which process takes the next code weighs their rendering too
        # (a child has sent the findings already: they travel while it renders)
        found = part[0]
        return (found, render([found])[0]) if render and len(found) >= RENDER_EACH else part

    def finish(parts: list[tuple[list[Finding], bytes | None]]) -> list[tuple[list[Finding], bytes | None]]:
        if render is None:
            return parts
        left = [text is None and bool(part) for part, text in parts]
        rest = [part for (part, _), unmade in zip(parts, left, strict=True) if unmade]
        made = iter(render(rest) if rest else [])   # the few left, names fetched once for all
        return [(result[0], next(made)) if unmade else result for result, unmade in zip(parts, left, strict=True)]

    if len(g.projects) >= SHARED_FROM:
        if forking():
            g.prepare(shared_reads(codes))   # the tables several codes read: made once, before the fork
        queue = sorted(codes, key=lambda c: FIRST.index(c) if c in FIRST else len(FIRST))   # the rest in order
        by_code = dict(zip(queue, shared(queue, run, finish, rendered), strict=True))
        found = [by_code[code] for code in codes]
    else:
        found = finish([rendered(run(code)) for code in codes])
    for code in codes:
        if progress and code not in told:   # run by the child: said once its findings are back
            progress(code)
    by_code = sorted(zip(codes, found, strict=True), key=itemgetter(0))
    # a check that found another code's (each part is sorted by code: its ends tell)
    if any(part and (part[0].code != code or part[-1].code != code) for code, (part, _) in by_code):
        return Found(sort_findings(f for part, _ in found for f in part))
    return Found([f for _, (part, _) in by_code for f in part],
                 {code: (len(part), text) for code, (part, text) in by_code if text is not None})


# Findings of one code from which they are rendered as soon as found (fewer wait for the rest: a
# rendering fetches names and levels once, a few hundredths of a second at 10⁶ projects)
RENDER_EACH = 5_000

# Codes taken first when a run is shared with the forked process: the checks whose findings grow
# with every reference (GK001) and with links × places (GK204: 355,828 findings, 4.5 s with their
# JSON, on an independent 10⁶ bundle). Taken last, the largest kept one process working alone for
# seconds while the other waited; taken first, the small ones fill in around them.
FIRST = ("GK001", "GK204")

# Projects from which a run of several checks is shared with a forked process: below, the fork
# and the findings sent back cost more than the second core saves (10⁵ projects: GK0–GK2 in 0.1 s).
SHARED_FROM = 100_000


def sort_findings(findings: Iterable[Finding]) -> list[Finding]:
    """By :attr:`Finding.key`, read in C (the property costs a Python call per finding)."""
    return sorted(findings, key=_KEY)


_KEY = attrgetter("code", "subject", "related")   # = Finding.key
