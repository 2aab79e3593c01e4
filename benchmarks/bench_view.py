"""Benchmark: the overview HTML view of generated national-scale bundles.

Prints, per size: the time to load the bundle, to run the checks the view marks, to select
and render the overview, and the file size. Goal: a 10^6-project overview rendered in
<= 30 s and <= 10 MB.

    python benchmarks/bench_view.py                 # 10^5 and 10^6 projects
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from benchdata import generated

from graphkpi.checks import CheckOptions, run_checks
from graphkpi.load import load_bundle
from graphkpi.views import render_view, select_view
from graphkpi.views.select import shown_codes

DATA = Path(__file__).parent / ".data"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", type=int, nargs="+", default=[100_000, 1_000_000])
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args()
    print(f"{'projects':>10}  {'load_s':>7}  {'checks_s':>8}  {'view_s':>7}  {'nodes':>6}  {'html_mb':>7}")
    for n in args.sizes:
        folder = generated("core", n, args.seed)
        t0 = time.perf_counter()
        g = load_bundle(folder)
        t1 = time.perf_counter()
        findings = run_checks(g, CheckOptions(select=shown_codes("overview")))
        t2 = time.perf_counter()
        view = select_view(g, findings, mode="overview")
        html = render_view(view, g.profile)
        t3 = time.perf_counter()
        out = DATA / f"overview-{n}.html"
        out.write_text(html, encoding="utf-8")
        print(f"{n:>10,}  {t1 - t0:>7.1f}  {t2 - t1:>8.1f}  {t3 - t2:>7.1f}  {len(view.nodes):>6,}  "
              f"{out.stat().st_size / 1e6:>7.2f}", flush=True)


if __name__ == "__main__":
    main()
