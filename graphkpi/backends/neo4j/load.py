"""``graphkpi load``: write a validated PlanGraph into Neo4j, idempotently and in batches.

The bundle is parsed and validated by the Python loader first (bad input never reaches the
database). Then: uniqueness constraints, a Bundle node marked ``loading``, nodes and
relationships in ``UNWIND`` batches (each batch one managed transaction, retried by the driver
on transient errors), and finally the Bundle node marked ``complete``. Checks refuse a graph
whose load did not finish, so a failed load is never mistaken for a smaller bundle.
"""

from __future__ import annotations

import hashlib
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import Any

import pandas as pd
from neo4j import Driver

from graphkpi import __version__
from graphkpi.backends.base import BackendError
from graphkpi.backends.neo4j.queries import query, statements
from graphkpi.graph import PlanGraph
from graphkpi.load.schema import FILES, NATIONAL

NODE_BATCH = 10_000
REL_BATCH = 20_000
DELETE_BATCH = 10_000

Say = Callable[[str, int], None]  # (what, rows just written)


@dataclass
class LoadStats:
    """What a load wrote, for the CLI summary and the benchmark."""

    nodes: dict[str, int] = field(default_factory=dict)
    relationships: dict[str, int] = field(default_factory=dict)
    deleted: int = 0
    seconds: float = 0.0
    unchanged: bool = False  # the same bundle was already loaded: nothing written

    @property
    def rows(self) -> int:
        return sum(self.nodes.values()) + sum(self.relationships.values())


def fingerprint(g: PlanGraph) -> str:
    """A digest of the bundle's files, the profile and graphkpi's version: same digest, same graph."""
    h = hashlib.sha256(f"{g.profile.name}\n{__version__}\n".encode())
    src = g.source
    if src is not None and src.is_dir():
        for spec in sorted(FILES.values(), key=lambda s: s.name):
            path = next((p for p in src.iterdir() if p.name.lower() == spec.name), None)
            if path is not None:
                h.update(spec.name.encode() + b"\0" + path.read_bytes() + b"\0")
    elif src is not None and src.is_file():
        h.update(src.read_bytes())
    return h.hexdigest()


def load_graph(driver: Driver, database: str, g: PlanGraph, *, replace: bool = False,
               progress: Say | None = None) -> LoadStats:
    """Load ``g`` into ``database``. Raises :class:`BackendError` when the database holds another graph."""
    say = progress or (lambda _what, _n: None)
    stats = LoadStats()
    t0 = time.perf_counter()
    digest = fingerprint(g)
    with driver.session(database=database) as session:
        existing = session.execute_read(lambda tx: tx.run(query("load/count_nodes")).single()["n"])
        state = session.execute_read(lambda tx: tx.run(query("load/bundle_state")).single())
    if existing and not replace:
        same = state is not None and state["state"] == "complete" and state["fingerprint"] == digest
        if same:  # this very bundle is loaded already: loading it again changes nothing
            stats.seconds = time.perf_counter() - t0
            stats.unchanged = True
            return stats
        if state is not None:
            what = f"กราฟของ {state['source']} ({state['state']})"
            what_en = f"the graph of {state['source']} ({state['state']})"
        else:
            what = f" {existing:,} โหนดของ graphkpi จากการโหลดที่ไม่เสร็จ"
            what_en = f"{existing:,} graphkpi nodes of an unfinished load"
        raise BackendError("occupied", database=repr(database), what=what, what_en=what_en)
    if existing and replace:
        stats.deleted = existing
        with driver.session(database=database) as session:
            for name in ("load/delete_projects", "load/delete_rest"):
                session.run(query(name), batch=DELETE_BATCH).consume()
        say("delete", existing)
    with driver.session(database=database) as session:
        for stmt in statements("load/schema"):
            session.run(stmt).consume()
        session.execute_write(lambda tx: tx.run(query("load/bundle_begin"), props=_bundle_props(g, digest)).consume())
        for label, name, rows in _node_batches(g):
            _write(session, name, rows)
            stats.nodes[label] = stats.nodes.get(label, 0) + len(rows)
            say(label, len(rows))
        for rel, name, rows in _rel_batches(g):
            _write(session, name, rows)
            stats.relationships[rel] = stats.relationships.get(rel, 0) + len(rows)
            say(rel, len(rows))
        loaded_at = datetime.now(timezone.utc).isoformat(timespec="seconds")
        session.execute_write(lambda tx: tx.run(query("load/bundle_end"), loaded_at=loaded_at).consume())
    stats.seconds = time.perf_counter() - t0
    return stats


def _write(session: Any, name: str, rows: list[Any]) -> None:
    q = query(name)
    session.execute_write(lambda tx: tx.run(q, rows=rows).consume())


# --- rows ------------------------------------------------------------------------------


def _records(frame: pd.DataFrame) -> list[dict[str, Any]]:
    """Rows as property maps: NaN and empty optional values dropped (Neo4j has no nulls)."""
    out = []
    for rec in frame.to_dict("records"):
        out.append({k: v for k, v in rec.items() if v is not None and not (isinstance(v, float) and v != v)})
    return out


def _lists(frame: pd.DataFrame, key: str, value: str) -> pd.Series:
    return frame.groupby(key, sort=False)[value].agg(list)


def _batches(rows: list[Any], size: int) -> Iterator[list[Any]]:
    for i in range(0, len(rows), size):
        yield rows[i:i + size]


def _bundle_props(g: PlanGraph, digest: str) -> dict[str, Any]:
    links = g.links[~g.links["project"].isin(g.projects.index)]
    leads = g.leads[~g.leads["element"].isin(g.elements.index)]
    ka = g.kpi_agencies[~g.kpi_agencies["kpi"].isin(g.kpis.index)]
    return {
        "source": str(g.source) if g.source is not None else "", "fingerprint": digest,
        "profile": g.profile.name, "graphkpi": __version__, "years_given_be": bool(g.years_given_be),
        "unowned_link_projects": links["project"].tolist(), "unowned_link_elements": links["element"].tolist(),
        "unowned_lead_elements": leads["element"].tolist(), "unowned_lead_agencies": leads["agency"].tolist(),
        "unowned_kpi_agency_kpis": ka["kpi"].tolist(), "unowned_kpi_agency_agencies": ka["agency"].tolist(),
    }


def _node_batches(g: PlanGraph) -> Iterator[tuple[str, str, list[dict[str, Any]]]]:
    el = g.elements.copy()
    el["parents"] = _lists(g.parents, "child", "parent").reindex(el.index)
    el["lead_agencies"] = _lists(g.leads[g.leads["element"].isin(el.index)], "element", "agency").reindex(el.index)
    kp = g.kpis.copy()
    kp["agencies"] = _lists(g.kpi_agencies[g.kpi_agencies["kpi"].isin(kp.index)], "kpi", "agency").reindex(kp.index)
    agencies = g.agencies.assign(ministry_of=g.agency_ministry)  # derived once, read by every ministry check
    for label, frame, lists in (("Element", el, ("parents", "lead_agencies")), ("Agency", agencies, ()),
                                ("Area", g.areas, ()), ("Kpi", kp, ("agencies",))):
        frame = frame.reset_index()
        for col in lists:
            frame[col] = frame[col].map(lambda v: v if isinstance(v, list) else [])
        for rows in _batches(_records(frame), NODE_BATCH):
            yield label, f"load/nodes_{label.lower()}", rows
    pr = g.projects.assign(ministry_of=g.project_ministry)
    links = _lists(g.links[g.links["project"].isin(pr.index)], "project", "element")
    areas = g.project_areas[g.project_areas["project"].isin(pr.index)]
    national = set(areas.loc[areas["area"] == NATIONAL, "project"])
    where = _lists(areas, "project", "area")
    for start in range(0, len(pr), NODE_BATCH):  # built per batch: 10⁶ projects never sit in memory twice
        part = pr.iloc[start:start + NODE_BATCH].reset_index()
        ids = part["id"]
        part["links"] = ids.map(links).map(lambda v: v if isinstance(v, list) else [])
        part["areas"] = ids.map(where).map(lambda v: v if isinstance(v, list) else [])
        part["national"] = ids.isin(national)
        yield "Project", "load/nodes_project", _records(part)


def _rel_batches(g: PlanGraph) -> Iterator[tuple[str, str, list[list[Any]]]]:
    el, pr, ag, ar, kp = g.elements.index, g.projects.index, g.agencies.index, g.areas.index, g.kpis.index
    projects = g.projects.reset_index()
    agencies = g.agencies.reset_index()
    elements = g.elements.reset_index()
    areas = g.areas.reset_index()
    kpis = g.kpis.reset_index()
    sources = (
        ("CASCADES_TO", "rels_cascades_to", g.parents[g.parents["parent"].isin(el)], ["child", "parent"]),
        ("CONTRIBUTES_TO", "rels_contributes_to", g.existing_links[g.existing_links["project"].isin(pr)],
         ["project", "element"]),
        ("OWNED_BY", "rels_owned_by", projects[projects["agency"].isin(ag)], ["id", "agency"]),
        ("PART_OF", "rels_part_of", agencies[agencies["ministry"].isin(ag)], ["id", "ministry"]),
        ("LOCATED_IN", "rels_located_in",
         g.project_areas[g.project_areas["area"].isin(ar) & g.project_areas["project"].isin(pr)], ["project", "area"]),
        ("IN_AREA", "rels_in_area", elements[elements["area"].isin(ar)], ["id", "area"]),
        ("WITHIN", "rels_within", areas[areas["parent"].isin(ar)], ["id", "parent"]),
        ("LEADS", "rels_leads", g.leads[g.leads["agency"].isin(ag) & g.leads["element"].isin(el)],
         ["agency", "element", "role"]),
        ("MEASURES", "rels_measures", kpis[kpis["element"].isin(el)], ["id", "element"]),
        ("RESPONSIBLE_FOR", "rels_responsible_for",
         g.kpi_agencies[g.kpi_agencies["agency"].isin(ag) & g.kpi_agencies["kpi"].isin(kp)],
         ["agency", "kpi", "role", "measured"]),
    )
    for rel, name, frame, cols in sources:
        rows = frame[cols].drop_duplicates().astype(str).to_numpy().tolist()
        for batch in _batches(rows, REL_BATCH):
            yield rel, f"load/{name}", batch


def planned_rows(g: PlanGraph) -> int:
    """About how many rows a load writes (nodes and relationships), for a progress bar."""
    return (len(g.elements) + len(g.agencies) + len(g.areas) + len(g.kpis) + 2 * len(g.projects)
            + len(g.parents) + len(g.links) + len(g.project_areas) + len(g.agencies) + len(g.areas) + len(g.leads)
            + len(g.kpis) + len(g.kpi_agencies) + len(g.elements))
