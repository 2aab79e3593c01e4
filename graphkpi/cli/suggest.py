"""``graphkpi suggest``: for projects that do not reach Z, the plan elements they most likely serve.

NetworkX only: the evidence is matrix work over the whole plan and every linked project, which
the in-memory tables answer directly; the bundle is never changed.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click
import numpy as np
import pandas as pd

from graphkpi.analysis.suggest import select_projects, suggest
from graphkpi.backends.networkx import NetworkXBackend
from graphkpi.cli.options import bundle_argument, common, format_option, slice_options
from graphkpi.cli.support import (
    emit_format,
    load_or_exit,
    output_option,
    slice_or_exit,
    sliced_text,
    usage_errors,
    years_be,
)
from graphkpi.graph import PlanGraph
from graphkpi.render.i18n import t
from graphkpi.render.suggest import render_suggestions


@click.command("suggest")
@bundle_argument
@click.option("--project", "projects", multiple=True, metavar="ID",
              help="Suggest for this project (repeatable) instead of every GK101/GK201 project.")
@click.option("--top", type=click.IntRange(min=1), default=5, show_default=True,
              help="Suggestions per project, best first.")
@click.option("--min-score", type=click.FloatRange(0.0, 1.0), default=0.0, show_default=True,
              help="Leave out suggestions scoring below this (scores are 0..1).")
@click.option("--backend", type=click.Choice(["networkx"]), default="networkx", show_default=True,
              help="suggest reads BUNDLE in memory (NetworkX) only: a graph loaded into Neo4j cannot be scored.")
@format_option("table", "json", "csv")
@output_option
@slice_options
@common
def suggest_command(bundle: Path, projects: tuple[str, ...], top: int, min_score: float, backend: str, fmt: str,
                    output: Path | None, where: Any, lang: str, years: str | None, quiet: bool,
                    profile: str) -> None:
    """For each project that does not reach the national strategy (GK101, GK201), or each --project, the
    existing plan elements it most likely serves, with a score (0..1) and the evidence for each.

    NetworkX only: BUNDLE is read in memory; there is no --backend neo4j for suggest."""
    g = load_or_exit(bundle, profile, quiet, lang)
    sl, scope = slice_or_exit(NetworkXBackend(g), where, lang) or (None, None)
    with usage_errors(lang):
        ids = select_projects(g, projects, within=None if scope is None else scope.projects)
    result = suggest(g, ids, top=top, min_score=min_score)
    names = g.names([*ids, *result.candidates["element"].unique().tolist()], lang)
    facts = headings(g, ids, lang)
    levels = {lv: g.profile.label(lv, lang) for lv in result.candidates["level"].unique()}
    be = years_be(g, years)
    emit_format(sliced_text(render_suggestions(fmt, result, names, levels, facts, str(g.source or bundle), lang, be),
                            fmt, sl, lang, be), output, fmt)


def headings(g: PlanGraph, ids: list[str], lang: str) -> pd.DataFrame:
    """``project``, ``fiscal_year`` and ``problem`` (orphan, broken chain, or "" for a project that reaches
    Z) of the projects asked about: what each table heading says. Read at their rows, on integer codes
    (looking the ids up in the 10⁶ linked or anchored ids took seconds)."""
    rows = g.project_ids.rows(pd.Index(ids, dtype=object))
    linked = g.project_flags(g.chain_link_codes)[rows]
    anchored = g.anchored[rows]
    return pd.DataFrame({"project": pd.Series(ids, dtype=object),
                         "fiscal_year": g.projects["fiscal_year"].take(rows).to_numpy(),
                         "problem": np.select([anchored, linked], ["", t("broken", lang)], t("orphan", lang))})
