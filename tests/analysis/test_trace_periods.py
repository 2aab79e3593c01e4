"""``trace`` marks a step into an element that is not in force (GK205), in text and JSON."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from graphkpi.analysis.trace import trace
from graphkpi.cli import main
from graphkpi.load import load_bundle

ELEMENTS = """id,level,name,parents,valid_from,valid_to,replaced_by
Z1,strategy,ยุทธศาสตร์ทดสอบ,,,,
MPX,master_plan,แผนแม่บททดสอบ,Z1,2561,2580,
SPX,sub_plan,แผนย่อยทดสอบ,MPX,2561,2580,
T1,sub_target,เป้าหมายหนึ่ง (ฉบับปี 2561),SPX,2561,2565,T2
T2,sub_target,เป้าหมายหนึ่ง (ฉบับทบทวน),SPX,2566,2570,
AT1,action_target,เป้าหมายแผนปฏิบัติราชการหนึ่ง,T1,2566,2570,
"""
PROJECTS = """id,name,agency,fiscal_year,links
P1,โครงการหนึ่ง,M1,2567,AT1;T2
P2,โครงการสอง,M1,2563,T1
"""


def _bundle(tmp_path: Path) -> Path:
    (tmp_path / "elements.csv").write_text(ELEMENTS, encoding="utf-8")
    (tmp_path / "projects.csv").write_text(PROJECTS, encoding="utf-8")
    return tmp_path


def test_out_of_period_steps_are_marked(tmp_path: Path) -> None:
    g = load_bundle(_bundle(tmp_path))
    root = trace(g, "P1")
    marked = {n.id: n.out_of_period for n in root.preorder() if n.out_of_period is not None}
    assert marked == {"T1": [2018, 2022]}   # AT1 (2566–2570) → T1 (2561–2565); the link to T2 is in force
    assert root.reaches_z                    # the chain still passes through the mark
    assert all(n.out_of_period is None for n in trace(g, "P2").preorder())   # FY2563 is inside T1's period


def test_trace_text_and_json_show_the_period_as_asked(tmp_path: Path) -> None:
    bundle = _bundle(tmp_path)
    text = CliRunner().invoke(main, ["trace", str(bundle), "P1"]).output
    [line] = [ln for ln in text.splitlines() if "⏱" in ln]
    assert "T1 [" in line and "นอกช่วงเวลาใช้บังคับ (2561–2565)" in line
    en = CliRunner().invoke(main, ["trace", str(bundle), "P1", "--lang", "en", "--years", "ce"]).output
    assert "out of period (in force 2018–2022)" in en
    doc = json.loads(CliRunner().invoke(main, ["trace", str(bundle), "AT1", "--format", "json"]).output)
    assert doc["parents"][0]["id"] == "T1" and doc["parents"][0]["out_of_period"] == [2561, 2565]
    assert "out_of_period" not in doc and "out_of_period" not in doc["parents"][0]["parents"][0]
