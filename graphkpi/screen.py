"""The one place where findings are screened after the checks ran: suppressions, then a baseline.

Every command that shows findings (check, orphans, chains, lead-gaps, kpis, duplicates,
report, view), on either backend, passes its findings through :meth:`Screen.apply`, so a
suppression or a baseline hides the same findings everywhere and the counts agree. With
neither in use nothing changes: the findings come back as they went in, and outputs carry no
``suppressed``/``baseline`` count.

A slice (``--ministry``, ``--province``… see :mod:`graphkpi.slice`) is screened here too, by
the one rule of :class:`Scope`: the checks run on the whole bundle, and a finding is shown when
the slice touches its subject.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from datetime import date

from graphkpi.baseline import Baseline, known
from graphkpi.checks.run import sort_findings
from graphkpi.model import Finding
from graphkpi.suppress import CODES, Outcome, SuppressionFile, apply, meta_findings


@dataclass(frozen=True)
class Scope:
    """What a slice touches (the rule in words: ``graphkpi.cli.options.SLICE_RULE``): its projects,
    the elements they reach or its agencies lead or coordinate, the KPIs of those elements or
    agencies, and its agencies."""

    projects: frozenset[str]
    elements: frozenset[str] = frozenset()
    kpis: frozenset[str] = frozenset()
    agencies: frozenset[str] = frozenset()

    def keeps(self, f: Finding) -> bool:
        """Whether ``f`` is shown in the slice."""
        kind = f.subject_kind
        if kind == "project":
            return f.subject in self.projects or (f.code == "GK301" and not self.projects.isdisjoint(f.related))
        if kind == "element":
            return f.subject in self.elements
        if kind == "kpi":
            return f.subject in self.kpis
        if kind == "suppression":
            return True
        return any(f.subject in s for s in (self.projects, self.elements, self.kpis, self.agencies))

    def keep(self, found: list[Finding]) -> list[Finding]:
        """The findings of ``found`` the slice keeps, in order."""
        return [f for f in found if self.keeps(f)]


@dataclass(frozen=True)
class Screened:
    """One run's findings after screening."""

    findings: list[Finding]        # what the command shows and --fail-on judges
    kept: list[Finding]            # after suppressions, before the baseline: what --write-baseline writes
    suppressed: int | None = None  # None: no suppression file in use
    baseline: int | None = None    # None: no baseline in use
    outcome: Outcome | None = None
    seen: list[Finding] | None = None   # the run's findings in the slice, before anything hid one
    blocks: Mapping[str, tuple[int, bytes]] = field(default_factory=dict)   # outputs made beside the checks, by code

    def counts(self) -> dict[str, int]:
        """The summary's additions: ``suppressed`` and ``baseline``, each only when in use."""
        out = {}
        if self.suppressed is not None:
            out["suppressed"] = self.suppressed
        if self.baseline is not None:
            out["baseline"] = self.baseline
        return out


@dataclass(frozen=True)
class Screen:
    """What may hide findings in this run, and the day suppressions expire against."""

    suppressions: SuppressionFile | None = None
    baseline: Baseline | None = None
    day: date = field(default_factory=date.today)
    scope: Scope | None = None     # None: no filter given, every finding is in

    def scoped(self, scope: Scope | None) -> Screen:
        """This screen keeping only what ``scope`` touches (None: unchanged)."""
        return self if scope is None else replace(self, scope=scope)

    @property
    def hides_nothing(self) -> bool:
        """No suppression file, baseline or slice: every finding the checks find is shown (so what
        is made of each beside the checks is never made for nothing)."""
        return self.suppressions is None and self.baseline is None and self.scope is None

    def _sliced(self, found: list[Finding]) -> list[Finding]:
        return found if self.scope is None else self.scope.keep(found)

    def run_codes(self, codes: Iterable[str]) -> list[str]:
        """``codes`` without GK901/GK902 when no suppression file is in use (nothing could produce them)."""
        return [c for c in codes if self.suppressions is not None or c not in CODES]

    def apply(self, found: list[Finding], codes: Iterable[str]) -> Screened:
        """Screen ``found``, the findings of ``codes`` (GK901/GK902 among them are added here)."""
        codes = list(codes)
        seen = kept = self._sliced(found)
        suppressed, outcome = None, None
        if self.suppressions is not None:
            # judged on the whole run: an entry matching nothing in the slice is not unused
            outcome = apply(found, self.suppressions, codes, self.day)
            meta = meta_findings(self.suppressions, outcome, self.day, codes)
            shown = self._sliced(outcome.shown)
            suppressed = outcome.suppressed if self.scope is None else len(kept) - len(shown)
            kept = sort_findings(shown + meta) if meta else shown
        shown, in_baseline = (kept, None) if self.baseline is None else known(kept, self.baseline)
        return Screened(shown, kept, suppressed, in_baseline, outcome, seen)


def check_codes(codes: Iterable[str]) -> list[str]:
    """The codes a backend runs: all but the ones screening itself reports."""
    return [c for c in codes if c not in CODES]
