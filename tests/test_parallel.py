"""graphkpi.parallel: forked chunks give the serial answer, in order."""

from __future__ import annotations

import gc
import io
import os
import time
from collections.abc import Callable

import pytest

from graphkpi import parallel
from graphkpi.parallel import chunked_map, shared


def _lengths(texts: list[str]) -> list[int]:
    return [len(t) for t in texts]


def test_chunked_map_in_workers_equals_serial_and_keeps_order() -> None:
    texts = [f"ชื่อ{i}" * (i % 7) for i in range(25_000)]       # three chunks of work
    assert chunked_map(_lengths, texts, parallel_from=1) == _lengths(texts)


def test_chunked_map_below_threshold_runs_in_process() -> None:
    seen: list[int] = []

    def work(texts: list[str]) -> list[int]:
        seen.append(len(texts))              # a closure's side effect is visible only in-process
        return _lengths(texts)

    assert chunked_map(work, ["ก", "กข"], parallel_from=3) == [1, 2]
    assert seen == [2]


def test_cores_follow_the_process_affinity(monkeypatch: pytest.MonkeyPatch) -> None:
    """A container limited to one core runs serially though the host has many."""
    import os

    monkeypatch.setattr(os, "sched_getaffinity", lambda pid: {0}, raising=False)
    monkeypatch.setattr(os, "cpu_count", lambda: 64)
    assert parallel.cores() == 1
    seen: list[int] = []

    def work(texts: list[str]) -> list[int]:
        seen.append(len(texts))
        return _lengths(texts)

    assert chunked_map(work, ["ก"] * 30, parallel_from=1) == [1] * 30
    assert seen == [30]                      # one core: in-process, one call


def _pid_after(seconds: float) -> Callable[[int], tuple[int, int]]:
    def run(i: int) -> tuple[int, int]:
        time.sleep(seconds)
        return i * i, os.getpid()
    return run


def test_shared_items_run_in_two_processes_and_come_back_in_order() -> None:
    """Each process takes the next item as it finishes its last: with items of equal length both
    take some, and the results are the sequential ones, in the items' order."""
    results = shared(list(range(12)), _pid_after(0.05))
    assert [r for r, _ in results] == [i * i for i in range(12)]
    pids = {pid for _, pid in results}
    assert os.getpid() in pids and len(pids) == 2


def _collecting(i: int) -> tuple[list[int], bool, int]:
    time.sleep(0.02)
    return [i], gc.isenabled(), os.getpid()


def _tracked(obj: object) -> bool:
    """Whether the collector still walks ``obj`` (a frozen object is in none of its generations)."""
    return any(o is obj for o in gc.get_objects())


def test_no_collection_runs_while_the_child_works_and_the_first_run_s_results_are_frozen(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """The child's results arrive while no collection can walk them; at the end of a process's
    first shared run what it made is out of the collector's walks, and the collector is on again.
    A later run only turns it on again: a test run does not keep every run's garbage for good."""
    monkeypatch.setattr(parallel, "_frozen_runs", 0)
    assert gc.isenabled()
    first = shared(list(range(8)), _collecting)
    assert gc.isenabled()
    assert len({pid for _, _, pid in first}) == 2
    assert not any(on for _, on, _ in first)             # off in both processes while they worked
    assert not any(_tracked(part) for part, _, _ in first)
    later = shared(list(range(8)), _collecting)
    assert gc.isenabled() and not any(on for _, on, _ in later)
    assert all(_tracked(part) for part, _, _ in later)


def test_the_collector_stays_off_after_a_run_when_it_was_off_before() -> None:
    gc.disable()
    try:
        shared(list(range(4)), _collecting)
        assert not gc.isenabled()
    finally:
        gc.enable()


def _then(result: tuple[int, int]) -> tuple[int, int, int]:
    return (*result, os.getpid())


def test_then_works_on_each_result_where_it_was_made_and_its_result_comes_back() -> None:
    """``then`` runs in the process that ran the item, right after it (its result is what comes
    back, not the one sent before it); the items keep their order; off the fork too."""
    results = shared(list(range(12)), _pid_after(0.05), then=_then)
    assert [r[0] for r in results] == [i * i for i in range(12)]
    assert all(pid == then_pid for _, pid, then_pid in results)
    assert len({pid for _, pid, _ in results}) == 2
    assert [r[0] for r in shared([3], _pid_after(0), then=_then)] == [9]
    unchanged = shared(list(range(4)), _pid_after(0), then=lambda r: r)   # the very result: sent once
    assert [r for r, _ in unchanged] == [0, 1, 4, 9]


def test_an_object_sent_again_is_referred_to_not_sent_again() -> None:
    """The findings sent with their rendering, after they were sent alone: the second message is
    a few bytes and its findings are the very objects the first brought."""
    import pickle

    read_end, write_end = os.pipe()
    parallel._widen(write_end)
    outbox = parallel._Outbox(write_end)
    found = [{"subject": f"P-{i}", "details": {"n": i}} for i in range(1000)]
    first = outbox._pickled((0, (found, None)))
    again = outbox._pickled((0, (found, b"rendered")))
    assert len(again) < 100 < len(first)
    outbox.close()
    stream = pickle.Unpickler(io.BytesIO(first + again + pickle.dumps(None)))
    alone, rendered = stream.load(), stream.load()
    assert rendered == (0, (found, b"rendered")) and rendered[1][0] is alone[1][0]
    os.close(read_end)


@pytest.mark.parametrize(("platform", "n"), [("linux", 1), ("darwin", 8), ("win32", 8)])
def test_shared_on_one_core_or_off_linux_runs_in_this_process(monkeypatch: pytest.MonkeyPatch, platform: str,
                                                               n: int) -> None:
    """One core, or a system where a fork after threads may hang the child: no child at all."""
    monkeypatch.setattr(parallel, "cores", lambda: n)
    monkeypatch.setattr(parallel.sys, "platform", platform)
    assert {pid for _, pid in shared(list(range(4)), _pid_after(0))} == {os.getpid()}


def test_items_a_dead_child_took_run_again_here() -> None:
    """The child dies on its first item (killed, out of memory): nothing it took is lost."""
    parent = os.getpid()

    def run(i: int) -> int:
        if os.getpid() != parent:
            os._exit(9)
        time.sleep(0.02)
        return -i

    assert shared(list(range(8)), run) == [-i for i in range(8)]


@pytest.mark.parametrize("failing", [0, 5])
def test_an_error_is_raised_here_whichever_process_met_it(failing: int) -> None:
    """The item that fails is run again here if the child met it, so its error is raised as
    without the child (item 0 is likely the parent's first, item 5 the child's)."""
    def run(i: int) -> int:
        time.sleep(0.02)
        if i == failing:
            raise ValueError(f"item {i}")
        return i

    with pytest.raises(ValueError, match=f"item {failing}"):
        shared(list(range(8)), run)


def test_an_error_here_stops_the_child_at_once() -> None:
    """Near miss of the above: the parent's own error (or Ctrl-C) is raised without waiting for the
    child's long item, whose result would be thrown away."""
    parent = os.getpid()

    def run(i: int) -> int:
        if os.getpid() == parent:
            time.sleep(0.2)
            raise ValueError("here")
        time.sleep(30)
        return i

    started = time.monotonic()
    with pytest.raises(ValueError, match="here"):
        shared([0, 1], run)
    assert time.monotonic() - started < 10


def test_without_a_child_to_be_had_everything_runs_here(monkeypatch: pytest.MonkeyPatch) -> None:
    """Near miss of the dead child: ``fork`` itself fails (out of memory, a process limit)."""
    def no_fork() -> int:
        raise OSError(11, "Resource temporarily unavailable")

    monkeypatch.setattr(parallel.os, "fork", no_fork)
    assert {pid for _, pid in shared(list(range(4)), _pid_after(0))} == {os.getpid()}


def test_results_come_as_finish_makes_them_in_either_process() -> None:
    """``finish`` runs where the items ran; a result it changes comes back changed, one it leaves
    (the very object) comes back as ``run`` made it: both as without the child."""
    def finish(results: list[tuple[int, int]]) -> list[tuple[int, int]]:
        return [r if r[0] % 2 else (r[0] + 1000, r[1]) for r in results]

    results = shared(list(range(12)), _pid_after(0.02), finish)
    assert [r for r, _ in results] == [i * i if i % 2 else i * i + 1000 for i in range(12)]
    assert len({pid for _, pid in results}) == 2


def test_a_child_that_dies_after_sending_some_results_has_all_its_items_run_here() -> None:
    """Its results arrive one by one; without the end of them none is used (its ``finish`` never
    ran), and every item it took runs again here."""
    parent = os.getpid()
    ran_here: list[int] = []

    def run(i: int) -> int:
        time.sleep(0.02)
        if os.getpid() != parent and i >= 4:
            os._exit(9)
        if os.getpid() == parent:
            ran_here.append(i)
        return -i

    assert shared(list(range(10)), run) == [-i for i in range(10)]
    assert sorted(ran_here) == list(range(10))   # its own, and again what the child took


def test_the_results_of_a_child_that_sent_them_all_are_taken_and_the_child_is_reaped() -> None:
    """Its exit (unmapping its copy of the memory) is waited for on a thread of its own; it is
    not left behind as a zombie. The near miss: a child that ends without sending the end of its
    results gives none."""
    inbox = parallel._fork(lambda send: send(0, "done"))
    assert inbox.received() == {0: "done"}
    waited = time.monotonic()
    while inbox._status is None and time.monotonic() - waited < 20:
        time.sleep(0.01)
    assert inbox._status is not None and os.waitstatus_to_exitcode(inbox._status) == 0
    with pytest.raises(ChildProcessError):
        os.waitpid(inbox.pid, os.WNOHANG)   # reaped already

    def dies(send: Callable[[int, object], None]) -> None:
        send(0, "half")
        os._exit(0)   # before the end of its results

    assert parallel._fork(dies).received() == {}


def _framed(fd: int) -> list[object]:
    """The results an outbox wrote to the pipe ``fd``, up to the end of its results."""
    import pickle

    out = []
    with os.fdopen(fd, "rb") as inp:
        stream = pickle.Unpickler(inp)
        while (message := stream.load()) is not None:
            out.append(message)
    return out


def test_the_child_sends_a_result_larger_than_the_pipe_without_waiting_for_it_to_be_read() -> None:
    """A result is written by a thread of the child's own: ``send`` returns while nothing reads
    the pipe (8 MB here; a pipe holds at most 1 MB), so the child's next check does not wait on
    the parent. The result then arrives whole, followed by the end of the results."""
    import threading

    read_end, write_end = os.pipe()
    outbox = parallel._Outbox(write_end)
    big = b"x" * (8 << 20)
    sent = threading.Thread(target=outbox.send, args=(0, big))
    sent.start()
    sent.join(timeout=20)
    assert not sent.is_alive()   # returned, though nothing was read
    outbox.send(1, "next")
    closing = threading.Thread(target=outbox.close)
    closing.start()
    assert _framed(read_end) == [(0, big), (1, "next")]
    closing.join(timeout=20)
    assert not closing.is_alive()


def test_a_child_whose_parent_stopped_reading_fails_when_it_ends() -> None:
    """The near miss: the write fails (the parent closed its end), and the child hears of it at
    its next result or at its end, so it exits without claiming to have sent everything."""
    read_end, write_end = os.pipe()
    os.close(read_end)
    outbox = parallel._Outbox(write_end)
    outbox.send(0, "lost")
    with pytest.raises(OSError):
        outbox.close()


class _Unpicklable:
    """Item ``i``'s result as the child sends it, a megabyte long: pickles there, and unpickling it
    in the parent raises."""

    def __init__(self, parent: int, i: int) -> None:
        self.parent, self.i = parent, i

    def __reduce__(self) -> tuple[Callable[..., object], tuple[int, int, str]]:
        return _refuse, (self.parent, self.i, "ก" * 1_000_000)


def _refuse(parent: int, i: int, _payload: str) -> object:
    if os.getpid() == parent:
        raise ValueError("cannot rebuild")
    return i


def test_a_result_that_does_not_unpickle_leaves_no_child_waiting() -> None:
    """The child's items run here instead, and the child, which would otherwise wait to write its
    next results into a full pipe no one reads, stops."""
    parent = os.getpid()

    def run(i: int) -> object:
        if os.getpid() == parent:
            time.sleep(0.05)
            return i
        return _Unpicklable(parent, i)

    started = time.monotonic()
    assert shared(list(range(30)), run) == list(range(30))
    assert time.monotonic() - started < 20


def test_ctrl_c_while_waiting_for_the_child_stops_it(tmp_path) -> None:
    """Near miss of the error here: this process has finished its items and waits for the child's
    long one when Ctrl-C comes; the child is stopped too, not left running."""
    import signal

    parent = os.getpid()
    pid_file = tmp_path / "child"

    def run(i: int) -> int:
        if os.getpid() != parent:
            pid_file.write_text(str(os.getpid()))
            time.sleep(30)
        time.sleep(0.1)   # so that the child takes the other item
        return i

    def interrupt(signum: int, frame: object) -> None:
        raise KeyboardInterrupt

    before = signal.signal(signal.SIGALRM, interrupt)
    signal.setitimer(signal.ITIMER_REAL, 0.5)
    started = time.monotonic()
    try:
        with pytest.raises(KeyboardInterrupt):
            shared([0, 1], run)
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, before)
    assert time.monotonic() - started < 10
    with pytest.raises(ProcessLookupError):
        os.kill(int(pid_file.read_text()), 0)   # gone, and waited for
