"""The Cypher shipped in ``cypher/`` (installed as ``graphkpi.cypher``), read by name."""

from __future__ import annotations

from functools import cache
from importlib import resources

INCLUDE = "// include: "


@cache
def text(name: str) -> str:
    """The text of ``cypher/<name>.cypher`` (``name`` like ``checks/GK201``).

    A line ``// include: fragments/x`` is replaced by that fragment (its own comments dropped),
    so a subquery several checks share is written once.
    """
    raw = resources.files("graphkpi.cypher").joinpath(f"{name}.cypher").read_text("utf-8")
    out = []
    for line in raw.splitlines():
        stripped = line.strip()
        if stripped.startswith(INCLUDE):
            body = text(stripped[len(INCLUDE):].strip())
            out.extend(x for x in body.splitlines() if not x.lstrip().startswith("//"))
        else:
            out.append(line)
    return "\n".join(out) + "\n"


def query(name: str) -> str:
    """The query text, for ``tx.run`` (values always travel as parameters)."""
    return text(name)


def statements(name: str) -> list[str]:
    """A schema file's statements (separated by ``;``), comments dropped."""
    body = "\n".join(line for line in text(name).splitlines() if not line.lstrip().startswith("//"))
    return [s.strip() for s in body.split(";") if s.strip()]


def has(name: str) -> bool:
    return resources.files("graphkpi.cypher").joinpath(f"{name}.cypher").is_file()
