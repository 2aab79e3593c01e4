"""Benchmark: how long the command line takes to start and to check the sample.

Prints the median (and min–max) wall time of N fresh interpreters for ``graphkpi --help``,
``graphkpi codes`` and ``graphkpi check data/sample``, plus the bare import of pandas, pyarrow
and networkx (the floor a bundle command cannot go below). Goals: ``--help`` <= 0.3 s,
``check data/sample`` <= 1.5 s.

    python benchmarks/bench_startup.py                   # this checkout, 7 runs each
    python benchmarks/bench_startup.py --root /tmp/old   # another source tree (PYTHONPATH), same Python
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
CLI = "from graphkpi.cli import main; main(prog_name='graphkpi')"
CASES = {
    "import pandas+pyarrow+networkx": ["-c", "import pandas, pyarrow, networkx"],
    "graphkpi --help": ["-c", CLI, "--help"],
    "graphkpi codes": ["-c", CLI, "codes"],
    "graphkpi check data/sample": ["-c", CLI, "check", str(REPO / "data" / "sample")],
}


def wall_times(argv: list[str], runs: int, env: dict[str, str], cwd: Path) -> list[float]:
    """Seconds per run of ``python argv`` in a fresh interpreter (output captured, not shown)."""
    out = []
    for _ in range(runs):
        t0 = time.perf_counter()
        subprocess.run([sys.executable, *argv], env=env, cwd=cwd, capture_output=True, check=True)
        out.append(time.perf_counter() - t0)
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--runs", type=int, default=7)
    ap.add_argument("--root", type=Path, default=None, help="Source tree to put first on PYTHONPATH.")
    args = ap.parse_args()
    env = dict(os.environ)
    root = (args.root or REPO).resolve()
    env["PYTHONPATH"] = str(root)   # and run from root: `python -c` puts the working folder first
    print(f"source: {root}   runs: {args.runs}   cpus: {os.cpu_count()}")
    print(f"{'command':<32}  {'median_s':>8}  {'min_s':>6}  {'max_s':>6}")
    for label, argv in CASES.items():
        times = wall_times(argv, args.runs, env, root)
        print(f"{label:<32}  {statistics.median(times):>8.2f}  {min(times):>6.2f}  {max(times):>6.2f}")


if __name__ == "__main__":
    main()
