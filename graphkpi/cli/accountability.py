"""``graphkpi lead-gaps``, ``kpis`` and ``matrix``: accountability views for ministries."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from graphkpi.analysis.accountability import LEAD_CODES, kpi_register, lead_gaps
from graphkpi.analysis.matrix import matrix_table
from graphkpi.cli.options import (
    bundle_argument,
    common,
    format_option,
    screen_options,
    slice_options,
)
from graphkpi.cli.support import (
    emit_format,
    load_or_exit,
    open_backend,
    output_option,
    report_options,
    screen_or_exit,
    screened_or_exit,
    slice_or_exit,
    sliced_graph,
    sliced_text,
    years_be,
)
from graphkpi.render.accountability import KPI_CODES, render_kpis, render_lead_gaps, render_matrix
from graphkpi.render.i18n import t
from graphkpi.render.screen import notes


@click.command("lead-gaps")
@report_options
@screen_options()
@slice_options
def lead_gaps_command(bundle: Path | None, config: Path | None, where: Any, fmt: str, output: Path | None, lang: str,
                      years: str | None, quiet: bool, profile: str, backend: str, **conn: Any) -> None:
    """GK4xx lead-agency gaps grouped by ministry: what each leads but does not act on,
    and what it should probably lead."""
    screen = screen_or_exit(config, None, lang)
    b = open_backend(bundle, backend, conn, profile, quiet, lang, text=False)   # GK4xx read no project text
    try:
        sl, scope = slice_or_exit(b, where, lang) or (None, None)
        screen = screen.scoped(scope)
        screened = screened_or_exit(b, list(LEAD_CODES), quiet, lang, screen)
        found = screened.findings
        rows = lead_gaps(b, found, lang)
    finally:
        b.close()
    be = years_be(b, years)
    text = sliced_text(render_lead_gaps(fmt, rows, found, LEAD_CODES, b.source, lang, be, screened.counts()), fmt, sl,
                       lang, be)
    emit_format(text + notes(screen, screened, lang) if fmt == "table" else text, output, fmt)


@click.command("kpis")
@bundle_argument
@click.option("--joint-only", is_flag=True, help="Only joint KPIs (agencies of two or more ministries).")
@format_option("table", "json", "csv")
@output_option
@screen_options()
@slice_options
@common
def kpis_command(bundle: Path, joint_only: bool, fmt: str, output: Path | None, config: Path | None, where: Any,
                 lang: str, years: str | None, quiet: bool, profile: str) -> None:
    """KPIs with host and partners (! = does not measure it), joint or not, and ambition gaps
    (GK405, GK501)."""
    from graphkpi.backends.networkx import NetworkXBackend

    screen = screen_or_exit(config, None, lang)
    g = load_or_exit(bundle, profile, quiet, lang, text=False)   # KPIs and leads: no project text
    b = NetworkXBackend(g)
    sl, scope = slice_or_exit(b, where, lang) or (None, None)
    screen = screen.scoped(scope)
    screened = screened_or_exit(b, list(KPI_CODES), quiet, lang, screen)
    found = screened.findings
    reg = kpi_register(g, found, lang)
    if joint_only:
        reg = reg[reg["joint"]]
    if scope is not None:   # the KPIs the slice touches (its elements', its agencies')
        reg = reg[reg["kpi"].isin(scope.kpis)]
    be = years_be(g, years)
    text = sliced_text(render_kpis(fmt, reg, found, str(g.source), lang, be, screened.counts()), fmt, sl, lang, be)
    emit_format(text + notes(screen, screened, lang) if fmt == "table" else text, output, fmt)


@click.command("matrix")
@bundle_argument
@click.option("--rows", "level", default=None, metavar="LEVEL",
              help="Which targets make the rows: a level of the profile [default: its target level, sub_target].")
@format_option("table", "json", "csv")
@output_option
@slice_options
@common
def matrix_command(bundle: Path, level: str | None, fmt: str, output: Path | None, where: Any, lang: str,
                   years: str | None, quiet: bool, profile: str) -> None:
    """Accountability matrix: targets × ministries, each cell projects and budget reaching the
    target, * marking the lead ministry."""
    g = load_or_exit(bundle, profile, quiet, lang, text=False)   # KPIs and leads: no project text
    level = level or g.profile.target_level
    if level not in g.profile.levels:
        raise click.BadParameter(t("usage_not_a_level", lang, level=level, profile=g.profile.name,
                                   levels=", ".join(g.profile.levels)), param_hint="--rows")
    sliced, sl = sliced_graph(g, where, lang)
    be = years_be(g, years)
    emit_format(sliced_text(render_matrix(fmt, matrix_table(sliced, level, lang), str(g.source), lang, be), fmt, sl,
                            lang, be), output, fmt)
