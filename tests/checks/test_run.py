"""``CheckOptions`` as a Python caller writes it: one pattern alone is that pattern, and a pattern
that matches nothing says so in words."""

from __future__ import annotations

import pytest

from graphkpi.checks.run import CheckOptions


def test_one_pattern_given_alone_is_that_pattern() -> None:
    assert CheckOptions(select="GK101").codes == CheckOptions(select=("GK101",)).codes == ["GK101"]
    assert "GK101" not in CheckOptions(select=["GK1"], ignore="GK101").codes   # a list is a list


def test_a_pattern_matching_nothing_reads_as_a_sentence(monkeypatch) -> None:
    """Near-miss of the CLI's message: the exception's text is the sentence, not ``Msg(key=…)``."""
    monkeypatch.setenv("GRAPHKPI_LANG", "en")
    with pytest.raises(ValueError) as err:
        _ = CheckOptions(select=("GK1O1",)).codes
    assert "GK101" in str(err.value) and "Msg(" not in str(err.value)
    monkeypatch.delenv("GRAPHKPI_LANG")
    with pytest.raises(ValueError, match="หมายถึง GK101"):
        _ = CheckOptions(select=("GK1O1",)).codes


def test_a_large_graph_shares_its_checks_with_a_child_and_finds_the_same(monkeypatch, tmp_path) -> None:
    """Above ``SHARED_FROM`` projects the codes are shared with a forked process: the findings
    (details too) are those of one process running them all, and progress hears of every code once."""
    from graphkpi import parallel
    from graphkpi.analysis.carried import members
    from graphkpi.checks import run
    from graphkpi.load import load_bundle
    from graphkpi.synth import generate_bundle

    generate_bundle(tmp_path, 2000, 3)
    g = load_bundle(tmp_path)
    codes = run.select_codes((), ())   # GK301 too: its findings carry facts built from the graph
    alone = run.run_codes(g, codes)
    monkeypatch.setattr(run, "SHARED_FROM", 0)
    told: list[str] = []
    received = parallel._Inbox.received
    back: list[int] = []
    monkeypatch.setattr(parallel._Inbox, "received", lambda inbox: back.append(len(r := received(inbox))) or r)
    queued: list[list[str]] = []
    share = run.shared
    monkeypatch.setattr(run, "shared", lambda items, *a: queued.append(list(items)) or share(items, *a))
    shared = run.run_codes(g, codes, progress=told.append)
    assert back and back[0] > 0   # the child ran some of the codes, and their findings came back
    first = [c for c in run.FIRST if c in codes]   # the checks that grow the most, taken first
    assert queued == [first + [c for c in codes if c not in first]]
    assert [(f.key, f.details) for f in shared] == [(f.key, f.details) for f in alone]
    assert repr([members(f) for f in shared if f.facts]) == repr([members(f) for f in alone if f.facts])
    assert sorted(told) == sorted(codes)
    assert len({f.code for f in alone}) > 10 and any(f.facts for f in alone)


def test_findings_that_carry_project_facts_travel_without_the_graph() -> None:
    """GK301's findings carry their projects' facts, built from the graph when first read; a child
    sends them back pickled with the facts filled in, not with the graph that builds them."""
    import pickle

    from graphkpi.analysis.carried import members
    from graphkpi.checks import run
    from graphkpi.load import load_bundle
    from tests.conftest import REPO

    g = load_bundle(REPO / "data" / "sample")
    found = run.run_codes(g, ["GK301"])
    assert found
    data = pickle.dumps(found)
    assert len(data) < 100_000, len(data)   # the graph pickled is megabytes
    back = pickle.loads(data)
    assert [(f.key, f.subject_kind, f.details) for f in back] == [(f.key, f.subject_kind, f.details) for f in found]
    assert repr([members(f) for f in back]) == repr([members(f) for f in found])   # NaN budgets too
    assert back[0].facts is back[-1].facts   # still one table shared by the run's findings


def test_findings_of_each_code_in_code_order_and_a_stray_code_sorted_whole(monkeypatch) -> None:
    """Each code's findings are sorted where they were found and the run's are its codes' in code
    order, with a block of output per code; a check that yields another code's finding (the near
    miss) has the whole run sorted instead, and no block is trusted."""
    from graphkpi.checks import run
    from graphkpi.load import load_bundle
    from graphkpi.model import Finding
    from tests.conftest import REPO

    g = load_bundle(REPO / "data" / "sample")

    def found(*keys: tuple[str, str]) -> object:
        return lambda graph: [Finding(code, subject, "project") for code, subject in keys]

    def render(groups: list[list[Finding]]) -> list[bytes]:
        return [",".join(f.subject for f in group).encode() for group in groups]

    fine = {"GK201": found(("GK201", "P2"), ("GK201", "P1")), "GK101": found(("GK101", "P9"), ("GK101", "P3"))}
    monkeypatch.setattr(run, "implementations", lambda codes: fine)
    out = run.run_codes(g, ["GK201", "GK101"], render=render)
    assert [(f.code, f.subject) for f in out] == [("GK101", "P3"), ("GK101", "P9"), ("GK201", "P1"), ("GK201", "P2")]
    assert out.blocks == {"GK101": (2, b"P3,P9"), "GK201": (2, b"P1,P2")}
    stray = {**fine, "GK201": found(("GK201", "P2"), ("GK101", "P0"))}
    monkeypatch.setattr(run, "implementations", lambda codes: stray)
    out = run.run_codes(g, ["GK201", "GK101"], render=render)
    assert [(f.code, f.subject) for f in out] == [("GK101", "P0"), ("GK101", "P3"), ("GK101", "P9"), ("GK201", "P2")]
    assert out.blocks == {}
