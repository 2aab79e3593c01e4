"""``graphkpi codes`` and ``explain``: the catalogue of finding codes. No bundle, no pandas."""

from __future__ import annotations

import click

from graphkpi.checks.registry import catalog, lookup
from graphkpi.cli.support import EXIT_BAD_INPUT
from graphkpi.render.catalog import render_codes, render_explain
from graphkpi.render.i18n import t


@click.command()
@click.argument("code")
@click.option("--lang", type=click.Choice(["th", "en"]), default="th", show_default=True)
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
def explain(code: str, lang: str, fmt: str) -> None:
    """What a finding CODE (or name, e.g. orphan-project) finds, why it matters, how to fix it."""
    doc = lookup(code)
    if doc is None:
        click.echo(f"{t('error', lang)}: {t('unknown_code', lang, code=code)}", err=True)
        raise SystemExit(EXIT_BAD_INPUT)
    click.echo(render_explain(fmt, doc, lang), nl=False)


@click.command()
@click.option("--lang", type=click.Choice(["th", "en"]), default="th", show_default=True)
@click.option("--format", "fmt", type=click.Choice(["table", "json", "markdown"]), default="table",
              show_default=True)
def codes(lang: str, fmt: str) -> None:
    """List every finding code with its name, severity and title."""
    click.echo(render_codes(fmt, list(catalog().values()), lang), nl=False)
