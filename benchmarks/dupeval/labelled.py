"""A labelled GK301 evaluation bundle: duplicates by paraphrase kind, hard negatives, junk, filler.

Every labelled case is two projects that meet GK301's preconditions for a real duplicate (the
contract: projects of two different ministries, the same sub-target reached, overlapping places,
the same fiscal year), so a positive is truly one and a negative differs only in its labelled
way (a "place" or "year" negative differs there, on purpose). Each case reaches a sub-target of
its own, so cases cannot meet each other; the filler (thousands of projects from the same word
list, in other sub-targets) is there so that word rarity (IDF) is measured over a realistic
bundle. ``labels.json`` records every case.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from .titles import NEGATIVE, POSITIVE, Slots, objective, random_slots, render
from .words import Words, load_words

YEARS = (2566, 2567, 2568)
# Titles that are no work at all: a spreadsheet formula, nothing once โครงการ and the year
# phrase are gone, a single generic word. Each is given to two projects that meet every other
# precondition, and must never be grouped.
JUNK = {
    "formula": ("=SUM(1)", "=A1+B1", "#REF!", "=HYPERLINK(\"x\")"),
    "empty": ("โครงการ", "-", "โครงการ ประจำปีงบ พ.ศ. 2568", "...", "โครงการ (โครงการต่อเนื่อง)"),
    "generic_word": ("ส่งเสริม", "โครงการพัฒนา", "อบรม", "โครงการสนับสนุน", "ปรับปรุง"),
}


@dataclass(frozen=True)
class Case:
    """One labelled pair: ``polarity`` is positive, negative or junk; ``kind`` its kind."""

    a: str
    b: str
    polarity: str
    kind: str
    detail: str = ""


def agencies(w: Words) -> pd.DataFrame:
    """Each ministry and three departments of it (ids ``มท``, ``มท01``…)."""
    rows = []
    for mid, name in w.ministries:
        rows.append({"id": mid, "name": name, "ministry": "", "kind": "ministry"})
        rows += [{"id": f"{mid}0{i}", "name": f"{name} หน่วยงานที่ {i}", "ministry": mid, "kind": "department"}
                 for i in range(1, 4)]
    return pd.DataFrame(rows)


def elements(targets: int) -> pd.DataFrame:
    """One strategy, master plan and sub-plan above ``targets`` sub-targets ``ST0001``…"""
    head = [{"id": "S1", "level": "strategy", "name": "ยุทธศาสตร์ทดสอบ", "parents": ""},
            {"id": "MP1", "level": "master_plan", "name": "แผนแม่บททดสอบ", "parents": "S1"},
            {"id": "SP1", "level": "sub_plan", "name": "แผนย่อยทดสอบ", "parents": "MP1"}]
    body = [{"id": f"ST{i:04d}", "level": "sub_target", "name": f"เป้าหมายแผนย่อยที่ {i}", "parents": "SP1"}
            for i in range(1, targets + 1)]
    return pd.DataFrame(head + body)


class _Projects:
    """Collects project rows; ids ``E-000001``…, two agencies of different ministries per case."""

    def __init__(self, rng: np.random.Generator, w: Words) -> None:
        self.rng, self.w, self.rows = rng, w, []
        self.ministries = [m for m, _ in w.ministries]

    def agency_pair(self) -> tuple[str, str]:
        a, b = self.rng.choice(len(self.ministries), 2, replace=False)
        return (f"{self.ministries[a]}0{self.rng.integers(1, 4)}", f"{self.ministries[b]}0{self.rng.integers(1, 4)}")

    def add(self, name: str, obj: str, agency: str, year: int, province: str, target: str) -> str:
        pid = f"E-{len(self.rows) + 1:06d}"
        budget = int(self.rng.integers(2, 400)) * 50_000
        self.rows.append({"id": pid, "name": name, "agency": agency, "fiscal_year": year, "budget": budget,
                          "provinces": province, "objective": obj, "links": target})
        return pid


def generate(outdir: Path, per_kind: int = 60, negatives: int = 40, filler: int = 4000, seed: int = 0) -> dict:
    """Write the bundle and ``labels.json`` into ``outdir``; returns the labels.

    ``per_kind`` positive pairs per paraphrase kind, ``negatives`` per hard-negative kind, every
    junk title twice, ``filler`` unlabelled projects over 300 sub-targets of their own.
    """
    w = load_words()
    rng = np.random.default_rng(seed)
    out = _Projects(rng, w)
    cases: list[Case] = []
    slots: dict[str, dict] = {}
    n_cases = per_kind * len(POSITIVE) + negatives * len(NEGATIVE) + sum(map(len, JUNK.values()))
    target_no = iter(range(1, n_cases + 1))

    def pair(a: Slots, b: Slots, polarity: str, kind: str) -> None:
        st = f"ST{next(target_no):04d}"
        ag_a, ag_b = out.agency_pair()
        ids = [out.add(render(s, w), objective(s, w), ag, s.year, w.provinces[s.province].code, st)
               for s, ag in ((a, ag_a), (b, ag_b))]
        slots[ids[0]], slots[ids[1]] = asdict(a), asdict(b)
        cases.append(Case(ids[0], ids[1], polarity, kind))

    for polarity, kinds, count in (("positive", POSITIVE, per_kind), ("negative", NEGATIVE, negatives)):
        for kind, how in kinds.items():
            for _ in range(count):
                a = random_slots(rng, w, int(rng.choice(YEARS)), int(rng.integers(len(w.provinces))), how.need)
                pair(a, how.change(a, rng, w), polarity, kind)
    for kind, titles in JUNK.items():
        for title in titles:
            st = f"ST{next(target_no):04d}"
            ag_a, ag_b = out.agency_pair()
            prov = w.provinces[rng.integers(len(w.provinces))].code
            ids = [out.add(title, "", ag, 2568, prov, st) for ag in (ag_a, ag_b)]
            cases.append(Case(ids[0], ids[1], "junk", kind, title))

    first_filler = n_cases + 1
    for _ in range(filler):
        s = random_slots(rng, w, int(rng.choice(YEARS)), int(rng.integers(len(w.provinces))))
        ag = out.agency_pair()[0]
        out.add(render(s, w), objective(s, w), ag, s.year, w.provinces[s.province].code,
                f"ST{first_filler + int(rng.integers(300)):04d}")

    outdir.mkdir(parents=True, exist_ok=True)
    _write(elements(n_cases + 300), outdir / "elements.csv")
    _write(agencies(w), outdir / "agencies.csv")
    _write(pd.DataFrame(out.rows), outdir / "projects.csv")
    labels = {"seed": seed, "cases": [asdict(c) for c in cases], "slots": slots}
    (outdir / "labels.json").write_text(json.dumps(labels, ensure_ascii=False, indent=1), encoding="utf-8")
    return labels


def _write(df: pd.DataFrame, path: Path) -> None:
    df.to_csv(path, index=False, encoding="utf-8")
