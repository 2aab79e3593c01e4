"""closure_pairs: one pass over the condensation gives what one walk per element gave."""

from __future__ import annotations

from pathlib import Path

import pytest

from graphkpi.graph import PlanGraph
from graphkpi.load import load_bundle
from graphkpi.synth import generate_bundle
from graphkpi.synth.degenerate import chain_bundle, cycle_bundle
from tests.conftest import SAMPLE


def _graph(which: str, tmp_path: Path) -> PlanGraph:
    if which == "sample":
        return load_bundle(SAMPLE)
    if which == "cycle":
        return load_bundle(cycle_bundle(tmp_path / "c", 300))
    if which == "chain":
        return load_bundle(chain_bundle(tmp_path / "d", 400))
    generate_bundle(tmp_path / "g", 2000, seed=3)
    return load_bundle(tmp_path / "g")


@pytest.mark.parametrize("which", ["sample", "cycle", "chain", "generated"])
def test_closure_of_every_element_matches_one_walk_per_element(tmp_path: Path, which: str) -> None:
    g = _graph(which, tmp_path)
    got = g.closure(g.elements.index)
    assert not got.duplicated().any()
    pairs = set(zip(got["source"], got["element"], strict=True))
    assert pairs == {(e, a) for e in g.elements.index for a in g.up_closure({e})}


def test_link_closure_starts_from_linked_elements_only(tmp_path: Path) -> None:
    """A 3,000-deep chain with one project at the bottom: 3,001 rows, not every element's closure."""
    g = load_bundle(chain_bundle(tmp_path / "d", 3000))
    assert len(g.link_closure) == 3001
    assert set(g.link_closure["link"]) == {"D003000"}
    assert set(g.link_closure["element"]) == set(g.elements.index) == g.reached_elements


def test_sources_outside_the_cascade_are_left_out() -> None:
    g = load_bundle(SAMPLE)
    assert g.closure(["no-such-element"]).empty
