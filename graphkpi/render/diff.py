"""``graphkpi diff`` for scripts and people: the contract's JSON document, and a readable summary.

The JSON holds everything (one change or finding per line, as ``check`` writes findings); the
text is what a planner reads on a terminal — the counts, then the changes an auditor asks about
first (targets that lost every project, removed elements still linked, links that moved), then
each list cut at ``SHOWN`` rows with how many more the JSON has.
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from graphkpi.analysis.diff import CHANGES, KINDS, Diff
from graphkpi.load.schema import thai_header
from graphkpi.model import Finding
from graphkpi.render import findings as fr
from graphkpi.render.i18n import t
from graphkpi.render.text import baht, table, truncate

SHOWN = 30   # rows of each list in the text summary


def summary(diff: Diff, counts: dict[str, Any] | None = None) -> dict[str, Any]:
    """The document's ``summary``: changes per kind, findings, totals [old, new] and the markers."""
    changes = diff.changes
    ministries = diff.shifts[diff.shifts["kind"] == "ministry"]
    targets = diff.shifts[diff.shifts["kind"] == "sub_target"]
    return {"changes": diff.counts(),
            "findings": {"new": len(diff.new_findings), "fixed": len(diff.fixed_findings),
                         "persisting": diff.persisting, "fixed_by_removal": fixed_by_removal(diff)},
            "projects": [len(diff.old.projects), len(diff.new.projects)],
            "budget": [float(round(ministries[f"{side}_budget"].sum(), 2)) for side in ("old", "new")],
            "at_risk": at_risk(diff),
            "targets_lost": int(targets["lost_all"].sum()),
            "removed_still_linked": sum(1 for c in changes if c.get("still_linked")),
            "moved": sum(1 for c in changes if c.get("moved")),
            "replaced": sum(1 for c in changes if c.get("replaced")),
            **(counts or {})}


def at_risk(diff: Diff) -> dict[str, list[Any]]:
    """The auditor's headline on each side: projects whose chains do not reach Z (GK101 and GK201,
    whatever codes were selected) and their budget, ``[old, new]``."""
    out: dict[str, list[Any]] = {"projects": [], "budget": []}
    for g in (diff.old, diff.new):
        stranded = ~g.anchored[:len(g.projects)]
        out["projects"].append(int(stranded.sum()))
        out["budget"].append(float(round(g.projects["budget"].fillna(0.0).to_numpy()[stranded].sum(), 2)))
    return out


def fixed_by_removal(diff: Diff) -> int:
    """How many fixed findings went with their subject's row (an orphan project deleted is not an
    orphan linked to the plan: an auditor must tell the two apart)."""
    return sum(1 for f in diff.fixed_findings if f.subject in diff.removed_subjects)


def fixed_text(s: dict[str, Any], lang: str) -> str:
    """How many findings were fixed (``summary``'s), saying how many of them went with their subject."""
    found = s["findings"]
    by_removal = found["fixed_by_removal"]
    return f"{found['fixed']:,}" + (t("diff_fixed_by_removal", lang, n=f"{by_removal:,}") if by_removal else "")


def removal_note(diff: Diff, f: Finding, lang: str) -> str:
    return t("diff_subject_removed", lang) if f.subject in diff.removed_subjects else ""


def shift_records(diff: Diff) -> list[dict[str, Any]]:
    """``shifts`` as the contract's list: per sub-target and per ministry, projects and budget
    ``[old, new]``; ``lost_all`` and ``replaced_by`` on sub-targets."""
    out = []
    for r in diff.shifts.itertuples(index=False):
        rec: dict[str, Any] = {"kind": r.kind, "id": r.id, "name": r.name,
                               "projects": [int(r.old_projects), int(r.new_projects)],
                               "budget": [float(r.old_budget), float(r.new_budget)]}
        if r.kind == "sub_target":
            rec["lost_all"] = bool(r.lost_all)
            rec["replaced_by"] = list(r.replaced_by)
        out.append(rec)
    return out


def to_json(diff: Diff, old: str, new: str, lang: str, be: bool, counts: dict[str, Any] | None = None) -> str:
    """The contract's document; finding objects rendered against the bundle they come from (a fixed
    finding's names are OLD's)."""
    dump = fr._ENCODER.encode   # the findings writer's encoder and its one-finding line (same bytes as check)
    lines = [f'{{"graphkpi": {dump(fr.CONTRACT_VERSION)}, "old": {dump(old)}, "new": {dump(new)},',
             f' "summary": {dump(summary(diff, counts))},']
    lines.append(' "changes": [' + _items(dump(c) for c in diff.changes) + "],")
    found = {"new": (diff.new_findings, diff.new), "fixed": (diff.fixed_findings, diff.old)}
    parts = []
    for key, (items, g) in found.items():
        fx = fr.facts(items, g, lang, be)
        parts.append(f'  "{key}": [' + _items(fr.json_objects(items, fx, lang), "   ") + "]")
    lines.append(' "findings": {\n' + ",\n".join(parts) + f',\n  "persisting": {diff.persisting},\n'
                 f'  "subjects_removed": {dump(sorted(diff.removed_subjects))}}},')
    lines.append(' "shifts": [' + _items(dump(s) for s in shift_records(diff)) + "]}")
    return "\n".join(lines) + "\n"


def _items(texts: Any, indent: str = "  ") -> str:
    body = (",\n" + indent).join(texts)
    return ("\n" + indent + body + "\n" + indent[:-1]) if body else ""


# --- text -----------------------------------------------------------------------------------


def field_text(change: dict[str, Any], lang: str = "en") -> str:
    """``column: old → new; …`` (lists joined, money with separators, empty shown as –); an added
    or removed row's columns as ``column: value`` (a changed row whose cells were all emptied
    still shows each ``old → –``). Columns by their contract names, in Thai by their Thai header
    (:func:`field_label`)."""
    fields, kind = change["fields"], change["kind"]
    if change["change"] != "changed":
        return "; ".join(f"{field_label(kind, k, lang)}: {_cell(k, v[0] if v[1] is None else v[1])}"
                         for k, v in fields.items())
    return "; ".join(f"{field_label(kind, k, lang)}: {_cell(k, v[0])} → {_cell(k, v[1])}" for k, v in fields.items())


_FILE_OF = {"element": "elements", "project": "projects", "agency": "agencies", "kpi": "kpis", "lead": "leads",
            "link": "project_links"}   # a change's kind → the file (graphkpi.load.schema) its columns are of


def field_label(kind: str, column: str, lang: str) -> str:
    """A column of a ``kind`` of row as a reader of ``lang`` knows it: in Thai the first Thai header
    the loader reads as that column (``fiscal_year`` → ปีงบประมาณ), else the contract's name."""
    if lang != "th" or kind not in _FILE_OF:
        return column
    return thai_header(_FILE_OF[kind], column) or column


def _cell(key: str, value: Any) -> str:
    if value is None or value == []:
        return "–"
    if isinstance(value, list):
        return ", ".join(map(str, value))
    if key == "budget" and isinstance(value, (int, float)):
        return baht(value)
    return str(value)


def note(change: dict[str, Any], lang: str) -> str:
    """What a change's markers say: moved to a replacement, a sub-target move, still linked."""
    parts = []
    if change.get("replaced"):
        parts.append(t("diff_note_replaced", lang))
    elif change.get("moved"):
        parts.append(t("diff_note_moved", lang))
    if change.get("still_linked"):
        parts.append(t("diff_note_still_linked", lang, n=f"{change['still_linked']:,}"))
    return "; ".join(parts)


def names_of(diff: Diff, lang: str) -> dict[str, str]:
    """Names of the changed rows that have one (elements, projects, KPIs, agencies): NEW's, else OLD's."""
    ids = [c["id"] for c in diff.changes if c["kind"] in ("element", "project", "kpi", "agency")]
    return {**diff.old.names(ids, lang), **diff.new.names(ids, lang)}


def to_text(diff: Diff, old: str, new: str, lang: str, be: bool, counts: dict[str, Any] | None = None) -> str:
    s = summary(diff, counts)
    out = [t("diff_heading", lang, old=old, new=new),
           t("diff_totals", lang, old_projects=f"{s['projects'][0]:,}", new_projects=f"{s['projects'][1]:,}",
             old_budget=baht(s["budget"][0]), new_budget=baht(s["budget"][1])),
           t("diff_at_risk", lang, old_projects=f"{s['at_risk']['projects'][0]:,}",
             new_projects=f"{s['at_risk']['projects'][1]:,}", old_budget=baht(s["at_risk"]["budget"][0]),
             new_budget=baht(s["at_risk"]["budget"][1])), ""]
    counts_by_kind = s["changes"]
    out.append(table([t("diff_kind", lang), *(t(f"diff_change_{c}", lang) for c in CHANGES)],
                     [[t(f"diff_kind_{k}", lang), *(f"{counts_by_kind[k][c]:,}" for c in CHANGES)] for k in KINDS],
                     numeric=(1, 2, 3)))
    out.append(t("diff_findings", lang, new=f"{s['findings']['new']:,}", fixed=fixed_text(s, lang),
                 persisting=f"{s['findings']['persisting']:,}"))
    out.append("")
    names = names_of(diff, lang)
    lost = diff.shifts[diff.shifts["lost_all"]]
    out += _section(t("diff_targets_lost", lang), [t("subject", lang), t("name", lang), t("diff_old_projects", lang),
                                                   t("diff_old_budget", lang)],
                    [[r.id, truncate(r.name, 50), f"{r.old_projects:,}", baht(r.old_budget)]
                     for r in lost.itertuples()], lang, numeric=(2, 3))
    linked = [c for c in diff.changes if c.get("still_linked")]
    out += _section(t("diff_removed_linked", lang), [t("subject", lang), t("name", lang), t("diff_linked_by", lang)],
                    [[c["id"], truncate(names.get(c["id"], ""), 50), f"{c['still_linked']:,}"] for c in linked],
                    lang, numeric=(2,))
    moved = [c for c in diff.changes if c.get("moved")]   # the summary's count; a replaced link is a link change
    out += _section(t("diff_moved", lang), [t("subject", lang), t("diff_fields", lang), t("diff_note", lang)],
                    [[c["id"], field_text(c, lang), note(c, lang)] for c in moved], lang)
    for kind in KINDS:
        rows = [c for c in diff.changes if c["kind"] == kind and not c.get("moved")]
        title = t(f"diff_kind_{kind}", lang)
        shown = _section(title, [t("diff_change", lang), t("subject", lang), t("name", lang), t("diff_fields", lang),
                                 t("diff_note", lang)],
                         [[t(f"diff_change_{c['change']}", lang), c["id"], truncate(names.get(c["id"], ""), 40),
                           field_text(c, lang), note(c, lang)] for c in rows], lang)
        above = sum(1 for c in moved if c["kind"] == kind)   # counted in the table above, listed with the moves
        if above:
            said = t("diff_moved_above", lang, n=f"{above:,}", section=t("diff_moved", lang))
            shown = [*shown[:-1], said, ""] if shown else [f"{title} ({above:,})", said, ""]
        out += shown
    out += _shift_section(diff, "sub_target", t("diff_shift_targets", lang), lang)
    out += _shift_section(diff, "ministry", t("diff_shift_ministries", lang), lang)
    out += _finding_section(diff.new_findings, diff.new, t("diff_new_findings", lang), lang, be)
    out += _finding_section(diff.fixed_findings, diff.old, t("diff_fixed_findings", lang), lang, be,
                            diff if diff.removed_subjects else None)
    return "\n".join(out).rstrip("\n") + "\n"


def _section(title: str, headers: list[str], rows: list[list[str]], lang: str,
             numeric: tuple[int, ...] = ()) -> list[str]:
    """A heading with its count and the first ``SHOWN`` rows; nothing when there are none."""
    if not rows:
        return []
    out = [f"{title} ({len(rows):,})", table(headers, rows[:SHOWN], numeric=numeric, max_width=70)]
    if len(rows) > SHOWN:
        out.append(t("diff_more", lang, n=f"{len(rows) - SHOWN:,}"))
    return [*out, ""]


def shifts_of(diff: Diff, kind: str, lang: str) -> pd.DataFrame:
    """The shifts of ``kind``, ministries named in ``lang`` (the document keeps the bundle's own
    names; a reader of English gets the ministries' English names, as every other command gives),
    and one that neither bundle's agencies.csv holds named unknown, as ``report --per`` names it."""
    s = diff.shifts[diff.shifts["kind"] == kind]
    if kind != "ministry" or not len(s):
        return s
    ids = s["id"].tolist()
    names = {} if lang == "th" else {**diff.old.names(ids, lang, "agency"), **diff.new.names(ids, lang, "agency")}
    known = diff.old.agencies.index.union(diff.new.agencies.index)
    unknown = t("report_per_unknown_ministry", lang)
    return s.assign(name=[names.get(i) or n or ("" if i in known else unknown)
                          for i, n in zip(ids, s["name"], strict=True)])


def _shift_section(diff: Diff, kind: str, title: str, lang: str) -> list[str]:
    """The rows of ``kind`` whose projects or budget changed, largest budget change first."""
    s = shifts_of(diff, kind, lang)
    s = s[(s["old_projects"] != s["new_projects"]) | (s["old_budget"] != s["new_budget"])]
    s = s.assign(delta=(s["new_budget"] - s["old_budget"])).sort_values(
        "delta", key=lambda d: -d.abs(), kind="stable")
    rows = [[r.id, truncate(r.name, 40), f"{r.old_projects:,}", f"{r.new_projects:,}", baht(r.old_budget),
             baht(r.new_budget), _signed(r.delta)] for r in s.itertuples()]
    return _section(title, [t("subject", lang), t("name", lang), t("diff_old_projects", lang),
                            t("diff_new_projects", lang), t("diff_old_budget", lang), t("diff_new_budget", lang),
                            t("diff_budget_change", lang)], rows, lang, numeric=(2, 3, 4, 5, 6))


def _signed(value: float) -> str:
    return ("+" if value > 0 else "") + baht(value) if not pd.isna(value) else ""


def _finding_section(found: list[Finding], g: Any, title: str, lang: str, be: bool,
                     removals: Diff | None = None) -> list[str]:
    """``removals``: the diff, when some of ``found`` went with their subject (a column says which)."""
    fx = fr.facts(found[:SHOWN], g, lang, be)
    rows = [[f.code, f.subject, fr.message(f, fx, lang), *([removal_note(removals, f, lang)] if removals else [])]
            for f in found[:SHOWN]]
    headers = [t("code", lang), t("subject", lang), t("message", lang), *([t("diff_note", lang)] if removals else [])]
    out = _section(title, headers, rows, lang)
    if len(found) > SHOWN and out:
        out.insert(-1, t("diff_more", lang, n=f"{len(found) - SHOWN:,}"))
        out[0] = f"{title} ({len(found):,})"
    return out


def render_diff(fmt: str, diff: Diff, old: str, new: str, lang: str, be: bool,
                counts: dict[str, Any] | None = None) -> str:
    """``graphkpi diff``'s output in ``fmt`` (text or json)."""
    if fmt == "json":
        return to_json(diff, old, new, lang, be, counts)
    return to_text(diff, old, new, lang, be, counts)


__all__ = ["field_text", "names_of", "note", "render_diff", "shift_records", "summary"]
