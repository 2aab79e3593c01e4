"""GK301 machinery: Thai title normalisation, n-gram sets, the exact similarity join, slots,
the ``duplicates`` command, and the labelled evaluation generator."""

from __future__ import annotations

import csv
import io
import itertools
import json
import random
import subprocess
import sys
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from click.testing import CliRunner

from graphkpi.checks.duplicates import MIN_SIMILARITY, idf, tight_groups
from graphkpi.cli import main
from graphkpi.text import simjoin
from graphkpi.text.grams import TokenSets, char_ngram_sets, take
from graphkpi.text.normalise import normalise_titles
from graphkpi.text.simjoin import WILDCARD, Memberships, _row_scales, _weight_from, jaccard, similarity_join
from graphkpi.text.slots import activities, beneficiaries, conflicts, institutions, target_groups, villages
from graphkpi.text.words import word_sets
from tests.conftest import FIXTURES, SAMPLE, load_yaml, write_bundle

FIXTURE = load_yaml(FIXTURES / "checks" / "GK301.yaml")


@pytest.mark.parametrize(("raw", "want"), [
    ("โครงการฝึกอบรมอาชีพผู้สูงอายุบ้านป่าแดง จังหวัดระยอง ประจำปีงบประมาณ พ.ศ. 2568", "ฝึกอบรมอาชีพผู้สูงอายุบ้านป่าแดง"),
    ("ฝึกอบรมอาชีพ ผู้สูงวัย บ้านป่าแดง จ.ระยอง ปีงบประมาณ ๒๕๖๘", "ฝึกอบรมอาชีพ ผู้สูงอายุ บ้านป่าแดง"),
    ("(โครงการ) ส่งเสริม ม.3 ต.บ้านกลาง อ.เมือง กทม. (ปีงบ 68)", "ส่งเสริม หมู่ที่3 ตำบลบ้านกลาง อำเภอเมือง"),
    ("ทำนุบำรุงศาสนสถาน", "ทำนุบำรุงศาสนสถาน"),            # ํา (two code points) is ำ
    ("เผยแพร่ความรู้ ประจำปี 2567", "เผยแพร่ความรู้"),           # แพร่ inside a word is not Phrae
    ("Project Smart Farm 2024", "smart farm"),
    ("", ""),
])
def test_normalise_titles(raw: str, want: str) -> None:
    assert normalise_titles(pd.Series([raw])).iloc[0] == want


def test_word_sets_segment_thai_and_ignore_spacing() -> None:
    sets = word_sets(["ฝึกอบรมอาชีพ ผู้สูงอายุ", "ฝึกอบรมอาชีพผู้สูงอายุ", "", "อาชีพ อาชีพ"])
    assert list(sets.sizes) == [3, 3, 0, 1]
    assert set(sets.of(0).tolist()) == set(sets.of(1).tolist())


def test_ngram_sets_rank_rarest_first_and_skip_empty_texts() -> None:
    sets = char_ngram_sets(["กขค", "กขค", "กขง", ""], 3)
    assert list(sets.sizes) == [5, 5, 5, 0]
    df = np.bincount(sets.tokens)
    assert (np.diff(df[sets.of(0)]) >= 0).all()    # within a record: rarer tokens first


def test_take_spreads_distinct_sets_and_idf_counts_their_carriers() -> None:
    """Sets built once per distinct text and spread to records are the records' own sets, and
    the IDF weighed by how many records carry each distinct set is the records' IDF."""
    texts = ["กขคง", "กขคง", "กขจฉ", "", "กขคง", "ขคงจ"]
    which, distinct = pd.factorize(pd.Series(texts))
    spread = take(char_ngram_sets(list(distinct), 3), which)
    own = char_ngram_sets(texts, 3)
    assert list(spread.sizes) == list(own.sizes)
    a, b = np.array([0, 0, 2, 3]), np.array([1, 2, 5, 4])
    assert np.allclose(jaccard(spread, a, b), jaccard(own, a, b))
    once = char_ngram_sets(list(distinct), 3)
    weighed = idf(once, np.bincount(which))
    assert np.allclose(jaccard(once, which[a], which[b], weighed), jaccard(own, a, b, idf(own)))
    assert not np.allclose(idf(once), weighed)      # the near miss: distinct sets counted once


def _random_case(seed: int) -> tuple:
    rnd = random.Random(seed)
    texts = []
    for _ in range(150):
        base = "".join(rnd.choice("กขคงจฉ") for _ in range(rnd.randint(0, 12)))
        texts.append(base)
        if base and rnd.random() < 0.5:
            chars = list(base)
            chars[rnd.randrange(len(chars))] = rnd.choice("กขคงจฉ")
            texts.append("".join(chars))
    which, distinct = pd.factorize(pd.Series(texts, dtype=object))
    sets = take(char_ngram_sets(list(distinct), 3), which) if seed % 2 else char_ngram_sets(texts, 3)
    rec, blk, plc, where = [], [], [], {}
    for r in range(len(texts)):
        for b in rnd.sample(range(3), rnd.randint(1, 2)):
            places = [WILDCARD] if rnd.random() < 0.2 else rnd.sample(range(4), rnd.randint(1, 2))
            for p in places:
                rec.append(r), blk.append(b), plc.append(p)
                where.setdefault(r, set()).add((b, p))
    label = np.array([rnd.randrange(3) for _ in texts])
    return sets, Memberships(np.array(rec), np.array(blk), np.array(plc)), where, label


@pytest.mark.parametrize("seed", [1, 2])
@pytest.mark.parametrize("weighted", [False, True])
@pytest.mark.parametrize("threshold", [0.3, 0.5, 0.8, 1.0])
@pytest.mark.parametrize("batch", [None, 7])
def test_join_equals_brute_force(seed: int, weighted: bool, threshold: float, batch: int | None,
                                 monkeypatch: pytest.MonkeyPatch) -> None:
    """The prefix filter and the per-block product miss nothing and add nothing; nor do they
    when the blocks are indexed a few at a time (``batch``: 7 prefix entries a batch, each block
    then a batch of its own, as a national bundle's are 4·10⁶)."""
    if batch is not None:
        monkeypatch.setattr(simjoin, "_BATCH", batch)
    sets, members, where, label = _random_case(seed)
    weights = idf(sets) if weighted else None
    got = similarity_join(sets, members, threshold, distinct=label, weights=weights)
    w = np.ones(int(sets.tokens.max()) + 1) if weights is None else weights
    want = set()
    toks = [set(sets.of(i).tolist()) for i in range(len(sets))]
    for a, b in itertools.combinations(range(len(sets)), 2):
        if label[a] == label[b] or not toks[a] or not toks[b]:
            continue
        if not any(x == y and (p == q or WILDCARD in (p, q)) for x, p in where[a] for y, q in where[b]):
            continue
        inter, union = w[list(toks[a] & toks[b])].sum(), w[list(toks[a] | toks[b])].sum()
        if inter / union >= threshold - 1e-9:
            want.add((a, b))
    assert set(zip(got.a.tolist(), got.b.tolist(), strict=True)) == want
    assert np.allclose(got.score, jaccard(sets, got.a, got.b, weights))
    assert got.compared < len(sets) * (len(sets) - 1) // 2
    # The same join over each distinct set once, records pointing at theirs: the same pairs.
    number: dict[tuple[int, ...], int] = {}
    which = np.array([number.setdefault(tuple(sorted(t)), len(number)) for t in toks])
    firsts = np.array([np.flatnonzero(which == k)[0] for k in range(len(number))])
    assert len(number) < len(toks)                   # some records do share a set
    once = take(sets, firsts)
    shared = similarity_join(once, members, threshold, distinct=label, weights=weights, which=which)
    assert (shared.a.tolist(), shared.b.tolist()) == (got.a.tolist(), got.b.tolist())
    assert np.allclose(shared.score, got.score)


@pytest.mark.parametrize("threshold", [0.3, 0.42, 0.8, 1.0])
def test_wildcard_rows_scale_by_a_power_of_two_that_halves_at_worst(threshold: float) -> None:
    """A wildcard row times 2^k puts the least shared weight a match needs, (t − ε)·w(x), in
    [1/2, 1): so ``entry ≥ 1/2`` keeps every match; and the scaling is exact (ldexp back gives
    the same sum). Near-miss: an empty set gets no scale (it matches nothing)."""
    total = np.r_[np.random.default_rng(3).uniform(0.01, 200.0, 10_000), 1.0, 2.0 ** 20, 0.0]
    k = _row_scales(total, threshold)
    least = np.ldexp((threshold - 1e-9) * total[:-1], k[:-1])
    assert ((least >= 0.5) & (least < 1.0)).all()
    assert k[-1] == 0
    w = np.random.default_rng(4).uniform(1.0, 12.0, (100, 7))
    assert np.array_equal(np.ldexp(np.ldexp(w, 5).sum(axis=1), -5), w.sum(axis=1))


def test_weight_from_each_token_is_never_below_the_exact_sum() -> None:
    """The weighted positional filter's bound: from each token to its set's end, never below the
    exact sum (else a qualifying pair could be dropped), above it by at most a unit per token.
    Many sets, so a float running sum over all of them would have drifted. Near-miss: the
    first token of a set carries the whole set's weight."""
    import math

    rng = np.random.default_rng(7)
    sizes = rng.integers(0, 12, 30_000)
    sets = TokenSets(np.r_[0, np.cumsum(sizes)], np.concatenate([np.sort(rng.choice(5_000, n, replace=False))
                                                                 for n in sizes]))
    weights = rng.uniform(1.0, 14.0, 5_000)
    got = _weight_from(sets, weights)
    for r in rng.choice(len(sizes), 300, replace=False).tolist():
        w = weights[sets.of(r)].tolist()
        exact = [math.fsum(w[i:]) for i in range(len(w))]
        mine = got[sets.indptr[r]: sets.indptr[r + 1]].tolist()
        for i, (m, e) in enumerate(zip(mine, exact, strict=True)):
            assert e <= m <= e + (len(w) - i) * 2.0 ** -20
        if w:
            assert mine[0] >= math.fsum(w)


def test_slots() -> None:
    assert target_groups("ฝึกอบรมอาชีพผู้สูงวัย") == target_groups("อาชีพผู้สูงอายุ") == {"elderly"}
    assert villages("บ้านป่าแดง หมู่ที่ ๔ จังหวัดระยอง") == {"ป่าแดง", "#4"}
    assert villages("กองทุนหมู่บ้าน ส่งเสริมบ้านเรือน") == frozenset()
    assert conflicts(villages("บ้านป่าแดง"), villages("บ้านหนองบัว"))
    assert conflicts(villages("บ้านป่าแดง หมู่ที่ 4"), villages("บ้านป่าแดง หมู่ที่ 14"))
    assert not conflicts(villages("บ้านป่าแดง"), villages("บ้านป่าแดง หมู่ที่ 4"))    # one adds the number
    assert not conflicts(target_groups("อาชีพ"), target_groups("อาชีพเยาวชน"))          # one names nobody
    assert villages("บ้านเมืองพล") == {"เมืองพล"} and villages("พัฒนาบ้านเมือง") == frozenset()
    assert conflicts(activities("ฝึกอบรมการตลาด"), activities("รณรงค์การตลาด"))
    assert not conflicts(activities("อบรมและศึกษาดูงาน"), activities("ฝึกอบรม"))
    assert institutions("โรงเรียนวัดนาแก บ้านเมืองพล หมู่ 5") == {"โรงเรียน:วัดนาแก"}
    assert beneficiaries("อบรมสำหรับผู้นำชุมชน บ้านดอนตาล") == {"for:ผู้นำชุมชน"}
    assert beneficiaries("อบรมแก่ผู้สูงวัยอย่างยั่งยืน") == beneficiaries("อบรมสำหรับผู้สูงอายุ") == {"elderly"}
    assert beneficiaries("ส่งเสริมอาชีพจังหวัดขอนแก่น การจัดการของเสีย") == frozenset()    # not แก่, not ของ


@pytest.mark.parametrize("seed", range(6))
def test_tight_groups_every_two_members_match(seed: int) -> None:
    rng = np.random.default_rng(seed)
    n = 30
    a, b = np.triu_indices(n, 1)
    keep = rng.random(len(a)) < 0.15
    a, b = a[keep], b[keep]
    score = rng.random(len(a))
    group = tight_groups(a, b, score, n)
    edges = set(zip(a.tolist(), b.tolist(), strict=True))
    members: dict[int, set[int]] = {}
    for x, y, gid in zip(a.tolist(), b.tolist(), group.tolist(), strict=True):
        if gid >= 0:
            members.setdefault(gid, set()).update((x, y))
    seen: set[int] = set()
    for ids in members.values():
        assert all((x, y) in edges for x, y in itertools.combinations(sorted(ids), 2))   # complete
        assert not ids & seen                                                          # one group each
        seen |= ids
    assert (group[[(x, y) in edges for x, y in zip(a.tolist(), b.tolist(), strict=True)]] >= 0).any()


def test_tight_groups_keep_complete_components_and_break_chains() -> None:
    # 0-1-2 a chain (0 and 2 do not match); 3-4-5 a triangle.
    a, b = np.array([0, 1, 3, 3, 4]), np.array([1, 2, 4, 5, 5])
    group = tight_groups(a, b, np.array([0.9, 0.6, 0.7, 0.7, 0.7]), 6)
    assert group[0] >= 0 and group[1] == -1                         # the stronger pair of the chain
    assert len(set(group[2:].tolist())) == 1 and group[2] >= 0      # the triangle whole


def test_tight_groups_at_national_record_numbers() -> None:
    # Many components and record numbers near 10^6: component × record must not overflow.
    n = 1_000_000
    a = np.arange(0, n - 1, 2, dtype=np.int64)
    group = tight_groups(a, a + 1, np.ones(len(a)), n)
    assert (group >= 0).all() and len(np.unique(group)) == len(a)


def _fixture_bundle(tmp_path: Path, name: str) -> Path:
    case = next(c for c in FIXTURE["cases"] if c["name"] == name)
    return write_bundle(tmp_path / name, case["bundle"])


def test_duplicates_command_table_explain(tmp_path: Path) -> None:
    path = _fixture_bundle(tmp_path, "three_ministries_one_piece_of_work")
    res = CliRunner().invoke(main, ["duplicates", str(path), "--explain", "-q"])
    assert res.exit_code == 0, res.output
    assert "เหตุที่จับคู่" in res.output and "T1" in res.output and "TH-21, ทั่วประเทศ" in res.output
    assert "พื้นที่ทับกัน (ระยอง)" in res.output                 # where they overlap, by name: not the union
    assert "(ซ้ำซ้อน 0, ทับซ้อน 1)" in res.output                 # the summary counts each GAO label
    assert "P1 ↔ P3: 1.000" in res.output
    assert "ไม่นับคำทั่วไป: ให้" in res.output                    # the equivalence used for the pair
    assert "ฝึกอบรม" in res.output                              # shared words
    assert "2,600,000" in res.output                             # combined budget
    en = CliRunner().invoke(main, ["duplicates", str(path), "--explain", "--lang", "en", "-q"])
    assert "why: they reach T1" in en.output and "TH-21, national" in en.output
    assert "their places overlap (Rayong)" in en.output
    assert "groups: 1 (0 duplication, 1 overlap)" in en.output
    assert "generic words ignored: ให้" in en.output


def test_years_in_details_follow_years_option(tmp_path: Path) -> None:
    path = _fixture_bundle(tmp_path, "duplication_same_place_and_beneficiaries")
    for flag, year in (([], 2568), (["--years", "ce"], 2025)):
        out = CliRunner().invoke(main, ["check", str(path), "--select", "GK301", "--format", "json", "-q", *flag])
        assert json.loads(out.output)["findings"][0]["details"]["fiscal_year"] == year
        dup = CliRunner().invoke(main, ["duplicates", str(path), "--format", "json", "-q", *flag])
        assert json.loads(dup.output)["groups"][0]["details"]["fiscal_year"] == year


def test_duplicates_command_min_similarity(tmp_path: Path) -> None:
    path = _fixture_bundle(tmp_path, "below_a_stricter_threshold")      # titles 0.781 alike
    default = CliRunner().invoke(main, ["duplicates", str(path), "--format", "json", "-q"])
    assert [(g["subject"], g["related"]) for g in json.loads(default.output)["groups"]] == [("P1", ["P2"])]
    strict = CliRunner().invoke(main, ["duplicates", str(path), "--min-similarity", "0.9", "--format", "json", "-q"])
    assert json.loads(strict.output)["groups"] == []
    bad = CliRunner().invoke(main, ["duplicates", str(path), "--min-similarity", "0"])
    assert bad.exit_code == 2
    check = CliRunner().invoke(main, ["check", str(path), "--select", "GK3", "--min-similarity", "0.75",
                                      "--format", "json", "-q"])
    assert json.loads(check.output)["summary"]["GK301"] == 1


def test_duplicates_table_top_bounds_the_table_not_the_summary() -> None:
    res = CliRunner().invoke(main, ["duplicates", str(SAMPLE), "--top", "3", "-q"])
    assert res.exit_code == 0, res.output
    assert "แสดง 3 กลุ่มแรกจาก 10 กลุ่ม" in res.output and "\n4 " not in res.output
    assert "กลุ่มโครงการที่ซ้ำซ้อนหรือทับซ้อน 10 กลุ่ม" in res.output             # the summary counts all
    full = CliRunner().invoke(main, ["duplicates", str(SAMPLE), "--top", "0", "-q"])
    assert "แสดง" not in full.output and "\n10 " in full.output


def test_duplicates_sorted_by_budget_json_and_csv(tmp_path: Path) -> None:
    res = CliRunner().invoke(main, ["duplicates", str(SAMPLE), "--format", "json", "-q"])
    doc = json.loads(res.output)
    budgets = [g["details"]["budget"] for g in doc["groups"]]
    assert budgets == sorted(budgets, reverse=True) and len(budgets) >= 2
    assert doc["groups"][0]["projects"][0]["fiscal_year"] >= 2500      # shown as given (BE)
    rows = list(csv.DictReader(io.StringIO(CliRunner().invoke(
        main, ["duplicates", str(SAMPLE), "--format", "csv", "-q"]).output)))
    assert {r["group"] for r in rows} == {str(g["group"]) for g in doc["groups"]}


def test_duplicates_csv_neutralises_formulas(tmp_path: Path) -> None:
    case = next(c for c in FIXTURE["cases"] if c["name"] == "duplication_same_place_and_beneficiaries")
    files = dict(case["bundle"])
    files["projects.csv"] = files["projects.csv"].replace("P1,โครงการ", "P1,=HYPERLINK(1)โครงการ")
    out = CliRunner().invoke(main, ["duplicates", str(write_bundle(tmp_path / "b", files)), "--format", "csv", "-q",
                                    "--min-similarity", "0.3"])
    assert "'=HYPERLINK" in out.output


def test_duplicates_subprocess(tmp_path: Path) -> None:
    proc = subprocess.run([sys.executable, "-m", "graphkpi", "duplicates", str(SAMPLE), "--format", "json", "-q"],
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    assert {g["subject"] for g in json.loads(proc.stdout)["groups"]} >= {"P-000027", "P-000081"}


def test_evaluation_generator_labels(tmp_path: Path) -> None:
    from graphkpi.synth.dupeval import generate_duplicate_eval

    labels = generate_duplicate_eval(tmp_path, 600, 20, seed=5)
    projects = pd.read_csv(tmp_path / "projects.csv", dtype=str)
    ids = set(projects["id"])
    assert len(labels["groups"]) == 20 and all(len(g) >= 2 for g in labels["groups"])
    assert all(set(g) <= ids for g in labels["groups"])
    assert sum(len(v) for v in labels["negatives"].values()) == 20
    assert MIN_SIMILARITY > 0


def test_positional_filter_keeps_what_can_still_reach_the_threshold() -> None:
    """Two 10-token sets need 9 shared tokens for Jaccard 0.8: met on their first tokens they may
    still share 10; met on a's third token, at most 8 (the near miss)."""
    from graphkpi.text.simjoin import _positions_allow

    ten = np.array([10, 10])
    assert _positions_allow(ten, ten, np.array([0, 2]), np.array([0, 0]), 0.8).tolist() == [True, False]
    assert _positions_allow(ten, ten, np.array([1, 1]), np.array([1, 2]), 0.8).tolist() == [True, False]   # 9, 8
