"""Benchmark: hostile shapes of the plan hierarchy on both backends, side by side.

Shapes (graphkpi.synth.degenerate): a cycle of 10,000 elements with 10 projects linked into
it, a single chain 100,000 elements deep under a strategy with one project at the bottom, and
for the HTML view chains of 1,000 and 4,000 elements and a strategy with 4,000 elements
directly below it. Prints, per shape: every check on NetworkX and on Neo4j (total seconds,
and whether the findings are identical), the time to load the graph into Neo4j, ``trace``
from the project, and the overview view (select + render). Neo4j needs a running server
(``eval "$(scripts/neo4j-dev env)"``; the benchmark replaces graphkpi's graph there);
``--no-neo4j`` skips it.

    python benchmarks/bench_degenerate.py
    python benchmarks/bench_degenerate.py --cycle 2000 --chain 5000 --views 1000 --no-neo4j
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Callable
from pathlib import Path

from graphkpi.analysis.trace import trace
from graphkpi.backends.networkx import NetworkXBackend
from graphkpi.checks import implementations, run_checks
from graphkpi.load import load_bundle
from graphkpi.render.tree import render_tree
from graphkpi.synth.degenerate import chain_bundle, cycle_bundle, wide_bundle
from graphkpi.views import render_view, select_view

DATA = Path(__file__).parent / ".data"


def timed(fn: Callable[[], object]) -> tuple[float, object]:
    t0 = time.perf_counter()
    out = fn()
    return time.perf_counter() - t0, out


def comparable(findings: list) -> list[tuple]:
    return [(f.key, f.subject_kind, f.details) for f in findings]


def checks(name: str, folder: Path, neo4j: bool) -> None:
    """Every check on both backends, the Neo4j load, and trace from the project."""
    t_load, g = timed(lambda: load_bundle(folder))
    codes = list(implementations())
    t_nx, expected = timed(lambda: NetworkXBackend(g).findings(codes))
    t_trace, _ = timed(lambda: render_tree(trace(g, "P000000"), g))
    line = f"{name:<14} {t_load:>7.1f} {t_nx:>12.1f} {t_trace:>8.1f}"
    if neo4j:
        from graphkpi.backends.neo4j import Neo4jBackend, Neo4jConfig, load_graph, open_driver

        cfg = Neo4jConfig.from_env()
        driver = open_driver(cfg)
        try:
            t_into, _ = timed(lambda: load_graph(driver, cfg.database, g, replace=True))
            t_neo, got = timed(lambda: Neo4jBackend(driver, cfg.database, g.profile).findings(codes))
        finally:
            driver.close()
        same = comparable(got) == comparable(expected)
        line += f" {t_into:>12.1f} {t_neo:>10.1f} {'yes' if same else 'NO':>5}"
    print(f"{line} {len(expected):>9,}", flush=True)


def view(name: str, folder: Path) -> None:
    """The overview as ``graphkpi view`` makes it: checks, select, layout and render."""
    g = load_bundle(folder)
    t_checks, found = timed(lambda: run_checks(g))
    t_select, v = timed(lambda: select_view(g, found))
    t_render, html = timed(lambda: render_view(v, g.profile))
    print(f"{name:<14} {len(v.nodes):>7,} {t_checks:>8.1f} {t_select:>8.1f} {t_render:>8.1f} "
          f"{len(html) / 1e6:>8.1f}", flush=True)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--cycle", type=int, default=10_000, help="elements in the cycle")
    ap.add_argument("--chain", type=int, default=100_000, help="depth of the chain")
    ap.add_argument("--views", type=int, nargs="+", default=[1_000, 4_000], help="elements in the view shapes")
    ap.add_argument("--no-neo4j", action="store_true", help="NetworkX only")
    args = ap.parse_args()
    neo4j = not args.no_neo4j
    print(f"{'shape':<14} {'load_s':>7} {'networkx_s':>12} {'trace_s':>8}"
          + (f" {'neo4j_load_s':>12} {'neo4j_s':>10} {'same':>5}" if neo4j else "") + f" {'findings':>9}")
    checks(f"cycle {args.cycle:,}", cycle_bundle(DATA / f"cycle-{args.cycle}", args.cycle), neo4j)
    checks(f"chain {args.chain:,}", chain_bundle(DATA / f"chain-{args.chain}", args.chain), neo4j)
    print(f"\n{'view':<14} {'nodes':>7} {'checks_s':>8} {'select_s':>8} {'render_s':>8} {'html_mb':>8}")
    for n in args.views:
        view(f"chain {n:,}", chain_bundle(DATA / f"chain-{n}", n))
        view(f"wide {n:,}", wide_bundle(DATA / f"wide-{n}", n))


if __name__ == "__main__":
    main()
