"""GK205's output as the contract shows it: open ends as null, years as --years asks, workbooks too.

The per-case findings are in tests/fixtures/checks/GK205.yaml; these tests pin what the fixture
harness cannot compare (the order and nulls of ``details.period``, the message, an .xlsx bundle).
"""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
from click.testing import CliRunner

from graphkpi.checks import CheckOptions, run_checks
from graphkpi.cli import main
from graphkpi.load import load_bundle

ELEMENTS = """id,level,name,parents,valid_from,valid_to,replaced_by
Z1,strategy,ยุทธศาสตร์ทดสอบ,,,,
MPX,master_plan,แผนแม่บททดสอบ,Z1,,,
SPX,sub_plan,แผนย่อยทดสอบ,MPX,,,
T1,sub_target,เป้าหมายหนึ่ง,SPX,2566,,
T3,sub_target,เป้าหมายสาม (ฉบับปี 2561),SPX,,2565,T1;T9
"""
PROJECTS = """id,name,agency,fiscal_year,links
P1,โครงการหนึ่ง,M1,2565,T1
P3,โครงการสาม,M1,2566,T3
"""


def _bundle(root: Path) -> Path:
    root.mkdir()
    (root / "elements.csv").write_text(ELEMENTS, encoding="utf-8")
    (root / "projects.csv").write_text(PROJECTS, encoding="utf-8")
    return root


def _json(bundle: Path, *args: str) -> dict:
    result = CliRunner().invoke(main, ["check", str(bundle), "--select", "GK205", "--format", "json", *args])
    assert result.exit_code == 0, result.output
    return json.loads(result.output)


def test_open_ends_are_null_and_years_follow_the_option(tmp_path: Path) -> None:
    bundle = _bundle(tmp_path / "b")
    be = {f["subject"]: f for f in _json(bundle)["findings"]}   # the bundle wrote BE years
    assert be["P1"]["details"] == {"fiscal_year": 2565, "period": [2566, None], "replaced_by": []}
    assert be["P3"]["details"] == {"fiscal_year": 2566, "period": [None, 2565], "replaced_by": ["T1"]}
    ce = {f["subject"]: f for f in _json(bundle, "--years", "ce", "--lang", "en")["findings"]}
    assert ce["P1"]["details"]["period"] == [2023, None]
    assert ce["P3"]["message"] == "P3 (fiscal year 2023) links to T3, in force until 2022 (replaced by T1)"
    assert be["P1"]["message"] == "P1 (ปีงบประมาณ 2565) เชื่อมกับ T1 ซึ่งใช้บังคับ ตั้งแต่ 2566"


def test_out_of_period_links_do_not_cut_chains(tmp_path: Path) -> None:
    g = load_bundle(_bundle(tmp_path / "b"))
    found = run_checks(g, CheckOptions(select=("GK1", "GK2")))
    assert sorted((f.code, f.subject) for f in found) == [("GK205", "P1"), ("GK205", "P3")]


def test_workbook_bundle(tmp_path: Path) -> None:
    """A .xlsx bundle: years typed as numbers in Excel cells, blanks as empty cells."""
    csv = _bundle(tmp_path / "csv")
    book = tmp_path / "plan.xlsx"
    with pd.ExcelWriter(book) as xw:
        for name in ("elements", "projects"):
            pd.read_csv(csv / f"{name}.csv").to_excel(xw, sheet_name=name, index=False)
    assert _json(book)["findings"] == _json(csv)["findings"]


def test_chains_lists_out_of_period_links_with_years_as_asked(tmp_path: Path) -> None:
    bundle = _bundle(tmp_path / "b")
    result = CliRunner().invoke(main, ["chains", str(bundle), "--format", "json", "--years", "ce"])
    assert result.exit_code == 0, result.output
    found = {f["subject"]: f for f in json.loads(result.output)["findings"]}
    assert set(found) == {"P1", "P3"} and found["P3"]["details"]["period"] == [None, 2022]
