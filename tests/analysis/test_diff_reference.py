"""graphkpi diff's comparison against a plain reference on small random bundle pairs.

The comparison works on integer codes (project rows matched once, one element vocabulary,
sorted keys); the reference here walks the same small bundles with Python sets and dicts, from
the values the test wrote, so a slip in the encoding (a project matched to the wrong row, an
element code shared by two ids, rows compared out of order) shows as a difference. Each pair
is an OLD bundle and a NEW one with projects removed, added, re-linked and edited, rows
shuffled, elements removed and replaced by new editions.
"""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from graphkpi.analysis.diff import ARROW, compare
from graphkpi.load import load_bundle
from tests.conftest import write_bundle

TOP = [("Z1", "strategy", ""), ("MP1", "master_plan", "Z1"), ("SP1", "sub_plan", "MP1"), ("SP2", "sub_plan", "MP1")]
TARGETS = [f"T{i}" for i in range(1, 7)]
FACTORS = [f"F{i}" for i in range(1, 5)]
AGENCIES = "id,name,ministry,kind\nM1,กระทรวงหนึ่ง,,ministry\nA1,กรมหนึ่ง,M1,department\nA2,กรมสอง,M1,department\n"


def _elements(rng: random.Random, revised: bool) -> tuple[dict[str, tuple[str, str]], dict[str, list[str]]]:
    """id → (level, parent), and the replaced_by lists. NEW (``revised``) drops a target or two and
    adds editions R1…R3 that replace some (one target may name two)."""
    els = {i: (lvl, p) for i, lvl, p in TOP}
    els |= {t: ("sub_target", rng.choice(["SP1", "SP2"])) for t in TARGETS}
    els |= {f: ("vc_factor", rng.choice(TARGETS)) for f in FACTORS}
    reps: dict[str, list[str]] = {}
    if revised:
        for i, old in enumerate(rng.sample(TARGETS, 3), start=1):
            els[f"R{i}"] = ("sub_target", els[old][1])
            reps[old] = [f"R{i}"] + (["R1"] if i > 1 and rng.random() < 0.4 else [])
        for gone in rng.sample([t for t in TARGETS if t not in reps], rng.randint(0, 2)):
            del els[gone]
    return els, reps


def _projects(rng: random.Random, ids: list[str], pool: list[str]) -> dict[str, dict]:
    return {p: {"name": rng.choice(["ถนน", "สะพาน", "โรงเรียน"]), "agency": rng.choice(["A1", "A2"]),
                "budget": rng.choice([100, 250, 1000]), "links": rng.sample(pool, rng.randint(0, 3))} for p in ids}


def _write(root: Path, els: dict, reps: dict, projects: dict, rng: random.Random) -> Path:
    el_rows = [f"{i},{lvl},ชื่อ {i},{p},{';'.join(reps.get(i, []))}" for i, (lvl, p) in els.items()]
    pr_rows = [f"{p},{v['name']},{v['agency']},2567,{v['budget']},{';'.join(v['links'])}" for p, v in projects.items()]
    rng.shuffle(el_rows)
    rng.shuffle(pr_rows)
    return write_bundle(root, {
        "elements.csv": "id,level,name,parents,replaced_by\n" + "\n".join(el_rows) + "\n",
        "agencies.csv": AGENCIES,
        "projects.csv": "id,name,agency,fiscal_year,budget,links\n" + "\n".join(pr_rows) + "\n"})


def random_pair(tmp_path: Path, seed: int) -> tuple[Path, Path, dict, dict]:
    """OLD and NEW bundles, and what each holds (elements, replacements, projects) for the reference."""
    rng = random.Random(seed)
    old_els, _ = _elements(rng, revised=False)
    new_els, reps = _elements(rng, revised=True)
    pool = [*TARGETS, *FACTORS, "SP1", "GHOST"]
    old_pr = _projects(rng, [f"P{i:02d}" for i in range(40)], pool)
    new_pr = {p: dict(v) for p, v in old_pr.items() if rng.random() > 0.1}            # some removed
    new_pr |= _projects(rng, [f"N{i:02d}" for i in range(5)], pool)                   # some added
    new_pool = [e for e in [*pool, "R1", "R2", "R3"] if e in new_els or e == "GHOST"]
    for p in rng.sample(sorted(new_pr), 15):                                           # some edited
        what = rng.choice(["links", "links", "replace", "budget", "name"])
        if what == "links":
            new_pr[p]["links"] = rng.sample(new_pool, rng.randint(0, 3))
        elif what == "replace":   # each link to a replaced target moved to its first replacement
            new_pr[p]["links"] = [reps[e][0] if e in reps else e for e in new_pr[p]["links"]]
        elif what == "budget":
            new_pr[p]["budget"] += 5
        else:
            new_pr[p]["name"] += " ระยะสอง"
    a = _write(tmp_path / "old", old_els, {}, old_pr, rng)
    b = _write(tmp_path / "new", new_els, reps, new_pr, rng)
    return a, b, {"els": old_els, "projects": old_pr}, {"els": new_els, "projects": new_pr, "reps": reps}


def _targets(els: dict, links: list[str]) -> list[str]:
    """The sub-targets a project's links reach, walking the parents that exist."""
    reached: set[str] = set()
    for e in links:
        while e in els:
            if els[e][0] == "sub_target":
                reached.add(e)
            e = els[e][1]
    return sorted(reached)


def reference_links(old: dict, new: dict) -> list[dict]:
    """Link changes of the projects in both: moves to a replacement first, then removed, then added."""
    reps = new["reps"]
    both = sorted(set(old["projects"]) & set(new["projects"]))
    removed = sorted((p, e) for p in both for e in set(old["projects"][p]["links"]) - set(new["projects"][p]["links"]))
    added = sorted((p, e) for p in both for e in set(new["projects"][p]["links"]) - set(old["projects"][p]["links"]))
    moved: list[tuple[str, str, str]] = []
    for p, e in removed:   # the first replacement the project now links to, each taken once
        r = next((r for r in reps.get(e, []) if (p, r) in added), None)
        if r is not None and (p, r) not in {(q, s) for q, _, s in moved}:
            moved.append((p, e, r))
    out = [{"kind": "link", "change": "changed", "id": p + ARROW + e, "fields": {"element": [e, r]}, "replaced": True}
           for p, e, r in moved]
    out += [{"kind": "link", "change": "removed", "id": p + ARROW + e, "fields": {}} for p, e in removed
            if (p, e) not in {(q, f) for q, f, _ in moved}]
    out += [{"kind": "link", "change": "added", "id": p + ARROW + e, "fields": {}} for p, e in added
            if (p, e) not in {(q, r) for q, _, r in moved}]
    return out


def reference_moves(old: dict, new: dict) -> list[dict]:
    """Projects in both whose reached sub-targets changed, both sides reaching some."""
    out = []
    for p in sorted(set(old["projects"]) & set(new["projects"])):
        before = _targets(old["els"], old["projects"][p]["links"])
        after = _targets(new["els"], new["projects"][p]["links"])
        if before and after and before != after:
            lost = set(before) - set(after)
            replaced = bool(lost) and all(set(new["reps"].get(e, [])) & (set(after) - set(before)) for e in lost)
            out.append({"kind": "link", "change": "changed", "id": p, "fields": {"sub_targets": [before, after]},
                        "moved": True, "replaced": replaced})
    return out


def reference_projects(old: dict, new: dict) -> list[tuple[str, str, tuple[str, ...]]]:
    """(change, id, changed columns) of the projects."""
    a, b = old["projects"], new["projects"]
    out = [("removed", p, ()) for p in sorted(set(a) - set(b))] + [("added", p, ()) for p in sorted(set(b) - set(a))]
    out += [("changed", p, tuple(c for c in ("name", "budget") if a[p][c] != b[p][c])) for p in sorted(set(a) & set(b))
            if a[p]["name"] != b[p]["name"] or a[p]["budget"] != b[p]["budget"]]
    return out


@pytest.mark.parametrize("seed", range(12))
def test_compare_agrees_with_the_reference(tmp_path: Path, seed: int) -> None:
    a, b, old, new = random_pair(tmp_path, seed)
    d = compare(load_bundle(a), load_bundle(b))
    links = [c for c in d.changes if c["kind"] == "link"]
    assert [c for c in links if not c.get("moved")] == reference_links(old, new)
    assert [c for c in links if c.get("moved")] == reference_moves(old, new)
    projects = [(c["change"], c["id"], tuple(c["fields"]) if c["change"] == "changed" else ())
                for c in d.changes if c["kind"] == "project"]
    assert projects == reference_projects(old, new)
    gone = {e for e in old["els"] if e not in new["els"]}
    assert {c["id"] for c in d.changes if c["kind"] == "element" and c["change"] == "removed"} == gone


def test_the_random_pairs_hold_every_case(tmp_path: Path) -> None:
    """Near miss guard: the seeds above do meet replaced links, replaced and plain moves, projects
    removed and added, and links to an unknown element (a reference that sees none proves nothing)."""
    seen: set[str] = set()
    for seed in range(12):
        _, _, old, new = random_pair(tmp_path / str(seed), seed)
        links, moves = reference_links(old, new), reference_moves(old, new)
        seen |= {"replaced link"} if any(c.get("replaced") for c in links) else set()
        seen |= {"replaced move"} if any(c["replaced"] for c in moves) else set()
        seen |= {"plain move"} if any(not c["replaced"] for c in moves) else set()
        seen |= {c for c, _, _ in reference_projects(old, new)}
        seen |= {"ghost"} if any(c["id"].endswith(ARROW + "GHOST") for c in links) else set()
    assert seen >= {"replaced link", "replaced move", "plain move", "removed", "added", "changed", "ghost"}
