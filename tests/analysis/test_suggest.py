"""``graphkpi suggest``: what is suggested, what never is, the evidence, and the outputs."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys

import numpy as np
import pandas as pd
import pytest
from click.testing import CliRunner

from graphkpi.analysis.suggest import NO_WORDS, select_projects, suggest, unanchored_projects
from graphkpi.checks.run import run_codes
from graphkpi.cli import main
from graphkpi.load import load_bundle
from graphkpi.periods import outside
from graphkpi.reports import build_report
from graphkpi.synth import generate_bundle
from tests.conftest import REPO, SAMPLE

# Two master plans; T1 is the health-tourism sub-target in force 2566–2570, T_OLD its earlier
# edition (out of period for 2567), T_LOOSE the same words with no parent (never reaches Z), SP1
# a sub-plan (a level projects may not link to), PT1/PT2 provincial targets of two provinces.
PLAN = {
    "elements.csv": "id,level,name,parents,area,valid_from,valid_to\n"
                    "Z1,strategy,ยุทธศาสตร์ชาติด้านการแข่งขัน,,,,\n"
                    "MP1,master_plan,แผนแม่บทประเด็นการท่องเที่ยว,Z1,,,\n"
                    "SP1,sub_plan,การท่องเที่ยวเชิงสุขภาพ ความงาม และแพทย์แผนไทย,MP1,,,\n"
                    "T1,sub_target,รายได้จากการท่องเที่ยวเชิงสุขภาพเพิ่มขึ้น,SP1,,2566,2570\n"
                    "T_OLD,sub_target,รายได้จากการท่องเที่ยวเชิงสุขภาพและสปาเพิ่มขึ้น,SP1,,2561,2565\n"
                    "T_LOOSE,sub_target,รายได้จากการท่องเที่ยวเชิงสุขภาพและสปา,,,,\n"
                    "MP2,master_plan,แผนแม่บทประเด็นการเกษตร,Z1,,,\n"
                    "SP2,sub_plan,เกษตรปลอดภัย,MP2,,,\n"
                    "T2,sub_target,สินค้าเกษตรปลอดภัยมีมูลค่าเพิ่มขึ้น,SP2,,,\n"
                    "PT1,provincial_target,การท่องเที่ยวเชิงสุขภาพของจังหวัดเชียงใหม่,T1,TH-50,,\n"
                    "PT2,provincial_target,การท่องเที่ยวเชิงสุขภาพของจังหวัดภูเก็ต,T1,TH-83,,\n",
    "agencies.csv": "id,name,ministry,kind\nM1,กระทรวงหนึ่ง,,ministry\nA1,กรมหนึ่ง,M1,department\n"
                    "A2,กรมสอง,M1,department\n",
    "projects.csv": "id,name,agency,fiscal_year,provinces,objective,links\n"
                    "P1,โครงการเพิ่มรายได้จากการท่องเที่ยวเชิงสุขภาพ,A2,2567,national,,\n"
                    "P2,โครงการ จังหวัดเชียงใหม่ ประจำปีงบประมาณ 2567,A2,2567,TH-50,,\n"
                    "P3,โครงการส่งเสริมท่องเที่ยวเชิงสุขภาพ,A2,2567,TH-50,,\n"
                    "P4,โครงการตรวจรับรองแปลงผลิตสินค้าเกษตรปลอดภัย,A1,2567,national,,T2\n"
                    "P5,โครงการอบรมเกษตรกรปลูกผักปลอดภัย,A1,2567,national,,\n"
                    "P6,\"=HYPERLINK(\"\"http://x\"\") ท่องเที่ยวเชิงสุขภาพ\",A2,2567,national,,\n",
}


@pytest.fixture
def plan(bundle):
    return bundle(PLAN)


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_a_project_whose_title_names_its_target_gets_it_first(plan) -> None:
    got = suggest(load_bundle(plan), ["P1"]).candidates
    assert got["element"].iloc[0] == "T1" and got["rank"].iloc[0] == 1
    assert got["words"].iloc[0][:3] and set(got["words"].iloc[0]) <= {"รายได้", "ท่องเที่ยว", "เชิง", "สุขภาพ"}


def test_out_of_period_non_z_and_non_project_levels_are_never_suggested(plan) -> None:
    g = load_bundle(plan)
    got = suggest(g, g.projects.index.tolist(), top=20).candidates
    assert not set(got["element"]) & {"T_OLD", "T_LOOSE", "SP1", "MP1", "Z1"}
    assert "T1" in set(got["element"])       # the same words, in period and reaching Z: suggested


def test_never_out_of_period_or_unanchored_on_the_sample() -> None:
    g = load_bundle(SAMPLE)
    got = suggest(g, g.projects.index[:200].tolist(), top=10).candidates
    assert len(got) > 500
    assert set(got["element"]) <= g.reaches_z
    assert set(got["level"]) <= g.profile.project_parents
    rows = g.element_ids.rows(got["element"])
    start, end = g.period_rows
    years = g.projects["fiscal_year"].reindex(got["project"]).to_numpy(dtype=float)
    assert not outside(years, start[rows], end[rows]).any()
    assert (got["score"].between(0, 1)).all()
    assert (got.groupby("project")["score"].apply(lambda s: s.is_monotonic_decreasing)).all()


def test_no_usable_words_gives_an_empty_list_and_says_why(plan) -> None:
    result = suggest(load_bundle(plan), ["P2"])
    assert result.candidates.empty and result.reasons == {"P2": NO_WORDS}
    code, out, _ = run("suggest", str(plan), "--project", "P2", "--format", "json", "--lang", "en")
    assert code == 0
    item = json.loads(out)["suggestions"][0]
    assert item["candidates"] == [] and "no usable words" in item["reason"]
    assert "ไม่มีคำที่ใช้เทียบได้" in run("suggest", str(plan), "--project", "P2")[1]


def test_area_targets_only_of_the_projects_own_place(plan) -> None:
    got = suggest(load_bundle(plan), ["P3", "P1"], top=10).candidates
    p3 = got[got["project"] == "P3"]
    assert "PT1" in set(p3["element"]) and "PT2" not in set(p3["element"])
    assert p3.loc[p3["element"] == "PT1", "area"].item()
    assert not set(got.loc[got["project"] == "P1", "element"]) & {"PT1", "PT2"}   # national: no area target


def test_co_links_of_the_same_agency_count_but_never_a_projects_own(plan) -> None:
    g = load_bundle(plan)
    got = suggest(g, ["P5", "P4"]).candidates.set_index(["project", "element"])
    assert got.loc[("P5", "T2"), "agency_hits"] == 1 and got.loc[("P5", "T2"), "agency_total"] == 1
    assert got.loc[("P4", "T2"), "agency_hits"] == 0 and got.loc[("P4", "T2"), "agency_total"] == 0
    assert got.loc[("P5", "T2"), "score"] > got.loc[("P4", "T2"), "score"]


def test_default_selection_is_the_gk101_and_gk201_projects() -> None:
    g = load_bundle(SAMPLE)
    found = {f.subject for f in run_codes(g, ["GK101", "GK201"])}
    assert set(select_projects(g)) == found == set(unanchored_projects(g))
    assert select_projects(g, within={"P-000009", "P-000001"}) == ["P-000009"]   # the filters' seam
    with pytest.raises(ValueError, match="NOPE"):
        select_projects(g, ["NOPE"])


def test_json_follows_the_contract(plan) -> None:
    code, out, _ = run("suggest", str(plan), "--format", "json", "--top", "2", "--project", "P1", "--project", "P5")
    doc = json.loads(out)
    assert code == 0 and set(doc) == {"graphkpi", "bundle", "suggestions"} and doc["graphkpi"] == "1"
    assert [s["project"] for s in doc["suggestions"]] == ["P1", "P5"]
    for s in doc["suggestions"]:
        assert set(s) == {"project", "candidates"} and 1 <= len(s["candidates"]) <= 2
        for c in s["candidates"]:
            assert set(c) == {"element", "level", "score", "why"} and 0 < c["score"] <= 1 and c["why"]
    assert doc["suggestions"][0]["candidates"][0] == {**doc["suggestions"][0]["candidates"][0], "element": "T1",
                                                      "level": "sub_target"}


def test_top_and_min_score(plan) -> None:
    g = load_bundle(plan)
    assert len(suggest(g, ["P1"], top=1).candidates) == 1
    everything = suggest(g, ["P1"], top=10).candidates
    floor = float(everything["score"].iloc[1])
    assert (suggest(g, ["P1"], top=10, min_score=floor).candidates["score"] >= floor).all()
    assert run("suggest", str(plan), "--top", "0")[0] == 2
    assert run("suggest", str(plan), "--min-score", "1.5")[0] == 2


def test_csv_cells_are_neutralised_and_unknown_projects_refused(plan, tmp_path) -> None:
    out = tmp_path / "s.csv"
    code, _, _ = run("suggest", str(plan), "--project", "P6", "--format", "csv", "-o", str(out))
    assert code == 0
    rows = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8-sig"))))
    assert rows and all(r["project_name"].startswith("'=HYPERLINK") for r in rows)
    code, _, err = run("suggest", str(plan), "--project", "NOPE")
    assert code == 2 and "NOPE" in err


def test_the_orphan_report_has_the_suggested_links(plan) -> None:
    rep = build_report(load_bundle(plan), "orphans", "en")
    projects = {s.key: s for s in rep.sections}["projects"]
    assert "suggested" in [c.key for c in projects.columns]
    cell = projects.frame.set_index("project").at["P1", "suggested"]
    assert cell.startswith("T1 (") and cell.count(";") <= 2


def test_a_real_subprocess_on_the_sample(tmp_path) -> None:
    proc = subprocess.run([sys.executable, "-m", "graphkpi", "suggest", str(SAMPLE), "--format", "json", "--top",
                           "3", "--quiet"], capture_output=True, text=True, cwd=REPO, timeout=300, check=False)
    assert proc.returncode == 0, proc.stderr
    doc = json.loads(proc.stdout)
    ids = [s["project"] for s in doc["suggestions"]]
    assert len(ids) == len(unanchored_projects(load_bundle(SAMPLE))) and ids
    scores = np.array([c["score"] for s in doc["suggestions"] for c in s["candidates"]])
    assert len(scores) and ((scores > 0) & (scores <= 1)).all()


def test_orphans_suggest_adds_the_column_only_when_asked(plan) -> None:
    _, plain, _ = run("orphans", str(plan), "--format", "json")
    assert all("suggested" not in p for p in json.loads(plain)["projects"])
    code, out, _ = run("orphans", str(plan), "--format", "json", "--suggest")
    rows = {p["project"]: p["suggested"] for p in json.loads(out)["projects"]}
    assert code == 0 and rows["P1"].startswith("T1 (") and rows["P2"] == ""
    code, out, _ = run("orphans", str(plan), "--suggest", "--lang", "en")
    assert code == 0 and "suggested links" in out.splitlines()[0]
    assert run("orphans", "--backend", "neo4j", "--suggest")[0] == 2


# Suggestions stored before the scoring was made integer-coded (the 10⁶ speed-up): the faster path
# must give the same lists, scores and evidence. Rewrite these files only when the suggestions are
# meant to change (and say why in the commit).
FROZEN = REPO / "tests" / "fixtures" / "suggest"


def frozen_matches(g, name: str) -> None:
    result = suggest(g, select_projects(g), top=5)
    want = pd.DataFrame(json.loads((FROZEN / f"{name}.json").read_text(encoding="utf-8")))
    have = result.candidates.reset_index(drop=True)
    assert have.columns.tolist() == want.columns.tolist() and len(have) == len(want) > 0
    exact = [c for c in have.columns if c not in ("text", "colink")]
    assert have[exact].astype(object).equals(want[exact].astype(object))
    np.testing.assert_allclose(have[["text", "colink"]].to_numpy(float), want[["text", "colink"]].to_numpy(float),
                               rtol=1e-12, atol=1e-15)
    assert result.reasons == {}


def test_the_sample_gets_the_suggestions_stored_before_the_speed_up() -> None:
    frozen_matches(load_bundle(SAMPLE), "sample")


def test_a_generated_bundle_gets_the_suggestions_stored_before_the_speed_up(tmp_path) -> None:
    generate_bundle(tmp_path / "g", 3000, 5)
    frozen_matches(load_bundle(tmp_path / "g"), "generated-3000-5")


def test_neo4j_is_refused_with_a_usage_error_not_silently_run_in_memory(plan) -> None:
    code, _, err = run("suggest", str(plan), "--backend", "neo4j", "--lang", "en")
    assert code == 2 and "networkx" in err
    assert run("suggest", str(plan), "--backend", "networkx", "--format", "json")[0] == 0
