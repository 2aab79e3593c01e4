"""Benchmark: load and check generated national-scale bundles.

Prints, for each size, in one run: generation time, a bare pandas parse of the same CSV files,
graphkpi's load time, check time (every code), peak memory, and the ratio of check time to
the bare parse. Each size runs in its own subprocess so peak memory is that size's own.

    python benchmarks/bench_core.py                 # 10^5 and 10^6 projects
    python benchmarks/bench_core.py --sizes 20000   # a quick run
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import time
from pathlib import Path

import pandas as pd

DATA = Path(__file__).parent / ".data"


def measure(n: int, seed: int) -> dict:
    from graphkpi.checks import run_checks
    from graphkpi.load import load_bundle
    from graphkpi.synth import generate_bundle

    folder = DATA / f"core-{n}-{seed}"
    t0 = time.perf_counter()
    if not (folder / "projects.csv").exists():
        generate_bundle(folder, n, seed)
    gen = time.perf_counter() - t0

    t0 = time.perf_counter()
    for csv in sorted(folder.glob("*.csv")):
        pd.read_csv(csv, dtype=str, keep_default_na=False, encoding="utf-8-sig")
    parse = time.perf_counter() - t0

    t0 = time.perf_counter()
    g = load_bundle(folder)
    load = time.perf_counter() - t0

    t0 = time.perf_counter()
    findings = run_checks(g)
    check = time.perf_counter() - t0

    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {"projects": n, "elements": len(g.elements), "links": len(g.links), "generate_s": gen,
            "bare_parse_s": parse, "load_s": load, "check_s": check, "findings": len(findings),
            "peak_mb": peak_mb, "check_over_parse": check / parse, "load_check_s": load + check}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", type=int, nargs="+", default=[100_000, 1_000_000])
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--one", type=int, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.one:
        print(json.dumps(measure(args.one, args.seed)))
        return
    cols = ["projects", "elements", "links", "bare_parse_s", "load_s", "check_s", "load_check_s",
            "check_over_parse", "peak_mb", "findings"]
    print("  ".join(f"{c:>16}" for c in cols))
    for n in args.sizes:
        out = subprocess.run([sys.executable, __file__, "--one", str(n), "--seed", str(args.seed)],
                             capture_output=True, text=True, check=True)
        row = json.loads(out.stdout.strip().splitlines()[-1])
        print("  ".join(f"{row[c]:>16,.2f}" if isinstance(row[c], float) else f"{row[c]:>16,}" for c in cols),
              flush=True)


if __name__ == "__main__":
    main()
