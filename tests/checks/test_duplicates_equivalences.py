"""GK301 on hand-made rows: the equivalences a pair used are named (``--explain``), and the
activity read from a title's opening verbs keeps different work apart."""

from __future__ import annotations

import pandas as pd

from graphkpi.checks.duplicates import duplicate_groups


def _groups(titles: list[str]) -> list:
    ids = [f"P{i}" for i in range(len(titles))]
    projects = pd.DataFrame({"ministry": [f"M{i}" for i in range(len(titles))], "fiscal_year": 2568,
                             "budget": 1.0, "name": titles, "objective": ""}, index=ids)
    reach = pd.DataFrame({"project": ids, "element": "T1"})
    areas = pd.DataFrame({"project": ids, "area": "TH-10"})
    return duplicate_groups(projects, reach, areas)


def test_one_activity_written_two_ways_is_named() -> None:
    found = _groups(["โครงการฝึกอบรมการคัดแยกขยะชุมชนบางรัก", "โครงการอบรมการคัดแยกขยะชุมชนบางรัก"])
    assert len(found) == 1
    assert found[0].details["pairs"][0]["equivalences"] == {"activities": ["ฝึกอบรม", "อบรม"]}


def test_a_loanword_in_two_scripts_is_named_as_written() -> None:
    found = _groups(["โครงการอบรมอีคอมเมิร์ซสำหรับเกษตรกรบางรัก", "โครงการอบรม e-commerce สำหรับเกษตรกรบางรัก"])
    assert found[0].details["pairs"][0]["equivalences"] == {"loanwords": ["e commerce", "อีคอมเมิร์ซ"]}


def test_verbs_added_after_and_are_named() -> None:
    found = _groups(["โครงการฝึกอบรมการคัดแยกขยะชุมชนบางรัก", "โครงการฝึกอบรมและสัมมนาการคัดแยกขยะชุมชนบางรัก"])
    assert len(found) == 1
    assert found[0].details["pairs"][0]["equivalences"] == {"expansion": ["สัมมนา"], "ignored": ["และ"]}


def test_titles_opening_with_different_verbs_do_not_match() -> None:
    # ฟื้นฟู and เฝ้าระวัง are in no activity list: the verbs the titles open with tell them apart
    assert _groups(["โครงการฟื้นฟูสุขภาพจิตชุมชนบางรัก", "โครงการเฝ้าระวังสุขภาพจิตชุมชนบางรัก"]) == []
    # near miss: the same verb, a generic verb added, still match
    assert len(_groups(["โครงการฟื้นฟูสุขภาพจิตชุมชนบางรัก", "โครงการส่งเสริมฟื้นฟูสุขภาพจิตชุมชนบางรัก"])) == 1


def test_a_thai_compound_meets_its_loanword_and_is_named() -> None:
    found = _groups(["โครงการอบรมการค้าอิเล็กทรอนิกส์สำหรับเกษตรกรบางรัก", "โครงการอบรม e-commerce สำหรับเกษตรกรบางรัก"])
    assert len(found) == 1
    assert found[0].details["pairs"][0]["equivalences"] == {"calques": ["การค้าอิเล็กทรอนิกส์ ~ e commerce"]}
    found = _groups(["โครงการอบรมการค้าอิเล็กทรอนิกส์สำหรับเกษตรกรบางรัก", "โครงการอบรมอีคอมเมิร์ซสำหรับเกษตรกรบางรัก"])
    assert found[0].details["pairs"][0]["equivalences"] == {"calques": ["การค้าอิเล็กทรอนิกส์ ~ อีคอมเมิร์ซ"]}
    # near miss: อีเมล is a loanword for another electronic thing (e-mail), so the titles differ
    assert _groups(["โครงการอบรมการค้าอิเล็กทรอนิกส์สำหรับเกษตรกรบางรัก", "โครงการอบรมอีเมลสำหรับเกษตรกรบางรัก"]) == []


def test_a_loanword_the_dictionary_lacks_meets_its_latin_spelling() -> None:
    found = _groups(["โครงการจัดงานสินค้าโอทอปชุมชนบางรัก", "โครงการจัดงานสินค้า OTOP ชุมชนบางรัก"])
    assert len(found) == 1
    assert found[0].details["pairs"][0]["equivalences"] == {"loanwords": ["otop", "โอทอป"]}
    # near miss: another Latin word, whose letters are not โอทอป's romanisation
    assert _groups(["โครงการจัดงานสินค้าโอทอปชุมชนบางรัก", "โครงการจัดงานสินค้า OTAP ชุมชนบางรัก"]) == []
