"""``graphkpi duplicates`` as text, JSON or CSV: the GK301 groups, their projects and, with
``--explain``, why each group matched."""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from typing import Any

import pandas as pd

from graphkpi.analysis.duplicates import GROUP_COLUMNS, MEMBER_COLUMNS
from graphkpi.load.schema import NATIONAL
from graphkpi.model import Finding
from graphkpi.render import findings as fr
from graphkpi.render import frames
from graphkpi.render.i18n import named, place_label, t
from graphkpi.render.text import baht, show_year


def render_duplicates(fmt: str, found: list[Finding], groups: pd.DataFrame, members: pd.DataFrame, fx: fr.Facts,
                      min_similarity: float, explain: bool, source: str, lang: str, be: bool,
                      counts: dict[str, int] | None = None, top: int = 0,
                      places: Mapping[str, str] | None = None, ministries: Mapping[str, str] | None = None) -> str:
    """``groups`` and ``members`` from ``duplicate_tables``; ``fx`` the findings' facts (JSON only);
    ``counts``: what screening hid (JSON summary); ``top``: the table shows the first ``top``
    groups (0: all), since a national bundle can have tens of thousands an auditor works down from the top;
    ``places``: area id → name (:func:`graphkpi.render.i18n.area_names`) for ``--explain``, else codes;
    ``ministries``: ministry id → name (:func:`ministry_names`) for ``--explain``, else ids."""
    if fmt == "json":
        by_subject = {f.subject: f for f in found}
        parts = _by_group(members)
        payload = []
        for rec in frames.records(groups, GROUP_COLUMNS, be):
            f = by_subject[rec["subject"]]
            part = parts[rec["group"]]
            payload.append({**fr.as_dict(f, fx, lang), "group": rec["group"],
                            "projects": frames.records(part, MEMBER_COLUMNS[1:], be)})
        return frames.to_json({**fr.document_head(source, counts),
                               "min_similarity": min_similarity, "groups": payload})
    if fmt == "csv":
        flat = members.merge(groups.drop(columns=["fiscal_year", "budget"]), on="group")
        flat["group_budget"] = flat["group"].map(groups.set_index("group")["budget"])
        cols = ["group", "gao", "subject", *MEMBER_COLUMNS[1:], "group_budget", "max_similarity", "sub_targets",
                "shared_words"]
        return frames.to_csv(flat, cols, be)
    return _text(found, groups, members, min_similarity, explain, lang, be, top, places, ministries)


def ministry_names(agencies: pd.DataFrame, lang: str) -> dict[str, str]:
    """Ministry (agency) id → its English name, for ``--explain`` in English: พม and สธ are Thai
    abbreviations an English reader cannot tell apart. Empty in Thai, where the ids read as they
    are, and for agencies without an English name (their ids stay)."""
    if lang != "en" or "name_en" not in agencies.columns:
        return {}
    english = agencies["name_en"].fillna("").astype(str).str.strip()
    return english[english != ""].to_dict()


def _text(found: list[Finding], groups: Any, members: Any, min_similarity: float, explain: bool, lang: str,
          be: bool, top: int = 0, places: Mapping[str, str] | None = None,
          ministries: Mapping[str, str] | None = None) -> str:
    total_groups = groups
    if top and len(groups) > top:
        groups = groups.head(top)
    shown = groups.assign(gao=groups["gao"].map(lambda g: t(f"gao_short_{g}", lang)),
                          max_similarity=groups["max_similarity"].map(lambda v: f"{v:.3f}"),
                          group_subject=groups["subject"])
    cols = ["group", "gao", "group_subject", "projects", "ministry_ids", "sub_targets", "places", "fiscal_year",
            "budget", "max_similarity"]
    out = frames.to_text(shown, cols, lang, be, max_width=40) + "\n"
    if explain:
        by_subject = {f.subject: f for f in found}
        parts = _by_group(members)
        for g in groups.to_dict("records"):
            out += "\n" + _explain(by_subject[g["subject"]], g, parts[g["group"]], min_similarity, lang, be, places,
                                   ministries)
    if len(groups) < len(total_groups):
        out += "\n" + t("duplicates_top", lang, shown=len(groups), total=len(total_groups)) + "\n"
    groups = total_groups
    total = float(groups["budget"].sum()) if len(groups) else 0.0
    kinds = groups["gao"].value_counts()
    out += "\n" + t("duplicates_summary", lang,
        groups=len(groups), duplication=int(kinds.get("duplication", 0)), overlap=int(kinds.get("overlap", 0)),
        projects=len(members), budget=baht(total), threshold=min_similarity) + "\n"
    return out


def _by_group(members: pd.DataFrame) -> dict[Any, pd.DataFrame]:
    """Each group's member rows, split once: a filter per group is quadratic, and a national
    bundle has tens of thousands of groups."""
    return {g: part for g, part in members.groupby("group", sort=False)}


def _explain(f: Finding, g: dict, part: Any, min_similarity: float, lang: str, be: bool,
             names: Mapping[str, str] | None, ministries: Mapping[str, str] | None = None) -> str:
    d = f.details
    label = t("gao_" + d["gao"], lang)
    rows = part.to_dict("records")
    lines = [f"{t('group', lang)} {g['group']}: {label} · {t('budget', lang)} {baht(d['budget'])}",
             "  " + t(_why_key(d), lang,
                 targets=", ".join(d["sub_targets"]), year=show_year(d["fiscal_year"], be),
                 places=", ".join(place_label(p, lang, names) for p in overlap([_places(r) for r in rows])),
                 n=d["n_ministries"], ministries=", ".join(named(m, (ministries or {}).get(m, ""), lang)
                                                           for m in d["ministries"]),
                 threshold=min_similarity)]
    lines += ["  " + t("duplicates_project", lang,
        project=r["project"], ministry=r["ministry"], agency=r["agency"], budget=baht(r["budget"]),
        places=", ".join(place_label(p, lang, names) for p in _places(r)), name=r["name"])
        for r in rows]
    lines += [f"  {t('similarity', lang)} {p['a']} ↔ {p['b']}: {p['similarity']:.3f}{_equivalences(p, lang)}"
              for p in d["pairs"]]
    lines.append(f"  {t('shared_words', lang)}: {' '.join(d['shared_words']) or '-'}")
    return "\n".join(lines) + "\n"


def overlap(places: list[list[str]]) -> list[str]:
    """Where the projects' places overlap: ``national`` when two or more are national (they
    overlap everywhere), else each place that two or more projects cover, a national project
    covering every place. The group's union would claim overlap where only one project works."""
    national = sum(NATIONAL in p for p in places)
    if national >= 2:
        return [NATIONAL]
    covered = Counter(p for ps in places for p in dict.fromkeys(ps) if p != NATIONAL)
    return sorted(p for p, n in covered.items() if n + national >= 2)


def _places(row: dict) -> list[str]:
    return [p for p in str(row["provinces"]).split(";") if p]


LIFTS = ("objective", "spelling")   # equivalences that let a pair a little below the threshold match


def _why_key(details: dict) -> str:
    """The group's "why" line: it names the lift when a pair below the threshold matched by its
    objective or its letters (the line would otherwise claim every title met the threshold)."""
    lifted = any((p.get("equivalences") or {}).get(k) is not None for p in details["pairs"] for k in LIFTS)
    return "duplicates_why_lifted" if lifted else "duplicates_why"


def _equivalences(pair: dict, lang: str) -> str:
    """What let a pair match despite differing words (the pair's ``equivalences``), or ""."""
    used = pair.get("equivalences") or {}
    parts = [t(f"equivalence_{kind}", lang, words=" ".join(used[kind]))
             for kind in ("verbs", "loanwords", "calques", "activities", "expansion", "ignored") if used.get(kind)]
    for kind in LIFTS:
        if used.get(kind) is not None:
            parts.append(t(f"equivalence_{kind}", lang, similarity=f"{used[kind]:.3f}"))
    return f" ({'; '.join(parts)})" if parts else ""
