"""How much of a file graphkpi agrees to read, and the one place those limits are set.

A 2 MB workbook can declare 20 million shared strings or a million rows reaching column
XFD, and a 100 MB CSV can be one line of empty cells: read naively, each takes minutes and
gigabytes before failing. The loader inspects a file's shape first (sizes, the xlsx parts'
counts, the CSV's lines) and stops with exit code 2 when it is far beyond any real national
bundle (10⁶ projects, a few hundred thousand plan elements, names of a few thousand
characters). Every limit can be raised with an environment variable ``GRAPHKPI_MAX_*``.
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from dataclasses import dataclass, fields

_UNITS = {"": 1, "k": 1 << 10, "m": 1 << 20, "g": 1 << 30}
_SIZE = re.compile(r"^\s*(\d+)\s*([kmg]?)i?b?\s*$", re.IGNORECASE)


@dataclass(frozen=True)
class Limits:
    """Upper bounds on what one bundle may hold; each field is set by ``GRAPHKPI_MAX_<FIELD>``."""

    file_bytes: int = 2 << 30           # one CSV or workbook on disk (a 10⁶-project projects.csv is ~0.5 GB)
    xlsx_bytes: int = 4 << 30           # a workbook's parts once uncompressed, all together
    rows: int = 10_000_000              # data rows of one table (project_links of 10⁶ projects: a few million)
    columns: int = 500                  # columns of one table (the contract has at most 11)
    cells: int = 100_000_000            # cells of one workbook sheet
    cell_chars: int = 32_767            # characters in one cell: Excel's own limit
    line_bytes: int = 8 << 20           # one line of a CSV file
    shared_strings: int = 10_000_000    # distinct strings of a workbook

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None) -> Limits:
        """The defaults, overridden by ``GRAPHKPI_MAX_*`` variables (sizes may say ``K``, ``M``, ``G``).

        Raises ``ValueError`` naming the variable when a value is not a positive whole number.
        """
        env = os.environ if env is None else env
        values: dict[str, int] = {}
        for f in fields(cls):
            name = variable(f.name)
            raw = env.get(name)
            if raw is None or not raw.strip():
                continue
            m = _SIZE.match(raw)
            if not m or int(m.group(1)) <= 0:
                raise ValueError(name)
            values[f.name] = int(m.group(1)) * _UNITS[m.group(2).lower()]
        return cls(**values)


def variable(field: str) -> str:
    """The environment variable that sets limit ``field``."""
    return f"GRAPHKPI_MAX_{field.upper()}"
