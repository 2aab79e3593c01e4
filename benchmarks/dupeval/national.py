"""Rewrite a generated national-scale bundle's titles with the independent vocabulary.

graphkpi's generator writes titles from its own word list, which the matcher's authors know.
:func:`rewrite` keeps the generator's structure (elements, agencies, links, places, years,
budgets) and replaces every project's ``name`` and ``objective`` with titles of the shapes real
budget documents use: an activity and a topic (a few topics fill most budgets), a target group
in about half of them, sometimes a manner phrase, a named beneficiary, a village or a province,
a fiscal-year tail. With 10⁶ projects over a few hundred sub-targets, many titles are near
identical across ministries, as in real data, and none of those is a labelled duplicate.

Then it plants known pairs: for each, a project that links to exactly one sub-target (A) and
another (B) given A's links, fiscal year and province and an agency of another ministry (the
contract's preconditions for GK301), with titles from :mod:`dupeval.titles` that differ by one
paraphrase kind (positives) or one hard-negative slot (negatives). ``dupeval_planted.json``
lists them; ``dupeval_slots.npz`` records every project's topic, activity, target group and
village (-1 when the title names none), so a benchmark can count groups that mix them.

Row work is vectorised (numpy index arrays, pandas string concatenation); only the planted
pairs (hundreds) are built one by one.
"""

from __future__ import annotations

import hashlib
import json
import shutil
from dataclasses import asdict
from pathlib import Path

import numpy as np
import pandas as pd

from .titles import NEGATIVE, POSITIVE, objective, random_slots, render
from .words import WORDS_FILE, Words, load_words

COPIED = ("elements.csv", "agencies.csv", "leads.csv", "kpis.csv", "kpi_agencies.csv", "budget_lines.csv")
PLANTED_NEGATIVES = ("target_group", "village", "activity")   # the kinds that can meet in one block


def words_version() -> str:
    """A digest of the word list: a bundle written from another version is stale."""
    return hashlib.sha256(WORDS_FILE.read_bytes()).hexdigest()[:16]


def _read(path: Path) -> pd.DataFrame:
    return pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig")


def _arr(items: object) -> np.ndarray:
    """Words as a numpy object array: indexing and ``+`` then work on whole columns of text."""
    return np.array(items)


def _pick(rng: np.random.Generator, table: np.ndarray, n: int) -> np.ndarray:
    return table[rng.integers(len(table), size=n)]


def _province_names() -> dict[str, str]:
    from graphkpi.reference import areas  # the shipped ISO province table (not a matcher list)

    a = areas()
    return a.loc[a["level"] == "province", "name"].to_dict()


def background_titles(pr: pd.DataFrame, w: Words, rng: np.random.Generator) -> tuple[pd.Series, pd.Series, dict]:
    """Names and objectives for every row of ``pr``, and each row's slot indices."""
    n = len(pr)
    weights = np.array([t.weight for t in w.topics], dtype=float)
    topic = rng.choice(len(w.topics), size=n, p=weights / weights.sum())
    keys = [a.key for a in w.activities]
    options = np.full((len(w.topics), max(len(t.activities) for t in w.topics)), -1)
    for i, t in enumerate(w.topics):
        options[i, :len(t.activities)] = [keys.index(k) for k in t.activities]
    n_opts = (options >= 0).sum(axis=1)
    activity = options[topic, (rng.random(n) * n_opts[topic]).astype(int)]
    verbs = _arr([[a.words[0], a.words[1], a.expand[0], a.expand[1]] for a in w.activities])
    verb = verbs[activity, rng.choice(4, size=n, p=[0.72, 0.16, 0.08, 0.04])]
    spaced = [[(" " + x if x[0].isascii() else x) for x in (t.words[0], t.words[-1])] for t in w.topics]
    spellings = _arr(spaced)         # an English spelling is spaced off the Thai verb before it
    topic_word = spellings[topic, (rng.random(n) < 0.1).astype(int)]

    target = np.where(rng.random(n) < 0.5, rng.integers(len(w.targets), size=n), -1)
    preps = _arr([p[0] for p in w.target_preps])
    target_text = np.where(target >= 0, _pick(rng, preps, n) + _arr(w.targets)[target], "")
    modifier = np.where(rng.random(n) < 0.1, _pick(rng, _arr(w.modifiers), n), "")

    names = _arr(w.place_names)
    with_ben = rng.random(n) < 0.05
    ben = np.where(with_ben, " " + _pick(rng, _arr(w.institutions), n) + _pick(rng, names, n), "")
    prov_code = pr["provinces"].str.split(";").str[0].str.strip()
    prov_name = prov_code.map(_province_names()).fillna("").to_numpy(dtype=object)
    has_prov = prov_name != ""
    r = rng.random(n)
    village = np.where(has_prov & (r < 0.15), rng.integers(len(names), size=n), -1)
    moo = rng.integers(1, 21, size=n).astype(str).astype(object)
    village_text = (" บ้าน" + names[np.maximum(village, 0)] + " หมู่ " + moo + " ตำบล" + _pick(rng, names, n)
                    + " อำเภอ" + _pick(rng, names, n) + " จังหวัด" + prov_name)
    preps = _arr(["", *(p[0] for p in w.place_preps)])
    province_text = " " + _pick(rng, preps, n) + "จังหวัด" + prov_name
    place = np.where(village >= 0, village_text, np.where(has_prov & (r < 0.45), province_text, ""))
    tails = _arr([t for t in w.tails if "{year}" in t])
    tail_pick = _pick(rng, tails, n)
    year = pr["fiscal_year"].to_numpy(dtype=object)
    tail = np.where(rng.random(n) < 0.35,
                    pd.Series(tail_pick).str.split("{year}").str[0].to_numpy(dtype=object) + year, "")
    tail = np.where(tail != "", " " + tail, "")
    lead = np.where(rng.random(n) < 0.9, "โครงการ", "")

    name = pd.Series(lead + verb + topic_word + target_text + modifier + ben + place + tail, index=pr.index)
    who = np.where(target >= 0, _arr(w.targets)[np.maximum(target, 0)], w.everyone)
    outcome = _arr([t.outcome for t in w.topics])[topic]
    objective_text = pd.Series("เพื่อ" + verb + topic_word + " ให้" + who + outcome, index=pr.index)
    slots = {"topic": topic, "activity": activity, "target": target, "village": village}
    return name, objective_text, slots


def _ministries(agencies: pd.DataFrame) -> pd.Series:
    """Each agency's ministry (a ministry is its own)."""
    m = agencies["ministry"].where(agencies["ministry"] != "", agencies["id"])
    return pd.Series(m.to_numpy(), index=agencies["id"])


def plant(pr: pd.DataFrame, elements: pd.DataFrame, agencies: pd.DataFrame, slots: dict, w: Words,
          rng: np.random.Generator, per_kind: int, negatives: int) -> list[dict]:
    """Overwrite pairs of rows of ``pr`` (in place) with labelled pairs; returns their labels."""
    sub_targets = set(elements.loc[elements["level"] == "sub_target", "id"])
    links = pr["links"].str.strip()
    ministry = _ministries(agencies)
    # A links to exactly one sub-target and nothing else, and its agency exists
    single = (links.isin(sub_targets) & pr["agency"].isin(ministry.index)).to_numpy()
    by_ministry = ministry.groupby(ministry).groups
    kinds = [("positive", k, POSITIVE[k], per_kind) for k in POSITIVE]
    kinds += [("negative", k, NEGATIVE[k], negatives) for k in PLANTED_NEGATIVES]
    total = sum(c for *_, c in kinds)
    a_rows = rng.choice(np.flatnonzero(single), size=total, replace=False)
    rest = np.setdiff1d(np.arange(len(pr)), a_rows)
    b_rows = rng.choice(rest, size=total, replace=False)
    col = {c: pr.columns.get_loc(c) for c in ("name", "objective", "agency", "fiscal_year", "provinces", "links")}
    keys = [a.key for a in w.activities]
    labels, i = [], 0
    for polarity, kind, how, count in kinds:
        for _ in range(count):
            a, b = int(a_rows[i]), int(b_rows[i])
            i += 1
            prov = int(rng.integers(len(w.provinces)))
            year = int(pr.iat[a, col["fiscal_year"]])
            sa = random_slots(rng, w, year, prov, how.need)
            sb = how.change(sa, rng, w)
            other = [m for m in by_ministry if m != ministry[pr.iat[a, col["agency"]]]]
            pr.iat[b, col["agency"]] = rng.choice(list(by_ministry[other[rng.integers(len(other))]]))
            for row, s in ((a, sa), (b, sb)):
                pr.iat[row, col["name"]] = render(s, w)
                pr.iat[row, col["objective"]] = objective(s, w)
                pr.iat[row, col["provinces"]] = w.provinces[s.province].code
                pr.iat[row, col["fiscal_year"]] = str(s.year)
                pr.iat[row, col["links"]] = pr.iat[a, col["links"]]
                slots["topic"][row] = s.topic
                slots["activity"][row] = keys.index(s.activity)
                slots["target"][row] = w.targets.index(s.target) if s.target else -1
                slots["village"][row] = w.place_names.index(s.village) if s.village else -1
            labels.append({"a": pr.iat[a, 0], "b": pr.iat[b, 0], "polarity": polarity, "kind": kind,
                           "slots": [asdict(sa), asdict(sb)]})
    return labels


def rewrite(src: Path, dst: Path, seed: int = 0, per_kind: int = 40, negatives: int = 30) -> list[dict]:
    """Write ``dst``: ``src`` with independent titles and planted labelled pairs; returns the labels."""
    w = load_words()
    rng = np.random.default_rng(seed)
    pr = _read(src / "projects.csv")
    elements, agencies = _read(src / "elements.csv"), _read(src / "agencies.csv")
    name, obj, slots = background_titles(pr, w, rng)
    pr["name"], pr["objective"] = name, obj
    labels = plant(pr, elements, agencies, slots, w, rng, per_kind, negatives)
    tmp = dst.with_name(dst.name + ".partial")      # a half-written bundle is never left under dst's name
    shutil.rmtree(tmp, ignore_errors=True)
    tmp.mkdir(parents=True)
    for f in COPIED:
        if (src / f).exists():
            shutil.copy2(src / f, tmp / f)
    pr.to_csv(tmp / "projects.csv", index=False, encoding="utf-8")
    np.savez_compressed(tmp / "dupeval_slots.npz", ids=pr["id"].to_numpy(dtype=str), **slots)
    doc = {"source": src.name, "seed": seed, "words": words_version(), "cases": labels}
    (tmp / "dupeval_planted.json").write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    shutil.rmtree(dst, ignore_errors=True)
    tmp.rename(dst)
    return labels
