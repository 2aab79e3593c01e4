"""Rewrite the generated parts of docs/bundle-format.md from the code they describe.

Run from anywhere: ``python scripts/make_bundle_doc.py``. The level grammar comes from the
default profile (``graphkpi/profiles/th-xyz.toml``), the Thai header names from the loader's
schema (``graphkpi/load/schema.py``), the value lists from ``graphkpi/model.py``
with the spellings of ``graphkpi/reference/values.csv``, and the finding codes from the message
catalogue (``graphkpi/messages/findings.json``); each is written between its markers, the
rest of the document is prose kept by hand. ``tests/test_bundle_doc.py`` fails when the
document differs from what this script writes, or when a file's column table names other
columns than the loader's schema (``graphkpi/load/schema.py``), so the reference cannot drift.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Callable
from pathlib import Path

from graphkpi import reference
from graphkpi.checks.registry import catalog
from graphkpi.load.schema import FILES
from graphkpi.model import VALUE_LISTS
from graphkpi.profile import PROJECT_LEVEL, Profile, load_profile

ROOT = Path(__file__).resolve().parent.parent
DOC = ROOT / "docs" / "bundle-format.md"


def _cell(text: str) -> str:
    return text.replace("|", "\\|")


def levels_table(profile: Profile) -> str:
    """The profile's levels, in its order, with the parents each may cascade into."""
    rows = ["| level | ไทย | English | symbol | area | may cascade into |", "|---|---|---|---|---|---|"]
    ordered = sorted(profile.levels.values(), key=lambda lv: lv.order)
    for lv in ordered:
        name = f"`{lv.name}`" + (" (root: Z)" if lv.name in profile.roots else "")
        parents = ", ".join(f"`{p}`" for p in sorted(lv.parents, key=lambda p: profile.levels[p].order)) or "—"
        rows.append(f"| {name} | {_cell(lv.label)} | {_cell(lv.label_en)} | {lv.symbol} | {lv.area or ''} "
                    f"| {parents} |")
    project_parents = sorted(profile.project_parents, key=lambda p: profile.levels[p].order)
    rows.append(f"| {PROJECT_LEVEL} (X, projects.csv `links`) | โครงการ | project | X | | "
                + ", ".join(f"`{p}`" for p in project_parents) + " |")
    return "\n".join(rows)


def codes_table() -> str:
    """Every finding code with its check name, severity, subject and title in both languages."""
    rows = ["| code | check | severity | subject | ไทย | English |", "|---|---|---|---|---|---|"]
    for code, doc in catalog().items():
        rows.append(f"| {code} | `{doc.name}` | {doc.severity.value} | {doc.subject_kind} "
                    f"| {_cell(doc.get('title', 'th'))} | {_cell(doc.get('title', 'en'))} |")
    return "\n".join(rows)


def values_table() -> str:
    """Each fixed value list (GK004) with the other spellings the loader reads as each value."""
    spellings = reference.value_spellings()
    rows = ["| file.column | value | also accepted |", "|---|---|---|"]
    for (file, column), values in VALUE_LISTS.items():
        mine = spellings[(spellings["file"] == file) & (spellings["column"] == column)]
        for i, value in enumerate(values):
            written = ", ".join(mine.loc[mine["value"] == value, "written"])
            rows.append(f"| {file.removesuffix('.csv') + '.' + column if i == 0 else ''} | `{value}` | {written} |")
    return "\n".join(rows)


def headers_table() -> str:
    """The Thai header names the loader reads as each column, file by file (``FileSpec.thai``)."""
    rows = ["| file | column | Thai headers accepted |", "|---|---|---|"]
    for spec in FILES.values():
        for i, column in enumerate(c for c in spec.columns if c in spec.thai):
            names = ", ".join(f"`{n}`" for n in spec.thai[column])
            rows.append(f"| {spec.name if i == 0 else ''} | `{column}` | {_cell(names)} |")
    return "\n".join(rows)


BLOCKS: dict[str, Callable[[], str]] = {
    "headers": headers_table,
    "values": values_table,
    "levels": lambda: levels_table(load_profile("th-xyz")),
    "codes": codes_table,
}


def render(text: str) -> str:
    """``text`` with every generated block rewritten."""
    for name, make in BLOCKS.items():
        start, end = f"<!-- {name}:start -->", f"<!-- {name}:end -->"
        pattern = re.compile(re.escape(start) + ".*?" + re.escape(end), re.S)
        if not pattern.search(text):
            raise SystemExit(f"{DOC}: the markers {start} … {end} are missing")
        block = f"{start}\n{make()}\n{end}"
        text = pattern.sub(lambda _m, b=block: b, text)
    return text


def main() -> None:
    new = render(DOC.read_text("utf-8"))
    DOC.write_text(new, "utf-8")
    print(f"wrote {DOC.relative_to(ROOT)}", file=sys.stderr)


if __name__ == "__main__":
    main()
