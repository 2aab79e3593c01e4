"""graphkpi.sets.isin answers exactly as pandas' isin does, on the shapes the code passes."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from graphkpi.sets import isin

COL = pd.Series(["a", "b", None, "c", "", "ก"], dtype="str")


@pytest.mark.parametrize("values", [
    pd.Index(["a", "ก", ""], dtype="str"),
    pd.Index(["a", None], dtype="str"),
    pd.Series(["c", "zz"], dtype="str"),
    ["b", "c"],
    {"a", "x"},
    frozenset(),
    pd.Index([], dtype="str"),
    pd.Index(["a", 1], dtype=object),
    np.array(["b"], dtype=object),
])
def test_same_answer_as_pandas(values: object) -> None:
    want = COL.isin(list(values) if isinstance(values, (set, frozenset)) else values).to_numpy()
    assert isin(COL, values).tolist() == want.tolist()


def test_index_and_object_columns() -> None:
    idx = pd.Index(["P-1", "P-2", "P-3"], dtype="str")
    assert isin(idx, ["P-2"]).tolist() == [False, True, False]
    obj = pd.Series(["x", 1, None], dtype=object)
    assert isin(obj, ["x", 1]).tolist() == obj.isin(["x", 1]).tolist()


def test_large_string_and_string_types_mix() -> None:
    col = pd.Series(pd.array(["a", "b"], dtype=pd.ArrowDtype(__import__("pyarrow").string())))
    assert isin(col, pd.Index(["b"], dtype="str")).tolist() == [False, True]
