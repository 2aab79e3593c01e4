"""Rebuild graphkpi/reference/*.csv from the curated sources in ../shared/reference.

Run once when the sources change; the output is committed so the package never needs
the sources at run time. Every row written here is verified in SOURCES.md unless its
``fidelity`` column says otherwise.
"""

from __future__ import annotations

import csv
import sys
from pathlib import Path

SRC = Path(sys.argv[1] if len(sys.argv) > 1 else "../shared/reference")
OUT = Path(__file__).resolve().parent.parent / "graphkpi" / "reference"

# Cluster -> development region, read off the cluster's Thai name (see data/README.md).
REGIONS = [
    ("R1", "ภาคเหนือ", "North", "เหนือ"),
    ("R2", "ภาคตะวันออกเฉียงเหนือ", "Northeast", "ตะวันออกเฉียงเหนือ"),
    ("R3", "ภาคกลาง", "Central", "กลาง"),
    ("R4", "ภาคตะวันออก", "East", "ตะวันออก"),
    ("R5", "ภาคใต้", "South", "ใต้"),
    ("R6", "ภาคใต้ชายแดน", "Southern Border", "ใต้ชายแดน"),
]
CLUSTER_EN = {
    "70010": "Upper Central 1", "70020": "Upper Central 2", "70030": "Middle Central",
    "70040": "Lower Central 1", "70050": "Lower Central 2", "70060": "Southern Gulf of Thailand",
    "70070": "Southern Andaman", "70080": "Southern Border", "70090": "East",
    "70100": "Upper Northeast 1", "70110": "Upper Northeast 2", "70120": "Middle Northeast",
    "70130": "Lower Northeast 1", "70140": "Lower Northeast 2", "70150": "Upper North 1",
    "70160": "Upper North 2", "70170": "Lower North 1", "70180": "Lower North 2",
}
# Master plan -> the strategy it mainly serves (the common reading in SOURCES.md).
MP_STRATEGY = {**{m: "S1" for m in (1, 2)}, **{m: "S2" for m in (3, 4, 5, 6, 7, 8, 9, 23)},
               **{m: "S3" for m in range(10, 15)}, **{m: "S4" for m in (15, 16, 17)},
               **{m: "S5" for m in (18, 19)}, **{m: "S6" for m in (20, 21, 22)}}
EN_FIX = {"bangkok": "krungthepmahanakhon", "lopburi": "lopburi"}


def region_of(cluster_th: str) -> str:
    name = cluster_th.replace("กลุ่มจังหวัด", "")
    for rid, _, _, key in sorted(REGIONS, key=lambda r: -len(r[3])):
        if name.startswith("ภาค" + key):
            return rid
    raise SystemExit(f"no region for cluster {cluster_th}")


def read(name: str) -> list[dict[str, str]]:
    with open(SRC / name, encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


def write(name: str, header: list[str], rows: list[list[str]]) -> None:
    with open(OUT / name, "w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh, lineterminator="\n")
        w.writerow(header)
        w.writerows(rows)


def key(en: str) -> str:
    k = en.lower().replace(" ", "")
    return EN_FIX.get(k, k)


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    iso = {key(r["name"]): r for r in read("iso3166_2_TH_pycountry.csv") if r["type"] != "Special administrative city"}
    th_to_iso: dict[str, tuple[str, str, str]] = {}
    for r in read("kongvut_provinces.csv"):
        i = iso[key(r["name_en"])]
        th_to_iso[r["name_th"]] = (i["code"], r["name_en"], i["name"])
    clusters: dict[str, str] = {}
    province_cluster: dict[str, str] = {}
    for r in read("provincial_clusters_budget_codes.csv"):
        code = r["cluster_code"].rstrip("?")
        name = r["cluster_name_th"].split(" (")[0].replace("๑", "1").replace("๒", "2")
        clusters.setdefault(code, name)
        province_cluster[r["province_name_th"]] = code
    cluster_ids = {code: f"C{i:02d}" for i, code in enumerate(sorted(clusters), 1)}
    rows = [[rid, "region", th, en, "", "", "verified Thai; English suggested"] for rid, th, en, _ in REGIONS]
    for code, name in sorted(clusters.items()):
        rows.append([cluster_ids[code], "cluster", name, CLUSTER_EN[code], region_of(name), code,
                     "verified; region read off the cluster name"])
    for th, (iso_code, en, _iso_en) in sorted(th_to_iso.items(), key=lambda kv: kv[1][0]):
        cl = province_cluster.get(th)
        parent = cluster_ids[cl] if cl else "R3"  # Bangkok belongs to no cluster
        rows.append([iso_code, "province", th, en, parent, "", "verified"])
    assert sum(r[1] == "province" for r in rows) == 77 and len(clusters) == 18
    write("areas.csv", ["id", "level", "name", "name_en", "parent", "budget_code", "fidelity"], rows)

    el = []
    for r in read("national_strategy_6.csv"):
        el.append([f"S{r['no']}", "strategy", r["name_th_full"], r["name_en"], "", "verified"])
    for r in read("master_plans_23.csv"):
        n = int(r["no"])
        el.append([f"MP{n:02d}", "master_plan", f"แผนแม่บทฯ ประเด็น ({n:02d}) {r['name_th_as_in_source']}", "",
                   MP_STRATEGY[n], "name verified; parent strategy is the common reading, not an official table"])
    for r in read("nesdp13_milestones_13.csv"):
        n = int(r["no"])
        parents, fid = "", "verified name; cascade not in the sources: the bundle must give it"
        if n == 13:  # seed 001: milestone 13 serves strategies 1, 2, 4, 6 and master plans 17, 20, 21, 22
            parents, fid = "S1;S2;S4;S6;MP17;MP20;MP21;MP22", "verified (seed 001)"
        el.append([f"NM{n:02d}", "nesdp_milestone", f"หมุดหมายที่ {n} {r['name_th']}", "", parents, fid])
    write("elements.csv", ["id", "level", "name", "name_en", "parents", "fidelity"], el)

    ag = []
    for r in read("ministries_opm_plus_19.csv"):
        ag.append([r["letter_code_no_dot"], r["name_th"], r["name_en"].strip(), r["abbr_with_dot"], "", "ministry"])
    write("agencies.csv", ["id", "name", "name_en", "abbr", "ministry", "kind"], ag)


if __name__ == "__main__":
    main()
