"""The group's "why" line: it names the lift only when a pair below the threshold matched by
objective or letters, and the places where the projects overlap (not the group's union)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from graphkpi.cli import main
from graphkpi.render.duplicates import _why_key, overlap
from tests.conftest import FIXTURES, load_yaml, write_bundle


def test_lift_is_named_only_when_used() -> None:
    plain = {"pairs": [{"a": "P1", "b": "P2", "similarity": 0.7, "equivalences": {"verbs": ["พัฒนา"]}}]}
    assert _why_key(plain) == "duplicates_why"
    assert _why_key({"pairs": [{"a": "P1", "b": "P2", "similarity": 0.6}]}) == "duplicates_why"
    by_goal = {"a": "P1", "b": "P3", "similarity": 0.48, "equivalences": {"objective": 0.8}}
    lifted = {"pairs": [plain["pairs"][0], by_goal]}
    assert _why_key(lifted) == "duplicates_why_lifted"
    assert _why_key({"pairs": [{"similarity": 0.5, "equivalences": {"spelling": 0.85}}]}) == "duplicates_why_lifted"


@pytest.mark.parametrize(("places", "want"), [
    ([["national"], ["TH-20"]], ["TH-20"]),                          # a national project covers the province
    ([["national"], ["TH-96", "TH-90", "TH-94"]], ["TH-90", "TH-94", "TH-96"]),
    ([["TH-50", "TH-57"], ["TH-57"], ["TH-10"], ["national"]], ["TH-10", "TH-50", "TH-57"]),
    ([["TH-50", "TH-57"], ["TH-57", "TH-58"]], ["TH-57"]),           # the near miss: TH-50 and TH-58 are one project's
    ([["national"], ["national", "TH-10"]], ["national"]),
])
def test_overlap_is_where_two_projects_work(places: list[list[str]], want: list[str]) -> None:
    assert overlap(places) == want


def test_the_why_line_names_the_ministries_in_english(tmp_path: Path) -> None:
    """"2 ministries (พม, สธ)" told an English reader nothing: their English names, with the ids the
    projects below carry; a ministry the bundle gives no English name keeps its id (the near miss).
    Thai and JSON keep the ids."""
    case = next(c for c in load_yaml(FIXTURES / "checks" / "GK301.yaml")["cases"]
                if c["name"] == "duplication_same_place_and_beneficiaries")
    agencies = ("id,name,name_en,ministry,kind\nM1,กระทรวงหนึ่ง,Ministry of One,,ministry\n"
                "M2,กระทรวงสอง,,,ministry\nM3,กระทรวงสาม,,,ministry\nD1,กรมหนึ่ง,,M1,department\n")
    path = write_bundle(tmp_path / "b", {**case["bundle"], "agencies.csv": agencies})

    def said(*args: str) -> str:
        r = CliRunner().invoke(main, ["duplicates", str(path), "-q", *args])
        assert r.exit_code == 0, r.output
        return r.stdout

    assert "2 ministries (Ministry of One (M1), M2), titles" in said("--explain", "--lang", "en")
    assert "โครงการของ 2 กระทรวง (M1, M2) และ" in said("--explain")
    (group,) = json.loads(said("--format", "json", "--lang", "en"))["groups"]
    assert group["details"]["ministries"] == ["M1", "M2"]
