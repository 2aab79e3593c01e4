"""Every option and argument the commands share, defined once.

Only click is imported here: ``codes`` and ``explain`` use these options and must start
without pandas. The options of check parameters are generated from the catalogue in
``cli/params.py``.
"""

from __future__ import annotations

import functools
import inspect
from collections.abc import Callable
from pathlib import Path

import click

lang_option = click.option("--lang", type=click.Choice(["th", "en"]), default="th", show_default=True,
                           help="Language of labels and messages.")
years_option = click.option("--years", type=click.Choice(["be", "ce"]), default=None,
                            help="Show fiscal years in Buddhist Era or Common Era [default: as given].")
quiet_option = click.option("--quiet", "-q", is_flag=True, help="No progress bar on stderr.")
profile_option = click.option("--profile", default="th-xyz", show_default=True,
                              help="Level grammar: a shipped profile name or a .toml file.")
bundle_argument = click.argument("bundle", type=click.Path(exists=False, path_type=Path))
optional_bundle_argument = click.argument("bundle", type=click.Path(exists=False, path_type=Path), required=False)
backend_option = click.option("--backend", type=click.Choice(["networkx", "neo4j"]), default="networkx",
                              show_default=True, envvar="GRAPHKPI_BACKEND",
                              help="networkx: load BUNDLE in memory. neo4j: check the graph `graphkpi load` "
                                   "wrote to the server (no BUNDLE).")
select_option = click.option("--select", multiple=True, metavar="CODES",
                             help="Only these codes, names or prefixes (e.g. GK101,GK2). Repeatable.")
ignore_option = click.option("--ignore", multiple=True, metavar="CODES", help="Skip these codes or prefixes.")
# Unguarded: use ``output_option`` (support.py), which checks the path before any work.
raw_output_option = click.option("--output", "-o", type=click.Path(dir_okay=False, path_type=Path, allow_dash=True),
                                 callback=lambda _ctx, _param, value: None if str(value) == "-" else value,
                                 help="Write to this file (atomically) instead of standard output.")


def fail_on_option(default: str, help: str) -> Callable:
    """``--fail-on error|warning|never``: which severity makes the exit code 1."""
    return click.option("--fail-on", type=click.Choice(["error", "warning", "never"]), default=default,
                        show_default=True, help=help)


def neo4j_options(fn: Callable) -> Callable:
    """Connection options; each falls back to its NEO4J_* environment variable."""
    opts = (
        click.option("--neo4j-uri", metavar="URI", help="Bolt URI [env NEO4J_URI; default bolt://127.0.0.1:7687]."),
        click.option("--neo4j-user", metavar="USER", help="User [env NEO4J_USER; default neo4j]."),
        click.option("--neo4j-password", metavar="PASSWORD",
                     help="Password [env NEO4J_PASSWORD; prefer the variable: options show in `ps`]."),
        click.option("--database", metavar="NAME", help="Database [env NEO4J_DATABASE; default neo4j]."),
    )
    for deco in reversed(opts):
        fn = deco(fn)
    return fn


def format_option(*choices: str) -> Callable:
    """``--format``, the first choice the default."""
    return click.option("--format", "fmt", type=click.Choice(list(choices)), default=choices[0],
                        show_default=True, help=FORMAT_HELP)


FORMAT_HELP = ("Output format; without it, an -o file whose extension is one of these formats (out.json) "
               "is written in that format.")


def common(fn: Callable) -> Callable:
    """--lang, --years, --quiet and --profile, which every bundle command takes."""
    for deco in (profile_option, quiet_option, years_option, lang_option):
        fn = deco(fn)
    return fn



config_option = click.option(
    "--config", type=click.Path(dir_okay=False, path_type=Path), default=None, metavar="FILE",
    help="Suppression file (TOML, [[suppress]] entries with code, subject, reason, until) "
         "[default: graphkpi.toml in the current folder, if there is one]. Expiry dates are judged against "
         "today, or the date in GRAPHKPI_TODAY (YYYY-MM-DD, BE or CE).")
baseline_option = click.option(
    "--baseline", type=click.Path(dir_okay=False, path_type=Path), default=None, metavar="FILE",
    help="Hide findings already in FILE (an earlier --format json output, or a --write-baseline file): "
         "fail only on new ones.")
write_baseline_option = click.option(
    "--write-baseline", type=click.Path(dir_okay=False, path_type=Path), default=None, metavar="FILE",
    help="Also write the findings (after suppressions) to FILE as a baseline for --baseline.")


def screen_options(baseline: bool = False) -> Callable:
    """``--config`` (suppressions), and with ``baseline`` also ``--baseline`` and ``--write-baseline``."""
    def deco(fn: Callable) -> Callable:
        for opt in ((write_baseline_option, baseline_option) if baseline else ()):
            fn = opt(fn)
        return config_option(fn)
    return deco


# Which findings a slice keeps (graphkpi.screen.Scope applies it), said once: the --help of every
# sliced command and the report cover quote it.
SLICE_RULE = (
    "Filters select projects first; every figure is then computed on those projects. The checks run on the "
    "whole bundle, and a finding is kept when the slice touches its subject: a project's finding (GK101, "
    "GK201, GK6xx, GK203-GK205 on a project) when the project is in the slice; GK301 when one of its projects "
    "is; an element's finding (GK002, GK003, GK102, GK103, GK202-GK205, GK302, GK4xx) when a project of the "
    "slice reaches the element, or a ministry or agency of --ministry/--agency leads or coordinates it; a KPI's "
    "finding (GK405, GK501) when its element is kept or one of its agencies is in the slice; a row finding "
    "(GK001, GK004, GK005) when its subject is any of these. Suppressions are judged on the whole run: "
    "GK901 and GK902 are always kept, and an entry that matches nothing in the slice is not unused.")

SLICE_HELP = {
    "ministry": "Only projects of ministry M (id, abbreviation such as สธ or พม., Thai or English name).",
    "agency": "Only projects of agency A (id, abbreviation or name).",
    "province": "Only projects placed in P (ISO code TH-50, Thai name with or without จ., English name); a "
                "cluster (C01) or region (R1) takes all its provinces; national projects are included.",
    "year": "Only fiscal year Y (BE 2567 or CE 2024) or a range (2566-2568).",
    "target": "Only projects whose chains pass through plan element ID, at any level.",
}


def slice_options(fn: Callable) -> Callable:
    """``--ministry``, ``--agency``, ``--province``, ``--exclude-national``, ``--year``, ``--target``:
    which projects the command looks at, each repeatable and taking ``;``-lists.

    The command receives them as one keyword, ``where`` (a :class:`graphkpi.slice.SliceRequest`),
    and its help ends with the rule that decides which findings a slice keeps."""
    @functools.wraps(fn)
    def command(*args: object, **kwargs: object) -> object:
        from graphkpi.slice import FILTERS, SliceRequest

        given = {k: kwargs.pop(k) for k in FILTERS}
        where = SliceRequest.of(bool(kwargs.pop("exclude_national")), **given)  # type: ignore[arg-type]
        blank = next((k for k, v in given.items() if v and not getattr(where, k)), None)
        if blank is not None:   # --ministry "" (an unset shell variable) would select every project
            from graphkpi.render.i18n import t

            raise click.UsageError(t("usage_filter_blank", str(kwargs.get("lang") or "th"), option=f"--{blank}"))
        return fn(*args, **kwargs, where=where)

    command.__doc__ = inspect.cleandoc(fn.__doc__ or "") + "\n\n" + SLICE_RULE
    opts = [click.option(f"--{k}", k, multiple=True, metavar="ID" if k == "target" else k[0].upper(),
                         help=h + " Repeatable, or a ;-list.") for k, h in SLICE_HELP.items()]
    opts.insert(3, click.option("--exclude-national", is_flag=True, help="Leave out projects placed nationally "
                                "(with --province: only those placed there)."))
    for deco in reversed(opts):
        command = deco(command)
    return command
