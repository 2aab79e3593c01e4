"""The graph's vocabulary: node kinds, edge kinds, severities and the Finding record.

Everything downstream (checks, backends, renderers) speaks in these terms, so a finding
produced by the NetworkX backend and one produced by Neo4j compare equal field by field.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from enum import Enum
from operator import attrgetter
from typing import Any

# The data contract's fixed value lists (version 2, GK004): (file, column) -> the values a cell
# may hold, compared trimmed and case-insensitively. Every such column is optional, so an empty
# cell is allowed too. Accepted Thai spellings are data: graphkpi/reference/values.csv.
VALUE_LISTS: dict[tuple[str, str], tuple[str, ...]] = {
    ("leads.csv", "role"): ("lead", "co-lead", "implementer", "coordinator"),
    ("kpi_agencies.csv", "role"): ("host", "partner", "shared"),
    ("kpi_agencies.csv", "measured"): ("yes", "no"),
    ("kpis.csv", "direction"): ("up", "down"),
    ("kpis.csv", "class"): ("evaluated", "monitor"),
    ("agencies.csv", "kind"): ("ministry", "department", "province", "public_org", "state_enterprise",
                               "independent", "local", "other"),
}


def allowed_values(file: str, column: str) -> tuple[str, ...]:
    """The values ``file``'s ``column`` may hold after the loader has read it: its list and the empty cell."""
    return ("", *VALUE_LISTS[(file, column)])


class Severity(str, Enum):
    """How bad a finding is; ``--fail-on`` compares against this order."""

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def rank(self) -> int:
        return {"error": 3, "warning": 2, "info": 1}[self.value]


class NodeKind(str, Enum):
    """What a graph node is; also the ``subject_kind`` of a finding."""

    ELEMENT = "element"
    PROJECT = "project"
    AGENCY = "agency"
    AREA = "area"
    KPI = "kpi"
    BUDGET_LINE = "budget_line"  # a line of budget_lines.csv (subject of GK001 on an unknown project)


class EdgeKind(str, Enum):
    """The relations of the plan graph (also the Neo4j relationship types)."""

    CASCADES_TO = "CASCADES_TO"      # element -> parent element
    CONTRIBUTES_TO = "CONTRIBUTES_TO"  # project -> element
    OWNED_BY = "OWNED_BY"            # project -> agency
    PART_OF = "PART_OF"              # agency -> ministry, area -> parent area
    LEADS = "LEADS"                  # agency -> element (role on the edge)
    LOCATED_IN = "LOCATED_IN"        # project / element -> area
    MEASURES = "MEASURES"            # kpi -> element


_set = object.__setattr__   # a frozen dataclass sets its fields past its own __setattr__


@dataclass(frozen=True, init=False, slots=True)
class Finding:
    """One problem found in a bundle, as the data contract's JSON shows it.

    ``message`` is rendered from the code's catalogue entry at output time, in the
    user's language, so it is not part of equality: two backends agree when code,
    subject, related and details agree.
    """

    code: str
    subject: str
    subject_kind: str
    related: tuple[str, ...] = ()
    details: dict[str, Any] = field(default_factory=dict, compare=False, hash=False)
    # What the check read to find it and a command shows beside it (GK301: its projects' agency,
    # ministry names, places as written), so the command need not fetch it again. Not part of
    # the contract's JSON, nor of equality.
    facts: Any = field(default=None, compare=False, hash=False, repr=False)

    def __init__(self, code: str, subject: str, subject_kind: str, related: tuple[str, ...] = (),
                 details: dict[str, Any] | None = None, facts: Any = None) -> None:
        """The fields set one by one, in slots: a run holds 10⁵–10⁶ findings (a dict per finding
        took 250 bytes more, 150 MB on an independent 10⁶ bundle's 608,000) and makes a child's
        again from its pickles (``object.__setattr__``: half the time of filling a dict)."""
        _set(self, "code", code)
        _set(self, "subject", subject)
        _set(self, "subject_kind", subject_kind)
        _set(self, "related", related)
        _set(self, "details", {} if details is None else details)
        _set(self, "facts", facts)

    @property
    def key(self) -> tuple[str, str, tuple[str, ...]]:
        """Identity used for sorting, de-duplication and backend parity."""
        return (self.code, self.subject, self.related)

    def __reduce__(self) -> tuple[type[Finding], tuple[Any, ...]]:
        """Pickled as its fields in order (a forked check process sends 10⁴–10⁵ back): a third of
        the time of the generic form, which names every field of every finding."""
        return (Finding, (self.code, self.subject, self.subject_kind, self.related, self.details, self.facts))


_FIELDS = attrgetter("code", "subject", "subject_kind", "related", "details", "facts")


class FindingList(list):  # type: ignore[type-arg]
    """Findings that pickle as six columns, a list per field, rather than a call per finding:
    what a forked check process sends back (an independent 10⁶ bundle's 77,125 GK205 findings
    pickled in 0.079 s instead of 0.136, and loaded in 0.086 s instead of 0.100)."""

    __slots__ = ()

    def __reduce__(self) -> tuple[Any, tuple[Any, ...]]:
        return (_from_columns, tuple(map(list, zip(*map(_FIELDS, self), strict=True))) if self else ((),) * 6)


def _from_columns(*columns: Any) -> FindingList:
    return FindingList(map(Finding, *columns))


# A command's output of findings (JSON lines, CSV rows) made a code at a time: for groups of
# findings (each one code's, sorted), the UTF-8 text each group adds to the output, one per group
# (encoded where it is made, beside the checks: the output is written from them, not encoded again); what a
# backend may make beside its checks (:meth:`graphkpi.backends.base.Backend.findings`).
Render = Callable[[list[list[Finding]]], list[bytes]]
