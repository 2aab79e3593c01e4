"""GK301's findings carry their projects' facts (graphkpi.analysis.carried): what ``graphkpi
duplicates`` shows beside each group, read with the check's rows rather than fetched again."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from graphkpi.analysis import carried
from graphkpi.analysis.carried import PROJECT_FACTS, members
from graphkpi.analysis.projects import project_facts
from graphkpi.checks.run import run_codes
from graphkpi.load import load_bundle
from tests.conftest import write_bundle

# P1 (department D1 of M1, which has an English name) and P2 (M2, Thai name only) do the same
# work for T1 in 2568 in TH-21; P1 also names a place no area answers to (GK001), kept as
# written. P3 is P2's title a year earlier: the near miss, in no group and carrying nothing.
BUNDLE = {
    "elements.csv": "id,level,name,parents\nZ1,strategy,ยุทธศาสตร์,\nMP,master_plan,แผนแม่บท,Z1\n"
                    "SP,sub_plan,แผนย่อย,MP\nT1,sub_target,เป้าหมายหนึ่ง,SP\n",
    "agencies.csv": "id,name,name_en,ministry,kind\nM1,กระทรวงหนึ่ง,Ministry One,,ministry\n"
                    "M2,กระทรวงสอง,,,ministry\nD1,กรมหนึ่ง,Department One,M1,department\n",
    "projects.csv": "id,name,agency,fiscal_year,budget,provinces,objective,links\n"
                    "P1,ฝึกอบรมอาชีพผู้สูงอายุบ้านป่าแดง,D1,2568,\"1,200,000\",TH-21;ที่ไหนสักแห่ง,,T1\n"
                    "P2,ฝึกอบรมอาชีพผู้สูงอายุ บ้านป่าแดง,M2,2568,,TH-21,,T1\n"
                    "P3,ฝึกอบรมอาชีพผู้สูงอายุ บ้านป่าแดง,M2,2567,5,TH-21,,T1\n",
}


def test_duplicate_findings_carry_what_the_auditor_is_shown(tmp_path: Path) -> None:
    g = load_bundle(write_bundle(tmp_path, BUNDLE))
    found = run_codes(g, ["GK001", "GK301"])
    (unknown,) = [f for f in found if f.code == "GK001"]
    (group,) = [f for f in found if f.code == "GK301"]
    assert unknown.facts is None                        # only GK301 carries facts
    assert (group.subject, group.related) == ("P1", ("P2",))
    facts = pd.DataFrame(members(group), columns=PROJECT_FACTS)
    assert facts["project"].tolist() == ["P1", "P2"]    # subject first, then related, as the group lists them
    assert facts["provinces"].tolist() == ["TH-21;ที่ไหนสักแห่ง", "TH-21"]   # as written, unknown place too
    assert facts["ministry_name"].tolist() == ["กระทรวงหนึ่ง", "กระทรวงสอง"]
    assert facts["ministry_name_en"].tolist() == ["Ministry One", "กระทรวงสอง"]   # Thai when no English name
    assert facts["agency"].tolist() == ["D1", "M2"]
    assert facts["budget"].isna().tolist() == [False, True]   # P2's budget is empty
    # the same joins as every project list: project_facts' rows in each language
    for lang, col, other in (("th", "ministry_name", "ministry_name_en"), ("en", "ministry_name_en", "ministry_name")):
        listed = project_facts(g, ["P1", "P2"], lang).drop(columns=["agency_name"])   # no budget lines: no column
        shown = facts.drop(columns=[other]).rename(columns={col: "ministry_name"})[listed.columns]
        pd.testing.assert_frame_equal(shown, listed, check_dtype=False)


def test_facts_are_built_only_when_shown_and_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """``graphkpi check`` never shows the facts, so running GK301 does not build them; the first
    finding read builds them for all (one table per run)."""
    g = load_bundle(write_bundle(tmp_path, BUNDLE))
    calls: list[str] = []

    def counted(graph: object, ids: list[str], lang: str) -> pd.DataFrame:
        calls.append(lang)
        return project_facts(graph, ids, lang)

    monkeypatch.setattr(carried, "project_facts", counted)
    (group,) = run_codes(g, ["GK301"])
    assert calls == []
    assert [r["project"] for r in members(group)] == ["P1", "P2"]
    members(group)
    assert calls == ["th", "en"]
