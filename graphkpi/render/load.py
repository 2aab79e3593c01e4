"""What ``graphkpi load`` says when it is done: nothing changed, or what was written where."""

from __future__ import annotations

from typing import TYPE_CHECKING

from graphkpi.render.i18n import t
from graphkpi.render.text import table

if TYPE_CHECKING:   # the module imports the Neo4j driver
    from graphkpi.backends.neo4j.load import LoadStats


def render_load(stats: LoadStats, bundle: str, where: str, lang: str) -> str:
    """One line, then (when something was written) the count per kind of node and relationship."""
    if stats.unchanged:
        return t("load_unchanged", lang, bundle=bundle, where=where) + "\n"
    nodes, rels = sum(stats.nodes.values()), sum(stats.relationships.values())
    text = t("loaded_into", lang, bundle=bundle, where=where, nodes=f"{nodes:,}", rels=f"{rels:,}",
                   seconds=f"{stats.seconds:.1f}") + "\n"
    rows = [(k, f"{v:,}") for k, v in {**stats.nodes, **stats.relationships}.items()]
    text += table([t("kind", lang), t("count", lang)], rows, numeric=[1]) + "\n"
    if stats.deleted:
        text += t("replaced", lang, n=f"{stats.deleted:,}") + "\n"
    return text
