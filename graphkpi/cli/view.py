"""``graphkpi view``: an interactive, offline HTML view of the plan graph."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from graphkpi.backends.networkx import NetworkXBackend
from graphkpi.checks.registry import lookup, reads_text
from graphkpi.cli.options import bundle_argument, common, screen_options, slice_options
from graphkpi.cli.support import (
    EXIT_BAD_INPUT,
    FORMAT_SUFFIXES,
    guard_output,
    load_or_exit,
    pd_index,
    screen_or_exit,
    screened_or_exit,
    slice_or_exit,
    slice_title,
    years_be,
)
from graphkpi.outputs import write_output
from graphkpi.render.i18n import t
from graphkpi.render.safe import visible
from graphkpi.suppress import CODES as SCREEN_CODES
from graphkpi.views import render_view, select_view
from graphkpi.views.html import VisAssetMissing
from graphkpi.views.select import shown_codes


@click.command("view")
@bundle_argument
@click.option("--output", "-o", type=click.Path(dir_okay=False, path_type=Path), required=True,
              help="The HTML file to write (one self-contained page).")
@click.option("--focus", "focus", metavar="ID", help="An element's or project's chains up to Z and what hangs below.")
@click.option("--depth", type=click.IntRange(min=0), default=2, show_default=True,
              help="With --focus: how many levels below the element to show.")
@click.option("--finding", metavar="CODE", help="Every finding of one code (e.g. GK201) with its chains.")
@click.option("--size", type=click.Choice(["projects", "budget"]), default="projects", show_default=True,
              help="Overview: size nodes by number of projects or by budget.")
@click.option("--max-nodes", type=click.IntRange(min=10), default=2000, show_default=True,
              help="The most nodes a view draws at first. Above 300 projects (or past this cap) projects are "
                   "grouped per target and ministry; a click opens a group by agency, then into its projects. "
                   "When those groups do not fit, one group per target (opening by ministry first); when a "
                   "slice links to more elements than fit, per sub-target its chains reach.")
@screen_options()
@slice_options
@common
@guard_output
def view(bundle: Path, output: Path, focus: str | None, depth: int, finding: str | None, size: str, max_nodes: int,
         config: Path | None, where: Any, lang: str, years: str | None, quiet: bool, profile: str) -> None:
    """Write an interactive HTML view of BUNDLE: the overview, or one focus, finding or slice (the
    projects of --ministry, --province… and the targets they reach).

    With --finding, a slice keeps the findings it touches."""
    if output.suffix.lower().lstrip(".") in FORMAT_SUFFIXES - {"html", "htm"}:   # view.csv: HTML all the same
        raise click.UsageError(t("output_html_only", lang, path=visible(str(output))))
    chosen = [(m, v) for m, v in (("focus", focus), ("slice", where.given), ("finding", finding)) if v]
    if len(chosen) > 1 and chosen[0][0] == "focus":
        raise click.UsageError(t("usage_view_focus_or_slice", lang))
    if len(chosen) > 1 and not where.given:
        raise click.UsageError(t("usage_view_one_mode", lang))
    mode, target = chosen[-1] if chosen else ("overview", "")
    if mode == "finding":
        doc = lookup(target)
        if doc is None or doc.code in SCREEN_CODES:   # GK901/GK902 are about the suppression file, not the graph
            raise click.BadParameter(t("usage_view_unknown_code", lang, code=target), param_hint="--finding")
        target = doc.code
    screen = screen_or_exit(config, None, lang)
    # the overview (elements only) and a --finding of a code that reads no project text leave it in the file
    text = reads_text(shown_codes("projects" if mode == "slice" else mode, target))
    g = load_or_exit(bundle, profile, quiet, lang, text=text)
    b = NetworkXBackend(g)
    sl, scope = slice_or_exit(b, where, lang) or (None, None)
    projects = None
    if mode == "slice":
        title = slice_title(sl, lang, years_be(g, years))
        mode, target, projects = "projects", title, pd_index(scope.projects)
    findings = screened_or_exit(b, list(shown_codes(mode, target)), quiet, lang, screen.scoped(scope)).findings
    try:
        v = select_view(g, findings, mode=mode, target=target, depth=depth, size=size, lang=lang,
                        max_nodes=max_nodes, projects=projects)
    except KeyError:
        if mode == "projects":
            click.echo(f"{t('error', lang)}: {visible(t('slice_empty', lang, title=target))}", err=True)
            raise SystemExit(EXIT_BAD_INPUT) from None
        raise click.BadParameter(t("usage_nothing_of_id", lang, id=target), param_hint=f"--{mode}") from None
    try:
        html = render_view(v, g.profile, lang=lang, be=years_be(g, years), size_by=size)
    except VisAssetMissing as exc:   # a pyvis upgrade moved the script the page inlines
        click.echo(f"{t('error', lang)}: {exc}", err=True)
        raise SystemExit(EXIT_BAD_INPUT) from None
    write_output(output, html.encode("utf-8"))
    click.echo(visible(t("view_written", lang, path=output, nodes=f"{len(v.nodes):,}", edges=f"{len(v.edges):,}")
                       + "".join(f"\n  {n}" for n in v.notes)))
