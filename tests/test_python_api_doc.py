"""docs/python-api.md runs as written: its blocks in order, in one namespace, from the repository's
folder, as an analyst would paste them into a notebook."""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

from tests.conftest import REPO

DOC = REPO / "docs" / "python-api.md"


def test_every_block_runs_in_order(tmp_path: Path) -> None:
    blocks = re.findall(r"```python\n(.*?)```", DOC.read_text(encoding="utf-8"), re.S)
    assert len(blocks) >= 5
    shutil.copytree(REPO / "data" / "sample", tmp_path / "data" / "sample")
    here = Path.cwd()
    os.chdir(tmp_path)   # the files the examples write land here
    try:
        namespace: dict[str, object] = {}
        for block in blocks:
            exec(compile(block, str(DOC), "exec"), namespace)   # the doc's own examples
    finally:
        os.chdir(here)
    assert (tmp_path / "focus.html").stat().st_size > 0 and (tmp_path / "orphans.xlsx").stat().st_size > 0
    at_risk, mine = namespace["at_risk"], namespace["mine"]
    assert set(at_risk["fiscal_year"]) <= {2566, 2567, 2568}   # shown as the sample writes them
    assert len(mine) and len(namespace["df"]) == len(namespace["found"])
