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
    screen_options,
    slice_options,
)
from graphkpi.cli.params import check_options
from graphkpi.cli.support import (
    emit_format,
    open_backend,
    output_option,
    screen_or_exit,
    screened_or_exit,
    slice_or_exit,
    sliced_text,
    years_be,
)
from graphkpi.render import findings as fr
from graphkpi.render.duplicates import ministry_names, render_duplicates
from graphkpi.render.i18n import area_names
from graphkpi.render.screen import notes


@click.command("duplicates")
@optional_bundle_argument
@check_options("GK301")
@click.option("--explain", is_flag=True, help="Print, for each group, why it matched: the shared sub-targets, "
              "year and places, each project, the pairwise similarities and the shared words.")
@click.option("--top", type=click.IntRange(min=0), default=200, show_default=True,
              help="Table: show the first N groups (largest combined budget, then similarity); 0 shows all. "
              "JSON and CSV always list every group.")
@format_option("table", "json", "csv")
@output_option
@screen_options()
@slice_options
@common
@backend_option
@neo4j_options
def duplicates_command(bundle: Path | None, check_params: dict[str, dict[str, object]], explain: bool, top: int,
                       fmt: str,
                       output: Path | None, config: Path | None, where: Any, lang: str, years: str | None,
                       quiet: bool, profile: str, backend: str, **conn: Any) -> None:
    """GK301 duplicate projects: groups of near-identical projects of two or more ministries on the
    same sub-target, place and year, largest combined budget first."""
    min_similarity = float(check_params["GK301"]["min_similarity"])  # type: ignore[arg-type]
    screen = screen_or_exit(config, None, lang)
    b = open_backend(bundle, backend, conn, profile, quiet, lang)
    try:
        sl, scope = slice_or_exit(b, where, lang) or (None, None)
        screen = screen.scoped(scope)
        screened = screened_or_exit(b, ["GK301"], quiet, lang, screen, check_params)
        found = screened.findings
        groups, members = duplicate_tables(found, lang)
        be = years_be(b, years)
        fx = fr.carried_facts(found, b.profile, be) if fmt == "json" else fr.Facts(be=be)
        places = ministries = None
        if explain and fmt == "table":   # ชลบุรี, not TH-20; in English, Ministry of Public Health (สธ), not สธ
            d = b.directory()
            places, ministries = area_names(d.areas, lang), ministry_names(d.agencies, lang)
        text = sliced_text(render_duplicates(fmt, found, groups, members, fx, min_similarity, explain, b.source,
                                             lang, be, screened.counts(), top, places, ministries), fmt, sl, lang, be)
        emit_format(text + notes(screen, screened, lang) if fmt == "table" else text, output, fmt)
    finally:
        b.close()
