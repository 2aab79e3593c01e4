"""Benchmark GK301 (duplicate projects): measured quality, exactness against all pairs, scale.

    python benchmarks/bench_duplicates.py quality          # labelled evaluation: P/R per method and threshold
    python benchmarks/bench_duplicates.py naive            # 10^4 projects: the join vs a naive all-pairs pass
    python benchmarks/bench_duplicates.py scale            # 10^5 and 10^6 projects: time, memory, pairs compared
    python benchmarks/bench_duplicates.py                  # all three

quality: a bundle from graphkpi.synth.dupeval (a generated background plus labelled true
groups and hard negatives). Precision is given twice: over pairs that involve a labelled
project, and over every reported pair (background pairs, which nobody planted, counted as
false). Recall is over the labelled true pairs.

scale: each size in its own subprocess (peak memory is that size's own); the bundle is
generated once into benchmarks/.data. Prints GK301's own time (everything from the loaded
graph to findings), the pairs whose similarity was computed next to n²/2, and the growth
ratio between sizes measured in the same run.
"""

from __future__ import annotations

import argparse
import itertools
import json
import resource
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
from benchdata import generated

DATA = Path(__file__).parent / ".data"


def _inputs(g: Any) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    targets = g.elements.index[g.elements["level"] == g.profile.target_level]
    projects = g.projects.reindex(columns=["fiscal_year", "budget", "name", "objective"])
    projects["ministry"] = g.project_ministry
    return projects, g.reach_pairs(targets), g.project_areas


def quality(args: argparse.Namespace) -> None:
    from graphkpi.checks.duplicates import MIN_SIMILARITY, Matching, duplicate_groups
    from graphkpi.load import load_bundle
    from graphkpi.synth.dupeval import generate_duplicate_eval
    from graphkpi.text.grams import char_ngram_sets

    folder = DATA / f"dupeval-{args.background}-{args.groups}-{args.seed}"
    if not (folder / "labels.json").exists():
        generate_duplicate_eval(folder, args.background, args.groups, args.seed)
    labels = json.loads((folder / "labels.json").read_text(encoding="utf-8"))
    labelled = {p for grp in labels["groups"] for p in grp} | {
        p for pairs in labels["negatives"].values() for pair in pairs for p in pair}
    true = {tuple(sorted(p)) for grp in labels["groups"] for p in itertools.combinations(grp, 2)}
    projects, reach, areas = _inputs(load_bundle(folder))

    methods = {
        "words, IDF, slots (shipped)": Matching(),
        "words, IDF, no slots": Matching(slots=False),
        "words, plain Jaccard, slots": Matching(weighted=False),
        "bigrams, IDF, slots": Matching(tokens=lambda t: char_ngram_sets(t, 2)),
        "trigrams, IDF, slots": Matching(tokens=lambda t: char_ngram_sets(t, 3)),
        "4-grams, IDF, slots": Matching(tokens=lambda t: char_ngram_sets(t, 4)),
    }
    n_neg = {k: len(v) for k, v in labels["negatives"].items()}
    print(f"labelled evaluation: {len(labels['groups'])} true groups ({len(true)} true pairs), "
          f"hard negatives {n_neg}, background {args.background} projects; shipped default "
          f"--min-similarity {MIN_SIMILARITY}")
    print(f"{'method':32} {'t':>5} {'P(lab)':>7} {'P(all)':>7} {'R':>6} {'F1(all)':>7} {'neg hit':>8} "
          f"{'bg pairs':>8} {'s':>6}")
    for name, how in methods.items():
        for t in args.thresholds:
            t0 = time.perf_counter()
            found = duplicate_groups(projects, reach, areas, t, how)
            took = time.perf_counter() - t0
            pred = {tuple(sorted(p)) for f in found for p in itertools.combinations((f.subject, *f.related), 2)}
            lab = {p for p in pred if p[0] in labelled or p[1] in labelled}
            tp = len(pred & true)
            p_lab, p_all, r = tp / max(len(lab), 1), tp / max(len(pred), 1), tp / len(true)
            f1 = 2 * p_all * r / max(p_all + r, 1e-9)
            neg = sum(tuple(sorted(x)) in pred for v in labels["negatives"].values() for x in v)
            print(f"{name:32} {t:5.2f} {p_lab:7.3f} {p_all:7.3f} {r:6.3f} {f1:7.3f} {neg:8d} "
                  f"{len(pred) - len(lab):8d} {took:6.1f}", flush=True)


def naive(args: argparse.Namespace) -> None:
    """The shipped join against a naive pass over all n²/2 pairs at the same threshold (the word
    join only: no objective or spelling lift, which add pairs the naive pass does not look for)."""
    from graphkpi.checks.duplicates import (
        MIN_SIMILARITY,
        Matching,
        _same_people_and_village,
        duplicate_groups,
        prepare,
        tight_groups,
    )
    from graphkpi.load import load_bundle
    from graphkpi.text.simjoin import _matrices, set_weights

    n, t = args.naive_size, MIN_SIMILARITY
    folder = generated("dup", n, args.seed)
    projects, reach, areas = _inputs(load_bundle(folder))
    t0 = time.perf_counter()
    words_only = Matching(objective=False, spelling=False)
    fast = duplicate_groups(projects, reach, areas, t, words_only)
    fast_s = time.perf_counter() - t0

    t0 = time.perf_counter()
    p = prepare(projects, reach, areas, words_only)
    weighted, binary = _matrices(p.sets, p.weights)
    total = set_weights(p.sets, p.weights)
    blocks = p.reach.groupby("project")["element"].agg(lambda s: set(zip(s, p.reach.loc[s.index, "fiscal_year"],
                                                                         strict=True)))
    where = p.places.groupby("project")["area"].agg(set)
    m = len(p.ids)
    hits_a, hits_b, hits_s, compared = [], [], [], 0
    for lo in range(0, m, 1000):                       # every pair: a dense block of rows at a time
        inter = (weighted[lo:lo + 1000] @ binary.T).toarray()
        score = inter / (total[lo:lo + 1000, None] + total[None, :] - inter + 1e-300)
        rows, cols = np.nonzero(score >= t - 1e-9)
        compared += inter.shape[0] * m
        keep = cols > rows + lo
        hits_a.append(rows[keep] + lo)
        hits_b.append(cols[keep])
        hits_s.append(score[rows[keep], cols[keep]])
    a, b, s = np.concatenate(hits_a), np.concatenate(hits_b), np.concatenate(hits_s)
    ok = []
    for x, y in zip(a.tolist(), b.tolist(), strict=True):
        px, py = p.ids[x], p.ids[y]
        wx, wy = where.get(px, set()), where.get(py, set())
        ok.append(p.ministry[x] != p.ministry[y] and bool(blocks[px] & blocks[py]) and bool(wx) and bool(wy)
                  and ("national" in wx or "national" in wy or bool(wx & wy)))
    ok_arr = np.array(ok, dtype=bool)
    a, b, s = a[ok_arr], b[ok_arr], s[ok_arr]
    keep = _same_people_and_village(p.rows, a, b)
    a, b, s = a[keep], b[keep], s[keep]
    label = tight_groups(a, b, s, m)
    slow: dict[int, set[str]] = {}
    for x, y, gid in zip(a.tolist(), b.tolist(), label.tolist(), strict=True):
        if gid >= 0:
            slow.setdefault(gid, set()).update({p.ids[x], p.ids[y]})
    naive_s = time.perf_counter() - t0
    got = {frozenset((f.subject, *f.related)) for f in fast}
    want = {frozenset(v) for v in slow.values()}
    print(f"naive check at {n:,} projects ({m:,} can meet), --min-similarity {t}: join {len(got)} groups in "
          f"{fast_s:.1f} s; all-pairs {len(want)} groups, {compared // 2:,} pairs in {naive_s:.1f} s; "
          f"same groups: {got == want}")
    if got != want:
        sys.exit(1)


def measure(n: int, seed: int) -> dict:
    from graphkpi.checks.duplicates import MIN_SIMILARITY, duplicate_groups
    from graphkpi.load import load_bundle

    folder = generated("dup", n, seed)
    t0 = time.perf_counter()
    g = load_bundle(folder)
    load = time.perf_counter() - t0
    t0 = time.perf_counter()
    projects, reach, areas = _inputs(g)
    stats: dict[str, float] = {}
    found = duplicate_groups(projects, reach, areas, MIN_SIMILARITY, stats=stats)
    took = time.perf_counter() - t0
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {"projects": n, "load_s": load, "gk301_s": took, "groups": len(found), "peak_mb": peak_mb, **stats}


def scale(args: argparse.Namespace) -> None:
    results = []
    for n in args.sizes:
        out = subprocess.run([sys.executable, __file__, "--one", str(n), "--seed", str(args.seed)],
                             capture_output=True, text=True, check=True)
        r = json.loads(out.stdout.strip().splitlines()[-1])
        results.append(r)
        half = r["projects"] * (r["projects"] - 1) / 2
        print(f"{r['projects']:>9,} projects: GK301 {r['gk301_s']:6.1f} s (load {r['load_s']:.1f} s), "
              f"peak {r['peak_mb'] / 1024:.1f} GB, {r['groups']:,} groups; pairs compared "
              f"{int(r['compared']):,} = {r['compared'] / half:.2e} of n²/2 ({half:.2e}); "
              f"{int(r['records']):,} projects could meet", flush=True)
    for a, b in itertools.pairwise(results):
        print(f"{b['projects'] / a['projects']:.0f}× the projects: GK301 time × {b['gk301_s'] / a['gk301_s']:.1f}, "
              f"pairs compared × {b['compared'] / max(a['compared'], 1):.1f}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("what", nargs="*", choices=["quality", "naive", "scale", []], default=[])
    ap.add_argument("--sizes", type=int, nargs="+", default=[100_000, 1_000_000])
    ap.add_argument("--naive-size", type=int, default=10_000)
    ap.add_argument("--background", type=int, default=20_000)
    ap.add_argument("--groups", type=int, default=1_000)
    ap.add_argument("--thresholds", type=float, nargs="+", default=[0.45, 0.5, 0.52, 0.55, 0.6])
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--one", type=int, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.one:
        print(json.dumps(measure(args.one, args.seed)))
        return
    for what in args.what or ["quality", "naive", "scale"]:
        {"quality": quality, "naive": naive, "scale": scale}[what](args)


if __name__ == "__main__":
    main()
