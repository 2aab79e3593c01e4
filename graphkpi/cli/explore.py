"""``graphkpi trace``, ``reach`` and ``stats``: exploring one bundle (``reach`` on Neo4j too)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from graphkpi.analysis.reach import ReachError
from graphkpi.analysis.reach import reach as reach_down
from graphkpi.analysis.stats import compute_stats
from graphkpi.analysis.trace import trace as trace_tree
from graphkpi.cli.options import (
    backend_option,
    bundle_argument,
    common,
    format_option,
    neo4j_options,
    optional_bundle_argument,
    slice_options,
)
from graphkpi.cli.support import (
    EXIT_BAD_INPUT,
    backend_errors,
    emit_format,
    load_or_exit,
    not_swapped,
    open_backend,
    output_option,
    slice_or_exit,
    sliced_graph,
    sliced_text,
    years_be,
)
from graphkpi.load.guess import nearby
from graphkpi.render.findings import document_head
from graphkpi.render.i18n import t
from graphkpi.render.reach import render_reach
from graphkpi.render.safe import visible
from graphkpi.render.stats import render_stats
from graphkpi.render.tree import render_tree, tree_json


@click.command()
@bundle_argument
@click.argument("node_id", metavar="ID")
@format_option("table", "json")
@output_option
@common
def trace(bundle: Path, node_id: str, fmt: str, output: Path | None, lang: str, years: str | None, quiet: bool,
          profile: str) -> None:
    """Every chain from a project or element ID up to Z, marking where and why it breaks."""
    not_swapped(bundle, node_id, f"trace {bundle} {node_id}", f"trace {node_id} {bundle}", lang)
    node_id = typed_id(node_id)
    g = load_or_exit(bundle, profile, quiet, lang, text=False)   # one project's name, read from the file
    try:
        root = trace_tree(g, node_id, lang)
    except KeyError:
        text = t("usage_not_project_or_element", lang, id=node_id)
        near = _nearby_ids(g, node_id)
        if near:
            text += "; " + t("reach_did_you_mean", lang, ids=", ".join(near))
        raise click.BadParameter(text, param_hint="ID") from None
    be = years_be(g, years)
    emit_format(tree_json(root, be, document_head(str(bundle))) if fmt == "json" else render_tree(root, g, lang, be),
                output, fmt)


@click.command()
@bundle_argument
@format_option("table", "json")
@output_option
@slice_options
@common
def stats(bundle: Path, fmt: str, output: Path | None, where: Any, lang: str, years: str | None, quiet: bool,
          profile: str) -> None:
    """Counts per level, share of projects and budget reaching Z, coverage of targets and factors."""
    g = load_or_exit(bundle, profile, quiet, lang, text=False)   # counts: no project text
    sliced, sl = sliced_graph(g, where, lang)
    emit_format(sliced_text(render_stats(fmt, compute_stats(sliced, lang), lang, str(bundle)), fmt, sl, lang,
                            years_be(g, years)), output, fmt)


@click.command()
@click.argument("node_id", metavar="ID")
@optional_bundle_argument
@format_option("table", "json", "csv")
@click.option("--limit", type=click.IntRange(min=0), default=50, show_default=True,
              help="Projects shown in the table, largest budget first, then a line saying how many more "
                   "(0: all). JSON and CSV give every project.")
@output_option
@slice_options
@common
@backend_option
@neo4j_options
def reach(node_id: str, bundle: Path | None, fmt: str, limit: int, output: Path | None, where: Any, lang: str,
          years: str | None, quiet: bool, profile: str, backend: str, **conn: Any) -> None:
    """Every project whose chains pass through element ID, looking down the chain (trace looks up).

    \b
    For ID at any level (a strategy, master plan, sub-target, value-chain factor, NESDP
    milestone, area or action plan target…): each project whose links (links column and
    project_links.csv) lead, through parents, up to ID — out-of-period links are followed, as
    in trace and the checks. Each project is listed once with agency, ministry, fiscal year,
    budget, provinces and one route from its linked element up to ID: the shortest, and among
    equally short ones the one through the smallest ids step by step; "other routes" says how
    many more it has (loops count once). Then the totals per ministry (each project's budget
    counted once, however many routes it has) and per level below ID (the elements there whose
    chains pass through ID, and the projects with a route through one of them, each once per
    level).

    \b
    --format json: {"graphkpi": "1", "bundle", "element": {id, level, name},
    "projects": [{project, name, agency, agency_name, ministry, ministry_name, fiscal_year,
    budget, (line_budget,) provinces, steps, routes, path}], "totals": {projects, budget,
    by_ministry: [{ministry, ministry_name, projects, budget}], by_level: [{level, elements,
    projects, budget}]}}. path lists the route's element ids from the project's link up to ID,
    steps its length in links, routes the number of distinct routes. --format csv: one row per
    project, path as a ;-list. JSON and CSV list every project; the table stops at --limit.
    """
    not_swapped(bundle, node_id, f"reach {node_id} {bundle}", f"reach {bundle} {node_id}", lang)
    node_id = typed_id(node_id)
    b = open_backend(bundle, backend, conn, profile, quiet, lang, text=False)   # names read from the file
    try:
        sl, scope = slice_or_exit(b, where, lang) or (None, None)
        with backend_errors(lang):
            found = reach_down(b, node_id, lang, projects=None if scope is None else scope.projects)
    except ReachError as exc:
        click.echo(f"{t('error', lang)}: {visible(exc.text(lang))}", err=True)
        raise SystemExit(EXIT_BAD_INPUT) from None
    finally:
        b.close()
    be = years_be(b, years)
    emit_format(sliced_text(render_reach(fmt, found, b.profile, b.source, lang, be, limit), fmt, sl, lang, be),
                output, fmt)


NEARBY_PROJECTS = 50_000   # past this many projects only elements are searched (difflib reads every id)


def typed_id(node_id: str) -> str:
    """An id as typed, trimmed as the loader trims ids (a pasted ``130201 `` names 130201)."""
    from graphkpi.load.values import clean_id

    return clean_id(node_id)


def _nearby_ids(g: Any, node_id: str) -> list[str]:
    """Elements and (up to :data:`NEARBY_PROJECTS` of them) projects whose ids look like ``node_id``."""
    known = g.elements.index.tolist()
    if len(g.projects) <= NEARBY_PROJECTS:
        known += g.projects.index.tolist()
    return nearby(node_id, known)

