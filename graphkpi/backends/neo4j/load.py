"""``graphkpi load``: write a validated PlanGraph into Neo4j, so that no interruption leaves a graph readers accept.

The bundle is parsed and validated by the Python loader first (bad input never reaches the
database). Then, holding the database's load lock (:mod:`.lock`):

1. the GK0xx findings computed from the PlanGraph (:mod:`.stored`) and the schema
   (uniqueness constraints on graphkpi's own labels): what can fail, fails before anything is
   deleted;
2. the Bundle node marked ``loading`` with the new bundle's fingerprint: from here on every
   reader refuses the graph;
3. with ``--replace``, the previous graph deleted in batches;
4. nodes, relationships and the GK0xx findings (``GkFinding`` nodes) in ``UNWIND`` batches,
   each batch one managed transaction (retried by the driver on transient errors) that first
   checks the lock is still this load's;
5. the counts of what the database now holds compared with what was written;
6. the Bundle node marked ``complete``, with those counts and the codes whose findings were
   stored, in one transaction.

A load killed at any point leaves the Bundle node ``loading`` (or the previous complete graph
untouched, before step 2), and readers compare the recorded counts (:mod:`.state`).
"""

from __future__ import annotations

import hashlib
import json
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import Any

import pandas as pd
from neo4j import Driver

from graphkpi import __version__
from graphkpi.backends.base import BackendError
from graphkpi.backends.neo4j import stored
from graphkpi.backends.neo4j.lock import STALE_AFTER, LoadLock
from graphkpi.backends.neo4j.queries import query, statements
from graphkpi.backends.neo4j.state import (
    NODE_LABELS,
    REL_TYPES,
    count_diff,
    current_counts,
    read_state,
    verified_state,
)
from graphkpi.graph import PlanGraph
from graphkpi.load.schema import FILES, NATIONAL
from graphkpi.messages import Msg

NODE_BATCH = 10_000
REL_BATCH = 20_000
DELETE_BATCH = 10_000

Say = Callable[[str, str, int], None]  # (phase, what, rows just written)


@dataclass
class LoadStats:
    """What a load wrote, for the CLI summary and the benchmark."""

    nodes: dict[str, int] = field(default_factory=dict)
    relationships: dict[str, int] = field(default_factory=dict)
    deleted: int = 0
    seconds: float = 0.0
    unchanged: bool = False  # the same bundle was already loaded, complete and whole: nothing written
    took_over: dict[str, Any] | None = None  # the abandoned lock this load took over, if any

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
               progress: Say | None = None, wait: float = 0.0, batch: int | None = None,
               stale_after: float = STALE_AFTER) -> LoadStats:
    """Load ``g`` into ``database``.

    Raises :class:`BackendError` when the database holds another graph (without ``replace``),
    when another load holds the lock for longer than ``wait`` seconds, or when the graph
    written does not hold what was written. ``batch`` overrides every batch size (small
    batches: finer progress, more transactions).
    """
    say = progress or (lambda _phase, _what, _n: None)
    stats = LoadStats()
    t0 = time.perf_counter()
    digest = fingerprint(g)
    lock = LoadLock(driver, database, wait=wait, stale_after=stale_after)
    with lock:
        stats.took_over = lock.took_over
        say("lock", "GkLock", 0)
        existing = current_counts(driver, database).get("graphkpi", 0)
        state = read_state(driver, database)
        if (existing or state is not None) and not replace:
            refused = _refusal(driver, database, state, existing, digest)
            if refused is not None:
                raise refused
            stats.seconds = time.perf_counter() - t0
            stats.unchanged = True
            return stats
        findings = stored.compute(g)
        say("compute", stored.LABEL, 0)
        with driver.session(database=database) as session:
            for stmt in (*statements("load/schema_legacy"), *statements("load/schema")):
                session.run(stmt).consume()  # schema statements cannot share a transaction with data
            writer = _Writer(session, lock)
            writer.run("load/bundle_begin", props=_bundle_props(g, digest, lock.owner))
            say("begin", "GkBundle", 0)
            for name in ("load/delete_projects", "load/delete_rest"):
                while (n := writer.run(name, batch=batch or DELETE_BATCH)) > 0:
                    stats.deleted += n
                    say("delete", name.removeprefix("load/delete_"), n)
            for label, name, rows in _node_batches(g, batch or NODE_BATCH):
                writer.run(name, rows=rows)
                stats.nodes[label] = stats.nodes.get(label, 0) + len(rows)
                say("nodes", label, len(rows))
            for rel, name, rows in _rel_batches(g, batch or REL_BATCH):
                writer.run(name, rows=rows)
                stats.relationships[rel] = stats.relationships.get(rel, 0) + len(rows)
                say("relationships", rel, len(rows))
            stats.nodes[stored.LABEL] = 0
            for rows in stored.node_rows(findings, batch or NODE_BATCH):
                writer.run("load/nodes_finding", rows=rows)
                stats.nodes[stored.LABEL] += len(rows)
                say("findings", stored.LABEL, len(rows))
            expected = _expected_counts(stats)
            actual = current_counts(driver, database)
            say("verify", "counts", 0)
            if actual != expected:
                raise BackendError("verify_failed", database=repr(database), diff=count_diff(expected, actual))
            loaded_at = datetime.now(timezone.utc).isoformat(timespec="seconds")
            if not writer.run("load/bundle_end", load_id=lock.owner, fingerprint=digest, loaded_at=loaded_at,
                              counts=json.dumps(expected, sort_keys=True), stored=stored.stored_codes(),
                              stored_for=stored.profile_key(g.profile.levels, g.profile.name)):
                raise BackendError("lock_lost", database=repr(database))
            say("finish", "GkBundle", 0)
    stats.seconds = time.perf_counter() - t0
    return stats


class _Writer:
    """Runs one named query per managed transaction, fenced by the load lock; returns its count."""

    def __init__(self, session: Any, lock: LoadLock) -> None:
        self.session, self.lock = session, lock

    def run(self, name: str, **params: Any) -> int:
        q = query(name)

        def work(tx: Any) -> int:
            self.lock.fence(tx)
            rec = tx.run(q, **params).single()
            return int(rec[0]) if rec is not None else 0

        return self.session.execute_write(work)


def _refusal(driver: Driver, database: str, state: dict[str, Any] | None, existing: int,
             digest: str) -> BackendError | None:
    """None when the database holds this very bundle, complete, with every node and relationship it
    was loaded with, and no ``query --write`` changed it since (counts would not show an edited
    property): nothing to write. Else why a load without --replace does not write: the database
    holds another graph, or this bundle's graph no longer as it was loaded (edited, or counts short)."""
    if state is not None and state["state"] == "complete" and state["fingerprint"] == digest:
        if state.get("edited"):
            return BackendError("edited", database=repr(database), source=state["source"], at=state["edited"])
        try:
            verified_state(driver, database)
        except BackendError as exc:
            return exc   # damaged: what is missing, and --replace
        return None
    if state is not None and state["state"] != "complete":
        what = Msg.of("backend.occupied_unfinished", source=state["source"])
    elif state is not None:
        what = Msg.of("backend.occupied_graph", source=state["source"])
    else:
        what = Msg.of("backend.occupied_nodes", nodes=f"{existing:,}")
    return BackendError("occupied", database=repr(database), what=what)


def _expected_counts(stats: LoadStats) -> dict[str, int]:
    """What load/counts must return after a load that wrote ``stats``."""
    out = {"graphkpi": sum(stats.nodes.values())}
    out.update({k: stats.nodes.get(k, 0) for k in NODE_LABELS})
    out.update({k: stats.relationships.get(k, 0) for k in REL_TYPES})
    return out


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


def _bundle_props(g: PlanGraph, digest: str, load_id: str) -> dict[str, Any]:
    return {
        "source": str(g.source) if g.source is not None else "", "fingerprint": digest, "load_id": load_id,
        "profile": g.profile.name, "profile_source": g.profile.source or g.profile.name, "graphkpi": __version__,
        "years_given_be": bool(g.years_given_be),
        "files": sorted(g.files),  # which optional files the bundle had: the codes that apply (GK601 …)
    }


def _node_batches(g: PlanGraph, size: int) -> Iterator[tuple[str, str, list[dict[str, Any]]]]:
    el = g.elements.copy()
    el["parents"] = _lists(g.parents, "child", "parent").reindex(el.index)
    el["lead_agencies"] = _lists(g.leads[g.leads["element"].isin(el.index)], "element", "agency").reindex(el.index)
    el["replaced_by"] = _lists(g.replacements, "element", "replacement").reindex(el.index)  # GK205 names them
    kp = g.kpis.copy()
    kp["agencies"] = _lists(g.kpi_agencies[g.kpi_agencies["kpi"].isin(kp.index)], "kpi", "agency").reindex(kp.index)
    agencies = g.agencies.assign(ministry_of=g.agency_ministry)  # derived once, read by every ministry check
    for label, frame, lists in (("Element", el, ("parents", "lead_agencies", "replaced_by")), ("Agency", agencies, ()),
                                ("Area", g.areas, ()), ("Kpi", kp, ("agencies",))):
        frame = frame.reset_index()
        for col in lists:
            frame[col] = frame[col].map(lambda v: v if isinstance(v, list) else [])
        for rows in _batches(_records(frame), size):
            yield f"Gk{label}", f"load/nodes_{label.lower()}", rows
    pr = g.projects.assign(ministry_of=g.project_ministry)
    links = _lists(g.links[g.links["project"].isin(pr.index)], "project", "element")
    areas = g.project_areas[g.project_areas["project"].isin(pr.index)]
    national = set(areas.loc[areas["area"] == NATIONAL, "project"])
    where = _lists(areas, "project", "area")
    for start in range(0, len(pr), size):  # built per batch: 10⁶ projects never sit in memory twice
        part = pr.iloc[start:start + size].reset_index()
        ids = part["id"]
        part["links"] = ids.map(links).map(lambda v: v if isinstance(v, list) else [])
        part["areas"] = ids.map(where).map(lambda v: v if isinstance(v, list) else [])
        part["national"] = ids.isin(national)
        yield "GkProject", "load/nodes_project", _records(part)
    lines = g.budget_lines
    for start in range(0, len(lines), size):  # after the projects: FUNDS is written once both exist
        yield "GkBudgetLine", "load/nodes_budget_line", _records(lines.iloc[start:start + size])


def _rel_batches(g: PlanGraph, size: int) -> Iterator[tuple[str, str, list[list[Any]]]]:
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
    for rows in _funds_rows(g, size):
        yield "FUNDS", "load/rels_funds", rows
    for rel, name, frame, cols in sources:
        # One row per relationship the Cypher MERGEs (RESPONSIBLE_FOR merges on its role; the last
        # row's `measured` wins, as it would within a batch), so the rows written are the count kept.
        key = cols[:3] if rel in ("LEADS", "RESPONSIBLE_FOR") else cols[:2]
        rows = frame[cols].astype(str).drop_duplicates(key, keep="last").to_numpy().tolist()
        for batch in _batches(rows, size):
            yield rel, f"load/{name}", batch


def _funds_rows(g: PlanGraph, size: int) -> Iterator[list[list[Any]]]:
    """Batches of ``[code, fiscal_year, project]``, one per budget line whose project exists (a
    line's key is unique, so each row is one relationship); built per batch, like the projects."""
    known = g.budget_lines[g.line_project_rows >= 0]
    for start in range(0, len(known), size):
        part = known.iloc[start:start + size]
        yield [list(r) for r in zip(part["code"].tolist(), part["fiscal_year"].tolist(), part["project"].tolist(),
                                    strict=True)]


def planned_rows(g: PlanGraph) -> int:
    """About how many rows a load writes (nodes and relationships), for a progress bar."""
    return (len(g.elements) + len(g.agencies) + len(g.areas) + len(g.kpis) + 2 * len(g.projects)
            + len(g.parents) + len(g.links) + len(g.project_areas) + len(g.agencies) + len(g.areas) + len(g.leads)
            + len(g.kpis) + len(g.kpi_agencies) + len(g.elements) + 2 * len(g.budget_lines))
