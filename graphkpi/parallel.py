"""Python work spread over the machine's cores, in forked processes.

Checks, word segmentation and slot reading hold the GIL (pandas and Python
code, a Rust segmenter called per phrase, Python ``re`` per title), so threads do not help;
forked processes do, once there is enough work to pay for the fork. A child inherits the loaded
graph as it is (no copy, no pickling of 10⁶ rows) and sends back only its results.
Fork, not spawn: spawn re-runs the caller's ``__main__`` and would copy the graph. Off Linux,
or on one core, the work runs in this process, with the same results (:func:`forking`).

- :func:`chunked_map`: one function over chunks of many items, in a pool of workers.
- :func:`shared`: a few large, unequal tasks (the checks of one run), taken one at a time by
  this process and one child as each finishes its last, so that neither waits long for the other.
"""

from __future__ import annotations

import gc
import multiprocessing
import os
import pickle
import signal
import struct
import sys
import warnings
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import TypeVar

S = TypeVar("S")
T = TypeVar("T")
U = TypeVar("U")
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
    if len(items) < parallel_from or not forking():
        return work(items)
    from concurrent.futures import ProcessPoolExecutor  # 0.1 s to import; only large inputs use it

    chunks = [items[i: i + _CHUNK] for i in range(0, len(items), _CHUNK)]
    with ProcessPoolExecutor(max_workers=workers, mp_context=multiprocessing.get_context("fork")) as pool:
        return [out for part in pool.map(work, chunks) for out in part]


_RECORD = struct.Struct("<I")   # an item's number on the work pipe


def forking() -> bool:
    """Whether work can be shared with forked processes: two or more cores, on Linux. Elsewhere a
    fork of a process whose libraries started threads (arrow's pool; on macOS the system's own)
    may deadlock in the child, and a child that hangs would hang the run: Python itself no longer
    forks there by default."""
    return cores() > 1 and sys.platform.startswith("linux") and hasattr(os, "fork")


def shared(items: Sequence[S], run: Callable[[S], T],
           finish: Callable[[list[T]], list[U]] | None = None) -> list[U]:
    """``finish([run(item) for item in items])``, the items shared between this process and one
    forked child (when :func:`forking`); ``finish`` (default: none) is work on many results at
    once, done by each process on its own (rendering the findings of the checks it ran), so
    must give each result's answer whatever the others are.

    The items' numbers wait in a pipe; each process takes the next as it finishes its last, so
    the faster takes more and a long task (GK301 on a national bundle) does not hold up the short
    ones. The child sends its results back pickled. A child that fails (an error, killed, a
    result that does not pickle) sends nothing: the items it took run again here, where their
    error, if any, is raised as it would be without the child. An error here (or Ctrl-C) stops
    the child at once: what it would find is not wanted.
    """
    items = list(items)
    done: Callable[[list[T]], list[U]] = finish or (lambda results: results)  # type: ignore[assignment,return-value]

    def batch(numbers: Iterable[int]) -> dict[int, U]:
        taken, results = [], []
        for i in numbers:
            taken.append(i)
            results.append(run(items[i]))
        return dict(zip(taken, done(results), strict=True))

    if len(items) < 2 or not forking():
        return done([run(item) for item in items])
    read_end, write_end = os.pipe()
    os.write(write_end, b"".join(_RECORD.pack(i) for i in range(len(items))))   # fits a pipe (64 kB)
    os.close(write_end)
    try:
        results_end, child = _fork(lambda: batch(_taken(read_end)))
    except OSError:   # no process to be had (memory, a process limit): all of it here
        os.close(read_end)
        return done([run(item) for item in items])
    try:
        mine = batch(_taken(read_end))
    except BaseException:   # an error here, or Ctrl-C: what the child finds would be thrown away
        os.kill(child, signal.SIGKILL)
        os.close(read_end)
        _received(results_end, child)
        raise
    os.close(read_end)
    theirs = _received(results_end, child)
    answers = {**theirs, **mine}
    answers.update(batch(i for i in range(len(items)) if i not in answers))   # what a failed child took
    return [answers[i] for i in range(len(items))]


def _taken(fd: int) -> Iterator[int]:
    """Item numbers read from the work pipe until it is empty (a read of one record takes all of it
    or nothing: the pipe was filled before either process read)."""
    while len(record := os.read(fd, _RECORD.size)) == _RECORD.size:
        yield _RECORD.unpack(record)[0]


def _fork(work: Callable[[], dict[int, T]]) -> tuple[int, int]:
    """Start ``work`` in a forked child; the pipe end its pickled result arrives on, and its pid.
    Raises OSError when there is no child to be had."""
    results_end, child_end = os.pipe()
    try:
        with warnings.catch_warnings():   # Python ≥ 3.12 warns of fork in a process with threads (arrow's idle pool)
            warnings.simplefilter("ignore", DeprecationWarning)
            pid = os.fork()
    except OSError:
        os.close(results_end)
        os.close(child_end)
        raise
    if pid == 0:   # the child: work, send, and leave without running the parent's exit handlers
        code = 1
        try:
            os.close(results_end)
            gc.disable()   # a collection would touch, and so copy, every page the parent still shares
            data = pickle.dumps(work(), protocol=pickle.HIGHEST_PROTOCOL)
            with os.fdopen(child_end, "wb") as out:
                out.write(data)
            code = 0
        except BaseException:   # nothing sent: the parent runs the items again, and raises their error
            pass
        finally:
            os._exit(code)
    os.close(child_end)
    return results_end, pid


def _received(fd: int, pid: int) -> dict[int, T]:
    """The child's results (none when it failed), once it has exited."""
    try:
        with os.fdopen(fd, "rb") as inp:
            data = inp.read()
    finally:
        _, status = os.waitpid(pid, 0)
    if os.waitstatus_to_exitcode(status) != 0 or not data:
        return {}
    collecting = gc.isenabled()
    gc.disable()   # unpickling 10⁵ findings set off full collections: 0.5 s instead of 0.1
    try:
        return pickle.loads(data)
    except Exception:   # a result that does not unpickle: run here instead
        return {}
    finally:
        if collecting:
            gc.enable()
