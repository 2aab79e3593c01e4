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


@pytest.mark.parametrize("mapper", [
    pd.Series({"a": 1.5, "b": 2.0}),                 # numbers, one key missing: NaN
    {"a": "x", "c": "z"},                            # text
    {"a": ["a", "up"], "b": ["b"]},                  # lists (reach's paths)
    pd.Series({"a": 1, "b": 2, "c": 3}),              # every key: integers stay integers
])
def test_mapped_is_pandas_map(mapper) -> None:
    from graphkpi.sets import mapped

    col = pd.Series(["a", "b", "c", "a", None, "b"], dtype="str")
    want = col.map(mapper).to_numpy()
    got = mapped(col, mapper)
    assert got.dtype == want.dtype
    assert [None if v is None or v is np.nan or (isinstance(v, float) and np.isnan(v)) else v for v in got] == \
        [None if v is None or v is np.nan or (isinstance(v, float) and np.isnan(v)) else v for v in want]
