"""Scoring GK301's findings against labelled pairs, whatever shape the findings take.

A finding's projects are its ``subject`` and ``related``; every two of them count as a reported
pair (a group of n reports n(n-1)/2 pairs, a pair finding reports one). That is what an auditor
reads from a group: each member is said to duplicate each other one.
"""

from __future__ import annotations

import itertools
from collections import Counter
from collections.abc import Iterable
from typing import Any


def reported_pairs(findings: Iterable[Any]) -> set[tuple[str, str]]:
    """Every two projects of one GK301 finding, as sorted id pairs."""
    out: set[tuple[str, str]] = set()
    for f in findings:
        if f.code == "GK301":
            out.update(itertools.combinations(sorted((f.subject, *f.related)), 2))
    return out


def score(cases: list[dict], pairs: set[tuple[str, str]]) -> dict:
    """Precision, recall overall and per kind; negatives and junk that were grouped.

    Precision counts as false every reported pair that is not a labelled positive and involves a
    labelled project (hard negatives, junk, and "stray" pairs between a labelled project and
    any other). Pairs among filler projects only are counted apart (``background_pairs``):
    nobody labelled them.
    """
    labelled = {c["a"] for c in cases} | {c["b"] for c in cases}
    by_pair = {tuple(sorted((c["a"], c["b"]))): c for c in cases}
    found: Counter[str] = Counter()
    total: Counter[str] = Counter()
    wrong: dict[str, list[dict]] = {}
    for key, c in by_pair.items():
        if c["polarity"] == "positive":
            total[c["kind"]] += 1
            found[c["kind"]] += key in pairs
        elif key in pairs:
            wrong.setdefault(f"{c['polarity']}:{c['kind']}", []).append(c)
    stray = sorted(p for p in pairs if p not in by_pair and (p[0] in labelled or p[1] in labelled))
    tp = sum(found.values())
    false = sum(map(len, wrong.values())) + len(stray)
    return {
        "precision": tp / max(tp + false, 1),
        "recall": tp / max(sum(total.values()), 1),
        "true_pairs": sum(total.values()),
        "found": tp,
        "per_kind": {k: {"pairs": total[k], "found": found[k], "recall": found[k] / total[k]} for k in total},
        "negatives_grouped": {k: len(v) for k, v in wrong.items() if k.startswith("negative:")},
        "junk_grouped": {k: len(v) for k, v in wrong.items() if k.startswith("junk:")},
        "wrongly_grouped": wrong,
        "stray_pairs": stray,
        "background_pairs": sum(1 for p in pairs if p[0] not in labelled and p[1] not in labelled),
    }
