"""Where graphkpi writes a file the user named (``-o``): safely, or not at all.

A regular file is replaced atomically — a temporary file beside it, then a rename — so a run
that fails leaves nothing half-written, and a replaced file keeps its permission bits. A
special file (a device such as ``/dev/null``, a FIFO, ``/dev/stdout`` into a pipe) is written in
place: renaming over it would replace the device node itself. A read-only file, a file of the
input bundle and a path that cannot be written are refused before any work is done
(``check_output``); an ``OSError`` while writing becomes the same kind of message.
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import stat
import tempfile
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import BinaryIO

from graphkpi.render.i18n import t

# Paths that name an open descriptor of this process (/dev/stdout, /dev/fd/1, /proc/self/fd/1):
# the shell already opened them, so they are written in place, never renamed over, even when
# the shell redirected them to a regular file. (/dev/shm/x.csv is an ordinary file.)
DESCRIPTOR = re.compile(r"/dev/(stdout|stderr|fd/\d+)|/proc/(self|thread-self|\d+)/fd/\d+")


class OutputError(Exception):
    """An output that must not or cannot be written; ``text`` is the user's message."""

    def __init__(self, key: str, **fmt: object) -> None:
        super().__init__(key)
        self.key, self.fmt = key, fmt

    def text(self, lang: str = "th") -> str:
        return t(self.key, lang, **self.fmt)


def _stat(path: Path) -> os.stat_result | None:
    """``os.stat`` following symlinks, or None when nothing (or a path under a file) is there."""
    try:
        return os.stat(path)
    except (FileNotFoundError, NotADirectoryError):
        return None


def _same_file(a: os.stat_result, b: os.stat_result) -> bool:
    return (a.st_dev, a.st_ino) == (b.st_dev, b.st_ino)


def _input_files(source: Path) -> Iterator[Path]:
    """The files an input consists of: the workbook or profile itself, or every file of a bundle folder."""
    if source.is_file():
        yield source
    elif source.is_dir():
        yield from (p for p in source.iterdir() if p.is_file())


def check_output(path: Path, inputs: Iterable[Path] = (), reserved: Iterable[str] = ()) -> None:
    """Raise OutputError when writing ``path`` would destroy an input or cannot succeed.

    Inputs are compared by device and inode, so a symlink or a hard link to a bundle file is
    caught as well as the file itself. ``reserved``: the names (any case) a folder input reads
    when they are there, so ``-o bundle/leads.csv`` cannot add a file the next load would read.
    Cheap: called before the bundle is even loaded.
    """
    names = {n.lower() for n in reserved}
    folder_st = _stat(Path(os.path.abspath(path)).parent)
    for source in inputs:
        if (names and folder_st is not None and source.is_dir() and path.name.lower() in names
                and _same_file(folder_st, os.stat(source))):
            raise OutputError("output_is_input", path=path, source=source)
    target = _stat(path)
    if target is not None:
        for source in inputs:
            for file in _input_files(source):
                if _same_file(target, os.stat(file)):
                    if file == source:   # the input is this very file (a query, a baseline)
                        raise OutputError("output_is_the_input", path=path)
                    raise OutputError("output_is_input", path=path, source=source)
        if not stat.S_ISREG(target.st_mode):
            return  # a device, FIFO or socket: written in place
        # root may write anything, so the mode is what says "do not replace me"
        if not target.st_mode & 0o222 or not os.access(path, os.W_OK):
            raise OutputError("output_read_only", path=path)
    folder = Path(os.path.abspath(path)).parent
    while not folder.exists() and folder != folder.parent:
        folder = folder.parent  # missing folders are created; the nearest existing one must be a folder
    if not folder.is_dir():
        raise OutputError("output_not_folder", path=path, folder=_under_file(path))
    if not os.access(folder, os.W_OK | os.X_OK):
        raise OutputError("output_folder_unwritable", path=path, folder=folder)


def _under_file(path: Path) -> Path:
    """The first existing non-folder on the way down to ``path`` (``some_file`` in ``some_file/x.csv``)."""
    for parent in reversed(Path(os.path.abspath(path)).parents):
        if parent.exists() and not parent.is_dir():
            return parent
    return path.parent


def _in_place(path: Path) -> bool:
    st = _stat(path)
    if st is not None and not stat.S_ISREG(st.st_mode):
        return True
    return DESCRIPTOR.fullmatch(os.path.abspath(path)) is not None


def _failed(path: Path, exc: OSError) -> OutputError:
    return OutputError("output_failed", path=path, reason=exc.strerror or exc.__class__.__name__)


@contextlib.contextmanager
def open_output(path: Path) -> Iterator[BinaryIO]:
    """A binary handle whose bytes end up at ``path``: atomically for a regular file, in place
    for a special file. An OSError while opening, writing or renaming raises OutputError."""
    check_output(path)
    if _in_place(path):
        try:
            with open(path, "wb") as fh:
                yield fh
        except OSError as exc:
            raise _failed(path, exc) from exc
        return
    target = Path(os.path.realpath(path))  # through a symlink: replace what it names, keep the link
    before = _stat(target)
    tmp: str | None = None
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".part", dir=target.parent)
        with os.fdopen(fd, "wb") as fh:
            yield fh
        os.chmod(tmp, stat.S_IMODE(before.st_mode) if before else 0o666 & ~_umask())
        if before is not None and hasattr(os, "chown") and os.geteuid() == 0:
            with contextlib.suppress(OSError):  # root replacing someone's file: it stays theirs
                os.chown(tmp, before.st_uid, before.st_gid)
        os.replace(tmp, target)
        tmp = None
    except OSError as exc:
        raise _failed(path, exc) from exc
    finally:
        if tmp is not None:
            with contextlib.suppress(OSError):
                os.unlink(tmp)


def write_output(path: Path, data: bytes | Sequence[bytes]) -> None:
    """Write ``data`` (bytes, or parts written one after the other: a 40 MB document is then
    not joined first) to ``path`` as ``open_output`` does."""
    with open_output(path) as fh:
        if isinstance(data, bytes):
            fh.write(data)
        else:
            fh.writelines(data)


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def check_new_folder(path: Path, key: str = "output_folder_in_use") -> None:
    """Refuse ``path`` (``OutputError`` ``key``) unless it is new or an empty folder: what a
    command writes as a whole folder is never mixed with what is already there."""
    target = Path(os.path.abspath(path))
    st = _stat(target)
    if st is not None and (not stat.S_ISDIR(st.st_mode) or any(target.iterdir())):
        raise OutputError(key, path=path)


def write_folder(path: Path, files: dict[str, bytes]) -> None:
    """Write ``files`` (name → bytes) as the new folder ``path``, or nothing: they are written into
    a temporary folder beside it, which is then renamed. ``path`` must not exist, or be an empty
    folder; a folder with files in it is never mixed with or replaced (an earlier run's reports
    stay as they were)."""
    target = Path(os.path.abspath(path))
    st = _stat(target)
    check_new_folder(path)
    check_output(target / "x")   # the parent chain can hold a folder (creates missing ones later)
    tmp: str | None = None
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        tmp = tempfile.mkdtemp(prefix=f".{target.name}.", suffix=".part", dir=target.parent)
        for name, data in files.items():
            with open(os.path.join(tmp, name), "wb") as fh:
                fh.write(data)
        os.chmod(tmp, 0o777 & ~_umask())
        if st is not None:
            os.rmdir(target)
        os.rename(tmp, target)
        tmp = None
    except OSError as exc:
        raise _failed(path, exc) from exc
    finally:
        if tmp is not None:
            shutil.rmtree(tmp, ignore_errors=True)
