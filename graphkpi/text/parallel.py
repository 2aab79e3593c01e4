"""Per-text Python work spread over the machine's cores (word segmentation, slot reading).

Both hold the GIL (a Rust segmenter called per phrase, Python ``re`` per title), so threads do
not help; forked worker processes do, once there are enough texts to pay for the pool.
Fork, not spawn: spawn re-runs the caller's ``__main__``.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable, Sequence
from typing import TypeVar

S = TypeVar("S")
T = TypeVar("T")
_CHUNK = 10_000


def cores() -> int:
    """The cores this process may run on: its CPU affinity where the system reports one (a
    container or ``taskset`` limits it; ``os.cpu_count()`` counts the host's), else the count."""
    try:
        return len(os.sched_getaffinity(0)) or 1
    except AttributeError:          # macOS, Windows
        return os.cpu_count() or 1


def chunked_map(work: Callable[[list[S]], list[T]], items: Sequence[S], parallel_from: int) -> list[T]:
    """``work(items)``, run over chunks of ``items`` in forked workers when there are at least
    ``parallel_from`` of them and two or more cores (serial otherwise); results in order."""
    workers = cores()
    items = list(items)
    if len(items) < parallel_from or workers < 2 or "fork" not in multiprocessing.get_all_start_methods():
        return work(items)
    from concurrent.futures import ProcessPoolExecutor  # 0.1 s to import; only large inputs use it

    chunks = [items[i: i + _CHUNK] for i in range(0, len(items), _CHUNK)]
    with ProcessPoolExecutor(max_workers=workers, mp_context=multiprocessing.get_context("fork")) as pool:
        return [out for part in pool.map(work, chunks) for out in part]
