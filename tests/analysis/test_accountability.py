"""lead-gaps, kpis and matrix: their numbers are the checks' numbers."""

from __future__ import annotations

import csv
import io
import json

from click.testing import CliRunner

from graphkpi.checks import CheckOptions, run_checks
from graphkpi.cli import main
from graphkpi.load import load_bundle
from tests.conftest import SAMPLE


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.stdout + result.stderr


def test_lead_gaps_groups_every_gk4_finding_by_ministry() -> None:
    code, out = run("lead-gaps", str(SAMPLE), "--format", "json", "--lang", "en")
    assert code == 0, out
    rows = json.loads(out)["rows"]
    g = load_bundle(SAMPLE)
    found = run_checks(g, CheckOptions(select=("GK401", "GK402", "GK403", "GK404")))
    assert {(r["code"], r["element"]) for r in rows} == {(f.code, f.subject) for f in found}
    inactive = next(f for f in found if f.code == "GK403" and f.subject == "050102")
    assert {"ministry": inactive.details["ministry"], "code": "GK403", "element": "050102", "role": "lead"}.items() \
        <= next(r for r in rows if r["code"] == "GK403" and r["element"] == "050102").items()
    for f in (f for f in found if f.code == "GK401" and f.details["acting"]):
        row = next(r for r in rows if r["code"] == "GK401" and r["element"] == f.subject)
        assert row["ministry"] == f.details["acting"][0]["ministry"]  # the largest budget


def test_kpis_register() -> None:
    code, out = run("kpis", str(SAMPLE), "--format", "json")
    assert code == 0, out
    kpis = {k["kpi"]: k for k in json.loads(out)["kpis"]}
    assert kpis["K-NM13-G2-2"]["gap"] == 5 and kpis["K-NM13-G2-2"]["direction"] == "down"
    assert kpis["K-200101-1"]["gk405"] is True and "!" in kpis["K-200101-1"]["host"]
    code, out = run("kpis", str(SAMPLE), "--format", "json", "--joint-only")
    assert all(k["joint"] for k in json.loads(out)["kpis"])
    assert run("kpis", str(SAMPLE), "--lang", "en")[1].count("findings: GK405 2, GK501 3") == 1


def test_matrix_cells_are_the_projects_reaching_each_target() -> None:
    code, out = run("matrix", str(SAMPLE), "--format", "json")
    assert code == 0, out
    doc = json.loads(out)
    g = load_bundle(SAMPLE)
    pairs = g.reach_pairs(g.elements.index[g.elements["level"] == "sub_target"])
    reaching = pairs.groupby("element")["project"].nunique().to_dict()
    for row in doc["rows"]:
        assert sum(c["projects"] for c in row["cells"].values()) == reaching.get(row["element"], 0)
    inactive = {f.subject: f.details["ministry"] for f in run_checks(g, CheckOptions(select=("GK403",)))}
    for row in doc["rows"]:
        if row["element"] in inactive:
            cell = row["cells"][inactive[row["element"]]]
            assert cell == {"projects": 0, "budget": 0.0, "lead": True}


def test_matrix_csv_and_other_levels() -> None:
    code, out = run("matrix", str(SAMPLE), "--rows", "provincial_target", "--format", "csv")
    assert code == 0, out
    rows = list(csv.DictReader(io.StringIO(out)))
    assert rows and all(r["element"].startswith("TH-") for r in rows)
    assert any(k.endswith(" budget") for k in rows[0])
    code, out = run("matrix", str(SAMPLE), "--rows", "no_such_level")
    assert code == 2 and "not a level" in out
    code, out = run("matrix", str(SAMPLE), "--lang", "en")
    assert code == 0 and "* = lead ministry" in out
