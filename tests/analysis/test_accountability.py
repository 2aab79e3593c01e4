"""lead-gaps, kpis and matrix: their numbers are the checks' numbers."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from click.testing import CliRunner

from graphkpi.checks import CheckOptions, run_checks
from graphkpi.cli import main
from graphkpi.load import load_bundle
from tests.conftest import SAMPLE, write_bundle


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.stdout + result.stderr


def test_lead_gaps_groups_every_gk4_finding_by_ministry() -> None:
    code, out = run("lead-gaps", str(SAMPLE), "--format", "json", "--lang", "en")
    assert code == 0, out
    rows = json.loads(out)["rows"]
    g = load_bundle(SAMPLE)
    found = run_checks(g, CheckOptions(select=("GK401", "GK402", "GK403", "GK404")))
    assert {(r["code"], r["element"]) for r in rows} == {(f.code, f.subject) for f in found}
    inactive = next(f for f in found if f.code == "GK403" and f.subject == "050102")
    assert {"ministry": inactive.details["ministry"], "code": "GK403", "element": "050102", "role": "lead"}.items() \
        <= next(r for r in rows if r["code"] == "GK403" and r["element"] == "050102").items()
    for f in (f for f in found if f.code == "GK401" and f.details["acting"]):
        row = next(r for r in rows if r["code"] == "GK401" and r["element"] == f.subject
                   and r["role"] == "likely lead (largest budget)")
        assert row["ministry"] == f.details["acting"][0]["ministry"]  # the largest budget
    # The governors coordinate the province targets: their ministry sees those gaps as coordinator.
    coordinated = set(g.leads.loc[g.leads["role"] == "coordinator", "element"])
    want = {(f.code, f.subject) for f in found if f.subject in coordinated}
    assert want, "the sample has no lead gap on a coordinated target"
    assert {(r["code"], r["element"]) for r in rows if r["role"] == "coordinator"} == want
    assert all(r["ministry"] == "มท" for r in rows if r["role"] == "coordinator")


def test_a_coordinator_is_shown_as_such_never_as_a_lead(tmp_path: Path) -> None:
    bundle = write_bundle(tmp_path / "b", {
        "elements.csv": "id,level,name,parents,area\nZ1,strategy,ยุทธศาสตร์,,\nMP1,master_plan,แผนแม่บท,Z1,\n"
                        "SP1,sub_plan,แผนย่อย,MP1,\nT1,sub_target,เป้าหมาย,SP1,\n"
                        "PT50,provincial_target,เป้าหมายจังหวัด,T1,TH-50\n",
        "agencies.csv": "id,name,ministry,kind\nM1,กระทรวงหนึ่ง,,ministry\nM3,กระทรวงมหาดไทย,,ministry\n"
                        "PV50,จังหวัดเชียงใหม่,M3,province\n",
        "projects.csv": "id,name,agency,fiscal_year,budget,provinces,links\nP1,โครงการ,M1,2567,100,TH-50,PT50\n",
        "leads.csv": "element,agency,role\nT1,M1,lead\nPT50,PV50,Coordinator\n",
    })
    code, out = run("lead-gaps", str(bundle), "--format", "json")
    assert code == 0, out
    rows = {(r["ministry"], r["code"], r["element"], r["role"]) for r in json.loads(out)["rows"]}
    assert rows == {("M1", "GK401", "PT50", "ควรเป็นเจ้าภาพ (งบประมาณมากที่สุด)"),
                    ("M3", "GK401", "PT50", "ผู้ประสานงาน")}
    assert "coordinator" in run("lead-gaps", str(bundle), "--lang", "en")[1]


def test_a_target_no_project_reaches_suggests_no_lead(tmp_path: Path) -> None:
    """T2 has no lead and no project reaching it: it used to read "likely lead (largest budget)"
    under ministry "-", which names no one. T1, reached by M1's project, is M1's (the near miss)."""
    bundle = write_bundle(tmp_path / "b", {
        "elements.csv": "id,level,name,parents\nZ1,strategy,ยุทธศาสตร์,\nMP1,master_plan,แผนแม่บท,Z1\n"
                        "SP1,sub_plan,แผนย่อย,MP1\nT1,sub_target,เป้าหมาย,SP1\nT2,sub_target,เป้าหมายสอง,SP1\n",
        "agencies.csv": "id,name,ministry,kind\nM1,กระทรวงหนึ่ง,,ministry\n",
        "projects.csv": "id,name,agency,fiscal_year,budget,links\nP1,โครงการ,M1,2567,100,T1\n",
    })
    code, out = run("lead-gaps", str(bundle), "--format", "json", "--lang", "en")
    assert code == 0, out
    rows = {(r["ministry"], r["ministry_name"], r["element"], r["role"]) for r in json.loads(out)["rows"]}
    assert rows == {("M1", "กระทรวงหนึ่ง", "T1", "likely lead (largest budget)"),
                    ("-", "(no ministry has a project reaching it)", "T2", "no project reaches it: no lead to suggest")}
    assert run("lead-gaps", str(bundle), "--lang", "en")[1].splitlines()[-1] == "findings: GK401 2"   # no "GK402 0"


def test_kpis_register() -> None:
    code, out = run("kpis", str(SAMPLE), "--format", "json")
    assert code == 0, out
    kpis = {k["kpi"]: k for k in json.loads(out)["kpis"]}
    assert kpis["K-NM13-G2-2"]["gap"] == 5 and kpis["K-NM13-G2-2"]["direction"] == "down"
    assert kpis["K-200101-1"]["gk405"] is True and "!" in kpis["K-200101-1"]["host"]
    code, out = run("kpis", str(SAMPLE), "--format", "json", "--joint-only")
    assert all(k["joint"] for k in json.loads(out)["kpis"])
    assert run("kpis", str(SAMPLE), "--lang", "en")[1].count("findings: GK405 3, GK501 3") == 1
    g = load_bundle(SAMPLE)
    monitors = set(g.kpis.index[g.kpis["class"] == "monitor"])
    assert monitors and {k for k, v in kpis.items() if v["class"] == "monitor"} == monitors
    assert all(not v["gk405"] and v["gap"] is None for k, v in kpis.items() if k in monitors)
    shared = kpis["K-090202-2"]
    assert shared["host"] == "" and shared["shared"].count(";") >= 1 and "!" in shared["shared"]
    assert shared["gk405"] is True
    reasons = {k for k, v in kpis.items() if v["reason"]}
    assert reasons and all(kpis[k]["gap"] for k in reasons)


def test_kpi_register_shows_version_2_columns_only_when_used(tmp_path: Path) -> None:
    base = {
        "elements.csv": "id,level,name,parents\nZ1,strategy,ยุทธศาสตร์,\nMP1,master_plan,แผนแม่บท,Z1\n",
        "agencies.csv": "id,name,ministry,kind\nM1,กระทรวงหนึ่ง,,ministry\nM2,กระทรวงสอง,,ministry\n",
        "projects.csv": "id,name,agency,fiscal_year,links\nP1,โครงการ,M1,2567,MP1\n",
        "kpi_agencies.csv": "kpi,agency,role,measured\nK1,M1,host,yes\nK1,M2,partner,yes\n",
    }
    v1 = write_bundle(tmp_path / "v1", {**base, "kpis.csv": "id,name,element,target,plan_target\nK1,ก,MP1,5,9\n"})
    assert set(json.loads(run("kpis", str(v1), "--format", "json")[1])["kpis"][0]) == {
        "kpi", "name", "element", "joint", "host", "partners", "target", "plan_target", "direction", "gap", "gk405"}
    hostile = '=1+1\x1b[2J"<script>alert(1)</script>'  # free text: a formula, a terminal escape, markup
    v2 = write_bundle(tmp_path / "v2", {**base,
                                        "kpis.csv": "id,name,element,target,plan_target,class,shortfall_reason\n"
                                        f'K1,ก,MP1,5,9,,"{hostile.replace(chr(34), chr(34) * 2)}"\n'
                                        "K2,ข,MP1,5,9,monitor,\n"})
    doc = json.loads(run("kpis", str(v2), "--format", "json")[1])["kpis"]
    assert [(k["kpi"], k["class"], k["reason"], k["gap"]) for k in doc] == [("K1", "evaluated", hostile, 4),
                                                                          ("K2", "monitor", "", None)]
    rows = list(csv.DictReader(io.StringIO(run("kpis", str(v2), "--format", "csv")[1])))
    assert rows[0]["reason"].startswith("'=1+1␛") and "\x1b" not in rows[0]["reason"]
    text = run("kpis", str(v2), "--lang", "en")[1]
    assert "monitor" in text and "\x1b" not in text and "␛" in text
    out = tmp_path / "full.html"
    assert CliRunner().invoke(main, ["report", str(v2), "--kind", "full", "-o", str(out), "-q"]).exit_code == 0
    html = out.read_text(encoding="utf-8")
    assert "<script>alert" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_kpi_register_lists_agencies_of_rows_the_checks_leave_out(tmp_path: Path) -> None:
    """A value outside its list (GK004) takes a row out of the KPI checks, not out of the register."""
    files = {
        "elements.csv": "id,level,name,parents\nZ1,strategy,ยุทธศาสตร์,\nMP1,master_plan,แผนแม่บท,Z1\n",
        "agencies.csv": "id,name,ministry,kind\nM1,กระทรวงหนึ่ง,,ministry\nM2,กระทรวงสอง,,ministry\n"
                        "M3,กระทรวงสาม,,ministry\n",
        "projects.csv": "id,name,agency,fiscal_year,links\nP1,โครงการ,M1,2567,MP1\n",
        "kpis.csv": "id,name,element,target,plan_target,direction\nK1,ก,MP1,5,9,คงที่\nK2,ข,MP1,5,9,up\n",
        "kpi_agencies.csv": "kpi,agency,role,measured\nK1,M1,host,yes\nK1,M2,partner,yes\n"
                            "K2,M1,host,yes\nK2,M3,partner,-\n",
    }
    path = write_bundle(tmp_path / "b", files)
    doc = {k["kpi"]: k for k in json.loads(run("kpis", str(path), "--format", "json")[1])["kpis"]}
    assert (doc["K1"]["host"], doc["K1"]["partners"], doc["K1"]["joint"]) == ("M1", "M2", True)
    assert (doc["K2"]["host"], doc["K2"]["partners"], doc["K2"]["joint"]) == ("M1", "M3!", True)
    g = load_bundle(path)   # near miss: the checks still leave both rows out
    assert set(g.kpi_agency_table["kpi"] + g.kpi_agency_table["agency"]) == {"K2M1"}


def test_matrix_cells_are_the_projects_reaching_each_target() -> None:
    code, out = run("matrix", str(SAMPLE), "--format", "json")
    assert code == 0, out
    doc = json.loads(out)
    g = load_bundle(SAMPLE)
    pairs = g.reach_pairs(g.elements.index[g.elements["level"] == "sub_target"])
    reaching = pairs.groupby("element")["project"].nunique().to_dict()
    for row in doc["rows"]:
        assert sum(c["projects"] for c in row["cells"].values()) == reaching.get(row["element"], 0)
    inactive = {f.subject: f.details["ministry"] for f in run_checks(g, CheckOptions(select=("GK403",)))}
    for row in doc["rows"]:
        if row["element"] in inactive:
            cell = row["cells"][inactive[row["element"]]]
            assert cell == {"projects": 0, "budget": 0.0, "lead": True}


def test_matrix_csv_and_other_levels() -> None:
    code, out = run("matrix", str(SAMPLE), "--rows", "provincial_target", "--format", "csv")
    assert code == 0, out
    rows = list(csv.DictReader(io.StringIO(out)))
    assert rows and all(r["element"].startswith("TH-") for r in rows)
    assert any(k.endswith(" budget") for k in rows[0])
    code, out = run("matrix", str(SAMPLE), "--rows", "no_such_level")
    assert code == 2 and "ไม่ใช่ระดับของโปรไฟล์" in out   # Thai first, like every usage error
    code, out = run("matrix", str(SAMPLE), "--lang", "en")
    assert code == 0 and "* = lead ministry" in out


def test_matrix_puts_every_agency_of_unknown_ministry_in_one_column(tmp_path: Path) -> None:
    bundle = write_bundle(tmp_path / "b", {
        "elements.csv": "id,level,name,parents\nZ1,strategy,ยุทธศาสตร์,\nMP1,master_plan,แผนแม่บท,Z1\n"
                        "SP1,sub_plan,แผนย่อย,MP1\nT1,sub_target,เป้าหมาย,SP1\n",
        "agencies.csv": "id,name,ministry,kind\nM1,กระทรวงหนึ่ง,,ministry\nA1,กรมหนึ่ง,M1,department\n"
                        "A2,กรมสอง,MX,department\nA3,กรมสาม,,department\nO1,องค์การมหาชน,,public_org\n",
        # A9 is in no file, A2 names a ministry that does not exist, A3 is a department without one;
        # near-miss: O1, a public organisation on its own, keeps its own column, as M1 does
        "projects.csv": "id,name,agency,fiscal_year,budget,links\nP1,ก,A1,2567,100,T1\nP2,ข,A2,2567,200,T1\n"
                        "P3,ค,A3,2567,300,T1\nP4,ง,A9,2567,400,T1\nP5,จ,O1,2567,500,T1\n",
    })
    doc = json.loads(run("matrix", str(bundle), "--format", "json", "--lang", "en")[1])
    assert doc["ministries"] == ["O1", "M1", "?"]
    assert doc["unknown_ministry"] == {"key": "?", "label": "unknown ministry", "agencies": ["A3", "A9", "MX"]}
    assert doc["rows"][0]["cells"]["?"] == {"projects": 3, "budget": 900.0, "lead": False}
    code, text = run("matrix", str(bundle))
    assert code == 0 and "ไม่ทราบกระทรวง" in text and "A3, A9, MX" in text
    assert "1 (<0.1M)" in text and "(0.0M)" not in text   # 100 baht is not nothing

    header = run("matrix", str(bundle), "--format", "csv", "--lang", "en")[1].splitlines()[0]
    assert header.endswith("M1 budget,unknown ministry projects,unknown ministry budget")
    plain = json.loads(run("matrix", str(SAMPLE), "--format", "json", "--rows", "provincial_target")[1])
    assert "unknown_ministry" not in plain and "?" not in plain["ministries"]


def test_matrix_millions_round_halves_up() -> None:
    from graphkpi.render.accountability import _millions

    assert [_millions(b) for b in (250_000, 1_250_000, 249_999, 50_000, 49_999, 0)] == [
        "0.3", "1.3", "0.2", "0.1", "<0.1", "0.0"]
