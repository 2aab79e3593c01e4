"""Two snapshots of a plan compared by id: what was added, removed and changed, which findings are
new and which were fixed, and how projects and budget shifted between sub-targets and ministries.

An auditor runs graphkpi each fiscal year and a planning office each quarter; the diff says what
happened in between. The 10⁶ project ids are matched once, as row numbers on both sides; links
and the sub-targets projects reach become integer keys (OLD's project row, one code per element
id on both sides) compared by sorting, and project columns are compared by position. No text id
is joined and no Python loop runs over the projects: Python touches only what changed, to build
its ``fields``.

Ids of the rows that have none of their own (contract: ``"id"`` of a change):

- a link: ``PROJECT→ELEMENT`` (a link whose element moved to its replacement keeps the old id and
  ``fields.element`` says where it went);
- a sub-target move: the project id (``fields.sub_targets``: the sub-targets its chains reach);
- a lead: ``ELEMENT→AGENCY`` (its roles, ``;``-joined, are the field ``role``).

Links of projects added or removed are not listed on their own: the project's change says it.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pyarrow as pa

from graphkpi.baseline import Baseline, known
from graphkpi.graph import IdLookup, PlanGraph
from graphkpi.model import Finding

KINDS = ("element", "project", "link", "lead", "kpi", "agency")
CHANGES = ("added", "removed", "changed")
ARROW = "→"
YEAR_COLUMNS = ("fiscal_year", "valid_from", "valid_to", "year")   # compared CE, shown as the user asked
# Columns an added or removed row carries in ``fields`` ([null, value] or [value, null]), so a
# reader sees what came or went without the other bundle; every column of a changed row is compared.
SHOWN_ON_ADD = {"element": ("level", "name"), "project": ("name", "agency", "fiscal_year", "budget"),
                "agency": ("name", "ministry"), "kpi": ("name", "element"), "lead": ("role",)}
NOT_COMPARED = ("source", "links")   # where a row came from; projects' links are their own kind
RUN = 100   # rows a run of consecutive rows must average for a column to be sliced, not copied


@dataclass
class Diff:
    """The comparison of two loaded bundles (see the module docstring for ids)."""

    old: PlanGraph
    new: PlanGraph
    changes: list[dict[str, Any]]          # contract: kind, change, id, fields (+ markers, see below)
    shifts: pd.DataFrame                   # kind (sub_target|ministry), id, projects/budget old and new…
    new_findings: list[Finding] = field(default_factory=list)
    fixed_findings: list[Finding] = field(default_factory=list)
    persisting: int = 0
    # subjects of fixed findings that NEW no longer holds: gone with the row, not put right
    removed_subjects: frozenset[str] = frozenset()

    def counts(self) -> dict[str, dict[str, int]]:
        """Changes per kind and change (every kind and change, zeros included)."""
        out = {k: dict.fromkeys(CHANGES, 0) for k in KINDS}
        for c in self.changes:
            out[c["kind"]][c["change"]] += 1
        return out


def compare(old: PlanGraph, new: PlanGraph, be: bool = False) -> Diff:
    """Every change between ``old`` and ``new`` and the shifts; findings are added by :func:`compare_findings`.

    ``be``: years in ``fields`` (fiscal_year, valid_from, valid_to) in Buddhist Era."""
    replacements = _replacements(old, new)
    matched = _matched_projects(old, new)
    vocab = _element_vocabulary(old, new)
    changes: list[dict[str, Any]] = []
    changes += _elements(old, new, be)
    changes += _keyed("project", _project_table(old), _project_table(new), be, matched)
    changes += _links(old, new, replacements, matched, vocab)
    changes += _moves(old, new, replacements, matched, vocab)
    changes += _keyed("lead", _lead_table(old), _lead_table(new), be)
    changes += _keyed("kpi", _kpi_table(old), _kpi_table(new), be)
    changes += _keyed("agency", *_bundle_rows(old.agencies, new.agencies), be)
    return Diff(old, new, changes, shifts(old, new, replacements))


def compare_findings(diff: Diff, old_found: list[Finding], new_found: list[Finding],
                     old_path: Path, new_path: Path) -> Diff:
    """``diff`` with the findings new in NEW, fixed since OLD and how many persist, compared by
    (code, subject, sorted related) as a baseline compares them (``graphkpi.baseline.known``)."""
    new_only, persisting = known(new_found, Baseline(old_path, frozenset(_keys(old_found))))
    fixed, _ = known(old_found, Baseline(new_path, frozenset(_keys(new_found))))
    diff.new_findings, diff.fixed_findings, diff.persisting = new_only, fixed, persisting
    removed = {c["id"] for c in diff.changes if c["change"] == "removed"}
    diff.removed_subjects = frozenset(f.subject for f in fixed if f.subject in removed)
    return diff


def _keys(found: Iterable[Finding]) -> Iterable[tuple[str, str, tuple[str, ...]]]:
    return ((f.code, f.subject, f.related) for f in found)


# --- rows compared by id ----------------------------------------------------------------------


def _bundle_rows(old: pd.DataFrame, new: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Rows a bundle wrote, and those of the other side with the same ids: a reference row (a
    strategy or ministry filled in from the shipped data) is compared only when one bundle wrote it."""
    def own(df: pd.DataFrame) -> pd.Index:
        return df.index[df["source"] != "reference"] if "source" in df.columns else df.index

    ids = IdLookup(own(old).union(own(new)))   # arrow look-ups: pandas' isin makes each id a Python object
    return old[ids.rows(old.index) >= 0], new[ids.rows(new.index) >= 0]


def _elements(old: PlanGraph, new: PlanGraph, be: bool) -> list[dict[str, Any]]:
    """Element changes; parents and replaced_by compared as sorted sets (not as the cell was
    written); a removed element that NEW's projects still link to carries ``still_linked``."""
    a, b = (_element_table(g) for g in (old, new))
    a, b = _bundle_rows(a.assign(source=old.elements["source"]), b.assign(source=new.elements["source"]))
    changes = _keyed("element", a, b, be)
    removed = [c for c in changes if c["change"] == "removed"]
    if removed:
        unknown = new.links[new.link_element_rows < 0]   # a removed element is not in NEW: look only there
        linked = unknown[unknown["element"].isin([c["id"] for c in removed])]
        counts = linked.drop_duplicates()["element"].value_counts()
        for c in removed:
            n = int(counts.get(c["id"], 0))
            if n:
                c["still_linked"] = n
    return changes


def _element_table(g: PlanGraph) -> pd.DataFrame:
    el = g.elements.drop(columns=["parents", "replaced_by", "source"], errors="ignore")
    return el.assign(parents=_joined(g.parents, "child", "parent", el.index),
                     replaced_by=_joined(g.replacements, "element", "replacement", el.index))


def _joined(pairs: pd.DataFrame, key: str, value: str, index: pd.Index) -> pd.Series:
    """Per id of ``index``: its ``value``s in ``pairs`` as one sorted ``;``-list (``""`` when none)."""
    if pairs.empty:
        return pd.Series("", index=index, dtype=object)
    p = pairs[[key, value]].drop_duplicates().sort_values([key, value])
    # a string sum in pandas' own loop: ";".join per group builds a Series per id, 20 times slower
    joined = (p[value] + ";").groupby(p[key], sort=False).sum().str[:-1]
    return joined.reindex(index).fillna("")


def _project_table(g: PlanGraph) -> pd.DataFrame:
    return g.projects


def _lead_table(g: PlanGraph) -> pd.DataFrame:
    """One row per (element, agency): its roles as a sorted ``;``-list, indexed ``ELEMENT→AGENCY``."""
    leads = g.leads[["element", "agency"]].assign(role=g.leads["role"].fillna("").astype(str))
    leads = leads.drop_duplicates().sort_values(["element", "agency", "role"])
    ids = leads["element"] + ARROW + leads["agency"]
    return _joined(pd.DataFrame({"id": ids, "role": leads["role"]}), "id", "role",
                   pd.Index(ids.unique(), name="id")).to_frame("role")


def _kpi_table(g: PlanGraph) -> pd.DataFrame:
    """The KPIs, each with its agencies (``agency:role:measured``, sorted) as the field ``agencies``,
    and its ``year`` as a CE year where it reads as one (2568 in one bundle and 2025 in the next is
    the same year, as fiscal years are); a cell that is no year is compared as written."""
    kpis = g.kpis.assign(year=_kpi_years(g.kpis["year"])) if "year" in g.kpis.columns else g.kpis
    ka = g.kpi_agencies
    if ka.empty:
        return kpis.assign(agencies="")
    cells = ka["agency"] + ":" + ka["role"].fillna("").astype(str) + ":" + ka["measured"].fillna("").astype(str)
    return kpis.assign(agencies=_joined(pd.DataFrame({"kpi": ka["kpi"], "cell": cells}), "kpi", "cell",
                                        g.kpis.index))


def _kpi_years(col: pd.Series) -> pd.Series:
    """KPI years as CE ints where a cell reads as a year (BE or CE, Thai digits), else as written."""
    from graphkpi.load.values import parse_years

    text = col.fillna("").astype(str).str.strip()
    years, _, bad = parse_years(text)
    read = (text != "").to_numpy() & ~text.index.isin(bad)
    return pd.Series(np.where(read, years.to_numpy().astype(object), text.to_numpy(dtype=object)), index=col.index)


def _keyed(kind: str, old: pd.DataFrame, new: pd.DataFrame, be: bool,
           rows: tuple[np.ndarray, np.ndarray] | None = None) -> list[dict[str, Any]]:
    """Changes between two tables indexed by id: rows only in NEW (added), only in OLD (removed),
    and rows in both whose columns differ (changed, with each differing column's [old, new]).

    ``rows``: per row of each side, its row in the other (-1 when absent), when the caller has
    them (:func:`_matched_projects`); else ids repeated on a side count once (the first row) and
    are matched here. Rows are compared by position, column by column: no table is reindexed by
    its 10⁶ text ids."""
    if rows is None:
        old, new = old[~old.index.duplicated()], new[~new.index.duplicated()]
        rows = IdLookup(new.index).rows(old.index), IdLookup(old.index).rows(new.index)
    old_in_new, new_in_old = rows
    # columns are read one by one, never dropped: dropping copies every column of 10⁶ rows
    columns = [c for c in dict.fromkeys([*old.columns, *new.columns]) if c not in NOT_COMPARED]
    out: list[dict[str, Any]] = []
    shown = [c for c in SHOWN_ON_ADD.get(kind, ()) if c in columns]
    for change, at, side, first in (("removed", _only(old.index, old_in_new, len(new)), old, True),
                                    ("added", _only(new.index, new_in_old, len(old)), new, False)):
        ids = side.index[at]
        values = {c: _plain(side[c].iloc[at], c, be) if c in side.columns else [None] * len(ids) for c in shown}
        for i, id_ in enumerate(ids):
            fields = {c: ([values[c][i], None] if first else [None, values[c][i]]) for c in shown
                      if values[c][i] is not None}
            out.append({"kind": kind, "change": change, "id": id_, "fields": fields})
    ia = np.flatnonzero(old_in_new >= 0)
    if len(ia):
        ib = old_in_new[ia]
        changed: dict[str, dict[str, list[Any]]] = {}
        for c in columns:
            x, y = _column(old, c, ia, new), _column(new, c, ib, old)
            differ = _differ(x, y)
            if not differ.any():
                continue
            ids = old.index[ia[differ]]
            for id_, ov, nv in zip(ids, _plain(x[differ], c, be), _plain(y[differ], c, be), strict=True):
                changed.setdefault(id_, {})[c] = [ov, nv]
        out += [{"kind": kind, "change": "changed", "id": id_, "fields": changed[id_]} for id_ in sorted(changed)]
    return out


def _only(index: pd.Index, rows: np.ndarray, others: int) -> np.ndarray:
    """Positions in ``index`` of the ids the other side (``others`` rows) lacks, ordered as
    ``Index.difference`` orders them: by id, or as written when the other side is empty."""
    at = np.flatnonzero(rows < 0)
    if others and len(at) > 1:
        at = at[index[at].argsort()]
    return at


def _column(df: pd.DataFrame, col: str, at: np.ndarray, other: pd.DataFrame) -> pd.Series:
    """``df[col]`` at rows ``at`` (a fresh 0…n index, so both sides line up), or an empty column
    shaped like ``other[col]`` when this side lacks it (a column a version-1 bundle does not have
    counts as empty, not as a change of every row's type)."""
    if col in df.columns:
        return _taken(df[col], at)
    numeric = pd.api.types.is_numeric_dtype(other[col])
    return pd.Series(np.nan if numeric else "", index=pd.RangeIndex(len(at)), dtype="float64" if numeric else object)


def _taken(s: pd.Series, at: np.ndarray) -> pd.Series:
    """``s`` at rows ``at``, indexed 0…n.

    Two snapshots of a plan mostly keep their rows in order, so ``at`` is a few long runs of
    consecutive rows: arrow text is then sliced run by run, without copying a byte; otherwise
    it is made one chunk before a take (a take across the loader's many chunks cost eight
    times a take from one)."""
    to_arrow = getattr(s.array, "__arrow_array__", None)
    if to_arrow is None:
        return pd.Series(s.array.take(at), name=s.name)
    data = to_arrow()
    starts = np.flatnonzero(np.diff(at, prepend=-2) != 1)   # where a run of consecutive rows begins
    if len(starts) <= max(1, len(at) // RUN):
        ends = np.append(starts[1:], len(at))
        chunks = [c for b, e in zip(starts.tolist(), ends.tolist(), strict=True)
                  for c in data.slice(int(at[b]), e - b).chunks]
        data = pa.chunked_array(chunks, type=data.type)
    else:
        if isinstance(data, pa.ChunkedArray):
            data = data.combine_chunks()
        data = data.take(pa.array(at))
    return pd.Series(pd.arrays.ArrowExtensionArray(data), name=s.name)


def _differ(x: pd.Series, y: pd.Series) -> np.ndarray:
    """Element-wise: the two values differ (two empties — NaN, None or "" — are equal).

    Text stays in Arrow: ``fillna`` and ``!=`` are Arrow kernels, where converting 10⁶ cells to
    Python objects first took most of a diff's time."""
    if pd.api.types.is_numeric_dtype(x) and pd.api.types.is_numeric_dtype(y):
        a, b = x.to_numpy(dtype="float64"), y.to_numpy(dtype="float64")
        an, bn = np.isnan(a), np.isnan(b)
        same = np.isclose(np.where(an, 0.0, a), np.where(bn, 0.0, b), rtol=0, atol=0.005)
        return (an != bn) | (~an & ~bn & ~same)
    xs, ys = _text(x), _text(y)
    return (xs != ys).to_numpy(dtype=bool)


def _text(s: pd.Series) -> pd.Series:
    """``s`` as text with empties as ``""`` (a whole float as its integer: ``2.0`` is ``2``)."""
    if pd.api.types.is_numeric_dtype(s):
        s = s.map(lambda v: "" if pd.isna(v) else str(int(v)) if float(v).is_integer() else str(v))
    elif not pd.api.types.is_string_dtype(s) or s.dtype == object:
        s = s.map(lambda v: "" if v is None or (isinstance(v, float) and np.isnan(v)) else str(v))
    return s.astype("string").fillna("")


def _plain(values: pd.Series, col: str, be: bool) -> list[Any]:
    """Cells as JSON values: empty → None, whole floats → int, years in the era asked for."""
    out: list[Any] = []
    for v in values.tolist():
        if v is None or (isinstance(v, float) and np.isnan(v)) or v == "":
            out.append(None)
            continue
        if hasattr(v, "item"):
            v = v.item()
        if col in YEAR_COLUMNS and isinstance(v, (int, float)):
            v = int(v) + (543 if be else 0)
        elif isinstance(v, float) and v.is_integer():
            v = int(v)
        out.append(v)
    return out


# --- links, and the sub-targets they reach ------------------------------------------------------


def _replacements(old: PlanGraph, new: PlanGraph) -> pd.DataFrame:
    """``element``, ``replacement``: what either edition says took over from what (a revision may
    write replaced_by in NEW only, or drop the replaced element from NEW altogether)."""
    rep = pd.concat([old.replacements, new.replacements], ignore_index=True)
    return rep[["element", "replacement"]].drop_duplicates(ignore_index=True)


def _matched_projects(old: PlanGraph, new: PlanGraph) -> tuple[np.ndarray, np.ndarray]:
    """Per OLD project row its row in NEW, and per NEW row its row in OLD (-1: not there).

    The one matching of the 10⁶ project ids (two arrow hash look-ups, on the lookups the checks
    already built): every comparison of projects, links and reach after it is on row numbers."""
    return new.project_ids.rows(old.projects.index), old.project_ids.rows(new.projects.index)


def _element_vocabulary(old: PlanGraph, new: PlanGraph) -> pd.Index:
    """Every element id either bundle has or links to (a link may name an unknown one), so that
    an element has one code on both sides. Thousands of ids; of the 10⁶ links only those naming
    an unknown element are read as text."""
    unknown = [g.links["element"].iloc[np.flatnonzero(g.link_element_rows < 0)].to_numpy() for g in (old, new)]
    ids = np.concatenate([old.elements.index.to_numpy(dtype=object), new.elements.index.to_numpy(dtype=object),
                          *unknown])
    return pd.Index(pd.unique(ids), dtype=object)


def _pair_keys(g: PlanGraph, projects: np.ndarray, elements: np.ndarray, as_old: np.ndarray,
               vocab: pd.Index, texts: pd.Series | None = None) -> np.ndarray:
    """(project, element) pairs of ``g`` whose project is in both bundles, each once and sorted,
    as one integer: the project's OLD row × ``len(vocab)`` + the element's code in ``vocab``.

    ``projects``, ``elements``: rows in ``g.projects`` (an unknown project from their count on)
    and in ``g.elements`` (-1: unknown, then read from ``texts``); ``as_old``: per project row
    of ``g``, its OLD row when the project is in both bundles, else -1."""
    codes = vocab.get_indexer(g.elements.index)[elements] if len(g.elements) else np.full(len(elements), -1)
    unknown = elements < 0
    if unknown.any() and texts is not None:
        codes[unknown] = vocab.get_indexer(texts.to_numpy()[unknown])
    key = np.full(len(projects), -1, dtype=np.int64)
    known = projects < len(g.projects)
    key[known] = as_old[projects[known]]
    both = key >= 0
    return _unique(key[both] * len(vocab) + codes[both])


def _unique(keys: np.ndarray) -> np.ndarray:
    """``keys`` sorted, each once. A sort and a comparison of neighbours: ``np.unique`` (numpy
    2.4) took 3–4 s on 10⁶ random keys where this takes a tenth of a second."""
    keys = np.sort(keys)
    return keys[np.concatenate(([True], keys[1:] != keys[:-1]))] if len(keys) else keys


def _within(keys: np.ndarray, sorted_keys: np.ndarray) -> np.ndarray:
    """Per key: whether it is in ``sorted_keys`` (sorted; repeats do no harm), by binary search."""
    if not len(sorted_keys):
        return np.zeros(len(keys), dtype=bool)
    at = np.minimum(np.searchsorted(sorted_keys, keys), len(sorted_keys) - 1)
    return sorted_keys[at] == keys


def _pair_frame(old: PlanGraph, vocab: pd.Index, keys: np.ndarray) -> pd.DataFrame:
    """``project``, ``element`` ids of keys from :func:`_pair_keys`, sorted by them (as a merge
    of the text ids orders its keys)."""
    rows, codes = np.divmod(keys, len(vocab))
    frame = pd.DataFrame({"project": np.asarray(old.projects.index[rows], dtype=object),
                          "element": vocab.to_numpy()[codes]})
    return frame.sort_values(["project", "element"], ignore_index=True)


def _links(old: PlanGraph, new: PlanGraph, replacements: pd.DataFrame, matched: tuple[np.ndarray, np.ndarray],
           vocab: pd.Index) -> list[dict[str, Any]]:
    """Links added and removed for projects in both bundles; a removed link whose project now links
    to a replacement of its element is one change (``replaced``: true), not a loss and a gain.

    Both sides' links are integer keys (:func:`_pair_keys`): their set differences are two sorts,
    and only the links that differ are turned back into text."""
    old_in_new, new_in_old = matched
    a = _pair_keys(old, old.link_project_codes, old.link_element_rows, _in_both(old_in_new), vocab,
                   old.links["element"])
    b = _pair_keys(new, new.link_project_codes, new.link_element_rows, new_in_old, vocab, new.links["element"])
    removed = _pair_frame(old, vocab, a[~_within(a, b)])
    added = _pair_frame(old, vocab, b[~_within(b, a)])
    moved = (removed.merge(replacements, on="element")
             .merge(added.rename(columns={"element": "replacement"}), on=["project", "replacement"])
             .drop_duplicates(["project", "element"]).drop_duplicates(["project", "replacement"]))
    out = [{"kind": "link", "change": "changed", "id": p + ARROW + e, "fields": {"element": [e, r]}, "replaced": True}
           for p, e, r in moved[["project", "element", "replacement"]].itertuples(index=False, name=None)]
    gone = removed.merge(moved[["project", "element"]], how="left", indicator=True)
    came = added.merge(moved[["project", "replacement"]].rename(columns={"replacement": "element"}), how="left",
                       indicator=True)
    for change, rows in (("removed", gone), ("added", came)):
        rows = rows[rows["_merge"] == "left_only"].sort_values(["project", "element"])
        out += [{"kind": "link", "change": change, "id": p + ARROW + e, "fields": {}}
                for p, e in rows[["project", "element"]].itertuples(index=False, name=None)]
    return out


def _in_both(old_in_new: np.ndarray) -> np.ndarray:
    """Per OLD project row: itself when the project is in NEW too, else -1 (OLD's rows as keys)."""
    return np.where(old_in_new >= 0, np.arange(len(old_in_new)), -1)


def _moves(old: PlanGraph, new: PlanGraph, replacements: pd.DataFrame, matched: tuple[np.ndarray, np.ndarray],
           vocab: pd.Index) -> list[dict[str, Any]]:
    """Projects in both bundles whose chains reach other sub-targets in NEW than in OLD (both sides
    reaching some): ``moved`` true, and ``replaced`` true when every sub-target left behind has a
    replacement among those reached now (a plan revision, not a loss).

    The sub-targets each project reaches are compared as integer keys (:func:`_pair_keys` over
    :attr:`PlanGraph.target_reach_rows`); only the moved projects' sub-targets become text."""
    old_in_new, new_in_old = matched
    width = len(vocab)
    a = _pair_keys(old, *old.target_reach_rows, _in_both(old_in_new), vocab)
    b = _pair_keys(new, *new.target_reach_rows, new_in_old, vocab)
    lost, gained = a[~_within(a, b)], b[~_within(b, a)]
    touched = _unique(np.concatenate([lost, gained]) // width)          # OLD rows of the projects that changed
    moved = touched[_within(touched, a // width) & _within(touched, b // width)]   # reaching some on both sides
    if not len(moved):
        return []
    lost = lost[_within(lost // width, moved)]
    replaced = set(old.projects.index[_replaced(lost, gained, replacements, vocab)])
    olds = _element_lists(old, vocab, a[_within(a // width, moved)])
    news = _element_lists(old, vocab, b[_within(b // width, moved)])
    return [{"kind": "link", "change": "changed", "id": p, "fields": {"sub_targets": [olds[p], news[p]]},
             "moved": True, "replaced": p in replaced} for p in sorted(olds)]


def _replaced(lost: np.ndarray, gained: np.ndarray, replacements: pd.DataFrame, vocab: pd.Index) -> np.ndarray:
    """OLD rows of the projects that lost some (project, sub-target) ``lost`` keys and reach a
    replacement of each of them among the ``gained`` keys."""
    width = len(vocab)
    rep = pd.DataFrame({"element": vocab.get_indexer(replacements["element"]),
                        "replacement": vocab.get_indexer(replacements["replacement"])})
    project, element = np.divmod(lost, width)
    pairs = pd.DataFrame({"key": lost, "project": project, "element": element}).merge(rep, on="element")
    hit = _within(pairs["project"].to_numpy() * width + pairs["replacement"].to_numpy(), gained)
    uncovered = lost[~_within(lost, _unique(pairs["key"].to_numpy()[hit]))]
    projects = _unique(lost // width)
    return projects[~_within(projects, uncovered // width)]


def _element_lists(old: PlanGraph, vocab: pd.Index, keys: np.ndarray) -> dict[str, list[str]]:
    """Per project id, its elements' ids in ``keys`` (:func:`_pair_keys`), sorted."""
    out: dict[str, list[str]] = {}
    frame = _pair_frame(old, vocab, keys)
    for p, e in zip(frame["project"].tolist(), frame["element"].tolist(), strict=True):
        out.setdefault(p, []).append(e)
    return out


# --- shifts ------------------------------------------------------------------------------------


def shifts(old: PlanGraph, new: PlanGraph, replacements: pd.DataFrame) -> pd.DataFrame:
    """Per sub-target (projects whose chains reach it) and per ministry (its projects): projects and
    budget in OLD and NEW. ``lost_all``: a sub-target some project reached in OLD and none in NEW,
    unless it was replaced (``replaced_by``: its replacements that exist in NEW)."""
    targets = [_per_target(g) for g in (old, new)]
    ministries = [_per_ministry(g) for g in (old, new)]
    t = _side_by_side(*targets).assign(kind="sub_target")
    m = _side_by_side(*ministries).assign(kind="ministry")
    rep = replacements[new.element_ids.rows(replacements["replacement"]) >= 0]
    rep = rep.sort_values(["element", "replacement"]).groupby("element")["replacement"].agg(list)
    t["replaced_by"] = [rep.get(i, []) for i in t["id"]]
    t["lost_all"] = (t["old_projects"] > 0) & (t["new_projects"] == 0) & (t["replaced_by"].str.len() == 0)
    m["replaced_by"] = [[] for _ in range(len(m))]
    m["lost_all"] = False
    names = {**old.names(t["id"]), **new.names(t["id"])}
    t["name"] = t["id"].map(names).fillna("")
    m["name"] = m["id"].map(_ministry_names(old, new)).fillna("")
    cols = ["kind", "id", "name", "old_projects", "new_projects", "old_budget", "new_budget", "lost_all",
            "replaced_by"]
    return pd.concat([t[cols], m[cols]], ignore_index=True)


def _per_target(g: PlanGraph) -> pd.DataFrame:
    acting = g.acting[g.acting["element"].isin(g.elements.index[g.elements["level"] == g.profile.target_level])]
    return acting.groupby("element").agg(projects=("projects", "sum"), budget=("budget", "sum"))


def _per_ministry(g: PlanGraph) -> pd.DataFrame:
    frame = pd.DataFrame({"ministry": g.project_ministry.to_numpy(),
                          "budget": g.projects["budget"].fillna(0.0).to_numpy()})
    return frame.groupby("ministry").agg(projects=("budget", "size"), budget=("budget", "sum"))


def _side_by_side(old: pd.DataFrame, new: pd.DataFrame) -> pd.DataFrame:
    both = old.merge(new, how="outer", left_index=True, right_index=True, suffixes=("_old", "_new")).fillna(0)
    out = pd.DataFrame({"id": both.index.astype(str),
                        "old_projects": both["projects_old"].astype("int64").to_numpy(),
                        "new_projects": both["projects_new"].astype("int64").to_numpy(),
                        "old_budget": both["budget_old"].round(2).to_numpy(),
                        "new_budget": both["budget_new"].round(2).to_numpy()})
    return out.sort_values("id", ignore_index=True)


def _ministry_names(old: PlanGraph, new: PlanGraph) -> dict[str, str]:
    return {**old.agencies["name"].to_dict(), **new.agencies["name"].to_dict()}
