"""docs/bundle-format.md cannot drift from the code: its generated tables are current, and each
file's column table names exactly the columns the loader reads, required where the loader
requires them."""

from __future__ import annotations

import re
import runpy
from pathlib import Path

import pytest

from graphkpi.load.schema import FILES, FileSpec

REPO = Path(__file__).resolve().parent.parent
SCRIPT = runpy.run_path(str(REPO / "scripts" / "make_bundle_doc.py"))
DOC = (REPO / "docs" / "bundle-format.md").read_text("utf-8")


def test_generated_tables_are_current() -> None:
    assert SCRIPT["render"](DOC) == DOC, "run python scripts/make_bundle_doc.py"


def _column_table(name: str) -> dict[str, bool]:
    """The first table under the file's heading: column -> required."""
    section = re.search(rf"^## {re.escape(name)}\b.*?$(.*?)(?=^## |\Z)", DOC, re.M | re.S)
    assert section, f"docs/bundle-format.md has no section for {name}"
    rows = re.findall(r"^\| `([^`]+)` \| (yes|no) \|", section.group(1), re.M)
    assert rows, f"no column table under {name}"
    return {column: flag == "yes" for column, flag in rows}


@pytest.mark.parametrize("spec", FILES.values(), ids=lambda s: s.name)
def test_each_file_documents_exactly_its_columns(spec: FileSpec) -> None:
    documented = _column_table(spec.name)
    assert set(documented) == set(spec.required) | set(spec.optional)
    assert {c for c, required in documented.items() if required} == set(spec.required)


def test_the_readme_links_the_reference() -> None:
    assert "docs/bundle-format.md" in (REPO / "README.md").read_text("utf-8")
