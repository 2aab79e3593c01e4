"""How a large run gets its memory from the kernel: small pages, and freed memory kept for reuse.

Why: a run over a national bundle makes and frees many arrays of hundreds of MB (numpy's and
arrow's buffers), and every page the kernel hands out fresh is zeroed first. On a virtual machine
that gives freed memory back to its host (free page reporting: Firecracker, many cloud VMs) each
such page must also be backed by the host anew, which made page zeroing the largest cost the
benchmark machine's ``perf`` saw (``clear_page_erms``). Two settings cut it:

- :func:`small_pages`: no transparent huge pages for the process. numpy and arrow ask for 2 MB
  pages on large buffers; zeroing them cost 7–13 s of system time in a 10⁶-project ``check``,
  against about 2.2 s with 4 kB pages. The run touches each page about once (its peak is its
  whole footprint), so huge pages save it little anywhere. Set by every command that loads a
  bundle (``prctl(PR_SET_THP_DISABLE)``, Linux ≥ 3.15; inherited by processes it starts).
- :func:`reused_memory`: while GK301 runs, glibc serves large blocks from its heap and keeps
  freed ones for the next request, instead of a fresh ``mmap`` for every block above 32 MB that
  ``free`` unmaps again. GK301 on the generator's 10⁶ bundle: 157 → 117 s, system time 64 →
  32 s, peak 6.5 → 7.7 GB (freed blocks are reused, not always in the best fit). Not for a whole
  ``check``: there it gained nothing and took the peak from 1.7 to 2.3 GB.

Elsewhere than Linux (and glibc, for the second) both do nothing.

A third setting is Python's own: :func:`long_lived` moves what is alive when it is called (the
imported modules, then the loaded graph) out of the cyclic collector's generations. Python runs a
full collection each time the objects that survived grow by a quarter, and each walks every
object again; at start-up that is hundreds of thousands of functions, classes and constants, and
it took about a tenth of a second of ``check data/sample``.
"""

from __future__ import annotations

import ctypes
import gc
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache

_PR_SET_THP_DISABLE = 41
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


def small_pages() -> bool:
    """Turn transparent huge pages off for this process; whether the kernel agreed."""
    if not sys.platform.startswith("linux"):
        return False
    try:
        return ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_THP_DISABLE, 1, 0, 0, 0) == 0
    except (OSError, AttributeError):  # no C library or no prctl: nothing to turn off
        return False


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


_FREEZES = 2    # before and after a command's (first) load
_frozen = 0


def long_lived() -> None:
    """Exempt every object alive now from the cyclic collector (``gc.freeze``): they live until the
    command exits (modules, the loaded graph). Garbage is collected first, so none is kept.
    Reference counting still frees a frozen object that is dropped, but a reference cycle among
    frozen objects (networkx's graphs hold some) stays until exit; so only the first load of a
    process freezes, and a process that loads many bundles (a test run) keeps at most one."""
    global _frozen
    with _lock:
        if _frozen >= _FREEZES:
            return
        _frozen += 1
    gc.collect()
    gc.freeze()
