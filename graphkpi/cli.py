"""The ``graphkpi`` command line: a thin click layer over the Python API.

Exit codes: 0 ok, 1 findings at ``--fail-on``, 2 bad input or usage.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import click

from graphkpi import __version__
from graphkpi.analysis.breaks import chain_breaks
from graphkpi.analysis.orphans import budget_at_risk, orphan_projects
from graphkpi.analysis.stats import compute_stats
from graphkpi.analysis.trace import trace as trace_tree
from graphkpi.backends.networkx import NetworkXBackend
from graphkpi.checks import catalog, lookup
from graphkpi.checks.registry import select_codes
from graphkpi.cli_params import check_options
from graphkpi.cli_support import (
    EXIT_BAD_INPUT,
    EXIT_FINDINGS,
    backend_option,
    bundle_argument,
    common,
    emit,
    findings_or_exit,
    format_option,
    lang_option,
    load_or_exit,
    neo4j_options,
    open_backend,
    optional_bundle_argument,
    output_errors,
    output_option,
    usage_errors,
    years_be,
)
from graphkpi.model import Finding, Severity
from graphkpi.outputs import check_output
from graphkpi.render import findings as fr
from graphkpi.render import frames
from graphkpi.render.i18n import severity as severity_label
from graphkpi.render.i18n import t
from graphkpi.render.text import baht, table
from graphkpi.render.tree import render_tree, tree_json

select_option = click.option("--select", multiple=True, metavar="CODES",
                             help="Only these codes, names or prefixes (e.g. GK101,GK2). Repeatable.")
ignore_option = click.option("--ignore", multiple=True, metavar="CODES", help="Skip these codes or prefixes.")


@click.group(context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(__version__, prog_name="graphkpi")
def main() -> None:
    """graphkpi — does the government's work serve its plans?

    Loads a plan bundle (national strategy → master plans → sub-targets → value chains,
    NESDP, area and action plans → projects) and finds orphan projects, broken XYZ chains,
    duplicate work across ministries, fragmented targets and lead-agency gaps. Messages are in Thai; use
    --lang en for English.
    """


@main.command()
@optional_bundle_argument
@select_option
@ignore_option
@format_option("table", "json", "csv")
@output_option
@click.option("--fail-on", type=click.Choice(["error", "warning", "never"]), default="never", show_default=True,
              help="Exit 1 when a finding of this severity or worse is found.")
@check_options()
@common
@backend_option
@neo4j_options
def check(bundle: Path | None, select: tuple[str, ...], ignore: tuple[str, ...], fmt: str, output: Path | None,
          fail_on: str, check_params: dict[str, dict[str, object]], lang: str, years: str | None,
          quiet: bool, profile: str, backend: str, **conn: Any) -> None:
    """Run the checks on BUNDLE (or the loaded Neo4j graph) and list every finding."""
    with usage_errors():
        codes = select_codes(select, ignore)
    b = open_backend(bundle, backend, conn, profile, quiet, lang)
    try:
        found = findings_or_exit(b, codes, quiet, lang, check_params)
        be = years_be(b, years)
        if fmt == "json":
            emit(fr.to_json(found, b, codes, b.source, lang, be), output, fmt="json")
        elif fmt == "csv":
            emit(fr.to_csv(found, b, lang, be), output, bom=output is not None, fmt="csv")
        else:
            emit(fr.to_table(found, b, codes, lang, be), output)
    finally:
        b.close()
    if fail_on != "never":
        threshold = Severity(fail_on).rank
        if any(catalog()[f.code].severity.rank >= threshold for f in found):
            raise SystemExit(EXIT_FINDINGS)


ORPHAN_COLUMNS = ("project", "name", "agency_name", "ministry", "fiscal_year", "budget", "provinces",
                  "problem", "break_at")


@main.command()
@optional_bundle_argument
@format_option("table", "json", "csv")
@output_option
@common
@backend_option
@neo4j_options
def orphans(bundle: Path | None, fmt: str, output: Path | None, lang: str, years: str | None, quiet: bool,
            profile: str, backend: str, **conn: Any) -> None:
    """Projects that do not reach the national strategy (GK101, GK201), with budget at risk."""
    b = open_backend(bundle, backend, conn, profile, quiet, lang)
    try:
        found = findings_or_exit(b, ["GK101", "GK201"], quiet, lang)
        rows = orphan_projects(b, found, lang)
    finally:
        b.close()
    be = years_be(b, years)
    rows["problem"] = rows["code"].map({"GK101": t("orphan", lang), "GK201": t("broken", lang)})
    totals = budget_at_risk(rows)
    if fmt == "json":
        payload = {"graphkpi": fr.CONTRACT_VERSION, "bundle": b.source,
                   "projects": frames.records(rows, ["code", *ORPHAN_COLUMNS, "agency", "ministry_name"], be),
                   "by_ministry": frames.records(totals, list(totals.columns), be)}
        emit(frames.to_json(payload), output, fmt="json")
        return
    if fmt == "csv":
        emit(frames.to_csv(rows, ["code", *ORPHAN_COLUMNS, "agency", "ministry_name"], be), output,
             bom=output is not None, fmt="csv")
        return
    text = frames.to_text(rows, ORPHAN_COLUMNS, lang, be, max_width=40) + "\n\n"
    text += t("budget_at_risk", lang) + "\n"
    text += frames.to_text(totals, ["ministry", "ministry_name", "orphans", "broken", "projects", "budget"],
                           lang, be) + "\n"
    text += t("projects_total", lang, n=f"{len(rows):,}", budget=baht(rows["budget"].sum())) + "\n"
    emit(text, output)


BREAK_COLUMNS = ("element", "level_label", "name", "code", "projects", "ministries", "budget")


@main.command()
@optional_bundle_argument
@format_option("table", "json", "csv")
@output_option
@common
@backend_option
@neo4j_options
def chains(bundle: Path | None, fmt: str, output: Path | None, lang: str, years: str | None, quiet: bool,
           profile: str, backend: str, **conn: Any) -> None:
    """GK2xx findings grouped by the element where chains stop, with what each break strands."""
    b = open_backend(bundle, backend, conn, profile, quiet, lang)
    try:
        found = findings_or_exit(b, ["GK003", "GK201", "GK202", "GK203", "GK204"], quiet, lang)
        breaks = chain_breaks(b, found, lang)
        other = [f for f in found if f.code in ("GK203", "GK204")]
        fx = fr.facts(other, b, lang)
    finally:
        b.close()
    be = years_be(b, years)
    if fmt == "json":
        payload = {"graphkpi": fr.CONTRACT_VERSION, "bundle": b.source,
                   "breaks": frames.records(breaks, [*BREAK_COLUMNS, "level"], be),
                   "findings": [fr.as_dict(f, fx, lang) for f in other]}
        emit(frames.to_json(payload), output, fmt="json")
        return
    if fmt == "csv":
        emit(frames.to_csv(breaks, [*BREAK_COLUMNS, "level"], be), output, bom=output is not None, fmt="csv")
        return
    names = {"projects": "stranded_projects", "budget": "stranded_budget"}
    shown = breaks.rename(columns=names)
    cols = [names.get(c, c) for c in BREAK_COLUMNS]
    text = t("breaks", lang) + "\n" + frames.to_text(shown, cols, lang, be) + "\n"
    if other:
        by_subject: dict[str, list[Finding]] = {}
        for f in other:
            by_subject.setdefault(f.subject, []).append(f)
        text += "\n" + t("other_chain_findings", lang) + "\n"
        text += table([t("subject", lang), t("code", lang), t("message", lang)],
                      [(s, f.code, fr.message(f, fx, lang)) for s, fs in sorted(by_subject.items()) for f in fs],
                      max_width=100) + "\n"
    emit(text, output)


@main.command()
@bundle_argument
@click.argument("node_id", metavar="ID")
@format_option("table", "json")
@output_option
@common
def trace(bundle: Path, node_id: str, fmt: str, output: Path | None, lang: str, years: str | None, quiet: bool,
          profile: str) -> None:
    """Every chain from a project or element ID up to Z, marking where and why it breaks."""
    g = load_or_exit(bundle, profile, quiet, lang)
    try:
        root = trace_tree(g, node_id, lang)
    except KeyError:
        raise click.BadParameter(f"{node_id!r} is neither a project nor an element of this bundle",
                                 param_hint="ID") from None
    if fmt == "json":
        emit(tree_json(root), output, fmt="json")
    else:
        emit(render_tree(root, g, lang), output)


@main.command()
@bundle_argument
@format_option("table", "json")
@output_option
@common
def stats(bundle: Path, fmt: str, output: Path | None, lang: str, years: str | None, quiet: bool,
          profile: str) -> None:
    """Counts per level, share of projects and budget reaching Z, coverage of targets and factors."""
    g = load_or_exit(bundle, profile, quiet, lang)
    s = compute_stats(g, lang)
    shares = [
        ("projects_reaching_z", s.projects_reaching_z, s.projects),
        ("budget_reaching_z", s.budget_reaching_z, s.budget),
        ("sub_targets_with_projects", s.sub_targets_with_projects, s.sub_targets),
        ("factors_with_projects", s.factors_with_projects, s.factors),
    ]
    if fmt == "json":
        payload = {"levels": {r.level: r.count for r in s.levels.itertuples()}, "projects": s.projects,
                   **{k: {"count": part, "of": whole, "share": round(s.share(part, whole), 4)}
                      for k, part, whole in shares}}
        emit(frames.to_json(payload), output, fmt="json")
        return
    text = t("counts_per_level", lang) + "\n"
    text += table([t("level", lang), t("level_name", lang), t("count", lang)],
                  [(r.level, r.label or t("not_in_profile", lang), f"{r.count:,}") for r in s.levels.itertuples()],
                  numeric=[2]) + "\n\n"
    text += t("coverage", lang) + "\n"
    text += table(["", t("count", lang), t("total", lang), t("share", lang)],
                  [(t(k, lang), baht(part), baht(whole), f"{s.share(part, whole):.1%}") for k, part, whole in shares],
                  numeric=[1, 2, 3]) + "\n"
    emit(text, output)


@main.command()
@bundle_argument
@click.option("--fail-on", type=click.Choice(["error", "warning", "never"]), default="error", show_default=True,
              help="Exit 1 when an integrity finding (GK0xx) of this severity is found.")
@common
def validate(bundle: Path, fail_on: str, lang: str, years: str | None, quiet: bool, profile: str) -> None:
    """Check that BUNDLE loads (exit 2 with every problem if not) and report integrity findings GK0xx."""
    g = load_or_exit(bundle, profile, quiet, lang)
    found = findings_or_exit(NetworkXBackend(g), select_codes(["GK0"]), quiet, lang)
    own = g.elements["source"] == "bundle"
    click.echo(f"{t('valid', lang)}: {bundle}")
    click.echo(f"  {t('elements', lang)}: {int(own.sum()):,} (+{int((~own).sum())} {t('from_reference', lang)})")
    click.echo(f"  {t('projects', lang)}: {len(g.projects):,}   {t('agencies', lang)}: {len(g.agencies):,}")
    click.echo(f"  {t('files', lang)}: " + ", ".join(f"{k} ({v})" for k, v in sorted(g.encodings.items())))
    if found:
        click.echo("")
        click.echo(fr.to_table(found, g, select_codes(["GK0"]), lang), nl=False)
    if fail_on != "never" and any(catalog()[f.code].severity.rank >= Severity(fail_on).rank for f in found):
        raise SystemExit(EXIT_FINDINGS)


@main.command()
@click.argument("code")
@click.option("--lang", type=click.Choice(["th", "en"]), default="th", show_default=True)
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
def explain(code: str, lang: str, fmt: str) -> None:
    """What a finding CODE (or name, e.g. orphan-project) finds, why it matters, how to fix it."""
    doc = lookup(code)
    if doc is None:
        click.echo(f"error: unknown code {code!r}; see `graphkpi codes`", err=True)
        raise SystemExit(EXIT_BAD_INPUT)
    if fmt == "json":
        click.echo(json.dumps({"code": doc.code, "check": doc.name, "severity": doc.severity.value,
                               "family": doc.family, "subject_kind": doc.subject_kind,
                               **{f: doc.get(f, lang) for f in ("title", "what", "why", "fix")}},
                              ensure_ascii=False, indent=1))
        return
    click.echo(f"{doc.code} {doc.name} — {doc.get('title', lang)}")
    click.echo(f"{t('severity', lang)}: {severity_label(doc.severity.value, lang)}   "
               f"{t('subject', lang)}: {t('kind_' + doc.subject_kind, lang)}")
    for field in ("what", "why", "fix"):
        click.echo(f"\n{t(field, lang)}\n  {doc.get(field, lang)}")


@main.command()
@click.option("--lang", type=click.Choice(["th", "en"]), default="th", show_default=True)
@click.option("--format", "fmt", type=click.Choice(["table", "json", "markdown"]), default="table",
              show_default=True)
def codes(lang: str, fmt: str) -> None:
    """List every finding code with its name, severity and title."""
    docs = list(catalog().values())
    if fmt == "json":
        click.echo(json.dumps([{"code": d.code, "check": d.name, "severity": d.severity.value,
                                "title": d.get("title", lang)} for d in docs], ensure_ascii=False, indent=1))
    elif fmt == "markdown":
        click.echo("| code | check | severity | what it finds |\n|---|---|---|---|")
        for d in docs:
            click.echo(f"| {d.code} | `{d.name}` | {d.severity.value} | {d.get('what', lang)} |")
    else:
        click.echo(table([t("code", lang), t("name_label", lang), t("severity", lang), t("title", lang)],
                         [(d.code, d.name, severity_label(d.severity.value, lang), d.get("title", lang))
                          for d in docs], max_width=80))


@main.command()
@click.argument("outdir", type=click.Path(file_okay=False, path_type=Path))
@click.option("--projects", "n_projects", type=click.IntRange(min=1), default=10_000, show_default=True,
              help="Number of projects.")
@click.option("--seed", type=int, default=0, show_default=True, help="Random seed (same seed, same bundle).")
@click.option("--quiet", "-q", is_flag=True)
@lang_option
def generate(outdir: Path, n_projects: int, seed: int, quiet: bool, lang: str) -> None:
    """Write a synthetic national-scale bundle with planted defects of every kind to OUTDIR."""
    from graphkpi.synth import generate_bundle

    note = (lambda _m: None) if quiet else (lambda m: click.echo(m, err=True))
    with output_errors(lang):
        check_output(outdir / "projects.csv")  # before minutes of work: OUTDIR under a file, no permission…
        try:
            planted = generate_bundle(outdir, n_projects, seed, progress=note)
        except ValueError as exc:  # too few projects to plant every problem
            raise click.UsageError(str(exc)) from None
    click.echo(f"{outdir}: {n_projects:,} projects (seed {seed}); planted: "
               + ", ".join(f"{c} {len(v)}" for c, v in sorted(planted.items()) if v))


def _register() -> None:
    from graphkpi.cli_accountability import kpis_command, lead_gaps_command, matrix_command
    from graphkpi.cli_duplicates import duplicates_command
    from graphkpi.cli_neo4j import load, query
    from graphkpi.cli_report import report
    from graphkpi.cli_view import view

    for command in (load, query, lead_gaps_command, kpis_command, matrix_command, duplicates_command, view, report):
        main.add_command(command)


_register()
