"""Benchmark: HTML views of generated national-scale bundles, as a user runs them.

Each view is ``graphkpi view`` in a child process (Python start, load, the checks the page marks,
select, render, write): its wall time, its own peak RSS, the file size, the nodes drawn, the
groups of projects drawn and how many there are in all, and what it says about them. Then the
same steps in this process, timed one by one, with GK301 apart (the slowest check a page with
projects marks; it runs on every project of the bundle). Goals: a 10^6-project overview in
<= 30 s and <= 10 MB; a --province view of a 10^5-project bundle (its largest province) in <= 15 s.

    python benchmarks/bench_view.py                                    # overview of 10^6
    python benchmarks/bench_view.py --sizes --province 100000 --ministry 125000
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from benchdata import generated

from graphkpi.checks.registry import implementations
from graphkpi.load import load_bundle
from graphkpi.views import render_view, select_view
from graphkpi.views.select import shown_codes

TIME = "/usr/bin/time"   # GNU time (Debian's package "time")
DATA = re.compile(r'<script id="graphkpi-data" type="application/json">(.*?)</script>', re.S)


def largest(folder: Path, what: str) -> str:
    """The province (not national) or the ministry with the most projects of the bundle."""
    g = load_bundle(folder)
    if what == "province":
        areas = g.project_areas["area"]
        return str(areas[areas != "national"].value_counts().index[0])
    return str(g.project_ministry.value_counts().index[0])


def as_a_user(folder: Path, args: list[str], out: Path) -> dict:
    """``graphkpi view`` in a child process: wall seconds, its peak RSS, and what the page holds."""
    # GNU time reports the child's own peak: a child forked from this process inherits its peak RSS
    # (Linux keeps it across exec), which after a 10^6 load is gigabytes that are not the view's.
    peak = out.with_suffix(".rss")
    t0 = time.perf_counter()
    done = subprocess.run([TIME, "-f", "%M", "-o", str(peak), sys.executable, "-m", "graphkpi", "view", str(folder),
                           "-o", str(out), "-q", *args], stdout=subprocess.PIPE, text=True)
    wall = time.perf_counter() - t0
    said = done.stdout
    if done.returncode:
        sys.exit(f"graphkpi view {' '.join(args)} failed:\n{said}")
    page = out.read_text(encoding="utf-8")
    block = DATA.search(page)
    data = json.loads(block.group(1)) if block else {"nodes": [], "hidden": []}
    groups = [n for n in data["nodes"] if n["kind"] == "group"]
    total = re.search(r"([\d,]+) (?:groups|กลุ่ม)", said)
    return {"wall": wall, "rss_mb": int(peak.read_text().split()[-1]) / 1024, "mb": out.stat().st_size / 1e6,
            "nodes": len(data["nodes"]), "groups": len(groups), "held": len(data["hidden"]),
            "total": total.group(1) if total else "-", "said": said.strip().splitlines()[1:]}


def in_steps(folder: Path, mode: str, target: str) -> tuple[float, float, float, float, float]:
    """Load, GK301, the other checks the page marks, select and render, timed in this process, on
    the projects the CLI's slice takes (a province's with the national ones)."""
    import pandas as pd

    from graphkpi.load.schema import NATIONAL

    t0 = time.perf_counter()
    g = load_bundle(folder)
    t1 = time.perf_counter()
    impls, findings, gk301 = implementations(), [], 0.0
    for code in shown_codes("overview" if mode == "overview" else "projects"):
        start = time.perf_counter()
        findings.extend(impls[code](g))
        if code == "GK301":
            gk301 = time.perf_counter() - start
    t2 = time.perf_counter()
    projects = None
    if mode == "province":
        pa = g.project_areas
        projects = pd.Index(pa.loc[pa["area"].isin([target, NATIONAL]), "project"].unique())
    elif mode == "ministry":
        projects = g.project_ministry.index[g.project_ministry == target]
    view = select_view(g, findings, mode="overview" if projects is None else "projects", target=target,
                       projects=projects)
    t3 = time.perf_counter()
    render_view(view, g.profile)
    t4 = time.perf_counter()
    return t1 - t0, gk301, t2 - t1 - gk301, t3 - t2, t4 - t3


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", type=int, nargs="*", default=[1_000_000], help="overview of these sizes")
    ap.add_argument("--province", type=int, nargs="*", default=[], help="--province view (largest) of these sizes")
    ap.add_argument("--ministry", type=int, nargs="*", default=[], help="--ministry view (largest) of these sizes")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--no-steps", action="store_true", help="only the CLI runs, not the in-process steps")
    args = ap.parse_args()
    runs = [("overview", n) for n in args.sizes] + [("province", n) for n in args.province] + [
        ("ministry", n) for n in args.ministry]
    print(f"{'view':>9} {'target':>6}  {'projects':>10}  {'wall_s':>6}  {'rss_mb':>7}  {'html_mb':>7}  {'nodes':>6}  "
          f"{'groups':>6}  {'of':>6}  {'held':>6}  |  {'load':>5}  {'GK301':>5}  {'checks':>6}  {'select':>6}  "
          f"{'render':>6}", flush=True)
    with tempfile.TemporaryDirectory() as tmp:
        for mode, n in runs:
            folder = generated("core", n, args.seed)
            target = "" if mode == "overview" else largest(folder, mode)
            r = as_a_user(folder, [f"--{mode}", target] if target else [], Path(tmp) / f"{mode}-{n}.html")
            steps = "" if args.no_steps else "  ".join(f"{s:>5.1f} " for s in in_steps(folder, mode, target))
            print(f"{mode:>9} {target:>6}  {n:>10,}  {r['wall']:>6.1f}  {r['rss_mb']:>7,.0f}  {r['mb']:>7.2f}  "
                  f"{r['nodes']:>6,}  {r['groups']:>6,}  {r['total']:>6}  {r['held']:>6,}  |  {steps}", flush=True)
            for line in r["said"]:
                print(f"    {line.strip()}")


if __name__ == "__main__":
    main()
