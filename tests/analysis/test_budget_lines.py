"""Budget lines beside planned budgets: stats, the orphan list and the orphan report show the line
sums only when the bundle has budget_lines.csv, and a bundle without it reads as before."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from graphkpi.cli import main
from graphkpi.load import load_bundle
from graphkpi.reports.build import build_report

ELEMENTS = "id,level,name,parents\nZ1,strategy,ยุทธศาสตร์,\nMP1,master_plan,แผนแม่บท,Z1\n"
AGENCIES = "id,name,ministry,kind\nM1,กระทรวงหนึ่ง,,ministry\n"
PROJECTS = ("id,name,agency,fiscal_year,budget,links\n"
            "P1,ถึงแผน,M1,2567,\"1,000,000\",MP1\n"
            "P2,ไม่เชื่อมโยง,M1,2567,\"400,000\",\n"
            "P3,ไม่เชื่อมโยงอีก,M1,2567,\"100,000\",X9\n")
# P1: 900,000 in its year and 50,000 of another year; P2: 300,000; P3: none; a line for an unknown project
LINES = ("code,project,fiscal_year,amount\n"
         "6700001,P1,2567,\"600,000\"\n6700002,P1,2567,\"300,000\"\n6600003,P1,2566,\"50,000\"\n"
         "6700004,P2,2567,\"300,000\"\n6700005,P9,2567,\"70,000\"\n")


@pytest.fixture
def with_lines(bundle):
    return bundle({"elements.csv": ELEMENTS, "agencies.csv": AGENCIES, "projects.csv": PROJECTS,
                   "budget_lines.csv": LINES})


@pytest.fixture
def without_lines(bundle):
    return bundle({"elements.csv": ELEMENTS, "agencies.csv": AGENCIES, "projects.csv": PROJECTS})


def _run(*args: str) -> str:
    result = CliRunner().invoke(main, [*args, "-q"], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result.output


def test_stats_show_line_sums_in_each_projects_year(with_lines, without_lines) -> None:
    doc = json.loads(_run("stats", str(with_lines), "--format", "json"))
    assert doc["line_budget_reaching_z"] == {"count": 900_000.0, "of": 1_200_000.0, "share": 0.75}
    assert doc["projects_with_lines"] == {"count": 2, "of": 3, "share": 0.6667}
    assert "budget lines reaching Z" in _run("stats", str(with_lines), "--lang", "en")
    plain = json.loads(_run("stats", str(without_lines), "--format", "json"))
    assert "line_budget_reaching_z" not in plain and "projects_with_lines" not in plain


def test_orphans_list_lines_beside_budgets(with_lines, without_lines) -> None:
    doc = json.loads(_run("orphans", str(with_lines), "--format", "json"))
    assert {p["project"]: p["line_budget"] for p in doc["projects"]} == {"P2": 300_000.0, "P3": 0.0}
    assert [m["line_budget"] for m in doc["by_ministry"]] == [300_000.0]
    text = _run("orphans", str(with_lines), "--lang", "en")
    assert "budget lines (baht)" in text and "total: 2 projects, 500,000 baht; budget lines 300,000 baht" in text
    assert _run("orphans", str(with_lines), "--format", "csv").splitlines()[0].split(",")[6:8] == [
        "budget", "line_budget"]
    plain = json.loads(_run("orphans", str(without_lines), "--format", "json"))
    assert all("line_budget" not in p for p in plain["projects"])
    assert "line_budget" not in plain["by_ministry"][0]
    assert "budget lines" not in _run("orphans", str(without_lines), "--lang", "en")


def test_orphan_report_has_a_lines_figure_and_column_only_with_lines(with_lines, without_lines) -> None:
    report = build_report(load_bundle(with_lines), lang="en")
    assert ("budget lines of projects not reaching the national strategy", "300,000 baht") in report.figures
    projects = next(s for s in report.sections if s.key == "projects")
    assert "line_budget" in [c.key for c in projects.columns]
    plain = build_report(load_bundle(without_lines), lang="en")
    assert not any(label.startswith("budget lines") for label, _ in plain.figures)
    assert all(c.key != "line_budget" for s in plain.sections for c in s.columns)


def test_budget_codes_are_listed_only_for_bundles_with_lines(with_lines, without_lines) -> None:
    summary = json.loads(_run("check", str(with_lines), "--format", "json"))["summary"]
    # P3 has no line (GK601); P1 and P2 are short (GK602); P3 links to X9 and line 6700005 names P9 (GK001)
    assert (summary["GK601"], summary["GK602"], summary["GK001"]) == (1, 2, 2)
    plain = json.loads(_run("check", str(without_lines), "--format", "json"))["summary"]
    assert "GK601" not in plain and "GK602" not in plain
    full = build_report(load_bundle(without_lines), kind="full", lang="en")
    assert not {"GK601", "GK602"} & {s.key for s in full.sections}


def test_validate_counts_lines_only_when_present(with_lines, without_lines) -> None:
    assert "  budget lines: 5\n" in _run("validate", str(with_lines), "--lang", "en", "--fail-on", "never")
    assert "budget lines" not in _run("validate", str(without_lines), "--lang", "en", "--fail-on", "never")
