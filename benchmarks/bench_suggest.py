"""Benchmark ``graphkpi suggest`` at national scale: suggestions for every GK101/GK201 project.

For a generated bundle (generated once into benchmarks/.data when missing), in a subprocess of
its own so that the peak memory is this size's alone, prints: the load time, the suggestion time
(from the loaded graph to the table of suggestions, every unanchored project, ``--top 5``), the
projects asked about, the suggestions kept, and the peak RSS of the process (load included);
then the same end to end through the CLI (``graphkpi suggest BUNDLE --format json -o FILE``, a
process of its own: start-up, load, suggestions, rendering and writing), its time and peak RSS.

    python benchmarks/bench_suggest.py                 # 10^6 projects (about 3 × 10^4 unanchored)
    python benchmarks/bench_suggest.py --sizes 20000   # a quick run
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from benchdata import generated


def measure(n: int, seed: int) -> dict:
    from graphkpi.analysis.suggest import select_projects, suggest
    from graphkpi.load import load_bundle

    folder = generated("core", n, seed)     # the same bundle as bench_core.py
    t0 = time.perf_counter()
    g = load_bundle(folder)
    load = time.perf_counter() - t0
    t0 = time.perf_counter()
    ids = select_projects(g)
    result = suggest(g, ids, top=5)
    took = time.perf_counter() - t0
    return {"projects": n, "elements": len(g.elements), "asked": len(ids), "suggestions": len(result.candidates),
            "empty": len(result.reasons), "load_s": round(load, 1), "suggest_s": round(took, 1),
            "peak_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", type=int, nargs="+", default=[1_000_000])
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--one", type=int, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.one:
        print(json.dumps(measure(args.one, args.seed)))
        return
    for n in args.sizes:
        folder = generated("core", n, args.seed)
        with tempfile.TemporaryDirectory() as tmp:
            t0 = time.perf_counter()
            cli = subprocess.Popen([sys.executable, "-m", "graphkpi", "suggest", str(folder), "--format", "json",
                                    "-o", str(Path(tmp) / "suggest.json"), "-q"])
            _, status, usage = os.wait4(cli.pid, 0)    # this child's own peak RSS
            took = time.perf_counter() - t0
            if status:
                sys.exit(f"graphkpi suggest failed (wait status {status})")
            written = (Path(tmp) / "suggest.json").stat().st_size
        peak = usage.ru_maxrss / 1024
        print(f"cli: projects={n:,}  end_to_end_s={took:.1f}  peak_mb={peak:,.0f}  json_mb={written / 1e6:.1f}")
        out = subprocess.run([sys.executable, __file__, "--one", str(n), "--seed", str(args.seed)],
                             capture_output=True, text=True, check=True)
        row = json.loads(out.stdout.strip().splitlines()[-1])
        print("  ".join(f"{k}={v:,}" if isinstance(v, int) else f"{k}={v}" for k, v in row.items()))


if __name__ == "__main__":
    main()
