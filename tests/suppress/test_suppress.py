"""Suppressions (graphkpi.toml / --config) and GK901/GK902: the fixture cases, the file's rules, and
every command that shows findings honouring them the same way."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from graphkpi.checks.registry import select_codes
from graphkpi.checks.run import run_codes
from graphkpi.cli import main
from graphkpi.load import load_bundle
from graphkpi.screen import Screen, check_codes
from graphkpi.suppress import CODES, ConfigError, parse_date, read_suppressions
from tests.conftest import FIXTURES, load_yaml, write_bundle

FILES = sorted((FIXTURES / "suppress").glob("GK*.yaml"))
CASES = [(path.stem, case) for path in FILES for case in load_yaml(path)["cases"]]
# The fixtures' bundle: P1 and P3 orphans (GK101), P4 a broken chain (GK201) at T2 (GK202), P2 fine.
BUNDLE = load_yaml(FILES[0])["cases"][0]["bundle"]


@pytest.mark.parametrize(("code", "case"), CASES, ids=[f"{c}-{case['name']}" for c, case in CASES])
def test_fixture_case(code: str, case: dict, tmp_path: Path) -> None:
    g = load_bundle(write_bundle(tmp_path / "bundle", case["bundle"]))
    config = tmp_path / "graphkpi.toml"
    config.write_text(case["config"], encoding="utf-8")
    codes = select_codes(case.get("select") or (), (), extra=CODES)
    screen = Screen(read_suppressions(config), None, parse_date(case["today"]))
    screened = screen.apply(run_codes(g, check_codes(codes)), codes)
    got = {f.subject: f for f in screened.findings if f.code == code}
    assert sorted(got) == sorted(e["subject"] for e in case["expect"] or []), case["why"]
    for e in case["expect"] or []:
        assert got[e["subject"]].details == {**got[e["subject"]].details, **(e.get("details") or {})}
    assert screened.suppressed == case["suppressed"], case["why"]


@pytest.mark.parametrize("path", FILES, ids=[p.stem for p in FILES])
def test_fixture_file_has_case_and_near_miss(path: Path) -> None:
    cases = load_yaml(path)["cases"]
    assert any(c["expect"] for c in cases) and any(not c["expect"] for c in cases)


def test_every_screening_code_has_fixtures() -> None:
    assert {p.stem for p in FILES} == set(CODES)


@pytest.mark.parametrize(("text", "day"), [("2568-09-30", "2025-09-30"), ("2025-09-30", "2025-09-30"),
                                           (" 2567-1-5 ", "2024-01-05"), ("2568-02-30", None), ("30/09/2568", None),
                                           ("", None)])
def test_dates_read_be_or_ce(text: str, day: str | None) -> None:
    got = parse_date(text)
    assert (got.isoformat() if got else None) == day


# --- the CLI ---------------------------------------------------------------------------------------------

def run(args: list[str], cwd: Path, today: str = "2025-01-01") -> tuple[int, str, str]:
    """The CLI in ``cwd`` (where graphkpi.toml is looked for), on the day ``today``."""
    old = Path.cwd()
    os.chdir(cwd)
    try:
        r = CliRunner().invoke(main, args, env={"GRAPHKPI_TODAY": today})
    finally:
        os.chdir(old)
    return r.exit_code, r.stdout, r.stderr


@pytest.fixture
def work(tmp_path: Path) -> Path:
    """A folder holding the fixtures' bundle as ``b/``, where tests put a graphkpi.toml."""
    write_bundle(tmp_path / "b", BUNDLE)
    return tmp_path


def toml(work: Path, text: str, name: str = "graphkpi.toml") -> Path:
    (work / name).write_text(text, encoding="utf-8")
    return work / name


ORPHAN_P1 = '[[suppress]]\ncode = "GK101"\nsubject = "P1"\nreason = "ยอมรับแล้ว"\n'


def subjects(out: str, code: str | None = None) -> list[str]:
    return [f["subject"] for f in json.loads(out)["findings"] if code is None or f["code"] == code]


def test_in_force_hides_and_the_summary_counts(work: Path) -> None:
    code, out, _ = run(["check", "b", "--format", "json"], work)
    assert code == 0 and "suppressed" not in json.loads(out)["summary"]   # no file: as before
    assert "GK901" not in json.loads(out)["summary"]
    toml(work, ORPHAN_P1 + 'until = "2568-09-30"\n')
    code, out, _ = run(["check", "b", "--format", "json"], work, today="2025-09-30")
    doc = json.loads(out)
    assert subjects(out, "GK101") == ["P3"]
    assert doc["summary"]["suppressed"] == 1 and doc["summary"]["GK101"] == 1
    assert doc["summary"]["GK901"] == 0 and doc["summary"]["GK902"] == 0
    code, out, _ = run(["check", "b"], work, today="2025-09-30")
    assert "ยกเว้นไว้ตามไฟล์ graphkpi.toml: 1" in out


def test_expired_shows_again_with_gk901(work: Path) -> None:
    toml(work, ORPHAN_P1 + 'until = "2568-09-30"\n')
    _, out, _ = run(["check", "b", "--format", "json", "--lang", "en"], work, today="2025-10-01")
    doc = json.loads(out)
    assert subjects(out, "GK101") == ["P1", "P3"] and doc["summary"]["suppressed"] == 0
    gk901 = [f for f in doc["findings"] if f["code"] == "GK901"]
    assert [f["subject"] for f in gk901] == ["GK101:P1"] and gk901[0]["severity"] == "warning"
    # the fixtures' bundle gives BE years: the message says the date in BE, details keep it in CE
    assert gk901[0]["subject_kind"] == "suppression" and "expired on 2568-09-30" in gk901[0]["message"]
    assert gk901[0]["details"]["until"] == "2025-09-30"
    _, out, _ = run(["check", "b", "--format", "json", "--lang", "en", "--years", "ce"], work, today="2025-10-01")
    assert "expired on 2025-09-30" in next(f for f in json.loads(out)["findings"] if f["code"] == "GK901")["message"]


def test_an_expired_entry_is_listed_as_matching_not_as_suppressing(work: Path) -> None:
    """The suppressions table counts what each entry matches; an expired entry hides nothing, so
    the Thai heading said "suppressed" (จำนวนที่ยกเว้น) where the English said "matched"."""
    toml(work, ORPHAN_P1 + 'until = "2568-09-30"\n')
    _, out, _ = run(["suppressions", "b"], work, today="2025-10-01")
    head, _, row = out.splitlines()[1:4]
    assert "จำนวนที่ตรงกัน" in head and "ยกเว้น " not in head.replace("ข้อยกเว้น", "")
    assert "หมดอายุ" in row and row.split()[-2:] == ["1", "P1"]
    assert "ยกเว้นข้อค้นพบรวม 0" in out.splitlines()[0]   # what it hides: nothing


def test_unused_is_gk902_and_ignore_drops_it(work: Path) -> None:
    toml(work, '[[suppress]]\ncode = "GK101"\nsubject = "P2"\nreason = "ยอมรับแล้ว"\n')
    _, out, _ = run(["check", "b", "--format", "json"], work)
    assert subjects(out, "GK902") == ["GK101:P2"]
    _, out, _ = run(["check", "b", "--format", "json", "--ignore", "unused-suppression"], work)
    assert "GK902" not in json.loads(out)["summary"] and subjects(out, "GK902") == []


def test_fail_on_ignores_suppressed_findings(work: Path) -> None:
    assert run(["check", "b", "--select", "GK101", "--fail-on", "error"], work)[0] == 1
    toml(work, ORPHAN_P1 + '\n[[suppress]]\ncode = "GK101"\nsubject = "P3"\nreason = "ยอมรับแล้ว"\n')
    assert run(["check", "b", "--select", "GK101", "--fail-on", "error"], work)[0] == 0
    # GK901/GK902 are warnings: they fail --fail-on warning like any other warning
    toml(work, ORPHAN_P1 + 'until = "2020-01-01"\n')
    assert run(["check", "b", "--select", "GK101", "--fail-on", "error"], work)[0] == 1


@pytest.mark.parametrize(("text", "where", "what"), [
    ('[[suppress]]\ncode = "GK101"\nsubject = "P1"\n', "[[suppress]] entry 1, line 1, key 'reason'",
     "a non-empty reason is required"),
    ('[[suppress]]\ncode = "GK101"\nreason = "ok"\n\n[[suppress]]\ncode = "GK101"\nreason = "  "\n',
     "[[suppress]] entry 2, line 5, key 'reason'", "a non-empty reason is required"),
    ('[[suppress]]\ncode = "GK101\nreason = "x"\n', "graphkpi.toml, line 2: not a readable TOML file", "Illegal"),
    ('[[suppress]]\ncode = "GK777"\nreason = "x"\n', "entry 1, line 1, key 'code'", "matches no check"),
    ('[[suppress]]\ncode = "GK901"\nreason = "x"\n', "key 'code'", "matches no check"),
    ('[[suppress]]\nreason = "x"\n', "key 'code'", "code is required"),
    ('[[suppress]]\ncode = "GK101"\nreason = "x"\nuntil = "2568-13-01"\n', "key 'until'", "not a date"),
    ('[[suppress]]\ncode = "GK101"\nreason = "x"\nuntill = "2568-01-01"\n', "entry 1, line 1", "unknown key 'untill'"),
    ('suppress = "GK101"\n', "graphkpi.toml", "list of [[suppress]] tables"),
])
def test_a_bad_file_stops_with_exit_2_naming_file_and_entry(work: Path, text: str, where: str, what: str) -> None:
    toml(work, text)
    code, out, err = run(["check", "b", "--lang", "en"], work)
    assert code == 2 and out == ""
    assert where in err and what in err, err
    _, _, err_th = run(["check", "b"], work)
    assert "ข้อผิดพลาด" in err_th and "graphkpi.toml" in err_th


def test_every_problem_of_the_file_at_once_in_thai(work: Path) -> None:
    toml(work, '[[suppress]]\ncode = "GK101"\n\n[[suppress]]\ncode = "GK777"\nreason = "x"\n')
    code, _, err = run(["orphans", "b"], work)
    assert code == 2
    assert "รายการ [[suppress]] ที่ 1, บรรทัด 1" in err and "รายการ [[suppress]] ที่ 2, บรรทัด 4" in err
    assert "ต้องระบุ reason" in err


def test_config_option_and_a_missing_file(work: Path) -> None:
    cfg = toml(work, ORPHAN_P1, "audit-2568.toml")
    _, out, _ = run(["check", "b", "--format", "json", "--config", str(cfg)], work)
    assert subjects(out, "GK101") == ["P3"]
    code, _, err = run(["check", "b", "--config", "nowhere.toml", "--lang", "en"], work)
    assert code == 2 and "nowhere.toml: suppression file not found" in err


def test_bad_today_is_exit_2(work: Path) -> None:
    toml(work, ORPHAN_P1)
    code, _, err = run(["check", "b", "--lang", "en"], work, today="yesterday")
    assert code == 2 and "GRAPHKPI_TODAY 'yesterday' is not a date" in err


def test_every_command_that_shows_findings_honours_them(work: Path) -> None:
    """The same file hides P1's orphan finding and T2's unanchored element everywhere."""
    toml(work, ORPHAN_P1 + '\n[[suppress]]\ncode = "GK202"\nsubject = "T2"\nreason = "รออนุมัติ"\n')
    _, out, _ = run(["orphans", "b", "--format", "json"], work)
    doc = json.loads(out)
    assert [r["project"] for r in doc["projects"]] == ["P3", "P4"] and doc["summary"] == {"suppressed": 1}
    _, out, _ = run(["chains", "b", "--format", "json"], work)
    doc = json.loads(out)
    # P4's chain still stops at T2 (its GK201 is not suppressed), but no longer as GK202
    assert {r["element"]: r["code"] for r in doc["breaks"]} == {"T2": ""} and doc["summary"] == {"suppressed": 1}
    for command in (["lead-gaps", "b"], ["kpis", "b"], ["duplicates", "b"]):
        code, out, _ = run([*command, "--format", "json"], work)
        assert code == 0 and json.loads(out)["summary"] == {"suppressed": 0}, command
        code, out, _ = run(command, work)
        assert "ยกเว้นไว้ตามไฟล์ graphkpi.toml: 0" in out, command
    code, out, _ = run(["view", "b", "--finding", "GK101", "-o", "v.html"], work)
    assert code == 0 and "P3" in (work / "v.html").read_text("utf-8")
    code, _, err = run(["view", "b", "--finding", "GK902", "-o", "v.html"], work)
    assert code == 2 and "--finding" in err


def test_the_view_marks_no_suppressed_finding(work: Path) -> None:
    from graphkpi.views import select_view

    g = load_bundle(work / "b")
    codes = ["GK101"]
    found = Screen(read_suppressions(toml(work, ORPHAN_P1)), None, parse_date("2025-01-01")).apply(
        run_codes(g, codes), codes).findings
    view = select_view(g, found, mode="finding", target="GK101")
    assert "P3" in view.nodes and "P1" not in view.nodes


def test_reports_say_how_many_and_list_the_reasons(work: Path) -> None:
    toml(work, ORPHAN_P1 + '\n[[suppress]]\ncode = "GK4"\nreason = "ยังไม่กำหนดเจ้าภาพ"\nuntil = "2560-01-01"\n')
    for kind in ("orphans", "full"):
        code, _, _ = run(["report", "b", "--kind", kind, "-o", f"{kind}.html"], work)
        html = (work / f"{kind}.html").read_text("utf-8")
        assert code == 0 and "ข้อค้นพบที่ยกเว้นไว้" in html and "ยอมรับแล้ว" in html and "ยังไม่กำหนดเจ้าภาพ" in html
        # the orphan report checks no GK4xx code, so the expired GK4 entry is not judged there
        assert ("หมดอายุ" if kind == "full" else "ไม่ได้ตรวจรหัสนี้ในครั้งนี้") in html
    code, out, _ = run(["report", "b", "--kind", "full", "-o", "full.xlsx", "--lang", "en"], work)
    from openpyxl import load_workbook

    wb = load_workbook(work / "full.xlsx")
    assert "suppressions" in wb.sheetnames and "findings suppressed: 1" in out
    rows = list(wb["suppressions"].values)
    assert rows[1][1:4] == ("GK101", "P1", "ยอมรับแล้ว") and rows[2][5] == "expired (what it matches is reported)"


def test_the_report_headline_and_orphans_total_still_count_what_a_suppression_hid(work: Path) -> None:
    """P1, P3 orphans and P4 broken: suppressing P1 shortens the list, but P1 still does not reach
    the strategy; the cover says both. Near-miss: a suppression of a code the report does not
    count (GK202) adds no such figure."""
    toml(work, ORPHAN_P1)
    code, out, _ = run(["report", "b", "-o", "r.html", "--lang", "en"], work)
    assert code == 0 and "projects not reaching the national strategy: 2 " in out
    assert "projects not reaching the national strategy, including those suppressed or in the baseline: 3 " in out
    code, out, _ = run(["orphans", "b", "--lang", "en"], work)
    assert code == 0 and "total: 2 projects" in out
    assert "counting those suppressed or in the baseline: 3 projects" in out
    toml(work, '[[suppress]]\ncode = "GK202"\nreason = "รอปรับแผน"\n')
    code, out, _ = run(["report", "b", "-o", "r2.html", "--lang", "en"], work)
    assert code == 0 and "projects not reaching the national strategy: 3 " in out and "including" not in out
    code, out, _ = run(["orphans", "b", "--lang", "en"], work)
    assert code == 0 and "total: 3 projects" in out and "counting those" not in out


def test_suppressions_lists_what_each_matched(work: Path) -> None:
    toml(work, ORPHAN_P1 + 'until = "2568-09-30"\n\n[[suppress]]\ncode = "GK2"\nreason = "รออนุมัติ"\n\n'
         '[[suppress]]\ncode = "GK101"\nsubject = "P2"\nreason = "เก่า"\n\n'
         '[[suppress]]\ncode = "GK4"\nreason = "ยังไม่ตรวจ"\n')
    code, out, _ = run(["suppressions", "b", "--format", "json", "--select", "GK1,GK2", "--years", "ce"], work,
                       today="2025-09-30")
    rows = {r["entry"]: r for r in json.loads(out)["suppressions"]}
    assert code == 0
    assert (rows[1]["status"], rows[1]["matched"], rows[1]["subjects"]) == ("active", 1, ["P1"])
    gk2 = ["GK201", "GK202", "GK203", "GK204", "GK205"]
    assert (rows[2]["status"], rows[2]["subjects"], rows[2]["codes"]) == ("active", ["P4", "T2"], gk2)
    assert (rows[3]["status"], rows[3]["matched"]) == ("unused", 0)
    assert rows[4]["status"] == "idle"              # GK4 not selected: not judged
    assert rows[1]["until"] == "2025-09-30" and rows[1]["line"] == 1 and rows[2]["reason"] == "รออนุมัติ"
    _, out, _ = run(["suppressions", "b", "--format", "json"], work, today="2025-10-01")
    assert json.loads(out)["suppressions"][0]["status"] == "expired"
    _, out, _ = run(["suppressions", "b"], work, today="2025-10-01")
    assert "หมดอายุ" in out and "รออนุมัติ" in out and "P4, T2" in out
    _, out, _ = run(["suppressions", "b", "--format", "csv", "--lang", "en"], work)
    assert out.splitlines()[0] == "entry,line,code,subject,reason,until,status,matched,subjects"
    code, out, _ = run(["suppressions", str(work / "b"), "--lang", "en"], work / "b")   # no graphkpi.toml there
    assert code == 0 and out.startswith("no suppression file")


def test_no_file_means_nothing_changes(work: Path, tmp_path: Path) -> None:
    """Byte-identical output without a suppression file (tests/test_golden.py checks every command)."""
    before = run(["check", "b", "--format", "json"], work)[1]
    toml(work, "# nothing suppressed yet\n")
    with_file = json.loads(run(["check", "b", "--format", "json"], work)[1])
    assert with_file["summary"] == {**json.loads(before)["summary"], "GK901": 0, "GK902": 0, "suppressed": 0}
    (work / "graphkpi.toml").unlink()
    assert run(["check", "b", "--format", "json"], work)[1] == before


def test_a_real_subprocess_reads_graphkpi_toml_in_its_folder(work: Path) -> None:
    toml(work, ORPHAN_P1 + '\n[[suppress]]\ncode = "GK101"\nsubject = "P3"\nreason = "ยอมรับแล้ว"\n')
    env = {**os.environ, "GRAPHKPI_TODAY": "2025-01-01"}
    r = subprocess.run([sys.executable, "-m", "graphkpi", "check", "b", "--select", "GK101", "--format", "json",
                        "--fail-on", "error"], cwd=work, env=env, capture_output=True, text=True, timeout=120)
    assert r.returncode == 0, r.stderr
    assert json.loads(r.stdout)["summary"] == {"GK101": 0, "suppressed": 2}
    toml(work, '[[suppress]]\ncode = "GK101"\n')
    r = subprocess.run([sys.executable, "-m", "graphkpi", "check", "b"], cwd=work, env=env, capture_output=True,
                       text=True, timeout=120)
    assert r.returncode == 2 and "graphkpi.toml" in r.stderr and "reason" in r.stderr


def test_ten_thousand_entries_match_by_lookup(tmp_path: Path) -> None:
    """10⁴ entries against 10⁴ findings: every entry's matches exact (the benchmark measures the cost)."""
    from graphkpi.model import Finding

    lines = [f'[[suppress]]\ncode = "GK101"\nsubject = "P{i}"\nreason = "r{i}"\n' for i in range(0, 20_000, 2)]
    sf = read_suppressions(toml(tmp_path, "\n".join(lines)))
    found = [Finding("GK101", f"P{i}", "project") for i in range(10_000)]
    screened = Screen(sf, None, parse_date("2025-01-01")).apply(found, ["GK101", *CODES])
    assert screened.suppressed == 5_000
    assert sorted(f.subject for f in screened.findings if f.code == "GK101") == sorted(
        f"P{i}" for i in range(1, 10_000, 2))
    assert len([f for f in screened.findings if f.code == "GK902"]) == 5_000


def test_read_errors_are_collected(tmp_path: Path) -> None:
    with pytest.raises(ConfigError) as exc:
        read_suppressions(toml(tmp_path, '[[suppress]]\ncode = 5\nreason = ""\n'))
    assert {p.key for p in exc.value.problems} == {"suppress_bad_text", "suppress_no_reason"}


@pytest.mark.parametrize("code", CODES)
def test_explain_says_what_the_subject_is(code: str, tmp_path: Path) -> None:
    _, out, _ = run(["explain", code, "--lang", "en"], tmp_path)
    assert out.startswith(f"{code} ") and "CODE:SUBJECT" in out and "the code alone" in out
    _, out, _ = run(["explain", code], tmp_path)
    assert "CODE:SUBJECT" in out and "ข้อยกเว้น" in out
