"""``graphkpi diff OLD NEW``: what changed between two snapshots of a plan, and which findings are
new or fixed. NetworkX only: a Neo4j server holds one graph, and a diff needs two."""

from __future__ import annotations

from pathlib import Path

import click

from graphkpi.cli.options import (
    common,
    fail_on_option,
    format_option,
    ignore_option,
    screen_options,
    select_option,
)
from graphkpi.cli.support import (
    emit_format,
    load_or_exit,
    output_errors,
    output_option_also,
    report_written,
    screen_or_exit,
    screened_or_exit,
    usage_errors,
    years_be,
)
from graphkpi.render.i18n import t
from graphkpi.suppress import CODES as SCREEN_CODES

REPORT_SUFFIXES = (".html", ".htm", ".xlsx")   # -o with these writes the auditor's report


@click.command("diff")
@click.argument("old", type=click.Path(exists=False, path_type=Path))
@click.argument("new", type=click.Path(exists=False, path_type=Path))
@select_option
@ignore_option
@format_option("text", "json")
@output_option_also(*REPORT_SUFFIXES)
@fail_on_option("never", "Exit 1 when a NEW finding (not in OLD) of this severity or worse is found.")
@screen_options()
@common
def diff(old: Path, new: Path, select: tuple[str, ...], ignore: tuple[str, ...], fmt: str, output: Path | None,
         fail_on: str, config: Path | None, lang: str, years: str | None, quiet: bool, profile: str) -> None:
    """Compare two bundles by id: what was added, removed and changed, findings new and fixed,
    projects and budget per sub-target and ministry. -o FILE.html or FILE.xlsx writes a report.

    Runs in this process on NetworkX only (there is no --backend: a Neo4j server holds one
    graph, and a diff needs two). Both bundles are checked with the selected codes; GK301
    (duplicates) takes longest on national-scale bundles: --ignore GK301 leaves it out."""
    from graphkpi.analysis.diff import compare, compare_findings
    from graphkpi.backends.networkx import NetworkXBackend
    from graphkpi.checks.registry import applicable, select_codes
    from graphkpi.cli.findings import exit_on
    from graphkpi.render.diff import render_diff

    with usage_errors():
        codes = select_codes(select, ignore, extra=SCREEN_CODES)
    # one suppression file screens both sides the same way, against the same day
    screen = screen_or_exit(config, None, lang)
    codes = screen.run_codes(codes)
    graphs = [load_or_exit(path, profile, quiet, lang, which=which) for path, which in ((old, "OLD"), (new, "NEW"))]
    screened = [screened_or_exit(NetworkXBackend(g), applicable(codes, g.files), quiet, lang, screen)
                for g in graphs]
    be = years_be(graphs[1], years)
    result = compare_findings(compare(graphs[0], graphs[1], be), screened[0].findings, screened[1].findings,
                              old, new)
    counts = ({"suppressed": [screened[0].suppressed, screened[1].suppressed]}
              if screen.suppressions is not None else None)
    if output is not None and output.suffix.lower() in REPORT_SUFFIXES:
        from graphkpi.outputs import write_output
        from graphkpi.reports.diff import build_diff_report
        from graphkpi.reports.write import render_report

        rep = build_diff_report(result, str(old), str(new), lang, be, screen, screened[1], counts)
        with output_errors(lang):
            write_output(output, render_report(rep, output, be))
        report_written(output, rep)
    else:
        text = render_diff(fmt, result, str(old), str(new), lang, be, counts)
        if fmt == "text" and screen.suppressions is not None:   # an auditor must see what was hidden
            text += t("diff_suppressed", lang, file=screen.suppressions.path, old=f"{screened[0].suppressed:,}",
                      new=f"{screened[1].suppressed:,}") + "\n"
        emit_format(text, output, fmt)
    exit_on(result.new_findings, fail_on)

