"""Benchmark for the one-pass core: the issue's goals, measured side by side in one run.

For one bundle (default: a generated 10^6-project bundle), each measurement runs in its own
subprocess, the kinds interleaved round by round, and the median of the rounds is printed:

- ``pandas parse``: a bare ``pandas.read_csv`` of every CSV of the bundle, all text;
- ``duckdb peer``: ``benchmarks/peer_duckdb.py``, which finds GK101 and GK201 with a recursive CTE;
- ``graphkpi check``: ``graphkpi check BUNDLE --select GK0,GK1,GK2 --format json -o FILE``,
  with its peak resident memory;
- ``graphkpi --help`` and ``graphkpi check data/sample``: start-up, on the small sample.

It then prints the ratios the issue sets goals for, and checks that the peer and graphkpi
found the same number of GK101 and GK201 findings (a peer answering another question would
make the ratio meaningless).

    pip install -e ".[bench]"                                # DuckDB, for the peer
    python benchmarks/bench_onepass.py                       # 10^6 projects, seed 1, 3 rounds
    python benchmarks/bench_onepass.py --projects 100000 --rounds 5
    python benchmarks/bench_onepass.py --bundle path/to/bundle
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).parent
REPO = HERE.parent
DATA = HERE / ".data"
GRAPHKPI = [sys.executable, "-m", "graphkpi"]
PARSE = ("import sys, pandas as pd, pathlib\n"
         "for f in sorted(pathlib.Path(sys.argv[1]).glob('*.csv')):\n"
         "    pd.read_csv(f, dtype=str, keep_default_na=False, encoding='utf-8-sig')\n")


def timed(cmd: list[str]) -> tuple[float, str]:
    """Wall seconds and stdout of ``cmd`` (which must succeed)."""
    t0 = time.perf_counter()
    proc = subprocess.run(cmd, capture_output=True, cwd=REPO)
    seconds = time.perf_counter() - t0
    if proc.returncode:
        raise SystemExit(f"{' '.join(cmd)} failed:\n{proc.stderr.decode()}")
    return seconds, proc.stdout.decode()


def rss_of(cmd: list[str]) -> tuple[float, float]:
    """Wall seconds and peak RSS (MB) of ``cmd`` run in this checkout (as :func:`timed`: ``python -m
    graphkpi`` imports the package of its working folder), measured by the kernel for that process
    (and the process it forks to share the checks)."""
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=REPO, stdout=subprocess.DEVNULL)
    _, status, usage = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)   # reaped here, for its resource usage
    seconds = time.perf_counter() - t0
    if os.waitstatus_to_exitcode(status):
        raise SystemExit(f"{' '.join(cmd)} failed")
    return seconds, usage.ru_maxrss / 1024


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--bundle", type=Path, help="a bundle folder (default: generate one)")
    ap.add_argument("--projects", type=int, default=1_000_000)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--rounds", type=int, default=3)
    args = ap.parse_args()
    bundle = args.bundle or DATA / f"core-{args.projects}-{args.seed}"
    if not (bundle / "projects.csv").exists():
        subprocess.run([*GRAPHKPI, "generate", str(bundle), "--projects", str(args.projects), "--seed",
                        str(args.seed), "--quiet"], check=True)
    bundle = bundle.resolve()
    sample = str(REPO / "data" / "sample")
    times: dict[str, list[float]] = {k: [] for k in ("parse", "peer", "check", "help", "sample")}
    peaks: list[float] = []
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "findings.json"
        for _ in range(args.rounds):
            times["parse"].append(timed([sys.executable, "-c", PARSE, str(bundle)])[0])
            seconds, text = timed([sys.executable, str(HERE / "peer_duckdb.py"), str(bundle)])
            times["peer"].append(seconds)
            peer = json.loads(text)
            seconds, peak = rss_of([*GRAPHKPI, "check", str(bundle), "--select", "GK0,GK1,GK2", "--format",
                                    "json", "-o", str(out), "--quiet"])
            times["check"].append(seconds)
            peaks.append(peak)
            for _ in range(3):
                times["help"].append(timed([*GRAPHKPI, "--help"])[0])
                times["sample"].append(timed([*GRAPHKPI, "check", sample])[0])
        summary = json.loads(out.read_text(encoding="utf-8"))["summary"]
    med = {k: statistics.median(v) for k, v in times.items()}
    print(f"bundle: {bundle} ({args.rounds} rounds, medians)")
    print(f"  pandas parse              {med['parse']:8.2f} s")
    print(f"  duckdb peer (GK101,GK201) {med['peer']:8.2f} s")
    print(f"  graphkpi check GK0,1,2    {med['check']:8.2f} s   peak {max(peaks):,.0f} MB")
    print(f"  check / pandas parse      {med['check'] / med['parse']:8.2f} x   (goal <= 3)")
    print(f"  check / duckdb peer       {med['check'] / med['peer']:8.2f} x   (goal <= 3)")
    print(f"  graphkpi --help           {med['help']:8.2f} s   (goal <= 0.3)")
    print(f"  graphkpi check sample     {med['sample']:8.2f} s   (goal <= 1.5)")
    same = (peer["gk101"], peer["gk201"]) == (summary.get("GK101", 0), summary.get("GK201", 0))
    print(f"  same answer as the peer   {'yes' if same else 'NO'} (GK101 {summary.get('GK101', 0):,} vs "
          f"{peer['gk101']:,}, GK201 {summary.get('GK201', 0):,} vs {peer['gk201']:,})")


if __name__ == "__main__":
    main()
