"""The UTF-8 check of a bundle's projects file, begun while the command's modules import.

Why: a command that loads a national bundle first spends 0.3 s importing pandas, networkx and
its own modules, on one core, while the other waits. The loader must know that projects.csv is
all UTF-8 before it leaves the file's free text unparsed (:mod:`graphkpi.load.deferred`): 0.4
CPU-s at 10⁶ projects for arrow's validator, which releases the GIL. Begun here, on one thread
(a second would take its core from the imports), it runs in that idle time instead of beside
the file's parse.

Nothing here waits on the import lock of a module the main thread is importing: this module
imports only the standard library, and :func:`start_utf8` imports numpy, pyarrow and the
validator before the thread starts.

An answer is only ever taken for the file it read: the loader gives the ``fstat`` of the file it
opened, and it must be the one taken here before reading (device, inode, size, modification
time to the nanosecond). Otherwise, or when the check failed, the loader checks the file itself.
"""

from __future__ import annotations

import mmap
import os
import stat
import threading
from concurrent.futures import Future
from pathlib import Path

# Files smaller than this are checked by the loader as before (10⁵ projects: 70 MB, 0.04 s).
PREFETCH_FROM = 128 << 20

_Identity = tuple[int, int, int, int]
_begun: dict[str, tuple[_Identity, Future[bool]]] = {}
_lock = threading.Lock()


def identity(st: os.stat_result) -> _Identity:
    """What tells that two opens of a file read the same bytes."""
    return st.st_dev, st.st_ino, st.st_size, st.st_mtime_ns


def start_utf8(path: Path) -> None:
    """Begin checking that the file at ``path`` is all UTF-8, in a thread; nothing when it is
    small, not a regular file, unreadable, already begun, or the machine has one core. Errors
    are the loader's to find and say."""
    name = os.path.realpath(path)
    try:
        fd = os.open(name, os.O_RDONLY)
    except OSError:
        return
    try:
        st = os.fstat(fd)
        wanted = stat.S_ISREG(st.st_mode) and st.st_size >= PREFETCH_FROM and name not in _begun
    except OSError:
        wanted = False
    if wanted:
        import numpy  # noqa: F401  (what the check imports, imported here: see the module's docstring)
        import pyarrow  # noqa: F401

        from graphkpi.load.encoding import valid_utf8
        from graphkpi.parallel import cores

        wanted = cores() > 1
    if not wanted:
        os.close(fd)
        return
    answer: Future[bool] = Future()
    answer.set_running_or_notify_cancel()

    def check() -> None:
        try:
            with mmap.mmap(fd, 0, access=mmap.ACCESS_READ) as data:
                answer.set_result(valid_utf8(data, threads=1, release=True))
        except BaseException as exc:   # the loader then checks the file itself
            answer.set_exception(exc)
        finally:
            os.close(fd)

    with _lock:
        _begun[name] = (identity(st), answer)
    threading.Thread(target=check, name="graphkpi-utf8", daemon=True).start()


def utf8_answer(path: Path, st: os.stat_result) -> Future[bool] | None:
    """The check begun of ``path`` if it reads the file whose ``fstat`` is ``st`` (taken once); None
    when none was begun or it reads another file. Its result may be an error (the file could not
    be mapped there)."""
    with _lock:
        begun = _begun.pop(os.path.realpath(path), None)
    return begun[1] if begun is not None and begun[0] == identity(st) else None
