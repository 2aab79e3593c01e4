"""``graphkpi load`` and ``graphkpi query``: the commands that talk to a Neo4j server.

The check commands take ``--backend neo4j`` (see ``findings.py``); these two put a bundle into
the server and ask it planners' own questions.
"""

from __future__ import annotations

import json
import re
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

import click

from graphkpi.backends.base import BackendError
from graphkpi.cli.options import (
    bundle_argument,
    format_option,
    lang_option,
    neo4j_options,
    profile_option,
    quiet_option,
    years_option,
)
from graphkpi.cli.support import (
    EXIT_BAD_INPUT,
    Progress,
    backend_errors,
    emit_format,
    load_or_exit,
    neo4j_config,
    open_driver_or_exit,
    output_option,
)
from graphkpi.render.i18n import t
from graphkpi.render.load import render_load
from graphkpi.render.query import COUNTERS, changes_text, render_rows
from graphkpi.render.safe import visible


@click.command()
@bundle_argument
@click.option("--replace", is_flag=True,
              help="Remove graphkpi's graph from the database first (only its own nodes; other data is kept).")
@click.option("--wait", type=click.FloatRange(0), default=0.0, show_default=True, metavar="SECONDS",
              help="When another load holds the database, wait this long for it before giving up.")
@click.option("--batch-size", type=click.IntRange(1), default=None, metavar="ROWS",
              help="Rows per transaction [default: 10,000 nodes, 20,000 relationships].")
@click.option("--verbose", "-v", is_flag=True, help="One line per phase and batch on stderr (for logs).")
@profile_option
@quiet_option
@lang_option
@neo4j_options
def load(bundle: Path, replace: bool, wait: float, batch_size: int | None, verbose: bool, profile: str, quiet: bool,
         lang: str, **conn: Any) -> None:
    """Load BUNDLE into a Neo4j server, for `check --backend neo4j` and `query`.

    The bundle is validated first (bad input: exit 2, nothing written). One load at a time
    writes a database (a lock node; a second load waits --wait seconds or stops). The graph is
    marked incomplete before anything is deleted and complete only once every node and
    relationship is verified, so an interrupted load is refused by every reader. Loading the
    same bundle again changes nothing; a database holding another graphkpi graph needs
    --replace.
    """
    from graphkpi.backends.neo4j.load import load_graph, planned_rows

    cfg = neo4j_config(conn)
    g = load_or_exit(bundle, profile, quiet, lang)
    driver = open_driver_or_exit(cfg, lang)
    bar = Progress(quiet, "load", planned_rows(g))

    def progress(phase: str, what: str, n: int) -> None:
        if verbose:
            click.echo(f"{phase}\t{what}\t{n}", err=True)
        bar.advance(n if phase in ("nodes", "relationships") else 0, what)

    with backend_errors(lang):
        try:
            stats = load_graph(driver, cfg.database, g, replace=replace, progress=progress, wait=wait,
                               batch=batch_size)
        finally:
            bar.close()
            driver.close()
    if stats.took_over:
        click.echo(t("lock_taken_over", lang, **stats.took_over), err=True)
    click.echo(render_load(stats, str(bundle), cfg.describe(), lang), nl=False)


PARAM_TYPES = ("str", "int", "float", "bool", "list", "json")
_TRUE, _FALSE = ("true", "yes", "1", "ใช่"), ("false", "no", "0", "ไม่")


def _param(text: str, lang: str = "th") -> tuple[str, Any]:
    """``name=value`` is text, always: ids such as ``130201`` or ``007`` must reach the query as
    the strings the graph holds. A number, flag or list only when asked, ``name:TYPE=value``
    with TYPE int, float, bool, list (``;``-separated text, like the bundle's lists) or json."""
    key, sep, value = text.partition("=")
    name, _, kind = key.partition(":")
    name, kind = name.strip(), kind.strip().lower() or "str"
    if not sep or not name:
        raise click.BadParameter(t("param_shape", lang, text=text), param_hint="--param")
    if kind not in PARAM_TYPES:
        raise click.BadParameter(t("param_type", lang, text=text, types=", ".join(PARAM_TYPES)), param_hint="--param")
    try:
        return name, _typed(kind, value)
    except ValueError:
        raise click.BadParameter(t("param_value", lang, text=text, type=kind), param_hint="--param") from None


def _typed(kind: str, value: str) -> Any:
    """``value`` as ``kind``; ValueError when it is not one."""
    if kind == "int":
        return int(value.strip().replace(",", ""))
    if kind == "float":
        number = float(value.strip().replace(",", ""))
        if number != number or number in (float("inf"), float("-inf")):
            raise ValueError(value)
        return number
    if kind == "bool":
        word = value.strip().casefold()
        if word not in _TRUE + _FALSE:
            raise ValueError(value)
        return word in _TRUE
    if kind == "list":
        return [item.strip() for item in value.split(";") if item.strip()]
    if kind == "json":
        return json.loads(value)
    return value


def _shipped(name: str) -> str | None:
    from graphkpi.backends.neo4j.queries import has, text

    return text(f"queries/{name}") if has(f"queries/{name}") else None


_COMMENT = re.compile(r"//[^\n]*|/\*.*?\*/", re.S)
_PARAM = re.compile(r"\$(\w+)")
# Given to every query (a --param of the same name wins), so shipped queries answer as the other
# commands do; a query that does not read them is not troubled: the server ignores unused parameters.
ALWAYS_GIVEN = ("lang", "years")
# `// must exist: $NAME Label`: the value of $NAME must be the id of such a node, else exit 2 saying
# so (an unknown id would otherwise read as "no rows", like an answer). Labels with the word for each.
_MUST_EXIST = re.compile(r"^\s*//\s*must exist:\s*\$(\w+)\s+(\w+)\s*$", re.M)
EXIST_KINDS = {"GkProject": "kind_project", "GkElement": "kind_element", "GkAgency": "agency"}


def query_params(text: str) -> set[str]:
    """The ``$NAME`` parameters a query's text uses, comments aside (but those always given)."""
    return set(_PARAM.findall(_COMMENT.sub("", text))) - set(ALWAYS_GIVEN)


def must_exist(text: str) -> dict[str, str]:
    """Parameter name → the label its value must be the id of, from the query's ``// must exist:``
    lines (only labels of :data:`EXIST_KINDS`: the check's Cypher spells each, labels are no parameters)."""
    return {name: label for name, label in _MUST_EXIST.findall(text) if label in EXIST_KINDS}


def shipped_queries() -> list[str]:
    from importlib import resources

    folder = resources.files("graphkpi.cypher").joinpath("queries")
    return sorted(p.name.removesuffix(".cypher") for p in folder.iterdir() if p.name.endswith(".cypher"))


@click.command()
@click.argument("query_file", metavar="FILE.cypher|NAME", required=False)
@click.option("--param", "params", multiple=True, metavar="NAME[:TYPE]=VALUE",
              help="A query parameter ($NAME). VALUE is text (ids stay text: target=130201); a TYPE asks for "
                   "another kind: n:int=5, x:float=0.5, flag:bool=true, ids:list=สธ;มท (';'-separated), "
                   "v:json=[1,2].")
@click.option("--write", is_flag=True, help="Run in a write transaction (default: read-only).")
@click.option("--list", "list_queries", is_flag=True, help="List the queries that ship with graphkpi.")
@click.option("--allow-incomplete", is_flag=True,
              help="Answer even when the graph is not a complete, verified load (the answer says so).")
@format_option("table", "json", "csv")
@output_option
@years_option
@lang_option
@neo4j_options
def query(query_file: str | None, params: tuple[str, ...], write: bool, list_queries: bool, allow_incomplete: bool,
          fmt: str, output: Path | None, years: str | None, lang: str, **conn: Any) -> None:
    """Run a Cypher query (a file, or a shipped NAME) against the loaded graph.

    Values reach the query only as parameters ($lang is --lang and $years is be or ce, --years or
    else the bundle's era, unless --param sets them). Read-only unless --write; a read-only query
    may not use LOAD CSV. Like the checks, it refuses a graph whose load did not finish or that no
    longer holds what was loaded, unless --allow-incomplete.
    """
    if list_queries:   # each with the parameters it needs ($lang and $years are always given)
        names = shipped_queries()
        width = max((len(n) for n in names), default=0)
        for name in names:
            needs = " ".join(f"--param {p}=…" for p in sorted(query_params(_shipped(name) or "")))
            click.echo(f"{name:<{width}}  {needs}".rstrip())
        return
    if not query_file:
        raise click.UsageError(t("usage_query_missing", lang))
    path = Path(query_file)
    if path.is_file():
        text = path.read_text(encoding="utf-8-sig")
    else:
        shipped = _shipped(query_file)
        if shipped is None:
            import difflib

            text = t("usage_query_unknown", lang, name=query_file)
            near = difflib.get_close_matches(query_file, shipped_queries(), n=1, cutoff=0.6)
            if near:
                text += "; " + t("reach_did_you_mean", lang, ids=near[0])
            raise click.BadParameter(text, param_hint="FILE.cypher|NAME")
        text = shipped
    values = dict(_param(p, lang) for p in params)
    unused = sorted(set(values) - query_params(text) - set(ALWAYS_GIVEN))   # every query may read those
    if unused:   # a misspelt --param would otherwise be ignored without a word
        click.echo(t("query_param_unused", lang, names=", ".join(unused)), err=True)
    values.setdefault("lang", lang)   # shipped queries give names and their own lines in the user's language
    cfg = neo4j_config(conn)
    driver = open_driver_or_exit(cfg, lang)
    from neo4j.exceptions import Neo4jError

    from graphkpi.backends.neo4j.queries import query as cypher
    from graphkpi.backends.neo4j.state import read_state, verified_state

    warning = None
    try:
        with backend_errors(lang):
            try:
                state = verified_state(driver, cfg.database)
            except BackendError as exc:
                if not allow_incomplete:
                    raise
                warning = t("query_incomplete", lang, reason=exc.text(lang))
                state = read_state(driver, cfg.database) or {}
            # years as the other commands show them: --years, else the era the bundle wrote (graph: CE)
            values.setdefault("years", years or ("be" if state.get("years_given_be") else "ce"))
            with driver.session(database=cfg.database) as session:
                if missing := _missing_ids(session, text, values):
                    name, label = missing
                    click.echo(f"{t('error', lang)}: " + t("query_id_unknown", lang, kind=t(EXIST_KINDS[label], lang),
                                                           id=visible(str(values[name])), name=name), err=True)
                    raise SystemExit(EXIT_BAD_INPUT)
                if not write and _loads_csv(session, text, values):
                    raise BackendError("load_csv")
                run = session.execute_write if write else session.execute_read
                keys, rows, changed = run(lambda tx: _collect(tx.run(text, values)))
                if write:   # the graph is no longer only its load's: a reload must not say "nothing changed"
                    session.execute_write(lambda tx: tx.run(cypher("load/bundle_edited"),
                                                            at=datetime.now(timezone.utc).isoformat(timespec="seconds"))
                                          .consume())
    except Neo4jError as exc:
        click.echo(f"{t('error', lang)}: {_query_error(exc, query_file, lang)}", err=True)
        raise SystemExit(EXIT_BAD_INPUT) from None
    finally:
        driver.close()
    if warning:
        click.echo(warning, err=True)
    emit_format(render_rows(fmt, keys, rows, warning, lang), output, fmt)
    if done := changes_text(changed, lang):   # on stderr: what -o or a pipe gets stays the rows
        click.echo(done, err=True)


_PROBE = "EXPLAIN "   # the LOAD CSV probe's prefix: a syntax error found there is in the user's text
_AT = re.compile(r"\(line (\d+), column (\d+) \(offset: (\d+)\)\)")
_CARET = re.compile(r"(?m)^( +)\^$")


def _query_error(exc: Any, name: str, lang: str) -> str:
    """What the server refused, in the user's language: a missing parameter, a write without
    --write, a syntax error (at the user's own line and column), else the server's words."""
    code, message = exc.code or "", exc.message or str(exc)
    if code.endswith("ParameterMissing"):
        names = message.split(":", 1)[-1].strip()
        return t("query_param_missing", lang, names=names)
    if code.endswith("AccessMode") or "read access mode" in message:
        return t("query_needs_write", lang)
    if code.endswith("SyntaxError"):
        return t("query_syntax", lang, name=name, reason=_unprobed(message))
    return t("query_refused", lang, reason=message)


def _unprobed(message: str) -> str:
    """The server's syntax message about the user's text, not the probe's: the prefix out of the
    quoted line, and a position on the first line moved back by its length."""
    if f'"{_PROBE}' not in message:
        return message

    def back(m: re.Match[str]) -> str:
        line, column, offset = (int(g) for g in m.groups())
        shift = len(_PROBE) if line == 1 else 0
        return f"(line {line}, column {column - shift} (offset: {offset - len(_PROBE)}))"
    text = _AT.sub(back, message.replace(f'"{_PROBE}', '"', 1))
    return _CARET.sub(lambda m: m.group(1)[len(_PROBE):] + "^", text, count=1)   # under the same character


def _missing_ids(session: Any, text: str, values: dict[str, Any]) -> tuple[str, str] | None:
    """The first ``// must exist:`` parameter whose value is no node of its label, with that label
    (a parameter not given is left to the server, which names it as missing)."""
    from graphkpi.backends.neo4j.queries import query as cypher

    wanted = [{"param": n, "label": label, "id": values[n]} for n, label in must_exist(text).items() if n in values]
    if not wanted:
        return None
    rows = session.execute_read(lambda tx: [r.data() for r in tx.run(cypher("backend/query_ids"), wanted=wanted)])
    found = {r["param"] for r in rows if r["found"]}
    return next(((w["param"], w["label"]) for w in wanted if w["param"] not in found), None)


def _loads_csv(session: Any, text: str, values: dict[str, Any]) -> bool:
    """Whether the query's plan reads files or URLs (LOAD CSV), asked of the server's planner, so
    no spelling, comment or case hides it."""
    summary = session.execute_read(lambda tx: tx.run(_PROBE + text, values).consume())
    stack = [summary.plan] if summary.plan else []
    while stack:
        op = stack.pop()
        if str(op.get("operatorType", "")).split("@")[0] == "LoadCSV":
            return True
        stack.extend(op.get("children", []))
    return False


def _collect(result: Any) -> tuple[list[str], list[list[Any]], dict[str, int]]:
    """The result's columns, rows and what it changed (by :data:`graphkpi.render.query.COUNTERS` name)."""
    keys = list(result.keys())
    rows = [list(rec.data().values()) for rec in result]
    counters = result.consume().counters
    return keys, rows, {k: n for k in COUNTERS if (n := getattr(counters, k, 0))}
