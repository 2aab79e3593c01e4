"""GK0xx on Neo4j: findings about the input files, computed once at load and stored with the graph.

Unknown references, bad levels, cycles and unsafe ids describe the bundle's rows, not paths
through the graph, and the rows that carry most of them (a link to a missing element, a
leads row for an unknown element) never become relationships. Rebuilding Python's
de-duplication of them in Cypher took an 85-line query and copies of the orphaned rows on the
Bundle node; instead ``graphkpi load`` runs the NetworkX backend's own checks on the
PlanGraph it has just validated and writes their findings as ``(:GkFinding)`` nodes, in the
same fenced batches, counted by the same verification and made readable only by the same
``complete`` mark as every other node. Readers return them as they were stored.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from graphkpi.checks.registry import catalog
from graphkpi.graph import PlanGraph
from graphkpi.model import Finding

FAMILY = "structure"  # the catalogue family of the codes stored at load (GK001–GK005)
LABEL = "GkFinding"


def stored_codes() -> list[str]:
    """The codes whose findings a load stores, in code order."""
    return [code for code, doc in catalog().items() if doc.family == FAMILY]


def profile_key(levels: Any, name: str) -> str:
    """What of the profile the stored findings depend on (GK002 names its levels and its name)."""
    return json.dumps({"profile": name, "levels": sorted(levels)}, ensure_ascii=False, sort_keys=True)


def compute(g: PlanGraph) -> list[Finding]:
    """The stored codes' findings on ``g``, by the NetworkX backend's checks (the single definition)."""
    from graphkpi.backends.networkx import NetworkXBackend

    return NetworkXBackend(g).findings(stored_codes())


def node_rows(findings: list[Finding], size: int) -> Iterator[list[dict[str, Any]]]:
    """Batches of node property maps; ``details`` as JSON text (a property cannot hold a map),
    its keys in their order so a finding reads back exactly as it was written."""
    props = [{"code": f.code, "subject": f.subject, "kind": f.subject_kind, "related": list(f.related),
              "details": json.dumps(f.details, ensure_ascii=False)} for f in findings]
    for start in range(0, len(props), size):
        yield props[start:start + size]


def from_columns(r: dict[str, list[Any]]) -> list[Finding]:
    """The one row of parallel lists that ``backend/stored_findings`` returns → findings."""
    return [Finding(code=code, subject=subject, subject_kind=kind, related=tuple(related),
                    details=json.loads(details))
            for code, subject, kind, related, details in zip(r["codes"], r["subjects"], r["kinds"], r["related"],
                                                             r["details"], strict=True)]
