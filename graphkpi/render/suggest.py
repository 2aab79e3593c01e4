"""``graphkpi suggest`` as text, JSON or CSV: each project's suggested links with the evidence for each.

``why`` is written here, from the evidence columns of :func:`graphkpi.analysis.suggest.suggest`,
so the same scores read in Thai or English. A national run keeps 2.5 × 10⁵ suggestions: the
evidence is read column by column and each sentence's template is looked up once, and the JSON
document is written by :func:`_json` rather than by ``json.dumps(indent=2)``, whose pure-Python
encoder took longer than the scoring itself.
"""

from __future__ import annotations

from collections.abc import Callable
from json.encoder import encode_basestring

import pandas as pd

from graphkpi.analysis.suggest import Suggestions
from graphkpi.messages.catalogue import formatter, template
from graphkpi.render import frames
from graphkpi.render.findings import document_head
from graphkpi.render.i18n import t
from graphkpi.render.text import show_year, table

CSV_COLUMNS = ["project", "project_name", "rank", "element", "level", "element_name", "score", "why", "reason"]


def reason_text(reason: str, lang: str) -> str:
    """Why a project has no suggestion (``no_words``, ``no_match``), for people."""
    return t(f"suggest.reason_{reason}", lang)


def why_lists(candidates: pd.DataFrame, lang: str) -> list[list[str]]:
    """The evidence behind each suggestion (a row of ``candidates``), strongest kind first: words,
    co-links, area. The ministry's count is left out when it repeats the agency's."""
    def form(key: str) -> Callable[..., str]:
        return formatter(template(f"ui.suggest.{key}", lang))   # filled below as t() fills it (no Msg parameters)

    c = candidates
    words, chain = form("words"), form("chain_words")
    agency, ministry, area = form("agency"), form("ministry"), form("area")
    ag_hits, mi_hits = c["agency_hits"].tolist(), c["ministry_hits"].tolist()
    parts = zip(
        [words(words=", ".join(ws)) if len(ws) else "" for ws in c["words"]],
        [chain(words=", ".join(ws)) if len(ws) else "" for ws in c["chain_words"]],
        [agency(hits=h, total=n) if h else "" for h, n in zip(ag_hits, c["agency_total"].tolist(), strict=True)],
        [ministry(hits=h, total=n) if h and h != a else ""
         for h, n, a in zip(mi_hits, c["ministry_total"].tolist(), ag_hits, strict=True)],
        [area(area=p) if a else "" for a, p in zip(c["area"].tolist(), c["place"].tolist(), strict=True)],
        strict=True)
    return [[s for s in row if s] for row in parts]


def short_list(result: Suggestions, most: int = 3) -> dict[str, str]:
    """Project → its first ``most`` suggestions as ``element (score)``, ``;``-separated: the orphan
    report's column."""
    top = result.candidates[result.candidates["rank"] <= most]
    cells: dict[str, list[str]] = {}   # in order of first appearance, each project's in row order
    for project, element, score in zip(top["project"].tolist(), top["element"].tolist(), top["score"].tolist(),
                                       strict=True):
        cells.setdefault(project, []).append(f"{element} ({score:.2f})")
    return {project: "; ".join(parts) for project, parts in cells.items()}


def render_suggestions(fmt: str, result: Suggestions, names: dict[str, str], level_label: dict[str, str],
                       facts: pd.DataFrame, source: str, lang: str, be: bool) -> str:
    """``names``: element and project names; ``level_label``: level id → label in ``lang``;
    ``facts``: ``project``, ``fiscal_year`` and ``problem`` (orphan, broken chain or empty) of the projects
    asked about, for the table's headings."""
    by_project = _by_project(result, lang)
    if fmt == "json":
        return _json(result, by_project, source, lang)
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
    """Project → its suggestions as records (``rank``, ``element``, ``level``, ``score``, ``why``), best
    first, made from the columns at once (a sub-frame per project, or pandas' own records, cost more
    than the scoring itself at national scale)."""
    c = result.candidates
    out: dict[str, list[dict]] = {}
    for p, rank, element, level, score, why in zip(c["project"].tolist(), c["rank"].tolist(), c["element"].tolist(),
                                                   c["level"].tolist(), c["score"].tolist(), why_lists(c, lang),
                                                   strict=True):
        out.setdefault(p, []).append({"rank": rank, "element": element, "level": level, "score": score, "why": why})
    return out


def _json(result: Suggestions, by_project: dict[str, list[dict]], source: str, lang: str) -> str:
    """The contract's document, byte for byte what ``frames.to_json`` (``json.dumps``, ``indent=2``)
    makes of it: the head is made by it, each suggestion is written from its known shape with the
    same string escaping (tests/render/test_suggest.py compares the two)."""
    head = frames.to_json({**document_head(source), "suggestions": []})
    if not result.projects:
        return head
    reasons = {r: encode_basestring(reason_text(r, lang)) for r in set(result.reasons.values())}
    items = []
    for p in result.projects:
        found = by_project.get(p)
        body = "[\n" + ",\n".join(map(_candidate_json, found)) + "\n      ]" if found else "[]"
        reason = f',\n      "reason": {reasons[result.reasons[p]]}' if p in result.reasons else ""
        items.append(f'    {{\n      "project": {encode_basestring(p)},\n      "candidates": {body}{reason}\n    }}')
    empty = '"suggestions": []\n}\n'
    return head.removesuffix(empty) + '"suggestions": [\n' + ",\n".join(items) + "\n  ]\n}\n"


def _candidate_json(r: dict) -> str:
    why = "[\n" + ",\n".join("            " + encode_basestring(w) for w in r["why"]) + "\n          ]" \
        if r["why"] else "[]"
    return (f'        {{\n          "element": {encode_basestring(r["element"])},\n'
            f'          "level": {encode_basestring(r["level"])},\n'
            f'          "score": {float(r["score"])!r},\n          "why": {why}\n        }}')


def _text(result: Suggestions, by_project: dict[str, list[dict]], names: dict[str, str],
          level_label: dict[str, str], facts: pd.DataFrame, lang: str, be: bool) -> str:
    problem = dict(zip(facts["project"].tolist(), facts["problem"].tolist(), strict=True))
    year = dict(zip(facts["project"].tolist(), facts["fiscal_year"].tolist(), strict=True))
    headers = [t("suggest.rank", lang), t("element", lang), t("level", lang), t("name", lang), t("suggest.score", lang)]
    blocks = []
    for p in result.projects:
        about = [problem[p], f"{t('fiscal_year', lang)} {show_year(year[p], be)}"]
        head = f"{p} {names.get(p, '')} ({', '.join(a for a in about if a)})"
        recs = by_project.get(p)
        if recs is None:
            blocks.append(f"{head}\n  {reason_text(result.reasons[p], lang)}")
            continue
        cells = [[str(r["rank"]), r["element"], level_label.get(r["level"], r["level"]), names.get(r["element"], ""),
                  f"{r['score']:.3f}"] for r in recs]
        lines = [f"  [{r['rank']}] " + " · ".join(r["why"]) for r in recs]   # evidence in full, under the table
        blocks.append("\n".join([head, table(headers, cells, numeric=[0, 4], max_width=60),
                                  t("suggest.why", lang) + ":", *lines]))
    total = len(result.candidates)
    summary = t("suggest.summary", lang, suggestions=f"{total:,}", projects=f"{len(result.projects):,}",
                empty=f"{len(result.reasons):,}")
    return "\n\n".join([*blocks, summary + "\n" + t("suggest.note", lang)]) + "\n"
