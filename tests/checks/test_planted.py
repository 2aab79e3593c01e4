"""The sample and synthetic bundles: every planted problem is found, and the sample is reproducible."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from graphkpi.checks.registry import implementations
from graphkpi.checks.run import run_checks
from graphkpi.cli import main
from graphkpi.load.bundle import load_bundle
from graphkpi.synth import generate_bundle
from tests.conftest import REPO, SAMPLE


def found_by_code(bundle: Path) -> dict[str, set[str]]:
    graph = load_bundle(bundle)
    out: dict[str, set[str]] = {}
    for f in run_checks(graph):
        out.setdefault(f.code, set()).add(f.subject)
    return out


def assert_planted_found(bundle: Path) -> None:
    planted = json.loads((bundle / "planted.json").read_text(encoding="utf-8"))
    found = found_by_code(bundle)
    implemented = set(implementations())
    assert implemented, "no checks registered"
    for code in sorted(implemented):
        missing = set(planted.get(code, [])) - found.get(code, set())
        assert planted.get(code), f"{code}: nothing planted"
        assert not missing, f"{code}: planted but not found: {sorted(missing)}"


def test_sample_planted_problems_are_found() -> None:
    assert_planted_found(SAMPLE)


def test_sample_is_regenerated_byte_for_byte(tmp_path: Path) -> None:
    out = tmp_path / "sample"
    subprocess.run([sys.executable, str(REPO / "scripts" / "make_sample.py"), str(out)], check=True)
    for path in sorted(SAMPLE.iterdir()):
        assert (out / path.name).read_bytes() == path.read_bytes(), path.name


@pytest.mark.parametrize("seed", [0, 7])
def test_generated_planted_problems_are_found(tmp_path: Path, seed: int) -> None:
    planted = generate_bundle(tmp_path, 3000, seed)
    assert sum(map(len, planted.values())) > 0
    assert_planted_found(tmp_path)


def test_generate_is_deterministic(tmp_path: Path) -> None:
    generate_bundle(tmp_path / "a", 300, 5)
    generate_bundle(tmp_path / "b", 300, 5)
    for path in sorted((tmp_path / "a").iterdir()):
        assert (tmp_path / "b" / path.name).read_bytes() == path.read_bytes(), path.name


def test_generate_cli_too_few_projects_writes_nothing(tmp_path: Path) -> None:
    out = tmp_path / "tiny"
    result = CliRunner().invoke(main, ["generate", str(out), "--projects", "10", "-q"])
    assert result.exit_code == 2
    assert "at least" in result.output
    assert not out.exists()


def test_sample_plants_what_must_stay_silent() -> None:
    """Monitor KPIs set below their plan and governors who coordinate are there, and found by nothing."""
    g = load_bundle(SAMPLE)
    k = g.kpis
    short = (k["plan_target"] - k["target"]).where(k["direction"] != "down", k["target"] - k["plan_target"]) > 0
    silent = set(k.index[short & (k["class"] == "monitor")])
    assert silent, "no monitor KPI below its plan in the sample"
    found = run_checks(g)
    assert not silent & {f.subject for f in found if f.code in ("GK405", "GK501")}
    assert any(f.details.get("reason") for f in found if f.code == "GK501")
    governors = set(g.leads.loc[g.leads["role"] == "coordinator", "agency"])
    assert governors and all(a.startswith("จว-") or a == "กทม" for a in governors)
    assert not governors & {r for f in found if f.code in ("GK402", "GK403") for r in f.related}
