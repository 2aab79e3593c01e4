"""Filters on every listing command (--ministry, --agency, --province, --exclude-national, --year,
--target): what they resolve to, which projects they select, which findings they keep, and what
each output says about them. Neo4j parity: tests/backends/neo4j/test_neo4j_slice.py."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import networkx as nx
import pandas as pd
import pytest
from click.testing import CliRunner
from openpyxl import load_workbook

from graphkpi.backends.networkx import NetworkXBackend
from graphkpi.cli import main
from graphkpi.load import load_bundle
from graphkpi.slice import SliceError, SliceRequest, resolve
from tests.conftest import MINIMAL, SAMPLE, write_bundle


@pytest.fixture(scope="module")
def g():
    return load_bundle(SAMPLE)


def sliced(g, **given) -> tuple[object, pd.Index]:
    b = NetworkXBackend(g)
    sl = resolve(SliceRequest.of(given.pop("exclude_national", False), **given), b.directory())
    return sl, b.slice_projects(sl)


def invoke(*args: str) -> tuple[int, str, str]:
    r = CliRunner().invoke(main, [*args, "-q"])
    return r.exit_code, r.stdout, r.stderr


def doc(*args: str) -> dict:
    code, out, err = invoke(*args, "--format", "json")
    assert code == 0, err
    return json.loads(out)


# --- resolution ------------------------------------------------------------------------------

@pytest.mark.parametrize("written", ["พม.", "พม", "กระทรวงการพัฒนาสังคมและความมั่นคงของมนุษย์",
                                     "ministry of social development and human security"])
def test_a_ministry_by_abbreviation_with_or_without_the_dot_or_by_name(g, written: str) -> None:
    sl, _ = sliced(g, ministry=[written])
    assert sl.ministries == ("พม",)


@pytest.mark.parametrize("written", ["TH-50", "เชียงใหม่", "จ.เชียงใหม่", "จังหวัดเชียงใหม่", "Chiang Mai"])
def test_a_province_by_code_or_name(g, written: str) -> None:
    assert sliced(g, province=[written])[0].provinces == ("TH-50",)


def test_a_cluster_or_region_takes_all_its_provinces(g) -> None:
    sl, projects = sliced(g, province=["R1"], exclude_national=True)
    clusters = set(g.areas.index[g.areas["parent"] == "R1"])
    provinces = set(g.areas.index[g.areas["parent"].isin(clusters)])
    assert "TH-50" in provinces and provinces | clusters | {"R1"} == set(sl.areas)
    placed = g.project_areas[g.project_areas["area"].isin(provinces | clusters | {"R1"})]["project"]
    assert set(projects) == set(placed) and len(projects) > 0


def test_years_in_either_era_and_ranges(g) -> None:
    be, ce = sliced(g, year=["2567"]), sliced(g, year=["2024"])
    assert be[0].years == ce[0].years == (2024,) and list(be[1]) == list(ce[1])
    _, span = sliced(g, year=["2566-2567"])
    assert set(span) == set(g.projects.index[g.projects["fiscal_year"].isin([2023, 2024])])
    assert set(be[1]) < set(span)


def test_lists_and_repeats_are_one_filter(g) -> None:
    a = sliced(g, ministry=["สธ;มท"])
    b = sliced(g, ministry=["สธ", "มท"])
    assert a[0].ministries == b[0].ministries == ("สธ", "มท") and list(a[1]) == list(b[1])


@pytest.mark.parametrize(("option", "written", "suggestion"),
                         [("ministry", "สธx", "สธ"), ("province", "Chiangmai", "TH-50"),
                          ("target", "13020", "130201"), ("agency", "zzzz", None), ("year", "25x", None),
                          ("year", "2568-2566", None)])
def test_an_unknown_value_names_the_closest(g, option: str, written: str, suggestion: str | None) -> None:
    with pytest.raises(SliceError) as exc:
        sliced(g, **{option: [written]})
    (p,) = exc.value.problems
    assert (p.option, p.value, p.suggestion) == (option, written, suggestion)


# --- selection ---------------------------------------------------------------------------------

def test_ministry_and_agency(g) -> None:
    _, projects = sliced(g, ministry=["สธ"])
    assert set(projects) == set(g.project_ministry.index[g.project_ministry == "สธ"])
    _, one = sliced(g, agency=["สธ03"])
    assert set(one) == set(g.projects.index[g.projects["agency"] == "สธ03"]) and set(one) < set(projects)


def test_national_projects_are_in_unless_excluded(g) -> None:
    national = set(g.project_areas.loc[g.project_areas["area"] == "national", "project"])
    here = set(g.project_areas.loc[g.project_areas["area"] == "TH-50", "project"])
    _, with_national = sliced(g, province=["TH-50"])
    _, without = sliced(g, province=["TH-50"], exclude_national=True)
    assert set(with_national) == here | national and set(without) == here
    _, only = sliced(g, province=["national"])
    assert set(only) == national
    _, rest = sliced(g, exclude_national=True)
    assert set(rest) == set(g.projects.index) - national


def test_naming_national_projects_and_excluding_them_is_refused() -> None:
    """--province national --exclude-national used to say 'national projects included' and ignore
    the flag. The near miss: --province national alone selects them."""
    r = CliRunner().invoke(main, ["stats", str(SAMPLE), "--province", "national", "--exclude-national", "--lang", "en"])
    assert r.exit_code == 2 and r.stdout == ""
    assert "--exclude-national leaves them out: give one or the other" in r.stderr
    assert CliRunner().invoke(main, ["stats", str(SAMPLE), "--province", "national"]).exit_code == 0


@pytest.mark.parametrize("target", ["130201", "MP13", "S1"])   # a sub-target, a master plan, Z
def test_target_at_any_level(g, target: str) -> None:
    _, projects = sliced(g, target=[target])
    below = nx.ancestors(g.hierarchy, target) | {target}   # edges go child → parent: ancestors are below
    expected = set(g.links.loc[g.links["element"].isin(below), "project"]) & set(g.projects.index)
    assert set(projects) == expected and expected


# --- which findings a slice keeps ------------------------------------------------------------

def test_findings_follow_the_slice_rule(g) -> None:
    full = doc("check", str(SAMPLE))
    mine = doc("check", str(SAMPLE), "--ministry", "สธ")
    _, projects = sliced(g, ministry=["สธ"])
    assert mine["slice"] == {"ministry": ["สธ"], "projects": len(projects)}
    kept = {(f["code"], f["subject"]) for f in mine["findings"]}
    for f in full["findings"]:
        if f["subject_kind"] == "project" and f["code"] != "GK301":
            assert ((f["code"], f["subject"]) in kept) == (f["subject"] in set(projects)), f
    assert ("GK202", "TH-50-T01") in kept            # reached by P-000028, a สธ project
    assert ("GK202", "AP-พณ-01") not in kept        # neither reached by nor led by สธ
    assert mine["summary"]["GK101"] == sum(g.project_ministry[p] == "สธ" for c, p in kept if c == "GK101") > 0


def test_a_duplicate_group_is_kept_when_one_member_is_in_the_slice() -> None:
    both = doc("duplicates", str(SAMPLE), "--ministry", "พม")
    other = doc("duplicates", str(SAMPLE), "--ministry", "สธ")
    assert {"P-000041"} <= {f["subject"] for f in both["groups"]} & {f["subject"] for f in other["groups"]}
    assert "P-000081" not in {f["subject"] for f in both["groups"]}   # กก and พณ only


def test_a_suppression_unused_in_the_slice_is_not_unused(tmp_path: Path) -> None:
    cfg = tmp_path / "graphkpi.toml"
    cfg.write_text('[[suppress]]\ncode = "GK101"\nsubject = "P-000009"\nreason = "ต่อเนื่อง"\n', encoding="utf-8")
    outside = doc("check", str(SAMPLE), "--select", "GK1,GK9", "--config", str(cfg), "--ministry", "มท")
    inside = doc("check", str(SAMPLE), "--select", "GK1,GK9", "--config", str(cfg), "--ministry", "สธ")
    assert outside["summary"]["GK902"] == 0 and outside["summary"]["suppressed"] == 0
    assert inside["summary"]["suppressed"] == 1
    assert "P-000009" not in {f["subject"] for f in inside["findings"]}


# --- every command, each filter ----------------------------------------------------------------

FILTERS = [["--ministry", "สธ"], ["--agency", "สธ03"], ["--province", "เชียงใหม่"], ["--exclude-national"],
           ["--year", "2566-2567"], ["--target", "130201"]]
JSON_COMMANDS = ["check", "orphans", "chains", "duplicates", "lead-gaps", "kpis", "matrix", "stats"]


@pytest.mark.parametrize("command", JSON_COMMANDS)
@pytest.mark.parametrize("where", FILTERS, ids=" ".join)
def test_every_command_takes_every_filter(g, command: str, where: list[str]) -> None:
    d = doc(command, str(SAMPLE), *where)
    key = where[0].removeprefix("--")
    assert key in d["slice"] or (key == "exclude-national" and d["slice"]["national"] is False)
    code, text, _ = invoke(command, str(SAMPLE), *where, "--lang", "en")
    assert code == 0 and text.startswith("slice: ") and f"— {d['slice']['projects']:,} projects" in text
    assert "slice" not in doc(command, str(SAMPLE))


def test_figures_are_computed_on_the_slice(g) -> None:
    _, projects = sliced(g, ministry=["สธ"])
    stats = doc("stats", str(SAMPLE), "--ministry", "สธ")
    assert stats["projects"] == len(projects)
    assert stats["budget_reaching_z"]["of"] == pytest.approx(g.projects.loc[projects, "budget"].fillna(0).sum())
    code, out, _ = invoke("matrix", str(SAMPLE), "--ministry", "สธ", "--format", "csv")
    assert code == 0
    m = pd.read_csv(pd.io.common.StringIO(out))
    acting = [c for c in m.columns if c.endswith(" projects") and m[c].fillna(0).sum() > 0]
    assert acting == ["สธ projects"]
    orphans = doc("orphans", str(SAMPLE), "--province", "TH-50", "--exclude-national")
    assert orphans["projects"] and all("TH-50" in p["provinces"] for p in orphans["projects"])


def test_report_cover_and_totals(tmp_path: Path, g) -> None:
    _, projects = sliced(g, ministry=["สธ"], year=["2567"])
    out = tmp_path / "r.xlsx"
    code, text, err = invoke("report", str(SAMPLE), "-o", str(out), "--ministry", "สธ", "--year", "2567")
    assert code == 0, err
    assert f"— {len(projects)} โครงการ" in text
    assert f"จำนวนโครงการในชุดย่อย: {len(projects)};" in text and "จำนวนโครงการทั้งหมด" not in text
    cells = [c.value for row in load_workbook(out).worksheets[0].iter_rows() for c in row if c.value is not None]
    assert any(isinstance(v, str) and v.startswith("กระทรวง กระทรวงสาธารณสุข (สธ) · ปีงบประมาณ 2567") for v in cells)
    html = tmp_path / "r.html"
    assert invoke("report", str(SAMPLE), "-o", str(html), "--province", "C01")[0] == 0
    assert "ชุดย่อย" in html.read_text(encoding="utf-8")


def test_view_of_a_slice_and_its_refusals(tmp_path: Path) -> None:
    out = tmp_path / "v.html"
    code, text, _ = invoke("view", str(SAMPLE), "-o", str(out), "--ministry", "สธ", "--year", "2567")
    assert code == 0 and " โหนด " in text
    assert "ชุดย่อย: กระทรวง กระทรวงสาธารณสุข (สธ) · ปีงบประมาณ 2567" in out.read_text(encoding="utf-8")
    assert invoke("view", str(SAMPLE), "-o", str(out), "--focus", "S1", "--province", "TH-50")[0] == 2
    code, _, err = invoke("view", str(SAMPLE), "-o", str(tmp_path / "empty.html"), "--year", "2599")
    assert code == 2 and "ไม่มีโครงการ" in err and not (tmp_path / "empty.html").exists()


@pytest.mark.parametrize("command", [*JSON_COMMANDS, "report", "view"])
def test_an_unknown_value_exits_2_in_thai_first(tmp_path: Path, command: str) -> None:
    extra = ["-o", str(tmp_path / "x.html")] if command in ("report", "view") else []
    code, out, err = invoke(command, str(SAMPLE), *extra, "--ministry", "สธx")
    assert code == 2 and out == "" and "ไม่พบ --ministry 'สธx'" in err and "หมายถึง สธ หรือไม่" in err
    assert not (tmp_path / "x.html").exists()


def test_a_real_process(tmp_path: Path) -> None:
    out = tmp_path / "o.json"
    r = subprocess.run([sys.executable, "-m", "graphkpi", "orphans", str(SAMPLE), "--ministry", "พม.", "--year",
                        "2568", "--format", "json", "-o", str(out), "-q"], capture_output=True, text=True, timeout=300)
    assert r.returncode == 0, r.stderr
    d = json.loads(out.read_text(encoding="utf-8-sig"))
    assert d["slice"]["ministry"] == ["พม"] and d["slice"]["year"] == [2568]
    assert all(p["ministry"] == "พม" and p["fiscal_year"] == 2568 for p in d["projects"])


def test_reach_lists_only_the_slice_s_projects(g) -> None:
    _, projects = sliced(g, ministry=["สธ"])
    whole = doc("reach", "130201", str(SAMPLE))
    cut = doc("reach", "130201", str(SAMPLE), "--ministry", "สธ")
    ids = {p["project"] for p in whole["projects"]}
    assert {p["project"] for p in cut["projects"]} == ids & set(projects)
    assert {p["ministry"] for p in whole["projects"]} - {"สธ"}      # near-miss: the whole bundle has others
    assert {m["ministry"] for m in cut["totals"]["by_ministry"]} == {"สธ"}
    assert cut["slice"]["ministry"] == ["สธ"] and "slice" not in whole
    code, text, _ = invoke("reach", "130201", str(SAMPLE), "--ministry", "สธ", "--lang", "en")
    assert code == 0 and text.startswith("slice: ")


def test_suggest_answers_for_the_slice_s_projects_only(g) -> None:
    _, projects = sliced(g, province=["TH-50"], exclude_national=True)
    whole = {s["project"] for s in doc("suggest", str(SAMPLE))["suggestions"]}
    cut = doc("suggest", str(SAMPLE), "--province", "TH-50", "--exclude-national")
    assert {s["project"] for s in cut["suggestions"]} == whole & set(projects)
    assert whole - set(projects)                                      # near-miss: others are left out
    assert cut["slice"]["national"] is False


def test_a_slice_holding_no_project_is_said_to_be_empty_on_stderr() -> None:
    """--year 2576 for 2567: the lists are empty and exit 0 (a year may simply have no project
    yet), but an empty list must not read as good news. Near-miss: 2567 says nothing."""
    empty = CliRunner().invoke(main, ["orphans", str(SAMPLE), "--year", "2576", "--lang", "en"])
    assert empty.exit_code == 0 and "no project of the bundle is in this slice" in empty.stderr
    assert "no project of the bundle" not in empty.stdout
    full = CliRunner().invoke(main, ["orphans", str(SAMPLE), "--year", "2567", "--lang", "en"])
    assert full.exit_code == 0 and "no project of the bundle" not in full.stderr
    assert empty.stderr.rstrip().endswith("check the filters (a mistyped fiscal year?)")


def test_an_empty_slice_of_a_ministry_given_as_agency_says_so() -> None:
    """สธ is a ministry: its departments run the projects, so --agency สธ holds none."""
    r = CliRunner().invoke(main, ["stats", str(SAMPLE), "--agency", "สธ", "--lang", "en", "--format", "json"])
    assert r.exit_code == 0 and "(สธ: a ministry; use --ministry สธ for the projects of its agencies)" in r.stderr
    assert json.loads(r.stdout)["projects_reaching_z"] == {"count": 0, "of": 0, "share": None}   # 0 of 0: no share
    r = CliRunner().invoke(main, ["stats", str(SAMPLE), "--ministry", "สธ", "--lang", "en"])   # near miss
    assert r.exit_code == 0 and r.stderr == ""


@pytest.mark.parametrize("value", ["", " ", ";", " ; "])
def test_a_filter_given_only_blanks_is_refused_not_dropped(value: str) -> None:
    """``--ministry "$M"`` with M unset selected every project, exit 0: the slice widened silently."""
    r = CliRunner().invoke(main, ["orphans", str(SAMPLE), "--ministry", value, "--lang", "en"])
    assert r.exit_code == 2 and "--ministry was given an empty value" in r.stderr and r.stdout == ""
    r = CliRunner().invoke(main, ["orphans", str(SAMPLE), "--ministry", value, "--ministry", "สธ"])   # near miss
    assert r.exit_code == 0


def test_a_project_given_as_target_is_named_a_project() -> None:
    """--target P-000001 used to suggest the element 200001, which looks alike and means nothing
    to the user: a project id is not a plan element, and trace is what answers for it."""
    r = CliRunner().invoke(main, ["orphans", str(SAMPLE), "--target", "P-000001", "--target", "13020",
                                  "--lang", "en"])
    assert r.exit_code == 2 and r.stdout == ""
    lines = r.stderr.splitlines()[1:]
    assert lines[0] == ("  --target 'P-000001' is a project, not a plan element: --target selects the projects "
                        "serving a target or other plan element; for this project's own chains use graphkpi trace "
                        "P-000001")
    assert lines[1] == "  --target '13020' names nothing in this bundle; did you mean 130201?"   # near miss


def test_a_target_that_lost_its_leading_zero_is_suggested_as_reach_suggests_it() -> None:
    """Excel turned 030201 into 30201: --target used to suggest 230201 (another master plan's
    target, closest by spelling), while reach put the zero back. Both now suggest 030201."""
    r = CliRunner().invoke(main, ["stats", str(SAMPLE), "--target", "30201", "--lang", "en"])
    assert r.exit_code == 2 and "--target '30201' names nothing in this bundle; did you mean 030201?" in r.stderr
    r = CliRunner().invoke(main, ["reach", "30201", str(SAMPLE), "--lang", "en"])
    assert r.exit_code == 2 and "did you mean 030201," in r.stderr


def test_reach_and_trace_trim_a_typed_id_as_the_loader_trims_ids() -> None:
    """A pasted '130201 ' names 130201, as --target '130201 ' does; the near miss '13O201' names nothing."""
    for args in (["reach", "130201 ", str(SAMPLE)], ["trace", str(SAMPLE), " 130201\u200b"]):
        assert CliRunner().invoke(main, [*args, "--format", "json"]).exit_code == 0, args
    assert CliRunner().invoke(main, ["reach", "13O201", str(SAMPLE)]).exit_code == 2


@pytest.mark.parametrize("command", ["orphans", "chains", "reach"])
def test_an_empty_slice_keeps_the_columns_of_a_full_one(command: str) -> None:
    """A tool reading the CSV sees the same columns whether or not the slice holds a project: the
    budget-lines column used to vanish from an empty slice's lists."""
    where = ["reach", "S2"] if command == "reach" else [command]
    full = CliRunner().invoke(main, [*where, str(SAMPLE), "--year", "2567", "--format", "csv"])
    empty = CliRunner().invoke(main, [*where, str(SAMPLE), "--year", "2576", "--format", "csv"])
    assert full.exit_code == empty.exit_code == 0, empty.stderr
    assert len(full.stdout.splitlines()) > 1 and empty.stdout.splitlines() == full.stdout.splitlines()[:1]
    if command != "chains":
        assert "line_budget" in full.stdout.splitlines()[0]


PLACES = {**MINIMAL, "projects.csv": "id,name,agency,fiscal_year,budget,provinces,links\n"
                                     "P1,หนึ่ง,A1,2567,100,เชียงใหม่,T1\nP2,สอง,A1,2567,200,Chiangmaii,T1\n"
                                     "P3,สาม,A1,2567,300,national,T1\nP4,สี่,A1,2567,400,,T1\n"
                                     "P5,ห้า,A1,2567,500,\"เชียงใหม่, ลำพูน\",\n"}


def test_a_province_slice_says_which_projects_no_province_can_hold(tmp_path: Path) -> None:
    """P2's one place is misspelt and P5's two places are run together (GK001 each): no province's
    slice held them, and a province's list read as whole. P3 (national) and P4 (no place given)
    are the near misses: nothing was misread."""
    bundle = str(write_bundle(tmp_path / "b", PLACES))
    r = CliRunner().invoke(main, ["orphans", bundle, "--province", "ลำพูน", "--lang", "en"])
    assert r.exit_code == 0
    assert "note: 2 projects name no known place (GK001), so no province's slice holds them: P2, P5" in r.stderr
    assert "note:" not in CliRunner().invoke(main, ["orphans", bundle, "--ministry", "M1", "--lang", "en"]).stderr
    r = CliRunner().invoke(main, ["report", bundle, "--per", "province", "--ext", "csv", "-o", str(tmp_path / "per")])
    assert r.exit_code == 0   # per province, they have a report of their own, with P4 (no place given)
    index = (tmp_path / "per" / "index.csv").read_text("utf-8-sig").splitlines()
    row = next(line.split(",") for line in index if "orphans-no-province.csv" in line)
    assert row[3:5] == ["3", "1"]   # P2, P4 and P5; P5 (no link) is at risk
    rest = (tmp_path / "per" / "orphans-no-province.csv").read_text("utf-8-sig").splitlines()
    assert [line.split(",")[0] for line in rest[1:]] == ["P5"]


# --- names for people: ids such as สธ or TH-50 are opaque to an English reader ----------------------

NAMED = {**MINIMAL,
         "agencies.csv": "id,name,name_en,abbr,ministry,kind\n"
                         "M1,กระทรวงสาธารณสุข,Ministry of Public Health,สธ.,,ministry\nM2,กระทรวงสอง,,,,ministry\n"
                         "A1,กรมหนึ่ง,Department One,,M1,department\nA2,กรมสอง,,,M2,department\n",
         "projects.csv": "id,name,agency,fiscal_year,budget,provinces,links\n"
                         "P1,โครงการหนึ่ง,A1,2567,1000,TH-50,T1\nP2,โครงการสอง,A2,2567,1000,TH-50,T1\n"}


def test_a_did_you_mean_names_the_suggestion_in_english(tmp_path: Path) -> None:
    """"did you mean สธ" told an English reader nothing: the id to type, then its English name.
    Near misses: a ministry without an English name is suggested by its id alone, and Thai is as it was."""
    path = write_bundle(tmp_path / "b", NAMED)
    code, _, err = invoke("orphans", str(path), "--ministry", "Ministry of Health", "--province", "Chaing Mai",
                          "--lang", "en")
    assert code == 2 and err.splitlines()[1:] == [
        "  --ministry 'Ministry of Health' names nothing in this bundle; did you mean M1 (Ministry of Public Health)?",
        "  --province 'Chaing Mai' names nothing in this bundle; did you mean TH-50 (Chiang Mai)?"]
    code, _, err = invoke("orphans", str(path), "--ministry", "กระทรวงสอ", "--lang", "en")
    assert code == 2 and err.splitlines()[1] == (
        "  --ministry 'กระทรวงสอ' names nothing in this bundle; did you mean M2?")
    code, _, err = invoke("orphans", str(path), "--ministry", "Ministry of Health")
    assert code == 2 and err.splitlines()[1] == "  ไม่พบ --ministry 'Ministry of Health' ในชุดข้อมูลนี้ (หมายถึง M1 หรือไม่)"


def test_the_slice_line_names_what_it_holds_and_json_keeps_the_ids(tmp_path: Path) -> None:
    """"slice: ministry สธ · province TH-50" now reads by the names, in each language, with the ids
    beside them; an agency without an English name keeps its id alone in English. JSON is a contract:
    ids only, as before."""
    path = write_bundle(tmp_path / "b", NAMED)
    where = ["--ministry", "Ministry of Public Health", "--agency", "Department One", "--province", "Chiang Mai"]
    code, text, _ = invoke("orphans", str(path), *where, "--lang", "en")
    assert code == 0 and text.splitlines()[0] == (
        "slice: ministry Ministry of Public Health (M1) · agency Department One (A1) · province Chiang Mai (TH-50)"
        " · national projects included — 1 project")
    code, text, _ = invoke("orphans", str(path), *where)
    assert code == 0 and text.splitlines()[0] == (
        "ชุดย่อย: กระทรวง กระทรวงสาธารณสุข (M1) · หน่วยงาน กรมหนึ่ง (A1) · พื้นที่ เชียงใหม่ (TH-50)"
        " · รวมโครงการทั่วประเทศ — 1 โครงการ")
    code, text, _ = invoke("orphans", str(path), "--ministry", "M2", "--agency", "A2", "--lang", "en")
    assert code == 0 and text.splitlines()[0] == "slice: ministry M2 · agency A2 — 1 project"
    code, text, _ = invoke("orphans", str(path), "--ministry", "M2", "--agency", "A2")
    assert code == 0 and text.splitlines()[0] == "ชุดย่อย: กระทรวง กระทรวงสอง (M2) · หน่วยงาน กรมสอง (A2) — 1 โครงการ"
    assert doc("orphans", str(path), *where, "--lang", "en")["slice"] == {
        "ministry": ["M1"], "agency": ["A1"], "province": ["TH-50"], "national": True, "projects": 1}


def test_a_value_given_alone_is_one_value() -> None:
    """From Python, ``ministry="สธ"`` is the ministry สธ (it read as --ministry 'ส' and 'ธ'), and a
    year may be a number; several values are still a tuple or list."""
    assert SliceRequest(ministry="สธ", year=2567) == SliceRequest(ministry=("สธ",), year=("2567",))
    assert SliceRequest(ministry=["สธ", "กษ"]).ministry == ("สธ", "กษ")
    assert SliceRequest.of(ministry="สธ;กษ", year=2567) == SliceRequest(ministry=("สธ", "กษ"), year=("2567",))
    assert resolve(SliceRequest(ministry="สธ"), NetworkXBackend(load_bundle(SAMPLE)).directory()).ministries == ("สธ",)
