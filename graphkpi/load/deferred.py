"""Free-text columns left in the file until a command asks for some of their rows.

A national projects.csv is 0.7 GB, four fifths of it names and objectives, yet the structural
checks (GK0xx–GK2xx, the leads, KPIs and budget) never read them: a run of those needs only the
names of the few tens of thousands of projects its findings name. Parsing and holding the text
of 10⁶ projects cost a second and 0.6 GB, so such a run loads the file without them and reads a
name again from the project's own line when a finding shows it.

That is exact only when each row is one line, which the loader makes sure of before leaving
columns out: no line break inside a quoted cell (the file has one line per row), no CR that is
not part of a CRLF (arrow would end a row there), the whole file valid UTF-8 (arrow checks only
the columns it reads). The lines read again are parsed by arrow with the loader's own options,
and their ids must be the projects' ids, or the file is read again whole.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, BinaryIO

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pv

from graphkpi.load.errors import BundleError, problem


@dataclass(frozen=True)
class Signature:
    """What tells that a file is still the one that was loaded."""

    size: int
    mtime_ns: int

    @classmethod
    def of(cls, path: Path) -> Signature:
        st = os.stat(path)
        return cls(st.st_size, st.st_mtime_ns)


@dataclass
class DeferredColumns:
    """Columns of one file that were not parsed: where each sits, and where each row's line ends.

    ``positions``: column name → its field number on a line; ``id_position``: the id's.
    ``ends``: the offset of the newline ending each line (line 0 is the header). ``ids``: the
    loaded ids, row by row (:meth:`with_ids`), by which a graph whose projects were cut to a slice
    finds its rows' lines.
    """

    path: Path
    label: str
    sep: str
    width: int
    positions: dict[str, int]
    id_position: int
    ends: np.ndarray = field(repr=False)
    signature: Signature
    ids: pa.Array | pa.ChunkedArray | None = field(default=None, repr=False)

    def with_ids(self, ids: pa.Array | pa.ChunkedArray) -> DeferredColumns:
        return replace(self, ids=ids.cast(pa.large_string()))   # cast once: every look-up compares with them

    @property
    def columns(self) -> tuple[str, ...]:
        return tuple(self.positions)

    def values(self, column: str, ids: pa.Array | pa.ChunkedArray, rows: np.ndarray | None = None) -> np.ndarray:
        """``column`` of the projects ``ids`` (each a loaded id), as Python strings.

        ``rows``: their rows in the graph's projects, when known: the file's rows unless the
        projects were cut (then the ids are looked up). The lines read must carry the ids
        (trimmed as the loader trims ids). Raises :class:`BundleError` when the file changed
        since it was loaded.
        """
        ids = ids.cast(pa.large_string())
        if not len(ids):
            return np.array([], dtype=object)
        self._unchanged()
        rows = self._rows(ids, rows)
        order = np.argsort(rows, kind="stable")
        first = np.r_[True, np.diff(rows[order]) > 0]
        distinct, back = rows[order][first], np.cumsum(first) - 1
        wanted = pc.take(ids, pa.array(order[first]))   # each distinct row's id
        values = self._from_lines(column, distinct, wanted)
        if values is None:   # not the lines expected: the whole file, as the loader reads it
            values = self._from_file(column, distinct, wanted)
        out = np.empty(len(rows), dtype=object)
        out[order] = values[back]
        return out

    def column(self, column: str, ids: pa.Array | pa.ChunkedArray) -> pa.Array:
        """``column`` of the projects ``ids``, all read again from the file (GK301 on a graph loaded
        without text: correct, only slower than a load with it)."""
        self._unchanged()
        rows = self._rows(ids.cast(pa.large_string()), np.arange(len(ids)))
        with open(self.path, "rb") as fh:
            table = self._parse(pa.PythonFile(fh, mode="r"), column).slice(1)   # the header row
        values = self._checked(table.take(pa.array(rows)), ids, raw=True) if rows.max(initial=-1) < len(table) else None
        if values is None:
            raise BundleError([problem(self.label, None, None, "changed_while_reading")])
        return values

    def _rows(self, ids: pa.Array, rows: np.ndarray | None) -> np.ndarray:
        """The file rows of ``ids``: ``rows`` when the loaded ids there are ``ids``, else a look-up."""
        from graphkpi.graph import IdLookup  # the graph module imports the loader's package

        known = self.ids
        assert known is not None
        if rows is not None and len(rows) == len(ids) and 0 <= rows.min() <= rows.max() < len(known):
            same = pc.equal(known.take(pa.array(rows)), ids)
            if not same.null_count and pc.all(same).as_py():
                return np.asarray(rows, dtype=np.int64)
        found = IdLookup(pd.Index(known.to_pandas())).rows(pd.Series(ids.to_pandas()))
        if (found < 0).any():
            raise KeyError("a project id that was not loaded from this file")
        return found.astype(np.int64)

    def _unchanged(self) -> None:
        if Signature.of(self.path) != self.signature:
            raise BundleError([problem(self.label, None, None, "changed_while_reading")])

    def _parse(self, source: pa.NativeFile, column: str) -> pa.Table:
        from graphkpi.load.sources import arrow_options  # the loader's own options

        read, parse, convert = arrow_options(self.width, self.sep,
                                             include=(self.id_position, self.positions[column]))
        return pv.read_csv(source, read_options=read, parse_options=parse, convert_options=convert)

    def _from_lines(self, column: str, rows: np.ndarray, ids: pa.Array) -> np.ndarray | None:
        """The rows' own lines (data row ``r`` is line ``r + 1``), read and parsed as one small CSV.

        One ``pread`` a line (50,000 of them: 0.1 s): a memory map would count every page touched
        by lines scattered over the file as the process's memory (0.6 GB at 10⁶)."""
        line = rows + 1   # each line runs from the end of the one before to its own end, the last to the file's
        if line.max() > len(self.ends):
            return None   # not the line table of this file
        starts = self.ends[line - 1] + 1
        stops = np.full(len(line), self.signature.size, dtype=np.int64)
        ended = line < len(self.ends)
        stops[ended] = self.ends[line[ended]] + 1
        if (stops < starts).any() or (np.diff(starts) < 0).any():
            return None
        with open(self.path, "rb", buffering=0) as fh:
            pairs = zip(starts.tolist(), stops.tolist(), strict=True)
            if hasattr(os, "pread"):   # no Python call of ours per line
                fd, pread = fh.fileno(), os.pread
                lines = [pread(fd, b - a, a) for a, b in pairs]
            else:
                read_at = _seek_reader(fh)
                lines = [read_at(b - a, a) for a, b in pairs]
        if not lines[-1].endswith(b"\n"):   # the last line of a file without a final newline
            lines[-1] += b"\n"
        try:
            table = self._parse(pa.BufferReader(b"".join(lines)), column)
        except pa.ArrowInvalid:
            return None
        return self._checked(table, ids)

    def _from_file(self, column: str, rows: np.ndarray, ids: pa.Array) -> np.ndarray:
        with open(self.path, "rb") as fh:
            table = self._parse(pa.PythonFile(fh, mode="r"), column).slice(1)   # the header row
        values = self._checked(table.take(pa.array(rows)), ids) if len(table) > rows.max() else None
        if values is None:
            raise BundleError([problem(self.label, None, None, "changed_while_reading")])
        return values

    @staticmethod
    def _checked(table: pa.Table, ids: pa.Array, raw: bool = False) -> Any:
        """The table's second column when its first holds ``ids``, row by row (as arrow when
        ``raw``, else as Python strings); else None."""
        from graphkpi.load.values import clean_id_array

        if table.num_rows != len(ids):
            return None
        read = clean_id_array(table.column(0).combine_chunks()).cast(pa.large_string())
        same = pc.equal(read, ids.cast(pa.large_string()))
        if same.null_count or not pc.all(same).as_py():
            return None
        return table.column(1).combine_chunks() if raw else np.asarray(table.column(1).to_pylist(), dtype=object)


def _seek_reader(fh: BinaryIO) -> Callable[[int, int], bytes]:
    """``read_at(size, offset)`` on an open file by a seek and a read: where the system has no
    ``os.pread`` (Windows)."""

    def read_at(size: int, offset: int) -> bytes:
        fh.seek(offset)
        return fh.read(size)
    return read_at
