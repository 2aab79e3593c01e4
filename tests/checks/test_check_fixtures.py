"""Every code's fixture cases (the failing case and its near-miss), one parametrised test.

Fixtures are data (tests/fixtures/checks/GKxxx.yaml): a tiny bundle, optional ``params``
for the check (its options), and the complete list of findings of that code it must produce.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from graphkpi.checks import CheckOptions, implementations, run_checks
from graphkpi.load import load_bundle
from tests.conftest import FIXTURES, load_yaml, write_bundle

FILES = sorted((FIXTURES / "checks").glob("GK*.yaml"))
CASES = [(path.stem, case) for path in FILES for case in load_yaml(path)["cases"]]


@pytest.mark.parametrize(("code", "case"), CASES, ids=[f"{c}-{case['name']}" for c, case in CASES])
def test_fixture_case(code: str, case: dict, tmp_path: Path) -> None:
    g = load_bundle(write_bundle(tmp_path, case["bundle"]))
    found = run_checks(g, CheckOptions(select=(code,), params={code: case.get("params") or {}}))
    got = sorted((f.subject, tuple(sorted(f.related))) for f in found)
    want = sorted((e["subject"], tuple(sorted(e.get("related") or []))) for e in case["expect"] or [])
    assert got == want, case.get("why")
    by_key = {(f.subject, tuple(sorted(f.related))): f for f in found}
    for e in case["expect"] or []:
        for key, value in (e.get("details") or {}).items():
            actual = by_key[(e["subject"], tuple(sorted(e.get("related") or [])))].details[key]
            if isinstance(value, list) and not any(isinstance(v, dict) for v in value):
                assert sorted(actual) == sorted(value), key
            else:  # scalars, and ordered lists of records (e.g. acting ministries, largest first)
                assert actual == value, key


def test_every_implemented_code_has_fixtures() -> None:
    have = {p.stem for p in FILES}
    missing = set(implementations()) - have
    assert not missing, f"codes without a fixture file: {sorted(missing)}"


@pytest.mark.parametrize("path", FILES, ids=[p.stem for p in FILES])
def test_fixture_file_has_case_and_near_miss(path: Path) -> None:
    cases = load_yaml(path)["cases"]
    assert any(c["expect"] for c in cases), "no failing case"
    assert any(not c["expect"] for c in cases), "no near-miss case"
