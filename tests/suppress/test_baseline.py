"""--baseline / --write-baseline: a CI job fails only on findings that are new since the baseline."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import write_bundle
from tests.suppress.test_suppress import BUNDLE, ORPHAN_P1, run, subjects, toml


@pytest.fixture
def work(tmp_path: Path) -> Path:
    write_bundle(tmp_path / "b", BUNDLE)
    return tmp_path


def add_orphan(work: Path) -> None:
    """A new finding after the baseline: project P5 links to nothing."""
    projects = work / "b" / "projects.csv"
    projects.write_text(projects.read_text("utf-8") + "P5,โครงการห้า,M1,2568,\n", encoding="utf-8")


def test_round_trip_fails_only_on_new_findings(work: Path) -> None:
    code, out, err = run(["check", "b", "--write-baseline", "base.json", "--format", "json", "--lang", "en"], work)
    assert code == 0 and "wrote a baseline of" in err
    base = json.loads((work / "base.json").read_text("utf-8"))
    assert base == json.loads(out)          # the baseline is the command's own JSON document
    code, out, _ = run(["check", "b", "--baseline", "base.json", "--format", "json", "--fail-on", "error"], work)
    doc = json.loads(out)
    assert code == 0 and doc["findings"] == [] and doc["summary"]["baseline"] == len(base["findings"])
    add_orphan(work)
    code, out, _ = run(["check", "b", "--baseline", "base.json", "--format", "json", "--fail-on", "error"], work)
    assert code == 1 and subjects(out) == ["P5"]
    code, out, _ = run(["check", "b", "--baseline", "base.json"], work)
    assert "มีอยู่แล้วในข้อค้นพบฐาน (baseline) base.json" in out


def test_a_fixed_finding_leaves_the_baseline_when_it_is_refreshed(work: Path) -> None:
    run(["check", "b", "--write-baseline", "base.json"], work)
    projects = work / "b" / "projects.csv"
    projects.write_text(projects.read_text("utf-8").replace("P1,โครงการหนึ่ง,M1,2567,", "P1,โครงการหนึ่ง,M1,2567,T1"),
                        encoding="utf-8")
    code, _, _ = run(["check", "b", "--baseline", "base.json", "--write-baseline", "base.json"], work)
    assert code == 0      # reading and replacing the same baseline is allowed
    assert "P1" not in subjects((work / "base.json").read_text("utf-8"), "GK101")


def test_an_earlier_json_output_is_a_baseline(work: Path) -> None:
    run(["check", "b", "--format", "json", "--select", "GK1", "-o", "earlier.json"], work)
    add_orphan(work)
    _, out, _ = run(["check", "b", "--format", "json", "--baseline", "earlier.json"], work)
    assert subjects(out, "GK101") == ["P5"] and subjects(out, "GK201") == ["P4"]   # GK2 was not in it


def test_orphans_and_chains_take_a_baseline(work: Path) -> None:
    run(["orphans", "b", "--format", "json", "-o", "orphans.json"], work)
    run(["chains", "b", "--write-baseline", "chains.json"], work)
    add_orphan(work)
    _, out, _ = run(["orphans", "b", "--format", "json", "--baseline", "orphans.json"], work)
    doc = json.loads(out)
    assert [r["project"] for r in doc["projects"]] == ["P5"] and doc["summary"] == {"baseline": 3}
    _, out, _ = run(["chains", "b", "--format", "json", "--baseline", "chains.json"], work)
    doc = json.loads(out)
    assert doc["breaks"] == [] and doc["summary"] == {"baseline": 2}


def test_baseline_is_written_after_suppressions(work: Path) -> None:
    toml(work, ORPHAN_P1)
    run(["check", "b", "--select", "GK101", "--write-baseline", "base.json"], work)
    assert subjects((work / "base.json").read_text("utf-8")) == ["P3"]
    _, out, _ = run(["check", "b", "--select", "GK101", "--format", "json", "--baseline", "base.json"], work)
    assert json.loads(out)["summary"] == {"GK101": 0, "suppressed": 1, "baseline": 1}


@pytest.mark.parametrize(("content", "why"), [
    ("not json", "Expecting value"),
    ('{"graphkpi": "1", "bundle": "b"}', "no findings list"),
    ('[1, 2]', "no graphkpi document"),
    ('{"graphkpi": "1", "findings": [{"code": "GK101"}]}', "findings[0] has no code or subject"),
    ('{"graphkpi": "1", "findings": [{"code": "GK101", "subject": "P1", "related": "P2"}]}', "related"),
])
def test_a_file_that_is_not_a_baseline_is_exit_2(work: Path, content: str, why: str) -> None:
    (work / "base.json").write_text(content, encoding="utf-8")
    code, out, err = run(["check", "b", "--baseline", "base.json", "--lang", "en"], work)
    assert code == 2 and out == "" and "base.json: not a baseline" in err and why in err, err
    code, _, err = run(["check", "b", "--baseline", "missing.json", "--lang", "en"], work)
    assert code == 2 and "missing.json: baseline file not found" in err


def test_write_baseline_is_guarded_like_output(work: Path) -> None:
    code, _, err = run(["check", "b", "--write-baseline", "b/projects.csv"], work)
    assert code == 2 and "projects.csv" in err and (work / "b" / "projects.csv").read_text("utf-8").startswith("id,")
    toml(work, ORPHAN_P1)
    code, _, _ = run(["check", "b", "-o", "graphkpi.toml"], work)
    assert code == 2 and (work / "graphkpi.toml").read_text("utf-8") == ORPHAN_P1
