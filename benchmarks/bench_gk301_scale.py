"""GK301 at national scale on titles its authors did not write: time, memory, and whether the
groups mean anything.

    flock /work/bench.lock python benchmarks/bench_gk301_scale.py                 # 10^5 and 10^6
    flock /work/bench.lock python benchmarks/bench_gk301_scale.py --sizes 100000  # one size
    ... --vocabulary core                                                          # the generator's own titles
    ... --json                                                                     # one JSON line per size

Each size's bundle is the generator's ``core-N-SEED`` bundle (benchmarks/.data) with every
title and objective rewritten from benchmarks/dupeval/words.toml and labelled pairs planted
(``dupeval.national.rewrite``; written once to ``indep-N-SEED``). Each size is measured in its
own process (peak memory is that size's own, loading included). GK301 runs through the public
way (``load_bundle``, ``run_checks``) at its shipped defaults, with the memory setting every
command that loads a bundle makes (no transparent huge pages: ``graphkpi.memory``).

Prints GK301's seconds and the peak memory, the number of groups, the share of projects in some
group, the group-size distribution (median, 90th and 99th percentile, max, and how many groups
of two, three … six or more projects), the groups that
mix different target groups, activities or villages (from the slots each title was built
from), and recall of the planted pairs by kind with the planted hard negatives grouped.

The machine is shared: a measured process that grows past ``--max-gb`` (resident memory) or
runs longer than ``--max-s`` is stopped, and the size is reported as not finished with the
figures it reached.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
import pandas as pd
from benchdata import generated
from dupeval.national import rewrite, words_version
from dupeval.score import reported_pairs, score

DATA = Path(__file__).parent / ".data"


def bundle(n: int, seed: int) -> Path:
    """``indep-N-SEED``, rewritten from ``core-N-SEED`` unless an earlier run left it from the same
    word list."""
    folder = DATA / f"indep-{n}-{seed}"
    planted = folder / "dupeval_planted.json"
    if not planted.exists() or json.loads(planted.read_text(encoding="utf-8")).get("words") != words_version():
        rewrite(generated("core", n, seed), folder, seed)
    return folder


def group_table(findings: list) -> pd.DataFrame:
    """One row per (group, project) of the GK301 findings."""
    groups = [(i, p) for i, f in enumerate(findings) for p in (f.subject, *f.related)]
    return pd.DataFrame(groups, columns=["group", "project"])


def mixing(members: pd.DataFrame, slots: dict) -> dict[str, int]:
    """Groups whose titles name two or more different target groups, activities or villages."""
    ids = pd.Index(slots["ids"])
    rows = ids.get_indexer(members["project"])
    out = {}
    for slot in ("target", "activity", "village"):
        value = slots[slot][rows]
        named = members.assign(v=value)[value >= 0]
        out[slot] = int((named.groupby("group")["v"].nunique() > 1).sum())
    return out


def measure(n: int, seed: int, vocabulary: str = "indep") -> dict:
    from graphkpi.checks import CheckOptions, run_checks
    from graphkpi.load import load_bundle
    from graphkpi.memory import small_pages

    folder = bundle(n, seed) if vocabulary == "indep" else generated("core", n, seed)
    small_pages()          # as every command that loads a bundle does (graphkpi.memory)
    t0 = time.perf_counter()
    g = load_bundle(folder)
    load_s = time.perf_counter() - t0
    t0 = time.perf_counter()
    findings = run_checks(g, CheckOptions(select=("GK301",)))
    gk301_s = time.perf_counter() - t0
    peak_gb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024 ** 2
    members = group_table(findings)
    sizes = members.groupby("group").size().to_numpy() if len(members) else np.zeros(1, dtype=int)
    flagged = members["project"].nunique()
    shape = {"projects": len(g.projects), "load_s": load_s, "gk301_s": gk301_s, "peak_gb": peak_gb,
             "groups": len(findings), "flagged": flagged, "flagged_share": flagged / len(g.projects),
             "size_p50": float(np.percentile(sizes, 50)), "size_p90": float(np.percentile(sizes, 90)),
             "size_p99": float(np.percentile(sizes, 99)), "size_max": int(sizes.max()),
             "groups_of_2": int((sizes == 2).sum()),
             "size_counts": {str(k): int(v) for k, v in zip(*np.unique(np.minimum(sizes, 6), return_counts=True),
                                                            strict=True) if len(members)}}
    if vocabulary != "indep":           # the generator's own titles: nothing planted to score
        return shape
    with np.load(folder / "dupeval_slots.npz") as z:
        slots = {k: z[k] for k in z.files}
    planted = json.loads((folder / "dupeval_planted.json").read_text(encoding="utf-8"))["cases"]
    s = score(planted, reported_pairs(findings))
    return {**shape, "mixing": mixing(members, slots) if len(members) else {},
            "recall": s["recall"], "found": s["found"], "true_pairs": s["true_pairs"],
            "per_kind": {k: v["recall"] for k, v in s["per_kind"].items()},
            "negatives_grouped": s["negatives_grouped"],
            "planted_negatives": sum(c["polarity"] == "negative" for c in planted)}


def _by_size(counts: dict[str, int]) -> str:
    """``2: n, 3: n, …, 6+: n`` (sizes of six and more counted together)."""
    return ", ".join(f"{k}{'+' if k == '6' else ''}: {v:,}" for k, v in counts.items())


def _resident_gb(pid: int) -> float:
    """Resident memory of a running process, from /proc (0 when it has ended)."""
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return 0.0
    kb = next((int(line.split()[1]) for line in status.splitlines() if line.startswith("VmRSS:")), 0)
    return kb / 1024 ** 2


def watched(cmd: list[str], max_gb: float, max_s: float) -> tuple[str | None, str]:
    """Run ``cmd``; its stdout, or None and why it was stopped (over memory or time)."""
    t0 = time.perf_counter()
    with subprocess.Popen(cmd, stdout=subprocess.PIPE, text=True) as proc:
        peak = 0.0
        while proc.poll() is None:
            peak = max(peak, _resident_gb(proc.pid))
            took = time.perf_counter() - t0
            if peak > max_gb or took > max_s:
                proc.kill()
                proc.communicate()
                return None, f"stopped after {took:.0f} s at {peak:.1f} GB resident (limits {max_gb} GB, {max_s:.0f} s)"
            time.sleep(0.5)
        out = proc.stdout.read() if proc.stdout else ""
        if proc.returncode:
            return None, f"exited with {proc.returncode}"
        return out, ""


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", type=int, nargs="+", default=[100_000, 1_000_000])
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--json", action="store_true")
    ap.add_argument("--max-gb", type=float, default=10.0, help="stop a size whose process exceeds this (GB)")
    ap.add_argument("--max-s", type=float, default=900.0, help="stop a size that runs longer (seconds)")
    ap.add_argument("--vocabulary", choices=["indep", "core"], default="indep",
                    help="indep: titles rewritten from the independent word list (default); core: the "
                         "generator's own bundle as generated (no planted pairs, so no recall)")
    ap.add_argument("--one", type=int, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.one:
        print(json.dumps(measure(args.one, args.seed, args.vocabulary), ensure_ascii=False))
        return
    for n in args.sizes:
        name = f"{args.vocabulary}-{n}-{args.seed}"
        if args.vocabulary == "indep":
            bundle(n, args.seed)       # written here, so the measured process only loads and checks
        else:
            generated("core", n, args.seed)
        out, why = watched([sys.executable, __file__, "--one", str(n), "--seed", str(args.seed),
                            "--vocabulary", args.vocabulary], args.max_gb, args.max_s)
        if out is None:
            print(json.dumps({"projects": n, "finished": False, "why": why}) if args.json
                  else f"{n:>9,} projects ({name}): GK301 did not finish: {why}", flush=True)
            continue
        r = json.loads(out.strip().splitlines()[-1])
        if args.json:
            print(json.dumps(r, ensure_ascii=False), flush=True)
            continue
        print(f"{r['projects']:>9,} projects ({name}): GK301 {r['gk301_s']:.1f} s "
              f"(load {r['load_s']:.1f} s), peak {r['peak_gb']:.1f} GB; {r['groups']:,} groups "
              f"({r['groups_of_2']:,} of two) covering {r['flagged']:,} projects = {r['flagged_share']:.1%}; "
              f"group size median {r['size_p50']:.0f}, p90 {r['size_p90']:.0f}, p99 {r['size_p99']:.0f}, "
              f"max {r['size_max']:,}; groups by size {_by_size(r['size_counts'])}", end="", flush=True)
        if "mixing" not in r:
            print(flush=True)
            continue
        m = r["mixing"]
        print(f"; groups mixing target groups {m.get('target', 0):,}, activities "
              f"{m.get('activity', 0):,}, villages {m.get('village', 0):,}", flush=True)
        kinds = ", ".join(f"{k} {v:.2f}" for k, v in r["per_kind"].items())
        print(f"  planted pairs: recall {r['recall']:.3f} ({r['found']}/{r['true_pairs']}); by kind: {kinds}; "
              f"planted hard negatives grouped {sum(r['negatives_grouped'].values())}/{r['planted_negatives']} "
              f"{r['negatives_grouped']}", flush=True)


if __name__ == "__main__":
    main()
