"""Benchmark: ``load_bundle`` against a bare parse of the same CSV files.

For one bundle folder, in one run, prints: a bare ``pyarrow.csv`` parse of every CSV (every
column as text), a bare ``pandas.read_csv`` of them, graphkpi's ``load_bundle``, the ratio of
the load to each parse, and each step's peak RSS. Every step runs in its own subprocess, so
its peak memory is its own and no step warms another's heap (the OS file cache is shared:
run twice for warm figures).

    python benchmarks/bench_load.py benchmarks/.data/core-1000000-1
    python benchmarks/bench_load.py FOLDER --repeat 3     # best of three for each step
"""

from __future__ import annotations

import argparse
import csv
import json
import resource
import subprocess
import sys
import time
from pathlib import Path

STEPS = ("arrow", "pandas", "load")


def _arrow(folder: Path) -> None:
    import pyarrow as pa
    import pyarrow.csv as pv

    for path in sorted(folder.glob("*.csv")):
        with path.open(encoding="utf-8-sig", newline="") as fh:
            header = next(csv.reader(fh))
        pv.read_csv(path, convert_options=pv.ConvertOptions(column_types={c: pa.string() for c in header}))


def _pandas(folder: Path) -> None:
    import pandas as pd

    for path in sorted(folder.glob("*.csv")):
        pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig")


def _load(folder: Path) -> None:
    from graphkpi.load import load_bundle

    load_bundle(folder)


def measure(step: str, folder: Path) -> dict[str, float]:
    """Seconds and peak RSS (MB) of one step, imports excluded from the time, included in RSS."""
    run = {"arrow": _arrow, "pandas": _pandas, "load": _load}[step]
    if step == "load":
        import graphkpi.load  # noqa: F401  (import cost is not the loader's)
    else:
        import pandas  # noqa: F401
        import pyarrow.csv  # noqa: F401
    t0 = time.perf_counter()
    run(folder)
    seconds = time.perf_counter() - t0
    return {"s": seconds, "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("folder", type=Path, nargs="?", default=Path(__file__).parent / ".data" / "core-1000000-1")
    ap.add_argument("--repeat", type=int, default=1, help="runs per step; the fastest is shown")
    ap.add_argument("--steps", nargs="+", choices=STEPS, default=list(STEPS))
    ap.add_argument("--one", choices=STEPS, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.one:
        print(json.dumps(measure(args.one, args.folder)))
        return
    size = sum(p.stat().st_size for p in args.folder.glob("*.csv"))
    print(f"bundle {args.folder} ({size / 1e6:,.0f} MB of CSV)")
    best: dict[str, dict[str, float]] = {}
    for step in args.steps:
        for _ in range(args.repeat):
            out = subprocess.run([sys.executable, __file__, str(args.folder), "--one", step],
                                 capture_output=True, text=True, check=True)
            row = json.loads(out.stdout.strip().splitlines()[-1])
            if step not in best or row["s"] < best[step]["s"]:
                best[step] = row
        print(f"{step:>8}  {best[step]['s']:8.2f} s  peak RSS {best[step]['peak_mb']:8,.0f} MB", flush=True)
    if "load" in best:
        for parse in ("arrow", "pandas"):
            if parse in best:
                print(f"load_bundle / {parse} parse = {best['load']['s'] / best[parse]['s']:.2f}×")


if __name__ == "__main__":
    main()
