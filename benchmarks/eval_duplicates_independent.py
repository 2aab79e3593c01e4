"""GK301 on a labelled evaluation the matcher's authors did not write (benchmarks/dupeval).

    python benchmarks/eval_duplicates_independent.py            # a table
    python benchmarks/eval_duplicates_independent.py --json     # one JSON document

The bundle is generated from benchmarks/dupeval/words.toml (seeded; kept in benchmarks/.data)
and checked through the public way only: ``load_bundle`` then ``run_checks`` with GK301 at its
shipped defaults. Nothing here tunes the matcher. Prints precision and recall overall, recall
per paraphrase kind, hard negatives and junk titles that were grouped (each listed), and
pairs between a labelled project and anything else ("stray", counted as false too).
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

from dupeval.labelled import generate
from dupeval.score import reported_pairs, score

DATA = Path(__file__).parent / ".data"


def run(folder: Path) -> tuple[dict, dict, float]:
    """The labels, the score, and GK301's seconds on the bundle in ``folder``."""
    from graphkpi.checks import CheckOptions, run_checks
    from graphkpi.load import load_bundle

    labels = json.loads((folder / "labels.json").read_text(encoding="utf-8"))
    g = load_bundle(folder)
    t0 = time.perf_counter()
    findings = run_checks(g, CheckOptions(select=("GK301",)))
    took = time.perf_counter() - t0
    return labels, score(labels["cases"], reported_pairs(findings)), took


def _names(folder: Path) -> dict[str, str]:
    import pandas as pd

    pr = pd.read_csv(folder / "projects.csv", dtype=str, keep_default_na=False)
    return dict(zip(pr["id"], pr["name"], strict=True))


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--per-kind", type=int, default=60, help="positive pairs per paraphrase kind")
    ap.add_argument("--negatives", type=int, default=40, help="pairs per hard-negative kind")
    ap.add_argument("--filler", type=int, default=4000, help="unlabelled projects (for word rarity)")
    ap.add_argument("--json", action="store_true", help="one JSON document on stdout")
    args = ap.parse_args(argv)

    folder = DATA / f"dupeval-indep-{args.per_kind}-{args.negatives}-{args.filler}-{args.seed}"
    generate(folder, args.per_kind, args.negatives, args.filler, args.seed)   # seeded: same files each run
    labels, s, took = run(folder)
    if args.json:
        json.dump({"bundle": str(folder), "gk301_s": took, **s}, sys.stdout, ensure_ascii=False, indent=1)
        print()
        return
    names = _names(folder)
    n_neg = sum(c["polarity"] == "negative" for c in labels["cases"])
    n_junk = sum(c["polarity"] == "junk" for c in labels["cases"])
    print(f"independent GK301 evaluation ({folder.name}): {s['true_pairs']} true pairs, {n_neg} hard negatives, "
          f"{n_junk} junk pairs, {args.filler} filler projects; GK301 {took:.1f} s")
    print(f"precision {s['precision']:.3f}  recall {s['recall']:.3f}  ({s['found']}/{s['true_pairs']} found; "
          f"stray pairs {len(s['stray_pairs'])}; pairs among filler only {s['background_pairs']})")
    print(f"{'paraphrase kind':18} {'pairs':>5} {'found':>5} {'recall':>6}")
    for kind, k in s["per_kind"].items():
        print(f"{kind:18} {k['pairs']:5d} {k['found']:5d} {k['recall']:6.3f}")
    kinds = sorted({(c["polarity"], c["kind"]) for c in labels["cases"] if c["polarity"] != "positive"})
    print(f"{'never to group':24} {'pairs':>5} {'grouped':>7}")
    for pol, kind in kinds:
        n = sum(c["polarity"] == pol and c["kind"] == kind for c in labels["cases"])
        print(f"{pol + ':' + kind:24} {n:5d} {len(s['wrongly_grouped'].get(f'{pol}:{kind}', [])):7d}")
    for key, cases in s["wrongly_grouped"].items():
        for c in cases:
            print(f"  grouped {key}: {c['a']} «{names[c['a']]}» ~ {c['b']} «{names[c['b']]}»")
    for a, b in s["stray_pairs"]:
        print(f"  stray: {a} «{names[a]}» ~ {b} «{names[b]}»")


if __name__ == "__main__":
    main()
