"""The embedded default: the bundle loaded into memory, checks as pandas/NetworkX functions."""

from __future__ import annotations

from collections.abc import Iterable

import pandas as pd

from graphkpi.analysis.projects import project_facts
from graphkpi.analysis.reach import graph_down_chain
from graphkpi.backends.base import DownChain, Progress
from graphkpi.checks.run import run_codes
from graphkpi.graph import PlanGraph
from graphkpi.model import Finding, Render
from graphkpi.screen import Scope
from graphkpi.slice import Directory, Slice, select_projects, unplaced_projects
from graphkpi.slice import directory as slice_directory
from graphkpi.slice import scope as slice_scope


class NetworkXBackend:
    """A :class:`PlanGraph` behind the backend interface."""

    name = "networkx"

    def __init__(self, graph: PlanGraph) -> None:
        self.graph = graph
        self.profile = graph.profile

    @property
    def source(self) -> str:
        return str(self.graph.source) if self.graph.source is not None else ""

    @property
    def years_given_be(self) -> bool:
        return self.graph.years_given_be

    @property
    def files(self) -> frozenset[str]:
        return self.graph.files

    def findings(self, codes: list[str], progress: Progress | None = None,
                 params: dict[str, dict[str, object]] | None = None,
                 render: Render | None = None) -> list[Finding]:
        return run_codes(self.graph, codes, params, progress, render)

    def names(self, ids: Iterable[str], lang: str = "th", kind: str | None = None) -> dict[str, str]:
        return self.graph.names(ids, lang, kind)

    def levels(self, ids: Iterable[str]) -> dict[str, str]:
        return self.graph.levels(ids)

    def project_facts(self, ids: list[str], lang: str = "th") -> pd.DataFrame:
        return project_facts(self.graph, ids, lang)

    def coordinators(self, ids: Iterable[str]) -> pd.DataFrame:
        return self.graph.coordinators(ids)

    def down_chain(self, element: str) -> DownChain:
        return graph_down_chain(self.graph, element)

    def close(self) -> None:
        pass

    # --- slices (graphkpi.slice): set work over the PlanGraph's tables ---------------------

    def directory(self) -> Directory:
        return slice_directory(self.graph)

    def slice_projects(self, sl: Slice) -> pd.Index:
        return select_projects(self.graph, sl)

    def unplaced_projects(self) -> list[str]:
        return unplaced_projects(self.graph)

    def slice_scope(self, sl: Slice, projects: pd.Index) -> Scope:
        return slice_scope(self.graph, sl, projects)
