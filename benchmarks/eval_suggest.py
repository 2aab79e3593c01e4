"""Labelled evaluation of ``graphkpi suggest``: hide the links of correctly linked projects and ask for them back.

    python benchmarks/eval_suggest.py            # figures of the shipped weights, the ablations, the weight grid

The labelled set is ``benchmarks/eval/``, a bundle written by hand for this purpose, not by the
generator (whose titles and element names come from the same word lists, which would make the
figure meaningless): real sub-plan and sub-target names of the master plans under the national
strategy, with their true hierarchy (``elements.csv``; strategies and master plans come from
graphkpi's reference data), real departments (``agencies.csv``), and 170 project titles written
the way Thai agencies write them — programme names, abbreviations (GAP, OTOP, MICE, ศพก.),
agency jargon, paraphrase, never the target's own wording — each with its true sub-target
(``projects.csv``). Area plans: 30 regional, provincial-cluster and provincial targets in the
language of the regional, cluster and provincial development plans (issues such as haze and
hotspots in Chiang Mai, border trade at Sadao, MICE in Khon Kaen; each under the sub-target or
the cluster or regional target it serves, with its area), provincial offices as agencies
(``จังหวัด…``, ministry มท), and 60 titles written as those offices write them (local place
and programme names — ชิงเก็บ ลดเผา, Phuket Sandbox, KICE, EWEC —, never the target's wording),
two for each area target.

Projects are split in five folds; a fold's links are hidden (the other folds keep theirs, so
co-link evidence comes only from other projects) and its projects are asked for suggestions.
Per level L (the sub-target, and the master plan above it), a suggestion is a hit when it, or
an element on its chain at level L, is on the hidden link's chain at level L; at level
``link`` (the hidden link's own level), when it is the hidden element or its chain passes
through it — for an area target, only that target counts. hit@1, hit@5 and the mean reciprocal
rank (of the first hit in the top 5) are printed for the development half (projects with an
even number: the weights are chosen there) and the held-out half (odd); the area weight is
chosen on the development half at level ``link`` and reported on both, area-target links apart.
"""

from __future__ import annotations

import argparse
import itertools
import shutil
import sys
import tempfile
from dataclasses import replace
from pathlib import Path

import pandas as pd

from graphkpi.analysis.suggest import WEIGHTS, Weights, suggest
from graphkpi.graph import PlanGraph
from graphkpi.load import load_bundle

EVAL = Path(__file__).parent / "eval"
FOLDS = 5
TOP = 5
LEVELS = ("sub_target", "master_plan")
LINK = "link"        # the hidden link's own level: a hit is the hidden element itself or an element below it
AREA_LEVELS = ("regional_target", "cluster_target", "provincial_target")
AREA_GRID = (0.0, 0.05, 0.1, 0.15, 0.2, 0.3)


def folds(tmp: Path) -> list[tuple[PlanGraph, list[str], pd.DataFrame]]:
    """Per fold: the bundle with that fold's links hidden, the fold's projects and their true links."""
    projects = pd.read_csv(EVAL / "projects.csv", dtype=str, keep_default_na=False)
    truth = projects[["id", "links"]].rename(columns={"id": "project", "links": "element"})
    out = []
    for k in range(FOLDS):
        hidden = projects.index % FOLDS == k
        folder = tmp / f"fold{k}"
        shutil.copytree(EVAL, folder)
        projects.assign(links=projects["links"].where(~hidden, "")).to_csv(folder / "projects.csv", index=False)
        out.append((load_bundle(folder), projects.loc[hidden, "id"].tolist(), truth[hidden]))
    return out


def at_level(g: PlanGraph, elements: list[str], level: str) -> pd.DataFrame:
    """``source``, ``element``: each of ``elements`` and the elements of ``level`` on its chain."""
    pairs = g.closure(elements)
    return pairs[pairs["element"].map(g.elements["level"]) == level]


def evaluate(data: list[tuple[PlanGraph, list[str], pd.DataFrame]], weights: Weights) -> pd.DataFrame:
    """One row per (project, level): the rank of the first hit (0 when none in the top 5), and
    whether the hidden link is an area target (``area``)."""
    rows = []
    for g, ids, truth in data:
        got = suggest(g, ids, top=TOP, weights=weights).candidates
        area = set(truth.loc[truth["element"].map(g.elements["level"]).isin(AREA_LEVELS), "project"])
        for level in (*LEVELS, LINK):
            if level == LINK:    # the suggestion is the hidden element, or its chain passes through it
                want = truth.rename(columns={"element": "want"})
                have = got.merge(g.closure(got["element"].unique().tolist()).rename(
                    columns={"source": "element", "element": "want"}), on="element")[["project", "rank", "want"]]
            else:
                want = truth.merge(at_level(g, truth["element"].tolist(), level).rename(
                    columns={"source": "element", "element": "want"}), on="element")[["project", "want"]]
                have = got.merge(at_level(g, got["element"].unique().tolist(), level).rename(
                    columns={"source": "element", "element": "want"}), on="element")[["project", "rank", "want"]]
            hits = have.merge(want, on=["project", "want"]).groupby("project")["rank"].min()
            rows += [{"project": p, "level": level, "rank": int(hits.get(p, 0)), "area": p in area} for p in ids]
    return pd.DataFrame(rows)


def figures(ranks: pd.DataFrame, by: str | None = None) -> pd.DataFrame:
    """hit@1, hit@5 and MRR per half and level (and per value of column ``by`` when given)."""
    ranks = ranks.assign(half=ranks["project"].str[1:].astype(int).mod(2).map({0: "dev", 1: "held-out"}))
    return ranks.groupby(["half", "level", *([by] if by else [])]).agg(
        projects=("rank", "size"), hit1=("rank", lambda r: float((r == 1).mean())),
        hit5=("rank", lambda r: float((r > 0).mean())),
        mrr=("rank", lambda r: float((1.0 / r[r > 0]).sum() / len(r)))).reset_index()


def area_grid(data: list[tuple[PlanGraph, list[str], pd.DataFrame]]) -> tuple[pd.DataFrame, float]:
    """Figures at the hidden link's level for each area weight of :data:`AREA_GRID` (text and co-links
    share the rest 2:1, as shipped), for area-target links and for all links; and the weight chosen:
    the best MRR over all links of the development half (so a weight that helps area targets at the
    expense of the others is not chosen), the smaller weight on a tie. The held-out half is reported,
    never looked at for the choice."""
    rows = []
    for area in AREA_GRID:
        text = round((1 - area) * 2 / 3, 4)
        w = replace(WEIGHTS, text=text, colink=round(1 - area - text, 4), area=area)
        ranks = evaluate(data, w)
        ranks = ranks[ranks["level"] == LINK]
        both = pd.concat([figures(ranks.assign(links="area target")[ranks["area"]], "links"),
                          figures(ranks.assign(links="all"), "links")])
        rows += [{"area": area, **r} for r in both.drop(columns="level").to_dict("records")]
    table = pd.DataFrame(rows)
    dev = table[(table["half"] == "dev") & (table["links"] == "all")]
    chosen = float(dev.sort_values(["mrr", "area"], ascending=[False, True]).iloc[0]["area"])
    return table, chosen


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--no-grid", action="store_true", help="Only the shipped weights and the ablations.")
    args = ap.parse_args()
    pd.set_option("display.width", 160)
    with tempfile.TemporaryDirectory() as tmp:
        data = folds(Path(tmp))
        print(f"labelled projects: {sum(len(ids) for _, ids, _ in data)} in {FOLDS} folds; "
              f"elements: {len(data[0][0].elements)}")
        print("\nshipped weights:", WEIGHTS)
        ranks = evaluate(data, WEIGHTS)
        print(figures(ranks).to_string(index=False, float_format="%.3f"))
        print("\nshipped weights, area-target links only")
        print(figures(ranks[ranks["area"]]).to_string(index=False, float_format="%.3f"))
        for name, w in [("words only", replace(WEIGHTS, text=1.0, colink=0.0, area=0.0)),
                        ("words, no chain names", replace(WEIGHTS, chain=0.0)),
                        ("co-links only", replace(WEIGHTS, text=0.0, colink=1.0, area=0.0))]:
            print(f"\nablation: {name}")
            print(figures(evaluate(data, w)).to_string(index=False, float_format="%.3f"))
        print("\narea weight (level of the hidden link: the area target itself; text and co-links share the rest 2:1)")
        table, chosen = area_grid(data)
        print(table.pivot_table(index=["links", "half", "projects"], columns="area", values=["hit1", "hit5", "mrr"])
              .to_string(float_format="%.3f"))
        print(f"chosen on the development half (best MRR over all its links): area = {chosen}")
        if args.no_grid:
            return
        print(f"\nweight grid (development half, sub-target level; area weight fixed at {WEIGHTS.area})")
        grid = []
        for text, chain, ministry in itertools.product((0.5, 0.6, 0.7, 0.8, 0.9), (0.25, 0.5, 0.75), (0.0, 0.3, 0.6)):
            w = Weights(text=text, colink=round(1 - text - WEIGHTS.area, 2), area=WEIGHTS.area, chain=chain,
                        ministry=ministry)
            f = figures(evaluate(data, w))
            dev = f[(f["half"] == "dev") & (f["level"] == "sub_target")].iloc[0]
            grid.append({"text": text, "colink": w.colink, "chain": chain, "ministry": ministry,
                         "dev_hit1": dev["hit1"], "dev_hit5": dev["hit5"], "dev_mrr": dev["mrr"]})
        table = pd.DataFrame(grid).sort_values(["dev_mrr", "dev_hit5"], ascending=False)
        print(table.head(12).to_string(index=False, float_format="%.3f"))
    sys.stdout.flush()


if __name__ == "__main__":
    main()
