"""``graphkpi validate``'s summary: what loaded (own and reference elements, projects, agencies,
file encodings), then the integrity findings, if any."""

from __future__ import annotations

from pathlib import Path

from graphkpi.graph import PlanGraph
from graphkpi.model import Finding
from graphkpi.render import findings as fr
from graphkpi.render.i18n import t


def render_validation(bundle: Path, g: PlanGraph, found: list[Finding], codes: list[str], lang: str) -> str:
    own = g.elements["source"] == "bundle"
    lines = [f"{t('valid', lang)}: {bundle}",
             f"  {t('elements', lang)}: {int(own.sum()):,} (+{int((~own).sum())} {t('from_reference', lang)})",
             f"  {t('projects', lang)}: {len(g.projects):,}   {t('agencies', lang)}: {len(g.agencies):,}",
             f"  {t('files', lang)}: " + ", ".join(f"{k} ({v})" for k, v in sorted(g.encodings.items()))]
    if g.has_budget_lines:  # beside the projects, as the budget system lists them
        lines.insert(3, f"  {t('budget_lines', lang)}: {len(g.budget_lines):,}")
    text = "\n".join(lines) + "\n"
    if found:
        text += "\n" + fr.to_table(found, g, codes, lang)
    return text
