"""Benchmark: what 10⁴ suppressions cost a check (the budget is 10 % of the check).

Generates (once) a bundle of N projects, loads it, runs every check, renders the JSON, and then
screens the findings with a suppression file of E entries: most name a real finding's subject
(in force, some expired), some name subjects that have no finding (GK902), a few cover a whole
code. Prints the check's stages and the suppression's (reading the TOML file, matching), each
the median of --repeat runs, and the ratio side by side.

    python benchmarks/bench_suppress.py                        # 10^5 projects, 10^4 entries
    python benchmarks/bench_suppress.py --projects 20000       # a quick run
"""

from __future__ import annotations

import argparse
import random
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from benchdata import generated


def timed(fn: Callable[[], Any], repeat: int) -> tuple[float, Any]:
    """The median wall time of ``repeat`` calls, and the last result."""
    times, out = [], None
    for _ in range(repeat):
        t0 = time.perf_counter()
        out = fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times), out


def suppression_file(path: Path, findings: list, entries: int, seed: int) -> Path:
    """``entries`` entries: 70 % real subjects (a tenth of them expired), 29 % unknown subjects, 1 % code-wide."""
    rng = random.Random(seed)
    real = rng.sample(findings, min(len(findings), int(entries * 0.7)))
    lines = []
    for i, f in enumerate(real):
        until = '\nuntil = "2560-01-01"' if i % 10 == 0 else '\nuntil = "2580-09-30"'
        lines.append(f'[[suppress]]\ncode = "{f.code}"\nsubject = "{f.subject}"\nreason = "ยอมรับแล้ว {i}"{until}\n')
    codes = sorted({f.code for f in findings})
    for i in range(entries - len(real) - entries // 100):
        lines.append(f'[[suppress]]\ncode = "{rng.choice(codes)}"\nsubject = "X-{i:06d}"\nreason = "ไม่มีแล้ว"\n')
    for i in range(entries // 100):
        lines.append(f'[[suppress]]\ncode = "{codes[i % len(codes)][:4]}"\nreason = "ทั้งกลุ่ม"\nuntil = "2500-01-01"\n')
    path.write_text("\n".join(lines), encoding="utf-8")
    return path


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--projects", type=int, default=100_000)
    ap.add_argument("--entries", type=int, default=10_000)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()

    from graphkpi.checks.registry import implementations
    from graphkpi.checks.run import run_codes
    from graphkpi.load import load_bundle
    from graphkpi.render.findings import to_json
    from graphkpi.screen import Screen
    from graphkpi.suppress import CODES, parse_date, read_suppressions

    folder = generated("core", args.projects, args.seed)    # shared with bench_core.py
    t_load, g = timed(lambda: load_bundle(folder), 1)
    codes = list(implementations())
    t_checks, found = timed(lambda: run_codes(g, codes), args.repeat)
    t_render, _ = timed(lambda: to_json(found, None, codes, str(folder)), args.repeat)
    check = t_load + t_checks + t_render

    with tempfile.TemporaryDirectory() as tmp:
        path = suppression_file(Path(tmp) / "graphkpi.toml", found, args.entries, args.seed)
        t_read, sf = timed(lambda: read_suppressions(path), args.repeat)
    screen = Screen(sf, None, parse_date("2568-10-01"))
    all_codes = [*codes, *CODES]
    t_apply, screened = timed(lambda: screen.apply(found, all_codes), args.repeat)
    cost = t_read + t_apply

    print(f"bundle: {args.projects:,} projects ({folder}); findings: {len(found):,}; entries: {len(sf.entries):,}")
    print(f"check:  load {t_load:.2f} s + checks {t_checks:.2f} s + JSON {t_render:.2f} s = {check:.2f} s")
    meta = sum(f.code in CODES for f in screened.findings)
    print(f"suppressions: read {t_read:.3f} s + match {t_apply:.3f} s = {cost:.3f} s "
          f"(suppressed {screened.suppressed:,}; GK901/GK902 reported {meta:,})")
    print(f"ratio: suppressions / check = {cost / check:.1%} (without: 0 %; budget: 10 %)")


if __name__ == "__main__":
    main()
