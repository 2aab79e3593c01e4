"""PlanGraph's derived tables: equal to the walks and joins they replace, and computed once per run."""

from __future__ import annotations

import ast
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import graphkpi.graph as graph_module
from graphkpi.checks import implementations
from graphkpi.checks.run import run_codes
from graphkpi.graph import PlanGraph
from graphkpi.load import load_bundle
from graphkpi.synth import generate_bundle
from tests.conftest import SAMPLE, write_bundle

CHECKS = Path(graph_module.__file__).parent / "checks"


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> PlanGraph:
    path = tmp_path_factory.mktemp("gen") / "g"
    generate_bundle(path, 3000, seed=5)
    return load_bundle(path)


def _naive_pairs(g: PlanGraph, targets: set[str]) -> set[tuple[str, str]]:
    """One upward walk per link: what reach_pairs computed before the closure table."""
    return {(p, t) for p, e in g.existing_links[["project", "element"]].itertuples(index=False, name=None)
            for t in g.up_closure({e}) & targets}


@pytest.mark.parametrize("which", ["sample", "generated"])
def test_reach_and_acting_match_one_walk_per_link(which: str, generated: PlanGraph) -> None:
    g = load_bundle(SAMPLE) if which == "sample" else generated
    everything = set(g.elements.index)
    pairs = _naive_pairs(g, everything)
    assert set(zip(g.reach_pairs(everything)["project"], g.reach_pairs(everything)["element"], strict=True)) == pairs
    targets = set(g.elements.index[g.elements["level"] == g.profile.target_level])
    assert set(zip(g.target_reach["project"], g.target_reach["element"], strict=True)) == \
        {(p, e) for p, e in pairs if e in targets}
    naive = pd.DataFrame(sorted(pairs), columns=["project", "element"])
    naive["ministry"] = naive["project"].map(g.project_ministry)
    naive["budget"] = naive["project"].map(g.projects["budget"]).fillna(0.0)
    expected = naive.groupby(["element", "ministry"]).agg(projects=("project", "size"), budget=("budget", "sum"))
    got = g.acting.set_index(["element", "ministry"])
    assert got["projects"].to_dict() == expected["projects"].to_dict()
    assert got["budget"].to_dict() == expected["budget"].round(2).to_dict()
    assert g.acting_ministries(sorted(targets))["element"].isin(targets).all()


def test_a_project_with_two_links_to_one_chain_acts_once(bundle) -> None:
    """Projects with several links go through (project, element) pairs: counted once per element."""
    g = load_bundle(bundle({
        "elements.csv": "id,level,name,parents\nZ1,strategy,z,\nM1,master_plan,m,Z1\nS1,sub_target,s,M1\n",
        "agencies.csv": "id,name,ministry,kind\nM,กระทรวง,,ministry\nA,กรม,M,department\n",
        "projects.csv": "id,name,agency,fiscal_year,budget,links\nP1,p,A,2567,100,S1;M1\nP2,q,A,2567,50,S1\n",
    }))
    acting = g.acting.set_index("element")
    assert acting.loc["Z1", "projects"] == 2 and acting.loc["Z1", "budget"] == 150.0
    assert acting.loc["S1", "projects"] == 2 and acting.loc["M1", "projects"] == 2


def test_every_derived_table_is_computed_once_per_run(monkeypatch: pytest.MonkeyPatch) -> None:
    """All codes in one run: one element closure for the links (plus GK404's from area targets),
    one project-level reach, one acting table."""
    calls: dict[str, int] = {"closure": 0, "reach": 0}
    closure_pairs, reach_pairs = graph_module.closure_pairs, PlanGraph.reach_pairs

    def count_closure(*args: object, **kwargs: object) -> pd.DataFrame:
        calls["closure"] += 1
        return closure_pairs(*args, **kwargs)

    def count_reach(self: PlanGraph, targets: object) -> pd.DataFrame:
        calls["reach"] += 1
        return reach_pairs(self, targets)

    monkeypatch.setattr(graph_module, "closure_pairs", count_closure)
    monkeypatch.setattr(PlanGraph, "reach_pairs", count_reach)
    g = load_bundle(SAMPLE)
    run_codes(g, list(implementations()))
    assert calls == {"closure": 2, "reach": 1}


def test_no_check_module_imports_another() -> None:
    """Shared tables live on PlanGraph; a family module imports only the registry and the graph."""
    families = {p.stem for p in CHECKS.glob("*.py")} - {"__init__", "registry", "run"}
    for name in families:
        tree = ast.parse((CHECKS / f"{name}.py").read_text(encoding="utf-8"))
        imported = {n.module for n in ast.walk(tree) if isinstance(n, ast.ImportFrom) and n.module}
        assert not {m for m in imported if m.startswith("graphkpi.checks.")} - {"graphkpi.checks.registry"}, name


def test_link_codes_give_unknown_projects_their_own_codes(tmp_path: Path) -> None:
    g = load_bundle(write_bundle(tmp_path / "b", {
        "elements.csv": "id,level,name,parents\nZ1,strategy,z,\n",
        "agencies.csv": "id,name,ministry,kind\nM,กระทรวง,,ministry\n",
        "projects.csv": "id,name,agency,fiscal_year,budget,links\nP1,p,M,2567,1,Z1\n",
        "project_links.csv": "project,element\nX9,Z1\nX8,Z1\nX9,NOPE\n",
    }))
    codes = dict(zip(zip(g.links["project"], g.links["element"], strict=True), g.link_project_codes.tolist(),
                     strict=True))
    assert codes[("P1", "Z1")] == 0
    assert codes[("X9", "Z1")] == codes[("X9", "NOPE")] >= 1 and codes[("X8", "Z1")] >= 1
    assert codes[("X9", "Z1")] != codes[("X8", "Z1")]
    assert g.link_element_rows[list(g.links["element"]).index("NOPE")] == -1


def test_names_and_levels_by_row_lookup() -> None:
    g = load_bundle(SAMPLE)
    some = [*g.elements.index[:3], *g.projects.index[:3], *g.agencies.index[:2], "missing"]
    assert g.names(some) == {i: g.name_of(i) for i in some if i != "missing"}
    assert g.names(some, "en") == {i: g.name_of(i, "en") for i in some if i != "missing"}
    assert g.levels(some) == {e: g.elements.at[e, "level"] for e in g.elements.index[:3]}


def test_rows_finds_each_id_by_arrow_lookup_as_pandas_would() -> None:
    """IdLookup answers like get_indexer on unique ids, the last row for a repeated id, -1 when absent."""
    from graphkpi.graph import IdLookup

    def _rows(index: pd.Index, wanted: pd.Series) -> list[int]:
        return IdLookup(index).rows(wanted).tolist()

    index = pd.Index(["P-1", "P-2", "P-3", "P-2"], dtype=object)
    assert _rows(index, pd.Series(["P-2", "P-9", "P-1", None], dtype=object)) == [3, -1, 0, -1]
    arrow_backed = pd.Index(["a", "b"], dtype="str")
    assert _rows(arrow_backed, pd.Series(["b", "a", "q"], dtype=object)) == [1, 0, -1]
    assert _rows(pd.Index(["1", "2"], dtype=object), pd.Series([1, 2], dtype=object)) == [-1, -1]
    assert _rows(pd.Index([], dtype=object), pd.Series(["x"], dtype=object)) == [-1]
    unique = pd.Index([f"P-{i}" for i in range(1000)], dtype="str")
    wanted = pd.Series([f"P-{i}" for i in range(-5, 1005, 7)], dtype=object)
    assert _rows(unique, wanted) == unique.get_indexer(wanted).tolist()
    # few ids against a large index take the other path (the wanted ones hashed): same answers
    repeated = pd.Index([f"P-{i}" for i in range(1000)] + ["P-7", "P-3"], dtype="str")
    few = pd.Series(["P-3", "P-999", "P-3", "nope", None, "P-7", "P-0"], dtype=object)
    assert len(few) * 8 < len(repeated)
    assert _rows(repeated, few) == [1001, 999, 1001, -1, -1, 1000, 0]
    assert _rows(pd.Index(["P-1"] * 100, dtype=object), pd.Series(["P-1"], dtype=object)) == [99]


def test_rows_of_ids_known_unique_need_no_reversed_index() -> None:
    """``unique``: the index as it is (no reversed copy made), with the answers of the full lookup;
    the loader says so of the projects, whose repeated ids it refuses."""
    from graphkpi.graph import IdLookup

    index = pd.Index([f"P-{i}" for i in range(1000)], dtype="str")
    wanted = pd.Series([f"P-{i}" for i in range(-5, 1005, 3)] + [None], dtype=object)
    told = IdLookup(index, unique=True)
    assert told.rows(wanted).tolist() == IdLookup(index).rows(wanted).tolist()
    assert told._backwards is None
    g = load_bundle(SAMPLE)
    assert g.unique_project_ids and g.project_ids.unique
    assert g.line_project_rows.tolist() == IdLookup(g.projects.index).rows(g.budget_lines["project"]).tolist()


def test_loader_project_rows_answer_as_the_lookup_and_a_slice_looks_up_again(generated: PlanGraph) -> None:
    """The loader's project row of each link and place (first the projects.csv rows, then
    project_links.csv's) equals the id lookup; a graph whose tables were replaced does not use them."""
    import dataclasses

    for table in ("links", "project_areas"):
        ids = getattr(generated, table)["project"]
        assert len(generated.project_rows[table]) > 0
        assert generated._project_rows(table).tolist() == generated.project_ids.rows(ids).tolist()
    g = load_bundle(SAMPLE)
    assert len(g.project_rows["links"]) < len(g.links)   # the sample has project_links.csv rows
    assert g.link_project_codes[:len(g.project_rows["links"])].tolist() == g.project_rows["links"].tolist()
    fewer = dataclasses.replace(g, projects=g.projects.iloc[1:])   # the rows now point one project off
    lookup = fewer.project_ids.rows(fewer.links["project"]).tolist()
    assert fewer._project_rows("links").tolist() == lookup
    assert fewer.project_rows is g.project_rows and lookup != g._project_rows("links").tolist()


def test_names_refuse_a_language_they_do_not_have() -> None:
    """``lang="EN"`` or ``"fr"`` read every name in Thai without a word; an analyst's typo is told."""
    g = load_bundle(SAMPLE)
    assert g.names(["สธ"], "en") == {"สธ": "Ministry of Public Health"}
    with pytest.raises(ValueError, match="lang must be one of th, en, not 'EN'"):
        g.names(["สธ"], "EN")


def test_links_starting_chains_taken_as_existing_links_would_give_them(generated: PlanGraph) -> None:
    """``chain_links_where`` and ``linked_elements`` answer as ``existing_links`` filtered, and its
    elements in the order they first appear, without copying every link: on the sample (links to
    missing elements and projects among them) and a generated bundle."""
    for g in (load_bundle(SAMPLE), generated):
        existing = g.existing_links
        assert len(existing) < len(g.links)
        mask = np.arange(len(existing)) % 3 == 0
        assert g.chain_links_where(mask).equals(existing[mask])
        assert g.linked_elements == existing["element"].unique().tolist()
        assert g.reached_elements == set(g.link_closure["element"])


def test_every_table_a_check_says_it_reads_is_a_derived_table_of_the_graph() -> None:
    """A name in ``reads`` that is not a cached table of PlanGraph (a typo) would make nothing before the fork."""
    from functools import cached_property

    from graphkpi.checks import registry

    implementations()   # registers every check's reads
    assert registry._READS
    for code, names in registry._READS.items():
        for name in names:
            assert isinstance(vars(PlanGraph).get(name), cached_property), (code, name)


def test_the_tables_several_codes_read_are_made_before_the_fork(monkeypatch: pytest.MonkeyPatch,
                                                                tmp_path: Path) -> None:
    """Sharing its codes with a child, a run makes first the tables two or more of them read (on
    the graph the child inherits), each equal to the one made when a check asks; a run of one code
    (the near miss) makes none ahead."""
    from graphkpi.checks import registry, run

    generate_bundle(tmp_path, 1500, 2)
    g, fresh = load_bundle(tmp_path), load_bundle(tmp_path)
    made: list[set[str]] = []
    shared = run.shared
    monkeypatch.setattr(run, "shared", lambda *a: made.append(set(vars(g))) or shared(*a))
    monkeypatch.setattr(run, "SHARED_FROM", 0)
    codes = run.select_codes(("GK0", "GK1", "GK2"), ())
    wanted = registry.shared_reads(codes)
    assert {"chain_link_codes", "chain_link_elements", "hierarchy", "link_project_codes"} <= set(wanted)
    run.run_codes(g, codes)
    assert set(wanted) | {"link_element_rows"} <= made[0]
    for name in ("chain_link_codes", "chain_link_elements", "link_element_rows"):
        assert np.array_equal(getattr(g, name), getattr(fresh, name)), name
    one = load_bundle(tmp_path)
    made.clear()
    monkeypatch.setattr(run, "shared", lambda *a: made.append(set(vars(one))) or shared(*a))
    run.run_codes(one, ["GK101", "GK002"])
    assert registry.shared_reads(["GK101", "GK002"]) == [] and "chain_link_codes" not in made[0]
