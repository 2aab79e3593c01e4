"""``graphkpi suppressions``: every suppression with what it matched, its reason and expiry."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from graphkpi.checks.registry import reads_text, select_codes
from graphkpi.cli.options import (
    backend_option,
    common,
    format_option,
    ignore_option,
    neo4j_options,
    optional_bundle_argument,
    screen_options,
    select_option,
)
from graphkpi.cli.support import (
    emit_format,
    open_backend,
    output_option,
    screen_or_exit,
    screened_or_exit,
    usage_errors,
    years_be,
)
from graphkpi.render.screen import render_suppressions
from graphkpi.suppress import CODES


@click.command("suppressions")
@optional_bundle_argument
@select_option
@ignore_option
@format_option("table", "json", "csv")
@output_option
@screen_options()
@common
@backend_option
@neo4j_options
def suppressions(bundle: Path | None, select: tuple[str, ...], ignore: tuple[str, ...], fmt: str,
                 output: Path | None, config: Path | None, lang: str, years: str | None, quiet: bool, profile: str,
                 backend: str, **conn: Any) -> None:
    """List the suppressions (graphkpi.toml or --config) with what each matched in BUNDLE: status
    (in force, expired, unused), count and subjects, reason and expiry."""
    with usage_errors(lang):
        chosen = select_codes(select, ignore)
    screen = screen_or_exit(config, None, lang)
    entries = screen.suppressions.entries if screen.suppressions is not None else ()
    # only the codes some entry covers are checked: a file without GK301 entries never pays for GK301
    covered = set().union(*(s.codes for s in entries)) if entries else set()
    codes = [c for c in chosen if c in covered] + list(CODES)
    b = open_backend(bundle, backend, conn, profile, quiet, lang, text=reads_text(codes))
    try:
        screened = screened_or_exit(b, codes, quiet, lang, screen)
        be = years_be(b, years)
    finally:
        b.close()
    emit_format(render_suppressions(fmt, screen, screened, b.source, lang, be), output, fmt)
