"""graphkpi diff's comparison: every rule on small hand-made bundles, each with a near miss, and a
diff between a generated bundle and a copy with a known list of edits that must find exactly them."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from graphkpi.analysis.diff import compare, compare_findings
from graphkpi.checks.run import run_codes
from graphkpi.load import load_bundle
from graphkpi.render.diff import field_text, summary, to_text
from graphkpi.synth import generate_bundle
from graphkpi.synth.edits import apply_edits, read_table, write_table
from tests.conftest import write_bundle

ELEMENTS = ("id,level,name,parents,replaced_by\nZ1,strategy,ยุทธศาสตร์,,\nMPX,master_plan,แผนแม่บท,Z1,\n"
            "SPX,sub_plan,แผนย่อย,MPX,\nT1,sub_target,เป้าหมายหนึ่ง,SPX,\nT2,sub_target,เป้าหมายสอง,SPX,\n"
            "T3,sub_target,เป้าหมายสาม,SPX,\nF1,vc_factor,ปัจจัยหนึ่ง,T1,\n")
BASE = {
    "elements.csv": ELEMENTS,
    "agencies.csv": "id,name,ministry,kind\nM1,กระทรวงหนึ่ง,,ministry\nA1,กรมหนึ่ง,M1,department\n"
                    "M2,กระทรวงสอง,,ministry\nA2,กรมสอง,M2,department\n",
    "projects.csv": "id,name,agency,fiscal_year,budget,links\nP1,โครงการหนึ่ง,A1,2567,1000,T1\n"
                    "P2,โครงการสอง,A2,2567,2000,T2\nP3,โครงการสาม,A1,2567,500,T3\n",
    "leads.csv": "element,agency,role\nT1,A1,lead\nT2,A2,lead\n",
}


def diff_of(tmp_path: Path, old: dict[str, str], new: dict[str, str], findings: bool = False):
    a, b = write_bundle(tmp_path / "old", old), write_bundle(tmp_path / "new", new)
    ga, gb = load_bundle(a), load_bundle(b)
    d = compare(ga, gb, be=ga.years_given_be)
    if findings:
        compare_findings(d, run_codes(ga, ["GK101", "GK201", "GK102"]), run_codes(gb, ["GK101", "GK201", "GK102"]),
                         a, b)
    return d


def edited(**files: str) -> dict[str, str]:
    return {**BASE, **files}


def keys(d) -> set[tuple[str, str, str]]:
    return {(c["kind"], c["change"], c["id"]) for c in d.changes}


def test_identical_bundles_give_no_changes(tmp_path: Path) -> None:
    d = diff_of(tmp_path, BASE, BASE, findings=True)
    assert d.changes == [] and d.new_findings == [] and d.fixed_findings == []
    assert d.persisting == 0   # BASE has none of these findings
    assert not d.shifts["lost_all"].any()


def test_a_renamed_project_is_changed_with_its_field(tmp_path: Path) -> None:
    d = diff_of(tmp_path, BASE, edited(**{
        "projects.csv": BASE["projects.csv"].replace("โครงการหนึ่ง", "โครงการหนึ่ง (ใหม่)")}))
    assert d.changes == [{"kind": "project", "change": "changed", "id": "P1",
                          "fields": {"name": ["โครงการหนึ่ง", "โครงการหนึ่ง (ใหม่)"]}}]


def test_a_budget_written_differently_is_no_change(tmp_path: Path) -> None:
    """Near miss: 1,000 and 1000 (and a BE year against its CE year) are the same value."""
    d = diff_of(tmp_path, BASE, edited(**{"projects.csv": BASE["projects.csv"].replace(",1000,", ',"1,000",')
                                          .replace("P2,โครงการสอง,A2,2567", "P2,โครงการสอง,A2,2024")}))
    assert d.changes == []


def test_years_in_fields_follow_the_era(tmp_path: Path) -> None:
    d = diff_of(tmp_path, BASE, edited(**{"projects.csv": BASE["projects.csv"].replace("P1,โครงการหนึ่ง,A1,2567",
                                                                                       "P1,โครงการหนึ่ง,A1,2568")}))
    assert d.changes[0]["fields"] == {"fiscal_year": [2567, 2568]}


def test_a_link_moved_to_the_replacement_is_not_a_loss(tmp_path: Path) -> None:
    new = edited(**{"elements.csv": ELEMENTS.replace("T3,sub_target,เป้าหมายสาม,SPX,", "T3,sub_target,เป้าหมายสาม,SPX,T4")
                    + "T4,sub_target,เป้าหมายสาม (ฉบับทบทวน),SPX,\n",
                    "projects.csv": BASE["projects.csv"].replace("500,T3", "500,T4")})
    d = diff_of(tmp_path, BASE, new)
    links = [c for c in d.changes if c["kind"] == "link"]
    assert {"kind": "link", "change": "changed", "id": "P3→T3", "fields": {"element": ["T3", "T4"]},
            "replaced": True} in links
    assert not [c for c in links if c["change"] in ("added", "removed")]
    move = next(c for c in links if c["id"] == "P3")
    assert move["moved"] and move["replaced"] and move["fields"] == {"sub_targets": [["T3"], ["T4"]]}
    t3 = d.shifts[d.shifts["id"] == "T3"].iloc[0]
    assert (t3["old_projects"], t3["new_projects"], bool(t3["lost_all"]), t3["replaced_by"]) == (1, 0, False, ["T4"])


def test_the_text_lists_as_many_moves_as_the_summary_counts(tmp_path: Path) -> None:
    """The replaced link (P3→T3) is a link change: listed among the links, not among the moves,
    whose heading counts the summary's ``moved`` (the report's and the JSON's number)."""
    new = edited(**{"elements.csv": ELEMENTS.replace("T3,sub_target,เป้าหมายสาม,SPX,", "T3,sub_target,เป้าหมายสาม,SPX,T4")
                    + "T4,sub_target,เป้าหมายสาม (ฉบับทบทวน),SPX,\n",
                    "projects.csv": BASE["projects.csv"].replace("500,T3", "500,T4")})
    d = diff_of(tmp_path, BASE, new)
    assert summary(d)["moved"] == 1
    text = to_text(d, "old", "new", "en", True)
    moves = text.split("links that moved to other sub-targets (1)\n", 1)[1].split("\n\n", 1)[0]
    assert "P3→T3" not in moves and "\nP3 " in moves
    links = text.split("project links (1)\n", 1)[1].split("\n\n", 1)[0]
    assert "P3→T3" in links
    # the kinds table counts 2 changed links: the one listed here and the move, said to be above
    assert summary(d)["changes"]["link"]["changed"] == 2
    assert links.endswith("and 1 more that moved, listed above under “links that moved to other sub-targets”")


def test_a_cell_emptied_in_new_reads_as_a_change_not_as_a_value(tmp_path: Path) -> None:
    d = diff_of(tmp_path, BASE, edited(**{"projects.csv": BASE["projects.csv"].replace(",1000,", ",,")
                                          + "P4,โครงการสี่,A1,2567,700,T1\n"}))
    emptied, added = (next(c for c in d.changes if c["id"] == p) for p in ("P1", "P4"))
    assert emptied["fields"] == {"budget": [1000.0, None]}
    assert field_text(emptied) == "budget: 1,000 → –"          # it read "budget: 1,000", as if added
    assert field_text(added).startswith("name: โครงการสี่; agency: A1")   # near miss: an added row's values


def test_a_link_moved_elsewhere_is_a_move_and_a_loss(tmp_path: Path) -> None:
    """Near miss of the replacement: the same move to an element that replaces nothing."""
    d = diff_of(tmp_path, BASE, edited(**{"projects.csv": BASE["projects.csv"].replace("500,T3", "500,T2")}))
    assert keys(d) == {("link", "removed", "P3→T3"), ("link", "added", "P3→T2"), ("link", "changed", "P3")}
    move = next(c for c in d.changes if c["id"] == "P3")
    assert move["moved"] and not move["replaced"]
    lost = d.shifts[d.shifts["lost_all"]]
    assert lost["id"].tolist() == ["T3"] and lost["old_budget"].tolist() == [500.0]


def test_an_element_removed_while_linked_says_so(tmp_path: Path) -> None:
    new = edited(**{"elements.csv": ELEMENTS.replace("F1,vc_factor,ปัจจัยหนึ่ง,T1,\n", ""),
                    "projects.csv": BASE["projects.csv"] + "P4,โครงการสี่,A1,2567,10,F1\n"})
    old = edited(**{"projects.csv": BASE["projects.csv"] + "P4,โครงการสี่,A1,2567,10,F1\n"})
    d = diff_of(tmp_path, old, new)
    removed = next(c for c in d.changes if c["kind"] == "element")
    assert (removed["change"], removed["id"], removed["still_linked"]) == ("removed", "F1", 1)


def test_an_element_removed_and_unlinked_carries_no_marker(tmp_path: Path) -> None:
    """Near miss: F1 removed, but no project of NEW links to it."""
    d = diff_of(tmp_path, BASE, edited(**{"elements.csv": ELEMENTS.replace("F1,vc_factor,ปัจจัยหนึ่ง,T1,\n", "")}))
    assert d.changes == [{"kind": "element", "change": "removed", "id": "F1",
                          "fields": {"level": ["vc_factor", None], "name": ["ปัจจัยหนึ่ง", None]}}]


def test_leads_kpis_and_agencies(tmp_path: Path) -> None:
    new = edited(**{"leads.csv": "element,agency,role\nT1,A1,co-lead\nT3,A1,lead\n",
                    "agencies.csv": BASE["agencies.csv"].replace("กรมสอง", "กรมสอง (ใหม่)")})
    d = diff_of(tmp_path, BASE, new)
    assert keys(d) == {("lead", "changed", "T1→A1"), ("lead", "removed", "T2→A2"), ("lead", "added", "T3→A1"),
                       ("agency", "changed", "A2")}
    assert next(c for c in d.changes if c["id"] == "T1→A1")["fields"] == {"role": ["lead", "co-lead"]}


def test_a_kpi_year_written_in_the_other_era_is_no_change(tmp_path: Path) -> None:
    """K1's year is 2568 in OLD and 2025 in NEW: the same year, as fiscal years are. The near miss:
    K2's year moves 2568 → 2569 (written 2026), shown in the era asked for; K3's year, no year at
    all, is compared as written."""
    kpis = "id,name,element,year\nK1,หนึ่ง,T1,{}\nK2,สอง,T2,{}\nK3,สาม,T3,{}\n"
    d = diff_of(tmp_path, edited(**{"kpis.csv": kpis.format(2568, 2568, "ปีหน้า")}),
                edited(**{"kpis.csv": kpis.format(2025, 2026, "ปีถัดไป")}))
    assert [(c["id"], c["fields"]) for c in d.changes] == [("K2", {"year": [2568, 2569]}),
                                                           ("K3", {"year": ["ปีหน้า", "ปีถัดไป"]})]


def test_the_summary_says_how_many_projects_and_baht_do_not_reach_z_on_each_side(tmp_path: Path) -> None:
    """P3 now links to an element that does not exist: 0 → 1 project and 0 → 500 baht not reaching
    Z, in the summary and the text, whatever codes were run. The near miss: P1's renaming moves nothing."""
    new = edited(**{"projects.csv": BASE["projects.csv"].replace("500,T3", "500,TX")
                    .replace("โครงการหนึ่ง", "โครงการที่หนึ่ง")})
    d = diff_of(tmp_path, BASE, new)
    assert summary(d)["at_risk"] == {"projects": [0, 1], "budget": [0.0, 500.0]}
    assert "projects not reaching the national strategy 0 → 1, their budget 0 → 500 baht" in \
        to_text(d, "old", "new", "en", False)
    assert summary(diff_of(tmp_path / "same", BASE, BASE))["at_risk"] == {"projects": [0, 0], "budget": [0.0, 0.0]}


def test_shifts_per_ministry_and_findings_new_and_fixed(tmp_path: Path) -> None:
    new = edited(**{"projects.csv": BASE["projects.csv"].replace("2000,T2", "2500,")})
    d = diff_of(tmp_path, BASE, new, findings=True)
    m2 = d.shifts[(d.shifts["kind"] == "ministry") & (d.shifts["id"] == "M2")].iloc[0]
    assert (m2["old_projects"], m2["new_projects"], m2["old_budget"], m2["new_budget"]) == (1, 1, 2000.0, 2500.0)
    assert m2["name"] == "กระทรวงสอง"
    assert [(f.code, f.subject) for f in d.new_findings] == [("GK101", "P2"), ("GK102", "T2")]
    assert d.fixed_findings == []


def test_a_generated_bundle_with_known_edits_diffs_to_exactly_them(tmp_path: Path) -> None:
    src = tmp_path / "gen"
    generate_bundle(src, 1500, 7)
    expected = apply_edits(src, tmp_path / "edited", seed=3)
    d = compare(load_bundle(src), load_bundle(tmp_path / "edited"), be=True)
    got = {(c["kind"], c["change"], c["id"]): c for c in d.changes}
    assert set(got) == {(e.kind, e.change, e.id) for e in expected}
    for e in expected:
        c = got[(e.kind, e.change, e.id)]
        if e.fields:
            assert tuple(sorted(c["fields"])) == e.fields
        if e.marker:
            assert c.get(e.marker), (e, c)
        if e.marker == "moved":
            assert not c.get("replaced")


@pytest.mark.parametrize("name", ["elements.csv", "projects.csv"])
def test_the_edit_helper_leaves_other_rows_as_they_were(tmp_path: Path, name: str) -> None:
    """Near miss of the edits test: a copy that goes through the helper's CSV round trip but is not
    edited diffs to nothing (the helper's reading and writing change no value)."""
    src = tmp_path / "gen"
    generate_bundle(src, 600, 2)
    shutil.copytree(src, tmp_path / "copy")
    write_table(read_table(tmp_path / "copy", name), tmp_path / "copy", name)
    assert compare(load_bundle(src), load_bundle(tmp_path / "copy")).changes == []
