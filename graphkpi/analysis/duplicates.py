"""GK301 groups as the auditor's tables: one row per group (largest combined budget first)
and one row per project in a group, from the facts the check carried with its findings
(:mod:`graphkpi.analysis.carried`), whichever backend found them: nothing is fetched again."""

from __future__ import annotations

import pandas as pd

from graphkpi.analysis import carried
from graphkpi.model import Finding
from graphkpi.render.i18n import place_label

GROUP_COLUMNS = ["group", "gao", "subject", "projects", "ministry_ids", "sub_targets", "places", "fiscal_year",
                 "budget", "max_similarity", "shared_words"]
MEMBER_COLUMNS = ["group", "project", "name", "agency", "ministry", "ministry_name", "fiscal_year", "budget",
                  "provinces"]


def duplicate_tables(found: list[Finding], lang: str = "th") -> tuple[pd.DataFrame, pd.DataFrame]:
    """``(groups, members)`` from GK301 findings; groups numbered 1… by combined budget, then
    similarity (the surest first among equal budgets), then subject: the order an auditor works in."""
    groups = sorted((f for f in found if f.code == "GK301"),
                    key=lambda f: (-f.details["budget"], -f.details["max_similarity"], f.subject))
    rows, facts = [], []
    for n, f in enumerate(groups, start=1):
        d = f.details
        rows.append({"group": n, "gao": d["gao"], "subject": f.subject, "projects": 1 + len(f.related),
                     "ministry_ids": ", ".join(d["ministries"]), "sub_targets": ", ".join(d["sub_targets"]),
                     "places": ", ".join(place_label(p, lang) for p in d["places"]),
                     "fiscal_year": d["fiscal_year"], "budget": d["budget"],
                     "max_similarity": d["max_similarity"], "shared_words": " ".join(d["shared_words"])})
        facts += [{"group": n, **r} for r in carried.members(f)]
    table = pd.DataFrame(rows, columns=GROUP_COLUMNS)
    members = pd.DataFrame(facts, columns=[*MEMBER_COLUMNS, "ministry_name_en"])
    if lang == "en":
        members["ministry_name"] = members["ministry_name_en"]
    return table, members.reindex(columns=MEMBER_COLUMNS)
