"""The generated bundles the benchmarks share, made once and kept in benchmarks/.data (git-ignored)."""

from __future__ import annotations

from pathlib import Path

DATA = Path(__file__).parent / ".data"


def generated(name: str, projects: int, seed: int) -> Path:
    """``.data/NAME-PROJECTS-SEED``, generated unless an earlier run left it there (a 10⁶ bundle
    takes minutes to write; every benchmark of the same size and seed reads the same one)."""
    from graphkpi.synth import generate_bundle  # imported when used: a benchmark's child process times its own imports

    folder = DATA / f"{name}-{projects}-{seed}"
    if not (folder / "projects.csv").exists():
        generate_bundle(folder, projects, seed)
    return folder
