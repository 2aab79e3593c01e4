"""Is the graph in the database one whole, finished load? The Bundle node and the counts say.

A load marks the Bundle node ``loading`` before it deletes or writes anything, and marks it
``complete`` in one transaction at the very end, together with the number of nodes per label
and relationships per type it wrote. Every reader (checks, ``query``, a reload of the same
bundle) compares those counts with what the database holds now, from Neo4j's count store
(constant time), so a graph that an interrupted load, a second writer or a stray delete left
short is refused instead of answering with smaller figures.
"""

from __future__ import annotations

import json
from typing import Any

from neo4j import Driver

from graphkpi.backends.base import BackendError
from graphkpi.backends.neo4j.lock import abandoned
from graphkpi.backends.neo4j.queries import query

# Node labels and relationship types that load/counts.cypher returns, besides "graphkpi" (every
# graphkpi node but the Bundle node: catches leftovers of an older graph too).
NODE_LABELS = ("GkElement", "GkAgency", "GkArea", "GkKpi", "GkProject", "GkFinding", "GkBudgetLine")
REL_TYPES = ("CASCADES_TO", "CONTRIBUTES_TO", "OWNED_BY", "PART_OF", "LOCATED_IN", "IN_AREA", "WITHIN", "LEADS",
             "MEASURES", "RESPONSIBLE_FOR", "FUNDS")


def _read_one(driver: Driver, database: str, name: str) -> dict[str, Any] | None:
    q = query(name)
    with driver.session(database=database) as session:
        rec = session.execute_read(lambda tx: tx.run(q).single())
    return None if rec is None else rec.data()


def read_state(driver: Driver, database: str) -> dict[str, Any] | None:
    """The Bundle node's properties (state, source, fingerprint, counts…), or None."""
    return _read_one(driver, database, "load/bundle_state")


def current_counts(driver: Driver, database: str) -> dict[str, int]:
    """Nodes per graphkpi label and relationships per type, as the database holds them now."""
    return dict(_read_one(driver, database, "load/counts") or {})


def verified_state(driver: Driver, database: str) -> dict[str, Any]:
    """The Bundle node of a complete graph whose counts are those its load recorded.

    Raises :class:`BackendError` (``empty``, ``incomplete``, ``outdated`` or ``damaged``)
    otherwise, so that no reader answers from a partial graph, nor from one loaded by a graphkpi
    that stored no GK0xx findings (its counts lack them too, so it would read as damaged).
    """
    state = read_state(driver, database)
    db = repr(database)
    if state is None:
        counts = current_counts(driver, database)
        if counts.get("graphkpi"):  # nodes without a Bundle node: an older graphkpi's graph, or a wreck
            raise BackendError("incomplete", database=db, source="?")
        raise BackendError("empty", database=db)
    if state["state"] != "complete":
        holder = _read_one(driver, database, "load/lock_state")
        if holder is not None and not abandoned(holder["host"], holder["pid"], holder["silent"]):  # writing now
            raise BackendError("loading_now", database=db, source=state["source"], pid=holder["pid"],
                               host=holder["host"])
        raise BackendError("incomplete", database=db, source=state["source"])
    if state.get("stored") is None:
        raise BackendError("outdated", database=db, source=state["source"])
    expected = json.loads(state["counts"]) if state.get("counts") else None
    actual = current_counts(driver, database)
    if expected is not None:  # a kind counted since that load (budget lines) must be absent, not compared
        actual = {k: v for k, v in actual.items() if k in expected or v}
    if expected != actual:
        raise BackendError("damaged", database=db, source=state["source"], diff=count_diff(expected, actual))
    return state


def count_diff(expected: dict[str, int] | None, actual: dict[str, int]) -> str:
    """``GkProject 90,000/100,000, …``: what differs, as found/expected (for messages)."""
    if expected is None:
        return "no counts recorded"
    keys = [k for k in (*expected, *[k for k in actual if k not in expected]) if expected.get(k) != actual.get(k)]
    return ", ".join(f"{k} {actual.get(k, 0):,}/{expected.get(k, 0):,}" for k in keys)
