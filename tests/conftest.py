"""Shared helpers: write a bundle from a dict of CSV texts, run the CLI, load fixtures."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

FIXTURES = Path(__file__).parent / "fixtures"
REPO = Path(__file__).resolve().parent.parent
SAMPLE = REPO / "data" / "sample"


def write_bundle(root: Path, files: dict[str, str | bytes]) -> Path:
    root.mkdir(parents=True, exist_ok=True)
    for name, content in files.items():
        path = root / name
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
    return root


def load_yaml(path: Path) -> dict:
    with open(path, encoding="utf-8") as fh:
        return yaml.safe_load(fh)


@pytest.fixture
def bundle(tmp_path: Path):
    """``bundle({...})`` writes the files into a fresh folder and returns its path."""
    counter = iter(range(1000))

    def make(files: dict[str, str | bytes]) -> Path:
        return write_bundle(tmp_path / f"b{next(counter)}", files)

    return make


MINIMAL = {
    "elements.csv": "id,level,name,parents\nZ1,strategy,ยุทธศาสตร์,\nMPX,master_plan,แผนแม่บท,Z1\n"
                    "SPX,sub_plan,แผนย่อย,MPX\nT1,sub_target,เป้าหมาย,SPX\n",
    "agencies.csv": "id,name,ministry,kind\nM1,กระทรวงหนึ่ง,,ministry\nA1,กรมหนึ่ง,M1,department\n",
    "projects.csv": "id,name,agency,fiscal_year,budget,links\nP1,โครงการหนึ่ง,A1,2567,\"1,000\",T1\n",
}
