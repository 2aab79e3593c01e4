"""Benchmark: the hostile bundles of the limits issue, through the real CLI.

Builds the three shapes that exhausted the loader before it checked a file's shape — a
workbook with 20 million shared strings, one whose projects sheet has 10⁶ rows reaching column
XFD, a CSV that is one 100 MB line of ``a,`` (and the workbooks again without the counts they
declare) — and prints, for each, the size on disk, the exit
code, the wall time and the peak memory of ``graphkpi validate`` in its own process.

    python benchmarks/bench_hostile.py                  # the three original shapes
    python benchmarks/bench_hostile.py --timeout 120    # stop a run after 120 s (for old versions)
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import threading
import time
from pathlib import Path

from graphkpi.synth import hostile as H

DATA = Path(__file__).parent / ".data" / "hostile"
SHAPES = {
    "shared-strings-20M.xlsx": lambda p: H.many_shared_strings(p, 20_000_000),
    "rows-1M-to-XFD.xlsx": lambda p: H.rows_to_column(p, 1_000_000),
    "one-line-100MB": lambda p: H.one_line_csv(p, 100 << 20),
    # The same workbooks without the counts they could declare: found by streaming the parts.
    "shared-strings-20M-undeclared.xlsx": lambda p: H.many_shared_strings(p, 20_000_000, declare=False),
    "rows-1M-to-XFD-undeclared.xlsx": lambda p: H.rows_to_column(p, 1_000_000, declare=False),
}


def run(path: Path, timeout: float) -> dict[str, object]:
    """``graphkpi validate PATH`` in a child process: exit code, seconds, peak MB, last stderr line."""
    t0 = time.perf_counter()
    err = path.with_name(path.name + ".stderr")
    with open(err, "wb") as fh:
        proc = subprocess.Popen([sys.executable, "-m", "graphkpi", "validate", str(path), "--lang", "en", "-q"],
                                stdout=subprocess.DEVNULL, stderr=fh)
        timer = threading.Timer(timeout, proc.kill)
        timer.start()
        _, status, usage = os.wait4(proc.pid, 0)  # this child's own peak memory
        timer.cancel()
    proc.returncode = code = os.waitstatus_to_exitcode(status)
    lines = err.read_text(encoding="utf-8", errors="replace").strip().splitlines()
    return {"exit": code, "seconds": round(time.perf_counter() - t0, 2),
            "peak_mb": round(usage.ru_maxrss / 1024),
            "message": lines[-1].strip() if lines else ""}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--timeout", type=float, default=600)
    args = ap.parse_args()
    DATA.mkdir(parents=True, exist_ok=True)
    for name, build in SHAPES.items():
        path = DATA / name
        if not path.exists():
            build(path)
        size = path.stat().st_size if path.is_file() else sum(p.stat().st_size for p in path.iterdir())
        print(f"{name}: {size / 1e6:.1f} MB on disk", run(path, args.timeout), flush=True)


if __name__ == "__main__":
    main()
