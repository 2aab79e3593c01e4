"""Benchmark: budget lines at national scale — their load against a bare parse, and GK001/GK6.

For one generated bundle folder (``graphkpi generate DIR --projects 1000000``: ~1.7 × 10⁶ lines),
prints, each step in its own subprocess (its own peak RSS; imports outside the timing):

- ``arrow``: a bare ``pyarrow.csv`` parse of budget_lines.csv, every column as text — the
  speed of the parse the loader should keep;
- ``pandas``: a bare ``pandas.read_csv`` of it (every column as text);
- ``lines``: graphkpi reading budget_lines.csv alone and parsing it (:func:`parse_lines`:
  ids trimmed, years, amounts, repeated keys);
- ``load-v1``: ``load_bundle`` of the same bundle without budget_lines.csv (symlinks);
- ``load``: ``load_bundle`` of the whole bundle, then GK001, GK601 and GK602 on it, each timed,
  and every code but GK301 (GK0–GK6) as ``run_codes`` does it for the CLI;
- ``cli-v1`` and ``cli``: ``graphkpi check --ignore GK301 --format json -o FILE`` end to end
  (a child process: wall time and its peak RSS), without and with budget_lines.csv.

    python benchmarks/bench_budget.py benchmarks/.data/bud-1000000-1
"""

from __future__ import annotations

import argparse
import csv
import json
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

STEPS = ("arrow", "pandas", "lines", "load-v1", "load", "cli-v1", "cli")
LINES = "budget_lines.csv"


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _timed(fn: Callable[..., object], *args: object) -> tuple[float, float, object]:
    t0, c0 = time.perf_counter(), time.process_time()
    out = fn(*args)
    return time.perf_counter() - t0, time.process_time() - c0, out


def _without_lines(folder: Path, tmp: Path) -> Path:
    """``folder`` as a version-1 bundle: every file but budget_lines.csv, by symlink."""
    tmp.mkdir(exist_ok=True)
    for path in folder.iterdir():
        if path.name != LINES:
            (tmp / path.name).symlink_to(path.resolve())
    return tmp


def run_step(step: str, folder: Path) -> dict[str, object]:
    import pyarrow as pa
    import pyarrow.csv as pv

    from graphkpi.checks.registry import select_codes
    from graphkpi.checks.run import run_codes
    from graphkpi.load import load_bundle
    from graphkpi.load.budget import parse_lines
    from graphkpi.load.sources import read_tables

    out: dict[str, object] = {"step": step}
    if step.startswith("cli"):
        with tempfile.TemporaryDirectory() as tmp:
            bundle = _without_lines(folder, Path(tmp) / "v1") if step == "cli-v1" else folder
            cmd = [sys.executable, "-m", "graphkpi", "check", str(bundle), "--ignore", "GK301", "--format", "json",
                   "-o", str(Path(tmp) / "out.json"), "-q"]
            t0 = time.perf_counter()
            subprocess.run(cmd, check=True)
            wall = time.perf_counter() - t0
            summary = json.loads((Path(tmp) / "out.json").read_text(encoding="utf-8").split("\n", 1)[0]
                                 .removesuffix(",") + "}")["summary"]
        child = resource.getrusage(resource.RUSAGE_CHILDREN)
        return {"step": step, "wall": wall, "cpu": child.ru_utime + child.ru_stime, "rows": sum(summary.values()),
                "peak_mb": child.ru_maxrss / 1024}
    if step == "arrow":
        path = folder / LINES
        with path.open(encoding="utf-8-sig", newline="") as fh:
            header = next(csv.reader(fh))
        wall, cpu, table = _timed(pv.read_csv, path, pv.ReadOptions(),
                                  pv.ParseOptions(), pv.ConvertOptions(column_types={c: pa.string() for c in header}))
        out.update(wall=wall, cpu=cpu, rows=table.num_rows)
    elif step == "pandas":
        import pandas as pd

        wall, cpu, frame = _timed(lambda: pd.read_csv(folder / LINES, dtype=str, keep_default_na=False,
                                                      encoding="utf-8-sig"))
        out.update(wall=wall, cpu=cpu, rows=len(frame))  # type: ignore[arg-type]
    elif step == "lines":
        with tempfile.TemporaryDirectory() as tmp:
            (Path(tmp) / LINES).symlink_to((folder / LINES).resolve())
            problems: list = []

            def read_and_parse() -> object:
                tables = read_tables(Path(tmp), problems)  # also reports the absent required files: ignored
                return parse_lines(tables["budget_lines"], problems)

            wall, cpu, lines = _timed(read_and_parse)
        out.update(wall=wall, cpu=cpu, rows=len(lines))  # type: ignore[arg-type]
    elif step == "load-v1":
        with tempfile.TemporaryDirectory() as tmp:
            wall, cpu, g = _timed(load_bundle, _without_lines(folder, Path(tmp)))
        out.update(wall=wall, cpu=cpu, rows=len(g.projects))  # type: ignore[attr-defined]
    else:
        wall, cpu, g = _timed(load_bundle, folder)
        out.update(wall=wall, cpu=cpu, rows=len(g.budget_lines))  # type: ignore[attr-defined]
        for code in ("GK001", "GK601", "GK602"):
            w, c, found = _timed(run_codes, g, [code])
            out[code] = {"wall": w, "cpu": c, "findings": len(found)}  # type: ignore[arg-type]
        codes = select_codes((), ["GK301"])
        w, c, found = _timed(run_codes, g, codes)
        out["checks"] = {"wall": w, "cpu": c, "findings": len(found), "codes": len(codes)}  # type: ignore[arg-type]
    out["peak_mb"] = _peak_mb()
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("folder", type=Path)
    ap.add_argument("--step", choices=STEPS, help=argparse.SUPPRESS)  # one step, in a child process
    args = ap.parse_args()
    if args.step:
        print(json.dumps(run_step(args.step, args.folder)))
        return
    results = {}
    for step in STEPS:
        proc = subprocess.run([sys.executable, __file__, str(args.folder), "--step", step], check=True,
                              capture_output=True, text=True)
        results[step] = json.loads(proc.stdout.strip().splitlines()[-1])
    lines = results["lines"]
    print(f"bundle: {args.folder}  budget lines: {lines['rows']:,}  projects: {results['load-v1']['rows']:,}")
    for step in STEPS:
        r = results[step]
        print(f"  {step:<9} {r['wall']:8.2f} s wall  {r['cpu']:8.2f} s CPU  peak {r['peak_mb']:,.0f} MB"
              + (f"  {r['rows']:,} findings" if step.startswith("cli") else ""))
    for base in ("arrow", "pandas"):
        print(f"  lines / bare {base:<6} parse         {lines['wall'] / results[base]['wall']:.2f} x wall  "
              f"{lines['cpu'] / results[base]['cpu']:.2f} x CPU")
    load, v1 = results["load"], results["load-v1"]
    print(f"  load with lines - without          {load['wall'] - v1['wall']:+.2f} s wall "
          f"({load['cpu'] - v1['cpu']:+.2f} s CPU)")
    for code in ("GK001", "GK601", "GK602", "checks"):
        r = load[code]
        what = f"{code} ({r['codes']} codes, no GK301)" if code == "checks" else code
        print(f"  {what:<33} {r['wall']:.2f} s wall  {r['cpu']:.2f} s CPU  {r['findings']:,} findings")


if __name__ == "__main__":
    main()
