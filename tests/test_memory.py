"""graphkpi.memory: a command that loads a bundle runs without transparent huge pages; inside
``reused_memory`` a large array comes from the heap, not a fresh mapping, and freed memory is
reused; after it, glibc's defaults are back."""

from __future__ import annotations

import subprocess
import sys

import pytest

from graphkpi import memory
from tests.conftest import SAMPLE

PROBE = """
import ctypes
from graphkpi.memory import small_pages
print(small_pages(), ctypes.CDLL(None).prctl(42, 0, 0, 0, 0))   # PR_GET_THP_DISABLE
"""


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="prctl is Linux's")
def test_small_pages_turns_huge_pages_off_for_the_process() -> None:
    # in a child process: the setting would otherwise stay with the test run
    out = subprocess.run([sys.executable, "-c", PROBE], capture_output=True, text=True, check=True).stdout.split()
    assert out == ["True", "1"]


def test_load_or_exit_asks_for_small_pages(monkeypatch: pytest.MonkeyPatch) -> None:
    from graphkpi.cli import support

    asked: list[bool] = []
    monkeypatch.setattr(memory, "small_pages", lambda: asked.append(True) or True)
    support.load_or_exit(SAMPLE, "th-xyz", quiet=True)
    assert asked == [True]


FREEZE = """
import gc, json, weakref
from graphkpi.cli import support
class Node: pass
garbage = Node(); garbage.me = garbage; gone = weakref.ref(garbage); del garbage   # a cycle nobody holds
before = gc.get_freeze_count()
g = support.load_or_exit(__import__("pathlib").Path({sample!r}), "th-xyz", quiet=True)
print(json.dumps([gone() is None, gc.get_freeze_count() > before, len(g.projects) > 0]))
"""


def test_load_or_exit_takes_the_long_lived_out_of_the_collector_but_no_garbage() -> None:
    """The modules and the loaded graph are frozen (``gc.freeze``) so that full collections do not
    walk them again; a cycle already unreachable is collected first, not kept until exit. In a
    child process: freezing would otherwise stay with the test run."""
    out = subprocess.run([sys.executable, "-c", FREEZE.format(sample=str(SAMPLE))], capture_output=True, text=True,
                         check=True).stdout
    assert out.strip().splitlines()[-1] == "[true, true, true]"


# In a child process: glibc serves a large request from a free chunk of the heap when it has one,
# and what earlier tests of the run left in the heap is not this test's to know.
HEAP = """
import ctypes
import numpy as np
from graphkpi import memory


class MallInfo2(ctypes.Structure):
    _fields_ = [(name, ctypes.c_size_t) for name in
                ("arena", "ordblks", "smblks", "hblks", "hblkhd", "usmblks", "fsmblks", "uordblks", "fordblks",
                 "keepcost")]


def mapped_blocks():
    libc = memory._glibc()
    libc.mallinfo2.restype = MallInfo2
    return int(libc.mallinfo2().hblks)


seen = [mapped_blocks()]
big = np.ones(8_000_000)                       # 64 MB: above any mmap threshold
seen.append(mapped_blocks())                   # the default: a mapping of its own
del big
with memory.reused_memory():
    with memory.reused_memory():               # nested: the inner end restores nothing
        inside = np.ones(8_000_000)
        seen.append(mapped_blocks())
        del inside
    again = np.ones(8_000_000)                 # reuses the freed block
    seen.append(mapped_blocks())
    del again
after = np.ones(8_000_000)
seen.append(mapped_blocks())                   # defaults restored
print(" ".join(str(n - seen[0]) for n in seen[1:]))
"""


@pytest.mark.skipif(memory._glibc() is None, reason="glibc only (mallopt, mallinfo2)")
def test_large_arrays_come_from_the_heap_inside_and_mapped_outside() -> None:
    out = subprocess.run([sys.executable, "-c", HEAP], capture_output=True, text=True, check=True).stdout.split()
    assert out == ["1", "0", "0", "1"]
