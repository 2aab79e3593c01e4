"""What a backend offers the commands: findings, and the facts needed to show them.

Both backends answer the same questions, so every command renders the same output from
either. A backend that cannot answer one (a check without a Cypher file, say) raises
:class:`UnsupportedError` naming itself, never returns a silent empty result.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Protocol

import pandas as pd

from graphkpi.messages import Msg, say
from graphkpi.model import Finding, Render
from graphkpi.profile import Profile

if TYPE_CHECKING:
    from graphkpi.graph import PlanGraph
    from graphkpi.screen import Scope
    from graphkpi.slice import Directory, Slice

Progress = Callable[[str], None]


class BackendError(Exception):
    """The backend cannot serve the request (server down, login refused, graph incomplete).

    A message key (``backend.KEY`` in ``graphkpi/messages/backend.json``) with parameters, so
    the CLI can say it in the user's language; ``str()`` is the English text. A parameter that
    is itself a :class:`Msg` is said in the same language.
    """

    def __init__(self, key: str, **params: object) -> None:
        self.key = key
        self.params = {k: v if isinstance(v, Msg) else str(v) for k, v in params.items()}
        super().__init__(self.text("en"))

    def text(self, lang: str = "en") -> str:
        return say(f"backend.{self.key}", lang, **self.params)


class UnsupportedError(BackendError):
    """The backend does not implement what was asked."""

    def __init__(self, backend: str, what: str) -> None:
        super().__init__("unsupported", backend=backend, what=what)
        self.backend, self.what = backend, what


@dataclass
class DownChain:
    """What lies below one id, as a backend reads it for ``graphkpi reach``.

    ``kind``: ``element``, ``project`` or ``unknown``. For an element: ``levels``, the level of
    every existing element whose chains pass through it (itself included); ``edges``
    (``child``, ``parent``), the cascade edges among those elements; ``links`` (``project``,
    ``element``), the links of existing projects to them, each once. For an unknown id:
    ``known``, every element id (the did-you-mean candidates). The rest of ``graphkpi reach``
    is one Python stage over these tables, shared by both backends.
    """

    kind: str
    levels: dict[str, str] = field(default_factory=dict)
    edges: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(columns=["child", "parent"], dtype=object))
    links: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(columns=["project", "element"], dtype=object))
    known: list[str] = field(default_factory=list)


class Backend(Protocol):
    """A loaded plan graph that can be checked and described."""

    name: str
    profile: Profile

    @property
    def source(self) -> str:
        """Where the data came from (the bundle path, as given or as recorded at load time)."""

    @property
    def years_given_be(self) -> bool:
        """Whether the bundle wrote fiscal years in the Buddhist Era."""

    @property
    def files(self) -> frozenset[str]:
        """The bundle's files that were present, by sheet name (``budget_lines``…): which codes apply."""

    def findings(self, codes: list[str], progress: Progress | None = None,
                 params: dict[str, dict[str, object]] | None = None,
                 render: Render | None = None) -> list[Finding]:
        """Findings of ``codes``, sorted by code, subject and related ids; ``params``: per-code options.
        ``render``: the output of each code's findings, which a backend may make beside its checks
        and give as the list's ``blocks`` (code → count, text; :class:`graphkpi.checks.run.Found`),
        or ignore."""

    def names(self, ids: Iterable[str], lang: str = "th", kind: str | None = None) -> dict[str, str]:
        """Display names of any ids (elements, projects, agencies, areas, KPIs); ``kind`` (a
        :class:`graphkpi.model.NodeKind` value): of that kind of node only, since one id may name
        a KPI and an element alike. Otherwise an element's name wins, then a project's, an
        agency's, an area's, a KPI's."""

    def levels(self, ids: Iterable[str]) -> dict[str, str]:
        """The level of each id that is a plan element."""

    def project_facts(self, ids: list[str], lang: str = "th") -> pd.DataFrame:
        """One row per project id: name, agency, ministry (ids and names), year, budget, provinces, and
        the sum of its budget lines in its year (``line_budget``, a column only when the bundle has budget
        lines, so that an empty frame says it too)."""

    def coordinators(self, ids: Iterable[str]) -> pd.DataFrame:
        """``element``, ``agency``, ``ministry``: the coordinators (leads.csv role ``coordinator``) of the
        elements ``ids``, existing agencies only, sorted."""

    def down_chain(self, element: str) -> DownChain:
        """The elements whose chains pass through ``element``, their cascade edges and the project
        links into them (see :class:`DownChain`)."""
    def directory(self) -> Directory:
        """Agencies, areas and element ids: what ``--ministry``, ``--province``… are resolved against."""

    def slice_projects(self, sl: Slice) -> pd.Index:
        """The ids of the projects in the slice ``sl`` (set work, never a walk per project)."""

    def unplaced_projects(self) -> list[str]:
        """The projects whose places are all unknown (GK001), sorted: no ``--province`` slice holds them."""

    def slice_scope(self, sl: Slice, projects: pd.Index) -> Scope:
        """What the slice touches (its ``projects``, the elements they reach or its agencies lead…)."""

    def close(self) -> None:
        """Release connections."""


def as_backend(source: Backend | PlanGraph) -> Backend:
    """``source`` as a backend: the :class:`PlanGraph` that ``load_bundle`` returns behind the
    NetworkX backend, a backend as it is. The analyses take a backend (the CLI's, either one);
    a notebook holds the loaded graph and passes that."""
    from graphkpi.graph import PlanGraph  # at run time: importing the backend interface stays light

    if isinstance(source, PlanGraph):
        from graphkpi.backends.networkx import NetworkXBackend

        return NetworkXBackend(source)
    return source
