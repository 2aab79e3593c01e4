"""Benchmark: ``graphkpi diff`` of two national-scale bundles — time and peak memory, with the split.

For a generated bundle folder OLD (``graphkpi generate DIR --projects 1000000``), NEW is OLD with
the known edits of :mod:`graphkpi.synth.edits` (made once, beside it, unless ``--new`` names
another bundle). Prints, in this process (imports outside the timing):

- ``load``: both bundles loaded;
- ``checks``: the findings of both (every code but GK301 unless ``--gk301``: GK301 alone takes
  about 85 s per 10⁶-project bundle, see RESULTS.md);
- ``compare``: changes, moves and shifts (:func:`graphkpi.analysis.diff.compare`) and the
  findings compared by key;
- ``json``: the contract's document rendered;

then ``cli``: ``graphkpi diff OLD NEW --format json -o FILE`` end to end in a child process
(wall time and the child's peak RSS), with the same codes.

    python benchmarks/bench_diff.py benchmarks/.data/diff-1000000
"""

from __future__ import annotations

import argparse
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def _peak_mb(who: int = resource.RUSAGE_SELF) -> float:
    return resource.getrusage(who).ru_maxrss / 1024


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("old", type=Path, help="a bundle folder (e.g. from graphkpi generate)")
    ap.add_argument("--new", type=Path, help="the other bundle [default: OLD with the known edits, beside it]")
    ap.add_argument("--gk301", action="store_true", help="run GK301 too")
    args = ap.parse_args()

    from graphkpi.analysis.diff import compare, compare_findings
    from graphkpi.checks.registry import applicable, select_codes
    from graphkpi.checks.run import run_codes
    from graphkpi.load import load_bundle
    from graphkpi.render.diff import to_json
    from graphkpi.synth.edits import apply_edits

    new = args.new
    if new is None:
        new = args.old.with_name(args.old.name + "-edited")
        if not new.exists():
            t0 = time.perf_counter()
            edits = apply_edits(args.old, new)
            print(f"edits: {len(edits)} known changes written to {new} in {time.perf_counter() - t0:.1f} s")
    codes = select_codes((), () if args.gk301 else ("GK301",))
    steps: dict[str, float] = {}

    t0 = time.perf_counter()
    old_g, new_g = load_bundle(args.old), load_bundle(new)
    steps["load"] = time.perf_counter() - t0
    t0 = time.perf_counter()
    old_f = run_codes(old_g, applicable(codes, old_g.files))
    new_f = run_codes(new_g, applicable(codes, new_g.files))
    steps["checks"] = time.perf_counter() - t0
    t0 = time.perf_counter()
    diff = compare_findings(compare(old_g, new_g, old_g.years_given_be), old_f, new_f, args.old, new)
    steps["compare"] = time.perf_counter() - t0
    t0 = time.perf_counter()
    doc = to_json(diff, str(args.old), str(new), "th", old_g.years_given_be)
    steps["json"] = time.perf_counter() - t0
    print(f"projects: {len(old_g.projects):,} and {len(new_g.projects):,}; changes {len(diff.changes):,}; "
          f"findings new {len(diff.new_findings):,}, fixed {len(diff.fixed_findings):,}, "
          f"persisting {diff.persisting:,}; JSON {len(doc) / 1e6:.1f} MB")
    for name, sec in steps.items():
        print(f"{name:8s} {sec:7.1f} s")
    print(f"{'total':8s} {sum(steps.values()):7.1f} s   peak RSS {_peak_mb() / 1024:.2f} GB (this process)")
    del doc, diff, old_g, new_g, old_f, new_f

    with tempfile.TemporaryDirectory() as tmp:
        cmd = [sys.executable, "-m", "graphkpi", "diff", str(args.old), str(new), "--format", "json", "-q",
               "-o", str(Path(tmp) / "diff.json"), *([] if args.gk301 else ["--ignore", "GK301"])]
        t0 = time.perf_counter()
        subprocess.run(cmd, check=True)
        wall = time.perf_counter() - t0
    print(f"cli      {wall:7.1f} s   peak RSS {_peak_mb(resource.RUSAGE_CHILDREN) / 1024:.2f} GB "
          f"({' '.join(cmd[3:])})")


if __name__ == "__main__":
    main()
