"""Benchmark: the checks and the rendering of findings, with loading left out.

Loads each bundle once with ``load_bundle`` (not timed here: bench_core.py times the load),
then prints:

- ``run``: ``run_codes`` for the selected codes in one call on a fresh graph (derived tables
  shared between codes are paid once), then ``to_json`` and ``to_csv`` of those findings;
- ``alone``: each code on its own fresh graph (what ``check --select CODE`` costs after loading,
  derived tables included), so a slow code shows by itself.

Each figure is given as wall-clock and CPU seconds of this process: on a machine shared with
other work the CPU seconds are the comparable ones.

    python benchmarks/bench_checks.py                         # 10^6: GK0,GK1,GK2 run; 10^5: every code alone
    python benchmarks/bench_checks.py --data /path/to/.data   # bundles generated elsewhere
    python benchmarks/bench_checks.py --sizes 100000 --run GK --alone GK0,GK1
"""

from __future__ import annotations

import argparse
import dataclasses
import resource
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

if TYPE_CHECKING:   # graphkpi itself is imported inside the timed functions
    from graphkpi.graph import PlanGraph

DATA = Path(__file__).parent / ".data"
T = TypeVar("T")


def _fresh(g: PlanGraph) -> PlanGraph:
    """The same tables in a new PlanGraph, so no derived table computed earlier is reused."""
    return dataclasses.replace(g)


def _timed(fn: Callable[[], T]) -> tuple[tuple[float, float], T]:
    """``fn()`` with its wall-clock and CPU seconds."""
    wall, cpu = time.perf_counter(), time.process_time()
    out = fn()
    return (time.perf_counter() - wall, time.process_time() - cpu), out


def bench(folder: Path, run: str, alone: str) -> None:
    """Print the ``run`` and ``alone`` tables for one bundle."""
    from graphkpi.checks.registry import select_codes
    from graphkpi.checks.run import run_codes
    from graphkpi.load import load_bundle
    from graphkpi.render.findings import to_csv, to_json

    t0 = time.perf_counter()
    g = load_bundle(folder)
    print(f"\n{folder.name}: {len(g.projects):,} projects, {len(g.elements):,} elements, {len(g.links):,} links "
          f"(load {time.perf_counter() - t0:.2f} s, not counted below)")
    if run:
        codes = select_codes([run])
        checks, found = _timed(lambda: run_codes(_fresh(g), codes))
        as_json, js = _timed(lambda: to_json(found, g, codes, str(folder)))
        as_csv, cs = _timed(lambda: to_csv(found, g))
        print(f"run {run}: {len(found):,} findings, {len(js) / 1e6:.1f} MB JSON, {len(cs) / 1e6:.1f} MB CSV")
        print(f"{'stage':<12}{'wall s':>10}{'cpu s':>10}")
        for name, (wall, cpu) in (("run_codes", checks), ("to_json", as_json), ("to_csv", as_csv)):
            print(f"{name:<12}{wall:>10.2f}{cpu:>10.2f}")
    if alone:
        print(f"each code alone (fresh graph):\n{'code':<8}{'wall s':>10}{'cpu s':>10}{'findings':>10}")
        total = [0.0, 0.0]
        for code in select_codes([alone]):
            (wall, cpu), found = _timed(lambda code=code: run_codes(_fresh(g), [code]))
            total = [total[0] + wall, total[1] + cpu]
            print(f"{code:<8}{wall:>10.2f}{cpu:>10.2f}{len(found):>10,}", flush=True)
        print(f"{'sum':<8}{total[0]:>10.2f}{total[1]:>10.2f}")
    print(f"peak memory so far: {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:,.0f} MB")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", type=Path, default=DATA, help="folder holding core-<n>-<seed> bundles")
    ap.add_argument("--sizes", type=int, nargs="+", default=[1_000_000, 100_000])
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--run", default=None, help="codes run together (default: GK0,GK1,GK2 at 10^6, none else)")
    ap.add_argument("--alone", default=None, help="codes timed alone (default: every code below 10^6)")
    args = ap.parse_args()
    from graphkpi.synth import generate_bundle

    for n in args.sizes:
        folder = args.data / f"core-{n}-{args.seed}"
        if not (folder / "projects.csv").exists():
            generate_bundle(folder, n, args.seed)
        big = n >= 1_000_000
        run = args.run if args.run is not None else ("GK0,GK1,GK2" if big else "")
        alone = args.alone if args.alone is not None else ("" if big else "GK")
        bench(folder, run, alone)


if __name__ == "__main__":
    main()
