"""GK3xx (duplicated and fragmented work across ministries).

GK301 finds groups of near-identical projects of different ministries that reach the same
sub-target in the same fiscal year and overlapping places. Titles are normalised, segmented
into Thai words (PyThaiNLP), generic words set aside (:mod:`graphkpi.text.generic`) and
compared by IDF-weighted Jaccard; candidates come from blocking (sub-target × year, then
place) and an exact similarity join (:mod:`graphkpi.text`), so all pairs are never compared;
titles naming different target groups, villages or activities never match, and junk titles
(a formula, nothing but generic words) match nothing. A pair whose titles fall a little short
matches when both objectives are near-identical. Groups are tight: every two projects of a
group match (:func:`tight_groups`), so a title naming no target group never bridges two
titles naming different ones. Both backends hand the same per-project rows to :func:`duplicate_groups`: NetworkX
from the tables, Neo4j from ``cypher/checks/GK301.cypher`` (which does the blocking).

GK302 is set-based: ministries acting on each sub-target (the graph's acting table, shared
with the lead checks), minus targets that a joint KPI measures or an integrated plan cascades
into.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from graphkpi.analysis.carried import graph_project_facts, with_project_facts
from graphkpi.checks.registry import check, finding
from graphkpi.components import component_labels
from graphkpi.graph import PlanGraph
from graphkpi.load.schema import NATIONAL
from graphkpi.memory import reused_memory
from graphkpi.messages.params import check_param
from graphkpi.model import Finding
from graphkpi.parallel import chunked_map
from graphkpi.sets import isin
from graphkpi.text.concepts import join_calques
from graphkpi.text.generic import fold_words, join_loanwords, junk, kind_of
from graphkpi.text.grams import TokenSets, char_ngram_sets, take
from graphkpi.text.normalise import distinct_texts, distinct_values, normalise_distinct, normalise_titles
from graphkpi.text.romanised import join_romanised
from graphkpi.text.simjoin import WILDCARD, Memberships, jaccard, similarity_join, sorted_distinct
from graphkpi.text.slots import from_keys, pair_conflicts, slot_keys, target_groups, with_objective
from graphkpi.text.verbs import expanded
from graphkpi.text.words import flat_words, sets_of, word_sets, words_of

# Defaults declared with the checks in graphkpi/messages/findings.json (the CLI options are
# generated from the same declaration). MIN_SIMILARITY, the IDF-weighted Jaccard of the word sets
# of normalised titles, was chosen from the labelled evaluation in benchmarks/RESULTS.md
# (bench_duplicates.py), not by guess.
FRAGMENTATION_THRESHOLD = int(check_param("GK302", "threshold").default)
MIN_SIMILARITY = float(check_param("GK301", "min_similarity").default)
DUPLICATION, OVERLAP = "duplication", "overlap"
# Titles this much below --min-similarity still match when both objectives are near-identical
# (at least OBJECTIVE_SIMILARITY): the contract compares names and objectives, and two
# ministries that paraphrase a title often copy the objective from the same plan.
OBJECTIVE_MARGIN = 0.1
OBJECTIVE_SIMILARITY = 0.7
# …or when the titles' letters are this alike (Jaccard of character trigrams): a typo or a
# spelling variant turns one word into another word, which the word sets count as different.
SPELLING_SIMILARITY = 0.8
PROJECT_COLUMNS = ["ministry", "fiscal_year", "budget", "name", "objective"]


@check("GK301")
def duplicate_projects(g: PlanGraph, min_similarity: float = MIN_SIMILARITY) -> Iterator[Finding]:
    """Groups of near-identical projects of two or more ministries on one sub-target, place and year."""
    projects = g.projects.reindex(columns=["fiscal_year", "budget"])
    for column in ("name", "objective"):   # from the file when the graph was loaded without them
        projects[column] = g.project_text(column)
    projects["ministry"] = g.project_ministry
    found = duplicate_groups(projects, g.target_reach, g.project_areas[g.placed], min_similarity)
    yield from with_project_facts(found, graph_project_facts(g, found))   # shown by `graphkpi duplicates`


@dataclass(frozen=True)
class Matching:
    """How titles are compared. The defaults are what GK301 ships; the labelled evaluation
    (benchmarks/bench_duplicates.py) varies them to show why."""

    tokens: Callable[[list[str]], TokenSets] | None = None   # None: PyThaiNLP words
    weighted: bool = True                                     # IDF-weighted Jaccard
    slots: bool = True                                        # different target group, village, activity: never
    generic: bool = True                                      # generic words folded or dropped, junk never
    objective: bool = True                                    # near-identical objectives lift a near miss
    tight: bool = True                                        # every two members match (else components)
    spelling: bool = True                                     # near-identical letters (typos) also meet


@dataclass
class Prepared:
    """The projects that can meet (a sub-target and year acted on by two or more ministries)."""

    ids: pd.Index
    rows: pd.DataFrame
    reach: pd.DataFrame
    places: pd.DataFrame
    sets: TokenSets
    weights: np.ndarray | None
    members: Memberships
    ministry: np.ndarray
    name_of: np.ndarray                           # per record, its distinct title's number
    words: tuple[np.ndarray, np.ndarray] | None   # (distinct title, word) in order, as segmented
    normal: pa.Array                              # the distinct titles normalised

    def said(self, ids: pd.Index) -> dict[str, list[str]]:
        """Each of ``ids``' normalised title's words in order (what ``--explain`` compares),
        from the segmentation already done for matching when there was one."""
        code = self.name_of[self.ids.get_indexer(ids)]
        if self.words is None:
            return dict(zip(ids, words_of(self.normal.take(pa.array(code)).to_pylist()), strict=True))
        record, words = self.words
        lo, hi = np.searchsorted(record, code), np.searchsorted(record, code, side="right")
        return {p: words[s:e].tolist() for p, s, e in zip(ids, lo.tolist(), hi.tolist(), strict=True)}


def prepare(projects: pd.DataFrame, reach: pd.DataFrame, areas: pd.DataFrame,
            how: Matching = Matching()) -> Prepared | None:
    """Blocks, places and title sets of the projects that can meet; None when none can."""
    reach = reach.merge(projects[["fiscal_year", "ministry"]], left_on="project", right_index=True)
    ministries = reach.groupby(["element", "fiscal_year"])["ministry"].transform("nunique")
    reach = reach[ministries >= 2]
    if reach.empty:
        return None
    ids = pd.Index(reach["project"].unique()).sort_values()
    rows = projects.loc[ids]
    which, names = distinct_texts(rows["name"])       # titles repeat: each distinct one once, in Arrow
    normal = normalise_distinct(names)
    if how.tokens:
        sets, words = how.tokens(np.array(normal.to_pylist(), dtype=object)[which].tolist()), None
    else:
        words = flat_words(normal)
        sets = take(_title_sets(names, words, how.generic), which)
    block = pd.MultiIndex.from_frame(reach[["element", "fiscal_year"]]).factorize()[0]
    places = areas[isin(areas["project"], ids)]
    place_code = pd.Series(WILDCARD, index=places.index)
    local = places["area"] != NATIONAL
    place_code[local] = pd.factorize(places.loc[local, "area"])[0]
    spots = pd.DataFrame({"project": places["project"], "place": place_code}).drop_duplicates()
    member = pd.DataFrame({"project": reach["project"].to_numpy(), "block": block}).merge(spots, on="project")
    members = Memberships(ids.get_indexer(member["project"]).astype(np.int64),
                          member["block"].to_numpy(np.int64), member["place"].to_numpy(np.int64))
    return Prepared(ids, rows, reach, places, sets, idf(sets) if how.weighted else None, members,
                    pd.factorize(rows["ministry"].astype(str))[0], which, words, normal)


def _title_sets(raw: pa.Array, said: tuple[np.ndarray, np.ndarray], generic: bool) -> TokenSets:
    """Word sets of the titles (``said``: their (title, word) pairs, from :func:`flat_words` of
    the normalised titles), generic words folded, the verbs that expand a title's opening
    activity left out (:func:`graphkpi.text.verbs.expanded`) and junk titles emptied (so they
    match nothing)."""
    record, words = said
    if not generic:
        return sets_of(record, words, len(raw))
    words = join_loanwords(record, join_romanised(record, join_calques(record, words))[0])
    folded = fold_words(words)
    bad = junk(raw, record, folded)
    return sets_of(record, np.where(bad[record] | expanded(record, words), "", folded).astype(object), len(raw))


def duplicate_groups(projects: pd.DataFrame, reach: pd.DataFrame, areas: pd.DataFrame,
                     min_similarity: float = MIN_SIMILARITY, how: Matching = Matching(),
                     stats: dict[str, float] | None = None) -> list[Finding]:
    """GK301 findings from plain rows, whichever backend produced them.

    ``projects``: index project id; ``ministry``, ``fiscal_year``, ``budget``, ``name``,
    ``objective``. ``reach``: ``project``, ``element`` (sub-targets its chains reach).
    ``areas``: ``project``, ``area`` (a code or ``national``; a project without any place
    overlaps nothing, since the overlap cannot be shown). ``stats``, when given, receives
    the number of projects that can meet, pairs compared and pairs matched.

    Large arrays are made and freed all along, so the run keeps freed memory for reuse
    (:func:`graphkpi.memory.reused_memory`).
    """
    with reused_memory():
        return _groups(projects, reach, areas, min_similarity, how, stats)


def _groups(projects: pd.DataFrame, reach: pd.DataFrame, areas: pd.DataFrame, min_similarity: float,
            how: Matching, stats: dict[str, float] | None) -> list[Finding]:
    p = prepare(projects, reach, areas, how)
    if p is None:
        return []
    floor = max(min_similarity - OBJECTIVE_MARGIN, 1e-6) if how.objective else min_similarity
    found = similarity_join(p.sets, p.members, floor, distinct=p.ministry, weights=p.weights)
    letters, spelt = _trigrams(p)
    a, b, score, compared = found.a, found.b, found.score, found.compared
    if how.spelling:
        a, b, score, extra = _with_spelling_pairs(p, a, b, score, letters, spelt)
        compared += extra
    goal, neither = _objective_similarity(p, a, b, how.generic)
    near = score < min_similarity - 1e-9
    alike = np.zeros(len(a))
    alike[near] = jaccard(letters, spelt[a[near]], spelt[b[near]])   # character-trigram Jaccard of near misses
    by_goal = near & (np.nan_to_num(goal, nan=0.0) >= OBJECTIVE_SIMILARITY - 1e-9)
    by_letters = near & ~by_goal & (alike >= SPELLING_SIMILARITY - 1e-9)
    ok = ~near | by_goal | by_letters        # first the cheap tests, then the slots on what is left
    if how.slots:
        ok[ok] = _same_people_and_village(p.rows, a[ok], b[ok])
    a, b = a[ok], b[ok]
    # Ids as Python objects: the findings walk the pairs in Python, and stepping through an
    # arrow-backed column costs µs an element (a national run has 10⁵–10⁶ of them).
    pairs = pd.DataFrame({"a": pd.Series(p.ids[a], dtype=object), "b": pd.Series(p.ids[b], dtype=object),
                          "score": score[ok], "objective": goal[ok],
                          "no_objective": neither[ok], "lifted": by_goal[ok],
                          "spelling": np.where(by_letters, alike, np.nan)[ok]})
    if stats is not None:
        stats.update(records=len(p.ids), compared=compared, matched=len(a))
    if not len(a):
        return []
    group = tight_groups(a, b, pairs["score"].to_numpy(), len(p.ids)) if how.tight else _components(a, b, len(p.ids))
    pairs = pairs.assign(group=group)
    return _group_findings(pairs[group >= 0], p, min_similarity)


def _trigrams(p: Prepared) -> tuple[TokenSets, np.ndarray]:
    """The character trigram sets of the distinct normalised titles without spaces (empty for
    junk titles, which take part in nothing), and per record its title's set: a national
    bundle's titles hold ~8·10⁷ trigrams, and a copy per record would add as many again."""
    kept = np.zeros(len(p.normal), dtype=bool)
    kept[p.name_of] = p.sets.sizes > 0            # junk or not is a property of the title
    text = pc.if_else(pa.array(kept), pc.replace_substring(p.normal, " ", ""), "")
    which, distinct = distinct_values(text)
    return char_ngram_sets(distinct.to_pylist(), 3), which[p.name_of]


def _with_spelling_pairs(p: Prepared, a: np.ndarray, b: np.ndarray, score: np.ndarray,
                         grams: TokenSets, spelt: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray, int]:
    """The word join's pairs plus those whose titles' letters are at least SPELLING_SIMILARITY
    alike (an exact join over character trigrams, same blocks and places). A typo cuts a word
    into pieces the segmenter does not know, so such a pair may share too few words to meet
    at all. Projects of one province only: a national project would meet its whole block on
    common trigrams, which costs far more than the few typos it could find. Junk titles
    (no word set) take no part."""
    local = p.members.place != WILDCARD
    members = Memberships(p.members.record[local], p.members.block[local], p.members.place[local])
    letters = similarity_join(grams, members, SPELLING_SIMILARITY, distinct=p.ministry, which=spelt)
    n = len(p.ids)
    new = ~np.isin(letters.a * n + letters.b, a * n + b)
    if not new.any():
        return a, b, score, letters.compared
    na, nb = letters.a[new], letters.b[new]
    return (np.r_[a, na], np.r_[b, nb], np.r_[score, jaccard(p.sets, na, nb, p.weights)], letters.compared)


def _components(a: np.ndarray, b: np.ndarray, n: int) -> np.ndarray:
    """Per matched pair, its connected component (groups that chain: what ``tight`` replaces)."""
    return component_labels(a, b, n)[a]


def tight_groups(a: np.ndarray, b: np.ndarray, score: np.ndarray, n: int) -> np.ndarray:
    """Per matched pair (``a < b``, record numbers), its group, or -1 when it is in none.

    The rule (documented for users with GK301): every two projects of a group match. A
    connected component of the matched pairs that is already complete is one group (almost
    all are: two or three projects). In any other component, groups are built greedily: the
    most similar pair not yet grouped (ties: smaller ids) starts a group, and a project joins
    it when it matches every member (best total similarity first); each project is in one
    group, and a pair whose projects ended in different groups is not reported. Chaining is
    thus impossible: a title naming no target group cannot join ``…นักเรียน`` and
    ``…ชุมชนเมือง`` into one group, since those two never match. Vectorised over the
    components; the greedy loop runs only over the pairs of incomplete components.
    """
    label = _components(a, b, n).astype(np.int64)       # int32 labels × n would overflow
    nodes = np.bincount(sorted_distinct(np.r_[label * n + a, label * n + b]) // n, minlength=int(label.max()) + 1)
    edges = np.bincount(label, minlength=len(nodes))
    complete = edges == nodes * (nodes - 1) // 2
    group = np.where(complete[label], label, -1)
    loose = np.flatnonzero(~complete[label])
    if not len(loose):
        return group
    order = loose[np.lexsort((b[loose], a[loose], -np.round(score[loose], 9)))]
    adj: dict[int, dict[int, float]] = {}
    for x, y, s in zip(a[order].tolist(), b[order].tolist(), score[order].tolist(), strict=True):
        adj.setdefault(x, {})[y] = s
        adj.setdefault(y, {})[x] = s
    owner: dict[int, int] = {}
    next_id = len(nodes)
    for x, y in zip(a[order].tolist(), b[order].tolist(), strict=True):
        if x in owner or y in owner:
            continue
        members = [x, y]
        near_y = adj[y]
        shared = [c for c in adj[x] if c in near_y and c not in owner]   # not `- owner.keys()`: O(owned)
        for c in sorted(shared, key=lambda c: (-sum(adj[c][m] for m in members), c)):
            if all(m in adj[c] for m in members):
                members.append(c)
        for m in members:
            owner[m] = next_id
        next_id += 1
    ga = np.array([owner.get(x, -1) for x in a[loose].tolist()])
    gb = np.array([owner.get(y, -2) for y in b[loose].tolist()])
    group[loose] = np.where(ga == gb, ga, -1)
    return group


def idf(sets: TokenSets, count: np.ndarray | None = None) -> np.ndarray:
    """Inverse document frequency per token over the compared titles (smoothed, as scikit-learn's).
    ``count``: how many projects carry each set, when sets were built once per distinct text.

    Words every ministry uses (ส่งเสริม, พัฒนา, แบบมีส่วนร่วม) weigh little and the specific
    ones (a village, a deliverable) a lot: so a swapped village counts more than a swapped
    verb, and the prefix filter indexes only the few specific tokens of each title.
    """
    width = int(sets.tokens.max()) + 1 if len(sets.tokens) else 0
    if count is None:
        df, n = np.bincount(sets.tokens, minlength=width), len(sets)
    else:
        carried = np.repeat(count, sets.sizes).astype(np.float64)
        df, n = np.bincount(sets.tokens, weights=carried, minlength=width), int(count.sum())
    return np.log((n + 1) / (df + 1)) + 1.0


def _same_people_and_village(rows: pd.DataFrame, a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """False for pairs whose titles name different target groups, villages or activities.

    Slots are read once per distinct title (on every core: Python ``re``, tens of µs a title,
    and a national run has 10⁵ titles in candidate pairs) and the target groups once per
    distinct objective (objectives repeat: plans hand them down), then combined per project."""
    if not len(a):
        return np.zeros(0, dtype=bool)
    involved = np.flatnonzero(np.bincount(np.r_[a, b], minlength=len(rows)))
    part = rows.iloc[involved]
    title, titles = pd.factorize(part["name"].fillna("").astype(str))
    goal, goals = pd.factorize(part["objective"].fillna("").astype(str))
    keys = chunked_map(slot_keys, [str(t) for t in titles], 40_000)
    key, distinct_keys = pd.factorize(pd.Series(keys, dtype=object))   # titles repeat their slots
    key = key[title]
    read = from_keys(distinct_keys)
    groups = [target_groups(str(o)) for o in goals]
    width = max(len(goals), 1)
    which, both = pd.factorize(key.astype(np.int64) * width + goal)   # (slots, objective) pairs
    found = [with_objective(read[k // width], groups[k % width]) for k in both.tolist()]
    return ~pair_conflicts(found, which[np.searchsorted(involved, a)], which[np.searchsorted(involved, b)])


def _group_findings(pairs: pd.DataFrame, prep: Prepared, min_similarity: float) -> list[Finding]:
    """One finding per connected group of matched pairs, with the evidence.

    Plain dicts over the projects in some group (a small share of the bundle), each
    looked up once, so tens of thousands of groups cost seconds.
    """
    rows, reach, places = prep.rows, prep.reach, prep.places
    involved = pd.unique(pd.concat([pairs["a"], pairs["b"]]))
    info = rows.loc[involved]
    targets = _sets_by(reach[isin(reach["project"], involved)], "element")
    where = _sets_by(places[isin(places["project"], involved)], "area")
    ministry = info["ministry"].astype(str).to_dict()
    budget = info["budget"].astype(float).fillna(0.0).to_dict()
    year = info["fiscal_year"].to_dict()
    # GAO: duplication = same activity, beneficiaries (the objective) and place; else overlap.
    same_goal = dict(zip(zip(pairs["a"], pairs["b"], strict=True),
                         ((pairs["objective"] >= min_similarity) | pairs["no_objective"]).tolist(), strict=True))
    edges: dict[int, list[tuple[str, str, float]]] = {}
    for a, b, score, gid in zip(pairs["a"], pairs["b"], pairs["score"], pairs["group"], strict=True):
        edges.setdefault(int(gid), []).append((a, b, float(score)))
    members = {gid: sorted({p for a, b, _ in es for p in (a, b)}) for gid, es in edges.items()}
    said = prep.said(pd.Index(involved))
    words = _shared_words(members, said)
    why = _equivalences(pairs, said)
    out = []
    for gid, es in edges.items():
        ids = members[gid]
        names = sorted({ministry[p] for p in ids})
        same = all(where[a] == where[b] and same_goal[(a, b)] for a, b, _ in es)
        details = {
            "gao": DUPLICATION if same else OVERLAP,
            "ministries": names,
            "n_ministries": len(names),
            "sub_targets": sorted(set().union(*(targets[a] & targets[b] for a, b, _ in es))),
            "places": sorted(set().union(*(where[p] for p in ids))),
            "fiscal_year": int(year[ids[0]]),
            "budget": round(sum(budget[p] for p in ids), 2),
            "max_similarity": round(max(s for _, _, s in es), 3),
            "pairs": [{"a": a, "b": b, "similarity": round(s, 3), **why[(a, b)]} for a, b, s in sorted(es)],
            "shared_words": words[gid],
        }
        out.append(Finding("GK301", ids[0], "project", tuple(ids[1:]), details))
    return out


def _objective_similarity(p: Prepared, a: np.ndarray, b: np.ndarray,
                          generic: bool = True) -> tuple[np.ndarray, np.ndarray]:
    """Per pair of records, the weighted Jaccard of the objectives' word sets (generic words set
    aside like the titles'), NaN when one is missing (the beneficiaries cannot be compared); and
    whether neither has one (the titles alone decide). Word weights are the IDF over the
    projects of all candidate pairs (before the slots are read, so the cheap tests can run
    first): boilerplate that many of them share weighs little. (The IDF over every project
    that can meet was measured too: it cost verb-expansion recall, 0.933 → 0.900.)"""
    if not len(a):
        return np.zeros(0), np.zeros(0, dtype=bool)
    # Objectives repeat (plans hand them down): each distinct one is read once, weighed per project.
    involved = np.flatnonzero(np.bincount(np.r_[a, b], minlength=len(p.ids)))
    which, distinct = pd.factorize(p.rows["objective"].iloc[involved].fillna("").astype(str))
    goals = normalise_titles(pd.Series(distinct, dtype=object)).to_numpy()
    sets = word_sets(goals.tolist(), fold_words if generic else None)
    a, b = which[np.searchsorted(involved, a)], which[np.searchsorted(involved, b)]
    score = jaccard(sets, a, b, idf(sets, np.bincount(which, minlength=len(distinct))))
    empty_a, empty_b = goals[a] == "", goals[b] == ""
    return np.where(empty_a | empty_b, np.nan, score), empty_a & empty_b


def _sets_by(table: pd.DataFrame, column: str) -> dict[str, frozenset[str]]:
    """Per project of ``table``, the set of its ``column`` values (a sort and slices: pandas'
    per-group ``agg(frozenset)`` costs tens of µs a group, and a national run has 10⁵ groups)."""
    table = table.sort_values("project", kind="stable")
    keys = table["project"].to_numpy()
    values = table[column].tolist()
    start = np.flatnonzero(np.r_[True, keys[1:] != keys[:-1]]) if len(keys) else np.zeros(0, dtype=np.int64)
    ends = np.r_[start[1:], len(keys)]
    return {keys[lo]: frozenset(values[lo:hi]) for lo, hi in zip(start.tolist(), ends.tolist(), strict=True)}


def _equivalences(pairs: pd.DataFrame, said: dict[str, list[str]]) -> dict[tuple[str, str], dict[str, object]]:
    """Per matched pair, what made it match despite differing words (``--explain``): the
    generic verbs written differently (one class), words of one activity class written
    differently (ฝึกอบรม and อบรม), verbs one title adds to its activity after และ
    (expansion), loanwords written in the other script by
    the other title, a Thai compound the other title writes as its loanword (calques:
    :mod:`graphkpi.text.concepts`), the generic modifiers and function words only one title has (ignored),
    and the objectives' or the letters' similarity when it lifted a near miss. Empty when
    none was needed, so pairs that match word for word keep their short form. Titles repeat,
    so the word part is read once per distinct pair of titles."""
    ids = list(said)
    lengths = np.array([len(said[p]) for p in ids], dtype=np.int64)
    record = np.repeat(np.arange(len(ids)), lengths)
    flat = np.array([w for p in ids for w in said[p]], dtype=object)
    added = expanded(record, flat)
    spelled, loans, calques = _spelled_loanwords(record, flat)
    bounds = np.r_[0, np.cumsum(lengths)].tolist()
    words = {p: frozenset(w for w in spelled[lo:hi].tolist() if w)
             for p, lo, hi in zip(ids, bounds[:-1], bounds[1:], strict=True)}
    expansion = {p: frozenset(flat[lo:hi][added[lo:hi]].tolist())
                 for p, lo, hi in zip(ids, bounds[:-1], bounds[1:], strict=True)}
    vocabulary = sorted(set().union(*words.values()))
    fold = dict(zip(vocabulary, fold_words(np.array(vocabulary, dtype=object)).tolist(), strict=True)) | loans
    kind = {w: "calque" if w in calques else "loanword" if w in loans else kind_of(w) for w in vocabulary}
    seen: dict[tuple[frozenset[str], frozenset[str], frozenset[str]], dict[str, object]] = {}

    def by_words(x: frozenset[str], y: frozenset[str], grown: frozenset[str]) -> dict[str, object]:
        differ = sorted(x ^ y)
        both = {fold[w] for w in x} & {fold[w] for w in y}
        translated = {fold[w]: w for w in differ if kind[w] == "calque" and fold[w] in both}

        def written_as(w: str) -> str:      # the other title's word for what the compound ``w`` says
            return next(v for v in sorted(y if w in x else x) if fold[v] == fold[w])

        return {"verbs": [w for w in differ if kind[w] == "verb"],
                "loanwords": [w for w in differ if kind[w] == "loanword" and fold[w] in both.difference(translated)],
                "calques": [f"{w} ~ {written_as(w)}" for w in translated.values()],
                "activities": [w for w in differ if kind[w] == "activity" and fold[w] in both],
                "expansion": [w for w in differ if w in grown],
                "ignored": [w for w in differ if kind[w] in ("modifier", "function")]}

    out: dict[tuple[str, str], dict[str, object]] = {}
    for a, b, goal, lifted, spelling in zip(pairs["a"], pairs["b"], pairs["objective"], pairs["lifted"],
                                            pairs["spelling"], strict=True):
        key = (words[a], words[b], expansion[a] | expansion[b])
        if key not in seen:
            seen[key] = by_words(*key)
        used: dict[str, object] = {
            **seen[key],
            "objective": round(float(goal), 3) if lifted else None,
            "spelling": None if np.isnan(spelling) else round(float(spelling), 3),
        }
        used = {k: v for k, v in used.items() if v}
        out[(a, b)] = {"equivalences": used} if used else {}
    return out


def _spelled_loanwords(record: np.ndarray, words: np.ndarray) -> tuple[np.ndarray, dict[str, str], set[str]]:
    """``words`` with each run that spells one loanword (:func:`graphkpi.text.generic.join_loanwords`)
    or is a Thai compound for one (:func:`graphkpi.text.concepts.join_calques`), or spells in Thai
    letters a Latin word of another title (:func:`graphkpi.text.romanised.join_romanised`), as one word written
    as the title writes it (``อีคอมเมิร์ซ``, ``e commerce``, ``การค้าอิเล็กทรอนิกส์``), the run's
    other words ""; those spellings → the English term they fold to; and which are Thai compounds."""
    calqued = join_calques(record, words)
    romanised, met = join_romanised(record, calqued)
    joined = join_loanwords(record, romanised)
    out, loans, calques = words.copy(), dict(zip(met, met, strict=True)), set()
    for i in np.flatnonzero((joined != words) & (joined != "")).tolist():
        if not joined[i].isascii():       # letters a re-cut handed back to the next word (อย่าง)
            continue
        end = i + 1
        while end < len(words) and joined[end] == "" and record[end] == record[i]:
            end += 1
        run = words[i:end].tolist()
        spelling = " ".join(run) if run[0].isascii() else "".join(run)
        out[i], out[i + 1:end], loans[spelling] = spelling, "", joined[i]
        if calqued[i] != words[i]:
            calques.add(spelling)
    return out, loans, calques


def _shared_words(members: dict[int, list[str]], said: dict[str, list[str]]) -> dict[int, list[str]]:
    """Per group, the Thai words every title in it uses, in the subject's order."""
    tokens = {p: [w for w in ws if len(w) > 1] for p, ws in said.items()}
    out: dict[int, list[str]] = {}
    for gid, ids in members.items():
        common = set(tokens[ids[0]]).intersection(*(set(tokens[p]) for p in ids[1:]))
        out[gid] = list(dict.fromkeys(w for w in tokens[ids[0]] if w in common))
    return out


@check("GK302")
def fragmented_target(g: PlanGraph, threshold: int = FRAGMENTATION_THRESHOLD) -> Iterator[Finding]:
    """Sub-targets reached by projects of ``threshold`` or more ministries, with no joint KPI or integrated plan."""
    prof = g.profile
    levels = g.elements["level"]
    acting = g.acting_ministries(g.elements.index[levels == prof.target_level])
    counts = acting.groupby("element")["ministry"].nunique()
    many = set(counts.index[counts >= threshold])
    if not many:
        return
    plans = set(g.elements.index[levels == prof.integrated_level])
    integrated = g.up_closure(plans) if plans else set()
    lists = g.acting_lists
    for element in sorted(many - g.joint_kpi_elements - integrated):
        yield finding("GK302", element, n_ministries=int(counts[element]), acting=lists[element])
