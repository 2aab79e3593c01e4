"""``graphkpi diff`` on the command line: the contract's JSON, the Thai text, the HTML and Excel
reports read back, --fail-on, suppressions on both sides, bad input, and one real subprocess."""

from __future__ import annotations

import io
import json
import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner
from openpyxl import load_workbook

from graphkpi.cli import main
from tests.analysis.test_diff import BASE
from tests.conftest import REPO, SAMPLE, write_bundle

HOSTILE = "=HYPERLINK(\"x\")<script>alert(1)</script>"


@pytest.fixture
def pair(tmp_path: Path) -> tuple[Path, Path]:
    """OLD: the base bundle. NEW: P1 renamed to a hostile name, P2's link dropped (GK101 new),
    P3 re-budgeted."""
    name = '"' + HOSTILE.replace('"', '""') + '"'
    new = {**BASE, "projects.csv": f"id,name,agency,fiscal_year,budget,links\nP1,{name},A1,2567,1000,T1\n"
                                   "P2,โครงการสอง,A2,2567,2000,\nP3,โครงการสาม,A1,2567,800,T3\n"}
    return write_bundle(tmp_path / "old", BASE), write_bundle(tmp_path / "new", new)


def run(args: list[str], cwd: Path | None = None) -> tuple[int, str, str]:
    old = Path.cwd()
    if cwd is not None:
        os.chdir(cwd)
    try:
        r = CliRunner().invoke(main, args, env={"GRAPHKPI_TODAY": "2025-01-01"})
    finally:
        os.chdir(old)
    return r.exit_code, r.stdout, r.stderr


def test_json_is_the_contract_document(pair: tuple[Path, Path]) -> None:
    code, out, _ = run(["diff", str(pair[0]), str(pair[1]), "--format", "json", "-q"])
    doc = json.loads(out)
    assert code == 0
    assert list(doc) == ["graphkpi", "old", "new", "summary", "changes", "findings", "shifts"]
    assert (doc["graphkpi"], doc["old"], doc["new"]) == ("1", str(pair[0]), str(pair[1]))
    p1 = next(c for c in doc["changes"] if c["id"] == "P1")
    assert p1 == {"kind": "project", "change": "changed", "id": "P1", "fields": {"name": ["โครงการหนึ่ง", HOSTILE]}}
    p3 = next(c for c in doc["changes"] if c["id"] == "P3")
    assert p3["fields"] == {"budget": [500, 800]}
    assert [f["subject"] for f in doc["findings"]["new"] if f["code"] == "GK101"] == ["P2"]
    assert set(doc["findings"]) == {"new", "fixed", "persisting", "subjects_removed"}
    new_f = doc["findings"]["new"][0]
    assert set(new_f) == {"code", "check", "severity", "subject", "subject_kind", "related", "message", "details"}
    t2 = next(s for s in doc["shifts"] if s["kind"] == "sub_target" and s["id"] == "T2")
    assert (t2["projects"], t2["budget"], t2["lost_all"]) == ([1, 0], [2000.0, 0.0], True)
    assert doc["summary"]["targets_lost"] == 1 and doc["summary"]["changes"]["project"]["changed"] == 2


def test_a_finding_gone_with_its_project_is_told_from_one_put_right(tmp_path: Path) -> None:
    """OLD: P2 and P4 orphans. NEW: P2 deleted, P4 linked. Both GK101 are fixed; only P2's went
    with its row, and the summary, the list and the text say so."""
    old = {**BASE, "projects.csv": BASE["projects.csv"].replace(",T2\n", ",\n") + "P4,โครงการสี่,A1,2567,10,\n"}
    new = {**BASE, "projects.csv": BASE["projects.csv"].replace("P2,โครงการสอง,A2,2567,2000,T2\n", "")
           + "P4,โครงการสี่,A1,2567,10,T1\n"}
    a, b = write_bundle(tmp_path / "old", old), write_bundle(tmp_path / "new", new)
    code, out, _ = run(["diff", str(a), str(b), "--format", "json", "--select", "GK101", "-q"])
    doc = json.loads(out)
    assert code == 0 and sorted(f["subject"] for f in doc["findings"]["fixed"]) == ["P2", "P4"]
    assert doc["findings"]["subjects_removed"] == ["P2"] and doc["summary"]["findings"]["fixed_by_removal"] == 1
    _, text, _ = run(["diff", str(a), str(b), "--select", "GK101", "--lang", "en", "-q"])
    assert "1 went because its subject was removed" in text
    lines = {line.split()[1]: line for line in text.splitlines() if line.startswith("GK101 ")}
    assert lines["P2"].endswith("removed in NEW") and not lines["P4"].endswith("removed in NEW")


def test_ministries_are_named_in_the_readers_language(tmp_path: Path) -> None:
    """The shifts per ministry in English name the ministries in English (the sample's สธ is the
    Ministry of Public Health in the shipped reference); the JSON keeps the bundle's own names."""
    new = tmp_path / "new"
    shutil.copytree(SAMPLE, new)
    projects = new / "projects.csv"
    lines = projects.read_text(encoding="utf-8-sig").splitlines(keepends=True)
    projects.write_text("".join(line for line in lines if not line.startswith("P-000009,")), encoding="utf-8")
    _, text, _ = run(["diff", str(SAMPLE), str(new), "--lang", "en", "--select", "GK101", "-q"])
    moph = next(line for line in text.splitlines() if line.startswith("สธ "))
    assert "Ministry of Public Health" in moph
    _, out, _ = run(["diff", str(SAMPLE), str(new), "--format", "json", "--select", "GK101", "-q"])
    assert next(s for s in json.loads(out)["shifts"] if s["id"] == "สธ")["name"] == "กระทรวงสาธารณสุข"


def test_text_is_thai_first_and_english_on_request(pair: tuple[Path, Path]) -> None:
    code, out, _ = run(["diff", str(pair[0]), str(pair[1]), "-q"])
    assert code == 0 and out.startswith("เปรียบเทียบ") and "เป้าหมายที่ไม่เหลือโครงการใดเลย (1)" in out
    assert "ข้อค้นพบใหม่" in out and "T2" in out
    _, out, _ = run(["diff", str(pair[0]), str(pair[1]), "-q", "--lang", "en", "--years", "ce"])
    assert out.startswith("comparing") and "targets that lost every project (1)" in out


def test_identical_bundles_show_no_change(pair: tuple[Path, Path]) -> None:
    code, out, _ = run(["diff", str(pair[0]), str(pair[0]), "--format", "json", "-q", "--fail-on", "warning"])
    doc = json.loads(out)
    assert code == 0 and doc["changes"] == [] and doc["findings"]["new"] == []


def test_fail_on_judges_new_findings_only(pair: tuple[Path, Path]) -> None:
    assert run(["diff", str(pair[0]), str(pair[1]), "-q", "--fail-on", "error"])[0] == 1     # GK101 P2 is new
    assert run(["diff", str(pair[1]), str(pair[0]), "-q", "--fail-on", "error"])[0] == 0     # fixed, not new


def test_a_suppression_screens_both_sides_the_same_way(pair: tuple[Path, Path], tmp_path: Path) -> None:
    (tmp_path / "graphkpi.toml").write_text('[[suppress]]\ncode = "GK101"\nsubject = "P2"\nreason = "รอปรับ"\n',
                                            encoding="utf-8")
    code, out, _ = run(["diff", "old", "new", "--format", "json", "-q", "--select", "GK1,GK902"], tmp_path)
    doc = json.loads(out)
    assert code == 0 and [f["subject"] for f in doc["findings"]["new"] if f["code"] == "GK101"] == []
    assert doc["summary"]["suppressed"] == [0, 1]
    assert [f["code"] for f in doc["findings"]["fixed"]] == ["GK902"]   # unused in OLD only, in force in NEW
    _, out, _ = run(["diff", "old", "new", "-q", "--select", "GK1"], tmp_path)
    assert "ข้อค้นพบที่ยกเว้นไว้ตาม graphkpi.toml: ชุดเดิม 0, ชุดใหม่ 1" in out


def test_html_report_is_escaped_and_self_contained(pair: tuple[Path, Path], tmp_path: Path) -> None:
    out = tmp_path / "diff.html"
    code, _, _ = run(["diff", str(pair[0]), str(pair[1]), "-q", "-o", str(out)])
    html = out.read_text("utf-8")
    assert code == 0 and "<script>alert" not in html and "&lt;script&gt;alert(1)" in html
    assert "รายงานเปรียบเทียบแผนสองช่วงเวลา" in html and "http://" not in html and "https://" not in html
    assert "ไม่เหลือโครงการ" in html
    assert '<td class="id">P3</td>' in html      # ids are never wrapped, in this report too
    assert "งบประมาณ: 500 → 800" in html and "budget: 500" not in html   # a column by its Thai header


def test_the_text_names_columns_in_the_users_language(pair: tuple[Path, Path]) -> None:
    assert "งบประมาณ: 500 → 800" in run(["diff", str(pair[0]), str(pair[1]), "-q"])[1]
    assert "budget: 500 → 800" in run(["diff", str(pair[0]), str(pair[1]), "-q", "--lang", "en"])[1]


def test_xlsx_report_has_numbers_and_no_formula(pair: tuple[Path, Path], tmp_path: Path) -> None:
    out = tmp_path / "diff.xlsx"
    code, said, _ = run(["diff", str(pair[0]), str(pair[1]), "-q", "-o", str(out), "--lang", "en"])
    assert said.startswith(f"{out}: Comparison of two plan snapshots — number of projects: 3 → 3;")   # as report says
    wb = load_workbook(io.BytesIO(out.read_bytes()))
    assert code == 0 and wb.sheetnames == ["overview", "changes", "sub-targets", "ministries", "new findings",
                                           "fixed findings"]
    # a name that is a formula stays text as written: typed text with Excel's quote prefix, no formula
    formulas = [c for row in wb["changes"].iter_rows() for c in row if str(c.value).startswith("=HYPERLINK")]
    assert formulas and all(c.data_type == "s" and c.quotePrefix for c in formulas)
    with zipfile.ZipFile(out) as z:
        assert not any(b"<f>" in z.read(n) for n in z.namelist() if n.startswith("xl/worksheets/"))
    rows = list(wb["sub-targets"].iter_rows(values_only=True))
    t2 = next(r for r in rows if r[0] == "T2")
    assert t2[2:7] == (1, 0, 2000.0, 0.0, -2000.0)
    cover = {r[0]: r[1:] for r in wb["overview"].iter_rows(values_only=True) if r and r[0]}
    assert cover["number of projects"][:2] == (3, 3) and cover["budget (baht)"][:2] == (3500, 3800)   # old, new
    assert cover["projects"][0] == "added 0, removed 0, changed 2"   # the changes' row keeps its text
    assert cover["new findings"][0] >= 1 and isinstance(cover["new findings"][0], int)


def test_bad_input_and_guarded_output_exit_2(pair: tuple[Path, Path], tmp_path: Path) -> None:
    bad = write_bundle(tmp_path / "bad", {"elements.csv": "id,level\nZ1,strategy\n"})
    code, _, err = run(["diff", str(pair[0]), str(bad), "-q"])
    assert code == 2 and "elements.csv" in err and err.startswith(f"ข้อผิดพลาด: ข้อมูลนำเข้าไม่ถูกต้องใน NEW {bad} (")
    code, _, err = run(["diff", str(bad), str(pair[0]), "-q", "--lang", "en"])   # which side is bad
    assert code == 2 and err.startswith(f"error: bad input in OLD {bad} (")
    code, _, _ = run(["diff", str(pair[0]), str(pair[1]), "-q", "-o", str(pair[0] / "projects.csv")])
    assert code == 2 and (pair[0] / "projects.csv").read_text("utf-8") == BASE["projects.csv"]


def test_a_real_process(pair: tuple[Path, Path]) -> None:
    r = subprocess.run([sys.executable, "-m", "graphkpi", "diff", str(pair[0]), str(pair[1]), "--format", "json",
                        "-q"], capture_output=True, text=True, encoding="utf-8", cwd=REPO, timeout=300, check=False)
    assert r.returncode == 0, r.stderr
    assert json.loads(r.stdout)["summary"]["findings"]["new"] >= 1


def test_suppressions_until_follows_the_era(tmp_path: Path) -> None:
    """The listing's expiry date is shown in the bundle's era (BE here), or as --years asks."""
    write_bundle(tmp_path / "b", BASE)
    (tmp_path / "graphkpi.toml").write_text('[[suppress]]\ncode = "GK101"\nreason = "x"\nuntil = "2568-09-30"\n',
                                            encoding="utf-8")
    _, out, _ = run(["suppressions", "b", "--format", "json"], tmp_path)
    assert json.loads(out)["suppressions"][0]["until"] == "2568-09-30"
    _, out, _ = run(["suppressions", "b", "--years", "ce"], tmp_path)
    assert "2025-09-30" in out and "2568-09-30" not in out
    _, out, _ = run(["suppressions", "b"], tmp_path)
    assert "2568-09-30" in out


def test_help_says_diff_runs_on_networkx_only() -> None:
    """A user with a Neo4j server must learn from --help that diff does not use it."""
    r = CliRunner().invoke(main, ["diff", "--help", "--lang", "en"])
    assert r.exit_code == 0 and "NetworkX only" in r.output and "--ignore GK301" in r.output


def test_a_ministry_no_agencies_file_holds_is_named_unknown(tmp_path: Path) -> None:
    """P3's agency AX is in neither agencies.csv: its ministry row in the shifts read as the bare
    id with no name, where report --per says "unknown ministry". M1 keeps its name (near miss)."""
    old = {**BASE, "projects.csv": BASE["projects.csv"].replace("P3,โครงการสาม,A1", "P3,โครงการสาม,AX")}
    new = {**old, "projects.csv": old["projects.csv"].replace("AX,2567,500", "AX,2567,700")
           .replace("A1,2567,1000", "A1,2567,1100")}
    a, b = write_bundle(tmp_path / "old", old), write_bundle(tmp_path / "new", new)
    out = run(["diff", str(a), str(b), "-q", "--lang", "en"])[1]
    lines = {line.split()[0]: line for line in out.splitlines() if line[:2] in ("AX", "M1")}
    assert lines["AX"].split(maxsplit=1)[1].startswith("unknown ministry (the projects' agency")
    assert lines["M1"].split()[1] == "กระทรวงหนึ่ง"
    rows = {r[0]: r[1] for r in load_workbook(_xlsx(a, b, tmp_path))["รายกระทรวง"].iter_rows(values_only=True)}
    assert rows["AX"].startswith("ไม่ทราบกระทรวง") and rows["M1"] == "กระทรวงหนึ่ง"


def _xlsx(a: Path, b: Path, tmp_path: Path) -> Path:
    out = tmp_path / "d.xlsx"
    assert run(["diff", str(a), str(b), "-q", "-o", str(out)])[0] == 0
    return out
