"""The ``graphkpi`` command line: a thin click layer over the Python API.

Exit codes: 0 ok, 1 findings at ``--fail-on``, 2 bad input or usage.

Every command is listed once, here, with the module that defines it; the module is imported
only when the command runs or shows its help (see ``lazy.py``), so ``graphkpi --help``,
``codes`` and ``explain`` start without pandas, pyarrow, networkx or scipy.
"""

from __future__ import annotations

import os
import sys

import click

from graphkpi import __version__
from graphkpi.cli.clicktext import DEFAULT_LANG, LANG_ENV
from graphkpi.cli.lazy import LazyCommand, LazyGroup, pause_collection
from graphkpi.messages import LANGS

# No command does dense linear algebra (GK301's products are sparse), yet importing numpy starts
# OpenBLAS's worker threads, which spin for a while on the core arrow's readers and the UTF-8 check
# use (0.1 s of CPU in every run). A user's own setting is kept.
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

COMMANDS: dict[str, LazyCommand] = {
    # findings (findings.py)
    "check": LazyCommand("graphkpi.cli.findings:check",
                         "Run the checks on BUNDLE (or the loaded Neo4j graph) and list every finding."),
    "orphans": LazyCommand("graphkpi.cli.findings:orphans",
                           "Projects that do not reach the national strategy (GK101, GK201), with budget at risk."),
    "chains": LazyCommand("graphkpi.cli.findings:chains",
                          "GK2xx findings grouped by the element where chains stop, with what each break strands."),
    "suggest": LazyCommand("graphkpi.cli.suggest:suggest_command",
                           "For each project that does not reach the national strategy (GK101, GK201), or each "
                           "--project, the existing plan elements it most likely serves, with a score (0..1) and "
                           "the evidence for each."),
    "validate": LazyCommand("graphkpi.cli.findings:validate",
                            "Check that BUNDLE loads (exit 2 with every problem if not) and report integrity "
                            "findings GK0xx."),
    "diff": LazyCommand("graphkpi.cli.diff:diff",
                        "Compare two bundles by id: what was added, removed and changed, findings new and fixed, "
                        "projects and budget per sub-target and ministry. -o FILE.html or FILE.xlsx writes a report."),
    "suppressions": LazyCommand("graphkpi.cli.suppressions:suppressions",
                                "List the suppressions (graphkpi.toml or --config) with what each matched in BUNDLE: "
                                "status (in force, expired, unused), count and subjects, reason and expiry."),
    # exploring one bundle (explore.py)
    "trace": LazyCommand("graphkpi.cli.explore:trace",
                         "Every chain from a project or element ID up to Z, marking where and why it breaks."),
    "reach": LazyCommand("graphkpi.cli.explore:reach",
                         "Every project whose chains pass through element ID, looking down the chain (trace "
                         "looks up)."),
    "stats": LazyCommand("graphkpi.cli.explore:stats",
                         "Counts per level, share of projects and budget reaching Z, coverage of targets and "
                         "factors."),
    # the catalogue of codes (codes.py)
    "codes": LazyCommand("graphkpi.cli.codes:codes", "List every finding code with its name, severity and title."),
    "explain": LazyCommand("graphkpi.cli.codes:explain",
                           "What a finding CODE (or name, e.g. orphan-project) finds, why it matters, how to fix it."),
    # accountability (accountability.py)
    "lead-gaps": LazyCommand("graphkpi.cli.accountability:lead_gaps_command",
                             "GK4xx lead-agency gaps grouped by ministry: what each leads but does not act on, "
                             "and what it should probably lead."),
    "kpis": LazyCommand("graphkpi.cli.accountability:kpis_command",
                        "KPIs with host and partners (! = does not measure it), joint or not, and ambition gaps "
                        "(GK405, GK501)."),
    "matrix": LazyCommand("graphkpi.cli.accountability:matrix_command",
                          "Accountability matrix: targets × ministries, each cell projects and budget reaching the "
                          "target, * marking the lead ministry."),
    "duplicates": LazyCommand("graphkpi.cli.duplicates:duplicates_command",
                              "GK301 duplicate projects: groups of near-identical projects of two or more ministries "
                              "on the same sub-target, place and year, largest combined budget first."),
    # pages and files for people (view.py, report.py)
    "view": LazyCommand("graphkpi.cli.view:view",
                        "Write an interactive HTML view of BUNDLE: the overview, or one focus, finding or slice "
                        "(the projects of --ministry, --province… and the targets they reach)."),
    "report": LazyCommand("graphkpi.cli.report:report",
                          "Write an auditor's report of BUNDLE; the format follows the file extension."),
    # a Neo4j server (server.py)
    "load": LazyCommand("graphkpi.cli.server:load",
                        "Load BUNDLE into a Neo4j server, for `check --backend neo4j` and `query`."),
    "query": LazyCommand("graphkpi.cli.server:query",
                         "Run a Cypher query (a file, or a shipped NAME) against the loaded graph."),
    # test data (generate.py)
    "generate": LazyCommand("graphkpi.cli.generate:generate",
                            "Write a synthetic national-scale bundle with planted defects of every kind to OUTDIR."),
}


@click.group(cls=LazyGroup, lazy=COMMANDS,
             context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(__version__, prog_name="graphkpi")
@click.option("--lang", type=click.Choice(LANGS), default=DEFAULT_LANG, show_default=True, envvar=LANG_ENV,
              help=f"Language of help pages, labels and messages of every command (a command's own --lang "
                   f"wins) [env {LANG_ENV}].")
@click.pass_context
def main(ctx: click.Context, lang: str) -> None:
    """graphkpi — does the government's work serve its plans?

    Loads a plan bundle (national strategy → master plans → sub-targets → value chains,
    NESDP, area and action plans → projects) and finds orphan projects, broken XYZ chains,
    duplicate work across ministries, fragmented targets and lead-agency gaps. Messages are in Thai; use
    --lang en for English.
    """
    # the group's --lang (or GRAPHKPI_LANG) becomes the default of the command's own --lang
    ctx.default_map = {**(ctx.default_map or {}), **{name: {"lang": lang} for name in COMMANDS}}


# Commands whose arguments name the bundles they load (diff: two)
LOADING = frozenset({"check", "orphans", "chains", "suggest", "validate", "diff", "suppressions", "trace", "reach",
                     "stats", "lead-gaps", "kpis", "matrix", "duplicates", "view", "report"})


def prefetch(args: list[str]) -> None:
    """Begin the UTF-8 check of the projects file of each bundle folder a loading command names,
    on the core its imports leave idle (:mod:`graphkpi.load.prefetch`). An argument that only
    looks like a bundle costs that idle time and nothing else: the loader takes an answer only
    for the very file it opens."""
    command = next((a for a in args if a in COMMANDS), None)
    if command not in LOADING or "--help" in args or "-h" in args:
        return
    from pathlib import Path

    from graphkpi.load.prefetch import start_utf8

    for arg in args[args.index(command) + 1:]:
        try:
            if not arg.startswith("-") and (Path(arg) / "projects.csv").is_file():
                start_utf8(Path(arg) / "projects.csv")
        except (OSError, ValueError):   # a name too long, a NUL in it…: the command says what is wrong
            continue


def run() -> None:
    """The ``graphkpi`` program: :func:`main`, its output flushed, then the process ends without
    tearing the interpreter down. Arrow's native thread pools can abort the teardown ("terminate
    called without an active exception", exit 134) once in a few hundred runs, after every file
    was written (apache/arrow#34314): the exit code would say the run failed. Nothing graphkpi
    opens is left to the teardown: files, servers and pools are closed where they are used."""
    pause_collection()   # until the command is found
    try:
        prefetch(sys.argv[1:])
        main()
        code: object = 0
    except SystemExit as exc:
        code = exc.code
    if code is not None and not isinstance(code, int):   # SystemExit("text"): said, and a failure
        print(code, file=sys.stderr)
        code = 1
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):   # a closed pipe (``| head``): as Python itself exits then
            code = code or 120
    os._exit(code or 0)


__all__ = ["COMMANDS", "main", "run"]
