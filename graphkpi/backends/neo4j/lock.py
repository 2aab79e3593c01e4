"""One writer at a time: a lock node in the database, taken before a load touches anything.

The lock is a ``(:GkLock {key: 'load'})`` node under a uniqueness constraint, so two loads
that start together serialise on it. Its holder writes a heartbeat in every transaction it
commits, and every such transaction first checks that it still holds the lock (a fence): a
load whose lock was taken over stops at its next batch instead of writing into another
load's graph. A lock is stale, and may be taken over, when its holder ran on this host and
its process is gone, or when it has been silent for ``stale_after`` seconds.
"""

from __future__ import annotations

import os
import socket
import time
import uuid
from datetime import datetime, timezone
from typing import Any

from neo4j import Driver, ManagedTransaction

from graphkpi.backends.base import BackendError
from graphkpi.backends.neo4j.queries import query

STALE_AFTER = 120.0  # seconds without a heartbeat before another host's lock counts as abandoned
POLL = 0.5


class LoadLock:
    """The database's load lock, held by this process between :meth:`acquire` and :meth:`release`."""

    def __init__(self, driver: Driver, database: str, *, wait: float = 0.0, stale_after: float = STALE_AFTER) -> None:
        self.driver, self.database = driver, database
        self.wait, self.stale_after = wait, stale_after
        self.owner = uuid.uuid4().hex
        self.pid, self.host = os.getpid(), socket.gethostname()
        self.took_over: dict[str, Any] | None = None  # the stale holder this load replaced, if any

    def _params(self) -> dict[str, Any]:
        return {"owner": self.owner, "pid": self.pid, "host": self.host}

    def _try(self, tx: ManagedTransaction) -> dict[str, Any] | None:
        """In one transaction: take the lock, or take over a stale one; else the holder."""
        holder = tx.run(query("load/lock_take"), **self._params()).single().data()
        if holder["owner"] == self.owner:
            return None
        if self._stale(holder):
            tx.run(query("load/lock_steal"), **self._params()).consume()
            self.took_over = holder
            return None
        return holder

    def _stale(self, holder: dict[str, Any]) -> bool:
        silent = (holder["now"] - (holder["heartbeat"] or 0)) / 1000.0
        return abandoned(holder["host"], holder["pid"], silent, self.stale_after)

    def acquire(self) -> LoadLock:
        """Take the lock, waiting up to ``wait`` seconds; :class:`BackendError` ``busy`` if held."""
        deadline = time.monotonic() + self.wait
        with self.driver.session(database=self.database) as session:
            while True:
                holder = session.execute_write(self._try)
                if holder is None:
                    return self
                if time.monotonic() >= deadline:
                    since = datetime.fromtimestamp(holder["since"] / 1000, timezone.utc).isoformat(timespec="seconds")
                    silent = max(0, int((holder["now"] - holder["heartbeat"]) / 1000))
                    raise BackendError("busy", database=repr(self.database), pid=holder["pid"], host=holder["host"],
                                       since=since, silent=silent, stale=int(self.stale_after))
                time.sleep(POLL)

    def fence(self, tx: ManagedTransaction) -> None:
        """First statement of each write transaction: go on only while the lock is still ours."""
        if tx.run(query("load/lock_touch"), owner=self.owner).single() is None:
            raise BackendError("lock_lost", database=repr(self.database))

    def release(self) -> None:
        with self.driver.session(database=self.database) as session:
            session.execute_write(lambda tx: tx.run(query("load/lock_release"), owner=self.owner).consume())

    def __enter__(self) -> LoadLock:
        return self.acquire()

    def __exit__(self, exc_type: object, *_: object) -> None:
        try:
            self.release()
        except Exception:
            if exc_type is None:  # an error already on its way out says more than this one
                raise


def abandoned(host: str | None, pid: int | None, silent: float, stale_after: float = STALE_AFTER) -> bool:
    """Whether a lock's holder is gone: its process on this host has ended, or it has been
    silent for ``stale_after`` seconds (a holder on another host cannot be asked)."""
    if host == socket.gethostname() and pid is not None and not _alive(int(pid)):
        return True
    return silent >= stale_after


def _alive(pid: int) -> bool:
    """Whether a process with this id runs on this host (one of another user counts as alive)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True
