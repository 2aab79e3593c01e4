"""``graphkpi validate``'s summary: what loaded (own and reference elements, projects, agencies,
file encodings, and the warnings every command gives on loading), then the integrity findings, if any."""

from __future__ import annotations

import re
from pathlib import Path

from graphkpi.graph import PlanGraph
from graphkpi.load.guess import lost_zeros
from graphkpi.model import Finding
from graphkpi.render import findings as fr
from graphkpi.render.i18n import t
from graphkpi.render.safe import visible


def render_validation(bundle: Path, g: PlanGraph, found: list[Finding], codes: list[str], lang: str) -> str:
    own = g.elements["source"] == "bundle"
    head = t("valid_with_findings", lang, n=len(found)) if found else t("valid", lang)   # not "valid", then errors
    lines = [f"{head}: {bundle}",
             f"  {t('elements', lang)}: {int(own.sum()):,} (+{int((~own).sum())} {t('from_reference', lang)})",
             f"  {t('projects', lang)}: {len(g.projects):,}   {t('agencies', lang)}: {len(g.agencies):,}",
             f"  {t('files', lang)}: " + ", ".join(f"{k} ({v})" for k, v in sorted(g.encodings.items()))]
    if g.has_budget_lines:  # beside the projects, as the budget system lists them
        lines.insert(3, f"  {t('budget_lines', lang)}: {len(g.budget_lines):,}")
    lines += excel_numbers(g, found, lang)
    lines += ["  " + line for line in load_warnings(g, lang)]
    text = "\n".join(lines) + "\n"
    if found:
        text += "\n" + fr.to_table(found, g, codes, lang)
    return text


def excel_numbers(g: PlanGraph, found: list[Finding], lang: str) -> list[str]:
    """One line per file and column whose unknown ids are known ids without their leading zeros:
    the file was saved by a spreadsheet that read the ids as numbers (GK001 names each row)."""
    columns: dict[str, list[Finding]] = {}
    for f in found:
        meant = f.details.get("did_you_mean") if f.code == "GK001" else None
        if meant and lost_zeros(str(f.details.get("missing", "")), str(meant)):
            columns.setdefault(str(f.details["via"]), []).append(f)
    out = []
    for via, hits in sorted(columns.items()):
        table, _, column = via.partition(".")
        where = f"{g.source.name}[{table}]" if g.source.is_file() else f"{table}.csv"
        first = hits[0].details
        out.append("  " + t("excel_numbers", lang, file=where, column=column, n=f"{len(hits):,}",
                            written=first["missing"], meant=first["did_you_mean"]))
    return out


def load_warnings(g: PlanGraph, lang: str) -> list[str]:
    """What every command warns of on loading, and reports carry on their cover: a header that is
    probably an optional column misspelt (``PlanGraph.unread``), and a sheet's hidden rows."""
    return [*(visible(t("column_unread", lang, file=file, header=header, column=column)
                      + (t("column_in_millions", lang, column=column) if _MILLIONS.search(header) else ""))
              for file, header, column in g.unread),
            *(visible(t("rows_hidden", lang, file=file, n=len(rows), rows=rows_text(rows)))
              for file, rows in g.hidden_rows)]


def rows_text(rows: tuple[int, ...], shown: int = 10) -> str:
    """``5, 6, 9`` — the first ``shown`` row numbers, then ``…``."""
    return ", ".join(map(str, rows[:shown])) + (", …" if len(rows) > shown else "")


_MILLIONS = re.compile(r"ล้าน|million|\bmb\b|\bm\s*฿", re.IGNORECASE)   # a header in millions of baht
