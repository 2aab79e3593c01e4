"""The shipped queries of `graphkpi query` (cypher/queries/) answer as the other commands do: names in
the user's language, years in the bundle's era (or --years), broken chains shown, unknown ids refused."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import neo4j_run as run

# Z1 and M1/A1 have English names, Z2 and M2/A2 only Thai ones (the near miss: Thai stays). P4's chain
# loops (L1 → L2 → L1), P5's stops at AT (no parent, no loop), P2 and P3 link nowhere.
QUERY_BUNDLE = {
    "elements.csv": "id,level,name,name_en,parents\n"
                    "Z1,strategy,ยุทธศาสตร์หนึ่ง,Strategy One,\nZ2,strategy,ยุทธศาสตร์สอง,,\n"
                    "MP1,master_plan,แผนแม่บทหนึ่ง,,Z1\nMP2,master_plan,แผนแม่บทสอง,,Z2\n"
                    "SP1,sub_plan,แผนย่อย,,MP1\nT1,sub_target,เป้าหมาย,,SP1\n"
                    "L1,action_target,เป้าหมายวนหนึ่ง,,L2\nL2,action_target,เป้าหมายวนสอง,,L1\n"
                    "AT,action_target,เป้าหมายไม่มีแผนบน,,\n",
    "agencies.csv": "id,name,name_en,ministry,kind\nM1,กระทรวงหนึ่ง,Ministry One,,ministry\n"
                    "M2,กระทรวงสอง,,,ministry\nA1,กรมหนึ่ง,Department One,M1,department\n"
                    "A2,กรมสอง,,M2,department\n",
    "projects.csv": "id,name,agency,fiscal_year,budget,links\n"
                    "P1,โครงการหนึ่ง,A1,2567,1000,T1\nP2,โครงการสอง,A2,2567,2000,\nP3,โครงการสาม,A1,2568,3000,\n"
                    "P4,โครงการวน,A1,2567,500,L1\nP5,โครงการค้าง,A2,2567,400,AT\n",
}


def _json(env: dict[str, str], *args: str) -> list[dict]:
    code, out, err = run(env, "query", *args, "--format", "json")
    assert code == 0, err
    return json.loads(out)


@pytest.fixture
def loaded(env, bundle):
    """The fixture bundle (years in BE) in the test server; ``loaded(ce=True)`` writes them in CE."""
    def load(ce: bool = False) -> None:
        files = dict(QUERY_BUNDLE)
        if ce:
            files["projects.csv"] = files["projects.csv"].replace(",2567,", ",2024,").replace(",2568,", ",2025,")
        code, _, err = run(env, "load", str(bundle(files)), "--replace", "-q")
        assert code == 0, err
    return load


def test_names_are_in_the_users_language_english_when_there_is_one(env, loaded) -> None:
    loaded()
    en = {r["strategy"]: r["name"] for r in _json(env, "budget-by-strategy", "--lang", "en")}
    assert en["Z1"] == "Strategy One" and en["Z2"] == "ยุทธศาสตร์สอง"   # near miss: no English name, Thai
    th = {r["strategy"]: r["name"] for r in _json(env, "budget-by-strategy")}
    assert th["Z1"] == "ยุทธศาสตร์หนึ่ง"
    en = {r["ministry"]: r["name"] for r in _json(env, "orphan-budget-by-ministry", "--lang", "en")}
    assert en == {"M1": "Ministry One", "M2": "กระทรวงสอง"}
    th = {r["ministry"]: r["name"] for r in _json(env, "orphan-budget-by-ministry")}
    assert th == {"M1": "กระทรวงหนึ่ง", "M2": "กระทรวงสอง"}


def test_a_users_query_runs_as_before_and_may_read_lang_and_years(env, loaded, tmp_path: Path) -> None:
    """$lang and $years are always given: a query that reads neither is not troubled (no note, no
    error); one that reads them gets --lang and the era; a --param of the same name wins."""
    loaded()
    plain = tmp_path / "plain.cypher"
    plain.write_text("MATCH (p:GkProject {id: 'P1'}) RETURN p.fiscal_year AS y", encoding="utf-8")
    code, out, err = run(env, "query", str(plain), "--format", "json", "--lang", "en")
    assert (code, json.loads(out), err) == (0, [{"y": 2024}], "")
    reads = tmp_path / "reads.cypher"
    reads.write_text("RETURN $lang AS lang, $years AS years", encoding="utf-8")
    assert _json(env, str(reads), "--lang", "en") == [{"lang": "en", "years": "be"}]
    assert _json(env, str(reads), "--years", "ce") == [{"lang": "th", "years": "ce"}]
    assert _json(env, str(reads), "--param", "years=own", "--years", "ce") == [{"lang": "th", "years": "own"}]


@pytest.mark.parametrize("ce", [False, True], ids=["bundle-in-be", "bundle-in-ce"])
def test_year_columns_follow_the_era_rule_of_the_other_commands(env, loaded, ce: bool) -> None:
    """As written in the bundle unless --years; the same years `reach` shows for the same projects."""
    loaded(ce=ce)
    for years in ((), ("--years", "be"), ("--years", "ce")):
        rows = _json(env, "ministry-projects-for-target", "--param", "ministry=M1", "--param", "target=Z1", *years)
        code, out, err = run(env, "reach", "Z1", "--backend", "neo4j", "--format", "json", *years)
        assert code == 0, err
        shown = {p["project"]: p["fiscal_year"] for p in json.loads(out)["projects"]}
        assert {r["project"]: r["fiscal_year"] for r in rows} == shown
        be = years[1:] == ("be",) or (not years and not ce)
        assert rows == [{"project": "P1", "name": "โครงการหนึ่ง", "agency": "A1",
                         "fiscal_year": 2567 if be else 2024, "budget": 1000.0}]


def test_project_chain_shows_a_broken_chain_as_far_as_it_goes(env, loaded) -> None:
    loaded()
    assert _json(env, "project-chain", "--param", "project=P4") == [
        {"chain": ["L1", "L2", "L1"], "levels": ["action_target"] * 3, "reaches_z": False, "loops_back": True}]
    assert _json(env, "project-chain", "--param", "project=P5") == [   # near miss: stops without a loop
        {"chain": ["AT"], "levels": ["action_target"], "reaches_z": False, "loops_back": False}]
    assert _json(env, "project-chain", "--param", "project=P1") == [
        {"chain": ["T1", "SP1", "MP1", "Z1"], "levels": ["sub_target", "sub_plan", "master_plan", "strategy"],
         "reaches_z": True, "loops_back": False}]
    assert _json(env, "project-chain", "--param", "project=P2") == [   # no link: one empty chain, not no rows
        {"chain": [], "levels": [], "reaches_z": False, "loops_back": False}]


def test_an_id_that_names_nothing_is_an_error_not_an_empty_answer(env, loaded) -> None:
    loaded()
    code, out, err = run(env, "query", "project-chain", "--param", "project=P9", "--lang", "en")
    assert (code, out) == (2, "") and err.strip() == "error: no project 'P9' in the graph (--param project)"
    code, _, err = run(env, "query", "project-chain", "--param", "project=P9")
    assert code == 2 and "ไม่มีโครงการ 'P9' ในกราฟ" in err
    code, _, err = run(env, "query", "ministry-projects-for-target", "--param", "ministry=M1", "--param",
                       "target=Z9", "--lang", "en")
    assert code == 2 and "no plan element 'Z9' in the graph (--param target)" in err
    code, _, err = run(env, "query", "ministry-projects-for-target", "--param", "ministry=M9", "--param",
                       "target=Z1", "--lang", "en")
    assert code == 2 and "no agency 'M9' in the graph (--param ministry)" in err
    # near miss: ids that exist but find nothing answer with no rows, exit 0
    code, out, err = run(env, "query", "ministry-projects-for-target", "--param", "ministry=M2", "--param",
                         "target=Z1", "--lang", "en")
    assert (code, out, err) == (0, "project  name  agency  fiscal_year  budget\n"
                                   "-------  ----  ------  -----------  ------\n(no rows)\n", "")
