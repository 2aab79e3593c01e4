"""``graphkpi lead-gaps``, ``kpis`` and ``matrix``: accountability views for ministries."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click
import pandas as pd

from graphkpi.analysis.accountability import LEAD_CODES, kpi_register, lead_gaps, matrix
from graphkpi.checks.run import CheckOptions, run_checks
from graphkpi.cli_support import (
    backend_option,
    bundle_argument,
    common,
    emit,
    findings_or_exit,
    format_option,
    load_or_exit,
    neo4j_options,
    open_backend,
    optional_bundle_argument,
    output_option,
    years_be,
)
from graphkpi.render import findings as fr
from graphkpi.render import frames
from graphkpi.render.i18n import t
from graphkpi.render.text import table

GAP_COLUMNS = ["ministry", "ministry_name", "code", "element", "name", "role", "related"]


@click.command("lead-gaps")
@optional_bundle_argument
@format_option("table", "json", "csv")
@output_option
@common
@backend_option
@neo4j_options
def lead_gaps_command(bundle: Path | None, fmt: str, output: Path | None, lang: str, years: str | None,
                      quiet: bool, profile: str, backend: str, **conn: Any) -> None:
    """GK4xx lead-agency gaps grouped by ministry: what each leads but does not act on,
    and what it should probably lead."""
    b = open_backend(bundle, backend, conn, profile, quiet, lang)
    try:
        found = findings_or_exit(b, list(LEAD_CODES), quiet, lang)
        rows = lead_gaps(b, found, lang)
    finally:
        b.close()
    be = years_be(b, years)
    rows["role"] = rows["role"].map(lambda r: t(f"role_{r}", lang))
    if fmt == "json":
        emit(frames.to_json({"graphkpi": fr.CONTRACT_VERSION, "bundle": b.source,
                             "rows": frames.records(rows, [*GAP_COLUMNS, "level"], be)}), output, fmt="json")
    elif fmt == "csv":
        emit(frames.to_csv(rows, [*GAP_COLUMNS, "level"], be), output, bom=output is not None, fmt="csv")
    else:
        text = ""
        for (ministry, mname), part in rows.groupby(["ministry", "ministry_name"], sort=True):
            text += f"{ministry} {mname} ({len(part)})\n"
            text += table([t("code", lang), t("element", lang), t("name", lang), t("role", lang),
                           t("related", lang)],
                          part[["code", "element", "name", "role", "related"]].to_numpy().tolist(),
                          max_width=50) + "\n\n"
        text += t("findings", lang) + ": " + ", ".join(
            f"{c} {n}" for c, n in fr.summary(found, LEAD_CODES).items()) + "\n"
        emit(text, output)


KPI_COLUMNS = ["kpi", "name", "element", "joint", "host", "partners", "target", "plan_target", "direction", "gap"]


@click.command("kpis")
@bundle_argument
@click.option("--joint-only", is_flag=True, help="Only joint KPIs (agencies of two or more ministries).")
@format_option("table", "json", "csv")
@output_option
@common
def kpis_command(bundle: Path, joint_only: bool, fmt: str, output: Path | None, lang: str, years: str | None,
                 quiet: bool, profile: str) -> None:
    """KPIs with host and partners (! = does not measure it), joint or not, and ambition gaps
    (GK405, GK501)."""
    g = load_or_exit(bundle, profile, quiet, lang)
    found = run_checks(g, CheckOptions(select=("GK405", "GK501")))
    reg = kpi_register(g, found, lang)
    if joint_only:
        reg = reg[reg["joint"]]
    be = years_be(g, years)
    if fmt == "json":
        emit(frames.to_json({"graphkpi": fr.CONTRACT_VERSION, "bundle": str(g.source),
                             "kpis": frames.records(reg, [*KPI_COLUMNS, "gk405"], be)}), output, fmt="json")
        return
    if fmt == "csv":
        emit(frames.to_csv(reg, [*KPI_COLUMNS, "gk405"], be), output, bom=output is not None, fmt="csv")
        return
    shown = reg.assign(joint=reg["joint"].map({True: t("yes", lang), False: ""}),
                       direction=reg["direction"].map(lambda d: t(f"direction_{d}", lang)),
                       target=reg["target"].map(_num), plan_target=reg["plan_target"].map(_num),
                       gap=reg["gap"].map(_num))
    text = table([t(c, lang) for c in KPI_COLUMNS], shown[KPI_COLUMNS].to_numpy().tolist(), numeric=[6, 7, 9],
                 max_width=40) + "\n"
    text += t("kpi_legend", lang) + "\n" + t("findings", lang) + ": " + ", ".join(
        f"{c} {n}" for c, n in fr.summary(found, ("GK405", "GK501")).items()) + "\n"
    emit(text, output)


def _num(v: Any) -> str:
    if v is None or (isinstance(v, float) and pd.isna(v)):
        return ""
    return f"{v:,.0f}" if float(v).is_integer() else f"{v:,.2f}".rstrip("0")


@click.command("matrix")
@bundle_argument
@click.option("--rows", "level", default=None, metavar="LEVEL",
              help="Which targets make the rows: a level of the profile [default: its target level, sub_target].")
@format_option("table", "json", "csv")
@output_option
@common
def matrix_command(bundle: Path, level: str | None, fmt: str, output: Path | None, lang: str, years: str | None,
                   quiet: bool, profile: str) -> None:
    """Accountability matrix: targets × ministries, each cell projects and budget reaching the
    target, * marking the lead ministry."""
    g = load_or_exit(bundle, profile, quiet, lang)
    level = level or g.profile.target_level
    if level not in g.profile.levels:
        raise click.BadParameter(f"{level!r} is not a level of profile {g.profile.name}: "
                                 + ", ".join(g.profile.levels), param_hint="--rows")
    cells, order = matrix(g, level)
    targets = g.elements.index[g.elements["level"] == level].sort_values()
    names = g.names(targets, lang)
    lead_of = cells[cells["lead"]].groupby("element")["ministry"].agg(lambda s: ";".join(sorted(s))).to_dict()
    if fmt == "json":
        rows = []
        for el in targets:
            mine = cells[cells["element"] == el]
            rows.append({"element": el, "name": names.get(el, ""), "lead": sorted(mine.loc[mine["lead"], "ministry"]),
                         "cells": {m: {"projects": int(p), "budget": float(b), "lead": bool(ld)}
                                   for m, p, b, ld in mine[["ministry", "projects", "budget", "lead"]].itertuples(
                                       index=False, name=None)}})
        emit(frames.to_json({"graphkpi": fr.CONTRACT_VERSION, "bundle": str(g.source), "level": level,
                             "ministries": order, "rows": rows}), output, fmt="json")
        return
    projects = cells.pivot(index="element", columns="ministry", values="projects").reindex(index=targets,
                                                                                           columns=order)
    budget = cells.pivot(index="element", columns="ministry", values="budget").reindex(index=targets, columns=order)
    lead = cells.pivot(index="element", columns="ministry", values="lead").reindex(index=targets, columns=order)
    if fmt == "csv":
        frame = pd.DataFrame({"element": targets, "name": [names.get(e, "") for e in targets],
                              "lead": [lead_of.get(e, "") for e in targets]})
        for m in order:
            frame[f"{m} projects"] = projects[m].fillna(0).astype("int64").to_numpy()
            frame[f"{m} budget"] = budget[m].fillna(0.0).to_numpy()
        cols = list(frame.columns)
        emit(frames.to_csv(frame, cols, years_be(g, years)), output, bom=output is not None, fmt="csv")
        return
    rows = []
    for el in targets:
        row = [el, names.get(el, ""), lead_of.get(el, "")]
        for m in order:
            p, bgt, ld = projects.at[el, m], budget.at[el, m], lead.at[el, m]
            cell = "" if pd.isna(p) else f"{int(p)} ({bgt / 1e6:,.1f}M)" if bgt else f"{int(p)}"
            row.append(cell + ("*" if ld is True else ""))
        rows.append(row)
    header = [t("element", lang), t("name", lang), t("lead", lang), *order]
    emit(table(header, rows, numeric=list(range(3, 3 + len(order))), max_width=30) + "\n"
         + t("matrix_legend", lang) + "\n", output)
