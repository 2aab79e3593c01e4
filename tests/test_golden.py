"""Outputs stored before the core was rebuilt: every command that shows findings must print them
byte for byte the same, on the sample bundle and on a generated one, both as they were under
version 1 of the bundle format (frozen in ``tests/bundles_v1/``): a version-1 bundle must check
exactly as before, whatever later versions add to the sample and the generator.

Regenerate only for an intended change of output: ``python tests/test_golden.py`` rewrites the
files, and the diff is reviewed like code.
"""

from __future__ import annotations

import json
import os
import sys
import tarfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from graphkpi.cli import main

GOLDEN = Path(__file__).parent / "golden"
# sample.tar.xz: data/sample as it was; generated.tar.xz: `generate --projects 3000 --seed 11` as it was
BUNDLES_V1 = Path(__file__).parent / "bundles_v1"

# name -> (bundle: "sample" or "generated", arguments after the bundle path)
CASES: dict[str, tuple[str, tuple[str, ...]]] = {
    "sample-check.json": ("sample", ("check", "--format", "json")),
    "sample-check-en.json": ("sample", ("check", "--format", "json", "--lang", "en")),
    "sample-check.csv": ("sample", ("check", "--format", "csv", "--lang", "en")),
    "sample-check.txt": ("sample", ("check",)),
    "sample-check-be.json": ("sample", ("check", "--format", "json", "--years", "be", "--select", "GK1,GK2")),
    "sample-orphans.json": ("sample", ("orphans", "--format", "json")),
    "sample-orphans.txt": ("sample", ("orphans",)),
    "sample-chains.json": ("sample", ("chains", "--format", "json")),
    "sample-duplicates.json": ("sample", ("duplicates", "--format", "json")),
    "sample-lead-gaps.json": ("sample", ("lead-gaps", "--format", "json")),
    "sample-kpis.json": ("sample", ("kpis", "--format", "json")),
    "sample-matrix.csv": ("sample", ("matrix", "--format", "csv")),
    "sample-stats.json": ("sample", ("stats", "--format", "json")),
    "generated-check.json": ("generated", ("check", "--format", "json")),
    "generated-check-en.csv": ("generated", ("check", "--format", "csv", "--lang", "en")),
    "generated-orphans.json": ("generated", ("orphans", "--format", "json")),
    "generated-duplicates.json": ("generated", ("duplicates", "--format", "json")),
    "generated-lead-gaps.json": ("generated", ("lead-gaps", "--format", "json")),
}


def _run(args: list[str]) -> bytes:
    result = CliRunner().invoke(main, args, catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result.stdout_bytes


def _outputs(workdir: Path, names: list[str]) -> dict[str, bytes]:
    """Each case's output, run from ``workdir`` so the bundle path printed is relative."""
    old = Path.cwd()
    os.chdir(workdir)
    try:
        for bundle in {CASES[n][0] for n in names}:
            if not (workdir / bundle).exists():
                with tarfile.open(BUNDLES_V1 / f"{bundle}.tar.xz") as tar:
                    tar.extractall(workdir, filter="data")
        return {n: _run([CASES[n][1][0], CASES[n][0], *CASES[n][1][1:]]) for n in names}
    finally:
        os.chdir(old)


@pytest.fixture(scope="module")
def outputs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, bytes]:
    return _outputs(tmp_path_factory.mktemp("golden"), sorted(CASES))


def _without_new_codes(output: bytes, expected: bytes) -> bytes:
    """``output`` without the summary entries of codes added since ``expected`` was stored.

    A JSON summary lists every code that ran, so a code added later (GK004, GK205, …) appears
    in it even on a version-1 bundle. It must count 0 there (version 1 leaves it silent), and
    apart from that entry the output must be byte for byte the stored one.
    """
    if not output.startswith(b'{"graphkpi"'):
        return output
    new, old = json.loads(output).get("summary", {}), json.loads(expected).get("summary", {})
    for code in new.keys() - old.keys():
        assert new[code] == 0, f"{code} finds something in a version-1 bundle"
        entry = f'"{code}": 0'.encode()
        first, last = entry + b", ", b", " + entry   # inside the summary, or its last entry
        output = output.replace(first, b"", 1) if first in output else output.replace(last, b"", 1)
    return output


@pytest.mark.parametrize("name", sorted(CASES))
def test_output_is_unchanged(outputs: dict[str, bytes], name: str) -> None:
    expected = (GOLDEN / name).read_bytes()
    assert _without_new_codes(outputs[name], expected) == expected, f"{name} differs from the stored output"


def test_every_stored_output_is_a_case() -> None:
    assert sorted(p.name for p in GOLDEN.iterdir()) == sorted(CASES)


if __name__ == "__main__":  # rewrite the stored outputs
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        for name, data in _outputs(Path(tmp), sorted(CASES)).items():
            (GOLDEN / name).write_bytes(data)
            print(f"{name}: {len(data):,} bytes", file=sys.stderr)
