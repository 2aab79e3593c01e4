"""graphkpi.text.parallel: forked chunks give the serial answer, in order."""

from __future__ import annotations

import pytest

from graphkpi.text.parallel import chunked_map


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

    from graphkpi.text import parallel

    monkeypatch.setattr(os, "sched_getaffinity", lambda pid: {0}, raising=False)
    monkeypatch.setattr(os, "cpu_count", lambda: 64)
    assert parallel.cores() == 1
    seen: list[int] = []

    def work(texts: list[str]) -> list[int]:
        seen.append(len(texts))
        return _lengths(texts)

    assert chunked_map(work, ["ก"] * 30, parallel_from=1) == [1] * 30
    assert seen == [30]                      # one core: in-process, one call
