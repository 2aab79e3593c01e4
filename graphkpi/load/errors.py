"""Input problems, collected and reported together.

Users fix a spreadsheet once, not twenty times: the loader gathers every problem it can
see before failing, each with file, row and column, and loads nothing on failure.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class Problem:
    """One bad-input problem. ``row`` is the spreadsheet row (the header is row 1)."""

    file: str
    row: int | None
    column: str | None
    message: str

    def __str__(self) -> str:
        where = self.file
        if self.row is not None:
            where += f", row {self.row}"
        if self.column is not None:
            where += f", column '{self.column}'"
        return f"{where}: {self.message}"


class BundleError(Exception):
    """The bundle cannot be loaded; ``problems`` lists every reason at once."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = sorted(problems, key=lambda p: (p.file, p.row or 0, p.column or "", p.message))
        super().__init__("\n".join(str(p) for p in self.problems))
