"""Hostile bundles: shapes of the plan hierarchy no real plan has, but a bad export can.

Why: every command must finish on a bundle whose cascade is one very deep chain, one very
long cycle or one very wide level, on both backends, in time that grows about linearly with
the number of elements. These writers make such bundles for the tests and
``benchmarks/bench_degenerate.py``; each is a few vectorised columns, so 10^5 elements take
well under a second.

- ``chain``: a strategy ``D000000`` and ``depth`` elements below it, each the only child of the
  one before; one project links to the deepest element.
- ``cycle``: ``size`` elements, each cascading into the next and the last into the first (no
  strategy is reached); ``projects`` projects link into it at evenly spread elements.
- ``wide``: a strategy with ``size`` elements directly below it, one project on each.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

AGENCIES = "id,name,ministry,kind\nสธ,กระทรวงสาธารณสุข,,ministry\nสธ01,กรมหนึ่ง,สธ,department\n"
LEVEL = "sub_target"   # the level with the most per-element work in the checks (GK102, GK301, GK302, GK401)


def _ids(prefix: str, n: int, start: int = 0) -> pd.Series:
    return pd.Series(np.arange(start, start + n)).map(lambda i: f"{prefix}{i:06d}")


def _write(folder: Path, elements: pd.DataFrame, projects: pd.DataFrame) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    elements.to_csv(folder / "elements.csv", index=False, lineterminator="\n")
    projects.to_csv(folder / "projects.csv", index=False, lineterminator="\n")
    (folder / "agencies.csv").write_text(AGENCIES, encoding="utf-8")
    return folder


def _projects(links: pd.Series) -> pd.DataFrame:
    n = len(links)
    ids = _ids("P", n)
    return pd.DataFrame({"id": ids, "name": "โครงการ " + ids, "agency": "สธ01", "fiscal_year": 2567,
                         "budget": 1000, "links": links.to_numpy()})


def chain_bundle(folder: Path, depth: int, level: str = LEVEL) -> Path:
    """A strategy and a single chain of ``depth`` elements below it; a project at the bottom."""
    ids = _ids("D", depth + 1)
    elements = pd.DataFrame({"id": ids, "level": level, "name": "ห่วงโซ่ " + ids,
                             "parents": ids.shift(1, fill_value="")})
    elements.loc[0, "level"] = "strategy"
    return _write(folder, elements, _projects(ids.iloc[[-1]].reset_index(drop=True)))


def cycle_bundle(folder: Path, size: int, projects: int = 10, level: str = LEVEL) -> Path:
    """``size`` elements in one cycle, ``projects`` projects linked at evenly spread elements."""
    ids = _ids("C", size)
    elements = pd.DataFrame({"id": ids, "level": level, "name": "วงวน " + ids,
                             "parents": np.roll(ids.to_numpy(), -1)})
    at = np.linspace(0, size - 1, num=min(projects, size)).astype(int)
    return _write(folder, elements, _projects(ids.iloc[at].reset_index(drop=True)))


def wide_bundle(folder: Path, size: int, level: str = "master_plan") -> Path:
    """A strategy with ``size`` elements directly below it and one project on each."""
    ids = _ids("W", size, start=1)
    elements = pd.DataFrame({"id": ["W000000", *ids], "level": ["strategy", *[level] * size],
                             "name": ["กว้าง W000000", *("กว้าง " + ids)], "parents": ["", *["W000000"] * size]})
    return _write(folder, elements, _projects(ids))
