"""The wheel ships what the code reads at run time: profiles, reference data, the catalogue, Cypher."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

from graphkpi.backends.neo4j.queries import has
from graphkpi.backends.neo4j.stored import stored_codes
from graphkpi.checks import implementations
from graphkpi.messages.catalogue import FILES
from tests.conftest import REPO

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib


def test_every_package_folder_is_listed() -> None:
    listed = set(tomllib.loads((REPO / "pyproject.toml").read_text("utf-8"))["tool"]["setuptools"]["packages"])
    found = {".".join(p.parent.relative_to(REPO).parts) for p in (REPO / "graphkpi").rglob("__init__.py")}
    assert found - listed == set(), "add these to [tool.setuptools] packages"
    assert "graphkpi.cypher" in listed


def test_every_check_has_its_cypher() -> None:
    """On Neo4j each check is a Cypher file, or (GK0xx) stored at load and never both."""
    kept = stored_codes()
    assert kept and set(kept) <= set(implementations())
    assert [c for c in implementations() if has(f"checks/{c}") == (c in kept)] == []


def test_wheel_contents(tmp_path: Path) -> None:
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(tmp_path), str(REPO)],
                   check=True, timeout=600)
    wheel = next(tmp_path.glob("graphkpi-*.whl"))
    names = set(zipfile.ZipFile(wheel).namelist())
    root = REPO / "cypher"
    cypher = {f"graphkpi/cypher/{p.relative_to(root).as_posix()}" for p in root.rglob("*.cypher")}
    assert cypher <= names
    assert {f"graphkpi/messages/{name}.json" for name in FILES} <= names
    for must in ("graphkpi/profiles/th-xyz.toml", "graphkpi/reference/areas.csv",
                 "graphkpi/cypher/checks/GK201.cypher"):
        assert must in names
