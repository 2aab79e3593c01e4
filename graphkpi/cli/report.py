"""``graphkpi report``: the orphan-project or full findings report as HTML, Excel or CSV."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from graphkpi.backends.networkx import NetworkXBackend
from graphkpi.cli.options import bundle_argument, common, screen_options, slice_options
from graphkpi.cli.support import guard_output, load_or_exit, screen_or_exit, slice_or_exit, slice_title, years_be
from graphkpi.outputs import write_output
from graphkpi.render.i18n import t
from graphkpi.render.safe import visible
from graphkpi.reports import build_report, render_report
from graphkpi.reports.write import FORMATS


@click.command("report")
@bundle_argument
@click.option("--kind", type=click.Choice(["orphans", "full"]), default="orphans", show_default=True,
              help="orphans: projects that do not reach Z, by ministry and year; full: every finding family.")
@click.option("--output", "-o", type=click.Path(dir_okay=False, path_type=Path), required=True,
              help="FILE.html (printable), FILE.xlsx (one sheet per section) or FILE.csv (the main table).")
@screen_options()
@slice_options
@common
@guard_output
def report(bundle: Path, kind: str, output: Path, config: Path | None, where: Any, lang: str, years: str | None,
           quiet: bool, profile: str) -> None:
    """Write an auditor's report of BUNDLE; the format follows the file extension."""
    if output.suffix.lower() not in FORMATS:
        raise click.BadParameter(t("usage_report_extension", lang, name=output.name), param_hint="--output")
    screen = screen_or_exit(config, None, lang)
    g = load_or_exit(bundle, profile, quiet, lang)
    be = years_be(g, years)
    sl, scope = slice_or_exit(NetworkXBackend(g), where, lang) or (None, None)
    rep = build_report(g, kind, lang, be, screen.scoped(scope),
                       None if sl is None else slice_title(sl, lang, be, label=False))
    write_output(output, render_report(rep, output, be))
    click.echo(visible(f"{output}: {rep.title} — " + "; ".join(f"{k}: {v}" for k, v in rep.figures)))
