"""Benchmark: ``graphkpi load`` and ``check --backend neo4j --select GK0`` as a user runs them.

Each command runs as its own process (imports, bundle parse and all), ``--repeat`` times, and
the wall-clock seconds of every run are printed with their median. The load replaces the
graph in the database (the first run deletes whatever was there; later runs delete the graph
the run before wrote), so every run does the same work. Needs a running server
(``scripts/neo4j-dev start``; the connection from NEO4J_URI / NEO4J_USER / NEO4J_PASSWORD);
graphkpi's graph in that database is replaced.

    eval "$(scripts/neo4j-dev env)"
    python benchmarks/bench_neo4j_gk0.py benchmarks/.data/core-100000-1
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
from pathlib import Path


def timed(args: list[str]) -> float:
    """Seconds one ``python -m graphkpi ARGS`` takes; a failing command stops the benchmark."""
    t0 = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "graphkpi", *args], capture_output=True, text=True)
    seconds = time.perf_counter() - t0
    if done.returncode not in (0, 1):  # 1: findings were reported
        sys.exit(f"graphkpi {' '.join(args)} exited {done.returncode}:\n{done.stderr}")
    return seconds


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("bundle", type=Path)
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    commands = {
        "load --replace": ["load", str(args.bundle), "--replace", "-q"],
        "check --backend neo4j --select GK0": ["check", "--backend", "neo4j", "--select", "GK0", "-q",
                                               "--format", "json"],
    }
    print(f"bundle {args.bundle}, {args.repeat} runs each (wall-clock seconds, one process per run)")
    for label, cmd in commands.items():
        runs = [timed(cmd) for _ in range(args.repeat)]
        print(f"{label:<36} median {statistics.median(runs):6.2f}   runs " + " ".join(f"{s:.2f}" for s in runs),
              flush=True)


if __name__ == "__main__":
    main()
