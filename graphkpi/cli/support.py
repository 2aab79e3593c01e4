"""Plumbing shared by CLI commands: loading, backends, progress, safe output, exit codes.

The backends, the loader and pandas are imported inside the functions that use them: this
module is imported by every command, including those that never load a bundle.
"""

from __future__ import annotations

import codecs
import contextlib
import functools
import sys
from collections.abc import Callable, Iterator
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from graphkpi.cli.options import (
    backend_option,
    common,
    format_option,
    neo4j_options,
    optional_bundle_argument,
    raw_output_option,
)
from graphkpi.outputs import OutputError, check_output, write_output
from graphkpi.render.i18n import named, place_label, t
from graphkpi.render.safe import json_safe, visible

if TYPE_CHECKING:
    from graphkpi.backends.base import Backend
    from graphkpi.graph import PlanGraph
    from graphkpi.load import BundleError
    from graphkpi.model import Finding, Render
    from graphkpi.screen import Screen, Screened

EXIT_OK, EXIT_FINDINGS, EXIT_BAD_INPUT = 0, 1, 2
CONFIG_NAME = "graphkpi.toml"   # = graphkpi.suppress.CONFIG_NAME (not imported: this module starts every command)
MAX_PROBLEMS_SHOWN = 500

class Progress:
    """A progress bar on stderr, shown only on a terminal and without ``--quiet``."""

    def __init__(self, quiet: bool, label: str, total: int) -> None:
        self.enabled = not quiet and sys.stderr.isatty()
        self._bar: Any = None
        if self.enabled:
            self._bar = click.progressbar(length=total, label=label, file=sys.stderr, show_pos=True,
                                          item_show_func=lambda s: s or "")
            self._bar.__enter__()

    def advance(self, n: int, what: str) -> None:
        if self._bar is not None:
            self._bar.update(n, what)

    def step(self, what: str) -> None:
        if self._bar is not None:
            self._bar.update(1, what)

    def close(self) -> None:
        if self._bar is not None:
            self._bar.__exit__(None, None, None)
            self._bar = None


def load_or_exit(bundle: Path, profile: str, quiet: bool, lang: str = "th", text: bool = True,
                 which: str = "", warn: bool = True) -> PlanGraph:
    """Load the bundle; on bad input print every problem (file, row, column) and exit 2.

    ``text=False``: projects' free text stays in the file (see ``load_bundle``). ``which``: the
    bundle's argument (``OLD``, ``NEW``) when a command reads two, named with the problems."""
    from graphkpi.load import BundleError, load_bundle
    from graphkpi.memory import long_lived, small_pages

    small_pages()   # before the bundle's memory is touched (see graphkpi.memory)
    long_lived()    # the modules imported so far, then the graph: out of the collector's walks
    bar = Progress(quiet, "load", 3)
    try:
        g = load_bundle(bundle, profile, progress=bar.step, text=text)
        long_lived()
        bar.close()
        if "projects" in g.files and g.projects.empty:   # a header and no rows: say so once, before any finding
            click.echo(t("no_projects", lang), err=True)
        if warn:
            from graphkpi.render.validate import load_warnings

            for line in load_warnings(g, lang):   # results depend on them: said even with -q
                click.echo(f"{visible(which)} {visible(str(bundle))}: {line}" if which else line, err=True)
        return g
    except BundleError as exc:
        bar.close()
        report_problems(exc, lang, f"{which} {bundle}" if which else "")
        raise SystemExit(EXIT_BAD_INPUT) from None
    except ValueError as exc:  # a bad profile
        bar.close()
        click.echo(f"{t('error', lang)}: {said(exc, lang)}", err=True)
        raise SystemExit(EXIT_BAD_INPUT) from None
    finally:
        bar.close()


def report_problems(exc: BundleError, lang: str = "th", bundle: str = "") -> None:
    """Every problem, the first :data:`MAX_PROBLEMS_SHOWN` of them one a line; ``bundle``: which
    bundle they are in, when the command reads more than one."""
    problems = exc.problems
    heading = t("bad_input_in", lang, bundle=bundle) if bundle else t("bad_input", lang)
    click.echo(f"{t('error', lang)}: {heading} ({len(problems)}):", err=True)
    for p in problems[:MAX_PROBLEMS_SHOWN]:
        click.echo(f"  {p.render(lang)}", err=True)
    if len(problems) > MAX_PROBLEMS_SHOWN:
        click.echo("  " + t("more_problems", lang, n=len(problems) - MAX_PROBLEMS_SHOWN), err=True)


def neo4j_config(kw: dict[str, Any]) -> Any:
    """The connection settings from the popped --neo4j-* options and the environment."""
    from graphkpi.backends.neo4j.config import Neo4jConfig

    return Neo4jConfig.from_env(kw.pop("neo4j_uri", None), kw.pop("neo4j_user", None),
                                kw.pop("neo4j_password", None), kw.pop("database", None))


@contextlib.contextmanager
def backend_errors(lang: str) -> Iterator[None]:
    """A BackendError (server down, login refused, graph incomplete…) becomes its message on
    stderr, in the user's language, and exit code 2."""
    from graphkpi.backends.base import BackendError

    try:
        yield
    except BackendError as exc:
        click.echo(f"{t('error', lang)}: {exc.text(lang)}", err=True)
        raise SystemExit(EXIT_BAD_INPUT) from None


def open_driver_or_exit(cfg: Any, lang: str = "th") -> Any:
    """A connected Neo4j driver, or the reason on stderr and exit 2."""
    from graphkpi.backends.neo4j.connect import open_driver

    with backend_errors(lang):
        return open_driver(cfg)


def open_backend(bundle: Path | None, backend: str, kw: dict[str, Any], profile: str, quiet: bool,
                 lang: str, text: bool = True) -> Backend:
    """The backend a check command asked for; usage errors and unreachable servers exit 2.

    The Neo4j settings are read only for ``--backend neo4j``: importing the driver costs 0.6 s."""
    if backend == "networkx":
        from graphkpi.backends.networkx import NetworkXBackend

        if bundle is None:
            raise click.UsageError(t("usage_bundle_required", lang))
        return NetworkXBackend(load_or_exit(bundle, profile, quiet, lang, text))
    if bundle is not None:
        raise click.UsageError(t("usage_no_bundle_with_neo4j", lang))
    from graphkpi.backends.base import BackendError
    from graphkpi.backends.neo4j.backend import Neo4jBackend
    from graphkpi.profile import load_profile

    cfg = neo4j_config(kw)
    try:
        prof = load_profile(profile)
    except ValueError as exc:
        raise click.UsageError(said(exc, lang)) from None
    driver = open_driver_or_exit(cfg, lang)
    with backend_errors(lang):
        try:
            b = Neo4jBackend(driver, cfg.database, prof)
        except BackendError:
            driver.close()
            raise
    guard_source(b.source)
    if not quiet:   # on a shared server, which bundle answers may have changed since the user last looked
        click.echo(visible(t("neo4j_graph_of", lang, source=b.source or "?", at=b.state.get("loaded_at") or "?",
                             database=cfg.database)), err=True)
    if b.state.get("edited"):   # answers come from the graph as a query --write left it, not as loaded
        click.echo(t("neo4j_edited_note", lang, at=b.state["edited"]), err=True)
    if b.no_projects:   # as load_or_exit says it of a bundle
        click.echo(t("no_projects", lang), err=True)
    return b


def findings_or_exit(b: Backend, codes: list[str], quiet: bool, lang: str,
                     params: dict[str, dict[str, object]] | None = None, render: Render | None = None) -> list[Finding]:
    """Run ``codes`` on the backend; a backend that lacks one stops with exit 2 naming it.
    ``render``: each finding's output, made beside the checks where the backend can."""
    bar = Progress(quiet, "checks", len(codes))
    with backend_errors(lang):
        try:
            return b.findings(codes, progress=bar.step, params=params, render=render)
        finally:
            bar.close()


def screen_or_exit(config: Path | None, baseline: Path | None, lang: str) -> Screen:
    """The suppression file (``--config`` or ./graphkpi.toml), the ``--baseline`` and today's date;
    a bad file, entry or GRAPHKPI_TODAY prints every problem (file, entry, line, key) and exits 2."""
    from graphkpi.baseline import read_baseline
    from graphkpi.screen import Screen
    from graphkpi.suppress import ConfigError, find_config, read_suppressions, today

    try:
        path = find_config(config)
        return Screen(read_suppressions(path) if path is not None else None,
                      read_baseline(baseline) if baseline is not None else None, today())
    except ConfigError as exc:
        click.echo(f"{t('error', lang)}: {t('bad_input', lang)} ({len(exc.problems)}):", err=True)
        for p in exc.problems[:MAX_PROBLEMS_SHOWN]:
            click.echo(f"  {visible(p.render(lang))}", err=True)
        raise SystemExit(EXIT_BAD_INPUT) from None


def screened_or_exit(b: Backend, codes: list[str], quiet: bool, lang: str, screen: Screen,
                     params: dict[str, dict[str, object]] | None = None, render: Render | None = None) -> Screened:
    """``findings_or_exit`` for the checks among ``codes``, then the screen (suppressions, baseline);
    what ``render`` made of the findings beside the checks is the result's ``blocks``."""
    from graphkpi.screen import check_codes

    found = findings_or_exit(b, check_codes(codes), quiet, lang, params, render)
    return replace(screen.apply(found, codes), blocks=getattr(found, "blocks", None) or {})


def write_baseline_or_exit(path: Path | None, screened: Screened, lk: Any, codes: list[str], source: str,
                           lang: str, be: bool) -> None:
    """``--write-baseline``: the findings after suppressions as the contract's JSON, written safely."""
    if path is None:
        return
    from graphkpi.render.findings import json_document

    with output_errors(lang):
        write_output(path, json_document(screened.kept, lk, codes, source, lang, be))   # escaped
    click.echo(t("baseline_written", lang, n=f"{len(screened.kept):,}", file=visible(str(path))), err=True)


def not_swapped(bundle: Path | None, node_id: str, typed: str, meant: str, lang: str) -> None:
    """A usage error when BUNDLE does not exist but ID does (``trace`` takes BUNDLE ID, ``reach``
    ID BUNDLE: the other order is an easy slip), showing the command the other way round; the
    folder's own message otherwise. ``typed``/``meant``: the arguments as given and swapped."""
    if bundle is not None and not bundle.exists() and Path(node_id).exists():
        raise click.UsageError(t("usage_arguments_swapped", lang, typed=visible(typed), meant=visible(meant)))


def years_be(g: PlanGraph | Backend, years: str | None) -> bool:
    return g.years_given_be if years is None else years == "be"


def emit(text: str | bytes | list[bytes], output: Path | None, bom: bool = False, fmt: str = "table") -> None:
    """Print, or write ``output`` (see graphkpi.outputs). Untrusted text is made harmless first:
    control and bidi characters visible in text (``fmt="table"``), escaped in JSON; CSV cells are
    neutralised where they are built. ``bytes`` (or a list of parts) are a document made harmless
    and encoded where it was made (the findings' JSON and CSV), written as they are; a terminal
    gets them as text."""
    if isinstance(text, str):
        shown = json_safe(text) if fmt == "json" else text if fmt == "csv" else visible(text)
        parts = [shown.encode("utf-8")] if output is not None else []
    else:
        parts = [text] if isinstance(text, bytes) else text
        if output is None:
            console = sys.stdout is not None and sys.stdout.isatty()
            data = b"".join(parts)
            shown = data.decode("utf-8") if console else data   # type: ignore[assignment]  (a console: as text)
    if output is None:
        click.echo(shown, nl=False)
        return
    write_output(output, [codecs.BOM_UTF8, *parts] if bom else parts)


def report_written(output: Path, rep: Any) -> None:
    """What a report written to ``output`` holds, in one line: its title and cover figures."""
    click.echo(visible(f"{output}: {rep.title} — " + "; ".join(f"{k}: {v}" for k, v in rep.figures)))


def emit_format(text: str | bytes | list[bytes], output: Path | None, fmt: str) -> None:
    """``emit`` for a command's ``--format``: CSV written to a file gets a BOM (Excel then reads Thai)."""
    emit(text, output, bom=fmt == "csv" and output is not None, fmt=fmt)


# Parameters that name what a command reads; an -o naming one of their files is refused.
INPUT_PARAMS = ("bundle", "profile", "query_file", "config", "baseline", "old", "new")


def bundle_files() -> tuple[str, ...]:
    """The files a bundle folder is read from: an -o that would create one there is refused too."""
    from graphkpi.load.schema import FILES

    return tuple(spec.name for spec in FILES.values())


@contextlib.contextmanager
def output_errors(lang: str) -> Iterator[None]:
    """An OutputError (see graphkpi.outputs) becomes its message in the user's language and exit 2."""
    try:
        yield
    except OutputError as exc:
        click.echo(f"{t('error', lang)}: {visible(exc.text(lang))}", err=True)
        raise SystemExit(EXIT_BAD_INPUT) from None


def guard_output(fn: Callable) -> Callable:
    """Check ``output`` before the command does any work (an input file, a read-only file, a
    path under a file…), and turn a write that fails later into the same message and exit 2."""
    @functools.wraps(fn)
    def inner(*args: Any, **kwargs: Any) -> Any:
        with output_errors(kwargs.get("lang") or "th"):
            # --write-baseline may replace the --baseline it read (a CI job refreshing its baseline)
            outputs = [kwargs[out] for out in ("output", "write_baseline") if kwargs.get(out) is not None]
            for out, skip in (("output", ""), ("write_baseline", "baseline")):
                if kwargs.get(out) is not None:
                    inputs = [Path(v) for k in INPUT_PARAMS if k != skip and isinstance(v := kwargs.get(k), (str, Path))
                              and Path(v).exists()]
                    if "config" in kwargs and kwargs["config"] is None and Path(CONFIG_NAME).is_file():
                        inputs.append(Path(CONFIG_NAME))   # the suppression file found in the current folder
                    check_output(kwargs[out], inputs, reserved=bundle_files())
            ctx = click.get_current_context(silent=True)
            if ctx is not None:
                ctx.meta[_OUTPUTS] = outputs
            return fn(*args, **kwargs)
    return inner


_OUTPUTS = "graphkpi.outputs"   # the command's output files, for a check once its input is known


def guard_source(source: str) -> None:
    """Refuse the command's output files that are files of ``source``, the bundle a Neo4j graph
    was loaded from: known only once the graph is open, and still on this machine's disk when the
    server is this machine's (``-o bundle/projects.csv`` would replace the data behind the graph)."""
    ctx = click.get_current_context(silent=True)
    if not source or ctx is None or not Path(source).exists():
        return
    for out in ctx.meta.get(_OUTPUTS, ()):
        check_output(Path(out), [Path(source)], reserved=bundle_files())


# Extensions that name a file format: an -o file named so gets that format or is refused, never a
# text table under a misleading name. Any other name (.txt, none) gets the table.
FORMAT_SUFFIXES = frozenset({"json", "csv", "tsv", "xlsx", "xlsm", "xls", "ods", "html", "htm", "pdf", "png", "jpg",
                             "jpeg", "svg", "xml", "parquet", "docx"})


def format_from_output(fn: Callable, also: tuple[str, ...] = ()) -> Callable:
    """Without ``--format``, an ``-o`` file named for one of the command's formats is written in
    it: ``check -o findings.json`` writes the JSON document, not a table in a ``.json`` file. A
    file named for a format the command cannot write (``-o orphans.xlsx``: that is ``report``'s)
    is refused before any work. ``also``: suffixes the command writes by other means."""
    @functools.wraps(fn)
    def inner(*args: Any, **kwargs: Any) -> Any:
        output = kwargs.get("output")
        if output is not None and "fmt" in kwargs:
            ctx = click.get_current_context()
            choices = [c for p in ctx.command.params if p.name == "fmt" and isinstance(p.type, click.Choice)
                       for c in p.type.choices]
            named = Path(output).suffix.lower().lstrip(".")
            given = ctx.get_parameter_source("fmt") is not click.core.ParameterSource.DEFAULT
            if named in choices and not given:
                kwargs["fmt"] = named
            elif named in FORMAT_SUFFIXES and named not in choices and f".{named}" not in also:
                lang = kwargs.get("lang") or "th"
                written = ", ".join([f".{c}" for c in choices if c in FORMAT_SUFFIXES] + list(also))   # .html…
                said = t("output_format_not_written", lang, path=visible(str(output)), formats=written or "-")
                hint = "" if ".xlsx" in also else ("; " if lang == "en" else " ") + t("output_format_use_report", lang)
                raise click.UsageError(said + hint)
        return fn(*args, **kwargs)
    return inner


def output_option(fn: Callable) -> Callable:
    """``--output/-o FILE``, guarded (``guard_output``); its extension picks the format when
    ``--format`` is not given (``format_from_output``)."""
    return raw_output_option(guard_output(format_from_output(fn)))


def output_option_also(*suffixes: str) -> Callable[[Callable], Callable]:
    """:func:`output_option` of a command that also writes ``suffixes`` (diff's reports)."""
    return lambda fn: raw_output_option(guard_output(format_from_output(fn, suffixes)))


def report_options(fn: Callable) -> Callable:
    """What a command reporting one family of codes takes: BUNDLE (or ``--backend neo4j``),
    ``--format table|json|csv``, ``-o``, the common options and the Neo4j connection."""
    for deco in (neo4j_options, backend_option, common, output_option, format_option("table", "json", "csv"),
                 optional_bundle_argument):
        fn = deco(fn)
    return fn


@contextlib.contextmanager
def usage_errors(lang: str = "th") -> Iterator[None]:
    """Turn ValueError from the API (bad --select, unknown id) into click usage errors (exit 2),
    said in ``lang`` when the API gave a catalogue message (``Msg``)."""

    try:
        yield
    except ValueError as exc:
        raise click.UsageError(said(exc, lang)) from None


def said(exc: ValueError, lang: str) -> str:
    """An API error in ``lang`` when it carries a catalogue message (``Msg``), else its text."""
    from graphkpi.messages import Msg

    first = exc.args[0] if exc.args else ""
    return first.text(lang) if isinstance(first, Msg) else str(exc)


def pass_through(fn: Callable) -> Callable:
    @functools.wraps(fn)
    def inner(*args: Any, **kwargs: Any) -> Any:
        with usage_errors(kwargs.get("lang") or "th"):
            return fn(*args, **kwargs)
    return inner


def slice_or_exit(b: Backend, where: Any, lang: str) -> tuple[Any, Any] | None:
    """The slice ``where`` (a SliceRequest) names on backend ``b``, with the number of its
    projects, and its Scope; None without filters. A value naming nothing exits 2, Thai first,
    with the closest known spelling.

    This is the one call a command needs (``reach`` too): ``scope.projects`` are the slice's
    project ids; pass ``scope`` to the Screen so findings follow the slice rule."""
    if where is None or not where.given:
        return None
    from graphkpi.slice import SliceError, resolve

    with backend_errors(lang):
        directory = b.directory()
        try:
            sl = resolve(where, directory)
        except SliceError as exc:
            projects = {p.value for p in exc.problems if p.option == "target"
                        and b.down_chain(p.value).kind == "project"}   # not an element: a project, or nothing
            report_slice_problems(exc, lang, projects)
            raise SystemExit(EXIT_BAD_INPUT) from None
        if sl.provinces:
            say_unplaced(b, lang)
        projects = b.slice_projects(sl)
        if not len(projects):   # an empty list would read as good news: say it is the filters
            click.echo(t("slice_no_project", lang) + _empty_slice_hint(sl, directory, lang), err=True)
        return sl.counted(len(projects)), b.slice_scope(sl, projects)


def say_unplaced(b: Backend, lang: str) -> None:
    """On stderr: the projects no province's slice can hold, their places all unknown (GK001), so
    that a province's list or report is not read as whole when a misspelt place left one out."""
    ids = b.unplaced_projects()
    if ids:
        shown = ", ".join(ids[:UNPLACED_SHOWN]) + (", …" if len(ids) > UNPLACED_SHOWN else "")
        click.echo(visible(t("slice_unplaced", lang, n=len(ids), ids=shown)), err=True)


UNPLACED_SHOWN = 5


def _empty_slice_hint(sl: Any, directory: Any, lang: str) -> str:
    """What may have emptied a slice: a ministry given as ``--agency`` (a ministry's own id runs no
    project: its departments do), else the fiscal year, when one was given."""
    agencies = directory.agencies
    ministries = set(agencies["ministry_of"][agencies.index != agencies["ministry_of"]])   # of some other agency
    given = [a for a in sl.agencies if a in ministries]
    if given:
        ids = ", ".join(given)
        return " " + t("slice_no_project_ministry", lang, ids=ids)
    return " " + t("slice_no_project_year", lang) if sl.years else ""


def report_slice_problems(exc: Any, lang: str, projects: set[str] | frozenset[str] = frozenset()) -> None:
    """Every value of a SliceError on stderr in the user's language, with a did-you-mean;
    ``projects``: the ``--target`` values that are project ids (a target is a plan element)."""
    click.echo(f"{t('error', lang)}: {t('slice_bad', lang)} ({len(exc.problems)}):", err=True)
    for p in exc.problems:
        if p.option == "year":
            line = t("slice_bad_year", lang, value=p.value)
        elif p.option == "target" and p.value in projects:
            line = t("slice_target_project", lang, value=p.value)
        elif p.option == "exclude-national":
            line = t("slice_national_named_and_excluded", lang)
        elif p.suggestion:
            line = t("slice_unknown_suggest", lang, option=p.option, value=p.value,
                     suggestion=_suggestion(p.suggestion, p.names, lang))
        else:
            line = t("slice_unknown", lang, option=p.option, value=p.value)
        click.echo(f"  {visible(line)}", err=True)


def _suggestion(key: str, names: tuple[str, str], lang: str) -> str:
    """A did-you-mean as the id to type, ``สธ (Ministry of Public Health)`` in English: the ids
    are Thai abbreviations an English reader cannot tell apart. Thai shows the id alone, as it did."""
    name = names[1].strip() if lang == "en" else ""
    return t("id_named", lang, id=key, name=name) if name and name != key else key


def slice_title(sl: Any, lang: str, be: bool, label: bool = True) -> str:
    """One line saying which slice an output shows (text outputs, view title; without ``label``
    the report cover's value beside its own label). Ministries, agencies and places read by
    their names in ``lang`` with their ids, ``Ministry of Public Health (สธ)``: an id alone is
    opaque to an English reader, and a Thai one reads a province's name before its code."""
    from graphkpi.slice import years_label

    def readable(ids: tuple[str, ...]) -> list[str]:   # ``national`` has no name but a word
        return [named(i, name, lang) if (name := sl.name(i, lang)) else place_label(i, lang) for i in ids]

    parts = [t(f"slice_{key}", lang, ids=", ".join(values)) for key, values in (
        ("ministry", readable(sl.ministries)), ("agency", readable(sl.agencies)),
        ("province", readable(sl.provinces)),
        ("year", (years_label(sl.years, be),) if sl.years else ()), ("target", sl.targets)) if values]
    if sl.by_place:
        parts.append(t("slice_national_in" if sl.national else "slice_national_out", lang))
    scope = t("slice_scope", lang, parts=" · ".join(parts), n=f"{sl.projects or 0:,}")
    return t("slice_title", lang, scope=scope) if label else scope


def sliced_text(text: str | bytes | list[bytes], fmt: str, sl: Any, lang: str, be: bool) -> str | bytes | list[bytes]:
    """``text`` saying which slice it shows: a title line first (table), a ``"slice"`` key last
    (JSON, any document object, as text or UTF-8 bytes, or bytes in parts); CSV stays a plain
    table. Unchanged without a slice."""
    if sl is None:
        return text
    if fmt == "json":
        import json

        if isinstance(text, list):   # a document in parts: its end is rewritten
            text = b"".join(text)
        as_text: Callable[[str], Any] = (lambda part: part.encode("utf-8")) if isinstance(text, bytes) else str
        inner = text.rstrip().removesuffix(as_text("}")).rstrip()   # every JSON output is one object
        sep = as_text("" if inner.endswith(as_text("{")) else ",")
        return inner + sep + as_text(f'\n "slice": {json_safe(json.dumps(sl.as_json(be), ensure_ascii=False))}}}\n')
    if fmt == "csv":
        return text
    return slice_title(sl, lang, be) + "\n" + text   # type: ignore[operator,return-value]  (a table is text)


def sliced_graph(g: PlanGraph, where: Any, lang: str) -> tuple[PlanGraph, Any]:
    """``g`` cut to the slice's projects (for figures computed on the slice: stats, matrix) and
    the slice; ``g`` itself and None without filters."""
    from graphkpi.backends.networkx import NetworkXBackend
    from graphkpi.slice import restricted

    sliced = slice_or_exit(NetworkXBackend(g), where, lang)
    if sliced is None:
        return g, None
    sl, scope = sliced
    return restricted(g, pd_index(scope.projects)), sl


def pd_index(ids: Any) -> Any:
    """A sorted pandas Index of ``ids`` (a set of project ids)."""
    import pandas as pd

    return pd.Index(sorted(ids), dtype=object)
