"""The peer graphkpi is measured against: what a data engineer would write instead.

Reads the same CSV files with DuckDB and finds orphan projects (GK101: no link to an existing
element) and broken chains (GK201: existing links, none of whose chains reach a root element)
with a recursive CTE. It prints the two counts and its own time, so the benchmark can both
time it and check that it answers the same question as graphkpi.

    python benchmarks/peer_duckdb.py BUNDLE [--root-level strategy]
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

import duckdb

QUERY = """
CREATE TEMP TABLE el AS
  SELECT trim(id) AS id, trim(level) AS level, coalesce(parents, '') AS parents
  FROM read_csv('{elements}', all_varchar = true, header = true);
CREATE TEMP TABLE pj AS
  SELECT trim(id) AS id, coalesce(links, '') AS links
  FROM read_csv('{projects}', all_varchar = true, header = true);
CREATE TEMP TABLE up AS            -- cascade edges between existing elements
  SELECT DISTINCT e.id AS child, trim(p.parent) AS parent
  FROM el e, unnest(string_split(e.parents, ';')) AS p(parent)
  WHERE trim(p.parent) IN (SELECT id FROM el);
CREATE TEMP TABLE lk AS            -- project links to existing elements
  SELECT DISTINCT p.id AS project, trim(l.element) AS element
  FROM pj p, unnest(string_split(p.links, ';')) AS l(element)
  WHERE trim(l.element) IN (SELECT id FROM el) {extra_links};
CREATE TEMP TABLE z AS             -- elements whose chains reach a root
  WITH RECURSIVE r(id) AS (
    SELECT id FROM el WHERE level = $root
    UNION SELECT up.child FROM up JOIN r ON up.parent = r.id)
  SELECT id FROM r;
SELECT
  (SELECT count(*) FROM pj WHERE id NOT IN (SELECT project FROM lk)) AS gk101,
  (SELECT count(DISTINCT project) FROM lk
     WHERE project NOT IN (SELECT project FROM lk WHERE element IN (SELECT id FROM z))) AS gk201;
"""


def run(bundle: Path, root_level: str) -> dict[str, float | int]:
    t0 = time.perf_counter()
    extra = bundle / "project_links.csv"
    extra_links = (f"UNION SELECT trim(project), trim(element) FROM read_csv('{extra}', all_varchar = true) "
                   "WHERE trim(element) IN (SELECT id FROM el)") if extra.exists() else ""
    con = duckdb.connect()
    sql = QUERY.format(elements=bundle / "elements.csv", projects=bundle / "projects.csv", extra_links=extra_links)
    *setup, final = [s for s in sql.split(";\n") if s.strip()]
    for statement in setup:
        con.execute(statement, {"root": root_level} if "$root" in statement else None)
    gk101, gk201 = con.execute(final).fetchone()
    return {"gk101": gk101, "gk201": gk201, "seconds": time.perf_counter() - t0}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("bundle", type=Path)
    ap.add_argument("--root-level", default="strategy")
    args = ap.parse_args()
    print(json.dumps(run(args.bundle, args.root_level)))


if __name__ == "__main__":
    main()
