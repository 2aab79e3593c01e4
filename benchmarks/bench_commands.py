"""Benchmark: the accountability commands and the reports on a generated bundle, end to end.

Runs each command as a user would (a subprocess, so load time is included) and prints its
wall time and output size.

    python benchmarks/bench_commands.py               # 10^5 projects
    python benchmarks/bench_commands.py --size 20000
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from benchdata import generated

COMMANDS = [
    ["lead-gaps"], ["kpis"], ["matrix", "--format", "csv"], ["matrix", "--rows", "provincial_target"],
    ["report", "-o", "{out}/orphans.html"], ["report", "-o", "{out}/orphans.xlsx"],
    ["report", "-o", "{out}/orphans.csv"], ["report", "--kind", "full", "-o", "{out}/full.html"],
    ["report", "--kind", "full", "-o", "{out}/full.xlsx"], ["view", "-o", "{out}/overview.html"],
]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--size", type=int, default=100_000)
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args()
    folder = generated("core", args.size, args.seed)
    print(f"{args.size:,} projects")
    print(f"{'command':<48}  {'seconds':>7}  {'output_kb':>9}")
    with tempfile.TemporaryDirectory() as out:
        for cmd in COMMANDS:
            argv = [a.format(out=out) for a in cmd]
            t0 = time.perf_counter()
            proc = subprocess.run([sys.executable, "-m", "graphkpi", argv[0], str(folder), *argv[1:], "-q"],
                                  capture_output=True, check=True)
            secs = time.perf_counter() - t0
            target = next((Path(a) for a in argv if a.startswith(out)), None)
            size = (target.stat().st_size if target else len(proc.stdout)) / 1024
            print(f"{'graphkpi ' + ' '.join(a.replace(out + '/', '') for a in argv):<48}  {secs:>7.1f}  {size:>9,.0f}",
                  flush=True)


if __name__ == "__main__":
    main()
