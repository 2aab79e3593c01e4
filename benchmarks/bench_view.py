"""Benchmark: HTML views of generated national-scale bundles.

Prints, per size: the time to load the bundle, to run the checks the view marks, to select
and render the view (with the embedded font cut to the page's characters), the nodes drawn,
the nodes the page holds behind its groups, and the file size. Goals: a 10^6-project overview
in <= 30 s and <= 10 MB; a --province view of a 10^5-project bundle (its largest province) in
<= 15 s.

    python benchmarks/bench_view.py                          # overview of 10^5 and 10^6 projects
    python benchmarks/bench_view.py --sizes 1000000 --province 100000
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

from benchdata import generated

from graphkpi.checks import CheckOptions, run_checks
from graphkpi.load import load_bundle
from graphkpi.views import render_view, select_view
from graphkpi.views.select import shown_codes


def run(n: int, seed: int, mode: str, out_dir: Path) -> None:
    """One view of the ``n``-project bundle, timed step by step."""
    folder = generated("core", n, seed)
    t0 = time.perf_counter()
    g = load_bundle(folder)
    t1 = time.perf_counter()
    findings = run_checks(g, CheckOptions(select=shown_codes(mode)))
    t2 = time.perf_counter()
    target = ""
    if mode == "province":   # the province with the most projects of its own (not the national ones)
        areas = g.project_areas["area"]
        target = str(areas[areas != "national"].value_counts().index[0])
    view = select_view(g, findings, mode=mode, target=target)
    html = render_view(view, g.profile)
    t3 = time.perf_counter()
    out = out_dir / f"{mode}-{n}.html"
    out.write_text(html, encoding="utf-8")
    print(f"{mode:>9} {target:>6}  {n:>10,}  {t1 - t0:>7.1f}  {t2 - t1:>8.1f}  {t3 - t2:>7.1f}  {len(view.nodes):>6,}  "
          f"{len(view.hidden):>7,}  {out.stat().st_size / 1e6:>7.2f}", flush=True)
    for note in view.notes:
        print(f"    {note}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", type=int, nargs="*", default=[100_000, 1_000_000], help="overview of these sizes")
    ap.add_argument("--province", type=int, nargs="*", default=[], help="--province view of these sizes")
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args()
    print(f"{'view':>9} {'target':>6}  {'projects':>10}  {'load_s':>7}  {'checks_s':>8}  {'view_s':>7}  {'nodes':>6}  "
          f"{'held':>7}  {'html_mb':>7}")
    with tempfile.TemporaryDirectory() as tmp:
        for n in args.sizes:
            run(n, args.seed, "overview", Path(tmp))
        for n in args.province:
            run(n, args.seed, "province", Path(tmp))


if __name__ == "__main__":
    main()
