"""A labelled bundle for measuring GK301 (duplicate projects): precision and recall.

A national-style bundle from :func:`generate_bundle` (with nothing planted as a duplicate)
is the background. On top of it come labelled groups: one piece of work written up by a
first ministry and reworded by one or two others as they would write it (synonyms, added
or dropped words, reordered phrases, abbreviations, year suffixes), and hard negatives
that must *not* be reported: the same work by another agency of the same ministry, in
another year, in another province, or the same activity for another target group or in
another village. ``labels.json`` lists the true groups and each negative pair by kind.
"""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import numpy as np
import pandas as pd

from graphkpi.synth.generate import Scale, generate_bundle
from graphkpi.synth.vocab import VILLAGES

# Village names as written after บ้าน (บ้านไร่ is the village ไร่, not บ้านบ้านไร่).
_NAMES = sorted({v.removeprefix("บ้าน") for v in VILLAGES})
# Phrases real titles add freely; the background carries them at these rates so that their
# weight (IDF) is as low as it would be in real data.
BOILERPLATE = [(" แบบมีส่วนร่วม", 0.08), (" (ต่อเนื่อง)", 0.06), (" ระยะที่ 2", 0.04), (" และพื้นที่ใกล้เคียง", 0.04)]

# Activity templates: {who} is the target group, {v} the village.
ACTIVITIES = [
    "ฝึกอบรมอาชีพ{who}บ้าน{v}", "ส่งเสริมการปลูกผักปลอดสารพิษของ{who}บ้าน{v}",
    "พัฒนาทักษะดิจิทัลให้{who}บ้าน{v}", "จัดตั้งกลุ่มออมทรัพย์{who}บ้าน{v}",
    "ส่งเสริมสุขภาพ{who}บ้าน{v}", "ฝึกอบรมการแปรรูปผลผลิตเกษตรของ{who}บ้าน{v}",
    "สร้างอาชีพเสริมให้{who}บ้าน{v}", "พัฒนาศักยภาพการตลาดออนไลน์ของ{who}บ้าน{v}",
    "อบรมการป้องกันยาเสพติดให้{who}บ้าน{v}", "ส่งเสริมการออกกำลังกายของ{who}บ้าน{v}",
    "จัดหาอุปกรณ์การเรียนรู้ให้{who}บ้าน{v}", "ฟื้นฟูอาชีพ{who}ที่ได้รับผลกระทบจากอุทกภัยบ้าน{v}",
]
GROUPS = ["ผู้สูงอายุ", "เยาวชน", "สตรี", "คนพิการ", "เกษตรกร", "แรงงานนอกระบบ", "ผู้ว่างงาน", "นักเรียน"]
# What the work is for, naming the same people and place as the title.
GOALS = ["เพื่อให้{who}บ้าน{v}มีอาชีพและรายได้เพิ่มขึ้น", "เพื่อพัฒนาคุณภาพชีวิตของ{who}ในพื้นที่บ้าน{v}",
         "เพื่อให้{who}บ้าน{v}พึ่งพาตนเองได้", "เพื่อเพิ่มศักยภาพ{who}บ้าน{v}ให้เข้าถึงโอกาส"]
# How another ministry words the same thing.
SYNONYMS = {
    "ฝึกอบรม": ["อบรม", "จัดฝึกอบรม"], "อบรม": ["ฝึกอบรม"], "ส่งเสริม": ["สนับสนุน", "ส่งเสริมและสนับสนุน"],
    "พัฒนา": ["ยกระดับ", "เสริมสร้าง"], "ผู้สูงอายุ": ["ผู้สูงวัย"], "สตรี": ["กลุ่มสตรี"],
    "คนพิการ": ["ผู้พิการ"], "เยาวชน": ["เด็กและเยาวชน"], "ผักปลอดสารพิษ": ["ผักปลอดภัย"],
    "ทักษะดิจิทัล": ["ทักษะด้านดิจิทัล"], "ออนไลน์": ["ออนไลน์ (e-commerce)"], "จัดหา": ["สนับสนุน"],
}
ADDITIONS = [" และพื้นที่ใกล้เคียง", " หมู่ที่ {m}", " ระยะที่ 2", " แบบมีส่วนร่วม", " (ต่อเนื่อง)"]
YEAR_SUFFIXES = [" ประจำปีงบประมาณ พ.ศ. {y}", " ปีงบประมาณ {y}", " ประจำปีงบประมาณ {y}", ""]
THAI_DIGITS = str.maketrans("0123456789", "๐๑๒๓๔๕๖๗๘๙")


def generate_duplicate_eval(outdir: Path, background: int, groups: int, seed: int = 0) -> dict:
    """Write the bundle and ``labels.json`` to ``outdir``; return the labels."""
    outdir = Path(outdir)
    generate_bundle(outdir, background, seed=seed, scale=replace(Scale(), duplicate_rate=0.0, min_plants=0))
    rng = np.random.default_rng(seed + 1)
    elements = pd.read_csv(outdir / "elements.csv", dtype=str, keep_default_na=False)
    agencies = pd.read_csv(outdir / "agencies.csv", dtype=str, keep_default_na=False)
    projects = pd.read_csv(outdir / "projects.csv", dtype=str, keep_default_na=False)
    for phrase, rate in BOILERPLATE:
        some = rng.random(len(projects)) < rate
        projects.loc[some, "name"] = projects.loc[some, "name"] + phrase
    targets = elements.loc[elements["level"] == "sub_target", "id"].tolist()
    depts = agencies[agencies["ministry"] != ""]
    by_ministry = {m: part["id"].tolist() for m, part in depts.groupby("ministry") if len(part) >= 2}
    ministries = sorted(by_ministry)
    provinces = sorted({p for cell in projects["provinces"] for p in cell.split(";") if p.startswith("TH-")})
    names = _province_names()
    rows: list[dict[str, str]] = []
    labels: dict = {"groups": [], "negatives": {k: [] for k in
                                                ("same_ministry", "other_year", "other_province",
                                                 "other_group", "other_village")}}
    next_id = 0

    def add(text: str, agency: str, year: int, prov: str, target: str, goal: str) -> str:
        nonlocal next_id
        next_id += 1
        pid = f"E-{next_id:06d}"
        rows.append({"id": pid, "name": text, "agency": agency, "fiscal_year": str(year),
                     "budget": f"{int(rng.integers(2, 60)) * 50_000:,}", "provinces": prov,
                     "objective": goal, "status": "", "links": target})
        return pid

    for k in range(groups):
        target = targets[int(rng.integers(len(targets)))]
        year = int(rng.integers(2566, 2569))
        prov = provinces[int(rng.integers(len(provinces)))]
        m = rng.choice(len(ministries), size=3, replace=False)
        ms = [ministries[i] for i in m]
        who = GROUPS[int(rng.integers(len(GROUPS)))]
        village = _NAMES[(k * 7 + int(rng.integers(len(_NAMES)))) % len(_NAMES)]
        activity = ACTIVITIES[int(rng.integers(len(ACTIVITIES)))]
        work = activity.format(who=who, v=village)
        goal_text = GOALS[int(rng.integers(len(GOALS)))]
        goal = goal_text.format(who=who, v=village)

        def title(text: str, y: int = year, p: str = prov) -> str:
            return _dress(text, y, names.get(p, ""), rng)

        first = add(title(work), _agency(by_ministry[ms[0]], rng), year, prov, target, goal)
        group = [first]
        for extra in range(1 + int(rng.random() < 0.3)):
            # Now and then a national copy (it overlaps every province), except where the
            # negative is "another province": that would make the negative a true match.
            place = "national" if rng.random() < 0.1 and k % 5 != 2 else prov
            group.append(add(title(_reword(work, rng), p=place), _agency(by_ministry[ms[1 + extra]], rng), year,
                             place, target, goal if rng.random() < 0.6 else _reword(goal, rng)))
        labels["groups"].append(group)
        kind = ("same_ministry", "other_year", "other_province", "other_group", "other_village")[k % 5]
        other_min, other_year, other_prov, text = ms[1], year, prov, _reword(work, rng)
        other_goal, base = goal, first
        if kind == "same_ministry":   # a separate piece of work that no other ministry does
            other_min = ms[2]
            solo = ACTIVITIES[(ACTIVITIES.index(activity) + 1) % len(ACTIVITIES)].format(who=who, v=village)
            base = add(title(solo), _agency(by_ministry[ms[2]], rng), year, prov, target, goal)
            text = _reword(solo, rng)
        elif kind == "other_year":
            other_year = year + 1
        elif kind == "other_province":
            other_prov = provinces[(provinces.index(prov) + 1 + int(rng.integers(len(provinces) - 1)))
                                   % len(provinces)]
        elif kind == "other_group":
            who2 = GROUPS[(GROUPS.index(who) + 1 + int(rng.integers(len(GROUPS) - 1))) % len(GROUPS)]
            text, other_goal = activity.format(who=who2, v=village), goal_text.format(who=who2, v=village)
        else:
            v2 = _NAMES[(_NAMES.index(village) + 1 + int(rng.integers(len(_NAMES) - 1))) % len(_NAMES)]
            text, other_goal = activity.format(who=who, v=v2), goal_text.format(who=who, v=v2)
        neg = add(title(text, other_year, other_prov), _agency(by_ministry[other_min], rng), other_year,
                  other_prov, target, other_goal)
        labels["negatives"][kind].append([base, neg])
    extra = pd.DataFrame(rows, columns=projects.columns)
    (pd.concat([projects, extra], ignore_index=True)
       .to_csv(outdir / "projects.csv", index=False, encoding="utf-8-sig", lineterminator="\n"))
    (outdir / "labels.json").write_text(json.dumps(labels, ensure_ascii=False, indent=1), encoding="utf-8")
    return labels


def _agency(ids: list[str], rng: np.random.Generator) -> str:
    return ids[int(rng.integers(len(ids)))]


def _province_names() -> dict[str, str]:
    from graphkpi import reference

    areas = reference.areas()
    return areas.loc[areas["level"] == "province", "name"].to_dict()


def _reword(work: str, rng: np.random.Generator) -> str:
    """One to three edits a second ministry makes when it writes up the same work."""
    text = work
    edits = rng.choice(4, size=int(rng.integers(1, 4)), replace=False)
    for e in edits:
        if e == 0:      # synonyms
            for word, alts in SYNONYMS.items():
                if word in text and rng.random() < 0.6:
                    text = text.replace(word, alts[int(rng.integers(len(alts)))], 1)
        elif e == 1:    # an added phrase
            text += ADDITIONS[int(rng.integers(len(ADDITIONS)))].format(m=int(rng.integers(1, 15)))
        elif e == 2:    # reordered: the village phrase first
            head, sep, village = text.rpartition(" บ้าน") if " บ้าน" in text else text.rpartition("บ้าน")
            text = f"บ้าน{village} {head}" if sep and head else text
        else:           # a dropped linking word
            for word in ("ของ", "ให้", "ที่"):
                text = text.replace(word, "", 1) if word in text else text
    return text


def _dress(text: str, year: int, province: str, rng: np.random.Generator) -> str:
    """The boilerplate around a title: โครงการ, the province (full or จ.), the year suffix."""
    prefix = "โครงการ" if rng.random() < 0.85 else ""
    place = ""
    if province:
        place = rng.choice([f" จังหวัด{province}", f" จ.{province}", ""])
    suffix = YEAR_SUFFIXES[int(rng.integers(len(YEAR_SUFFIXES)))].format(y=year)
    if rng.random() < 0.1:
        suffix = suffix.translate(THAI_DIGITS)
    return f"{prefix}{text}{place}{suffix}"
