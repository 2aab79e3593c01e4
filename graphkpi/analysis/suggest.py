"""Suggested links: for projects that do not reach Z, the existing plan elements they most likely serve.

A planner who finds an orphan must read the project and search the plan for what it moves;
this ranks the candidates for them. Candidates are the elements a project may link to (the
profile's project levels) that reach Z; one is never offered outside its validity period for
the project's fiscal year, nor an area target of a place the project is not in (that link would
be GK204). Three kinds of evidence are combined into a score in 0..1:

- **words**: the project's name and objective against the element's name and the names on its
  chain, cleaned and segmented as GK301 does (:mod:`graphkpi.text`), each word weighted by its
  rarity over element names (IDF), compared by cosine;
- **co-links**: the share of the correctly linked projects of the same agency, and of the same
  ministry, whose chains reach the element;
- **area**: the element is a target of the project's province (or of its cluster or region).

Everything is sparse or dense matrix work over chunks of projects (elements number thousands,
projects up to 10⁶), so no project × element pair is ever visited in Python; only the K
suggestions kept per project are turned into rows.
"""

from __future__ import annotations

import itertools
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from functools import cache

import numpy as np
import pandas as pd
from scipy import sparse

from graphkpi.graph import PlanGraph
from graphkpi.load.schema import NATIONAL
from graphkpi.messages import Msg
from graphkpi.periods import outside
from graphkpi.sets import isin
from graphkpi.text.normalise import normalise_titles
from graphkpi.text.words import words_of

NO_WORDS, NO_MATCH = "no_words", "no_match"   # why a project's list is empty
CHUNK = 2048                                  # projects scored at once: 2048 × elements floats per matrix
EVIDENCE_COLUMNS = ["project", "rank", "element", "level", "score", "text", "colink", "area", "words",
                    "chain_words", "agency_hits", "agency_total", "ministry_hits", "ministry_total", "place"]


@dataclass(frozen=True)
class Weights:
    """How evidence is combined. ``text + colink + area`` = 1, so a score stays in 0..1.

    Chosen on the development half of the labelled evaluation (benchmarks/eval_suggest.py) and
    reported on the held-out half; see benchmarks/RESULTS.md.
    """

    text: float = 0.6
    colink: float = 0.3
    area: float = 0.1
    chain: float = 0.25     # a word of a name on the chain counts this much of a word of the element's own name
    ministry: float = 0.3   # within co-links: the ministry's share against the agency's (1 − ministry)


WEIGHTS = Weights()


@dataclass
class Suggestions:
    """``candidates``: one row per kept suggestion (:data:`EVIDENCE_COLUMNS`), by project then rank;
    ``projects``: the projects asked about, in order; ``reasons``: project → why its list is empty."""

    candidates: pd.DataFrame
    projects: list[str]
    reasons: dict[str, str]


def unanchored_projects(g: PlanGraph) -> pd.Index:
    """The GK101 and GK201 projects: no chain of theirs reaches Z (no link, or links that stop)."""
    anchored = g.anchored[: len(g.projects)] if len(g.anchored) else np.zeros(len(g.projects), dtype=bool)
    return g.projects.index[~anchored]


def select_projects(g: PlanGraph, explicit: Sequence[str] = (), within: Collection[str] | None = None) -> list[str]:
    """The projects to suggest links for: ``explicit`` ids (``--project``) when given, otherwise every
    GK101/GK201 project. ``within`` is the seam for the CLI's project filters (agency, ministry,
    province, year…): when given, only those projects are kept. Raises ValueError on an unknown id."""
    if explicit:
        unknown = [p for p in explicit if p not in g.projects.index]
        if unknown:
            raise ValueError(Msg.of("ui.suggest_unknown_project", ids=", ".join(unknown)))
        ids = list(dict.fromkeys(explicit))
    else:
        ids = unanchored_projects(g).tolist()
    if within is not None:
        ids = [p for p in ids if p in within]
    return ids


# Words of target names that say which way a figure should move, not what the work is about.
CHANGE_WORDS = frozenset({"เพิ่มขึ้น", "ลดลง", "ดีขึ้น", "สูงขึ้น", "มากขึ้น", "สำหรับ"})
# Thai nominalisers: การท่องเที่ยว and ท่องเที่ยว, ความปลอดภัย and ปลอดภัย are one word for matching.
NOMINALISERS = ("การ", "ความ")


@cache
def _stopwords() -> frozenset[str]:
    from pythainlp.corpus import thai_stopwords

    return frozenset(thai_stopwords()) | CHANGE_WORDS


def _stem(word: str) -> str:
    for prefix in NOMINALISERS:
        if word.startswith(prefix) and len(word) > len(prefix) + 1:
            return word[len(prefix):]
    return word


def usable_words(texts: pd.Series) -> list[list[str]]:
    """Each text's distinct words that can say what work is about: boilerplate removed as GK301
    does (``โครงการ``, the fiscal year, the province), segmented, the nominaliser (การ, ความ)
    taken off, Thai stop words, numbers and single letters dropped."""
    record, word = word_pairs(texts)
    cut = np.searchsorted(record, np.arange(1, len(texts)))
    return [part.tolist() for part in np.split(word, cut)] if len(texts) else []


def word_pairs(texts: pd.Series) -> tuple[np.ndarray, np.ndarray]:
    """(text number, word) for each distinct usable word of each text (see :func:`usable_words`), by text.

    Cleaning is decided once per distinct word (a few thousand), not once per occurrence: a
    national call has 10⁶ occurrences."""
    lists = words_of(normalise_titles(texts).tolist()) if len(texts) else []
    sizes = np.fromiter((len(ws) for ws in lists), dtype=np.int64, count=len(lists))
    codes, uniques = pd.factorize(pd.Series(list(itertools.chain.from_iterable(lists)), dtype=object))
    stop = _stopwords()
    stems = np.array([_stem(w) for w in uniques], dtype=object)
    good = np.array([len(w) > 1 and not w.isdigit() and w not in stop for w in stems], dtype=bool)
    record = np.repeat(np.arange(len(lists)), sizes)
    keep = good[codes] if len(codes) else np.zeros(0, dtype=bool)
    record, word = record[keep], stems[codes[keep]]
    if not len(word):
        return record, word
    which = pd.factorize(word)[0]
    first = ~pd.Series(record * (which.max() + 1) + which).duplicated().to_numpy()   # each word once per text
    return record[first], word[first]


@dataclass
class _Plan:
    """The element side, computed once per call: candidates, vocabulary and their vectors."""

    ids: np.ndarray            # candidate element ids, sorted (ties in score go to the smaller id)
    rows: np.ndarray           # their rows in ``elements``
    levels: np.ndarray
    start: np.ndarray          # validity period (CE, NaN open)
    end: np.ndarray
    areas: np.ndarray          # the area an area target names, "" otherwise
    vocab: dict[str, int]      # word → column, rarest first (so sorted columns list rarest words first)
    words: np.ndarray          # column → word
    idf: np.ndarray
    own: sparse.csr_matrix     # candidate × word: in its own name (0/1)
    chain: sparse.csr_matrix   # candidate × word: in a name on its chain above it (0/1)
    doc_t: np.ndarray          # word × candidate: the L2-normalised weighted documents, transposed


def _plan(g: PlanGraph, weights: Weights) -> _Plan:
    el = g.elements
    levels = el["level"].to_numpy(dtype=object)
    allowed = np.isin(levels, sorted(g.profile.project_parents))
    cand = np.sort(el.index[allowed & isin(el.index, list(g.reaches_z))].to_numpy(dtype=object))
    rows = g.element_ids.rows(pd.Index(cand, dtype=object))
    start, end = g.period_rows
    area_levels = set(g.profile.area_levels)
    area_col = el["area"].fillna("").astype(str).to_numpy(dtype=object) if "area" in el.columns \
        else np.full(len(el), "", dtype=object)
    areas = np.where(np.isin(levels[rows], sorted(area_levels)), area_col[rows], "")

    all_words = usable_words(el["name"])
    df: dict[str, int] = {}
    for ws in all_words:
        for w in ws:
            df[w] = df.get(w, 0) + 1
    n = max(len(el), 1)
    order = sorted(df, key=lambda w: (df[w], w))                  # rarest first
    vocab = {w: i for i, w in enumerate(order)}
    idf = np.log((1 + n) / (1 + np.array([df[w] for w in order], dtype=np.float64))) + 1.0
    names = _incidence([all_words[r] for r in range(len(el))], vocab)   # element row × word

    own = names[rows]
    closure = g.closure(cand.tolist())
    above = closure[closure["source"] != closure["element"]]
    pos = {e: i for i, e in enumerate(cand)}
    up = sparse.csr_matrix((np.ones(len(above)), (above["source"].map(pos).to_numpy(),
                                                  g.element_ids.rows(pd.Index(above["element"])))),
                           shape=(len(cand), len(el)))
    chain = (up @ names)
    chain.data[:] = 1.0
    chain = sparse.csr_matrix(chain)
    doc = own.multiply(idf).tocsr().maximum(chain.multiply(idf * weights.chain).tocsr())
    doc_t = np.asarray(_l2(sparse.csr_matrix(doc)).T.todense()) if len(cand) else np.zeros((len(vocab), 0))
    return _Plan(cand, rows, levels[rows], start[rows], end[rows], areas.astype(object), vocab,
                 np.array(order, dtype=object), idf, own, chain, doc_t)


def _incidence(word_lists: Sequence[Sequence[str]], vocab: dict[str, int]) -> sparse.csr_matrix:
    """Rows × vocabulary, 1 where the row's text has the word (words outside ``vocab`` dropped)."""
    sizes = np.fromiter((len(ws) for ws in word_lists), dtype=np.int64, count=len(word_lists))
    words = np.array(list(itertools.chain.from_iterable(word_lists)), dtype=object)
    return _pair_incidence(np.repeat(np.arange(len(word_lists)), sizes), words, len(word_lists), vocab)


def _pair_incidence(record: np.ndarray, word: np.ndarray, rows: int, vocab: dict[str, int]) -> sparse.csr_matrix:
    """``rows`` × vocabulary from (row, word) pairs, 1 where the row has the word."""
    cols = pd.Series(word, dtype=object).map(vocab).to_numpy()
    known = pd.notna(cols)
    m = sparse.csr_matrix((np.ones(int(known.sum())), (record[known], cols[known].astype(np.int64))),
                          shape=(rows, len(vocab)))
    m.data[:] = 1.0   # a word written twice is still one word
    return m


def _l2(m: sparse.csr_matrix) -> sparse.csr_matrix:
    norms = np.sqrt(np.asarray(m.multiply(m).sum(axis=1)).ravel())
    return sparse.diags(np.divide(1.0, norms, out=np.zeros_like(norms), where=norms > 0)) @ m


def _group_codes(g: PlanGraph) -> tuple[np.ndarray, np.ndarray]:
    """Per project row: the code of its agency and of its ministry (−1 when it names none).

    The agency column is factorised once and the ministry is decided per distinct agency (as
    :attr:`PlanGraph.project_ministry` does: the agency itself when it has none), not per project."""
    agency, names = pd.factorize(g.projects["agency"], use_na_sentinel=True)
    names = pd.Series(np.asarray(names, dtype=object), dtype=object)
    ministry = names.map(g.agency_ministry).astype(object)
    per_agency = pd.factorize(ministry.where(ministry.notna(), names))[0]
    return agency, np.where(agency >= 0, per_agency[np.maximum(agency, 0)] if len(per_agency) else -1, -1)


def _colinks(plan: _Plan, reach_rows: np.ndarray, reach_cand: np.ndarray, codes: np.ndarray,
             anchored: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Per group (``codes``: per project row, from :func:`_group_codes`): how many of its projects
    reach each candidate (group × candidate, from the integer-coded reach pairs ``reach_rows`` ×
    ``reach_cand``), and how many of its projects reach Z (``anchored``: per project row)."""
    groups = int(codes.max()) + 1 if len(codes) else 0
    gi = codes[reach_rows] if len(reach_rows) else np.zeros(0, dtype=np.intp)
    ok = gi >= 0
    flat = gi[ok].astype(np.int64) * len(plan.ids) + reach_cand[ok]
    counts = np.bincount(flat, minlength=groups * len(plan.ids)).astype(np.float32).reshape(groups, len(plan.ids))
    mine = codes[anchored]
    totals = np.bincount(mine[mine >= 0], minlength=groups).astype(np.float32)
    return counts, totals


def suggest(g: PlanGraph, projects: Sequence[str], top: int = 5, min_score: float = 0.0,
            weights: Weights = WEIGHTS) -> Suggestions:
    """The ``top`` best candidates of each of ``projects`` scoring at least ``min_score`` (and above 0)."""
    ids = pd.Index(list(projects), dtype=object)
    if not len(ids):
        return Suggestions(pd.DataFrame(columns=EVIDENCE_COLUMNS), [], {})
    plan = _plan(g, weights)
    rows = g.project_ids.rows(ids)                 # ids are known projects (select_projects)
    texts = pd.Series(_text_at(g, "name", rows), dtype=object) + " " + pd.Series(
        _text_at(g, "objective", rows), dtype=object)
    record, word = word_pairs(texts)
    no_words = np.bincount(record, minlength=len(ids)) == 0
    reasons = dict.fromkeys(ids[no_words], NO_WORDS)
    pbin = _pair_incidence(record, word, len(ids), plan.vocab)
    pv = _l2(pbin.multiply(plan.idf).tocsr()) if len(plan.vocab) else None

    # Integer codes from here on: project rows, group codes and candidate columns, looked up once
    # (looking ids up per chunk against the 10⁶ projects dominated the time).
    anchored = g.anchored[: len(g.projects)] if len(g.anchored) else np.zeros(len(g.projects), dtype=bool)
    column = np.full(len(g.elements), -1, dtype=np.intp)   # element row → candidate column
    column[plan.rows] = np.arange(len(plan.ids))
    reach_rows, reach_el = g.reach_rows(column >= 0)      # every project's chains, cut to the candidates
    reach_cand = column[reach_el]
    ag_codes, mi_codes = _group_codes(g)
    ag_counts, ag_totals = _colinks(plan, reach_rows, reach_cand, ag_codes, anchored)
    mi_counts, mi_totals = _colinks(plan, reach_rows, reach_cand, mi_codes, anchored)
    asked = np.full(len(g.projects), -1, dtype=np.int64)
    asked[rows] = np.arange(len(ids))
    mine = asked[reach_rows]                           # the asked projects' own chains: not evidence for them
    self_all = sparse.csr_matrix((np.ones(int((mine >= 0).sum()), dtype=np.float32),
                                  (mine[mine >= 0], reach_cand[mine >= 0])), shape=(len(ids), len(plan.ids)))
    self_all.data[:] = 1.0
    me_all = anchored[rows].astype(np.float32)
    ag_of, mi_of = ag_codes[rows], mi_codes[rows]

    places = _place_matrix(g, asked, len(ids), plan)
    years = g.projects["fiscal_year"].take(rows).to_numpy(dtype=np.float64, na_value=np.nan)
    parts = []
    kept = np.zeros(len(ids), dtype=bool)
    for lo in range(0, len(ids), CHUNK):
        hi = min(lo + CHUNK, len(ids))
        chunk = ids[lo:hi]
        text = np.asarray(pv[lo:hi] @ plan.doc_t) if pv is not None and plan.doc_t.shape[1] \
            else np.zeros((hi - lo, len(plan.ids)))
        self_reach = self_all[lo:hi].toarray()
        me = me_all[lo:hi]
        ag = _share(ag_of[lo:hi], ag_counts, ag_totals, self_reach, me)
        mi = _share(mi_of[lo:hi], mi_counts, mi_totals, self_reach, me)
        colink = (1 - weights.ministry) * ag[0] + weights.ministry * mi[0]
        placed = places[lo:hi].toarray() > 0
        is_area = plan.areas != ""
        evidence = (text > 0) | (colink > 0)
        score = weights.text * text + weights.colink * colink + weights.area * (placed & evidence)
        allowed = evidence & ~(is_area & ~placed) & ~outside(years[lo:hi, None], plan.start[None, :],
                                                                plan.end[None, :])
        allowed[no_words[lo:hi]] = False     # no usable words: nothing, whatever the co-links say
        score = np.where(allowed & (score >= min_score) & (score > 0), score, -1.0)
        k = min(top, len(plan.ids))
        if k == 0:
            continue
        key = -score + np.arange(len(plan.ids)) * 1e-12     # equal scores: the smaller id first
        best = np.argpartition(key, k - 1, axis=1)[:, :k] if k < len(plan.ids) else np.argsort(key, axis=1)
        order = np.take_along_axis(best, np.argsort(np.take_along_axis(key, best, axis=1), axis=1), axis=1)
        r = np.repeat(np.arange(hi - lo), k)
        c = order.ravel()
        keep = score[r, c] >= 0
        r, c = r[keep], c[keep]
        kept[lo + r] = True
        shared = pbin[lo:hi][r].multiply(plan.own[c]).tocsr()
        on_chain = pbin[lo:hi][r].multiply(plan.chain[c]).tocsr() - shared.multiply(plan.chain[c])
        parts.append(pd.DataFrame({
            "project": chunk.to_numpy(dtype=object)[r], "rank": np.tile(np.arange(1, k + 1), hi - lo)[keep],
            "element": plan.ids[c], "level": plan.levels[c], "score": np.round(score[r, c], 3),
            "text": text[r, c], "colink": colink[r, c], "area": placed[r, c] & is_area[c],
            "words": _row_words(shared, plan.words), "chain_words": _row_words(sparse.csr_matrix(on_chain), plan.words),
            "agency_hits": ag[1][r, c].astype(int), "agency_total": ag[2][r].astype(int),
            "ministry_hits": mi[1][r, c].astype(int), "ministry_total": mi[2][r].astype(int),
            "place": plan.areas[c]}))
    out = pd.concat(parts, ignore_index=True) if parts else pd.DataFrame(columns=EVIDENCE_COLUMNS)
    reasons.update(dict.fromkeys(ids[~kept & ~no_words], NO_MATCH))
    return Suggestions(out[EVIDENCE_COLUMNS], list(ids), reasons)


def _share(group: np.ndarray, counts: np.ndarray, totals: np.ndarray, self_reach: np.ndarray,
           me: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Co-link share of each project's group for each candidate, the project's own links taken out
    (asked about a linked project, its own links are not evidence for themselves): (share, hits, total)."""
    known = group >= 0
    hits = np.where(known[:, None], counts[np.maximum(group, 0)], 0.0) - self_reach
    total = np.where(known, totals[np.maximum(group, 0)], 0.0) - me
    hits = np.maximum(hits, 0.0)
    share = np.divide(hits, total[:, None], out=np.zeros_like(hits), where=total[:, None] > 0)
    return share, hits, total


def _place_matrix(g: PlanGraph, asked: np.ndarray, n: int, plan: _Plan) -> sparse.csr_matrix:
    """Asked project × candidate: 1 where the candidate is an area target of a place the project is
    in (its province, or the cluster or region containing it). ``asked``: per project row, its
    position among the ``n`` asked projects (−1 when not asked). ``national`` is no area."""
    at = asked[g.area_project_rows]
    mine = g.placed & (at >= 0)
    where = g.project_areas[mine].assign(project=at[mine])
    where = where[where["area"] != NATIONAL]
    within = pd.DataFrame([(a, up) for a, ups in g.area_ancestors.items() for up in ups],   # ~100 areas
                          columns=["area", "container"])
    pairs = where.merge(within, on="area")
    areas = pd.Index(pd.unique(pd.concat([pairs["container"], pd.Series(plan.areas[plan.areas != ""])])
                               .astype(object)))
    if not len(pairs) or not len(areas):
        return sparse.csr_matrix((n, len(plan.ids)))
    pa_ = sparse.csr_matrix((np.ones(len(pairs)), (pairs["project"].to_numpy(dtype=np.int64),
                                                   areas.get_indexer(pairs["container"]))),
                            shape=(n, len(areas)))
    is_area = np.flatnonzero(plan.areas != "")
    ca = sparse.csr_matrix((np.ones(len(is_area)), (is_area, areas.get_indexer(plan.areas[is_area]))),
                           shape=(len(plan.ids), len(areas)))
    return sparse.csr_matrix(pa_ @ ca.T)


def _text_at(g: PlanGraph, column: str, rows: np.ndarray) -> np.ndarray:
    """Projects' ``column`` at ``rows``, missing ones (and a column the bundle lacks) as "": by
    position (looking 10⁴ ids up in a 10⁶ index by label rebuilt its hash table each time), and
    from the file when the graph was loaded without projects' text."""
    return pd.Series(g.project_values(column, rows), dtype=object).fillna("").astype(str).to_numpy(dtype=object)


def _row_words(m: sparse.csr_matrix, words: np.ndarray, most: int = 4) -> list[list[str]]:
    """Each row's words (columns with a non-zero), rarest first, at most ``most``."""
    if not m.shape[0]:
        return []
    m.eliminate_zeros()
    m.sort_indices()
    sizes = np.diff(m.indptr)
    place = np.arange(len(m.indices)) - np.repeat(m.indptr[:-1], sizes)    # position inside its row
    ends = np.cumsum(np.minimum(sizes, most)).tolist()
    flat = words[m.indices[place < most]].tolist()
    starts = [0, *ends[:-1]]
    return [flat[a:b] for a, b in zip(starts, ends, strict=True)]   # one slice per kept suggestion
