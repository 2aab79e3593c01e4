"""Every code but GK301 reads no project text: a graph loaded without it finds the same.

``check`` loads projects.csv without its names and objectives when no selected code reads them
(``registry.TEXT_CODES``), and reads the names its findings show from the file. A check that
starts reading a project's name or objective without being listed there fails here.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from graphkpi.checks.registry import TEXT_CODES, check_codes
from graphkpi.checks.run import run_codes
from graphkpi.load import load_bundle
from graphkpi.render.findings import to_csv, to_json, to_table
from graphkpi.synth import generate_bundle

SAMPLE = Path(__file__).resolve().parents[2] / "data" / "sample"


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("text") / "g"
    generate_bundle(path, 3000, seed=7)
    return path


@pytest.mark.parametrize("which", ["sample", "generated"])
def test_a_graph_without_project_text_finds_and_says_the_same(which: str, generated: Path) -> None:
    path = SAMPLE if which == "sample" else generated
    full, lean = load_bundle(path), load_bundle(path, text=False)
    assert lean.deferred is not None and not {"name", "objective"} & set(lean.projects.columns)
    codes = [c for c in check_codes() if c not in TEXT_CODES]
    found = run_codes(lean, codes)
    assert found == run_codes(full, codes)
    assert sum(f.subject_kind == "project" for f in found) > 10
    for render in (lambda g: to_json(found, g, codes, "b"), lambda g: to_csv(found, g),
                   lambda g: to_table(found, g, codes, "en")):
        assert render(lean) == render(full)


def test_the_text_codes_read_the_text_from_the_file() -> None:
    """The near-miss: GK301 on a graph loaded without project text reads it again (slower, same
    groups), rather than comparing empty titles."""
    full, lean = load_bundle(SAMPLE), load_bundle(SAMPLE, text=False)
    found = run_codes(lean, sorted(TEXT_CODES))
    assert found and found == run_codes(full, sorted(TEXT_CODES))


class Loads:
    """Every ``load_bundle`` a command makes: whether it asked for projects' text (``asked``), and
    with ``force`` set, loaded with the text whatever it asked (the reference run)."""

    def __init__(self) -> None:
        self.asked: list[bool] = []
        self.force = False


@pytest.fixture
def loads(monkeypatch: pytest.MonkeyPatch) -> Loads:
    from graphkpi.load import bundle as loader

    seen, real = Loads(), loader.load_bundle

    def spy(*args, text: bool = True, **kwargs):
        seen.asked.append(text)
        return real(*args, text=text or seen.force, **kwargs)

    monkeypatch.setattr("graphkpi.load.load_bundle", spy)
    return seen


def _both(loads: Loads, *argv: str) -> tuple[object, object]:
    """The command run as it loads, then forced to load projects' text."""
    from click.testing import CliRunner

    from graphkpi.cli import main

    runs = []
    for force in (False, True):
        loads.force = force
        runs.append(CliRunner().invoke(main, list(argv)))
    return runs[0], runs[1]


@pytest.mark.parametrize("options", [
    ["--format", "json"], ["--format", "csv"], ["--lang", "en"],
    ["--ministry", "สธ", "--format", "json"], ["--province", "เชียงใหม่"], ["--year", "2567", "--format", "csv"],
])
def test_check_prints_the_same_whether_projects_text_was_loaded_or_not(loads: Loads, options: list[str]) -> None:
    """Through the command line, with slices: only the load differs."""
    lean, full = _both(loads, "check", str(SAMPLE), "--select", "GK0,GK1,GK2,GK4,GK5,GK6,GK302", *options)
    assert loads.asked == [False, False]
    assert lean.exit_code == full.exit_code == 0, lean.output
    assert lean.stdout == full.stdout and lean.stdout.strip()


@pytest.mark.parametrize("command", ["orphans", "chains"])
@pytest.mark.parametrize("options", [["--format", "json"], ["--format", "csv"], ["--ministry", "สธ"], []])
def test_reports_list_the_same_whether_projects_text_was_loaded_or_not(loads: Loads, command: str,
                                                                       options: list[str]) -> None:
    """``orphans`` and ``chains`` show projects with their names, read back from the file; forced to
    load the text, they print the same. ``orphans --suggest`` and a ``check`` of GK301 load it."""
    from click.testing import CliRunner

    from graphkpi.cli import main

    lean, full = _both(loads, command, str(SAMPLE), *options)
    loads.force = False
    suggested = CliRunner().invoke(main, ["orphans", str(SAMPLE), "--suggest", "--format", "csv"])
    duplicates = CliRunner().invoke(main, ["check", str(SAMPLE), "--select", "GK301"])
    assert loads.asked == [False, False, True, True]
    assert lean.exit_code == full.exit_code == suggested.exit_code == duplicates.exit_code == 0, lean.output
    assert lean.stdout == full.stdout and lean.stdout.strip()
    if command == "orphans":   # a list of projects, with their names
        assert "P-0" in lean.stdout and "โครงการ" in lean.stdout


def _report_content(path: Path) -> object:
    """What a report says: its cells, or its text (the page's embedded font is the same bytes on
    every run)."""
    if path.suffix == ".xlsx":
        import openpyxl

        return [[[c.value for c in row] for row in ws.iter_rows()] for ws in openpyxl.load_workbook(path).worksheets]
    return path.read_text(encoding="utf-8-sig")


@pytest.mark.parametrize("ext", ["csv", "xlsx", "html"])
def test_the_orphans_report_is_the_same_whether_projects_text_was_loaded_or_not(loads: Loads, tmp_path: Path,
                                                                                  ext: str, monkeypatch) -> None:
    """``report --kind orphans`` reads its projects' names and, for the suggestions, their titles
    and objectives back from the file; ``--kind full`` (GK301 among its sections) loads the text."""
    from datetime import datetime, timezone

    from click.testing import CliRunner

    from graphkpi.cli import main
    from graphkpi.reports import write

    # the reports say when they were made, to the minute: two made across a minute's end differed
    monkeypatch.setattr(write, "_now", lambda: datetime(2026, 12, 5, 9, 29, 59, tzinfo=timezone.utc))

    written = []
    for force in (False, True):
        loads.force = force
        out = tmp_path / f"{force}.{ext}"
        result = CliRunner().invoke(main, ["report", str(SAMPLE), "--kind", "orphans", "-o", str(out)])
        assert result.exit_code == 0, result.output
        written.append(_report_content(out))
    loads.force = False
    full = CliRunner().invoke(main, ["report", str(SAMPLE), "--kind", "full", "-o", str(tmp_path / "full.csv")])
    assert full.exit_code == 0
    assert loads.asked == [False, False, True]
    assert written[0] == written[1] and "โครงการ" in str(written[0])


@pytest.mark.parametrize(("argv", "text"), [
    (["view", "{s}"], False), (["view", "{s}", "--finding", "GK201"], False),
    (["view", "{s}", "--finding", "GK301"], True), (["view", "{s}", "--ministry", "สธ"], True),
])
def test_a_view_without_project_text_is_the_same_page(loads: Loads, tmp_path: Path, argv: list[str],
                                                      text: bool) -> None:
    """The overview draws elements only, and a --finding view of a code that reads no project
    text shows names read back from the file: both load projects.csv without its text and
    write the same page; views that may show GK301 load the text."""
    from click.testing import CliRunner

    from graphkpi.cli import main

    pages = []
    for force in (False, True):
        loads.force = force
        out = tmp_path / f"{force}.html"
        result = CliRunner().invoke(main, [*(a.format(s=SAMPLE) for a in argv), "-o", str(out)])
        assert result.exit_code == 0, result.output
        pages.append(out.read_bytes())
    assert loads.asked == [text, text]
    assert pages[0] == pages[1]
    assert (b"P-0" in pages[0]) == (argv != ["view", "{s}"])   # the overview draws no project


@pytest.mark.parametrize("argv", [
    ["trace", "{s}", "P-000001"], ["trace", "{s}", "P-000001", "--format", "json"], ["trace", "{s}", "030201"],
    ["stats", "{s}"], ["stats", "{s}", "--ministry", "สธ", "--format", "json"],
    ["reach", "030201", "{s}"], ["reach", "030201", "{s}", "--format", "csv"],
    ["reach", "030201", "{s}", "--format", "json"],
    ["lead-gaps", "{s}"], ["kpis", "{s}", "--format", "json"], ["matrix", "{s}"], ["suppressions", "{s}"],
])
def test_planners_commands_say_the_same_whether_projects_text_was_loaded_or_not(loads: Loads,
                                                                                 argv: list[str]) -> None:
    """The planners' questions (trace, stats, reach, lead gaps, KPIs, the matrix) read no project
    text but the names they show, read back from the file."""
    lean, full = _both(loads, *(a.format(s=SAMPLE) for a in argv))
    assert loads.asked == [False, False]
    assert lean.exit_code == full.exit_code == 0, lean.output
    assert lean.stdout == full.stdout and lean.stdout.strip()


def test_any_command_stops_with_exit_2_when_the_file_changed(monkeypatch: pytest.MonkeyPatch,
                                                             tmp_path: Path) -> None:
    """Whichever command reads names back from a file that changed since the load says so, exits 2
    and writes nothing (the command group turns the error into that, for every command)."""
    from click.testing import CliRunner

    from graphkpi.cli import main
    from graphkpi.load.deferred import DeferredColumns
    from graphkpi.load.errors import BundleError, problem

    def changed(self: DeferredColumns) -> None:
        raise BundleError([problem(self.label, None, None, "changed_while_reading")])

    monkeypatch.setattr(DeferredColumns, "_unchanged", changed)
    out = tmp_path / "tree.json"
    result = CliRunner().invoke(main, ["trace", str(SAMPLE), "P-000001", "--format", "json", "-o", str(out),
                                       "--lang", "en"])
    assert result.exit_code == 2
    assert "projects.csv: the file changed while graphkpi was reading it" in result.stderr
    assert not out.exists()
