"""Facts a check hands on with its findings (:attr:`graphkpi.model.Finding.facts`).

GK301 reads each project's title, ministry, year and budget to match them; ``graphkpi
duplicates`` shows them beside each group with the agency, the ministry's name and the places
as written. Both backends gather those with the rows the check reads (NetworkX from the graph's
tables, Neo4j in ``cypher/checks/GK301.cypher``) and attach them here, so the command shows what
the check saw without fetching the projects a second time.
"""

from __future__ import annotations

from dataclasses import replace

import pandas as pd

from graphkpi.analysis.projects import project_facts
from graphkpi.graph import PlanGraph
from graphkpi.model import Finding

# Per project: the ministry's name in Thai and as shown in English (its English name, else the Thai one).
PROJECT_FACTS = ["project", "name", "agency", "ministry", "ministry_name", "ministry_name_en", "fiscal_year",
                 "budget", "provinces"]


def with_project_facts(found: list[Finding], facts: pd.DataFrame) -> list[Finding]:
    """``found``, each carrying as ``facts`` the records (:data:`PROJECT_FACTS`) of its subject
    and then its related projects. ``facts``: one row per project of some finding, indexed by id."""
    if not found:
        return found
    table = facts.reindex(columns=PROJECT_FACTS[1:])
    records = dict(zip(table.index, table.to_dict("records"), strict=True))
    return [replace(f, facts=tuple({"project": p, **records[p]} for p in (f.subject, *f.related))) for f in found]


def graph_project_facts(g: PlanGraph, found: list[Finding]) -> pd.DataFrame:
    """The :data:`PROJECT_FACTS` of the projects of ``found`` from the graph's tables, by the same
    joins as every other project list (:func:`graphkpi.analysis.projects.project_facts`)."""
    ids = list(dict.fromkeys(p for f in found for p in (f.subject, *f.related)))
    th = project_facts(g, ids, "th").set_index("project")
    th["ministry_name_en"] = project_facts(g, ids, "en")["ministry_name"].to_numpy()
    return th
