"""The diff as a report an auditor can hand on (``graphkpi diff -o diff.html|diff.xlsx``).

Built as a :class:`Report`, so the HTML and Excel writers of the findings reports render it:
escaped and self-contained HTML, Excel with numbers as numbers and would-be formulas
neutralised. A section longer than ``MAX_ROWS`` is cut with a note (a 10⁶-row page is of no use
to a reader; the JSON keeps every row).
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from graphkpi.analysis.diff import CHANGES, KINDS, Diff
from graphkpi.model import Finding
from graphkpi.render import findings as fr
from graphkpi.render.diff import field_text, fixed_text, names_of, note, removal_note, shifts_of, summary
from graphkpi.render.i18n import t
from graphkpi.render.text import baht
from graphkpi.reports.build import _screen_parts, report_labels
from graphkpi.reports.model import Column, Quantity, Report, Section
from graphkpi.screen import Screen, Screened

MAX_ROWS = 100_000


def build_diff_report(diff: Diff, old: str, new: str, lang: str, be: bool, screen: Screen | None = None,
                      screened: Screened | None = None, counts: dict[str, Any] | None = None) -> Report:
    """The report: the summary figures, every change, the shifts, findings new and fixed, and the
    suppressions in use with their reasons (``screened``: NEW's screening, what the listing counts)."""
    s = summary(diff, counts)
    figures = [(t("diff_projects_count", lang), f"{s['projects'][0]:,} → {s['projects'][1]:,}"),
               (t("budget", lang), f"{baht(s['budget'][0])} → {baht(s['budget'][1])}"),
               (t("report_projects_at_risk", lang),
                f"{s['at_risk']['projects'][0]:,} → {s['at_risk']['projects'][1]:,}"),
               (t("report_budget_at_risk", lang),
                f"{baht(s['at_risk']['budget'][0])} → {baht(s['at_risk']['budget'][1])}")]
    for kind in KINDS:
        figures.append((t(f"diff_kind_{kind}", lang), ", ".join(
            f"{t(f'diff_change_{c}', lang)} {s['changes'][kind][c]:,}" for c in CHANGES)))
    figures += [(t("diff_new_findings", lang), f"{s['findings']['new']:,}"),
                (t("diff_fixed_findings", lang), fixed_text(s, lang)),
                (t("diff_targets_lost", lang), f"{s['targets_lost']:,}"),
                (t("diff_removed_linked", lang), f"{s['removed_still_linked']:,}"),
                (t("diff_moved", lang), f"{s['moved']:,}")]
    # Excel gets the numbers: old and new side by side, counts as counts
    quantities = {t("diff_projects_count", lang): (Quantity(s["projects"][0], "int"),
                                                   Quantity(s["projects"][1], "int")),
                  t("budget", lang): (Quantity(s["budget"][0], "money"), Quantity(s["budget"][1], "money")),
                  t("report_projects_at_risk", lang): tuple(Quantity(n, "int") for n in s["at_risk"]["projects"]),
                  t("report_budget_at_risk", lang): tuple(Quantity(b, "money") for b in s["at_risk"]["budget"]),
                  t("diff_new_findings", lang): (Quantity(s["findings"]["new"], "int"),),
                  t("diff_targets_lost", lang): (Quantity(s["targets_lost"], "int"),),
                  t("diff_removed_linked", lang): (Quantity(s["removed_still_linked"], "int"),),
                  t("diff_moved", lang): (Quantity(s["moved"], "int"),)}
    sections = [_changes(diff, lang), _shifts(diff, "sub_target", lang), _shifts(diff, "ministry", lang),
                _findings("findings_new", t("diff_new_findings", lang), diff.new_findings, diff.new, lang, be),
                _findings("findings_fixed", t("diff_fixed_findings", lang), diff.fixed_findings, diff.old, lang, be,
                          diff if diff.removed_subjects else None)]
    if screen is not None and screened is not None:
        screen_figures, screen_sections = _screen_parts(screen, screened, lang, be)
        figures += screen_figures
        sections += screen_sections
    return Report(t("diff_report_title", lang), t("diff_report_subtitle", lang, old=old, new=new), lang, figures,
                  [], sections, report_labels(lang), quantities)


def _cut(frame: pd.DataFrame, lang: str) -> tuple[pd.DataFrame, str]:
    if len(frame) <= MAX_ROWS:
        return frame, ""
    return frame.head(MAX_ROWS), t("diff_report_cut", lang, shown=f"{MAX_ROWS:,}", n=f"{len(frame):,}")


def _changes(diff: Diff, lang: str) -> Section:
    names = names_of(diff, lang)
    frame = pd.DataFrame([{"kind": t(f"diff_kind_{c['kind']}", lang), "change": t(f"diff_change_{c['change']}", lang),
                           "id": c["id"], "name": names.get(c["id"], ""), "fields": field_text(c, lang),
                           "note": note(c, lang)} for c in diff.changes[:MAX_ROWS]],
                         columns=["kind", "change", "id", "name", "fields", "note"])
    frame = frame.head(MAX_ROWS)
    intro = (t("diff_report_cut", lang, shown=f"{MAX_ROWS:,}", n=f"{len(diff.changes):,}")
             if len(diff.changes) > MAX_ROWS else "")
    return Section("changes", t("diff_report_changes", lang), frame, [
        Column("kind", t("diff_kind", lang)), Column("change", t("diff_change", lang)),
        Column("id", t("subject", lang)), Column("name", t("name", lang)), Column("fields", t("diff_fields", lang)),
        Column("note", t("diff_note", lang))], intro=intro, sheet=t("diff_sheet_changes", lang))


def _shifts(diff: Diff, kind: str, lang: str) -> Section:
    s = shifts_of(diff, kind, lang)
    notes = [t("diff_lost_all", lang) if lost else
             t("diff_replaced_by", lang, ids=", ".join(rep)) if rep else ""
             for lost, rep in zip(s["lost_all"], s["replaced_by"], strict=True)]
    frame = s.assign(change=s["new_budget"] - s["old_budget"], note=notes)
    key, title = (("sub_targets", t("diff_report_shift_targets", lang)) if kind == "sub_target"
                  else ("ministries", t("diff_report_shift_ministries", lang)))
    frame, intro = _cut(frame, lang)
    return Section(key, title, frame, [
        Column("id", t("subject", lang)), Column("name", t("name", lang)),
        Column("old_projects", t("diff_old_projects", lang), "int"),
        Column("new_projects", t("diff_new_projects", lang), "int"),
        Column("old_budget", t("diff_old_budget", lang), "money"),
        Column("new_budget", t("diff_new_budget", lang), "money"),
        Column("change", t("diff_budget_change", lang), "money"), Column("note", t("diff_note", lang))], intro=intro,
        sheet=t(f"diff_sheet_{key}", lang))


def _findings(key: str, title: str, found: list[Finding], g: Any, lang: str, be: bool,
              removals: Diff | None = None) -> Section:
    """``removals``: the diff, when some of ``found`` went with their subject (a column says which)."""
    shown = found[:MAX_ROWS]
    fx = fr.facts(shown, g, lang, be)
    frame = pd.DataFrame([{"code": f.code, "subject": f.subject, "message": fr.message(f, fx, lang),
                           "note": removal_note(removals, f, lang) if removals else ""} for f in shown],
                         columns=["code", "subject", "message", "note"])
    intro = t("diff_report_cut", lang, shown=f"{MAX_ROWS:,}", n=f"{len(found):,}") if len(found) > MAX_ROWS else ""
    columns = [Column("code", t("code", lang)), Column("subject", t("subject", lang)),
               Column("message", t("message", lang))]
    if removals:
        columns.append(Column("note", t("diff_note", lang)))
    return Section(key, title, frame, columns, intro=intro, sheet=t(f"diff_sheet_{key}", lang))
