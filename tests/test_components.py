"""Connected components in numpy, against SciPy's on the same edges."""

import numpy as np
import pytest
from scipy.sparse import coo_matrix
from scipy.sparse.csgraph import connected_components

from graphkpi.components import component_labels


def _scipy(a: np.ndarray, b: np.ndarray, n: int) -> np.ndarray:
    return connected_components(coo_matrix((np.ones(len(a)), (a, b)), shape=(n, n)), directed=False)[1]


@pytest.mark.parametrize("seed", range(8))
def test_same_labels_as_scipy_on_random_graphs(seed: int) -> None:
    rng = np.random.default_rng(seed)
    n = int(rng.integers(1, 3000))
    m = int(rng.integers(0, 2 * n))
    a, b = rng.integers(0, n, m), rng.integers(0, n, m)
    assert np.array_equal(component_labels(a, b, n), _scipy(a, b, n))


def test_a_long_chain_given_backwards_is_one_component() -> None:
    n = 100_000
    a = np.arange(n - 1)[::-1]
    labels = component_labels(a + 1, a, n)
    assert (labels == 0).all()


def test_nodes_on_no_edge_are_components_of_their_own_in_order() -> None:
    # 0–3 and 2–4: components {0,3}, {1}, {2,4}, numbered by their smallest node
    assert component_labels(np.array([3, 2]), np.array([0, 4]), 5).tolist() == [0, 1, 2, 0, 2]
    assert component_labels(np.array([], dtype=int), np.array([], dtype=int), 3).tolist() == [0, 1, 2]
