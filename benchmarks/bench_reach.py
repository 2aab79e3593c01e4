"""Benchmark: ``graphkpi reach`` on a generated bundle, from a strategy (Z) down to a factor.

For one element of each of four levels (the strategy, master plan, sub-target and value-chain
factor with the most projects below them), prints the projects listed, the seconds of the
reach stage alone (the bundle loaded once beforehand: the backend's down-chain read, routes,
paths, project facts, totals) and of rendering it as JSON, CSV and the table (``--limit 50``);
then ``graphkpi reach <Z> --format json|csv -o FILE`` end to end in a child process (load
included: wall time and peak RSS).

    python benchmarks/bench_reach.py                  # 10^5 projects, generated into benchmarks/.data
    python benchmarks/bench_reach.py --size 20000
"""

from __future__ import annotations

import argparse
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pandas as pd
from benchdata import generated

from graphkpi.analysis.reach import reach
from graphkpi.backends.networkx import NetworkXBackend
from graphkpi.load import load_bundle
from graphkpi.render.reach import render_reach

LEVELS = ("strategy", "master_plan", "sub_target", "vc_factor")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--size", type=int, default=100_000)
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args()
    folder = generated("core", args.size, args.seed)
    t0 = time.perf_counter()
    g = load_bundle(folder)
    print(f"{args.size:,} projects; load {time.perf_counter() - t0:.1f} s")
    b = NetworkXBackend(g)
    reached = g.reach_pairs(g.elements.index[g.elements["level"].isin(LEVELS)])
    counts = reached.groupby("element").size()
    levels = g.levels(counts.index)
    picks = [_largest(counts, levels, lv) for lv in LEVELS]
    print(f"{'element':<14}  {'level':<12}  {'projects':>8}  {'reach_s':>7}  {'json_s':>6}  {'csv_s':>6}  "
          f"{'table_s':>7}")
    for element in picks:
        t0 = time.perf_counter()
        r = reach(b, element)
        secs = time.perf_counter() - t0
        shown = []
        for fmt in ("json", "csv", "table"):
            t1 = time.perf_counter()
            render_reach(fmt, r, g.profile, str(folder), "th", True, 50)
            shown.append(time.perf_counter() - t1)
        print(f"{element:<14}  {r.element['level']:<12}  {len(r.projects):>8,}  {secs:>7.2f}  {shown[0]:>6.2f}  "
              f"{shown[1]:>6.2f}  {shown[2]:>7.2f}", flush=True)
    with tempfile.TemporaryDirectory() as out:
        for fmt in ("json", "csv"):
            target = Path(out) / f"reach.{fmt}"
            t0 = time.perf_counter()
            subprocess.run([sys.executable, "-m", "graphkpi", "reach", picks[0], str(folder), "--format", fmt,
                            "-o", str(target), "-q"], check=True)
            secs = time.perf_counter() - t0
            peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
            print(f"graphkpi reach {picks[0]} --format {fmt} -o FILE: {secs:.1f} s, "
                  f"{target.stat().st_size / 2**20:,.1f} MB written, peak RSS (largest child so far) {peak:,.0f} MB",
                  flush=True)


def _largest(counts: pd.Series, levels: dict[str, str], level: str) -> str:
    """The element of ``level`` with the most projects below it (smallest id on a tie)."""
    of_level = counts[[levels.get(e) == level for e in counts.index]]
    return str(of_level.sort_index().idxmax())


if __name__ == "__main__":
    main()
