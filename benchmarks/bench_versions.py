"""Two or more versions of graphkpi timed side by side on one bundle, their runs interleaved.

Why: on a machine whose speed drifts by ±10% over an hour, a change worth 2–5% shows only when
the versions take turns (the order alternating round by round) and the rounds are many. Each
version is a folder holding a ``graphkpi`` package (a ``git worktree`` of a commit, or a copy),
imported through ``PYTHONPATH``; every run writes the JSON document of ``check --select
GK0,GK1,GK2``, and the documents must be byte for byte the same.

    python benchmarks/bench_versions.py BUNDLE before=/tmp/base after=. --rounds 15
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("bundle", type=Path)
    ap.add_argument("versions", nargs="+", help="LABEL=FOLDER, a folder holding the graphkpi package")
    ap.add_argument("--rounds", type=int, default=12)
    args = ap.parse_args()
    versions = [(label, Path(folder).resolve()) for label, _, folder in (v.partition("=") for v in args.versions)]
    times: dict[str, list[float]] = {label: [] for label, _ in versions}
    with tempfile.TemporaryDirectory() as tmp:
        for i in range(args.rounds):
            for label, folder in versions if i % 2 == 0 else versions[::-1]:
                out = Path(tmp) / f"{label}.json"
                env = {**os.environ, "PYTHONPATH": str(folder)}
                t0 = time.perf_counter()
                subprocess.run([sys.executable, "-m", "graphkpi", "check", str(args.bundle.resolve()), "--select",
                                "GK0,GK1,GK2", "--format", "json", "-o", str(out), "--quiet"],
                               env=env, cwd=tmp, check=True)
                times[label].append(time.perf_counter() - t0)
        documents = {(Path(tmp) / f"{label}.json").read_bytes() for label, _ in versions}
    for label, _ in versions:
        t = sorted(times[label])
        print(f"  {label:12} min {t[0]:.3f}  q1 {t[len(t) // 4]:.3f}  median {statistics.median(t):.3f}  "
              f"mean {statistics.mean(t):.3f} s")
    print(f"  same document: {'yes' if len(documents) == 1 else 'NO'}")


if __name__ == "__main__":
    main()
