"""The independent GK301 evaluation: seeded, and every label is what it says."""

from __future__ import annotations

import json
from dataclasses import fields
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from dupeval.labelled import generate
from dupeval.score import reported_pairs, score
from dupeval.titles import NEGATIVE, POSITIVE, Slots, random_slots, render
from dupeval.words import load_words

from graphkpi.model import Finding


@pytest.fixture(scope="module")
def bundle(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict]:
    folder = tmp_path_factory.mktemp("dupeval")
    return folder, generate(folder, per_kind=6, negatives=6, filler=50, seed=3)


def _changed(a: dict, b: dict) -> set[str]:
    return {f.name for f in fields(Slots) if a[f.name] != b[f.name]}


def test_same_seed_same_files(bundle: tuple[Path, dict], tmp_path: Path) -> None:
    folder, _ = bundle
    generate(tmp_path, per_kind=6, negatives=6, filler=50, seed=3)
    for name in ("projects.csv", "elements.csv", "agencies.csv", "labels.json"):
        assert (tmp_path / name).read_bytes() == (folder / name).read_bytes(), name
    generate(tmp_path / "other", per_kind=6, negatives=6, filler=50, seed=4)
    assert (tmp_path / "other" / "projects.csv").read_bytes() != (folder / "projects.csv").read_bytes()


def test_every_kind_is_labelled(bundle: tuple[Path, dict]) -> None:
    _, labels = bundle
    kinds = {(c["polarity"], c["kind"]) for c in labels["cases"]}
    assert {("positive", k) for k in POSITIVE} | {("negative", k) for k in NEGATIVE} <= kinds
    assert {k for p, k in kinds if p == "junk"} == {"formula", "empty", "generic_word"}


def test_pairs_differ_only_in_their_labelled_slots(bundle: tuple[Path, dict]) -> None:
    folder, labels = bundle
    names = pd.read_csv(folder / "projects.csv", dtype=str, keep_default_na=False).set_index("id")["name"]
    for c in labels["cases"]:
        if c["polarity"] == "junk":
            continue
        a, b = labels["slots"][c["a"]], labels["slots"][c["b"]]
        kind = (POSITIVE if c["polarity"] == "positive" else NEGATIVE)[c["kind"]]
        changed = _changed(a, b)
        assert changed and changed <= kind.slots, (c, changed)
        assert names[c["a"]] != names[c["b"]], c
    # a hard negative changes exactly its slot: the titles differ there and nowhere else
    neg = next(c for c in labels["cases"] if c["kind"] == "target_group")
    a, b = labels["slots"][neg["a"]], labels["slots"][neg["b"]]
    assert names[neg["a"]].replace(a["target"], b["target"]) == names[neg["b"]]


def test_pairs_meet_gk301_preconditions(bundle: tuple[Path, dict]) -> None:
    """Same sub-target, year and province, two ministries — except where the label says otherwise."""
    folder, labels = bundle
    pr = pd.read_csv(folder / "projects.csv", dtype=str, keep_default_na=False).set_index("id")
    ag = pd.read_csv(folder / "agencies.csv", dtype=str, keep_default_na=False).set_index("id")
    for c in labels["cases"]:
        a, b = pr.loc[c["a"]], pr.loc[c["b"]]
        assert a["links"] == b["links"]
        assert ag.loc[a["agency"], "ministry"] != ag.loc[b["agency"], "ministry"]
        assert (a["fiscal_year"] == b["fiscal_year"]) == (c["kind"] != "year"), c
        assert (a["provinces"] == b["provinces"]) == (c["kind"] != "place"), c


def test_slots_render_the_abbreviations_and_digits() -> None:
    w = load_words()
    s = random_slots(np.random.default_rng(0), w, 2568, 1, frozenset({"village", "tail"}))
    full = render(s, w)
    assert "หมู่ " in full and "ม." not in full
    short = render(POSITIVE["abbreviation"].change(s, np.random.default_rng(0), w), w)
    assert "ต." in short and "อ." in short and "จ." in short and "ตำบล" not in short
    thai = render(POSITIVE["digits"].change(s, np.random.default_rng(0), w), w)
    assert not any(ch.isascii() and ch.isdigit() for ch in thai) and "๒๕๖๘" in thai


def test_score_counts_group_pairs_and_false_groupings() -> None:
    cases = [{"a": "A", "b": "B", "polarity": "positive", "kind": "typo"},
             {"a": "C", "b": "D", "polarity": "positive", "kind": "typo"},
             {"a": "E", "b": "F", "polarity": "negative", "kind": "village"}]
    found = [Finding("GK301", "A", "project", ("B", "X")), Finding("GK301", "E", "project", ("F",)),
             Finding("GK301", "Y", "project", ("Z",)), Finding("GK101", "C", "project", ("D",))]
    s = score(cases, reported_pairs(found))
    assert s["recall"] == 0.5 and s["found"] == 1
    assert s["negatives_grouped"] == {"negative:village": 1}
    assert s["stray_pairs"] == [("A", "X"), ("B", "X")]
    assert s["precision"] == 1 / 4 and s["background_pairs"] == 1
    assert json.dumps(s)   # --json prints it
