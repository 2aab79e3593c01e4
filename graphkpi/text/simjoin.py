"""Set similarity join inside blocks: every pair with Jaccard ≥ t, without comparing all pairs.

Records meet only inside a *block* (for duplicates: a sub-target × fiscal year) and a
*place* within it; a record whose place is the wildcard (``national``) meets every record
of its block. Jaccard may be weighted (IDF): rare tokens count more.

Records of the same place use the exact prefix filter of Chaudhuri et al. (2006) / PPJoin
(Xiao et al., 2008), weighted as in Bayardo et al. (2007): with tokens ordered rarest
first, two sets with Jaccard ≥ t share a token within the prefix of each whose remaining
weight is below t·w(x). Candidates share a (block, place, prefix token) key; then the
length filter and the exact score. Wildcard records meet their whole block, so for them
one sparse product per block (an inverted-index accumulation in C) scores every pair that
shares any token at once. No qualifying pair is missed, which a test checks against a
brute-force comparison.
"""

from __future__ import annotations

from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

import numpy as np
import pandas as pd
from scipy import sparse

from graphkpi.parallel import cores
from graphkpi.text.grams import TokenSets, offsets, sorted_distinct

WILDCARD = -1
_CHUNK = 4_000_000      # candidate pairs held at once before filtering
_BATCH = 4_000_000      # prefix entries (record × block × place × token) indexed at once
_EPS = 1e-9


@dataclass(frozen=True)
class Memberships:
    """Which (block, place) each record sits in; ``place == WILDCARD`` meets every place."""

    record: np.ndarray
    block: np.ndarray
    place: np.ndarray


@dataclass(frozen=True)
class JoinResult:
    """Pairs ``a < b`` with ``score`` = Jaccard ≥ threshold, and how many pairs were scored."""

    a: np.ndarray
    b: np.ndarray
    score: np.ndarray
    compared: int


def set_weights(sets: TokenSets, weights: np.ndarray | None) -> np.ndarray:
    """Each record's total token weight (its size when unweighted)."""
    if weights is None:
        return sets.sizes.astype(np.float64)
    return np.add.reduceat(np.r_[weights[sets.tokens], 0.0], np.minimum(sets.indptr[:-1], len(sets.tokens))) * (
        sets.sizes > 0)


def prefix_lengths(sets: TokenSets, threshold: float, weights: np.ndarray | None = None) -> np.ndarray:
    """How many of a set's rarest tokens must be indexed so that no pair at ``threshold`` is missed.

    If x and y share no token in x's prefix, w(x∩y) ≤ w(suffix of x); the prefix is the
    shortest whose suffix weighs less than t·w(x), since weighted Jaccard ≥ t needs
    w(x∩y) ≥ t·w(x). Unweighted this is the classic ``|x| − ⌈t·|x|⌉ + 1``.
    """
    sizes = sets.sizes
    if weights is None:
        need = np.ceil(threshold * sizes - _EPS).astype(np.int64)
        return np.where(sizes > 0, sizes - need + 1, 0)
    record = np.repeat(np.arange(len(sets)), sizes)
    units, k = _units(sets, weights)
    start = np.cumsum(units)
    cum = np.ldexp((start - np.r_[0, start][sets.indptr[:-1]][record]).astype(np.float64), -k)   # ≤ exact
    total = set_weights(sets, weights)
    light = cum <= (1 - threshold) * total[record] + _EPS * np.maximum(total[record], 1.0)
    return np.minimum(np.bincount(record[light], minlength=len(sets)) + 1, sizes) * (sizes > 0)


def similarity_join(sets: TokenSets, members: Memberships, threshold: float,
                    distinct: np.ndarray | None = None, weights: np.ndarray | None = None,
                    which: np.ndarray | None = None) -> JoinResult:
    """Every record pair in a shared block and place with (weighted) Jaccard ≥ ``threshold``.

    ``distinct``: an integer label per record (the ministry); pairs with equal labels are
    dropped before scoring. ``weights``: per token rank (e.g. IDF); None for plain Jaccard.
    ``which``: per record, its set in ``sets``, when sets were built once per distinct text
    (records sharing a text share its set instead of a copy each); None when ``sets`` holds one
    set per record.
    """
    if not 0 < threshold <= 1:
        raise ValueError("threshold must be in (0, 1]")
    if which is None:
        which = np.arange(len(sets))
    n = max(len(which), 1)
    total = set_weights(sets, weights)[which]
    prefix = prefix_lengths(sets, threshold, weights)[which]
    local = members.place != WILDCARD
    sizes = sets.sizes[which]
    rest = None if weights is None else _weight_from(sets, weights)
    found: list[tuple[np.ndarray, np.ndarray, np.ndarray]] = []
    compared = 0
    for batch in _local_candidates(sets, members, local, prefix, which):
        kept: list[np.ndarray] = []
        for a, b, at_a, at_b in batch:
            a, b, at_a, at_b = _ordered(a, b, distinct, at_a, at_b)
            small, large = np.minimum(total[a], total[b]), np.maximum(total[a], total[b])
            keep = small >= threshold * large - _EPS
            if rest is None:
                keep &= _positions_allow(sizes[a], sizes[b], at_a, at_b, threshold)
            else:
                met_a, met_b = rest[sets.indptr[which[a]] + at_a], rest[sets.indptr[which[b]] + at_b]
                keep &= _weights_allow(met_a, met_b, total[a], total[b], threshold)
            kept.append(pd.unique(a[keep] * n + b[keep]))
        # scored batch by batch, only the matches kept: the candidates of a national bundle
        # whose titles share a vocabulary would not fit in memory at once
        codes = pd.unique(np.concatenate(kept)) if kept else np.zeros(0, dtype=np.int64)
        a, b = codes // n, codes % n
        score = jaccard(sets, which[a], which[b], weights)
        hit = score >= threshold - _EPS
        found.append((a[hit], b[hit], score[hit]))
        compared += len(codes)
    if found:
        a, b, score = (np.concatenate(parts) for parts in zip(*found, strict=True))
    else:
        a, b, score = np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64), np.zeros(0)
    wa, wb, ws, wide_compared = _wildcard_pairs(sets, members, local, weights, total, threshold, distinct, which)
    compared += wide_compared
    a, b, score = np.r_[a, wa], np.r_[b, wb], np.r_[score, ws]
    ok = score >= threshold - _EPS
    codes, first = _first_of_each(a[ok] * n + b[ok])   # a pair may meet in several blocks
    return JoinResult(codes // n, codes % n, score[ok][first], compared)


def _first_of_each(codes: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Sorted distinct codes and where each first occurs: ``np.unique(..., return_index=True)``
    by one stable argsort (np.unique costs seconds on 10⁶ keys here, a sort a tenth of that)."""
    order = np.argsort(codes, kind="stable")
    ordered = codes[order]
    first = np.r_[True, ordered[1:] != ordered[:-1]] if len(ordered) else np.zeros(0, dtype=bool)
    return ordered[first], order[first]


def _ordered(a: np.ndarray, b: np.ndarray, distinct: np.ndarray | None, at_a: np.ndarray,
             at_b: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Pairs as (smaller, larger) record, with the positions of the token they met on swapped
    along, without self-pairs or pairs with the same label."""
    keep = a != b
    if distinct is not None:
        keep &= distinct[a] != distinct[b]
    a, b, at_a, at_b = a[keep], b[keep], at_a[keep], at_b[keep]
    swap = a > b
    return np.where(swap, b, a), np.where(swap, a, b), np.where(swap, at_b, at_a), np.where(swap, at_a, at_b)


def _positions_allow(size_a: np.ndarray, size_b: np.ndarray, at_a: np.ndarray, at_b: np.ndarray,
                     threshold: float) -> np.ndarray:
    """The positional filter of PPJoin (Xiao et al., 2008), for plain Jaccard: a pair met on the
    token at position ``at_a`` of a's set and ``at_b`` of b's shares at most that token and the
    shorter of the two remainders. On the first token they share (the one every candidate pair
    is met on, in their prefixes) that bound is the largest, so a pair whose bound there is
    below the overlap Jaccard ≥ t needs, ⌈t/(1+t)·(|a|+|b|)⌉, cannot qualify; on later tokens
    the bound is only smaller, so dropping each such meeting drops no qualifying pair."""
    need = np.ceil(threshold / (1 + threshold) * (size_a + size_b) - 1e-6)
    return 1 + np.minimum(size_a - at_a - 1, size_b - at_b - 1) >= need


def _units(sets: TokenSets, weights: np.ndarray) -> tuple[np.ndarray, int]:
    """Each token's weight cut down to a whole number of units of 2^-k (and k): sums of them
    are exact, where a float running sum over the 10⁷ tokens of a national bundle drifts by
    more than any margin the filters could allow."""
    tw = weights[sets.tokens].astype(np.float64)
    k = min(32, int(np.floor(np.log2(2.0 ** 62 / (float(tw.sum()) + len(tw) + 1.0)))))
    return np.floor(np.ldexp(tw, k)).astype(np.int64), k


def _weight_from(sets: TokenSets, weights: np.ndarray) -> np.ndarray:
    """Per token of each set, the weight of that token and all after it in the set, rounded up
    (exact sums of :func:`_units`, one unit per token added back)."""
    units, k = _units(sets, weights)
    if not len(units):
        return units.astype(np.float64)
    record = np.repeat(np.arange(len(sets)), sets.sizes)
    after = np.cumsum(units[::-1])[::-1]               # from each token to the end of all sets
    end = np.r_[after, 0][sets.indptr[1:]]             # …to the end of the sets after this one
    left = sets.indptr[1:][record] - np.arange(len(units))   # tokens from each to its set's end
    return np.ldexp((after - end[record] + left).astype(np.float64), -k)


def _weights_allow(rest_a: np.ndarray, rest_b: np.ndarray, total_a: np.ndarray, total_b: np.ndarray,
                   threshold: float) -> np.ndarray:
    """The positional filter for weighted Jaccard: a pair met on a token whose weight from there
    to the end of a's set is ``rest_a`` (and ``rest_b`` of b's) shares at most the smaller of
    the two, and weighted Jaccard ≥ t needs a shared weight of t/(1+t)·(w(a)+w(b)). As in
    :func:`_positions_allow`, the first shared token gives the largest bound, so a meeting that
    fails it drops no qualifying pair. ``rest`` is rounded up (:func:`_weight_from`), and a
    relative margin covers the rounding of the totals."""
    t = threshold - _EPS
    need = t / (1 + t) * (total_a + total_b)
    return np.minimum(rest_a, rest_b) >= need * (1 - 1e-9)


def _matrices(sets: TokenSets, weights: np.ndarray | None,
              scale: np.ndarray | None = None) -> tuple[sparse.csr_matrix, sparse.csr_matrix]:
    """(weighted, binary) record × token matrices; ``scale``: per record, a power of two its
    weighted row is multiplied by (exact)."""
    width = int(sets.tokens.max()) + 1 if len(sets.tokens) else 1
    ones = np.ones(len(sets.tokens), dtype=np.float64)
    binary = sparse.csr_matrix((ones, sets.tokens, sets.indptr), shape=(len(sets), width))
    if weights is None and scale is None:
        return binary, binary
    data = ones if weights is None else weights[sets.tokens].astype(np.float64)
    if scale is not None:
        data = np.ldexp(data, np.repeat(scale, sets.sizes))
    return sparse.csr_matrix((data, sets.tokens, sets.indptr), shape=(len(sets), width)), binary


def jaccard(sets: TokenSets, a: np.ndarray, b: np.ndarray, weights: np.ndarray | None = None) -> np.ndarray:
    """Exact (weighted) Jaccard of record pairs, in chunks (a sparse row-wise product)."""
    out = np.zeros(len(a), dtype=np.float64)
    if not len(a):
        return out
    weighted, binary = _matrices(sets, weights)
    total = set_weights(sets, weights)
    step = 200_000
    for lo in range(0, len(a), step):
        ia, ib = a[lo: lo + step], b[lo: lo + step]
        inter = np.asarray(weighted[ia].multiply(binary[ib]).sum(axis=1)).ravel()
        out[lo: lo + step] = _ratio(inter, total[ia] + total[ib] - inter)
    return out


def _ratio(inter: np.ndarray, union: np.ndarray) -> np.ndarray:
    return np.minimum(np.where(union > 0, inter / np.where(union > 0, union, 1.0), 0.0), 1.0)


def _local_candidates(sets: TokenSets, members: Memberships, local: np.ndarray, prefix: np.ndarray, which: np.ndarray
                      ) -> Iterator[Iterator[tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]]]:
    """Batches of whole blocks (about :data:`_BATCH` prefix entries each: a record in many
    blocks and places of a national bundle has tens of entries, 10⁷–10⁸ in all), each the
    record pairs sharing a prefix token in the same block and the same place, with where that
    token sits in each record's set. Records meet only inside a block, so no pair spans two
    batches; a pair meeting in two blocks is found in each."""
    rec, block, place = members.record[local], members.block[local], members.place[local]
    order = np.argsort(block, kind="stable")
    rec, block, place = rec[order], block[order], place[order]
    count = prefix[rec]
    n_tok = int(sets.tokens.max()) + 2 if len(sets.tokens) else 2
    n_place = int(place.max()) + 2 if len(place) else 2
    for lo, hi in _batches(block, count):
        r, c = rec[lo:hi], count[lo:hi]
        entry = np.repeat(np.arange(len(r)), c)
        at = offsets(c)
        token = sets.tokens[sets.indptr[which[r[entry]]] + at]
        key = (block[lo:hi][entry] * n_place + place[lo:hi][entry]) * n_tok + token
        yield ((r[entry[left]], r[entry[right]], at[left], at[right]) for left, right in _within(key))


def _batches(block: np.ndarray, count: np.ndarray) -> Iterator[tuple[int, int]]:
    """``[lo, hi)`` ranges of ``block`` (sorted) that cut only between blocks, each holding about
    :data:`_BATCH` of ``count`` (a block larger than that is a batch of its own)."""
    if not len(block):
        return
    starts = np.flatnonzero(np.r_[True, block[1:] != block[:-1]])
    before = np.r_[0, np.cumsum(count)][starts]     # entries before each block
    lo = 0
    while lo < len(starts):
        hi = max(int(np.searchsorted(before, before[lo] + _BATCH, side="right")), lo + 1)
        yield int(starts[lo]), int(starts[hi]) if hi < len(starts) else len(block)
        lo = hi


def _wildcard_pairs(sets: TokenSets, members: Memberships, local: np.ndarray, weights: np.ndarray | None,
                    total: np.ndarray, threshold: float, distinct: np.ndarray | None,
                    which: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray, int]:
    """Wildcard records against every record of their block: one sparse product per block.

    ``W[wild] @ B[block].T`` accumulates the shared weight of every pair that shares any
    token (an inverted-index join in C), so the exact Jaccard follows without a separate
    verification; pairs sharing no token are never touched. A national bundle's products
    hold ~4·10⁸ such pairs for ~10⁶ matches, so each wildcard row is first scaled by a power
    of two (:func:`_row_scales`) that lets one comparison over the product drop most pairs
    before anything is gathered per pair; the scaling is exact, so the scores are the same.
    """
    wild_rows = ~local
    empty = np.zeros(0, dtype=np.int64)
    if not wild_rows.any():
        return empty, empty, np.zeros(0), 0
    scale = _row_scales(set_weights(sets, weights), threshold)
    weighted, binary = _matrices(sets, weights, scale)
    blocks = sorted_distinct(members.block[wild_rows])
    in_block = np.isin(members.block, blocks)
    order = np.argsort(members.block[in_block], kind="stable")
    blk, rec, wild = members.block[in_block][order], members.record[in_block][order], wild_rows[in_block][order]
    bounds = np.flatnonzero(np.r_[True, blk[1:] != blk[:-1], True])

    def block(lo: int, hi: int) -> tuple[np.ndarray, np.ndarray, np.ndarray, int]:
        everyone = sorted_distinct(rec[lo:hi])
        wide = sorted_distinct(rec[lo:hi][wild[lo:hi]])
        if not len(wide):
            return empty, empty, np.zeros(0), 0
        prod = weighted[which[wide]] @ binary[which[everyone]].T
        # Scaled, a pair can match only if its entry is at least 1/2 (see _row_scales).
        near = np.flatnonzero(prod.data >= 0.5)
        rows = np.searchsorted(prod.indptr, near, side="right") - 1
        a, b = wide[rows], everyone[prod.indices[near]]
        inter = np.ldexp(prod.data[near], -scale[which[a]])     # exact: a power of two undone
        union = total[a] + total[b] - inter
        hit = inter >= (threshold - _EPS) * union                # no division over every pair
        a, b, score = a[hit], b[hit], _ratio(inter[hit], union[hit])
        keep = a != b
        if distinct is not None:
            keep &= distinct[a] != distinct[b]
        return np.minimum(a[keep], b[keep]), np.maximum(a[keep], b[keep]), score[keep], prod.nnz

    # scipy's sparse product and numpy's kernels release the GIL: blocks run on every core.
    with ThreadPoolExecutor(min(cores(), 4)) as pool:
        done = list(pool.map(block, bounds[:-1].tolist(), bounds[1:].tolist()))
    if not done:
        return empty, empty, np.zeros(0), 0
    a, b, score, nnz = zip(*done, strict=True)
    return np.concatenate(a), np.concatenate(b), np.concatenate(score), int(sum(nnz))


def _row_scales(total: np.ndarray, threshold: float) -> np.ndarray:
    """Per set, the exponent k of the power of two 2^k ≤ 1 / ((t − ε)·w(x)) < 2^(k+1).

    A pair with Jaccard ≥ t shares at least t·w(x) (its union is at least w(x) plus the rest of
    y, and the shared weight is part of y), so with x's weights times 2^k the pair's product
    entry is at least (t − ε)·w(x)·2^k ≥ 1/2. Multiplying by a power of two is exact in floating
    point, sums included, so the shared weight is recovered exactly by ``ldexp``."""
    limit = np.where(total > 0, 1.0 / ((threshold - _EPS) * np.where(total > 0, total, 1.0)), 1.0)
    return np.frexp(limit)[1] - 1


def _within(key: np.ndarray) -> Iterator[tuple[np.ndarray, np.ndarray]]:
    """All pairs of entries (as indices into ``key``) with equal keys, in chunks of about
    ``_CHUNK`` pairs."""
    order = np.argsort(key)
    key = key[order]
    n = len(key)
    if n < 2:
        return
    start = np.flatnonzero(np.r_[True, key[1:] != key[:-1]])
    size = np.diff(np.r_[start, n])
    later = np.repeat(start + size, size) - np.arange(n) - 1     # entries after each in its group
    yield from _expand(np.arange(n), later, np.arange(n) + 1, order, order)


def _expand(left: np.ndarray, count: np.ndarray, first: np.ndarray, rec_l: np.ndarray,
            rec_r: np.ndarray) -> Iterator[tuple[np.ndarray, np.ndarray]]:
    """For each left entry i, pairs (rec_l[i], rec_r[first[i] + k]) for k < count[i], chunked."""
    total = np.cumsum(count)
    lo = 0
    while lo < len(left):
        base = total[lo - 1] if lo else 0
        hi = int(np.searchsorted(total, base + _CHUNK, side="right"))
        hi = max(hi, lo + 1)
        c = count[lo:hi]
        pos = np.repeat(np.arange(lo, hi), c)
        if len(pos):
            yield rec_l[left[pos]], rec_r[first[pos] + offsets(c)]
        lo = hi
