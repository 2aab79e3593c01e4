"""A finding as the checks make it, the backends compare it and a forked check process sends it."""

from __future__ import annotations

import dataclasses
import pickle

import pytest

from graphkpi.model import Finding


def test_a_finding_made_with_its_defaults_owns_its_details() -> None:
    """Positional and keyword construction agree; each finding without details gets a dict of its own."""
    a = Finding("GK101", "P1", "project")
    b = Finding(code="GK101", subject="P1", subject_kind="project", related=(), details={}, facts=None)
    assert (a.related, a.details, a.facts) == ((), {}, None)
    assert a == b
    assert a.details is not Finding("GK101", "P2", "project").details


def test_a_finding_cannot_be_changed() -> None:
    f = Finding("GK201", "P1", "project", (), {"break_at": ["Y1"]})
    with pytest.raises(dataclasses.FrozenInstanceError):
        f.subject = "P2"  # type: ignore[misc]


def test_equality_and_hash_ignore_details_and_facts() -> None:
    """Two backends agree on code, subject, kind and related; details and facts are not compared."""
    a = Finding("GK001", "X", "element", ("X",), {"via": "leads.element"}, facts="one")
    b = Finding("GK001", "X", "element", ("X",), {"via": "links"}, facts="two")
    assert a == b and hash(a) == hash(b)
    assert a != Finding("GK001", "X", "element", ("Y",))   # near miss: another related id
    assert a != Finding("GK001", "X", "kpi", ("X",))       # near miss: another kind of subject


def test_a_finding_travels_whole_and_can_be_copied_with_a_change() -> None:
    """Pickled as a forked process sends it, every field comes back; ``replace`` makes a new one."""
    f = Finding("GK301", "P1", "project", ("P2",), {"similarity": 0.9}, facts={"P1": "กรม ก"})
    back = pickle.loads(pickle.dumps(f))
    assert [getattr(back, x.name) for x in dataclasses.fields(Finding)] == \
        [getattr(f, x.name) for x in dataclasses.fields(Finding)]
    moved = dataclasses.replace(f, facts=None)
    assert moved.facts is None and moved.details == f.details and moved == f
    assert "facts" not in repr(f)


def test_finding_lists_pickle_as_columns_and_come_back_equal() -> None:
    """A forked check process sends its findings as a FindingList: every field comes back, in
    order, details and facts included, as a FindingList again (and an empty one stays empty)."""
    from graphkpi.model import FindingList

    found = FindingList([Finding("GK205", "P1", "project", ("E1",), {"period": [2561, 2565], "fiscal_year": 2569}),
                         Finding("GK001", "E2", "element", (), {"missing": "X"}, facts={"name": "ก"})])
    back = pickle.loads(pickle.dumps(found, protocol=pickle.HIGHEST_PROTOCOL))
    assert type(back) is FindingList and back == found
    assert [(f.details, f.facts) for f in back] == [(f.details, f.facts) for f in found]
    empty = pickle.loads(pickle.dumps(FindingList()))
    assert empty == [] and type(empty) is FindingList
