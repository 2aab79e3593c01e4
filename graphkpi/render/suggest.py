"""``graphkpi suggest`` as text, JSON or CSV: each project's suggested links with the evidence for each.

``why`` is written here, from the evidence columns of :func:`graphkpi.analysis.suggest.suggest`,
so the same scores read in Thai or English.
"""

from __future__ import annotations

import pandas as pd

from graphkpi.analysis.suggest import Suggestions
from graphkpi.render import frames
from graphkpi.render.findings import document_head
from graphkpi.render.i18n import t
from graphkpi.render.text import show_year, table

CSV_COLUMNS = ["project", "project_name", "rank", "element", "level", "element_name", "score", "why", "reason"]


def reason_text(reason: str, lang: str) -> str:
    """Why a project has no suggestion (``no_words``, ``no_match``), for people."""
    return t(f"suggest.reason_{reason}", lang)


def why(row: dict, lang: str) -> list[str]:
    """The evidence behind one suggestion, strongest kind first: words, co-links, area."""
    out = []
    if row["words"]:
        out.append(t("suggest.words", lang, words=", ".join(row["words"])))
    if row["chain_words"]:
        out.append(t("suggest.chain_words", lang, words=", ".join(row["chain_words"])))
    if row["agency_hits"]:
        out.append(t("suggest.agency", lang, hits=row["agency_hits"], total=row["agency_total"]))
    if row["ministry_hits"] and row["ministry_hits"] != row["agency_hits"]:
        out.append(t("suggest.ministry", lang, hits=row["ministry_hits"], total=row["ministry_total"]))
    if row["area"]:
        out.append(t("suggest.area", lang, area=row["place"]))
    return out


def short_list(result: Suggestions, most: int = 3) -> dict[str, str]:
    """Project → its first ``most`` suggestions as ``element (score)``, ``;``-separated: the orphan
    report's column."""
    top = result.candidates[result.candidates["rank"] <= most]
    cells = top["element"] + " (" + top["score"].map(lambda v: f"{v:.2f}") + ")"
    return cells.groupby(top["project"], sort=False).agg("; ".join).to_dict()


def render_suggestions(fmt: str, result: Suggestions, names: dict[str, str], level_label: dict[str, str],
                       facts: pd.DataFrame, source: str, lang: str, be: bool) -> str:
    """``names``: element and project names; ``level_label``: level id → label in ``lang``;
    ``facts``: ``project``, ``fiscal_year`` and ``problem`` (orphan, broken chain or empty) of the projects
    asked about, for the table's headings."""
    by_project = _by_project(result, lang)
    if fmt == "json":
        items = []
        for p in result.projects:
            item: dict = {"project": p, "candidates": [
                {"element": r["element"], "level": r["level"], "score": float(r["score"]), "why": r["why"]}
                for r in by_project.get(p, [])]}
            if p in result.reasons:
                item["reason"] = reason_text(result.reasons[p], lang)
            items.append(item)
        return frames.to_json({**document_head(source), "suggestions": items})
    if fmt == "csv":
        flat = []
        for p in result.projects:
            flat += [{"project": p, "project_name": names.get(p, ""), "rank": r["rank"], "element": r["element"],
                      "level": r["level"], "element_name": names.get(r["element"], ""), "score": r["score"],
                      "why": " | ".join(r["why"]), "reason": ""} for r in by_project.get(p, [])]
            if p in result.reasons:
                flat.append({"project": p, "project_name": names.get(p, ""), "rank": None, "element": "",
                             "level": "", "element_name": "", "score": None, "why": "",
                             "reason": reason_text(result.reasons[p], lang)})
        return frames.to_csv(pd.DataFrame(flat, columns=CSV_COLUMNS), CSV_COLUMNS, be)
    return _text(result, by_project, names, level_label, facts, lang, be)


def _by_project(result: Suggestions, lang: str) -> dict[str, list[dict]]:
    """Project → its suggestions as records (with ``why``), best first. The frame is turned into
    records once: a sub-frame per project cost more than the scoring itself for 10⁴ projects."""
    out: dict[str, list[dict]] = {}
    for r in result.candidates.to_dict("records"):
        r["why"] = why(r, lang)
        out.setdefault(r["project"], []).append(r)
    return out


def _text(result: Suggestions, by_project: dict[str, list[dict]], names: dict[str, str],
          level_label: dict[str, str], facts: pd.DataFrame, lang: str, be: bool) -> str:
    info = facts.set_index("project")
    blocks = []
    for p in result.projects:
        about = [info.at[p, "problem"], f"{t('fiscal_year', lang)} {show_year(info.at[p, 'fiscal_year'], be)}"]
        head = f"{p} {names.get(p, '')} ({', '.join(a for a in about if a)})"
        recs = by_project.get(p)
        if recs is None:
            blocks.append(f"{head}\n  {reason_text(result.reasons[p], lang)}")
            continue
        cells = [[str(r["rank"]), r["element"], level_label.get(r["level"], r["level"]), names.get(r["element"], ""),
                  f"{r['score']:.3f}"] for r in recs]
        lines = [f"  [{r['rank']}] " + " · ".join(r["why"]) for r in recs]   # evidence in full, under the table
        headers = [t("suggest.rank", lang), t("element", lang), t("level", lang), t("name", lang),
                   t("suggest.score", lang)]
        blocks.append("\n".join([head, table(headers, cells, numeric=[0, 4], max_width=60),
                                  t("suggest.why", lang) + ":", *lines]))
    total = len(result.candidates)
    summary = t("suggest.summary", lang, suggestions=f"{total:,}", projects=f"{len(result.projects):,}",
                empty=f"{len(result.reasons):,}")
    return "\n\n".join([*blocks, summary + "\n" + t("suggest.note", lang)]) + "\n"
