"""The CLI through click's runner and through a real subprocess."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from graphkpi.cli import main
from graphkpi.cli.lazy import LazyCommand, LazyGroup
from tests.conftest import MINIMAL, SAMPLE

BROKEN = {
    **MINIMAL,
    "elements.csv": MINIMAL["elements.csv"] + "T2,sub_target,เป้าหมายสอง,\nF1,vc_factor,ปัจจัย,\n",
    "projects.csv": "id,name,agency,fiscal_year,budget,provinces,links\n"
                    "P1,โครงการหนึ่ง,A1,2567,\"1,000\",TH-50,T1\n"
                    "P2,โครงการสอง,A1,2567,\"2,500\",national,T2\n"
                    "P3,=HYPERLINK(\"http://x\"),A1,2566,300,,\n",
}


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_check_json_follows_the_contract(bundle) -> None:
    code, out, _ = run("check", str(bundle(BROKEN)), "--format", "json")
    assert code == 0
    doc = json.loads(out)
    assert doc["graphkpi"] == "1" and set(doc) == {"graphkpi", "bundle", "summary", "findings"}
    assert doc["summary"]["GK101"] == 1 and doc["summary"]["GK201"] == 1
    f = next(f for f in doc["findings"] if f["code"] == "GK201")
    assert f == {**f, "check": "broken-chain", "severity": "error", "subject": "P2", "subject_kind": "project",
                 "related": [], "details": {"break_at": ["T2"]}}
    assert set(f) == {"code", "check", "severity", "subject", "subject_kind", "related", "message", "details"}


@pytest.mark.parametrize("args", [["stats", "{b}"], ["trace", "{b}", "P-000001"], ["orphans", "{b}"],
                                  ["chains", "{b}"], ["reach", "S1", "{b}"], ["kpis", "{b}"]])
def test_every_json_document_opens_with_the_version_and_the_bundle(args: list[str]) -> None:
    """stats and trace used to open with their own keys: a tool reading several commands' JSON
    finds ``graphkpi`` and ``bundle`` first in each (the others are the near misses)."""
    r = CliRunner().invoke(main, [a.format(b=SAMPLE) for a in args] + ["--format", "json"])
    assert r.exit_code == 0, r.output
    assert list(json.loads(r.stdout))[:2] == ["graphkpi", "bundle"]
    assert json.loads(r.stdout)["bundle"] == str(SAMPLE)


def test_select_ignore_and_prefixes(bundle) -> None:
    path = str(bundle(BROKEN))
    _, out, _ = run("check", path, "--format", "json", "--select", "GK2", "--ignore", "GK203")
    assert set(json.loads(out)["summary"]) == {"GK201", "GK202", "GK204", "GK205"}
    _, out, _ = run("check", path, "--format", "json", "--select", "orphan-project")
    assert list(json.loads(out)["summary"]) == ["GK101"]
    code, _, err = run("check", path, "--select", "GK999")
    assert code == 2 and "GK999" in err and "did you mean" not in err
    _, out, _ = run("check", path, "--format", "json", "--select", "broken;orphan")   # name prefixes, ; apart
    assert list(json.loads(out)["summary"]) == ["GK101", "GK201"]
    code, _, err = run("check", path, "--ignore", "uncoverd-factor", "--lang", "en")
    assert code == 2 and "did you mean uncovered-factor?" in err


def test_fail_on(bundle) -> None:
    path = str(bundle(BROKEN))
    assert run("check", path, "--fail-on", "error")[0] == 1
    assert run("check", path, "--fail-on", "never")[0] == 0
    assert run("check", path, "--select", "GK103", "--fail-on", "error")[0] == 0
    assert run("check", path, "--select", "GK103", "--fail-on", "warning")[0] == 1


def test_csv_neutralises_formulas_and_output_file_has_bom(bundle, tmp_path: Path) -> None:
    out = tmp_path / "f.csv"
    code, _, _ = run("check", str(bundle(BROKEN)), "--format", "csv", "--output", str(out))
    assert code == 0
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))
    assert rows and all(not r["message"].startswith(("=", "+", "-", "@")) for r in rows)
    assert any("'=HYPERLINK" in r["message"] or "=HYPERLINK" in r["message"] for r in rows)


@pytest.mark.parametrize("command", ["check", "orphans", "chains"])
def test_the_output_files_extension_picks_the_format_unless_format_is_given(bundle, tmp_path: Path,
                                                                             command: str) -> None:
    path = str(bundle(BROKEN))
    for name, given, written in [("a.json", (), "json"), ("a.CSV", (), "csv"), ("a.txt", (), "table"),
                                 ("b.json", ("--format", "table"), "table"), ("b.csv", ("--format", "json"), "json")]:
        out = tmp_path / name
        assert run(command, path, "-o", str(out), *given)[0] == 0
        raw = out.read_bytes()
        if written == "json":
            assert json.loads(raw)["graphkpi"] == "1", (name, given)
        elif written == "csv":
            assert raw.startswith(b"\xef\xbb\xbf") and next(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
        else:   # the table, as printed
            assert raw.decode() == run(command, path, *given)[1], (name, given)


@pytest.mark.parametrize(("args", "name"), [(["check"], "f.xlsx"), (["orphans"], "o.HTML"), (["stats"], "s.csv"),
                                            (["diff", str(SAMPLE)], "d.csv")])
def test_an_output_named_for_a_format_the_command_cannot_write_is_refused(tmp_path: Path, args: list[str],
                                                                          name: str) -> None:
    out = tmp_path / name
    code, _, err = run(*args, str(SAMPLE), "-o", str(out), "--lang", "en")
    assert code == 2 and "does not write that format" in err and not out.exists()
    assert ("graphkpi report" in err) == (args[0] != "diff")    # diff writes its own Excel and HTML report


def test_diff_still_writes_its_report_by_extension(tmp_path: Path) -> None:
    out = tmp_path / "d.html"
    assert run("diff", str(SAMPLE), str(SAMPLE), "-o", str(out))[0] == 0
    assert out.read_bytes().lstrip().lower().startswith(b"<!doctype html")


@pytest.mark.parametrize(("typed", "meant"), [(["trace", "P-000028", str(SAMPLE)], f"trace {SAMPLE} P-000028"),
                                             (["reach", str(SAMPLE), "130201"], f"reach 130201 {SAMPLE}")])
def test_arguments_the_wrong_way_round_are_pointed_out(typed: list[str], meant: str) -> None:
    code, _, err = run(*typed, "--lang", "en")
    assert code == 2 and "wrong way round" in err and f"try: graphkpi {meant}" in err
    code, _, err = run(typed[0], "no-such-bundle", "130201", "--lang", "en")   # near-miss: neither exists
    assert code == 2 and "wrong way round" not in err


def test_output_dash_is_standard_output(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    code, out, _ = run("check", str(SAMPLE), "--select", "GK101", "-o", "-", "--format", "json")
    assert code == 0 and json.loads(out)["summary"] == {"GK101": 11} and list(tmp_path.iterdir()) == []


def test_a_mistyped_command_names_the_nearest() -> None:
    code, _, err = run("orphan", str(SAMPLE), "--lang", "en")
    assert code == 2 and "No such command 'orphan'. Did you mean orphans?" in err
    code, _, err = run("zzz", "--lang", "en")     # near-miss: nothing close
    assert code == 2 and "Did you mean" not in err
    code, _, err = run("accountability", "--lang", "en")   # the README's section: its commands
    assert code == 2 and "No such command 'accountability'. Did you mean lead-gaps, kpis, matrix?" in err


def test_english_messages(bundle) -> None:
    _, out, _ = run("check", str(bundle(BROKEN)), "--lang", "en", "--select", "GK101")
    assert "links to no plan element" in out


def test_orphans_lists_projects_and_ministry_totals(bundle) -> None:
    code, out, _ = run("orphans", str(bundle(BROKEN)), "--format", "json", "--years", "ce")
    assert code == 0
    doc = json.loads(out)
    by_id = {p["project"]: p for p in doc["projects"]}
    assert set(by_id) == {"P2", "P3"}
    assert by_id["P2"]["break_at"] == "T2" and by_id["P2"]["fiscal_year"] == 2024 and by_id["P2"]["ministry"] == "M1"
    assert doc["by_ministry"] == [{"ministry": "M1", "ministry_name": "กระทรวงหนึ่ง", "orphans": 1, "broken": 1,
                                   "projects": 2, "budget": 2800.0}]
    _, text, _ = run("orphans", str(bundle(BROKEN)))
    assert "2567" in text and "2,800" in text


def test_chains_groups_by_break(bundle) -> None:
    _, out, _ = run("chains", str(bundle(BROKEN)), "--format", "json")
    breaks = {b["element"]: b for b in json.loads(out)["breaks"]}
    assert breaks["T2"]["projects"] == 1 and breaks["T2"]["budget"] == 2500.0
    assert breaks["F1"]["projects"] == 0


def test_trace_marks_the_break(bundle) -> None:
    code, out, _ = run("trace", str(bundle(BROKEN)), "P2", "--lang", "en")
    assert code == 0 and "T2" in out and "chain stops here" in out
    _, out, _ = run("trace", str(bundle(BROKEN)), "P1", "--format", "json")
    tree = json.loads(out)
    assert tree["reaches_z"] and tree["parents"][0]["parents"][0]["id"] == "SPX"
    assert run("trace", str(bundle(BROKEN)), "NOPE")[0] == 2


def test_trace_of_a_link_excel_stripped_of_its_zeros_says_what_was_meant(bundle) -> None:
    """GK001 said "did you mean 050101"; trace, where a planner follows the chain, said only that
    50101 does not exist. 7 has no padded twin: no guess (the near miss)."""
    files = {**MINIMAL, "elements.csv": MINIMAL["elements.csv"].replace("T1,", "050101,"),
             "projects.csv": "id,name,agency,fiscal_year,links\nP1,x,A1,2567,50101;7\n"}
    code, out, _ = run("trace", str(bundle(files)), "P1", "--lang", "en")
    assert code == 0
    assert "50101  ✗ no such id in the bundle (did you mean 050101)" in out
    assert "7  ✗ no such id in the bundle\n" in out


def test_stats(bundle) -> None:
    _, out, _ = run("stats", str(bundle(BROKEN)), "--format", "json")
    doc = json.loads(out)
    assert doc["projects_reaching_z"] == {"count": 1, "of": 3, "share": 0.3333}
    assert doc["sub_targets_with_projects"]["count"] == 2
    assert doc["levels"]["sub_target"] == 2


def test_validate_and_explain_and_codes(bundle) -> None:
    code, out, _ = run("validate", str(bundle(MINIMAL)), "--lang", "en")
    assert code == 0 and out.startswith("the bundle is well-formed: ")
    bad = {**MINIMAL, "projects.csv": "id,name,agency,fiscal_year,links\nP1,x,NOPE,2567,T1\n"}
    code, out, _ = run("validate", str(bundle(bad)))
    assert code == 1 and "GK001" in out
    assert out.startswith("ชุดข้อมูลถูกต้องตามรูปแบบ แต่เนื้อหามีข้อค้นพบ 1 รายการ (ด้านล่าง): ")   # not "valid" alone
    code, out, _ = run("explain", "orphan-project", "--lang", "en")
    assert code == 0 and "GK101" in out and "How to fix" in out
    assert run("explain", "GK999")[0] == 2
    code, out, _ = run("codes", "--format", "json")
    assert [c["code"] for c in json.loads(out)][:3] == ["GK001", "GK002", "GK003"]


def test_bad_input_exit_2_lists_all_problems(bundle) -> None:
    bad = {"elements.csv": "id,level\nZ1,strategy\n",
           "projects.csv": "id,name,agency,fiscal_year\nP1,x,A,25x\nP1,y,A,2567\n"}
    code, out, err = run("check", str(bundle(bad)), "--lang", "en")
    assert code == 2 and out == ""
    assert "error: bad input (4):" in err
    assert "elements.csv, row 1, column 'name': required column is missing" in err
    assert "projects.csv, row 2, column 'fiscal_year': not a year" in err
    assert "projects.csv, row 2, column 'id': duplicate id 'P1' (on rows 2, 3)" in err
    assert "projects.csv, row 3, column 'id': duplicate id 'P1' (on rows 2, 3)" in err


def test_bad_input_speaks_thai_by_default(bundle) -> None:
    bad = {"elements.csv": "id,level,name\nZ1,strategy,x\n", "projects.csv": "id,name,agency\nP1,x,A\n"}
    code, _, err = run("check", str(bundle(bad)))
    assert code == 2
    assert "ข้อผิดพลาด: ข้อมูลนำเข้าไม่ถูกต้อง (1):" in err
    assert "projects.csv, แถว 1, คอลัมน์ 'fiscal_year': ไม่มีคอลัมน์ที่จำเป็น" in err
    assert "(หัวคอลัมน์ที่อ่านเป็นคอลัมน์นี้: fiscal_year, ปีงบประมาณ, ปีงบ)" in err   # the Thai headers it takes


def test_duplicate_ids_are_checked_even_when_a_column_is_missing(bundle) -> None:
    bad = {"elements.csv": "id,level\nZ1,strategy\nZ1,strategy\n",
           "projects.csv": "id,name,agency,fiscal_year\nP1,x,A,2567\n"}
    code, _, err = run("check", str(bundle(bad)), "--lang", "en")
    assert code == 2
    assert "column 'name': required column is missing" in err
    assert "elements.csv, row 3, column 'id': duplicate id 'Z1' (on rows 2, 3)" in err


def test_failed_run_leaves_no_output_file(bundle, tmp_path: Path) -> None:
    out = tmp_path / "report.json"
    code, _, _ = run("check", str(bundle({"elements.csv": "id\n"})), "--format", "json", "-o", str(out))
    assert code == 2 and not out.exists()


@pytest.mark.parametrize(("args", "expect"), [(["check", "--format", "json"], "P2"), (["orphans"], "P2"),
                                              (["stats", "--lang", "en"], "sub-targets with projects")])
def test_real_subprocess(bundle, args: list[str], expect: str) -> None:
    path = str(bundle(BROKEN))
    proc = subprocess.run([sys.executable, "-m", "graphkpi", args[0], path, *args[1:]], capture_output=True,
                          text=True, encoding="utf-8", timeout=120)
    assert proc.returncode == 0, proc.stderr
    assert proc.stderr == ""  # no progress bar when stderr is not a terminal
    assert expect in proc.stdout


def test_subprocess_bad_input_exit_code(tmp_path: Path) -> None:
    proc = subprocess.run([sys.executable, "-m", "graphkpi", "check", str(tmp_path), "--lang", "en"],
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 2
    assert "elements.csv: required file is missing" in proc.stderr


def test_unreachable_neo4j_is_a_clear_thai_error() -> None:
    code, out, err = run("check", "--backend", "neo4j", "--neo4j-uri", "bolt://127.0.0.1:1", "--neo4j-password",
                         "s3cret-not-shown")
    assert code == 2 and out == ""
    assert "ติดต่อ Neo4j ที่ bolt://127.0.0.1:1 ไม่ได้" in err and "s3cret-not-shown" not in err


@pytest.mark.parametrize(("threshold", "found"), [(4, ["160101"]), (5, ["160101"]), (6, [])])
def test_fragmentation_threshold(threshold: int, found: list[str]) -> None:
    code, out, _ = run("check", str(SAMPLE), "--select", "GK302", "--format", "json",
                       "--fragmentation-threshold", str(threshold))
    assert code == 0
    assert [f["subject"] for f in json.loads(out)["findings"]] == found


def test_a_selection_that_leaves_nothing_runs_nothing() -> None:
    code, out, _ = run("check", str(SAMPLE), "--select", "GK103", "--ignore", "GK1", "--format", "json",
                       "--fail-on", "error")
    assert code == 0
    doc = json.loads(out)
    assert doc["summary"] == {} and doc["findings"] == []


def test_missing_bundle_path_says_not_found(tmp_path: Path) -> None:
    code, _, err = run("check", str(tmp_path / "nope"), "--lang", "en")
    assert code == 2 and "no such file or folder" in err


def test_folder_with_only_a_workbook_hints_at_it(tmp_path: Path) -> None:
    (tmp_path / "bundle.xlsx").write_bytes(b"")
    code, _, err = run("check", str(tmp_path), "--lang", "en")
    assert code == 2 and "give bundle.xlsx instead of the folder" in err


def test_a_folder_of_several_workbooks_names_them_without_picking_one(tmp_path: Path) -> None:
    for name in ("report.xlsx", "diff.xlsx", "bundle.xlsx", "old.xlsx"):
        (tmp_path / name).write_bytes(b"")
    code, _, err = run("check", str(tmp_path), "--lang", "en")
    assert code == 2 and "one of the workbooks here, bundle.xlsx, diff.xlsx, old.xlsx, …" in err
    assert "give bundle.xlsx instead" not in err


def test_view_refuses_an_output_named_for_another_format(tmp_path: Path) -> None:
    code, out, err = run("view", str(SAMPLE), "-o", str(tmp_path / "v.csv"), "--lang", "en")
    assert code == 2 and "view writes an HTML page only" in err and not (tmp_path / "v.csv").exists()
    code, out, _ = run("view", str(SAMPLE), "-o", str(tmp_path / "v.html"), "--lang", "en")   # near miss
    assert code == 0 and out.startswith(f"{tmp_path / 'v.html'}: 55 nodes, 50 edges")
    assert run("view", str(SAMPLE), "-o", str(tmp_path / "v2.html"))[1].startswith(f"{tmp_path / 'v2.html'}: 55 โหนด")


def test_trace_of_a_mistyped_id_names_the_ids_it_may_be() -> None:
    code, _, err = run("trace", str(SAMPLE), "P-00028", "--lang", "en")
    assert code == 2 and "did you mean P-000028" in err
    code, _, err = run("trace", str(SAMPLE), "30201", "--lang", "en")   # Excel dropped the leading zero
    assert code == 2 and "did you mean 030201" in err
    code, _, err = run("trace", str(SAMPLE), "XQZ", "--lang", "en")     # nothing like it: no guess
    assert code == 2 and "did you mean" not in err


@click.command()
def _interrupted_command() -> None:
    raise KeyboardInterrupt


@click.command()
def _failing_while_interrupted() -> None:
    try:
        raise KeyboardInterrupt
    finally:   # as the Neo4j driver's buffers did while Ctrl-C unwound a load
        raise BufferError("Existing exports of data: object cannot be re-sized")


@pytest.mark.parametrize("target", ["_interrupted_command", "_failing_while_interrupted"])
def test_ctrl_c_is_one_line_and_exit_130(target: str) -> None:
    """Not a traceback, nor click's "Aborted!" with exit 1 (which reads as findings found)."""
    group = LazyGroup(lazy={"load": LazyCommand(f"tests.cli.test_cli:{target}", "x")})
    r = CliRunner().invoke(group, ["load"])
    assert r.exit_code == 130 and r.stderr.strip().startswith("ข้อผิดพลาด: หยุดตามคำสั่งผู้ใช้ (Ctrl-C)")
    assert "graphkpi load --replace" in r.stderr and "Traceback" not in r.stderr


def test_a_profile_that_cannot_be_used_is_said_in_thai() -> None:
    code, _, err = run("check", str(SAMPLE), "--profile", "nosuch.toml")
    assert code == 2 and "ไม่พบไฟล์โปรไฟล์ nosuch.toml (โปรไฟล์ที่มีให้: th-xyz)" in err
    code, _, err = run("check", str(SAMPLE), "--profile", "custom", "--lang", "en")
    assert code == 2 and "unknown profile 'custom' (shipped: th-xyz; or give a .toml file)" in err


def test_query_list_shows_each_querys_parameters_and_a_misspelt_one_is_named() -> None:
    r = CliRunner().invoke(main, ["query", "--list"])
    lines = dict(line.split(None, 1) if " " in line else (line, "") for line in r.stdout.splitlines())
    assert r.exit_code == 0 and lines["project-chain"].strip() == "--param project=…"
    assert lines["budget-by-strategy"] == ""   # near miss: its only parameter is $lang, always given
    r = CliRunner().invoke(main, ["query", "project-chain", "--param", "projet=P-000001", "--lang", "en"],
                           env={"NEO4J_URI": "bolt://127.0.0.1:1", "NEO4J_PASSWORD": "x"})
    assert r.exit_code == 2 and "note: the query does not use the parameter(s) projet (misspelt?)" in r.stderr


@pytest.mark.parametrize("fmt", ["json", "csv"])
@pytest.mark.parametrize("suppressing", [False, True])
def test_check_shared_with_a_child_writes_what_one_process_writes(tmp_path, monkeypatch, fmt: str,
                                                                   suppressing: bool) -> None:
    """A large bundle's checks are shared with a forked process, each rendering the findings it
    found; the output is byte for byte the one-process output. With a suppression file (or a
    baseline, a slice) the findings are rendered once screened, not beside the checks: most may
    be hidden."""
    from graphkpi.checks import run
    from graphkpi.cli import findings as command
    from graphkpi.synth import generate_bundle

    generate_bundle(tmp_path / "b", 2000, 7)
    args = ["check", str(tmp_path / "b"), "--format", fmt]
    if suppressing:
        (tmp_path / "graphkpi.toml").write_text('[[suppress]]\ncode = "GK101"\nreason = "ทดสอบ"\n', encoding="utf-8")
        args += ["--config", str(tmp_path / "graphkpi.toml")]
    alone = CliRunner().invoke(main, args)
    made: list[int] = []
    render = command.render_findings
    monkeypatch.setattr(command, "render_findings",
                        lambda *a: made.append(sum(n for n, _ in a[-1].values())) or render(*a))
    monkeypatch.setattr(run, "SHARED_FROM", 0)
    shared = CliRunner().invoke(main, args)
    assert shared.exit_code == alone.exit_code and shared.output == alone.output
    assert ('"code": "GK101"' in alone.output or "\nGK101," in alone.output) is not suppressing
    assert made == [0] if suppressing else made[0] > 300   # the findings' texts came from the checks' processes


@pytest.mark.parametrize(("args", "code"), [
    (["check", str(SAMPLE), "--format", "json"], 0),
    (["check", str(SAMPLE), "--format", "json", "--fail-on", "warning"], 1),
    (["check", "/nonexistent-bundle"], 2),
])
def test_the_program_ends_with_its_exit_code_and_all_its_output(args: list[str], code: int) -> None:
    """``python -m graphkpi`` (and the ``graphkpi`` script) end the process without the
    interpreter's teardown, where arrow's thread pools may abort: the exit code is still the
    command's, and everything printed reaches the pipe (the JSON document, whole)."""
    proc = subprocess.run([sys.executable, "-m", "graphkpi", *args], capture_output=True, text=True,
                          encoding="utf-8", check=False)
    assert proc.returncode == code, proc.stderr
    if code != 2:
        assert len(proc.stdout) > 30_000 and json.loads(proc.stdout)["findings"]   # whole: it parses
    else:
        assert "/nonexistent-bundle" in proc.stderr


def test_a_system_exit_with_a_text_says_it_and_fails() -> None:
    """Near miss: ``SystemExit("…")`` is said on stderr with exit code 1, as Python itself does."""
    code = "import sys; import graphkpi.cli as c; c.main = lambda: sys.exit('ไม่ได้'); c.run()"
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, encoding="utf-8", check=False)
    assert proc.returncode == 1 and "ไม่ได้" in proc.stderr


@pytest.mark.parametrize(("made", "written"), [(True, '{"a": "\u202e"}\n'), (False, '{"a": "\\u202e"}\n')])
def test_json_that_is_escaped_already_is_written_as_it_is(tmp_path, made: bool, written: str) -> None:
    """The findings' document comes as bytes, escaped where its blocks were made: written as
    given, not searched again, nor made visible as terminal text is; JSON text is escaped here."""
    from graphkpi.cli.support import emit

    text = '{"a": "\u202e"}\n'
    emit(text.encode() if made else text, tmp_path / "out.json", fmt="json")
    assert (tmp_path / "out.json").read_text(encoding="utf-8") == written


def test_a_document_of_bytes_reaches_a_console_as_text(monkeypatch) -> None:
    """The findings' JSON comes as UTF-8 bytes; a console gets it as text (click writes it in the
    console's own encoding), a pipe or file the bytes themselves."""
    import io

    from graphkpi.cli.support import emit

    class Console(io.StringIO):
        def isatty(self) -> bool:
            return True

    console = Console()
    monkeypatch.setattr(sys, "stdout", console)
    emit('{"a": "โครงการ"}\n'.encode(), None, fmt="json")
    assert console.getvalue() == '{"a": "โครงการ"}\n'


@pytest.mark.parametrize("bom", [False, True])
def test_a_document_in_parts_is_written_as_its_parts_joined(tmp_path: Path, monkeypatch, bom: bool) -> None:
    """The findings' JSON and CSV come in parts (each code's block), written one after the other
    and never joined: the file, a pipe and a console get what the parts joined make."""
    import io

    from graphkpi.cli.support import emit

    parts = [b'{"a": [\n', "  \"โครงการ\"".encode(), b",\n", b'  "x"\n', b"]}\n"]
    joined = b"".join(parts)
    emit(parts, tmp_path / "out.csv", bom=bom, fmt="csv")
    assert (tmp_path / "out.csv").read_bytes() == (b"\xef\xbb\xbf" if bom else b"") + joined

    class Pipe(io.StringIO):
        def __init__(self) -> None:
            super().__init__()
            self.buffer = io.BytesIO()

    pipe = Pipe()
    monkeypatch.setattr(sys, "stdout", pipe)
    emit(parts, None, fmt="json")
    assert pipe.buffer.getvalue() == joined

    class Console(io.StringIO):
        def isatty(self) -> bool:
            return True

    console = Console()
    monkeypatch.setattr(sys, "stdout", console)
    emit(parts, None, fmt="json")
    assert console.getvalue() == joined.decode()
