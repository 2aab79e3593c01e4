"""A report as data: what the HTML, Excel and CSV writers render, in the user's language."""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd


@dataclass
class Column:
    key: str
    label: str
    kind: str = "text"  # text, money, int, year, share, file (a file beside the report: a link)


@dataclass
class Section:
    """One table with its heading and, for a finding code, the code's explanation."""

    key: str                       # the section's id (HTML anchor); the Excel sheet when ``sheet`` is empty
    title: str
    frame: pd.DataFrame
    columns: list[Column]
    intro: str = ""
    explanation: dict[str, str] = field(default_factory=dict)  # what / why / fix
    severity: str = ""
    sheet: str = ""                # the Excel sheet's name in the report's language (made valid when written)


@dataclass(frozen=True)
class Quantity:
    """A number behind a summary figure, so a spreadsheet gets the number, not its text.

    ``kind``: ``int`` (a count), ``money`` (baht) or ``share`` (a fraction, 0.05 = 5 %)."""

    value: float
    kind: str


@dataclass
class Chart:
    """A horizontal bar chart (label, value), drawn as inline SVG."""

    title: str
    bars: list[tuple[str, float]]
    unit: str = ""


@dataclass
class Report:
    title: str
    subtitle: str
    lang: str
    figures: list[tuple[str, str]]   # (label, formatted value) for the executive summary
    charts: list[Chart]
    sections: list[Section]
    labels: dict[str, str] = field(default_factory=dict)
    # figure label → the numbers its text shows (a count and its share…): Excel writes these as numbers
    quantities: dict[str, tuple[Quantity, ...]] = field(default_factory=dict)
    # what the loader warned of (a misspelt header read as nothing, hidden rows): the figures depend on it
    warnings: list[str] = field(default_factory=list)
