"""``graphkpi duplicates``: GK301 groups of near-identical projects across ministries, with the evidence."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from graphkpi.analysis.duplicates import duplicate_tables
from graphkpi.cli.options import (
    backend_option,
    common,
    format_option,
    neo4j_options,
    optional_bundle_argument,
)
from graphkpi.cli.params import check_options
from graphkpi.cli.support import emit_format, findings_or_exit, open_backend, output_option, years_be
from graphkpi.render import findings as fr
from graphkpi.render.duplicates import render_duplicates


@click.command("duplicates")
@optional_bundle_argument
@check_options("GK301")
@click.option("--explain", is_flag=True, help="Print, for each group, why it matched: the shared sub-targets, "
              "year and places, each project, the pairwise similarities and the shared words.")
@format_option("table", "json", "csv")
@output_option
@common
@backend_option
@neo4j_options
def duplicates_command(bundle: Path | None, check_params: dict[str, dict[str, object]], explain: bool, fmt: str,
                       output: Path | None, lang: str, years: str | None, quiet: bool, profile: str, backend: str,
                       **conn: Any) -> None:
    """GK301 duplicate projects: groups of near-identical projects of two or more ministries on the
    same sub-target, place and year, largest combined budget first."""
    min_similarity = float(check_params["GK301"]["min_similarity"])  # type: ignore[arg-type]
    b = open_backend(bundle, backend, conn, profile, quiet, lang)
    try:
        found = findings_or_exit(b, ["GK301"], quiet, lang, check_params)
        groups, members = duplicate_tables(b, found, lang)
        be = years_be(b, years)
        fx = fr.facts(found, b, lang, be) if fmt == "json" else fr.Facts(be=be)
        emit_format(render_duplicates(fmt, found, groups, members, fx, min_similarity, explain, b.source, lang, be),
                    output, fmt)
    finally:
        b.close()
