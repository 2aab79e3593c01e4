"""``graphkpi stats`` as text or JSON: counts per level, then the shares reaching Z."""

from __future__ import annotations

from graphkpi.analysis.stats import Stats
from graphkpi.render import frames
from graphkpi.render.findings import document_head
from graphkpi.render.i18n import t
from graphkpi.render.text import baht, share, table


def render_stats(fmt: str, s: Stats, lang: str, source: str = "") -> str:
    """``stats``' output; ``source``: the bundle, named at the head of the JSON as every command's is."""
    shares = [
        ("projects_reaching_z", s.projects_reaching_z, s.projects),
        ("budget_reaching_z", s.budget_reaching_z, s.budget),
        ("sub_targets_with_projects", s.sub_targets_with_projects, s.sub_targets),
        ("factors_with_projects", s.factors_with_projects, s.factors),
    ]
    if s.line_budget is not None:  # budget lines beside the planned budget (bundles with budget_lines.csv)
        shares[2:2] = [("line_budget_reaching_z", s.line_budget_reaching_z, s.line_budget),
                       ("projects_with_lines", s.projects_with_lines, s.projects)]
    if fmt == "json":
        return frames.to_json({**document_head(source), "levels": {r.level: r.count for r in s.levels.itertuples()},
                               "projects": s.projects,
                               **{k: {"count": part, "of": whole, "share": _rounded(s.share(part, whole))}
                                  for k, part, whole in shares}})
    text = t("counts_per_level", lang) + "\n"
    text += table([t("level", lang), t("level_name", lang), t("count", lang)],
                  [(r.level, r.label or t("not_in_profile", lang), f"{r.count:,}") for r in s.levels.itertuples()],
                  numeric=[2]) + "\n\n"
    text += t("coverage", lang) + "\n"
    text += table(["", t("count", lang), t("total", lang), t("share", lang)],
                  [(t(k, lang), baht(part), baht(whole), share(part, whole)) for k, part, whole in shares],
                  numeric=[1, 2, 3]) + "\n"
    return text


def _rounded(value: float | None) -> float | None:
    return None if value is None else round(value, 4)

