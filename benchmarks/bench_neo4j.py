"""Benchmark: load generated bundles into Neo4j and run every check there, next to NetworkX.

For each size, in one run on the same bundle: graphkpi load time and rows (nodes +
relationships) per second, then every check's time on Neo4j and on NetworkX, and whether the
findings are identical. Needs a running server (``scripts/neo4j-dev start``; the connection
from NEO4J_URI / NEO4J_USER / NEO4J_PASSWORD). The benchmark replaces graphkpi's graph in
that database.

    eval "$(scripts/neo4j-dev env)"
    python benchmarks/bench_neo4j.py                  # 10^5 and 10^6 projects
    python benchmarks/bench_neo4j.py --sizes 20000    # a quick run
"""

from __future__ import annotations

import argparse
import time

from benchdata import generated

from graphkpi.backends.neo4j import Neo4jBackend, Neo4jConfig, load_graph, open_driver
from graphkpi.backends.networkx import NetworkXBackend
from graphkpi.checks import implementations
from graphkpi.load import load_bundle


def bench(n: int, seed: int, cfg: Neo4jConfig) -> None:
    folder = generated("core", n, seed)
    g = load_bundle(folder)
    driver = open_driver(cfg)
    try:
        stats = load_graph(driver, cfg.database, g, replace=True)
        rows = stats.rows
        print(f"\n{n:,} projects: loaded {rows:,} rows ({sum(stats.nodes.values()):,} nodes, "
              f"{sum(stats.relationships.values()):,} relationships) in {stats.seconds:.1f} s "
              f"= {rows / stats.seconds:,.0f} rows/s (incl. deleting the previous graph: {stats.deleted:,} nodes)")
        neo, nx = Neo4jBackend(driver, cfg.database, g.profile), NetworkXBackend(g)
        print(f"{'code':>6}  {'neo4j_s':>9}  {'networkx_s':>10}  {'ratio':>7}  {'findings':>9}  same")
        tot_neo = tot_nx = 0.0
        for code in implementations():
            t0 = time.perf_counter()
            a = neo.findings([code])
            t_neo = time.perf_counter() - t0
            t0 = time.perf_counter()
            b = nx.findings([code])
            t_nx = time.perf_counter() - t0
            tot_neo, tot_nx = tot_neo + t_neo, tot_nx + t_nx
            same = [(f.key, f.subject_kind, f.details) for f in a] == [(f.key, f.subject_kind, f.details) for f in b]
            print(f"{code:>6}  {t_neo:>9.2f}  {t_nx:>10.2f}  {t_neo / max(t_nx, 1e-9):>7.1f}  {len(a):>9,}  {same}",
                  flush=True)
        print(f"{'all':>6}  {tot_neo:>9.2f}  {tot_nx:>10.2f}  {tot_neo / max(tot_nx, 1e-9):>7.1f}")
    finally:
        driver.close()


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", type=int, nargs="+", default=[100_000, 1_000_000])
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args()
    cfg = Neo4jConfig.from_env()
    for n in args.sizes:
        bench(n, args.seed, cfg)


if __name__ == "__main__":
    main()
