"""``graphkpi check``, ``orphans``, ``chains`` and ``validate``: the findings, whole or as the
auditor's and planner's lists. Each runs only the codes it shows."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from graphkpi.analysis.breaks import chain_breaks
from graphkpi.analysis.orphans import budget_at_risk, counting_hidden, orphan_projects
from graphkpi.backends.networkx import NetworkXBackend
from graphkpi.checks import catalog
from graphkpi.checks.registry import applicable, reads_text, select_codes
from graphkpi.cli.options import (
    backend_option,
    bundle_argument,
    common,
    fail_on_option,
    format_option,
    ignore_option,
    neo4j_options,
    optional_bundle_argument,
    screen_options,
    select_option,
    slice_options,
)
from graphkpi.cli.params import check_options
from graphkpi.cli.support import (
    EXIT_FINDINGS,
    emit_format,
    findings_or_exit,
    load_or_exit,
    open_backend,
    output_option,
    report_options,
    screen_or_exit,
    screened_or_exit,
    slice_or_exit,
    sliced_text,
    usage_errors,
    write_baseline_or_exit,
    years_be,
)
from graphkpi.model import Finding, Severity
from graphkpi.render import findings as fr
from graphkpi.render.chains import render_chains
from graphkpi.render.findings import render_findings
from graphkpi.render.i18n import t
from graphkpi.render.orphans import render_orphans
from graphkpi.render.screen import notes
from graphkpi.render.validate import render_validation
from graphkpi.suppress import CODES as SCREEN_CODES  # reported by screening, selectable like checks

ORPHAN_CODES = ["GK101", "GK201"]
CHAIN_CODES = ["GK003", "GK201", "GK202", "GK203", "GK204", "GK205"]
OTHER_CHAIN_CODES = ("GK203", "GK204", "GK205")     # listed as findings below the table of breaks


@click.command()
@optional_bundle_argument
@select_option
@ignore_option
@format_option("table", "json", "csv")
@output_option
@fail_on_option("never", "Exit 1 when a finding of this severity or worse is found.")
@check_options()
@screen_options(baseline=True)
@slice_options
@common
@backend_option
@neo4j_options
def check(bundle: Path | None, select: tuple[str, ...], ignore: tuple[str, ...], fmt: str, output: Path | None,
          fail_on: str, check_params: dict[str, dict[str, object]], config: Path | None, baseline: Path | None,
          write_baseline: Path | None, where: Any, lang: str, years: str | None, quiet: bool, profile: str,
          backend: str, **conn: Any) -> None:
    """Run the checks on BUNDLE (or the loaded Neo4j graph) and list every finding."""
    with usage_errors(lang):
        codes = select_codes(select, ignore, extra=SCREEN_CODES)
    screen = screen_or_exit(config, baseline, lang)
    codes = screen.run_codes(codes)
    b = open_backend(bundle, backend, conn, profile, quiet, lang, text=reads_text(codes))
    codes = applicable(codes, b.files)
    try:
        sl, scope = slice_or_exit(b, where, lang) or (None, None)
        screen = screen.scoped(scope)
        be = years_be(b, years)
        ahead = fr.finding_texts(fmt, b, lang, be) if screen.hides_nothing else None   # a baseline may hide most
        screened = screened_or_exit(b, codes, quiet, lang, screen, check_params, ahead)
        found = screened.findings
        text = sliced_text(render_findings(fmt, found, b, codes, b.source, lang, be, screened.counts(),
                                           screened.blocks), fmt, sl, lang, be)
        emit_format(text + notes(screen, screened, lang) if isinstance(text, str) and fmt == "table" else text,
                    output, fmt)   # JSON and CSV come as the bytes written
        write_baseline_or_exit(write_baseline, screened, b, codes, b.source, lang, be)
    finally:
        b.close()
    exit_on(found, fail_on)


@click.command()
@report_options
@screen_options(baseline=True)
@slice_options
@click.option("--suggest", "with_suggestions", is_flag=True,
              help="Add a column of suggested links: the three elements each project most likely serves "
                   "(see `graphkpi suggest`; NetworkX backend).")
def orphans(bundle: Path | None, config: Path | None, baseline: Path | None, write_baseline: Path | None, where: Any,
            fmt: str, output: Path | None, lang: str, years: str | None, quiet: bool, profile: str, backend: str,
            with_suggestions: bool, **conn: Any) -> None:
    """Projects that do not reach the national strategy (GK101, GK201), with budget at risk."""
    if with_suggestions and backend != "networkx":
        raise click.UsageError(t("usage_suggest_networkx", lang))
    screen = screen_or_exit(config, baseline, lang)
    b = open_backend(bundle, backend, conn, profile, quiet, lang, text=with_suggestions)   # suggest reads titles
    try:
        sl, scope = slice_or_exit(b, where, lang) or (None, None)
        screen = screen.scoped(scope)
        screened = screened_or_exit(b, ORPHAN_CODES, quiet, lang, screen)
        rows = orphan_projects(b, screened.findings, lang)
        hidden = counting_hidden(b, screened.seen, len(rows), lang) if fmt == "table" else None
        if with_suggestions:
            from graphkpi.analysis.suggest import suggest
            from graphkpi.render.suggest import short_list

            found = suggest(b.graph, rows["project"].tolist(), top=3)   # type: ignore[attr-defined]
            rows["suggested"] = rows["project"].map(short_list(found)).fillna("")
        be = years_be(b, years)
        write_baseline_or_exit(write_baseline, screened, b, ORPHAN_CODES, b.source, lang, be)
    finally:
        b.close()
    text = sliced_text(render_orphans(fmt, rows, budget_at_risk(rows), b.source, lang, be, screened.counts(), hidden),
                       fmt, sl, lang, be)
    emit_format(text + notes(screen, screened, lang) if fmt == "table" else text, output, fmt)


@click.command()
@report_options
@screen_options(baseline=True)
@slice_options
def chains(bundle: Path | None, config: Path | None, baseline: Path | None, write_baseline: Path | None, where: Any,
           fmt: str, output: Path | None, lang: str, years: str | None, quiet: bool, profile: str, backend: str,
           **conn: Any) -> None:
    """GK2xx findings grouped by the element where chains stop, with what each break strands."""
    screen = screen_or_exit(config, baseline, lang)
    b = open_backend(bundle, backend, conn, profile, quiet, lang, text=False)   # GK2xx read no project text
    try:
        sl, scope = slice_or_exit(b, where, lang) or (None, None)
        screen = screen.scoped(scope)
        screened = screened_or_exit(b, CHAIN_CODES, quiet, lang, screen)
        found, be = screened.findings, years_be(b, years)
        breaks = chain_breaks(b, found, lang)
        other = [f for f in found if f.code in OTHER_CHAIN_CODES]
        fx = fr.facts(other, b, lang, be)
        write_baseline_or_exit(write_baseline, screened, b, CHAIN_CODES, b.source, lang, be)
    finally:
        b.close()
    text = sliced_text(render_chains(fmt, breaks, other, fx, b.source, lang, be, screened.counts()), fmt, sl,
                       lang, be)
    emit_format(text + notes(screen, screened, lang) if fmt == "table" else text, output, fmt)


@click.command()
@bundle_argument
@fail_on_option("error", "Exit 1 when an integrity finding (GK0xx) of this severity is found.")
@common
def validate(bundle: Path, fail_on: str, lang: str, years: str | None, quiet: bool, profile: str) -> None:
    """Check that BUNDLE loads (exit 2 with every problem if not) and report integrity findings GK0xx."""
    g = load_or_exit(bundle, profile, quiet, lang, warn=False)   # validate's report says it
    codes = select_codes(["GK0"])
    found = findings_or_exit(NetworkXBackend(g), codes, quiet, lang)
    click.echo(render_validation(bundle, g, found, codes, lang), nl=False)
    exit_on(found, fail_on)


def exit_on(found: list[Finding], fail_on: str) -> None:
    """Exit 1 when a finding is at ``fail_on`` severity or worse (``never``: never)."""
    if fail_on == "never":
        return
    threshold = Severity(fail_on).rank
    if any(catalog()[f.code].severity.rank >= threshold for f in found):
        raise SystemExit(EXIT_FINDINGS)
