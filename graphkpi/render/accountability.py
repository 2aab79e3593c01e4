"""``graphkpi lead-gaps``, ``kpis`` and ``matrix`` as text, JSON or CSV."""

from __future__ import annotations

import math
from typing import Any

import pandas as pd

from graphkpi.analysis.accountability import NO_MINISTRY, UNKNOWN_MINISTRY
from graphkpi.analysis.matrix import Matrix
from graphkpi.graph import MONITOR
from graphkpi.model import VALUE_LISTS, Finding
from graphkpi.render import findings as fr
from graphkpi.render import frames
from graphkpi.render.i18n import t
from graphkpi.render.text import table

GAP_COLUMNS = ["ministry", "ministry_name", "code", "element", "name", "role", "related"]
# class, shared and reason appear only when the register has them (some KPI uses them)
KPI_COLUMNS = ["kpi", "name", "element", "class", "joint", "host", "partners", "shared", "target", "plan_target",
               "direction", "gap", "reason"]
KPI_CODES = ("GK405", "GK501")
DIRECTIONS = VALUE_LISTS[("kpis.csv", "direction")]   # another direction (GK004) is shown as written


def render_lead_gaps(fmt: str, rows: pd.DataFrame, found: list[Finding], codes: tuple[str, ...], source: str,
                     lang: str, be: bool, counts: dict[str, int] | None = None) -> str:
    """``rows`` from ``lead_gaps``: one table per ministry, then the count per code; ``counts``: what
    screening hid (JSON summary)."""
    rows = rows.assign(role=rows["role"].map(lambda r: t(f"role_{r}", lang)),
                       ministry_name=rows["ministry_name"].mask(rows["ministry"] == NO_MINISTRY,
                                                                t("no_ministry_acting", lang)))
    if fmt == "json":
        return frames.to_json({**fr.document_head(source, counts),
                               "rows": frames.records(rows, [*GAP_COLUMNS, "level"], be)})
    if fmt == "csv":
        return frames.to_csv(rows, [*GAP_COLUMNS, "level"], be)
    text = ""
    for (ministry, mname), part in rows.groupby(["ministry", "ministry_name"], sort=True):
        text += f"{ministry} {mname} ({len(part)})\n"
        text += table([t("code", lang), t("element", lang), t("name", lang), t("role", lang), t("related", lang)],
                      part[["code", "element", "name", "role", "related"]].to_numpy().tolist(),
                      max_width=50) + "\n\n"
    return text + fr.counts_line(found, codes, lang) + "\n"


def render_kpis(fmt: str, reg: pd.DataFrame, found: list[Finding], source: str, lang: str, be: bool,
                counts: dict[str, int] | None = None) -> str:
    """``reg`` from ``kpi_register``: one row per KPI, then the legend and the count per code.

    Monitor KPIs are marked in the class column (evaluated ones left blank, the usual case).
    """
    columns = [c for c in KPI_COLUMNS if c in reg.columns]
    if fmt == "json":
        return frames.to_json({**fr.document_head(source, counts),
                               "kpis": frames.records(reg, [*columns, "gk405"], be)})
    if fmt == "csv":
        return frames.to_csv(reg, [*columns, "gk405"], be)
    shown = reg.assign(joint=reg["joint"].map({True: t("yes", lang), False: ""}),
                       direction=reg["direction"].map(lambda d: t(f"direction_{d}", lang) if d in DIRECTIONS else d),
                       target=reg["target"].map(_num), plan_target=reg["plan_target"].map(_num),
                       gap=reg["gap"].map(_num))
    if "class" in shown.columns:
        shown["class"] = shown["class"].map(lambda c: t("kpi_class_monitor", lang) if c == MONITOR else "")
    numeric = [columns.index(c) for c in ("target", "plan_target", "gap")]
    text = table([t(c, lang) for c in KPI_COLUMNS if c in reg.columns], shown[columns].to_numpy().tolist(),
                 numeric=numeric, max_width=40) + "\n"
    legend = t("kpi_legend", lang) + "\n" + (t("kpi_legend_monitor", lang) + "\n" if "class" in reg.columns else "")
    return text + legend + fr.counts_line(found, KPI_CODES, lang) + "\n"


def _num(v: Any) -> str:
    if v is None or (isinstance(v, float) and pd.isna(v)):
        return ""
    return f"{v:,.0f}" if float(v).is_integer() else f"{v:,.2f}".rstrip("0")


def _millions(baht: float) -> str:
    """A budget in millions to one decimal, halves up (250,000 is 0.3, not Python's 0.2); a positive
    one below 0.05 M as <0.1, not as a zero."""
    return "<0.1" if 0 < baht < 50_000 else f"{math.floor(baht / 1e5 + 0.5) / 10:,.1f}"


def column_label(ministry: str, lang: str) -> str:
    """A ministry column's heading: its id, or the words for the one unknown-ministry column."""
    return t("unknown_ministry", lang) if ministry == UNKNOWN_MINISTRY else ministry


def render_matrix(fmt: str, m: Matrix, source: str, lang: str, be: bool) -> str:
    """A row per target: its lead ministries, then one cell per ministry (projects and budget, * = lead)."""
    if fmt == "json":
        rows = []
        for el in m.targets:
            mine = m.cells[m.cells["element"] == el]
            rows.append({"element": el, "name": m.names.get(el, ""),
                         "lead": sorted(mine.loc[mine["lead"], "ministry"]),
                         "cells": {mi: {"projects": int(p), "budget": float(b), "lead": bool(ld)}
                                   for mi, p, b, ld in mine[["ministry", "projects", "budget", "lead"]].itertuples(
                                       index=False, name=None)}})
        doc = {"graphkpi": fr.CONTRACT_VERSION, "bundle": source, "level": m.level, "ministries": m.order,
               "rows": rows}
        if m.unknown:
            doc["unknown_ministry"] = {"key": UNKNOWN_MINISTRY, "label": t("unknown_ministry", lang),
                                       "agencies": m.unknown}
        return frames.to_json(doc)
    if fmt == "csv":
        frame = pd.DataFrame({"element": m.targets, "name": [m.names.get(e, "") for e in m.targets],
                              "lead": [m.lead_of.get(e, "") for e in m.targets]})
        for mi in m.order:
            frame[f"{column_label(mi, lang)} projects"] = m.projects[mi].fillna(0).astype("int64").to_numpy()
            frame[f"{column_label(mi, lang)} budget"] = m.budget[mi].fillna(0.0).to_numpy()
        return frames.to_csv(frame, list(frame.columns), be)
    rows = []
    for el in m.targets:
        row = [el, m.names.get(el, ""), m.lead_of.get(el, "")]
        for mi in m.order:
            p, bgt, ld = m.projects.at[el, mi], m.budget.at[el, mi], m.lead.at[el, mi]
            cell = "" if pd.isna(p) else f"{int(p)} ({_millions(bgt)}M)" if bgt else f"{int(p)}"
            row.append(cell + ("*" if ld is True else ""))
        rows.append(row)
    header = [t("element", lang), t("name", lang), t("lead", lang), *(column_label(mi, lang) for mi in m.order)]
    note = t("matrix_unknown_note", lang, agencies=", ".join(m.unknown)) + "\n" if m.unknown else ""
    return (table(header, rows, numeric=list(range(3, 3 + len(m.order))), max_width=30) + "\n"
            + t("matrix_legend", lang) + "\n" + note)
