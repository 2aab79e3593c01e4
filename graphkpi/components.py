"""Connected components of an undirected graph given as edge arrays, in numpy.

SciPy's ``csgraph.connected_components`` does the same, but importing ``scipy.sparse.csgraph``
imports ``scipy.sparse.linalg`` and ``scipy.linalg`` with it (their docstrings are parsed at
import): about a tenth of a second of every ``check`` run that groups duplicates, more than the
grouping itself on a small bundle.
"""

from __future__ import annotations

import numpy as np


def component_labels(a: np.ndarray, b: np.ndarray, n: int) -> np.ndarray:
    """Per node ``0 … n-1``, its component among the edges ``a[i] – b[i]``: SciPy's labels, i.e.
    components numbered ``0, 1, …`` in the order of their smallest node (a node on no edge is
    a component of its own).

    Hook and compress (Shiloach–Vishkin style): every root takes the smallest root it is joined
    to, then each node jumps to its root; a handful of vectorised rounds (the number of rounds
    grows with the logarithm of a component's diameter), never a Python loop per node.
    """
    parent = np.arange(n, dtype=np.int64)
    a = np.asarray(a, dtype=np.int64)
    b = np.asarray(b, dtype=np.int64)
    while True:
        ra, rb = parent[a], parent[b]
        apart = ra != rb
        if not apart.any():
            break
        lo, hi = np.minimum(ra[apart], rb[apart]), np.maximum(ra[apart], rb[apart])
        np.minimum.at(parent, hi, lo)     # a root hooks under a smaller one: no cycle can form
        while True:                       # compress: every node points at its root
            up = parent[parent]
            if np.array_equal(up, parent):
                break
            parent = up
    root = parent == np.arange(n)
    return (np.cumsum(root) - 1)[parent].astype(np.int32)
