"""Write a Report as one printable HTML file, an Excel workbook, or a CSV (by file extension).

HTML: self-contained (no external reference), A4 pages, the embedded Thai font (``views.webfont``), bar charts as
inline SVG, every value escaped. Excel: one sheet per section, named in the report's language,
frozen header, filters, widths that fit Thai text; every count, amount and share is a number
cell (counts ``#,##0``, baht ``#,##0.00``, shares ``0.0%``), never numeric text, so an auditor
can sum and sort them. CSV: UTF-8 with BOM so Excel shows Thai. Text
cells that a spreadsheet would run as a formula are neutralised in Excel and CSV, and control
and bidi characters are shown visibly everywhere (``render.safe``). Long text is cut in HTML
cells (``SHOWN_LIMIT``: a 1 MB name would stop the page from loading) and at Excel's own cell
limit; the CSV keeps it whole.
"""

from __future__ import annotations

import csv
import io
import math
from datetime import datetime, timezone
from importlib import resources
from pathlib import Path
from typing import Any
from urllib.parse import quote

import jinja2
import numpy as np
import pandas as pd
from markupsafe import Markup, escape

from graphkpi.render.i18n import t
from graphkpi.render.safe import SHOWN_LIMIT, XLSX_CELL_LIMIT, cut, html_text, visible
from graphkpi.render.text import FORMULA_PREFIXES, baht, safe_cell, safe_cells, show_year, width
from graphkpi.reports.model import Chart, Column, Report
from graphkpi.views.webfont import FONT_SLOT, STACK, font_faces

FORMATS = {".html": "html", ".htm": "html", ".xlsx": "xlsx", ".csv": "csv"}
BAHT_FORMAT = "#,##0.00"
COUNT_FORMAT = "#,##0"
SHARE_FORMAT = "0.0%"
NUMBER_FORMATS = {"money": BAHT_FORMAT, "int": COUNT_FORMAT, "share": SHARE_FORMAT}
# Printed HTML: columns of ids (never wrapped: P-000177 split at its hyphen reads as two ids), columns of
# ;-lists of ids (each id unbroken, the list wraps between them), and the size from which a section
# starts on a new page (a short one flows on after the previous: no near-empty pages).
ID_COLUMNS = frozenset({"project", "agency", "ministry", "element", "subject", "code", "id"})
ID_LIST_COLUMNS = frozenset({"break_at", "related", "replaced_by", "provinces"})
# Columns of names and sentences: given room first, or a name wraps a word a line beside short columns.
LONG_COLUMNS = frozenset({"name", "element_name", "message"})
SHORT_TEXT_COLUMNS = frozenset({"problem"})   # a few words (ห่วงโซ่ขาด): one line, not a word a line
LARGE_SECTION_ROWS = 20
# A report whose widest table has more columns than this prints on landscape pages (a table's
# last columns fell off an upright A4 page); the usable width of each, within the page margins.
UPRIGHT_COLUMNS = 8
PAGE = {"portrait": {"orientation": "portrait", "width": "186mm", "table_font": "9pt"},
        "landscape": {"orientation": "landscape", "width": "273mm", "table_font": "8pt"}}
SHEET_FORBIDDEN = "[]:*?/\\"   # characters Excel refuses in a sheet name


def render_report(report: Report, path: Path, be: bool) -> bytes:
    """The bytes of ``report`` in the format ``path``'s extension names (ValueError otherwise)."""
    fmt = FORMATS.get(path.suffix.lower())
    if fmt is None:
        raise ValueError(f"{path.name}: the report format comes from the extension: .html, .xlsx or .csv")
    return {"html": to_html, "xlsx": to_xlsx, "csv": to_csv}[fmt](report, be)


def _value(col: Column, v: Any, be: bool) -> str:
    if v is None or (isinstance(v, float) and math.isnan(v)):
        return ""
    if col.kind == "money":
        return baht(v)
    if col.kind == "int":
        return f"{int(v):,}"
    if col.kind == "share":
        return f"{float(v):.1%}"
    if col.kind == "year":
        return str(show_year(v, be))
    return str(v)


# --- HTML ------------------------------------------------------------------------------


def svg_chart(chart: Chart, bar_width: int = 420) -> Markup:
    """A horizontal bar chart as inline SVG; labels are escaped text."""
    bars = [(label, value) for label, value in chart.bars if value and value > 0]
    if not bars:
        return Markup("")
    top = max(v for _, v in bars)
    row, label_w = 22, 230
    h = row * len(bars) + 8
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{label_w + bar_width + 120}" height="{h}" '
             f'role="img" aria-label="{escape(chart.title)}">']
    for i, (label, value) in enumerate(bars):
        y = 4 + i * row
        w = max(1.0, bar_width * value / top)
        short = visible(label if len(label) <= 34 else label[:33] + "…")
        parts.append(f'<text x="{label_w - 6}" y="{y + 15}" text-anchor="end" font-size="12">{escape(short)}</text>'
                     f'<rect x="{label_w}" y="{y + 3}" width="{w:.1f}" height="{row - 6}" fill="#d9822b"/>'
                     f'<text x="{label_w + w + 4:.1f}" y="{y + 15}" font-size="11">{escape(baht(value))}</text>')
    parts.append("</svg>")
    return Markup("".join(parts))


def _html_cell(col: Column, value: Any, be: bool, lang: str) -> str | Markup:
    """A table cell's content: the value as text, a ;-list of ids (one id too: AP-กษ-97 broke at
    its hyphen) as unbreakable ids, a file beside the report as a link to it; escaped here, since
    the result is markup."""
    text = cut(_value(col, value, be), SHOWN_LIMIT, lang)
    if col.kind == "file" and text:
        return Markup('<a href="{}">{}</a>').format(quote(text), visible(text))
    if col.key not in ID_LIST_COLUMNS or not text.strip():
        return text
    return Markup("; ").join(Markup('<span class="id">{}</span>').format(visible(p.strip()))
                             for p in text.split(";") if p.strip())


def _cell_class(col: Column) -> str:
    return ("num" if col.kind in NUMBER_FORMATS else "id" if col.key in ID_COLUMNS
            else "long" if col.key in LONG_COLUMNS else "short" if col.key in SHORT_TEXT_COLUMNS else "")


def _now() -> datetime:
    """The clock, read in one place so that a test can set it."""
    return datetime.now(timezone.utc)


def _generated(now: datetime, be: bool, lang: str) -> str:
    """When the report was made (UTC, said so). In English always the Common Era: an ISO-looking
    2569-12-05 reads as a typo to an English reader, whatever era the fiscal years are shown in. In
    Thai the year is in the era of the report's years, as Thai readers write dates."""
    return f"{show_year(now.year, be and lang != 'en')}{now.strftime('-%m-%d %H:%M')} UTC"


def to_html(report: Report, be: bool) -> bytes:
    env = jinja2.Environment(autoescape=True, undefined=jinja2.StrictUndefined, finalize=html_text)
    template = env.from_string(resources.files("graphkpi.reports").joinpath("report.html").read_text("utf-8"))
    sections = [{"s": s, "rows": [[_html_cell(c, rec[c.key], be, report.lang) for c in s.columns]
                                  for rec in s.frame.to_dict("records")],
                 "classes": [_cell_class(c) for c in s.columns], "large": len(s.frame) > LARGE_SECTION_ROWS}
                for s in report.sections]
    orientation = "landscape" if max((len(s.columns) for s in report.sections), default=0) > UPRIGHT_COLUMNS \
        else "portrait"
    html = template.render(report=report, sections=sections, charts=[(c, svg_chart(c)) for c in report.charts],
                           page=PAGE[orientation],
                           generated=_generated(_now(), be, report.lang),
                           font_css=Markup(FONT_SLOT), font_stack=Markup(STACK),
                           font_credit=t("font_credit", report.lang))
    # the Thai font, cut to the characters the report uses: it prints Thai on a machine without one
    return html.replace(FONT_SLOT, font_faces(html), 1).encode("utf-8")


# --- Excel -----------------------------------------------------------------------------


def _sheet_name(wanted: str, used: set[str]) -> str:
    """A sheet name Excel accepts: at most 31 characters, none of ``[]:*?/\\``, no apostrophe at
    either end, unique in the workbook (compared as Excel does, ignoring case)."""
    name = "".join(ch for ch in visible(wanted) if ch not in SHEET_FORBIDDEN).strip().strip("'")[:31].strip() \
        or "sheet"
    base, i = name, 2
    while name.casefold() in used:
        name = f"{base[:28]}_{i}"
        i += 1
    used.add(name.casefold())
    return name


def _number(value: float, kind: str) -> int | float:
    """A number cell's value: counts as integers, baht and shares as floats."""
    return int(value) if kind == "int" else float(value)


def to_xlsx(report: Report, be: bool) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    wb = Workbook()
    ws = wb.active
    used: set[str] = set()
    ws.title = _sheet_name(t("sheet_cover", report.lang), used)
    _append(ws, [_xlsx_text(report.title, report.lang)])
    ws["A1"].font = Font(bold=True, size=14)
    _append(ws, [_xlsx_text(report.subtitle, report.lang)])
    for warning in report.warnings:
        _append(ws, [_xlsx_text(warning, report.lang)])
        ws.cell(row=ws.max_row, column=1).font = Font(bold=True, color="8A1C00")
    _append(ws, [])
    for label, value in report.figures:
        numbers = report.quantities.get(label)
        if not numbers:   # a figure that is text (or has no number behind it)
            _append(ws, [_xlsx_text(label, report.lang), _xlsx_text(value, report.lang)])
            continue
        _append(ws, [_xlsx_text(label, report.lang), *(_number(q.value, q.kind) for q in numbers)])
        for i, q in enumerate(numbers, start=2):
            ws.cell(row=ws.max_row, column=i).number_format = NUMBER_FORMATS[q.kind]
    _append(ws, [t("report_generated", report.lang), _generated(_now(), be, report.lang)])   # as in HTML
    ws.column_dimensions["A"].width = max(20, max((width(lb) for lb, _ in report.figures), default=20) + 2)
    ws.column_dimensions["B"].width = 20
    ws.column_dimensions["C"].width = 10
    _print_setup(ws, 3)
    for section in report.sections:
        sheet = wb.create_sheet(_sheet_name(section.sheet or section.key, used))
        _append(sheet, [_xlsx_text(c.label, report.lang) for c in section.columns])
        for cell in sheet[1]:
            cell.font = Font(bold=True)
            cell.alignment = Alignment(vertical="top", wrap_text=True)
        widths = [width(c.label) for c in section.columns]
        for rec in section.frame.to_dict("records"):
            row: list[object] = []
            for i, c in enumerate(section.columns):
                v = rec.get(c.key)
                if v is None or (isinstance(v, float) and math.isnan(v)):
                    row.append(None)
                    continue
                if c.kind in NUMBER_FORMATS:
                    row.append(_number(v, c.kind))
                elif c.kind == "year":
                    row.append(int(show_year(v, be)))
                else:
                    row.append(_xlsx_text(str(v), report.lang))
                widths[i] = max(widths[i], width(_value(c, v, be)))
            _append(sheet, row)
        for i, c in enumerate(section.columns, start=1):
            letter = get_column_letter(i)
            sheet.column_dimensions[letter].width = min(60, max(8, widths[i - 1] + 2))
            if c.kind in NUMBER_FORMATS:
                for cell in sheet[letter][1:]:
                    cell.number_format = NUMBER_FORMATS[c.kind]
            if c.kind == "file":   # a file beside the workbook: a link that opens it (named as on disk:
                for cell in sheet[letter][1:]:   # Excel reads a link's %XX as written, not as UTF-8)
                    if cell.value:
                        cell.hyperlink, cell.style = str(cell.value), "Hyperlink"
        sheet.freeze_panes = "A2"
        if section.columns:
            sheet.auto_filter.ref = f"A1:{get_column_letter(len(section.columns))}{max(1, sheet.max_row)}"
        _print_setup(sheet, len(section.columns), header=True)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def _append(ws: Any, row: list[object]) -> None:
    """``ws.append(row)``, every text cell kept as text: openpyxl would store ``=…`` as a formula,
    so a cell a spreadsheet would run (``=``, ``+``, ``-``, ``@``…) is typed text and marked with
    Excel's quote prefix, which keeps it text when the cell is edited, without changing what it
    holds (an apostrophe in the cell would)."""
    ws.append(row)
    for i, v in enumerate(row, start=1):
        if isinstance(v, str) and v.startswith(FORMULA_PREFIXES):
            cell = ws.cell(row=ws.max_row, column=i)
            cell.value, cell.data_type, cell.quotePrefix = v, "s", True


def _print_setup(ws: Any, columns: int, header: bool = False) -> None:
    """A sheet printed as an auditor hands it on: A4, across the page when wider than
    :data:`UPRIGHT_COLUMNS`, every column on the page's width (as many pages down as needed), the
    header row on every page."""
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.orientation = "landscape" if columns > UPRIGHT_COLUMNS else "portrait"
    ws.page_setup.fitToWidth, ws.page_setup.fitToHeight = 1, 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    if header:
        ws.print_title_rows = "1:1"


def _xlsx_text(value: str, lang: str) -> str:
    """A text cell Excel accepts: no control characters (openpyxl refuses them), at most Excel's
    32,767 characters. A would-be formula stays as written: :func:`_append` makes it text."""
    return cut(visible(str(value)), XLSX_CELL_LIMIT - 40, lang)  # room for the "… (n more)" mark


# --- CSV -------------------------------------------------------------------------------


def main_table(report: Report) -> tuple[list[Column], pd.DataFrame]:
    """The table a CSV holds: the projects of the orphan report, every finding of the full one, a
    report with a single table (the index of ``report --per``) that table."""
    if len(report.sections) == 1 and not report.sections[0].severity:
        return report.sections[0].columns, report.sections[0].frame
    projects = next((s for s in report.sections if s.key == "projects"), None)
    if projects is not None:
        return projects.columns, projects.frame
    codes = [s for s in report.sections if s.severity]
    frames = [s.frame.assign(code=s.key) for s in codes if len(s.frame)]
    cols = [Column("code", t("code", report.lang))]
    if codes:   # every code's columns (GK602's amounts too), the code's check and severity first
        cols += [Column("check", t("check_label", report.lang)), Column("severity", t("severity", report.lang))]
        seen = {c.key for c in cols}
        for c in (c for s in codes for c in s.columns):
            if c.key not in seen:
                seen.add(c.key)
                cols.append(c)
        cols.sort(key=lambda c: c.key == "details")   # the JSON last, after any code's amounts
    frame = pd.concat(frames, ignore_index=True) if frames else pd.DataFrame(columns=[c.key for c in cols])
    return cols, frame


def to_csv(report: Report, be: bool) -> bytes:
    cols, frame = main_table(report)
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow([safe_cell(c.label) for c in cols])
    w.writerows(zip(*(_csv_cells(frame, c, be) for c in cols), strict=True))
    return ("\ufeff" + buf.getvalue()).encode("utf-8")


def _csv_cells(frame: pd.DataFrame, c: Column, be: bool) -> list[object]:
    """Column ``c``'s CSV cells, converted a column at a time (a row's dict of 50,000 orphans' 10
    columns cost 1.4 s, each arrow-backed cell boxed on its own)."""
    if c.key not in frame.columns:
        return [""] * len(frame)
    values = frame[c.key].tolist()
    if frame[c.key].dtype == object:   # numpy scalars held in objects: as Python's, as a record gives them
        values = [v.item() if isinstance(v, np.generic) else v for v in values]
    blank = [v is None or (isinstance(v, float) and math.isnan(v)) for v in values]
    if c.kind == "year":
        return ["" if b else show_year(v, be) for v, b in zip(values, blank, strict=True)]
    if c.kind in NUMBER_FORMATS:
        return ["" if b else int(v) if float(v).is_integer() else v for v, b in zip(values, blank, strict=True)]
    return safe_cells(["" if b else str(v) for v, b in zip(values, blank, strict=True)])
