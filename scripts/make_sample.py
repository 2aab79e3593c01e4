"""Regenerate data/sample, the realistic Thai sample bundle, and its list of planted problems.

Run from anywhere: ``python scripts/make_sample.py [OUTDIR]`` (default ``data/sample``; the README
table is only rewritten for the default). The bundle is the synthetic generator's
small preset (``Scale.sample()``: 25 sub-targets, 20 provinces, 360 projects, fixed seed) plus a
few hand-made rows in ``project_links.csv``, so that a loader must merge that file with the
``links`` column to get every project's links right. The planted problems, by finding code, go
to ``data/sample/planted.json`` and to the table between the markers in ``data/README.md``.
The output is the same on every run.
"""

from __future__ import annotations

import csv
import json
import sys
from pathlib import Path

from graphkpi.checks.registry import catalog
from graphkpi.synth import CODES, Scale, generate_bundle

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "data" / "sample"
README = ROOT / "data" / "README.md"
PROJECTS = 360
SEED = 2567
START, END = "<!-- planted:start -->", "<!-- planted:end -->"

# How each code's problems were planted, for the README table.
HOW = {
    "GK001": "links, parents, agencies, a lead row, a KPI's element and a KPI partner that name ids not in the "
             "bundle (a sub-plan code typed with the letter O, a deleted action-plan parent, …); a province beside "
             "the project's code and a provincial target's area written as the English name run together "
             "(`Chiangrai`: no province); other places written `จ.เชียงใหม่`, `กทม.` or `Chiang Mai` are near-misses; "
             "a budget line (subject: its code) for a project id the registry does not have",
    "GK002": "a level typed as the Thai label (`เป้าหมายแผนพัฒนาจังหวัด`) and a near-miss key (`action_plan`)",
    "GK003": "an action target that is its own parent; two action targets naming each other; region → cluster "
             "→ province → back to the region",
    "GK004": "values outside their lists: an implementer's role written `ผู้รับผิดชอบ`, a partner's `measured` "
             "written `-`, a KPI direction `คงที่` (maintain) and an agency kind `ส่วนราชการ`; the Thai spellings "
             "`เจ้าภาพ`, `หน่วยงานสนับสนุน`, `ใช่`/`ไม่`, `เพิ่มขึ้น`/`ลดลง` elsewhere are near-misses",
    "GK005": "a project id pasted from a web page, with a zero-width space (U+200B) after `P-`",
    "GK101": "projects with an empty `links` cell or only unknown ids",
    "GK102": "a sub-target that no project, area plan or action plan reaches",
    "GK103": "value-chain factors that no project links to (all of the uncovered sub-target's, and one more)",
    "GK201": "projects linked only to elements whose chains stop (unanchored area targets, the two-element "
             "cycle, an action target whose parent was deleted)",
    "GK202": "a provincial and a cluster target with no parent; an action target whose parent is missing",
    "GK203": "a provincial target straight into its master plan, a factor straight into its sub-target, a "
             "sub-target also into a strategy, a project linked straight to a master plan",
    "GK204": "a provincial target and a cluster target cascading into another region's target; a project in "
             "one province linked to another province's target",
    "GK205": "a sub-target's first edition (2561–2565, `replaced_by` the revised 2566–2570 sub-target) still named "
             "beside their own link by projects of fiscal years 2566–2568, and an action target (2566–2570) that "
             "also cascades into it",
    "GK301": "the same village work reported by two ministries in the same province and year (one copy-pasted, "
             "one reworded); the subject is the pair's first id",
    "GK302": "a sub-target served by five ministries with neither a joint KPI nor an integrated plan",
    "GK401": "a sub-target, two provincial targets (one whose only lead is an unknown agency) and an integrated "
             "plan without a lead",
    "GK402": "a sub-target and a provincial target with two lead agencies",
    "GK403": "a sub-target whose lead ministry runs none of its projects; the uncovered sub-target",
    "GK404": "a provincial target led by the province (Interior) while its sub-target and that sub-target's "
             "sub-plan are led by another ministry (other provinces' governors only coordinate: role `coordinator`)",
    "GK405": "a joint KPI whose host does not carry it (`measured` = no), one with no host, and a shared joint KPI "
             "(2011 model, role `shared`, no host) one of whose ministries does not carry it",
    "GK501": "NESDP 13 milestone 13's KPIs with the plan's real target values (satisfaction ≥ 90 %, e-government "
             "rank ≤ 40) but KPI targets of 85 % and rank 45, and a sub-target KPI below its plan; some give a "
             "`shortfall_reason`, and monitor KPIs (`class` = monitor) set below their plan are not reported",
    "GK601": "budgeted projects with no line in `budget_lines.csv`: money that never reached the budget system, "
             "or was booked in the next fiscal year",
    "GK602": "projects whose lines were cut or topped up by 5–30 % by a transfer the project's budget does not "
             "show, and a project with a blank budget that the budget system funds",
}


# The contract's check names, for codes the catalogue does not document yet.
CONTRACT_NAMES = {"GK301": "duplicate-projects", "GK302": "fragmented-target", "GK401": "no-lead",
                  "GK402": "multiple-leads", "GK403": "inactive-lead", "GK404": "lead-inconsistent",
                  "GK405": "joint-kpi-unmeasured", "GK501": "kpi-below-plan"}


def read(out: Path, name: str) -> list[dict[str, str]]:
    with open(out / name, encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def write(out: Path, name: str, rows: list[dict[str, str]], columns: list[str]) -> None:
    with open(out / name, "w", encoding="utf-8", newline="") as fh:
        out = csv.DictWriter(fh, columns, lineterminator="\n")
        out.writeheader()
        out.writerows(rows)


def add_project_links(out: Path, planted: dict[str, list[str]]) -> None:
    """Move some ordinary projects' links into project_links.csv and add a few links only there."""
    projects = read(out, "projects.csv")
    factors = [e["id"] for e in read(out, "elements.csv") if e["level"] == "vc_factor"]
    # budget-line problems (GK6xx) leave links alone: their projects may lend theirs to project_links.csv
    flagged = {i for code, ids in planted.items() if not code.startswith("GK6") for i in ids}
    ordinary = [p for p in projects if p["id"] not in flagged and "V" in p["links"] and ";" not in p["links"]]
    links: list[dict[str, str]] = []
    for p in ordinary[:4]:                 # their only link is in project_links.csv
        links.append({"project": p["id"], "element": p["links"]})
        p["links"] = ""
    for p in ordinary[4:6]:                # a second factor of the same sub-target
        siblings = [f for f in factors if f[:6] == p["links"][:6] and f != p["links"]]
        links.append({"project": p["id"], "element": siblings[0] if siblings else p["links"][:6]})
    unknown = ordinary[6]                  # GK001: a link only project_links.csv has, to nothing
    links.append({"project": unknown["id"], "element": f"{unknown['links'][:6]}V09F09"})
    planted["GK001"] = sorted({*planted["GK001"], unknown["id"]})
    write(out, "projects.csv", projects, list(projects[0]))
    write(out, "project_links.csv", links, ["project", "element"])


def planted_table(planted: dict[str, list[str]]) -> str:
    docs = catalog()
    lines = ["| code | check | planted (subject ids) | how |", "|---|---|---|---|"]
    for code in CODES:
        ids = ", ".join(f"`{i}`" for i in planted[code])
        name = docs[code].name if code in docs else CONTRACT_NAMES[code]
        lines.append(f"| {code} | {name} | {ids} | {HOW[code]} |")
    return "\n".join(lines)


def main() -> None:
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else OUT
    planted = generate_bundle(out, PROJECTS, SEED, scale=Scale.sample(), bom=False)
    add_project_links(out, planted)
    (out / "planted.json").write_text(json.dumps(planted, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(f"{out}: {PROJECTS} projects; planted " + ", ".join(f"{c} {len(v)}" for c, v in planted.items()))
    if out.resolve() != OUT.resolve():
        return
    text = README.read_text(encoding="utf-8")
    head, rest = text.split(START, 1)
    tail = rest.split(END, 1)[1]
    README.write_text(f"{head}{START}\n{planted_table(planted)}\n{END}{tail}", encoding="utf-8")


if __name__ == "__main__":
    main()
