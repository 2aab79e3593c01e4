"""Input problems, collected and reported together, in Thai or English.

Users fix a spreadsheet once, not twenty times: the loader gathers every problem it can
see before failing, each with file, row and column, and loads nothing on failure. A problem
is a message key (``load.KEY`` in ``graphkpi/messages/load.json``) with parameters, so the CLI
can say it in the user's language.
"""

from __future__ import annotations

from dataclasses import dataclass

from graphkpi.messages import say


@dataclass(frozen=True, order=True)
class Problem:
    """One bad-input problem. ``row`` is the spreadsheet row (the header is row 1)."""

    file: str
    row: int | None
    column: str | None
    key: str
    params: tuple[tuple[str, str], ...] = ()
    header: str | None = None   # the column's header as the file writes it, when not the column's name

    def text(self, lang: str = "en") -> str:
        """The problem itself, without where it is (``load.KEY`` of the message catalogue)."""
        return say(f"load.{self.key}", lang, **dict(self.params))

    @property
    def message(self) -> str:
        """The English message (logs, exceptions, tests)."""
        return self.text("en")

    def render(self, lang: str = "en") -> str:
        where = self.file
        if self.row is not None:
            where += ", " + say("load.where_row", lang, row=self.row)
        if self.column is not None and self.header:   # ปีงบประมาณ, as the planner's sheet says it
            where += ", " + say("load.where_column_as", lang, header=self.header, column=self.column)
        elif self.column is not None:
            where += ", " + say("load.where_column", lang, column=self.column)
        return f"{where}: {self.text(lang)}"

    def __str__(self) -> str:
        return self.render("en")


def problem(file: str, row: int | None, column: str | None, key: str, **params: object) -> Problem:
    """A problem with its message parameters (kept as strings so problems stay hashable)."""
    return Problem(file, row, column, key, tuple((k, str(v)) for k, v in params.items()))


class BundleError(Exception):
    """The bundle cannot be loaded; ``problems`` lists every reason at once."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = sorted(problems, key=lambda p: (p.file, p.row or 0, p.column or "", p.key))
        super().__init__("\n".join(str(p) for p in self.problems))
