"""Benchmark: what the message catalogue costs at start-up and per message.

Prints, each the best of ``--repeat`` runs:
- the cost of the first label (``t("total")``, its module's import included) and of the first
  ``catalog()`` in a fresh interpreter: what the catalogue adds to a command's start;
- microseconds per label and per finding message (every finding of ``data/sample``, both languages).

    python benchmarks/bench_messages.py
    python benchmarks/bench_messages.py --repeat 20
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
# name -> (setup, then the timed statement), each run in a fresh interpreter
COLD = {
    "first label (import included)": ("import time; t0 = time.perf_counter()",
                                      "from graphkpi.render.i18n import t; t('total')"),
    "finding catalogue, first catalog()": ("from graphkpi.checks.registry import catalog; import time; "
                                           "t0 = time.perf_counter()", "catalog()"),
}


def cold(setup: str, stmt: str, repeat: int) -> float:
    """Best time of ``stmt`` run once after ``setup`` in a fresh interpreter (nothing cached yet)."""
    code = f"{setup}\n{stmt}\nprint(time.perf_counter() - t0)"
    runs = [float(subprocess.run([sys.executable, "-c", code], check=True, cwd=REPO, capture_output=True,
                                 text=True).stdout) for _ in range(repeat)]
    return min(runs)


def warm(repeat: int) -> tuple[float, float, int]:
    """Microseconds per label and per finding message, and how many findings were rendered."""
    from graphkpi.backends.networkx import NetworkXBackend
    from graphkpi.checks import select_codes
    from graphkpi.load import load_bundle
    from graphkpi.render import findings as fr
    from graphkpi.render.i18n import t

    n = 20_000
    label = min(_timed(lambda: [t("projects_total", "th", n=1, budget=2) for _ in range(n)]) for _ in range(repeat))
    b = NetworkXBackend(load_bundle(REPO / "data" / "sample", "th-xyz"))
    found = b.findings(select_codes(ignore=["GK301"]))
    facts = {lang: fr.facts(found, b, lang) for lang in ("th", "en")}
    per = min(_timed(lambda: [fr.message(f, facts[lang], lang) for lang in ("th", "en") for f in found])
              for _ in range(repeat))
    return label / n * 1e6, per / (2 * len(found)) * 1e6, len(found)


def _timed(fn: Callable[[], object]) -> float:
    t0 = time.perf_counter()
    fn()
    return time.perf_counter() - t0


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--repeat", type=int, default=10)
    args = ap.parse_args()
    print(f"{'cold, in a fresh interpreter':<52}  {'ms':>7}")
    for name, (setup, stmt) in COLD.items():
        print(f"{name:<52}  {cold(setup, stmt, args.repeat) * 1000:>7.1f}")
    label, finding, n = warm(args.repeat)
    print(f"label t(...), filled                                  {label:>7.2f} µs")
    print(f"finding message ({n} findings of data/sample, th+en)   {finding:>7.2f} µs")


if __name__ == "__main__":
    main()
