"""``graphkpi report``: the orphan-project or full findings report as HTML, Excel or CSV."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from graphkpi.backends.networkx import NetworkXBackend
from graphkpi.cli.options import bundle_argument, common, screen_options, slice_options
from graphkpi.cli.support import (
    guard_output,
    load_or_exit,
    output_errors,
    pd_index,
    report_written,
    screen_or_exit,
    slice_or_exit,
    slice_title,
    years_be,
)
from graphkpi.outputs import write_folder, write_output
from graphkpi.render.i18n import place_label, t
from graphkpi.render.safe import visible
from graphkpi.reports import build_report, render_report
from graphkpi.reports.build import shared_checks
from graphkpi.reports.per import (
    GROUPS,
    UNPLACED,
    at_risk_projects,
    file_name,
    groups,
    headline,
    index_report,
    per_reports,
)
from graphkpi.reports.write import FORMATS


@click.command("report")
@bundle_argument
@click.option("--kind", type=click.Choice(["orphans", "full"]), default="orphans", show_default=True,
              help="orphans: projects that do not reach Z, by ministry and year; full: every finding family.")
@click.option("--output", "-o", type=click.Path(path_type=Path), required=True,
              help="FILE.html (printable), FILE.xlsx (one sheet per section) or FILE.csv (the main table); "
                   "with --per, a new folder.")
@click.option("--per", type=click.Choice(GROUPS), default=None,
              help="One report per ministry or per province (national projects get their own) of the slice, "
                   "written into the new folder -o DIR with an index; nothing is written unless all are.")
@click.option("--ext", type=click.Choice(["html", "xlsx", "csv"]), default="html", show_default=True,
              help="With --per: the reports' format.")
@screen_options()
@slice_options
@common
@guard_output
def report(bundle: Path, kind: str, output: Path, per: str | None, ext: str, config: Path | None, where: Any,
           lang: str, years: str | None, quiet: bool, profile: str) -> None:
    """Write an auditor's report of BUNDLE; the format follows the file extension."""
    if per is None and output.is_dir():
        raise click.BadParameter(t("usage_report_is_folder", lang, name=visible(str(output))), param_hint="--output")
    if per is None and output.suffix.lower() not in FORMATS:
        raise click.BadParameter(t("usage_report_extension", lang, name=output.name), param_hint="--output")
    if per is not None and output.suffix.lower() in FORMATS:    # per.xlsx would be a folder of HTML files
        raise click.BadParameter(t("usage_report_per_folder", lang, name=output.name,
                                   ext=FORMATS[output.suffix.lower()]), param_hint="--output")
    screen = screen_or_exit(config, None, lang)
    # the orphans report shows names and suggestions for its projects only: read from projects.csv
    g = load_or_exit(bundle, profile, quiet, lang, text=kind == "full")
    be = years_be(g, years)
    b = NetworkXBackend(g)
    sliced = slice_or_exit(b, where, lang)
    if per is not None:
        _per(b, where, per, kind, ext, output, lang, be, screen, sliced)
        return
    sl, scope = sliced or (None, None)
    rep = build_report(g, kind, lang, be, screen.scoped(scope),
                       None if sl is None else slice_title(sl, lang, be, label=False))
    write_output(output, render_report(rep, output, be))
    report_written(output, rep)


def _per(b: NetworkXBackend, where: Any, per: str, kind: str, ext: str, folder: Path, lang: str, be: bool,
         screen: Any, sliced: tuple[Any, Any] | None) -> None:
    """``--per``: every group's report and the index, written as one new folder. ``sliced``: the
    user's slice and its scope (None without filters)."""
    g = b.graph
    projects = g.projects.index if sliced is None else pd_index(sliced[1].projects)
    found = groups(g, per, projects)
    names = g.names(found, lang)
    files: dict[str, bytes] = {}
    rows, listed = [], []
    with shared_checks(g):
        for group, sl, rep in per_reports(b, where, per, kind, lang, be, screen, found,
                                          lambda s: slice_title(s, lang, be, label=False)):
            name = file_name(kind, group, ext)
            files[name] = render_report(rep, Path(name), be)
            at_risk, budget = headline(rep, lang)
            known = per != "ministry" or group in g.agencies.index   # a project's agency missing from agencies.csv
            label = (t("report_per_unplaced", lang) if group == UNPLACED and per == "province"
                     else (names.get(group) or place_label(group, lang)) if known
                     else t("report_per_unknown_ministry", lang))
            rows.append({"group": group, "name": label, "file": name, "projects": sl.projects,
                         "at_risk": at_risk, "budget_at_risk": budget})
            listed.append(at_risk_projects(rep))
    index = index_report(rows, per, kind, str(g.source or ""), lang, listed, len(projects),
                         None if sliced is None else slice_title(sliced[0], lang, be, label=False))
    files[f"index.{ext}"] = render_report(index, Path(f"index.{ext}"), be)
    with output_errors(lang):
        write_folder(folder, files)
    click.echo(visible(t("report_per_done", lang, folder=folder, n=f"{len(rows):,}", per=t(per, lang))))
