"""The UTF-8 check of projects.csv begun while the command's modules import: its answer is taken
only for the very file it read, and the load comes out as it would without it."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from graphkpi.load import load_bundle, prefetch, sources
from tests.conftest import write_bundle

ELEMENTS = "id,level,name,parents\nZ1,strategy,ยุทธศาสตร์,\nT1,sub_target,เป้าหมาย,Z1\n"
PROJECTS = "id,name,agency,fiscal_year,links,objective\nP1,โครงการหนึ่ง,A1,2567,T1,เพื่อหนึ่ง\n" \
           'P2,"โครงการ, สอง",A1,2567,T9,\n'


@pytest.fixture(autouse=True)
def _every_size(monkeypatch: pytest.MonkeyPatch) -> None:
    """Begin it for the small files of these tests too; none is left begun after one."""
    monkeypatch.setattr(prefetch, "PREFETCH_FROM", 0)
    monkeypatch.setattr("graphkpi.parallel.cores", lambda: 2)   # as on the machines it is for
    yield
    prefetch._begun.clear()


def _bundle(tmp_path: Path, projects: str | bytes = PROJECTS) -> Path:
    return write_bundle(tmp_path, {"elements.csv": ELEMENTS, "projects.csv": projects})


def _answer(path: Path) -> object:
    with open(path, "rb") as fh:
        return prefetch.utf8_answer(path, os.fstat(fh.fileno()))


def test_the_answer_is_the_file_s_and_taken_once(tmp_path: Path) -> None:
    projects = _bundle(tmp_path) / "projects.csv"
    prefetch.start_utf8(projects)
    answer = _answer(projects)
    assert answer is not None and answer.result(timeout=10) is True
    assert _answer(projects) is None   # taken


def test_a_file_that_is_not_utf8_is_answered_so(tmp_path: Path) -> None:
    projects = _bundle(tmp_path, PROJECTS.encode("cp874")) / "projects.csv"
    prefetch.start_utf8(projects)
    assert _answer(projects).result(timeout=10) is False


def test_no_answer_for_another_file_at_the_path(tmp_path: Path) -> None:
    """The file replaced after the check began (another inode, size and time): the loader checks
    the one it opened itself. The near miss: the path named another way (a symlink) is answered."""
    path = _bundle(tmp_path)
    projects = path / "projects.csv"
    prefetch.start_utf8(projects)
    newer = path / "newer.csv"
    newer.write_bytes(PROJECTS.encode("cp874"))
    os.replace(newer, projects)
    assert _answer(projects) is None

    link = tmp_path / "link.csv"
    link.symlink_to(projects)
    prefetch.start_utf8(link)
    assert _answer(projects).result(timeout=10) is False


def test_small_files_and_one_core_begin_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    projects = _bundle(tmp_path) / "projects.csv"
    monkeypatch.setattr(prefetch, "PREFETCH_FROM", projects.stat().st_size + 1)
    prefetch.start_utf8(projects)
    assert _answer(projects) is None
    monkeypatch.setattr(prefetch, "PREFETCH_FROM", 0)
    monkeypatch.setattr("graphkpi.parallel.cores", lambda: 1)
    prefetch.start_utf8(projects)
    assert _answer(projects) is None
    prefetch.start_utf8(tmp_path / "missing.csv")   # nothing, and no error: the loader says it
    assert prefetch._begun == {}


@pytest.mark.parametrize("encoding", ["utf-8", "cp874"])
def test_the_load_takes_the_answer_and_reads_as_without_it(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                           encoding: str) -> None:
    path = _bundle(tmp_path, PROJECTS.encode(encoding))
    without = load_bundle(path, text=False)
    prefetch.start_utf8(path / "projects.csv")
    calls: list[int] = []
    real = sources.valid_utf8
    monkeypatch.setattr(sources, "valid_utf8", lambda data: calls.append(1) or real(data))
    begun = load_bundle(path, text=False)
    assert calls == []   # the loader took the answer begun, and checked nothing itself
    assert (begun.deferred is None) == (without.deferred is None) == (encoding == "cp874")
    assert begun.names(["P1", "P2"]) == without.names(["P1", "P2"]) == {"P1": "โครงการหนึ่ง", "P2": "โครงการ, สอง"}
    assert begun.links.equals(without.links)


def test_a_check_that_failed_is_made_again_by_the_load(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = _bundle(tmp_path)

    def broken(data: object, threads: int | None = None) -> bool:
        raise OSError("no memory map here")

    monkeypatch.setattr("graphkpi.load.encoding.valid_utf8", broken)
    prefetch.start_utf8(path / "projects.csv")
    monkeypatch.undo()
    lean = load_bundle(path, text=False)
    assert lean.deferred is not None and lean.names(["P2"]) == {"P2": "โครงการ, สอง"}


def test_importing_it_imports_no_pandas() -> None:
    """It is imported before the command's modules, so that its thread never waits on the import
    of one of them (the package's own ``__init__`` imports the loader only when asked)."""
    probe = "import json, sys; import graphkpi.load.prefetch; print(json.dumps(sorted(sys.modules)))"
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True).stdout
    assert not {m.split(".")[0] for m in json.loads(out)} & {"pandas", "pyarrow", "numpy", "networkx"}


@pytest.mark.parametrize("threads", [1, 2])
def test_the_check_lets_the_map_s_pages_go_and_answers_the_same(tmp_path: Path, threads: int) -> None:
    """A file of many pages, a bad byte in its middle or none: the answer does not depend on
    the pages being let go as they are checked, nor on how many threads check them."""
    import mmap

    from graphkpi.load.encoding import valid_utf8

    line = "P1,โครงการ,A1,2567,T1\n".encode()
    good = line * (200_000 // len(line))
    bad = good[:len(good) // 2] + b"\xff" + good[len(good) // 2:]
    for data, expected in ((good, True), (bad, False)):
        path = tmp_path / f"{expected}.csv"
        path.write_bytes(data)
        with open(path, "rb") as fh, mmap.mmap(fh.fileno(), 0, access=mmap.ACCESS_READ) as mapped:
            assert valid_utf8(mapped, threads=threads, release=True) is expected
            assert mapped[:len(line)] == line   # still readable after its pages went
        assert valid_utf8(data, threads=threads, release=True) is expected
