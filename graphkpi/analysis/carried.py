"""Facts a check hands on with its findings (:attr:`graphkpi.model.Finding.facts`).

GK301 reads each project's title, ministry, year and budget to match them; ``graphkpi
duplicates`` shows them beside each group with the agency, the ministry's name and the places
as written. Both backends take those from what the check read (NetworkX: the graph's tables;
Neo4j: the rows of ``cypher/checks/GK301.cypher``) and attach them here, so the command shows
what the check saw without fetching the projects a second time. The table is built on first
use, once per run: ``graphkpi check`` never shows it, so it never pays for it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import replace
from functools import partial
from typing import Any

import pandas as pd

from graphkpi.analysis.projects import project_facts
from graphkpi.graph import PlanGraph
from graphkpi.model import Finding

# Per project: the ministry's name in Thai and as shown in English (its English name, else the Thai one).
PROJECT_FACTS = ["project", "name", "agency", "ministry", "ministry_name", "ministry_name_en", "fiscal_year",
                 "budget", "provinces"]


class ProjectFacts:
    """The :data:`PROJECT_FACTS` of the projects of one run's findings, shared by them all."""

    def __init__(self, build: Callable[[], pd.DataFrame]) -> None:
        self._build: Callable[[], pd.DataFrame] | None = build   # one row per project, indexed by id
        self._records: dict[str, dict[str, Any]] = {}

    def of(self, ids: Iterable[str]) -> list[dict[str, Any]]:
        """The records of ``ids``, in their order."""
        self._filled()
        return [{"project": p, **self._records[p]} for p in ids]

    def _filled(self) -> None:
        if self._build is not None:
            table = self._build().reindex(columns=PROJECT_FACTS[1:])
            self._records = dict(zip(table.index, table.to_dict("records"), strict=True))
            self._build = None

    def __getstate__(self) -> dict[str, Any]:
        """Pickled (findings sent back by a forked process, :mod:`graphkpi.parallel`) as its records:
        the builder holds the whole graph, which must not travel with them."""
        self._filled()
        return {"_build": None, "_records": self._records}


def members(f: Finding) -> list[dict[str, Any]]:
    """The facts of ``f``'s projects carried with it: its subject's, then its related projects'."""
    return f.facts.of((f.subject, *f.related))


def with_project_facts(found: list[Finding], build: Callable[[], pd.DataFrame]) -> list[Finding]:
    """``found``, each carrying one shared :class:`ProjectFacts` that ``build`` fills when first read."""
    shared = ProjectFacts(build)
    return [replace(f, facts=shared) for f in found]


def graph_project_facts(g: PlanGraph, found: list[Finding]) -> Callable[[], pd.DataFrame]:
    """How to build the :data:`PROJECT_FACTS` of the projects of ``found`` from the graph's tables,
    by the same joins as every other project list (:func:`graphkpi.analysis.projects.project_facts`)."""
    return partial(_graph_project_facts, g, found)


def _graph_project_facts(g: PlanGraph, found: list[Finding]) -> pd.DataFrame:
    ids = list(dict.fromkeys(p for f in found for p in (f.subject, *f.related)))
    th = project_facts(g, ids, "th").set_index("project")
    th["ministry_name_en"] = project_facts(g, ids, "en")["ministry_name"].to_numpy()
    return th
