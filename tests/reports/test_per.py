"""`graphkpi report --per ministry|province`: one report per group of the slice, an index, and a
folder that is written whole or not at all."""

from __future__ import annotations

import csv
import io
import os
import re
from pathlib import Path

import pytest
from click.testing import CliRunner
from openpyxl import load_workbook

from graphkpi.cli import main
from graphkpi.load import load_bundle
from graphkpi.outputs import OutputError, write_folder
from graphkpi.reports import build as build_module
from tests.conftest import SAMPLE, write_bundle


@pytest.fixture(scope="module")
def g():
    return load_bundle(SAMPLE)


def invoke(*args: str) -> tuple[int, str]:
    r = CliRunner().invoke(main, [*args, "-q"])
    return r.exit_code, r.stdout + r.stderr


def index_rows(folder: Path) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO((folder / "index.csv").read_text("utf-8-sig"))))


def test_one_report_per_ministry_and_an_index(tmp_path: Path, g) -> None:
    out = tmp_path / "per"
    code, text = invoke("report", str(SAMPLE), "--per", "ministry", "--ext", "csv", "-o", str(out), "--lang", "en")
    assert code == 0, text
    rows = index_rows(out)
    ministries = sorted(set(g.project_ministry))
    assert [r["ministry"] for r in rows] == ministries
    assert sorted(p.name for p in out.iterdir()) == sorted(["index.csv", *(f"orphans-{m}.csv" for m in ministries)])
    # every project has one ministry: the groups partition the bundle
    assert sum(int(r["projects"]) for r in rows) == len(g.projects)
    unknown = [r for r in rows if r["ministry"] not in g.agencies.index]   # P-000288's agency ทส-00 (GK001)
    assert [r["name"] for r in unknown] == ["unknown ministry (the projects' agency is not in agencies.csv, GK001)"]
    assert all(r["name"] and "unknown" not in r["name"] for r in rows if r not in unknown)
    moph = next(r for r in rows if r["ministry"] == "สธ")
    listed = list(csv.DictReader(io.StringIO((out / moph["file"]).read_text("utf-8-sig"))))
    assert len(listed) == int(moph["projects not reaching the national strategy"])
    assert {g.project_ministry[r["project"]] for r in listed} == {"สธ"}


def test_the_user_s_filters_still_apply(tmp_path: Path, g) -> None:
    out = tmp_path / "per"
    assert invoke("report", str(SAMPLE), "--per", "ministry", "--ext", "csv", "--year", "2567", "-o", str(out),
                  "--lang", "en")[0] == 0
    rows = index_rows(out)
    of_year = g.projects["fiscal_year"] == 2024
    assert sum(int(r["projects"]) for r in rows) == int(of_year.sum()) < len(g.projects)   # near-miss: not all


def test_one_report_per_province_with_national_on_its_own(tmp_path: Path, g) -> None:
    out = tmp_path / "per"
    code, text = invoke("report", str(SAMPLE), "--per", "province", "--ext", "xlsx", "-o", str(out))
    assert code == 0, text
    wb = load_workbook(out / "index.xlsx")
    rows = list(wb.worksheets[-1].iter_rows(values_only=True))[1:]
    groups = [r[0] for r in rows]
    assert "ทั่วประเทศ" in groups and "TH-50" in groups
    national = next(r for r in rows if r[0] == "ทั่วประเทศ")
    assert national[1] == "ทั่วประเทศ"   # its name too: the row's name cell was empty
    places = g.project_areas
    assert national[3] == places.loc[places["area"] == "national", "project"].nunique()
    cm = next(r for r in rows if r[0] == "TH-50")
    assert cm[2] == "orphans-TH-50.xlsx" and isinstance(cm[3], int)
    cover = {r[0]: r[1] for r in wb.worksheets[0].iter_rows(values_only=True) if r and r[0]}
    assert cover["จำนวนรายงาน"] == len(rows)   # a number, not the text '19'
    assert cm[3] == places.loc[places["area"] == "TH-50", "project"].nunique()


def test_a_project_in_two_provinces_is_said_to_be_in_both_and_counted_once_on_the_cover(tmp_path: Path) -> None:
    """P1 (orphan) is placed in TH-50 and TH-57: it is in both provinces' reports, each row says so,
    and the cover's totals count it once. P2 (orphan, TH-50 only) is the near-miss."""
    bundle = write_bundle(tmp_path / "b", {
        "elements.csv": "id,level,name,parents\nZ1,strategy,ยุทธศาสตร์,\nT1,sub_target,เป้าหมาย,Z1\n",
        "agencies.csv": "id,name,ministry\nA1,กรม,M1\nM1,กระทรวง,\n",
        "projects.csv": "id,name,agency,fiscal_year,budget,provinces,links\n"
                        "P1,หนึ่ง,A1,2567,100,TH-50;TH-57,\nP2,สอง,A1,2567,10,TH-50,\nP3,สาม,A1,2567,1,TH-57,T1\n"})
    out = tmp_path / "per"
    code, text = invoke("report", str(bundle), "--per", "province", "--ext", "csv", "-o", str(out), "--lang", "en")
    assert code == 0, text
    rows = {r["province"]: r for r in index_rows(out)}
    shared = "of these, also in another province's report"   # of the projects at risk, the column before
    assert (rows["TH-50"]["projects not reaching the national strategy"], rows["TH-50"][shared]) == ("2", "1")
    assert (rows["TH-57"]["projects not reaching the national strategy"], rows["TH-57"][shared]) == ("1", "1")
    code, text = invoke("report", str(bundle), "--per", "province", "-o", str(tmp_path / "html"), "--lang", "en")
    cover = (tmp_path / "html" / "index.html").read_text("utf-8")
    assert re.search(r"not reaching the national strategy, each counted once</div><div class=\"value\">2<", cover)
    assert re.search(r"each project counted once</div><div class=\"value\">110 baht<", cover)


def test_projects_in_no_known_province_have_their_own_report_and_count_on_the_cover(tmp_path: Path) -> None:
    """P2's only place is misspelt (GK001) and P3 names none: no province's report holds them, so
    they get one of their own and the cover's totals (counting each project once) are the
    bundle's. The near miss: P1, in TH-50, is in its province's report only."""
    bundle = write_bundle(tmp_path / "b", {
        "elements.csv": "id,level,name,parents\nZ1,strategy,ยุทธศาสตร์,\nT1,sub_target,เป้าหมาย,Z1\n",
        "agencies.csv": "id,name,ministry\nA1,กรม,M1\nM1,กระทรวง,\n",
        "projects.csv": "id,name,agency,fiscal_year,budget,provinces,links\n"
                        "P1,หนึ่ง,A1,2567,100,TH-50,\nP2,สอง,A1,2567,10,Chiangmaii,\nP3,สาม,A1,2567,1,,\n"
                        "P4,สี่,A1,2567,5,TH-50,T1\n"})
    out = tmp_path / "per"
    code, text = invoke("report", str(bundle), "--per", "province", "--ext", "csv", "-o", str(out), "--lang", "en")
    assert code == 0, text
    rows = {r["file"]: r for r in index_rows(out)}
    assert set(rows) == {"orphans-TH-50.csv", "orphans-no-province.csv"}
    rest = rows["orphans-no-province.csv"]
    assert (rest["province"], rest["projects"], rest["projects not reaching the national strategy"]) == ("–", "2", "2")
    assert rest["name"].startswith("projects in no known province")
    listed = list(csv.DictReader(io.StringIO((out / "orphans-no-province.csv").read_text("utf-8-sig"))))
    assert sorted(r["project"] for r in listed) == ["P2", "P3"]
    assert rows["orphans-TH-50.csv"]["projects"] == "2"   # P1 and P4: neither is in the other report
    code, text = invoke("report", str(bundle), "--per", "province", "-o", str(tmp_path / "html"), "--lang", "en")
    cover = (tmp_path / "html" / "index.html").read_text("utf-8")
    assert re.search(r"not reaching the national strategy, each counted once</div><div class=\"value\">3<", cover)
    assert re.search(r"each project counted once</div><div class=\"value\">111 baht<", cover)


def test_the_index_names_the_slice_and_links_each_report(tmp_path: Path, g) -> None:
    """A folder of one fiscal year says so on its index's cover (its 113 projects are not the
    bundle's 360), and each report's file is a link to it, in HTML and in Excel. The near miss: the
    whole bundle's index has no slice line."""
    sliced, whole = tmp_path / "y", tmp_path / "all"
    per = ("report", str(SAMPLE), "--per", "ministry", "--lang", "en")
    assert invoke(*per, "--year", "2567", "-o", str(sliced))[0] == 0
    assert invoke(*per, "-o", str(whole))[0] == 0
    page = (sliced / "index.html").read_text("utf-8")
    n = int((g.projects["fiscal_year"] == 2024).sum())
    assert re.search(rf'"label">slice</div><div class="value">fiscal year 2567 — {n} projects<', page)
    assert '<a href="orphans-%E0%B8%AA%E0%B8%98.html">orphans-สธ.html</a>' in page
    assert '"label">slice<' not in (whole / "index.html").read_text("utf-8")
    assert invoke("report", str(SAMPLE), "--per", "ministry", "--ext", "xlsx", "-o", str(tmp_path / "x"))[0] == 0
    sheet = load_workbook(tmp_path / "x" / "index.xlsx").worksheets[-1]
    cell = next(c for c in sheet["C"][1:] if c.value == "orphans-สธ.xlsx")
    assert cell.hyperlink is not None and cell.hyperlink.target == "orphans-สธ.xlsx"


def test_the_checks_run_once_for_every_report(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[tuple[str, ...]] = []
    real = build_module.run_codes

    def counting(g, codes, *args, **kwargs):
        calls.append(tuple(codes))
        return real(g, codes, *args, **kwargs)

    monkeypatch.setattr(build_module, "run_codes", counting)
    assert invoke("report", str(SAMPLE), "--per", "ministry", "-o", str(tmp_path / "per"))[0] == 0
    assert len(list((tmp_path / "per").iterdir())) > 10
    assert len(calls) == len(set(calls))


def test_a_folder_in_use_is_never_mixed_with(tmp_path: Path) -> None:
    out = tmp_path / "per"
    out.mkdir()
    (out / "mine.txt").write_text("keep", "utf-8")
    code, text = invoke("report", str(SAMPLE), "--per", "ministry", "-o", str(out))
    assert code == 2 and "ไม่ใช่โฟลเดอร์ว่าง" in text
    assert [p.name for p in out.iterdir()] == ["mine.txt"]
    empty = tmp_path / "empty"
    empty.mkdir()
    assert invoke("report", str(SAMPLE), "--per", "province", "-o", str(empty))[0] == 0   # near-miss: empty is fine
    assert (empty / "index.html").is_file()
    code, _ = invoke("report", str(SAMPLE), "-o", str(empty))        # without --per a folder is no report file
    assert code == 2


def test_a_failed_write_leaves_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def fail(*args: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "rename", fail)
    with pytest.raises(OutputError):
        write_folder(tmp_path / "per", {"a.csv": b"1", "b.csv": b"2"})
    assert list(tmp_path.iterdir()) == []
