"""``graphkpi duplicates``' tables come from the facts GK301 carried (graphkpi.analysis.duplicates):
the command does not fetch its projects again, on either language or output format."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from graphkpi.analysis.duplicates import MEMBER_COLUMNS, duplicate_tables
from graphkpi.backends.networkx import NetworkXBackend
from graphkpi.checks.run import run_codes
from graphkpi.cli import main
from graphkpi.load import load_bundle
from tests.analysis.test_carried import BUNDLE
from tests.conftest import write_bundle


@pytest.mark.parametrize(("lang", "names"), [("th", ["กระทรวงหนึ่ง", "กระทรวงสอง"]),
                                             ("en", ["Ministry One", "กระทรวงสอง"])])
def test_member_table_from_carried_facts(tmp_path: Path, lang: str, names: list[str]) -> None:
    found = run_codes(load_bundle(write_bundle(tmp_path, BUNDLE)), ["GK301"])
    groups, members = duplicate_tables(found, lang)
    assert groups["subject"].tolist() == ["P1"]
    assert list(members.columns) == MEMBER_COLUMNS
    assert members["project"].tolist() == ["P1", "P2"]
    assert members["ministry_name"].tolist() == names
    assert members["provinces"].tolist() == ["TH-21;ที่ไหนสักแห่ง", "TH-21"]


@pytest.mark.parametrize("fmt", ["table", "json", "csv"])
def test_duplicates_command_fetches_no_project_twice(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                     fmt: str) -> None:
    """The command would fail here if it asked the backend for its projects' facts or names again."""
    path = write_bundle(tmp_path, BUNDLE)

    def refused(*_: object, **__: object) -> None:
        raise AssertionError("fetched again")

    monkeypatch.setattr(NetworkXBackend, "project_facts", refused)
    monkeypatch.setattr(NetworkXBackend, "names", refused)
    shown = ["--explain"] if fmt == "table" else []    # the table lists a group's projects with --explain
    res = CliRunner().invoke(main, ["duplicates", str(path), "--format", fmt, "--lang", "en", "-q", *shown])
    assert res.exit_code == 0, res.output
    assert "ที่ไหนสักแห่ง" in res.output and "D1" in res.output   # places as written, the agency
    assert "Ministry One" in res.output    # the table's --explain too, from the directory, not fetched again
    if fmt == "json":
        (group,) = json.loads(res.output)["groups"]
        assert [p["agency"] for p in group["projects"]] == ["D1", "M2"]
