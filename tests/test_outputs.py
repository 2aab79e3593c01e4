"""Where -o writes: special files in place, never an input, never a read-only file, clear errors.

Each case runs the real CLI (CliRunner); the cases about files and processes also run a real
subprocess. None writes to the system's /dev/null (a regression would replace it for the whole
machine): devices and FIFOs are made in tmp.
"""

from __future__ import annotations

import io
import os
import stat
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from click.testing import CliRunner

from graphkpi.cli import main
from tests.conftest import MINIMAL

ORPHAN = {**MINIMAL, "projects.csv": MINIMAL["projects.csv"] + "P2,โครงการสอง,A1,2567,500,\n"}


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args))
    assert not isinstance(result.exception, Exception) or isinstance(result.exception, SystemExit), \
        result.exception  # never a traceback
    return result.exit_code, result.stdout, result.stderr


def graphkpi(*args: str, **kw) -> subprocess.CompletedProcess:
    """``python -m graphkpi ARGS`` as a real process; output captured unless ``stdout`` is given."""
    if "stdout" not in kw:
        kw["capture_output"] = True
    return subprocess.run([sys.executable, "-m", "graphkpi", *args], timeout=120, **kw)


# --- 1. special files are written in place -----------------------------------------------


def test_fifo_is_written_not_replaced(bundle, tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    got: list[bytes] = []
    reader = threading.Thread(target=lambda: got.append(fifo.read_bytes()))
    reader.start()
    proc = graphkpi("check", str(bundle(ORPHAN)), "--format", "csv", "-o", str(fifo))
    reader.join(timeout=60)
    assert proc.returncode == 0, proc.stderr
    assert stat.S_ISFIFO(os.stat(fifo).st_mode)  # still a FIFO, not a regular file
    assert b"GK101" in got[0] and b"P2" in got[0]
    assert sorted(p.name for p in tmp_path.iterdir() if not p.is_dir()) == ["pipe"]  # no temporary left


def _char_device(tmp_path: Path) -> Path:
    """A /dev/null of our own (same major/minor) when this filesystem allows devices."""
    dev = tmp_path / "null"
    try:
        os.mknod(dev, stat.S_IFCHR | 0o666, os.makedev(1, 3))
        with open(dev, "wb") as fh:
            fh.write(b"x")
    except OSError:
        pytest.skip("cannot create or open a character device here (not root, or a nodev mount)")
    return dev


@pytest.mark.parametrize("command", [["check", "--format", "json"], ["orphans"], ["report"], ["view"]])
def test_char_device_is_written_not_replaced(bundle, tmp_path: Path, command: list[str]) -> None:
    dev = _char_device(tmp_path)
    if command[0] == "report":  # the report's format comes from the extension
        link = tmp_path / "null.html"
        link.symlink_to(dev)
        dev_arg = link
    else:
        dev_arg = dev
    code, _, err = run(command[0], str(bundle(ORPHAN)), *command[1:], "-o", str(dev_arg), "-q")
    assert code == 0, err
    assert stat.S_ISCHR(os.lstat(dev).st_mode)
    assert os.lstat(dev).st_rdev == os.makedev(1, 3)


def test_dev_stdout_into_a_pipe_writes_to_the_pipe(bundle) -> None:
    proc = graphkpi("check", str(bundle(ORPHAN)), "--format", "json", "-o", "/dev/stdout")
    assert proc.returncode == 0, proc.stderr
    assert b'"GK101"' in proc.stdout and proc.stderr == b""


def test_closed_pipe_is_a_message_not_a_traceback(bundle) -> None:
    """-o /dev/stdout into a pipe whose reader has gone: exit 2 with the reason."""
    r, w = os.pipe()
    os.close(r)
    try:
        proc = graphkpi("check", str(bundle(ORPHAN)), "--format", "json", "-o", "/dev/stdout", "--lang", "en",
                        stdout=w, stderr=subprocess.PIPE)
    finally:
        os.close(w)
    assert proc.returncode == 2
    assert b"could not be written" in proc.stderr and b"Traceback" not in proc.stderr


# --- 2. an -o naming an input is refused before any work -------------------------------------


@pytest.mark.parametrize("command", [["check", "--format", "csv"], ["orphans"], ["chains"], ["stats"],
                                     ["trace", "P1"], ["lead-gaps"], ["kpis"], ["matrix"], ["duplicates"],
                                     ["report"], ["view"]])
def test_output_onto_a_bundle_file_is_refused(bundle, command: list[str]) -> None:
    b = bundle(ORPHAN)
    target = b / "projects.csv"
    before = target.read_bytes()
    code, _, err = run(command[0], str(b), *command[1:], "-o", str(target))
    assert code == 2
    assert "ไม่เขียนทับข้อมูลนำเข้า" in err and "projects.csv" in err
    assert target.read_bytes() == before


def test_a_new_bundle_file_in_the_bundle_folder_is_refused(bundle) -> None:
    """-o b/areas.csv (absent) would become an input of the next load, and b/Projects.CSV would
    shadow projects.csv; another name in the folder is only an output, as before."""
    b = bundle(ORPHAN)
    for name in ("areas.csv", "Projects.CSV", "leads.CSV"):
        code, _, err = run("check", str(b), "--format", "csv", "-o", str(b / name), "--lang", "en")
        assert code == 2 and "not overwriting the input" in err, name
        assert not (b / name).exists() or name.lower() == "projects.csv"
    assert sorted(p.name for p in b.iterdir()) == sorted(ORPHAN)
    code, _, err = run("check", str(b), "--format", "csv", "-o", str(b / "findings.csv"))
    assert code == 0, err
    code, _, err = run("validate", str(b))
    assert code == 0, err


def test_links_to_a_bundle_file_are_refused(bundle, tmp_path: Path) -> None:
    b = bundle(ORPHAN)
    before = (b / "elements.csv").read_bytes()
    (tmp_path / "sym.csv").symlink_to(b / "elements.csv")
    os.link(b / "elements.csv", tmp_path / "hard.csv")
    for name in ("sym.csv", "hard.csv"):
        code, _, err = run("check", str(b), "--format", "csv", "-o", str(tmp_path / name), "--lang", "en")
        assert code == 2 and "not overwriting the input" in err, name
    assert (b / "elements.csv").read_bytes() == before


def test_output_onto_the_workbook_bundle_is_refused(tmp_path: Path) -> None:
    import pandas as pd

    book = tmp_path / "bundle.xlsx"
    with pd.ExcelWriter(book) as xw:
        for name, text in MINIMAL.items():
            pd.read_csv(io.StringIO(text), dtype=str).to_excel(xw, sheet_name=name.removesuffix(".csv"), index=False)
    before = book.read_bytes()
    proc = graphkpi("report", str(book), "-o", str(book), "--lang", "en")
    assert proc.returncode == 2 and b"not overwriting the input" in proc.stderr
    assert book.read_bytes() == before


def test_refused_before_loading(tmp_path: Path) -> None:
    """The check comes first: a bad bundle is not even read when -o names one of its files."""
    (tmp_path / "elements.csv").write_text("nonsense\n", encoding="utf-8")
    code, _, err = run("check", str(tmp_path), "-o", str(tmp_path / "elements.csv"), "--lang", "en")
    assert code == 2 and "not overwriting the input" in err and "required file" not in err


# --- 3. paths that cannot be written: a message, exit 2, nothing left behind ---------------


def test_path_under_a_file(bundle, tmp_path: Path) -> None:
    blocker = tmp_path / "some_file"
    blocker.write_text("x", encoding="utf-8")
    code, _, err = run("check", str(bundle(ORPHAN)), "-o", str(blocker / "x.csv"))
    assert code == 2 and "ไม่ใช่โฟลเดอร์" in err and str(blocker) in err
    code, _, err = run("check", str(bundle(ORPHAN)), "-o", str(blocker / "x.csv"), "--lang", "en")
    assert code == 2 and "is a file, not a folder" in err


def test_read_only_file_is_not_replaced(bundle, tmp_path: Path) -> None:
    out = tmp_path / "out.csv"
    out.write_text("keep me", encoding="utf-8")
    out.chmod(0o444)  # root ignores the bits; graphkpi still honours them
    proc = graphkpi("check", str(bundle(ORPHAN)), "--format", "csv", "-o", str(out), "--lang", "en")
    assert proc.returncode == 2 and b"read-only" in proc.stderr
    assert out.read_text(encoding="utf-8") == "keep me" and stat.S_IMODE(out.stat().st_mode) == 0o444


def test_replacing_a_file_keeps_its_mode(bundle, tmp_path: Path) -> None:
    out = tmp_path / "out.csv"
    out.write_text("old", encoding="utf-8")
    out.chmod(0o640)
    code, _, err = run("check", str(bundle(ORPHAN)), "--format", "csv", "-o", str(out))
    assert code == 0, err
    assert "GK101" in out.read_text(encoding="utf-8-sig") and stat.S_IMODE(out.stat().st_mode) == 0o640


def test_unwritable_place_is_a_message(bundle) -> None:
    """/proc refuses new files even to root: the write fails and is reported, in both languages."""
    code, _, err = run("check", str(bundle(ORPHAN)), "-o", "/proc/graphkpi-test/x.csv")
    assert code == 2 and "เขียนไม่สำเร็จ" in err
    proc = graphkpi("view", str(bundle(ORPHAN)), "-o", "/proc/graphkpi-test.html", "--lang", "en")
    assert proc.returncode == 2 and b"could not be written" in proc.stderr and b"Traceback" not in proc.stderr


def test_unwritable_folder_is_refused_before_work(bundle, tmp_path: Path, monkeypatch) -> None:
    """For a user without write permission (root always has it, so access() is what is asked)."""
    folder = tmp_path / "locked"
    folder.mkdir()
    real = os.access
    monkeypatch.setattr(os, "access", lambda p, mode, **kw: False if Path(p) == folder else real(p, mode, **kw))
    code, _, err = run("report", str(bundle(ORPHAN)), "-o", str(folder / "r.html"), "--lang", "en")
    assert code == 2 and "no permission to write in the folder" in err
    assert list(folder.iterdir()) == []


def test_failed_write_leaves_nothing(bundle, tmp_path: Path, monkeypatch) -> None:
    """A disk that fills up while writing: exit 2 with the reason, no temporary file stays."""
    import graphkpi.outputs as outputs

    def full(*_a, **_k):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(outputs.os, "replace", full)
    out = tmp_path / "o" / "out.json"
    code, _, err = run("check", str(bundle(ORPHAN)), "--format", "json", "-o", str(out), "--lang", "en")
    assert code == 2 and "No space left on device" in err
    assert not out.exists() and list(out.parent.iterdir()) == []


def test_generate_under_a_file_fails_before_the_work(tmp_path: Path) -> None:
    blocker = tmp_path / "some_file"
    blocker.write_text("x", encoding="utf-8")
    proc = graphkpi("generate", str(blocker / "bundle"), "--projects", "1000", "--lang", "en")
    assert proc.returncode == 2 and b"is a file, not a folder" in proc.stderr and b"Traceback" not in proc.stderr
    assert b"plan:" not in proc.stderr  # refused before the bundle was built


def test_generate_refuses_a_folder_that_holds_files_before_the_work(tmp_path: Path) -> None:
    """A mistyped folder must not turn a real bundle into a mix of generated files and its own
    (a project_links.csv the generator does not write would stay and link the new projects)."""
    out = tmp_path / "bundle"
    out.mkdir()
    (out / "project_links.csv").write_text("project,element\nP1,T1\n", encoding="utf-8")
    code, _, err = run("generate", str(out), "--projects", "1000", "-q")
    assert code == 2 and "มีไฟล์อยู่ภายใน" in err
    assert [p.name for p in out.iterdir()] == ["project_links.csv"]
    empty = tmp_path / "empty"
    empty.mkdir()
    assert run("generate", str(empty), "--projects", "1000", "-q")[0] == 0   # near-miss: an empty folder
    assert (empty / "projects.csv").is_file()


def test_output_onto_the_query_or_profile_file_is_refused(bundle, tmp_path: Path) -> None:
    """Other inputs than the bundle: a query file (refused before connecting), a profile file."""
    q = tmp_path / "q.cypher"
    q.write_text("MATCH (n) RETURN count(n)", encoding="utf-8")
    code, _, err = run("query", str(q), "-o", str(q), "--neo4j-uri", "bolt://127.0.0.1:1", "--lang", "en")
    assert code == 2 and "not overwriting the input" in err
    assert q.read_text(encoding="utf-8") == "MATCH (n) RETURN count(n)"
    profile = tmp_path / "p.toml"
    profile.write_bytes((Path(__file__).parent.parent / "graphkpi" / "profiles" / "th-xyz.toml").read_bytes())
    code, _, err = run("check", str(bundle(ORPHAN)), "--profile", str(profile), "-o", str(profile), "--lang", "en")
    assert code == 2 and "not overwriting the input" in err


def test_dev_stdout_redirected_to_a_file_is_written_in_place(bundle, tmp_path: Path) -> None:
    """`> out.json` then -o /dev/stdout: the shell's file gets the text (no rename over /proc)."""
    out = tmp_path / "out.json"
    with open(out, "wb") as fh:
        proc = graphkpi("check", str(bundle(ORPHAN)), "--format", "json", "-o", "/dev/stdout", stdout=fh,
                        stderr=subprocess.PIPE)
    assert proc.returncode == 0, proc.stderr
    assert b'"GK101"' in out.read_bytes()


@pytest.mark.skipif(not Path("/dev/shm").is_dir(), reason="no /dev/shm")
def test_ordinary_files_under_dev_are_replaced_atomically(bundle, monkeypatch) -> None:
    """/dev/shm holds ordinary files: a failed write there keeps the old file whole."""
    import graphkpi.outputs as outputs

    out = Path("/dev/shm") / f"graphkpi-test-{os.getpid()}.csv"
    out.write_text("old", encoding="utf-8")
    try:
        monkeypatch.setattr(outputs.os, "replace", lambda *_a: (_ for _ in ()).throw(OSError(28, "disk full")))
        code, _, err = run("check", str(bundle(ORPHAN)), "--format", "csv", "-o", str(out), "--lang", "en")
        assert code == 2 and "disk full" in err
        assert out.read_text(encoding="utf-8") == "old"
        assert not [p for p in out.parent.iterdir() if p.name.startswith(f".{out.name}.")]
    finally:
        out.unlink()
