"""``graphkpi trace`` and ``stats``: exploring one bundle, in memory."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from graphkpi.analysis.stats import compute_stats
from graphkpi.analysis.trace import trace as trace_tree
from graphkpi.cli.options import bundle_argument, common, format_option, slice_options
from graphkpi.cli.support import emit_format, load_or_exit, output_option, sliced_graph, sliced_text, years_be
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
    g = load_or_exit(bundle, profile, quiet, lang)
    try:
        root = trace_tree(g, node_id, lang)
    except KeyError:
        raise click.BadParameter(f"{node_id!r} is neither a project nor an element of this bundle",
                                 param_hint="ID") from None
    be = years_be(g, years)
    emit_format(tree_json(root, be) if fmt == "json" else render_tree(root, g, lang, be), output, fmt)


@click.command()
@bundle_argument
@format_option("table", "json")
@output_option
@slice_options
@common
def stats(bundle: Path, fmt: str, output: Path | None, where: Any, lang: str, years: str | None, quiet: bool,
          profile: str) -> None:
    """Counts per level, share of projects and budget reaching Z, coverage of targets and factors."""
    g = load_or_exit(bundle, profile, quiet, lang)
    sliced, sl = sliced_graph(g, where, lang)
    emit_format(sliced_text(render_stats(fmt, compute_stats(sliced, lang), lang), fmt, sl, lang,
                            years_be(g, years)), output, fmt)
