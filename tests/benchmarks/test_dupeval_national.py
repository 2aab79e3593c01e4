"""The national-scale rewrite: every title replaced, planted pairs that GK301 could find, seeded."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from dupeval.national import rewrite
from dupeval.words import load_words

from graphkpi.synth import generate_bundle


@pytest.fixture(scope="module")
def source(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("core")
    generate_bundle(folder, 1500, 2)
    return folder


def _read(folder: Path, name: str) -> pd.DataFrame:
    return pd.read_csv(folder / name, dtype=str, keep_default_na=False, encoding="utf-8-sig")


def test_titles_are_rewritten_and_structure_kept(source: Path, tmp_path: Path) -> None:
    rewrite(source, tmp_path / "indep", seed=5, per_kind=2, negatives=2)
    old, new = _read(source, "projects.csv"), _read(tmp_path / "indep", "projects.csv")
    assert list(old["id"]) == list(new["id"])
    assert not (old["name"] == new["name"]).any()
    assert (old["budget"] == new["budget"]).all()
    planted = json.loads((tmp_path / "indep" / "dupeval_planted.json").read_text(encoding="utf-8"))["cases"]
    touched = {c["a"] for c in planted} | {c["b"] for c in planted}
    same = ~new["id"].isin(touched)
    assert (old.loc[same, ["links", "fiscal_year", "provinces", "agency"]]
            == new.loc[same, ["links", "fiscal_year", "provinces", "agency"]]).all().all()
    # every title starts from one of the word list's activities (after an optional โครงการ)
    w = load_words()
    verbs = tuple(v for a in w.activities for v in (*a.words, *a.expand))
    assert new["name"].str.removeprefix("โครงการ").str.startswith(verbs).all()
    with np.load(tmp_path / "indep" / "dupeval_slots.npz") as z:
        assert list(z["ids"]) == list(new["id"]) and len(z["target"]) == len(new)
        assert (z["target"] == -1).any() and (z["target"] >= 0).any()   # some name a target group, some not


def test_planted_pairs_meet_the_preconditions(source: Path, tmp_path: Path) -> None:
    planted = rewrite(source, tmp_path / "indep", seed=5, per_kind=2, negatives=2)
    pr = _read(tmp_path / "indep", "projects.csv").set_index("id")
    ag = _read(tmp_path / "indep", "agencies.csv").set_index("id")
    el = _read(tmp_path / "indep", "elements.csv").set_index("id")
    ministry = ag["ministry"].where(ag["ministry"] != "", ag.index.to_series())
    assert {c["polarity"] for c in planted} == {"positive", "negative"}
    for c in planted:
        a, b = pr.loc[c["a"]], pr.loc[c["b"]]
        assert el.loc[a["links"], "level"] == "sub_target" and a["links"] == b["links"]
        assert (a["fiscal_year"], a["provinces"]) == (b["fiscal_year"], b["provinces"])
        assert ministry[a["agency"]] != ministry[b["agency"]]
        assert a["name"] != b["name"]


def test_same_seed_same_bundle(source: Path, tmp_path: Path) -> None:
    rewrite(source, tmp_path / "one", seed=5, per_kind=1, negatives=1)
    rewrite(source, tmp_path / "two", seed=5, per_kind=1, negatives=1)
    assert (tmp_path / "one" / "projects.csv").read_bytes() == (tmp_path / "two" / "projects.csv").read_bytes()
    assert not (tmp_path / "one.partial").exists()
