"""``graphkpi chains`` as text, JSON or CSV: the elements where chains stop, then the level
skips, area mismatches and out-of-period links (GK203, GK204, GK205) as findings."""

from __future__ import annotations

import pandas as pd

from graphkpi.model import Finding
from graphkpi.render import findings as fr
from graphkpi.render import frames
from graphkpi.render.i18n import t
from graphkpi.render.text import table

BREAK_COLUMNS = ("element", "level_label", "name", "code", "projects", "ministries", "budget")


def render_chains(fmt: str, breaks: pd.DataFrame, other: list[Finding], fx: fr.Facts, source: str, lang: str,
                  be: bool, counts: dict[str, int] | None = None) -> str:
    """``breaks`` from ``chain_breaks``; ``other`` the GK203/GK204/GK205 findings with their facts ``fx``;
    ``counts``: what screening hid (JSON summary)."""
    if fmt == "json":
        return frames.to_json({**fr.document_head(source, counts),
                               "breaks": frames.records(breaks, [*BREAK_COLUMNS, "level"], be),
                               "findings": [fr.as_dict(f, fx, lang) for f in other]})
    if fmt == "csv":
        return frames.to_csv(breaks, [*BREAK_COLUMNS, "level"], be)
    names = {"projects": "stranded_projects", "budget": "stranded_budget"}
    shown = breaks.rename(columns=names)
    cols = [names.get(c, c) for c in BREAK_COLUMNS]
    text = t("breaks", lang) + "\n" + frames.to_text(shown, cols, lang, be) + "\n"
    if other:
        by_subject: dict[str, list[Finding]] = {}
        for f in other:
            by_subject.setdefault(f.subject, []).append(f)
        text += "\n" + t("other_chain_findings", lang) + "\n"
        text += table([t("subject", lang), t("code", lang), t("message", lang)],
                      [(s, f.code, fr.message(f, fx, lang)) for s, fs in sorted(by_subject.items()) for f in fs],
                      max_width=100) + "\n"
    return text
