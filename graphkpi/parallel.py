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

import contextlib
import gc
import io
import multiprocessing
import os
import pickle
import queue
import signal
import struct
import sys
import threading
import warnings
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import Any, TypeVar

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
           finish: Callable[[list[T]], list[U]] | None = None,
           then: Callable[[T], T] | None = None) -> list[U]:
    """``finish([run(item) for item in items])``, the items shared between this process and one
    forked child (when :func:`forking`); ``finish`` (default: none) is work on many results at
    once, done by each process on its own (rendering the findings of the checks it ran), so
    must give each result's answer whatever the others are, and gives back the very object
    ``run`` gave for a result it leaves as it is.

    The items' numbers wait in a pipe; each process takes the next as it finishes its last, so
    the faster takes more and a long task (GK301 on a national bundle) does not hold up the short
    ones. The child sends each result back pickled as soon as it has it, and at the end those
    ``finish`` changed; a thread there writes them and a thread here reads them meanwhile, so
    the sending holds up neither process's work. ``then`` (default: none) is more work on each
    result as soon as it is made (rendering a check's many findings), before the next item is
    taken: the child sends the result first, so that it travels meanwhile, and what ``then``
    makes of it after, in which what was sent before is only referred to (one pickle stream).
    A child that fails (an error, killed, a result that does not pickle) counts as having sent
    nothing: the items it took run again here, where their error, if any, is raised as it would
    be without the child. An error here (or Ctrl-C) stops the child at once: what it would find
    is not wanted.
    """
    items = list(items)
    done: Callable[[list[T]], list[U]] = finish or (lambda results: results)  # type: ignore[assignment,return-value]

    def made(item: S) -> T:
        result = run(item)
        return then(result) if then is not None else result

    def batch(numbers: Iterable[int], send: Callable[[int, object], None] | None = None) -> dict[int, U]:
        taken, results = [], []
        for i in numbers:
            taken.append(i)
            results.append(run(items[i]))
            if send is not None:
                send(i, results[-1])
            if then is not None and (later := then(results[-1])) is not results[-1]:
                results[-1] = later
                if send is not None:
                    send(i, later)
        answers = dict(zip(taken, done(results), strict=True))
        if send is not None:
            for i, result in zip(taken, results, strict=True):
                if answers[i] is not result:
                    send(i, answers[i])
        return answers

    if len(items) < 2 or not forking():
        return done([made(item) for item in items])
    read_end, write_end = os.pipe()
    os.write(write_end, b"".join(_RECORD.pack(i) for i in range(len(items))))   # fits a pipe (64 kB)
    os.close(write_end)
    with _collector_resting():
        try:
            inbox = _fork(lambda send: batch(_taken(read_end), send))
        except OSError:   # no process to be had (memory, a process limit): all of it here
            os.close(read_end)
            return done([made(item) for item in items])
        try:
            mine = batch(_taken(read_end))
        except BaseException:   # an error here, or Ctrl-C: what the child finds would be thrown away
            os.close(read_end)
            inbox.stop()
            raise
        os.close(read_end)
        answers = {**inbox.received(), **mine}
    answers.update(batch(i for i in range(len(items)) if i not in answers))   # what a failed child took
    return [answers[i] for i in range(len(items))]


# Shared runs whose objects a process exempts from the collector at their end (_collector_resting)
_FROZEN_RUNS = 1
_frozen_runs = 0
_frozen_lock = threading.Lock()


@contextlib.contextmanager
def _collector_resting() -> Iterator[None]:
    """No collection here while the child works (it runs without one, :func:`_fork`). The
    child's findings, unpickled by a thread of this process (10⁵ objects at 10⁶ projects), set
    off full collections while they were read (0.5 s instead of 0.1), and collections that
    walked them all once reading stopped (0.04 s of this process's time, beside its checks).

    At the end, what was made meanwhile (the findings, alive until the command ends) is exempted
    from the collector (``gc.freeze``), once per process: a process that runs many checks (a test
    run) keeps no more garbage for good than one run leaves. After that the collector just
    resumes, and walks what the run made in its next collections."""
    global _frozen_runs
    collecting = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if collecting:
            with _frozen_lock:
                freeze = _frozen_runs < _FROZEN_RUNS
                _frozen_runs += freeze
            if freeze:
                gc.freeze()
            gc.enable()


def _taken(fd: int) -> Iterator[int]:
    """Item numbers read from the work pipe until it is empty (a read of one record takes all of it
    or nothing: the pipe was filled before either process read)."""
    while len(record := os.read(fd, _RECORD.size)) == _RECORD.size:
        yield _RECORD.unpack(record)[0]


def _fork(work: Callable[[Callable[[int, object], None]], object]) -> _Inbox:
    """Start ``work(send)`` in a forked child, ``send(i, result)`` sending item ``i``'s result;
    what receives the results here. Raises OSError when there is no child to be had."""
    results_end, child_end = os.pipe()
    _widen(results_end)
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
            outbox = _Outbox(child_end)
            work(outbox.send)
            outbox.close()
            code = 0
        except BaseException:   # what was sent is dropped: the parent runs the items again, and raises their error
            pass
        finally:
            os._exit(code)
    os.close(child_end)
    return _Inbox(results_end, pid)


def _widen(fd: int) -> None:
    """Make the pipe ``fd`` hold 1 MB (Linux's limit for any user) where the system allows it:
    its reader then wakes for a large result a few times, not once per 64 kB."""
    import fcntl

    with contextlib.suppress(OSError, AttributeError):   # not Linux, or a lower limit: as it is
        fcntl.fcntl(fd, fcntl.F_SETPIPE_SZ, 1 << 20)


class _Outbox:
    """The child's results, pickled as they come and written to the parent by a thread of the
    child's own, so that the child's work goes on meanwhile. A large result (GK001's 6 MB at 10⁶
    projects) fills the pipe long before the parent's reader, which needs the parent's GIL for
    each read, has emptied it: written here, the child waited for it a tenth of a second.

    The results are one pickle stream, ``(item, result)`` after ``(item, result)``, then None: an
    object sent before (the findings sent again with their rendering) is only referred to."""

    def __init__(self, fd: int) -> None:
        self._out = os.fdopen(fd, "wb")
        self._buffer = io.BytesIO()
        self._pickler = pickle.Pickler(self._buffer, protocol=pickle.HIGHEST_PROTOCOL)
        self._queue: queue.SimpleQueue[bytes | None] = queue.SimpleQueue()
        self._error: OSError | None = None
        self._thread = threading.Thread(target=self._write, daemon=True)
        self._thread.start()

    def send(self, i: int, result: object) -> None:
        """Queue item ``i``'s result, pickled now (a result that does not pickle raises here)."""
        if self._error is not None:   # the parent stopped reading: nothing more is wanted
            raise self._error
        self._queue.put(self._pickled((i, result)))

    def _pickled(self, message: object) -> bytes:
        self._pickler.dump(message)
        data = self._buffer.getvalue()
        self._buffer.seek(0)
        self._buffer.truncate()
        return data

    def close(self) -> None:
        """Send the end of the results, once everything before it is written; raises what
        writing met."""
        self._queue.put(self._pickled(None))
        self._queue.put(None)
        self._thread.join()
        if self._error is not None:
            raise self._error
        self._out.close()

    def _write(self) -> None:
        try:
            while (data := self._queue.get()) is not None:
                self._out.write(data)
                if self._queue.empty():
                    self._out.flush()   # the parent reads it now, while both work on
            self._out.flush()
        except OSError as exc:   # the parent closed its end
            self._error = exc


class _Inbox:
    """The child's results, read and unpickled by a thread of this process as they arrive."""

    def __init__(self, fd: int, pid: int) -> None:
        self.pid = pid
        self._status: int | None = None   # the child's wait status, once waited for
        self._results: dict[int, object] = {}
        self._whole = False
        self._thread = threading.Thread(target=self._read, args=(fd,), daemon=True)
        self._thread.start()

    def _read(self, fd: int) -> None:
        with os.fdopen(fd, "rb") as inp:
            stream = pickle.Unpickler(inp)   # one memo for the whole stream (see _Outbox)
            while True:
                try:
                    message = stream.load()   # no collection meanwhile: see _collector_resting
                except Exception:   # the child died (the stream ends early), or a result that does not
                    return   # unpickle: the child's items run here; the pipe closes, the child's next write fails
                if message is None:
                    self._whole = True
                    return
                i, result = message
                self._results[i] = result

    def received(self) -> dict[int, Any]:
        """Every result the child sent, once it has sent its last; none when it failed. Ctrl-C
        while waiting for it stops it too.

        A child that sent the end of its results has done all its work: it is waited for on a
        thread of its own, not here (it ends by unmapping a copy of this process's memory, a
        few hundredths of a second at 10⁶ projects, which nothing here needs to wait for)."""
        try:
            self._thread.join()
            if not self._whole:
                self._reaped()
                return {}
        except BaseException:
            self.stop()
            raise
        threading.Thread(target=self._reaped, daemon=True).start()
        return self._results

    def stop(self) -> None:
        """Kill the child at once (its results are not wanted) and wait for it and the reader."""
        if self._status is None:
            os.kill(self.pid, signal.SIGKILL)   # not yet waited for: the pid is still the child's
            self._reaped()
        self._thread.join()

    def _reaped(self) -> int:
        if self._status is None:
            self._status = os.waitpid(self.pid, 0)[1]
        return self._status

