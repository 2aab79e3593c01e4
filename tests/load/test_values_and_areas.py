"""Contract v2 on the loader's side: listed values read as their values (GK004's input) and
places resolved however a planner writes them (GK001's input), from CSV and from a workbook."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from graphkpi import reference
from graphkpi.checks import CheckOptions, run_checks
from graphkpi.load import load_bundle
from graphkpi.load.vocab import spellings
from graphkpi.model import VALUE_LISTS


def test_every_thai_spelling_stands_for_one_listed_value() -> None:
    table = reference.value_spellings()
    assert set(zip(table["file"], table["column"], strict=True)) <= set(VALUE_LISTS)
    for (file, column), values in VALUE_LISTS.items():
        mine = table[(table["file"] == file) & (table["column"] == column)]
        assert set(mine["value"]) <= set(values), (file, column)
        assert not mine["written"].str.casefold().duplicated().any(), (file, column)
        assert not set(mine["written"].str.casefold()) & {v.casefold() for v in values}, (file, column)


def test_spellings_are_case_and_space_insensitive() -> None:
    known = spellings("leads.csv", "role")
    assert known["co-lead"] == "co-lead" and known["เจ้าภาพ"] == "lead" and known["ผู้ประสานงาน"] == "coordinator"


def test_every_province_resolves_by_code_names_and_prefixes(tmp_path: Path) -> None:
    provinces = reference.areas()
    provinces = provinces[provinces["level"] == "province"]
    written = [w for pid, row in provinces.iterrows()
               for w in (pid.lower(), row["name"], row["name_en"].upper(), f"จ.{row['name']}", f"จังหวัด {row['name']}",
                         f"{row['name_en']} Province")]
    cell = ";".join(written)
    (tmp_path / "elements.csv").write_text("id,level,name\nZ1,strategy,ยุทธศาสตร์\n", encoding="utf-8")
    (tmp_path / "projects.csv").write_text(f'id,name,agency,fiscal_year,provinces\nP1,x,นร,2567,"{cell}"\n',
                                           encoding="utf-8")
    g = load_bundle(tmp_path)
    assert set(g.project_areas["area"]) == set(provinces.index)
    assert not run_checks(g, CheckOptions(select=("GK001",)))


def test_an_alias_of_an_area_the_bundle_does_not_have_is_unknown(tmp_path: Path) -> None:
    """กทม. is Bangkok only where Bangkok is an area: an areas.csv without it makes it unknown."""
    (tmp_path / "elements.csv").write_text("id,level,name\nZ1,strategy,ยุทธศาสตร์\n", encoding="utf-8")
    (tmp_path / "areas.csv").write_text("id,level,name,name_en,parent\nTH-50,province,เชียงใหม่,Chiang Mai,\n",
                                        encoding="utf-8")
    (tmp_path / "projects.csv").write_text("id,name,agency,fiscal_year,provinces\nP1,x,นร,2567,กทม.;จ.เชียงใหม่\n",
                                           encoding="utf-8")
    found = run_checks(load_bundle(tmp_path), CheckOptions(select=("GK001",)))
    assert [(f.subject, f.related) for f in found] == [("P1", ("กทม.",))]


@pytest.fixture
def workbook(tmp_path: Path) -> Path:
    """A workbook bundle (one sheet per file) with bad values, Thai spellings and an unknown province."""
    path = tmp_path / "bundle.xlsx"
    sheets = {
        "elements": {"id": ["Z1", "MPX", "T1"], "level": ["strategy", "master_plan", "sub_target"],
                     "name": ["ยุทธศาสตร์", "แผนแม่บท", "เป้าหมาย"], "parents": ["", "Z1", "MPX"]},
        "agencies": {"id": ["M1", "M2"], "name": ["กระทรวงหนึ่ง", "กระทรวงสอง"], "ministry": ["", ""],
                     "kind": ["กระทรวง", "ส่วนราชการ"]},
        "projects": {"id": ["P1"], "name": ["โครงการ"], "agency": ["M1"], "fiscal_year": [2567],
                     "provinces": ["จ.เชียงใหม่;Chiangmai"], "links": ["T1"]},
        "leads": {"element": ["T1", "T1"], "agency": ["M1", "M2"], "role": ["เจ้าภาพ", "ผู้รับผิดชอบ"]},
        "kpis": {"id": ["K1", "K2"], "name": ["ก", "ข"], "element": ["T1", "T1"], "target": [80, 80],
                 "plan_target": [90, 90], "direction": ["ลดลง", "คงที่"], "class": ["ติดตาม", ""]},
        "kpi_agencies": {"kpi": ["K1", "K1"], "agency": ["M1", "M2"], "role": ["เจ้าภาพ", "partner"],
                         "measured": ["ใช่", "-"]},
    }
    with pd.ExcelWriter(path, engine="openpyxl") as xw:
        for sheet, columns in sheets.items():
            pd.DataFrame(columns).to_excel(xw, sheet_name=sheet, index=False)
    return path


def test_workbook_values_and_places(workbook: Path) -> None:
    g = load_bundle(workbook)
    assert g.leads["role"].tolist() == ["lead", "ผู้รับผิดชอบ"]
    assert g.kpis["direction"].tolist() == ["down", "คงที่"] and g.kpis["class"].tolist() == ["monitor", ""]
    assert g.kpi_agencies["measured"].tolist() == ["yes", "-"] and g.agencies.at["M1", "kind"] == "ministry"
    found = run_checks(g, CheckOptions(select=("GK001", "GK004", "GK401", "GK501")))
    got = sorted((f.code, f.subject, f.related, tuple(sorted(f.details.items()))) for f in found
                 if f.code in ("GK001", "GK004"))
    assert got == [
        ("GK001", "P1", ("Chiangmai",), (("did_you_mean", "Chiang Mai"), ("missing", "Chiangmai"),
                                          ("via", "projects.provinces"))),
        ("GK004", "K1", (), (("column", "measured"), ("file", "kpi_agencies.csv"), ("value", "-"))),
        ("GK004", "K2", (), (("column", "direction"), ("file", "kpis.csv"), ("value", "คงที่"))),
        ("GK004", "M2", (), (("column", "kind"), ("file", "agencies.csv"), ("value", "ส่วนราชการ"))),
        ("GK004", "T1", (), (("column", "role"), ("file", "leads.csv"), ("value", "ผู้รับผิดชอบ"))),
    ]
    # T1's lead is written เจ้าภาพ: led. K1 (down, 80 against 90) is more ambitious; K2 is not checked.
    assert not [f for f in found if f.code in ("GK401", "GK501")]
