"""The view inlines vis-network from pyvis's private folder: these fail, with the reason, when
pyvis moves it, drops it or ships another version."""

from __future__ import annotations

from pathlib import Path

import pytest

from graphkpi.views.html import VIS_ASSETS, VIS_VERSION, VisAssetMissing, vis_asset


@pytest.mark.parametrize("name", VIS_ASSETS)
def test_installed_pyvis_ships_the_pinned_vis_network(name: str) -> None:
    try:
        text = vis_asset(name)
    except VisAssetMissing as exc:
        pytest.fail(f"the HTML view cannot be built offline: {exc}")
    assert len(text) > 10_000, f"{name} from pyvis is only {len(text)} characters"


def test_the_script_is_the_pinned_version() -> None:
    head = vis_asset("vis-network.min.js")[:500]
    assert "vis-network" in head and f"@version {VIS_VERSION}" in head, head


def test_a_moved_folder_names_what_is_missing_and_what_there_is(tmp_path: Path) -> None:
    (tmp_path / "lib" / "vis-10.0.0").mkdir(parents=True)
    with pytest.raises(VisAssetMissing) as caught:
        vis_asset("vis-network.min.js", root=tmp_path)
    message = str(caught.value)
    assert str(tmp_path / "lib" / f"vis-{VIS_VERSION}" / "vis-network.min.js") in message
    assert "vis-10.0.0" in message
