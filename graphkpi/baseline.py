"""A baseline: the findings a team already knows, so that a CI job fails only on new ones.

A baseline is an earlier ``--format json`` output (the contract's findings document, which
``--write-baseline`` writes). A finding is known when its (code, subject, sorted related) is
in it; messages and details may change between runs without making it new. The findings of
``orphans --format json`` (rows with ``code`` and ``project``) and of ``duplicates`` (groups)
are read too, so an earlier output of those commands also serves.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from graphkpi.model import Finding
from graphkpi.suppress import ConfigError, ConfigProblem

Key = tuple[str, str, tuple[str, ...]]
LISTS = ("findings", "groups")      # lists of finding objects (check, chains; duplicates)
ROWS = "projects"                   # orphans: one row per project, ``code`` and ``project``


@dataclass(frozen=True)
class Baseline:
    path: Path
    keys: frozenset[Key]


def _bad(path: Path, reason: str) -> ConfigError:
    return ConfigError([ConfigProblem(str(path), "baseline_bad", (("reason", reason),))])


def read_baseline(path: Path) -> Baseline:
    """The finding keys of ``path``; ConfigError when it is not a graphkpi findings document."""
    try:
        doc = json.loads(path.read_text(encoding="utf-8-sig"))
    except FileNotFoundError:
        raise ConfigError([ConfigProblem(str(path), "baseline_not_found")]) from None
    except (OSError, UnicodeDecodeError, ValueError) as exc:
        raise _bad(path, str(exc)) from None
    if not isinstance(doc, dict) or "graphkpi" not in doc:
        raise _bad(path, "no graphkpi document")
    keys: set[Key] = set()
    found_list = False
    for name in (*LISTS, ROWS):
        items = doc.get(name)
        if items is None:
            continue
        if not isinstance(items, list):
            raise _bad(path, f"{name} is not a list")
        found_list = True
        subject_key = "project" if name == ROWS else "subject"
        for i, item in enumerate(items):
            keys.add(_key(path, name, i, item, subject_key))
    if not found_list:
        raise _bad(path, "no findings list")
    return Baseline(path, frozenset(keys))


def _key(path: Path, name: str, i: int, item: object, subject_key: str) -> Key:
    if not isinstance(item, dict):
        raise _bad(path, f"{name}[{i}] is not an object")
    code, subject, related = item.get("code"), item.get(subject_key), item.get("related", [])
    if not isinstance(code, str) or not isinstance(subject, str):
        raise _bad(path, f"{name}[{i}] has no code or {subject_key}")
    if not isinstance(related, list) or not all(isinstance(r, str) for r in related):
        raise _bad(path, f"{name}[{i}].related is not a list of ids")
    return (code, subject, tuple(sorted(related)))


def known(found: list[Finding], baseline: Baseline) -> tuple[list[Finding], int]:
    """The findings not in ``baseline``, and how many were (a set look-up each; ``related`` is
    already sorted in a Finding)."""
    keys = baseline.keys
    shown = [f for f in found if (f.code, f.subject, f.related) not in keys]
    return shown, len(found) - len(shown)
