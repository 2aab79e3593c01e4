"""A known list of edits applied to a bundle, so that a diff can be checked against exactly them.

``apply_edits(SRC, DST)`` copies the bundle folder SRC to DST and makes one edit of each kind a
diff must find (a project renamed and re-budgeted, one removed, one added, a link moved to another
sub-target, an element removed while projects still link to it, an element replaced by a new
edition its project moved to, a lead's role changed, a KPI's target changed). It returns the
changes ``graphkpi diff SRC DST`` must report — nothing more, nothing less. The rows edited are
picked so that an edit has no side effect a reader would not expect (a removed element has no
children; a moved project has one link), so the expected list is exact.
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

ARROW = "→"   # = graphkpi.analysis.diff.ARROW (ids of links and leads)


@dataclass(frozen=True)
class Expected:
    """One change the diff must report: its kind, change, id, and the fields (columns) it names."""

    kind: str
    change: str
    id: str
    fields: tuple[str, ...] = ()
    marker: str = ""   # replaced, moved or still_linked, when the change must carry it


def read_table(folder: Path, name: str) -> pd.DataFrame:
    """Every cell as the text it is (no NaN, no numbers): writing it back changes no value."""
    return pd.read_csv(folder / name, dtype=str, keep_default_na=False, encoding="utf-8-sig")


def write_table(df: pd.DataFrame, folder: Path, name: str) -> None:
    """With a BOM, as the generator writes its files."""
    df.to_csv(folder / name, index=False, encoding="utf-8-sig")


def _items(cell: str) -> list[str]:
    return [x.strip() for x in cell.split(";") if x.strip()]


def apply_edits(src: Path, dst: Path, seed: int = 0) -> list[Expected]:
    """Copy ``src`` to ``dst`` with one edit of each kind; the changes a diff of the two must report."""
    shutil.copytree(src, dst)
    rng = np.random.default_rng(seed)
    el, pr, leads = read_table(dst, "elements.csv"), read_table(dst, "projects.csv"), read_table(dst, "leads.csv")
    el_ids = set(el["id"])
    links = pr["links"].map(_items)
    single = links.map(len) == 1
    target = links.map(lambda ls: ls[0] if len(ls) == 1 else "")
    levels = dict(zip(el["id"], el["level"], strict=True))
    sub_targets = el.loc[el["level"] == "sub_target", "id"]
    parents_named = {p for cell in el["parents"] for p in _items(cell)}
    replaced_named = {p for cell in el.get("replaced_by", pd.Series(dtype=str)) for p in _items(cell)}
    safe = pr["id"].str.fullmatch(r"P-\d+") & pr["agency"].ne("")
    # projects linking one clean sub-target (only projects on it): the ones a move and a replacement take
    revised = replaced_named | set(el.loc[el.get("replaced_by", pd.Series("", index=el.index)).ne(""), "id"])
    clean = target.map(lambda e: levels.get(e) == "sub_target" and e not in revised)
    on_target = pr[safe & single & clean]
    per_target = target[on_target.index].value_counts()
    crowded = per_target[per_target >= 2].index
    picks = on_target[target[on_target.index].isin(crowded)]
    movers = picks.groupby(target[picks.index]).head(1)
    mover, replacer = movers.iloc[rng.permutation(len(movers))[:2]].itertuples()
    out: list[Expected] = []

    # a link moved from one sub-target to another
    old_t = target[mover.Index]
    new_t = next(s for s in sub_targets if s not in (old_t, target[replacer.Index]) and s not in revised)
    pr.loc[mover.Index, "links"] = new_t
    out += [Expected("link", "removed", mover.id + ARROW + old_t), Expected("link", "added", mover.id + ARROW + new_t),
            Expected("link", "changed", mover.id, ("sub_targets",), "moved")]

    # an element replaced by a new edition, and a project moved to it
    old_e = target[replacer.Index]
    new_e = old_e + "-R"
    row = el[el["id"] == old_e].iloc[0].copy()
    row["id"], row["name"] = new_e, row["name"] + " (ฉบับทบทวน)"
    if "replaced_by" in el.columns:
        row["replaced_by"] = ""
        el.loc[el["id"] == old_e, "replaced_by"] = new_e
    el = pd.concat([el, row.to_frame().T], ignore_index=True)
    pr.loc[replacer.Index, "links"] = new_e
    out += [Expected("element", "added", new_e), Expected("element", "changed", old_e, ("replaced_by",)),
            Expected("link", "changed", replacer.id + ARROW + old_e, ("element",), "replaced"),
            Expected("link", "changed", replacer.id, ("sub_targets",), "replaced")]

    # an element removed while projects still link to it: a factor with no children, linked only
    # by projects with that one link (their chains then stop; they do not move)
    busy = set(pr.loc[~single, "links"].map(_items).explode().dropna())
    linked = target[safe & single & target.isin(el_ids)]
    candidates = set(linked) - parents_named - replaced_named - busy
    factors = [e for e in el.loc[el["level"] == "vc_factor", "id"] if e in candidates]
    gone = factors[int(rng.integers(len(factors)))]
    el = el[el["id"] != gone]
    out.append(Expected("element", "removed", gone, marker="still_linked"))

    # a project renamed and re-budgeted, one removed, one added (untouched by the edits above)
    used = {mover.Index, replacer.Index}
    rest = pr.index[safe & ~pr.index.isin(list(used)) & ~target.eq(gone) & pr["budget"].str.fullmatch(r"[\d,]+")]
    renamed, removed = rest[rng.permutation(len(rest))[:2]]
    pr.loc[renamed, "name"] = pr.loc[renamed, "name"] + " (ปรับปรุง)"
    pr.loc[renamed, "budget"] = str(int(float(pr.loc[renamed, "budget"].replace(",", ""))) + 1000)
    out.append(Expected("project", "changed", pr.loc[renamed, "id"], ("budget", "name")))
    out.append(Expected("project", "removed", pr.loc[removed, "id"]))
    added = pr.loc[renamed].copy()
    added["id"] = "P-NEW-001"
    pr = pd.concat([pr.drop(index=removed), added.to_frame().T], ignore_index=True)
    out.append(Expected("project", "added", "P-NEW-001"))

    # a lead's role changed (an implementer, alone on its element and agency, becomes co-lead)
    pair = leads["element"] + ARROW + leads["agency"]
    alone = ~pair.duplicated(keep=False) & leads["role"].eq("implementer") & leads["element"].isin(el["id"])
    i = leads.index[alone][int(rng.integers(int(alone.sum())))]
    leads.loc[i, "role"] = "co-lead"
    out.append(Expected("lead", "changed", pair[i], ("role",)))

    # a KPI's target changed
    if (dst / "kpis.csv").exists():
        kpis = read_table(dst, "kpis.csv")
        numeric = pd.to_numeric(kpis["target"], errors="coerce")
        k = kpis.index[numeric.notna() & ~kpis["id"].duplicated(keep=False)][0]
        kpis.loc[k, "target"] = str(float(numeric[k]) + 1.5)
        write_table(kpis, dst, "kpis.csv")
        out.append(Expected("kpi", "changed", kpis.loc[k, "id"], ("target",)))

    write_table(el, dst, "elements.csv")
    write_table(pr, dst, "projects.csv")
    write_table(leads, dst, "leads.csv")
    return out


def main(argv: list[str] | None = None) -> None:
    """``python -m graphkpi.synth.edits SRC DST [SEED]``: write the edited copy, print the changes
    a diff of the two must report (a demonstration and a fixture for people, as for the tests)."""
    import sys

    args = sys.argv[1:] if argv is None else argv
    if len(args) not in (2, 3):
        raise SystemExit("usage: python -m graphkpi.synth.edits SRC DST [SEED]")
    for e in apply_edits(Path(args[0]), Path(args[1]), int(args[2]) if len(args) == 3 else 0):
        print(e.kind, e.change, e.id, ",".join(e.fields), e.marker)


if __name__ == "__main__":
    main()
