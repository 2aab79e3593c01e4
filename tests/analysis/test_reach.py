"""``graphkpi reach``: every project whose chains pass through an element, one route each, totals."""

from __future__ import annotations

import itertools
import json
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest
from click.testing import CliRunner

from graphkpi.analysis.reach import ReachError, reach
from graphkpi.backends.networkx import NetworkXBackend
from graphkpi.checks.run import run_codes
from graphkpi.cli import main
from graphkpi.load import load_bundle
from graphkpi.load.guess import nearby
from tests.conftest import REPO, SAMPLE, write_bundle

# T1 is asked about. Below it: a value chain (VC1 ← F1, F2), a provincial target PT1 and an
# action target AT1 that cascades into T1 both directly and through F1 (two routes). BX's parent
# does not exist, so FX's chains stop below everything; T1OLD is T1's first edition (2561–2565).
REACH_BUNDLE = {
    "elements.csv": "id,level,name,parents,area,valid_from,valid_to,replaced_by\n"
                    "Z1,strategy,ยุทธศาสตร์,,,,,\nMP1,master_plan,แผนแม่บท,Z1,,,,\nSP1,sub_plan,แผนย่อย,MP1,,,,\n"
                    "T1,sub_target,เป้าหมาย (ฉบับทบทวน),SP1,,2566,2570,\n"
                    "T1OLD,sub_target,เป้าหมาย (ฉบับปี 2561),SP1,,2561,2565,T1\n"
                    "VC1,vc_component,องค์ประกอบ,T1,,,,\nF1,vc_factor,ปัจจัยหนึ่ง,VC1,,,,\n"
                    "F2,vc_factor,ปัจจัยสอง,VC1,,,,\nPT1,provincial_target,เป้าหมายจังหวัด,T1,TH-50,,,\n"
                    "AT1,action_target,เป้าหมายแผนปฏิบัติราชการ,T1;F1,,,,\n"
                    "BX,vc_component,องค์ประกอบลอย,MISSING,,,,\nFX,vc_factor,ปัจจัยลอย,BX,,,,\n",
    "agencies.csv": "id,name,ministry,kind\nM1,กระทรวงหนึ่ง,,ministry\nA1,กรมหนึ่ง,M1,department\n"
                    "M2,กระทรวงสอง,,ministry\nA2,กรมสอง,M2,department\n",
    "projects.csv": "id,name,agency,fiscal_year,budget,provinces,links\n"
                    "P1,โครงการหนึ่ง,A1,2567,\"1,000\",TH-50,F1\n"
                    "P2,โครงการสอง,A2,2567,\"2,000\",TH-50,F2;PT1\n"
                    "P3,โครงการสาม,A1,2567,500,national,\n"
                    "P4,โครงการสี่,A2,2567,700,national,FX\n"
                    "P5,โครงการห้า,A1,2567,300,national,T1OLD\n"
                    "P6,โครงการหก,A2,2567,\"4,000\",TH-10,T1\n"
                    "P7,โครงการเจ็ด,A1,2567,900,TH-10,NOPE\n",
    "project_links.csv": "project,element\nP3,AT1\nP99,T1\n",   # P99 is no project: a GK001, no route
}


@pytest.fixture
def b(tmp_path: Path) -> NetworkXBackend:
    return NetworkXBackend(load_bundle(write_bundle(tmp_path / "reach", REACH_BUNDLE)))


def test_projects_routes_and_paths(b: NetworkXBackend) -> None:
    r = reach(b, "T1")
    rows = r.projects.set_index("project")
    # P4's chain stops at BX below T1, P5 links to the other edition, P7 to nothing: not listed.
    assert list(r.projects["project"]) == ["P6", "P2", "P1", "P3"]           # largest budget first
    assert rows["path"].to_dict() == {"P1": ["F1", "VC1", "T1"], "P2": ["PT1", "T1"], "P3": ["AT1", "T1"],
                                      "P6": ["T1"]}
    assert rows["steps"].to_dict() == {"P1": 3, "P2": 2, "P3": 2, "P6": 1}
    # P2: through F2 and through PT1; P3 (a project_links.csv link): AT1 → T1 and AT1 → F1 → VC1 → T1.
    assert rows["routes"].to_dict() == {"P1": 1, "P2": 2, "P3": 2, "P6": 1}
    assert rows.loc["P2", ["agency", "ministry", "fiscal_year", "budget", "provinces"]].tolist() == [
        "A2", "M2", 2024, 2000.0, "TH-50"]
    assert r.element == {"id": "T1", "level": "sub_target", "name": "เป้าหมาย (ฉบับทบทวน)"}


def test_totals_count_each_project_once(b: NetworkXBackend) -> None:
    r = reach(b, "T1")
    ministries = r.by_ministry.set_index("ministry")
    assert ministries["projects"].to_dict() == {"M2": 2, "M1": 2}
    assert ministries["budget"].to_dict() == {"M2": 6000.0, "M1": 1500.0}   # P2's two routes: 2,000 once
    assert r.budget == 7500.0
    levels = r.by_level.set_index("level")
    # nearest first; as near (one link below T1), in the profile's order, not the alphabet's
    assert levels.index.tolist() == ["vc_component", "provincial_target", "action_target", "vc_factor"]
    assert levels["elements"].to_dict() == {"action_target": 1, "provincial_target": 1, "vc_component": 1,
                                            "vc_factor": 2}
    # vc_factor: P1 (F1), P2 (F2) and P3 (AT1 → F1); P2 counts once at its level although it links twice.
    assert levels["projects"].to_dict() == {"action_target": 1, "provincial_target": 1, "vc_component": 3,
                                            "vc_factor": 3}
    assert levels.loc["vc_factor", "budget"] == 3500.0


def test_out_of_period_links_are_followed_as_in_trace_and_the_checks(b: NetworkXBackend) -> None:
    assert ("GK205", "P5") in {(f.code, f.subject) for f in run_codes(b.graph, ["GK205"])}
    r = reach(b, "SP1")
    assert set(r.projects["project"]) == {"P1", "P2", "P3", "P5", "P6"}
    assert r.projects.set_index("project").at["P5", "path"] == ["T1OLD", "SP1"]


def test_agrees_with_the_closure_tables_on_the_sample() -> None:
    g = load_bundle(SAMPLE)
    b = NetworkXBackend(g)
    edges = set(g.parents[["child", "parent"]].itertuples(index=False, name=None))
    links = set(g.links[["project", "element"]].itertuples(index=False, name=None))
    for element in ("S2", "MP17", "050101", "170101-61", "TH-50-T01"):
        r = reach(b, element)
        assert set(r.projects["project"]) == set(g.reach_pairs([element])["project"])
        for project, path in r.projects[["project", "path"]].itertuples(index=False, name=None):
            assert (project, path[0]) in links and path[-1] == element
            assert all((a, c) in edges for a, c in itertools.pairwise(path))
        assert r.by_ministry["budget"].sum() == pytest.approx(r.budget)
        assert r.by_ministry["projects"].sum() == len(r.projects)


def test_a_project_slice_is_the_one_seam(b: NetworkXBackend) -> None:
    r = reach(b, "T1", projects={"P1", "P2", "P4"})
    assert set(r.projects["project"]) == {"P1", "P2"}
    assert r.by_level.set_index("level")["projects"].to_dict() == {
        "action_target": 0, "provincial_target": 1, "vc_component": 2, "vc_factor": 2}


def test_unknown_and_project_ids(b: NetworkXBackend) -> None:
    with pytest.raises(ReachError) as unknown:
        reach(b, "T01")
    assert unknown.value.kind == "unknown" and unknown.value.nearby[0] == "T1"
    with pytest.raises(ReachError) as project:
        reach(b, "P1")
    assert project.value.kind == "project"
    assert nearby("50602", ["050602", "506", "150602"])[0] == "050602"   # Excel dropped the zero


def test_nearby_ids_put_case_and_the_ids_an_id_begins_before_spellings() -> None:
    """``mp05`` is MP05; ``TH-50`` begins TH-50-T01 (the province's targets), which spelling alone
    ranked after TH-95-T03. The near miss: an id like none has only its close spellings."""
    known = ["MP05", "TH-95-T03", "TH-50-T02", "TH-50-T01", "S2X"]
    assert nearby("mp05", known) == ["MP05"]
    assert nearby("TH-50", known)[:2] == ["TH-50-T01", "TH-50-T02"]
    assert nearby("QQQ", known) == []
    assert nearby("13020", ["1302", "130201"])[0] == "130201"   # a zero too many is not one lost


def test_an_element_nothing_reaches(b: NetworkXBackend) -> None:
    r = reach(b, "BX")
    assert set(r.projects["project"]) == {"P4"}
    empty = reach(b, "F2", projects=set())
    assert empty.projects.empty and empty.by_ministry.empty and empty.budget == 0.0
    text = CliRunner().invoke(main, ["reach", "Z1", str(b.graph.source), "--lang", "en"]).output
    assert "P1" in text and "no project" not in text
    none = CliRunner().invoke(main, ["reach", "T1OLD", str(b.graph.source), "--lang", "en"])
    assert none.exit_code == 0 and "P5" in none.output


def _cli(*args: str) -> tuple[int, str, str]:
    res = CliRunner().invoke(main, ["reach", *args])
    return res.exit_code, res.stdout, res.stderr


def test_cli_formats(tmp_path: Path) -> None:
    bundle = str(write_bundle(tmp_path / "reach", REACH_BUNDLE))
    code, out, _ = _cli("T1", bundle, "--format", "json")
    doc = json.loads(out)
    assert code == 0 and list(doc) == ["graphkpi", "bundle", "element", "projects", "totals"]
    assert doc["projects"][1] == {"project": "P2", "name": "โครงการสอง", "agency": "A2", "agency_name": "กรมสอง",
                                  "ministry": "M2", "ministry_name": "กระทรวงสอง", "fiscal_year": 2567,
                                  "budget": 2000.0, "provinces": "TH-50", "steps": 2, "routes": 2,
                                  "path": ["PT1", "T1"]}
    assert doc["totals"]["projects"] == 4 and doc["totals"]["budget"] == 7500.0
    assert doc["totals"]["by_ministry"][0] == {"ministry": "M2", "ministry_name": "กระทรวงสอง", "projects": 2,
                                               "budget": 6000.0}
    assert json.loads(_cli("T1", bundle, "--format", "json", "--years", "ce")[1])["projects"][0]["fiscal_year"] \
        == 2024
    code, out, _ = _cli("T1", bundle, "--format", "csv")
    frame = pd.read_csv(pd.io.common.StringIO(out), dtype=str)
    assert code == 0 and frame["path"].tolist() == ["T1", "PT1;T1", "F1;VC1;T1", "AT1;T1"]
    code, out, _ = _cli("T1", bundle, "--limit", "1")
    assert code == 0 and "P6" in out and "P2" not in out.split("รายกระทรวง")[0]
    assert "… และอีก 3 โครงการ" in out and "นับครั้งเดียว" in out
    assert "รวม 4 โครงการ งบประมาณ 7,500 บาท" in out
    en = _cli("T1", bundle, "--lang", "en", "--limit", "0")[1]
    assert "PT1 → T1" in en and "more projects" not in en and "by level below T1" in en
    target = tmp_path / "reach.csv"
    assert _cli("T1", bundle, "--format", "csv", "-o", str(target))[0] == 0
    assert target.read_bytes().startswith(b"\xef\xbb\xbfproject,")          # BOM for Excel, as every -o CSV


def test_cli_errors_are_thai_first_and_exit_2(tmp_path: Path) -> None:
    bundle = str(write_bundle(tmp_path / "reach", REACH_BUNDLE))
    code, out, err = _cli("T01", bundle)
    assert code == 2 and out == ""
    assert err == "ข้อผิดพลาด: 'T01' ไม่ใช่องค์ประกอบแผนของชุดข้อมูลนี้; หมายถึง T1, PT1, AT1 หรือไม่\n"
    code, _, err = _cli("P1", bundle, "--lang", "en")
    assert code == 2 and "is a project" in err and "graphkpi trace BUNDLE P1" in err
    code, _, err = _cli("T1")
    assert code == 2 and "BUNDLE" in err
    assert _cli("T1", bundle, "-o", str(Path(bundle) / "projects.csv"))[0] == 2   # never over an input


def test_real_subprocess_on_the_sample() -> None:
    res = subprocess.run([sys.executable, "-m", "graphkpi", "reach", "050101", str(SAMPLE), "--format", "json"],
                         capture_output=True, text=True, encoding="utf-8", cwd=REPO, timeout=300)
    assert res.returncode == 0, res.stderr
    doc = json.loads(res.stdout)
    assert doc["element"]["level"] == "sub_target" and doc["totals"]["projects"] == len(doc["projects"]) > 0
    assert res.stderr == ""


def test_an_id_that_is_no_element_says_so_in_a_sentence(monkeypatch) -> None:
    """In a notebook the ReachError reads as the command's message (a KeyError showed ``'13021'``)."""
    monkeypatch.setenv("GRAPHKPI_LANG", "en")
    with pytest.raises(ReachError) as err:
        reach(load_bundle(SAMPLE), "13021")
    assert str(err.value) == "'13021' is not a plan element of this bundle; did you mean 130201, 1302, 190201"
    with pytest.raises(ReachError) as err:
        reach(load_bundle(SAMPLE), "P-000001")
    assert "trace" in str(err.value)   # near-miss: a project, which trace answers
