"""Assemble the orphan-project report and the full findings report from a loaded graph."""

from __future__ import annotations

import contextlib
import json
import math
from collections.abc import Iterator
from typing import Any

import pandas as pd

from graphkpi.analysis.breaks import chain_breaks
from graphkpi.analysis.orphans import (
    budget_at_risk,
    counting_hidden,
    has_lines,
    orphan_projects,
    out_of_period_projects,
)
from graphkpi.analysis.suggest import suggest
from graphkpi.backends.networkx import NetworkXBackend
from graphkpi.checks.registry import applicable, catalog
from graphkpi.checks.run import run_codes
from graphkpi.graph import PlanGraph
from graphkpi.model import Finding
from graphkpi.render import findings as fr
from graphkpi.render.i18n import period_label, place_label, places_label, t
from graphkpi.render.i18n import severity as severity_label
from graphkpi.render.screen import entries
from graphkpi.render.suggest import short_list
from graphkpi.render.text import baht, share, show_year
from graphkpi.render.validate import load_warnings
from graphkpi.reports.model import Chart, Column, Quantity, Report, Section
from graphkpi.screen import Screen, Screened, check_codes
from graphkpi.sets import isin

TOP = 15


def _explain(code: str, lang: str) -> dict[str, str]:
    doc = catalog()[code]
    return {k: doc.get(k, lang) for k in ("what", "why", "fix")}


# Details in baht (GK301's group budget, GK601/GK602's planned, line and difference amounts): each
# also a number column of its code's section, which sorts and sums, beside the details' JSON.
AMOUNT_DETAILS = ("budget", "planned", "lines", "difference")


def _is_amount(value: object) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value)


def _details_cell(details: dict[str, Any]) -> str:
    """A finding's details as JSON for the report's cell, whole amounts without ``.0`` (2071000, as
    the report writes them elsewhere); empty when it has none (not ``{}``)."""
    return json.dumps(_whole(details), ensure_ascii=False, default=str) if details else ""


def _whole(value: Any) -> Any:
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, dict):
        return {k: _whole(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_whole(v) for v in value]
    return value


def _amounts(count: float, kind: str, whole: float | None = None) -> tuple[Quantity, ...]:
    """The numbers of a figure for Excel: ``count`` (``int`` or ``money``) and, given ``whole``, its
    share (none when ``whole`` is 0: the text then shows –)."""
    ratio = (Quantity(count / whole, "share"),) if whole else ()
    return (Quantity(float(count), kind), *ratio)


def _screen_quantities(screened: Screened, lang: str) -> dict[str, tuple[Quantity, ...]]:
    """The numbers of ``_screen_parts``'s figures (findings hidden by suppressions, by the baseline)."""
    return {t(f"report_{k}", lang): _amounts(n, "int") for k, n in screened.counts().items()}


def _with_place_names(rows: pd.DataFrame, b: NetworkXBackend, lang: str) -> pd.DataFrame:
    """``provinces`` for people: ``national`` in the reader's language (ทั่วประเทศ), and beside the
    codes a ``province_names`` column (an auditor reads เชียงใหม่, not TH-50); an unknown place
    (GK001) is shown as written."""
    places = rows["provinces"].fillna("").astype(str).str.split(";")
    places = places.map(lambda ps: [p.strip() for p in ps if p.strip()])
    names = b.names({p for ps in places for p in ps}, lang)
    return rows.assign(
        provinces=rows["provinces"].fillna("").map(lambda c: places_label(c, lang)),
        province_names=places.map(lambda ps: "; ".join(place_label(p, lang) if p == "national"
                                                        else names.get(p) or p for p in ps)))


def build_report(g: PlanGraph, kind: str = "orphans", lang: str = "th", be: bool | None = None,
                 screen: Screen | None = None, slice_line: str | None = None) -> Report:
    """``kind``: ``orphans`` (projects that do not reach Z) or ``full`` (every finding family).

    ``be``: show fiscal years in the Buddhist Era (default: as the bundle wrote them). ``screen``:
    suppressions and baseline; the report then says how many findings each hid and lists every
    suppression with its reason (an auditor must see what was hidden and why). A screen with a
    slice's scope reports on the slice (findings by the slice rule, totals over its projects);
    ``slice_line`` then says which slice on the cover. The loader's warnings (a header read as no
    column, hidden rows) go on the cover too."""
    be = g.years_given_be if be is None else be
    screen = screen or Screen()
    if kind == "orphans":
        rep = _orphans(g, lang, be, screen)
    elif kind == "full":
        rep = _full(g, lang, screen, be)
    else:
        raise ValueError(f"unknown report kind {kind!r}")
    if slice_line is not None:
        rep.figures.insert(0, (t("report_slice", lang), slice_line))
    rep.warnings = load_warnings(g, lang)   # on the cover: the reader of a handed-on report sees no stderr
    return rep


def _projects(g: PlanGraph, screen: Screen) -> pd.DataFrame:
    """The projects the report covers: the slice's when the screen has one, else all."""
    if screen.scope is None:
        return g.projects
    return g.projects[isin(g.projects.index, pd.Index(list(screen.scope.projects), dtype=object))]


_SHARED: list[tuple[PlanGraph, dict[tuple[str, ...], list[Finding]]]] = []   # see shared_checks


@contextlib.contextmanager
def shared_checks(g: PlanGraph) -> Iterator[None]:
    """Within the block, reports of ``g`` run each list of codes once and share the findings (many
    reports of one graph: ``report --per``); each report still screens them its own way."""
    _SHARED.append((g, {}))
    try:
        yield
    finally:
        _SHARED.pop()


def _screened(g: PlanGraph, codes: list[str], screen: Screen) -> Screened:
    """The findings of ``codes`` after suppressions and the baseline."""
    wanted = tuple(check_codes(codes))
    memo = next((m for graph, m in _SHARED if graph is g), None)
    if memo is None:
        return screen.apply(run_codes(g, wanted), codes)
    if wanted not in memo:
        memo[wanted] = run_codes(g, wanted)
    return screen.apply(memo[wanted], codes)


def _screen_parts(screen: Screen, screened: Screened, lang: str,
                  be: bool = False) -> tuple[list[tuple[str, str]], list[Section]]:
    """The figures (how many findings were hidden) and the section listing the suppressions
    (``be``: expiry years in Buddhist Era)."""
    figures = [(t(f"report_{k}", lang), f"{n:,}") for k, n in screened.counts().items()]
    rows = entries(screen, screened, be)
    if screen.suppressions is None:
        return figures, []
    frame = pd.DataFrame([{**r, "status": t(f"suppress_status_{r['status']}", lang),
                           "subjects": "; ".join(r["subjects"])} for r in rows],
                         columns=["entry", "line", "code", "subject", "reason", "until", "status", "matched",
                                  "subjects"])
    section = Section("suppressions", f"{t('report_suppressions', lang)}: {screen.suppressions.path}", frame, [
        Column("entry", t("suppress_entry", lang), "int"), Column("code", t("suppress_code", lang)),
        Column("subject", t("subject", lang)), Column("reason", t("suppress_reason", lang)),
        Column("until", t("suppress_until", lang)), Column("status", t("suppress_status", lang)),
        Column("matched", t("suppress_matched", lang), "int"), Column("subjects", t("suppress_subjects", lang))],
        sheet=t("sheet_suppressions", lang))
    return figures, [section]


def _at_risk(b: NetworkXBackend, found: list[Finding], lang: str) -> pd.DataFrame:
    """The GK101 and GK201 projects among ``found``, with their facts and problem label."""
    rows = orphan_projects(b, found, lang)
    rows["problem"] = rows["code"].map({"GK101": t("orphan", lang), "GK201": t("broken", lang)})
    return rows


def _with_hidden(b: NetworkXBackend, screened: Screened, shown: int, total: int, total_budget: float,
                 lang: str) -> list[tuple[str, str, tuple[Quantity, ...]]]:
    """The projects that do not reach the strategy and their budget counting those a suppression or
    the baseline hid, when any was: hiding a finding accepts it, it does not make the project reach
    the strategy, and the headline must not read as if it did. Nothing when none was hidden."""
    every = counting_hidden(b, screened.seen, shown, lang)
    if every is None:     # no suppression or baseline in use, or none hid one
        return []
    budget = float(every["budget"].fillna(0).sum())
    return [(t("report_at_risk_with_hidden", lang), f"{len(every):,} ({share(len(every), total)})",
             _amounts(len(every), "int", total)),
            (t("report_budget_with_hidden", lang), f"{baht(budget)} {t('baht', lang)} ({share(budget, total_budget)})",
             _amounts(budget, "money", total_budget))]


def _ministry_chart(by_ministry: pd.DataFrame, lang: str) -> Chart:
    """Budget at risk of the ministries with the most, as bars."""
    return Chart(t("budget_at_risk", lang), [(f"{m} {n}".strip(), float(v)) for m, n, v in by_ministry[
        ["ministry", "ministry_name", "budget"]].head(TOP).itertuples(index=False, name=None)], t("baht", lang))


def _orphans(g: PlanGraph, lang: str, be: bool, screen: Screen) -> Report:
    b = NetworkXBackend(g)
    screened = _screened(g, ["GK003", "GK101", "GK201", "GK202"], screen)
    found = screened.findings
    rows = _with_place_names(_at_risk(b, found, lang), b, lang)
    # the planner's next step for each: the three elements it most likely serves (graphkpi suggest)
    suggested = rows["project"].map(short_list(suggest(g, rows["project"].tolist(), top=3)))
    rows["suggested"] = suggested.astype(object).fillna("")
    projects = _projects(g, screen)
    total_label = t("report_projects_total" if screen.scope is None else "report_projects_in_slice", lang)
    total_budget = float(projects["budget"].fillna(0).sum())
    at_risk_budget = float(rows["budget"].fillna(0).sum())
    by_ministry = budget_at_risk(rows)
    by_year = (rows.groupby("fiscal_year").agg(orphans=("code", lambda s: int((s == "GK101").sum())),
                                               broken=("code", lambda s: int((s == "GK201").sum())),
                                               projects=("project", "size"), budget=("budget", "sum"))
               .reset_index().sort_values("fiscal_year"))
    agencies = (rows.groupby(["agency", "agency_name", "ministry"], dropna=False)
                .agg(projects=("project", "size"), budget=("budget", "sum")).reset_index()
                .sort_values(["budget", "projects", "agency"], ascending=[False, False, True]).head(20))
    breaks = chain_breaks(b, found, lang)
    money, integer, year = "money", "int", "year"
    sections = [
        Section("by_ministry", t("report_by_ministry", lang), by_ministry, [
            Column("ministry", t("ministry", lang)), Column("ministry_name", t("ministry_name", lang)),
            Column("orphans", t("orphans", lang), integer), Column("broken", t("broken", lang), integer),
            Column("projects", t("projects", lang), integer), Column("budget", t("budget", lang), money),
            *_line_column(rows, lang)], sheet=t("sheet_by_ministry", lang)),
        Section("by_year", t("report_by_year", lang), by_year, [
            Column("fiscal_year", t("fiscal_year", lang), year), Column("orphans", t("orphans", lang), integer),
            Column("broken", t("broken", lang), integer), Column("projects", t("projects", lang), integer),
            Column("budget", t("budget", lang), money)], sheet=t("sheet_by_year", lang)),
        Section("worst_agencies", t("report_worst_agencies", lang), agencies, [
            Column("agency", t("agency", lang)), Column("agency_name", t("agency_name", lang)),
            Column("ministry", t("ministry", lang)), Column("projects", t("projects", lang), integer),
            Column("budget", t("budget", lang), money)], sheet=t("sheet_worst_agencies", lang)),
        Section("projects", t("report_projects", lang), rows, [
            Column("project", t("project", lang)), Column("name", t("name", lang)),
            Column("agency", t("agency", lang)), Column("agency_name", t("agency_name", lang)),
            Column("ministry", t("ministry", lang)), Column("fiscal_year", t("fiscal_year", lang), year),
            Column("budget", t("budget", lang), money), *_line_column(rows, lang),
            Column("provinces", t("provinces", lang)), Column("province_names", t("province_names", lang)),
            Column("problem", t("problem", lang)), Column("break_at", t("break_at", lang)),
            Column("suggested", t("suggested", lang))],
            explanation=_explain("GK101", lang) | {"fix_broken": catalog()["GK201"].get("fix", lang)},
            sheet=t("sheet_projects", lang)),
        Section("breaks", t("breaks", lang), breaks, [
            Column("element", t("element", lang)), Column("level_label", t("level", lang)),
            Column("name", t("name", lang)), Column("code", t("code", lang)),
            Column("projects", t("stranded_projects", lang), integer),
            Column("ministries", t("ministries", lang), integer),
            Column("budget", t("stranded_budget", lang), money)], explanation=_explain("GK202", lang),
            sheet=t("sheet_breaks", lang)),
    ]
    figures = [
        (total_label, f"{len(projects):,}"),
        (t("report_projects_at_risk", lang), f"{len(rows):,} ({share(len(rows), len(projects))})"),
        (t("orphans", lang), f"{int((rows['code'] == 'GK101').sum()):,}"),
        (t("broken", lang), f"{int((rows['code'] == 'GK201').sum()):,}"),
        (t("report_budget_at_risk", lang), f"{baht(at_risk_budget)} {t('baht', lang)} "
                                           f"({share(at_risk_budget, total_budget)})"),
        (t("report_ministries_affected", lang), f"{by_ministry['ministry'].nunique():,}"),
    ]
    if has_lines(rows):  # beside the planned figure: what the budget system shows for the same projects
        figures.insert(5, (t("report_lines_at_risk", lang), f"{baht(float(rows['line_budget'].sum()))} "
                                                            f"{t('baht', lang)}"))
    hidden = _with_hidden(b, screened, len(rows), len(projects), total_budget, lang)
    quantities = {
        total_label: _amounts(len(projects), "int"),
        t("report_projects_at_risk", lang): _amounts(len(rows), "int", len(projects)),
        t("orphans", lang): _amounts(int((rows["code"] == "GK101").sum()), "int"),
        t("broken", lang): _amounts(int((rows["code"] == "GK201").sum()), "int"),
        t("report_budget_at_risk", lang): _amounts(at_risk_budget, "money", total_budget),
        t("report_ministries_affected", lang): _amounts(by_ministry["ministry"].nunique(), "int"),
        **({t("report_lines_at_risk", lang): _amounts(float(rows["line_budget"].sum()), "money")}
           if has_lines(rows) else {}),
        **_screen_quantities(screened, lang), **{label: amounts for label, _, amounts in hidden}}
    screen_figures, screen_sections = _screen_parts(screen, screened, lang, be)
    figures += [(label, text) for label, text, _ in hidden] + screen_figures
    sections += screen_sections
    charts = [
        _ministry_chart(by_ministry, lang),
        Chart(t("report_by_year", lang), [(show_year(y, be), float(v)) for y, v in by_year[["fiscal_year", "budget"]]
                                          .itertuples(index=False, name=None)], t("baht", lang)),
    ]
    if _has_periods(g):   # a bundle without validity periods gets the report it always got
        sections.append(_out_of_period(b, lang, be, screen))
    return Report(t("report_orphans_title", lang), _subtitle(g, lang), lang, figures, charts, sections,
                  report_labels(lang), quantities)


def _has_periods(g: PlanGraph) -> bool:
    start, end = g.period_rows
    return bool((~(pd.isna(start) & pd.isna(end))).any())


def _out_of_period(b: NetworkXBackend, lang: str, be: bool, screen: Screen) -> Section:
    """Projects linked to an element not in force in their fiscal year (GK205): they still
    reach Z, but their work is credited to an edition that no longer applies."""
    rows = out_of_period_projects(b, _screened(b.graph, ["GK205"], screen).findings, lang)
    rows["period"] = [period_label(p, lang, be) for p in rows["period"]]
    return Section("out_of_period", t("report_out_of_period", lang), rows, [
        Column("project", t("project", lang)), Column("name", t("name", lang)),
        Column("agency", t("agency", lang)), Column("ministry", t("ministry", lang)),
        Column("fiscal_year", t("fiscal_year", lang), "year"), Column("budget", t("budget", lang), "money"),
        Column("element", t("element", lang)), Column("element_name", t("element_name", lang)),
        Column("period", t("period", lang)), Column("replaced_by", t("replaced_by", lang))],
        explanation=_explain("GK205", lang), severity=catalog()["GK205"].severity.value,
        sheet=t("sheet_out_of_period", lang))


def _line_column(rows: pd.DataFrame, lang: str) -> list[Column]:
    """The budget-lines column, when the bundle has budget_lines.csv (none otherwise)."""
    return [Column("line_budget", t("line_budget", lang), "money")] if has_lines(rows) else []


def _full(g: PlanGraph, lang: str, screen: Screen, be: bool = False) -> Report:
    b = NetworkXBackend(g)
    # GK6xx only with budget lines, GK901/GK902 only with a suppression file
    docs = {c: catalog()[c] for c in screen.run_codes(applicable(catalog(), g.files))}
    screened = _screened(g, list(docs), screen)
    found = screened.findings
    fx = fr.facts(found, b, lang)
    counts = fr.summary(found, list(docs))
    summary = pd.DataFrame([(c, d.name, severity_label(d.severity.value, lang), d.get("title", lang), counts[c])
                            for c, d in docs.items()], columns=["code", "check", "severity", "title", "count"])
    sections = [Section("summary", t("report_summary", lang), summary, [
        Column("code", t("code", lang)), Column("check", t("name_label", lang)),
        Column("severity", t("severity", lang)), Column("title", t("title", lang)),
        Column("count", t("count", lang), "int")], sheet=t("sheet_summary", lang))]
    by_code: dict[str, list[Finding]] = {}
    for f in found:
        by_code.setdefault(f.code, []).append(f)
    for code, doc in docs.items():
        group = by_code.get(code, [])
        shown = [fr.as_dict(f, fx, lang) for f in group]   # its message and details, each rendered once
        amounts = [k for k in AMOUNT_DETAILS if any(_is_amount(f.details.get(k)) for f in group)]
        frame = pd.DataFrame([(f.subject, fx.name_of(f), "; ".join(f.related), d["message"],
                               *(float(f.details[k]) if _is_amount(f.details.get(k)) else None for k in amounts),
                               _details_cell(d["details"])) for f, d in zip(group, shown, strict=True)],
                             columns=["subject", "name", "related", "message", *amounts, "details"])
        frame = frame.assign(check=doc.name, severity=severity_label(doc.severity.value, lang))   # for the CSV
        sections.append(Section(code, f"{code} {doc.name} — {doc.get('title', lang)} ({len(group):,})", frame, [
            Column("subject", t("subject", lang)), Column("name", t("name", lang)),
            Column("related", t("related", lang)), Column("message", t("message", lang)),
            *(Column(k, t(f"amount_{k}", lang), "money") for k in amounts),
            Column("details", t("details", lang))], explanation=_explain(code, lang),
            severity=doc.severity.value))
    rows = _at_risk(b, found, lang)
    by_ministry = budget_at_risk(rows)
    families: dict[str, int] = {}
    for code, n in counts.items():
        families[docs[code].family] = families.get(docs[code].family, 0) + n
    errors = sum(n for c, n in counts.items() if docs[c].severity.value == "error")
    figures = [
        (t("report_findings_total", lang), f"{len(found):,}"),
        (t("report_errors", lang), f"{errors:,}"), (t("report_warnings", lang), f"{len(found) - errors:,}"),
        (t("report_projects_at_risk", lang), f"{len(rows):,} ({share(len(rows), len(_projects(g, screen)))})"),
        (t("report_budget_at_risk", lang), f"{baht(float(rows['budget'].fillna(0).sum()))} {t('baht', lang)}"),
    ]
    quantities = {
        t("report_findings_total", lang): _amounts(len(found), "int"),
        t("report_errors", lang): _amounts(errors, "int"),
        t("report_warnings", lang): _amounts(len(found) - errors, "int"),
        t("report_projects_at_risk", lang): _amounts(len(rows), "int", len(_projects(g, screen))),
        t("report_budget_at_risk", lang): _amounts(float(rows["budget"].fillna(0).sum()), "money"),
        **_screen_quantities(screened, lang)}
    screen_figures, screen_sections = _screen_parts(screen, screened, lang, be)
    figures += screen_figures
    sections += screen_sections
    charts = [Chart(t("report_by_family", lang), [(t(f"family_{k}", lang), float(v)) for k, v in families.items()]),
              _ministry_chart(by_ministry, lang)]
    return Report(t("report_full_title", lang), _subtitle(g, lang), lang, figures, charts, sections,
                  report_labels(lang), quantities)


def _subtitle(g: PlanGraph, lang: str) -> str:
    return t("report_subtitle", lang, bundle=g.source or "", profile=g.profile.name)


def report_labels(lang: str) -> dict[str, str]:
    return {k: t(f"report_{k}", lang) for k in ("summary_heading", "what", "why", "fix", "fix_broken", "none",
                                                  "generated")}
