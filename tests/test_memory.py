"""graphkpi.memory: inside ``reused_memory`` a large array comes from the heap, not a fresh
mapping, and freed memory is reused; after it, glibc's defaults are back."""

from __future__ import annotations

import ctypes

import numpy as np
import pytest

from graphkpi import memory


class _MallInfo2(ctypes.Structure):
    _fields_ = [(name, ctypes.c_size_t) for name in
                ("arena", "ordblks", "smblks", "hblks", "hblkhd", "usmblks", "fsmblks", "uordblks", "fordblks",
                 "keepcost")]


def _mapped_blocks() -> int:
    """How many blocks glibc holds as their own mappings (mallinfo2's ``hblks``)."""
    libc = memory._glibc()
    assert libc is not None
    libc.mallinfo2.restype = _MallInfo2
    return int(libc.mallinfo2().hblks)


pytestmark = pytest.mark.skipif(memory._glibc() is None, reason="glibc only (mallopt, mallinfo2)")


def test_large_arrays_come_from_the_heap_inside_and_mapped_outside() -> None:
    before = _mapped_blocks()
    big = np.ones(8_000_000)                       # 64 MB: above any mmap threshold
    assert _mapped_blocks() == before + 1          # the default: a mapping of its own
    del big
    with memory.reused_memory():
        with memory.reused_memory():               # nested: the inner end restores nothing
            inside = np.ones(8_000_000)
            assert _mapped_blocks() == before
            del inside
        again = np.ones(8_000_000)                 # reuses the freed block
        assert _mapped_blocks() == before
        del again
    after = np.ones(8_000_000)
    assert _mapped_blocks() == before + 1          # defaults restored
    del after
