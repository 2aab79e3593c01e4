"""Small memory pages for a command that loads a bundle: no transparent huge pages (THP).

Why: numpy and arrow's allocator ask the kernel for 2 MB pages on their large buffers, and on
a virtual machine that hands its free memory back to the host (free page reporting, as
Firecracker and cloud VMs do), each such page is zeroed in memory the host must back anew.
On the benchmark machine that zeroing was half of all CPU samples of a 10⁶-project check
(``perf``: ``clear_page_erms`` under ``do_huge_pmd_anonymous_page``) and 7–13 s of system
time; with 4 kB pages the same run's system time was about 2.4 s. The run touches each page about once
(its peak memory is its whole footprint), so huge pages save it little anywhere.

The setting is the process's own (``prctl(PR_SET_THP_DISABLE)``, Linux ≥ 3.15), inherited by
processes it starts; elsewhere, or when the call fails, nothing changes.
"""

from __future__ import annotations

import ctypes
import sys

_PR_SET_THP_DISABLE = 41


def small_pages() -> bool:
    """Turn transparent huge pages off for this process; whether the kernel agreed."""
    if not sys.platform.startswith("linux"):
        return False
    try:
        return ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_THP_DISABLE, 1, 0, 0, 0) == 0
    except (OSError, AttributeError):  # no C library or no prctl: nothing to turn off
        return False
