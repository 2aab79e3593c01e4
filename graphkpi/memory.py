"""Freed memory kept for reuse during a large run, instead of handed back to the kernel.

Why: glibc's ``malloc`` serves every block above 32 MB (numpy's and arrow's large arrays) with a
fresh ``mmap`` and returns it to the kernel on ``free``; the next large array is mapped anew and
the kernel zeroes every page of it again. On a virtual machine that hands freed memory back to
its host (free page reporting: Firecracker, many cloud VMs) each such page must also be backed
by the host anew. GK301 on a 10⁶-project bundle allocates and frees tens of GB this way: on the
benchmark machine 64 s of its 157 s were system time, half of it the kernel zeroing pages
(``perf``: ``clear_page_erms`` under ``do_anonymous_page``). With large blocks taken from the heap
and the heap never trimmed while the run lasts, the same run took 117 s (31.8 s system) and its
peak grew from 6.5 to 7.7 GB (freed blocks are reused, not always in the best fit).

:func:`reused_memory` sets this for the length of a ``with`` block and hands the free memory back
(``malloc_trim``) when it ends; elsewhere than glibc it does nothing.
"""

from __future__ import annotations

import ctypes
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache

_M_TRIM_THRESHOLD = -1
_M_MMAP_MAX = -4
_DEFAULT_TRIM_THRESHOLD = 128 * 1024      # glibc's defaults (mallopt(3))
_DEFAULT_MMAP_MAX = 65536
_NEVER = 2 ** 31 - 1

_lock = threading.Lock()
_depth = 0


@cache
def _glibc() -> ctypes.CDLL | None:
    """The process's C library when it is glibc (musl's and macOS's ``mallopt`` differ or lack)."""
    if not sys.platform.startswith("linux"):
        return None
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.gnu_get_libc_version                 # noqa: B018 (glibc only)
        libc.mallopt.argtypes = [ctypes.c_int, ctypes.c_int]
        libc.malloc_trim.argtypes = [ctypes.c_size_t]
        return libc
    except (OSError, AttributeError):
        return None


@contextmanager
def reused_memory() -> Iterator[None]:
    """Within the block, large blocks come from the heap and freed memory stays in it for the
    next allocation; at its end glibc's defaults come back and the free memory is returned to
    the kernel. Nested and concurrent blocks are counted: the last to end restores."""
    global _depth
    libc = _glibc()
    if libc is None:
        yield
        return
    with _lock:
        _depth += 1
        if _depth == 1:
            libc.mallopt(_M_MMAP_MAX, 0)
            libc.mallopt(_M_TRIM_THRESHOLD, _NEVER)
    try:
        yield
    finally:
        with _lock:
            _depth -= 1
            if _depth == 0:
                libc.mallopt(_M_MMAP_MAX, _DEFAULT_MMAP_MAX)
                libc.mallopt(_M_TRIM_THRESHOLD, _DEFAULT_TRIM_THRESHOLD)
                libc.malloc_trim(0)
