"""PlanGraph: the loaded bundle as tables plus a NetworkX view of the element hierarchy.

A national dataset has 10⁵–10⁶ projects but only a few thousand plan elements. So the
hierarchy lives in a small ``networkx.DiGraph`` (child → parent) where closures are cheap,
and projects stay in pandas tables that are joined to element-level results. The full
graph with every project as a node is built only on request (:meth:`to_networkx`).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

import networkx as nx
import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from graphkpi.closure import closure_pairs
from graphkpi.messages import LANGS
from graphkpi.model import EdgeKind, NodeKind, allowed_values
from graphkpi.periods import disjoint, outside
from graphkpi.profile import Profile
from graphkpi.sets import isin, mapped

if TYPE_CHECKING:
    from graphkpi.load.deferred import DeferredColumns

LEAD = "lead"                                     # the leads.csv role that answers for an element
COORDINATOR = "coordinator"                       # leads.csv: coordinates without leading (the governor)
YES = ("yes", "y", "true", "1", "ใช่", "วัด")     # kpi_agencies.measured values that mean "measures it"
HOST = "host"                                     # kpi_agencies.role of the agency a joint KPI is measured at
SHARED = "shared"                                 # kpi_agencies.role: carries the joint KPI in its own agreement
EVALUATED = "evaluated"                           # kpis.class of a KPI that counts in the evaluation (default)
MONITOR = "monitor"                               # kpis.class of a KPI tracked, not evaluated: GK405, GK501 skip it


@dataclass
class PlanGraph:
    """A loaded bundle.

    Tables (all ids are strings):

    - ``elements``: index ``id``; ``level``, ``name``, ``name_en``, ``area``, ``source``
      (``bundle`` or ``reference``), ``valid_from``/``valid_to`` (CE float years, NaN when open)
      and any extra columns.
    - ``parents``: ``child``, ``parent`` — every cascade edge as written, unknown parents too.
    - ``projects``: index ``id``; ``name``, ``agency``, ``fiscal_year`` (CE int), ``budget``
      (float, NaN when not given), ``provinces`` (the cell as written), ``objective``, ``status``…
    - ``links``: ``project``, ``element`` — from ``links`` and ``project_links.csv``
      (``links_in_projects`` tells which).
    - ``project_areas``: ``project``, ``area`` — area codes, or ``national``.
    - ``agencies``: index ``id``; ``name``, ``name_en``, ``abbr``, ``ministry``, ``kind``.
    - ``areas``: index ``id``; ``level``, ``name``, ``name_en``, ``parent``.
    - ``leads``: ``element``, ``agency``, ``role``.
    - ``kpis``: index ``id``; ``element``, ``target``, ``plan_target``, ``direction``, ``class``
      (``evaluated`` or ``monitor``), ``shortfall_reason`` (``""`` when none)…
    - ``kpi_agencies``: ``kpi``, ``agency``, ``role``, ``measured``.
    - ``replacements``: ``element``, ``replacement`` — elements.csv's ``replaced_by`` as written.
    - ``budget_lines``: ``code``, ``project``, ``fiscal_year`` (CE int), ``amount``, ``disbursed``
      (float, NaN when not given) — empty when the bundle has no budget_lines.csv.
    """

    profile: Profile
    elements: pd.DataFrame
    parents: pd.DataFrame
    projects: pd.DataFrame
    links: pd.DataFrame
    project_areas: pd.DataFrame
    agencies: pd.DataFrame
    areas: pd.DataFrame
    leads: pd.DataFrame
    kpis: pd.DataFrame
    kpi_agencies: pd.DataFrame
    budget_lines: pd.DataFrame
    source: Path | None = None
    files: frozenset[str] = frozenset()
    years_given_be: bool = False
    encodings: dict[str, str] = field(default_factory=dict)
    # (file, header, column): a header that is probably an optional column misspelt, left unread
    unread: tuple[tuple[str, str, str], ...] = ()
    hidden_rows: tuple[tuple[str, tuple[int, ...]], ...] = ()   # (sheet, rows hidden in it), read like the others
    replacements: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(
        {"element": pd.Series(dtype=object), "replacement": pd.Series(dtype=object)}))
    # Rows of ``links`` labelled below this came from projects.csv's ``links``, the rest from
    # project_links.csv (GK001 names the file to fix); None: all from projects.csv.
    links_in_projects: int | None = None
    # What the loader knows of the first rows of ``links`` and ``project_areas``: each one's
    # project row in ``projects``. Checked against the ids before use (see :meth:`_project_rows`).
    project_rows: dict[str, np.ndarray] = field(default_factory=dict, repr=False, compare=False)
    # projects.csv's columns the loader left in the file (``load_bundle(text=False)``): their
    # values are read for the projects asked (:meth:`names`), not held for all 10⁶
    deferred: DeferredColumns | None = field(default=None, repr=False, compare=False)
    # Whether no project id repeats, as the loader makes sure (a repeated one is refused); a
    # slice keeps it true. Row lookups then need no reversed copy of the index (IdLookup).
    unique_project_ids: bool = field(default=False, repr=False, compare=False)

    # --- element hierarchy -------------------------------------------------------------

    @cached_property
    def hierarchy(self) -> nx.DiGraph:
        """Existing elements and the cascade edges between existing elements (child → parent)."""
        g = nx.DiGraph()
        g.add_nodes_from(self.elements.index)
        known = self.parents[isin(self.parents["parent"], self.elements.index)]
        g.add_edges_from(known[["child", "parent"]].itertuples(index=False, name=None))
        return g

    @cached_property
    def element_level(self) -> pd.Series:
        return self.elements["level"]

    @cached_property
    def root_elements(self) -> set[str]:
        return set(self.elements.index[self.elements["level"].isin(self.profile.roots)])

    @cached_property
    def reaches_z(self) -> set[str]:
        """Elements from which some chain ends at a root (strategy), roots included."""
        return _reachable(self.hierarchy.reverse(copy=False), self.root_elements)

    def up_closure(self, start: set[str]) -> set[str]:
        """``start`` and every element its chains pass through on the way up."""
        return _reachable(self.hierarchy, start & set(self.hierarchy))

    def down_closure(self, start: set[str]) -> set[str]:
        """``start`` and every element that cascades (directly or not) into it."""
        return _reachable(self.hierarchy.reverse(copy=False), start & set(self.hierarchy))

    @property
    def condensed(self) -> tuple[nx.DiGraph, dict[str, int]]:
        """The hierarchy with each strongly connected group as one node (a DAG, child → parent),
        and each element's group."""
        c, mapping, _ = self._condensed
        return c, mapping

    @cached_property
    def _condensed(self) -> tuple[nx.DiGraph, dict[str, int], dict[int, str]]:
        return condense(self.hierarchy)

    def stops(self, element: str) -> tuple[str, ...]:
        """Where the chains from ``element`` stop without reaching Z.

        The terminal groups of its upward closure: an element with no existing parent,
        or (for a chain that ends in a loop) the smallest id of that loop. Empty for an
        element that reaches Z only.
        """
        if element not in self.hierarchy:
            return ()
        c, mapping, smallest = self._condensed
        return terminal_stops(c, smallest, self.root_elements, mapping[element])

    # --- links and places as row numbers ---------------------------------------------------
    # Hashing 10⁶ id strings costs a few tenths of a second each time; the checks used to do it
    # about twenty times per run (isin against the projects, the anchored, the orphans…). Each
    # table's ids are looked up once here and the checks work on integer rows.

    @cached_property
    def link_element_rows(self) -> np.ndarray:
        """For each row of ``links``: its element's row in ``elements``, -1 when no such element."""
        return self.element_ids.rows(self.links["element"])

    @cached_property
    def link_project_codes(self) -> np.ndarray:
        """For each row of ``links``: its project's row in ``projects``, or for a project that does
        not exist a code from ``len(projects)`` on, one per distinct id — so per-project flags are
        one array indexed by code, unknown projects included."""
        codes = self._project_rows("links")
        unknown = codes < 0
        if unknown.any():
            # the few ids taken first: the whole column as Python objects cost 0.18 s at 3·10⁶ links
            ids = self.links["project"].iloc[np.flatnonzero(unknown)].to_numpy()
            codes[unknown] = len(self.projects) + pd.factorize(ids)[0]
        return codes

    @cached_property
    def area_project_rows(self) -> np.ndarray:
        """For each row of ``project_areas``: its project's row in ``projects`` (always there)."""
        return self._project_rows("project_areas")

    def _project_rows(self, table: str) -> np.ndarray:
        """The project row of each row of ``table`` (``links`` or ``project_areas``), -1 for none.

        The loader's rows (:attr:`project_rows`) answer the rows they cover when the ids they point
        at are the table's, one comparison of the two columns (a tenth of the hash lookup of 10⁶
        ids); a graph whose tables were replaced since (a slice) looks every id up.
        """
        ids = getattr(self, table)["project"]
        known = self.project_rows.get(table)
        if known is None or len(known) > len(ids) or not len(known):
            return self.project_ids.rows(ids)
        if not _same_ids(self.projects.index, known, ids.iloc[:len(known)]):
            return self.project_ids.rows(ids)
        rest = self.project_ids.rows(ids.iloc[len(known):])
        return np.concatenate([known.astype(np.intp), rest])

    @cached_property
    def project_ids(self) -> IdLookup:
        """Row lookups in ``projects`` (10⁶ ids: the reversed index, when needed, is built once)."""
        return IdLookup(self.projects.index, unique=self.unique_project_ids)

    @cached_property
    def element_ids(self) -> IdLookup:
        """Row lookups in ``elements``."""
        return IdLookup(self.elements.index)

    @cached_property
    def chain_links(self) -> np.ndarray:
        """Per row of ``links``: whether it starts a chain — an existing project linked to an existing
        element. A ``project_links.csv`` row of an unknown project is only a GK001: it covers nothing
        (as on Neo4j, where it never becomes a relationship)."""
        return (self.link_element_rows >= 0) & (self.link_project_codes < len(self.projects))

    @cached_property
    def existing_links(self) -> pd.DataFrame:
        """Links that start chains (see :attr:`chain_links`)."""
        return self.links[self.chain_links]

    @cached_property
    def chain_link_positions(self) -> np.ndarray:
        """The positions in ``links`` of the links that start chains (:attr:`chain_links`)."""
        return np.flatnonzero(self.chain_links)

    def prepare(self, names: Iterable[str]) -> None:
        """Make the derived tables ``names`` now: before a fork, both processes then have them
        (made once, and their pages shared). When any of them starts from the links, the links'
        element rows and project codes (the lookups of 10⁶ ids) are made first, on two threads at
        once: arrow's lookups release the GIL."""
        names = [n for n in names if n not in self.__dict__]
        lookups = ("link_element_rows", "link_project_codes")
        if any(n in _FROM_LINKS for n in names) and not any(n in self.__dict__ for n in lookups) and len(self.links):
            from concurrent.futures import ThreadPoolExecutor

            with ThreadPoolExecutor(1) as pool:
                rows = pool.submit(lambda: self.link_element_rows)
                _ = self.link_project_codes   # made here meanwhile
                rows.result()
        for name in names:
            getattr(self, name)

    @cached_property
    def chain_link_codes(self) -> np.ndarray:
        """:attr:`link_project_codes` of the links that start chains, in their order: one copy
        for every check that reads them (each mask of 10⁶ links is a copy of its own)."""
        return self.link_project_codes[self.chain_links]

    @cached_property
    def chain_link_elements(self) -> np.ndarray:
        """:attr:`link_element_rows` of the links that start chains, in their order."""
        return self.link_element_rows[self.chain_links]

    def chain_links_where(self, mask: np.ndarray) -> pd.DataFrame:
        """``existing_links[mask]`` (``mask``: one flag per link that starts a chain), taken
        from ``links`` without copying every link first (10⁶ rows cost a check process 0.07 s for
        the few hundred a check wants)."""
        return self.links.iloc[self.chain_link_positions[mask]]

    @cached_property
    def linked_elements(self) -> list[str]:
        """The elements that the links starting chains name, each once, in the order they first
        appear (``existing_links["element"].unique()``), found from their rows."""
        return self.elements.index[pd.unique(self.chain_link_elements)].tolist()

    @cached_property
    def anchored(self) -> np.ndarray:
        """Per project code (:attr:`link_project_codes`): whether some chain of the project reaches Z."""
        reaches = isin(self.elements.index, list(self.reaches_z))[self.chain_link_elements]
        return self.project_flags(self.chain_link_codes[reaches])

    def project_flags(self, codes: np.ndarray) -> np.ndarray:
        """A boolean array indexed by project code (see :attr:`link_project_codes`), true at ``codes``."""
        size = max(len(self.projects), int(self.link_project_codes.max()) + 1 if len(self.links) else 0)
        flags = np.zeros(size, dtype=bool)
        flags[codes] = True
        return flags

    @cached_property
    def link_closure(self) -> pd.DataFrame:
        """``link``, ``element``: each element a project links to and every element its chains pass
        through (itself included), each pair once — the element closure every reach is a join of."""
        c, group_of, _ = self._condensed
        pairs = closure_pairs(c, group_of, self.linked_elements)
        return pairs.rename(columns={"source": "link"})

    def closure(self, sources: Iterable[str]) -> pd.DataFrame:
        """``source``, ``element``: :attr:`link_closure` for other starting elements (not cached)."""
        c, group_of, _ = self._condensed
        return closure_pairs(c, group_of, sources)

    @cached_property
    def reached_elements(self) -> set[str]:
        """Elements reached by at least one project's chain: the elements of :attr:`link_closure`,
        found by one walk up from the linked elements without making its pairs."""
        return self.up_closure(set(self.linked_elements))

    def reach_pairs(self, targets: Iterable[str]) -> pd.DataFrame:
        """``project``, ``element``: every project whose chains reach one of ``targets``, each pair once.

        The element closure (:attr:`link_closure`, thousands of rows) is cut to ``targets`` and
        joined to the links (up to 10⁶), so no project is walked on its own.
        """
        closure = self.link_closure
        reach = closure[isin(closure["element"], pd.Index(pd.unique(pd.Series(list(targets), dtype=object))))]
        links = self.existing_links.rename(columns={"element": "link"})
        pairs = links.merge(reach, on="link")[["project", "element"]]
        return pairs.drop_duplicates(ignore_index=True)

    @cached_property
    def target_reach(self) -> pd.DataFrame:
        """``project``, ``element``: the sub-targets (profile's target level) each project reaches."""
        return self.reach_pairs(self.elements.index[self.elements["level"] == self.profile.target_level])

    @cached_property
    def target_reach_rows(self) -> tuple[np.ndarray, np.ndarray]:
        """:attr:`target_reach` as row numbers: the project rows and the element rows, each pair once.

        The links (projects × elements) times the closure cut to the sub-targets (elements ×
        elements) as a sparse product: no join of 10⁶ text ids, for a caller that compares rows
        (``graphkpi diff``)."""
        return self.reach_rows(self.elements["level"].to_numpy() == self.profile.target_level)

    def reach_rows(self, targets: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """:meth:`reach_pairs` as row numbers: (project row, element row) for every project whose
        chains reach an element where ``targets`` (a boolean per element row) is true, each pair once."""
        from scipy import sparse  # imported when used: most commands never need it

        exists = self.chain_links
        closure = self.link_closure
        src, dst = self.element_ids.rows(closure["link"]), self.element_ids.rows(closure["element"])
        keep = targets[dst]
        n, m = len(self.projects), len(self.elements)
        links = sparse.csr_matrix((np.ones(int(exists.sum()), dtype=np.int32),
                                   (self.chain_link_codes, self.chain_link_elements)), shape=(n, m))
        reach = sparse.csr_matrix((np.ones(int(keep.sum()), dtype=np.int32), (src[keep], dst[keep])), shape=(m, m))
        pairs = (links @ reach).tocoo()
        return pairs.row.astype(np.intp), pairs.col.astype(np.intp)

    @cached_property
    def acting(self) -> pd.DataFrame:
        """Per reached element and ministry: how many projects reach it and their budget
        (``element``, ``ministry``, ``projects``, ``budget``; budget rounded to satang so backends
        agree), sorted by element and ministry.

        A project with one link reaches each element at most once, so those projects are summed
        per (link, ministry) first and only the sums are joined to the closure; projects with
        several links go through (project, element) pairs so none is counted twice.
        """
        links = self.existing_links[["project", "element"]].rename(columns={"element": "link"})
        rows = self.chain_link_codes   # existing projects: their rows (a map of 10⁶ ids: 1.5 s)
        links = links.assign(ministry=self.project_ministry.to_numpy()[rows], budget=self.project_budgets[rows])
        several = links["project"].duplicated(keep=False)
        once = links[~several].groupby(["link", "ministry"], sort=False).agg(
            projects=("project", "size"), budget=("budget", "sum")).reset_index()
        once = once.merge(self.link_closure, on="link")[["element", "ministry", "projects", "budget"]]
        pairs = links[several].merge(self.link_closure, on="link").drop_duplicates(["project", "element"])
        many = pairs.groupby(["element", "ministry"], sort=False).agg(projects=("project", "size"),
                                                                      budget=("budget", "sum")).reset_index()
        out = pd.concat([once, many], ignore_index=True).groupby(["element", "ministry"], sort=True).agg(
            projects=("projects", "sum"), budget=("budget", "sum")).reset_index()
        out["budget"] = out["budget"].round(2)
        return out

    def acting_ministries(self, targets: Iterable[str]) -> pd.DataFrame:
        """:attr:`acting` for ``targets`` only."""
        wanted = pd.Index(pd.unique(pd.Series(list(targets), dtype=object)))
        return self.acting[isin(self.acting["element"], wanted)].reset_index(drop=True)

    @cached_property
    def acting_lists(self) -> dict[str, list[dict]]:
        """Element → ministries acting on it, largest budget first: ``{ministry, projects, budget}``."""
        acting = self.acting.sort_values(["element", "budget", "ministry"], ascending=[True, False, True])
        out: dict[str, list[dict]] = {}
        for element, ministry, projects, budget in acting[["element", "ministry", "projects", "budget"]].itertuples(
                index=False, name=None):
            out.setdefault(element, []).append({"ministry": ministry, "projects": int(projects),
                                                "budget": float(budget)})
        return out

    # --- validity periods (editions) ------------------------------------------------------

    @cached_property
    def period_rows(self) -> tuple[np.ndarray, np.ndarray]:
        """Per element row: the first and last fiscal year it is in force (CE floats, NaN when open)."""
        el = self.elements

        def years(col: str) -> np.ndarray:
            return el[col].to_numpy(dtype="float64") if col in el.columns else np.full(len(el), np.nan)

        return years("valid_from"), years("valid_to")

    @cached_property
    def out_of_period_links(self) -> pd.DataFrame:
        """``project``, ``element``, ``fiscal_year``: links of existing projects to existing elements
        not in force in the project's fiscal year — one vectorised comparison over the links."""
        codes, rows = self.chain_link_codes, self.chain_link_elements
        years = self.projects["fiscal_year"].to_numpy()[codes]
        start, end = self.period_rows
        bad = outside(years, start[rows], end[rows])
        links = self.chain_links_where(bad)[["project", "element"]]
        return links.assign(fiscal_year=years[bad]).reset_index(drop=True)

    @cached_property
    def out_of_period_edges(self) -> pd.DataFrame:
        """``child``, ``parent``: cascade edges between existing elements whose periods share no year."""
        child, parent = self.element_ids.rows(self.parents["child"]), self.element_ids.rows(self.parents["parent"])
        keep = (child >= 0) & (parent >= 0)
        start, end = self.period_rows
        c, p = child[keep], parent[keep]
        bad = disjoint(start[c], end[c], start[p], end[p])
        return self.parents[["child", "parent"]][keep][bad].drop_duplicates(ignore_index=True)

    def existing_replacements(self, elements: Iterable[str]) -> dict[str, list[str]]:
        """Element → the ids of its ``replaced_by`` that exist, sorted (elements without any left out)."""
        wanted = pd.Index(pd.unique(pd.Series(list(elements), dtype=object)))
        rep = self.replacements
        rep = rep[isin(rep["element"], wanted) & isin(rep["replacement"], self.elements.index)]
        return rep.groupby("element")["replacement"].agg(lambda s: sorted(set(s))).to_dict()

    # --- agencies ----------------------------------------------------------------------

    @cached_property
    def agency_ministry(self) -> pd.Series:
        """Agency id → its ministry id (a ministry, or an agency without one, is its own)."""
        ministry = self.agencies["ministry"].where(self.agencies["ministry"] != "", self.agencies.index.to_series())
        return ministry

    @cached_property
    def project_budgets(self) -> np.ndarray:
        """Each project row's budget in baht, 0 where none was given."""
        budget = self.projects["budget"].to_numpy(dtype="float64", na_value=np.nan)
        return np.where(np.isnan(budget), 0.0, budget)

    @cached_property
    def project_ministry(self) -> pd.Series:
        """Project id → ministry id (the agency id itself when the agency is unknown)."""
        agency = self.projects["agency"]
        ministry = pd.Series(mapped(agency, self.agency_ministry), index=agency.index, dtype=object)   # per distinct
        return ministry.where(ministry.notna(), agency)

    @cached_property
    def lead_table(self) -> pd.DataFrame:
        """``element``, ``agency``, ``ministry`` of every existing lead agency of an existing element."""
        leads = self.leads[(self.leads["role"] == LEAD) & isin(self.leads["agency"], self.agencies.index)
                           & isin(self.leads["element"], self.elements.index)][["element", "agency"]].drop_duplicates()
        return leads.assign(ministry=leads["agency"].map(self.agency_ministry))

    def coordinators(self, ids: Iterable[str]) -> pd.DataFrame:
        """``element``, ``agency``, ``ministry`` of the existing coordinators of the elements ``ids``, sorted.

        A coordinator (the governor, for a province's targets) counts for no lead check; the
        lead-gap outputs show it beside the gaps of the targets it coordinates.
        """
        wanted = pd.Index(pd.unique(pd.Series(list(ids), dtype=object)))
        rows = self.leads[(self.leads["role"] == COORDINATOR) & isin(self.leads["element"], wanted)
                          & isin(self.leads["agency"], self.agencies.index)][["element", "agency"]].drop_duplicates()
        rows = rows.assign(ministry=rows["agency"].map(self.agency_ministry))
        return rows.sort_values(["element", "agency"]).reset_index(drop=True)

    @cached_property
    def lead_ministries(self) -> dict[str, list[str]]:
        """Element → the distinct ministries of its existing lead agencies, sorted."""
        return self.lead_table.groupby("element")["ministry"].agg(lambda s: sorted(set(s))).to_dict()

    @cached_property
    def checked_kpis(self) -> pd.DataFrame:
        """The KPIs the KPI checks read: those whose ``direction`` and ``class`` are in their lists
        (a KPI with another value is reported by GK004 and checked by nothing else)."""
        k = self.kpis
        return k[k["direction"].isin(allowed_values("kpis.csv", "direction"))
                 & k["class"].isin(allowed_values("kpis.csv", "class"))]

    @cached_property
    def existing_kpi_agencies(self) -> pd.DataFrame:
        """kpi_agencies rows whose KPI and agency exist, with the agency's ``ministry``: what the
        KPI register lists (a value outside its list leaves a row out of the checks, not the list).

        Rows repeating a (KPI, agency, role) collapse into the last one, a later row correcting an
        earlier one: an agency holds a role on a KPI once, as the Neo4j load MERGEs it.
        """
        ka = self.kpi_agencies[isin(self.kpi_agencies["kpi"], self.kpis.index)
                               & isin(self.kpi_agencies["agency"], self.agencies.index)]
        ka = ka.drop_duplicates(["kpi", "agency", "role"], keep="last")
        return ka.assign(ministry=ka["agency"].map(self.agency_ministry))

    @cached_property
    def kpi_agency_table(self) -> pd.DataFrame:
        """KPI agencies that exist, with their ``ministry`` and whether they measure the KPI (``yes``).

        Rows the KPI checks read: a row whose ``role`` or ``measured`` is outside its list, or
        whose KPI is not among :attr:`checked_kpis`, is left out as a whole (GK004 reports it).
        """
        ka = self.existing_kpi_agencies
        ka = ka[ka["role"].isin(allowed_values("kpi_agencies.csv", "role"))
                & ka["measured"].isin(allowed_values("kpi_agencies.csv", "measured"))
                & isin(ka["kpi"], self.checked_kpis.index)]
        return ka.assign(yes=ka["measured"].str.strip().str.lower().isin(YES))

    @cached_property
    def evaluated_kpis(self) -> pd.DataFrame:
        """KPIs that count in the evaluation: every checked KPI but the ``monitor`` ones (tracked,
        reported, not evaluated), which GK405 and GK501 leave alone."""
        k = self.checked_kpis
        return k[k["class"] != MONITOR]

    @cached_property
    def joint_kpi_elements(self) -> set[str]:
        """Elements measured by a joint KPI (its existing agencies span two or more ministries).

        Read from every existing row: whether a KPI is joint does not depend on the roles,
        ``measured`` flags or direction that GK004 may find outside their lists.
        """
        ministries = self.existing_kpi_agencies.groupby("kpi")["ministry"].nunique()
        joint = ministries.index[ministries >= 2]
        return set(self.kpis.loc[isin(self.kpis.index, joint), "element"])

    # --- budget lines ------------------------------------------------------------------

    @property
    def has_budget_lines(self) -> bool:
        """Whether the bundle has budget_lines.csv (even with no line): GK601 needs the file, not a line."""
        return "budget_lines" in self.files

    @cached_property
    def line_project_rows(self) -> np.ndarray:
        """For each budget line: its project's row in ``projects``, -1 when no such project."""
        return self.project_ids.rows(self.budget_lines["project"])

    @cached_property
    def project_lines(self) -> pd.DataFrame:
        """Per project (index as ``projects``): ``lines``, how many budget lines name it in its own
        fiscal year, and ``amount``, their sum in baht rounded to satang (0 without lines).

        Lines of another year fund another year's work and are not counted. One ``bincount`` over
        the lines' project rows: no group per project.
        """
        rows = self.line_project_rows
        known = rows >= 0
        same_year = np.zeros(len(rows), dtype=bool)
        same_year[known] = (self.budget_lines["fiscal_year"].to_numpy()[known]
                            == self.projects["fiscal_year"].to_numpy()[rows[known]])
        take = rows[same_year]
        n = len(self.projects)
        amounts = self.budget_lines["amount"].to_numpy(dtype="float64")[same_year]
        return pd.DataFrame({"lines": np.bincount(take, minlength=n),
                             "amount": np.round(np.bincount(take, weights=amounts, minlength=n), 2)},
                            index=self.projects.index)

    # --- areas -------------------------------------------------------------------------

    @cached_property
    def area_ancestors(self) -> dict[str, frozenset[str]]:
        """Area id → itself and every area containing it (province ⊂ cluster ⊂ region)."""
        parent = self.areas["parent"].where(isin(self.areas["parent"], self.areas.index), "").to_dict()  # GK001
        out: dict[str, frozenset[str]] = {}
        for area in parent:
            chain, cur = [], area
            while cur and cur not in chain:
                chain.append(cur)
                cur = parent.get(cur, "")
            out[area] = frozenset(chain)
        return out

    @cached_property
    def placed(self) -> np.ndarray:
        """For each row of ``project_areas``: whether it names a known area or ``national``.

        A place no area answers to (GK001) overlaps nothing and takes part in no area rule.
        """
        from graphkpi.load.schema import NATIONAL  # the loader's package imports this module

        area = self.project_areas["area"]
        return (isin(area, self.areas.index) | (area == NATIONAL)).to_numpy()

    # --- views -------------------------------------------------------------------------

    def name_of(self, node_id: str, lang: str = "th") -> str:
        """A display name for any id (element, project, agency, area, KPI), or ``""``."""
        for table in (self.elements, self.projects, self.agencies, self.areas, self.kpis):
            if node_id in table.index and "name" not in table.columns:   # left in the file
                return self.names([node_id], lang).get(node_id, "")
            if node_id in table.index:
                value = table.at[node_id, "name_en"] if lang == "en" and "name_en" in table.columns else ""
                if not isinstance(value, str) or not value:
                    value = table.at[node_id, "name"]
                return value if isinstance(value, str) else ""
        return ""

    def names(self, ids: Iterable[str], lang: str = "th", kind: str | None = None) -> dict[str, str]:
        """:meth:`name_of` for many ids at once, by index joins rather than one lookup per id;
        ``kind`` (a :class:`NodeKind` value): of that kind of node only (a KPI may share its id
        with an element), else the last table of :meth:`_named_tables` that has the id wins."""
        if lang not in LANGS:   # "EN" or "fr" would silently read every name in Thai
            raise ValueError(f"lang must be one of {', '.join(LANGS)}, not {lang!r}")
        wanted = pd.Index(pd.unique(pd.Series(list(ids), dtype=object)), dtype=object)
        out: dict[str, str] = {}
        tables = self._named_tables()
        for table in tables.values() if kind is None else [tables[kind]] if kind in tables else []:
            rows = self._lookup(table).rows(wanted)
            hit = rows >= 0
            if not hit.any():
                continue
            take = rows[hit]  # rows first: converting a whole 10⁶-row text column to objects costs a second
            names = self._names_at(table, take)
            if lang == "en" and "name_en" in table.columns:
                en = table["name_en"].iloc[take].to_numpy(dtype=object)
                names = np.where(pd.notna(en) & (en != ""), en, names)
            out.update({k: v if isinstance(v, str) else "" for k, v in zip(wanted[hit], names, strict=True)})
        return out

    def _named_tables(self) -> dict[str, pd.DataFrame]:
        """The tables of named nodes by kind, in the order of precedence (last wins)."""
        return {NodeKind.KPI.value: self.kpis, NodeKind.AREA.value: self.areas, NodeKind.AGENCY.value: self.agencies,
                NodeKind.PROJECT.value: self.projects, NodeKind.ELEMENT.value: self.elements}

    def _in_file(self, column: str) -> bool:
        """Whether projects' ``column`` is one the loader left in the file (``load_bundle(text=False)``)."""
        return column not in self.projects.columns and self.deferred is not None and column in self.deferred.columns

    def project_text(self, column: str) -> pd.Series:
        """Projects' free-text ``column`` (``name``, ``objective``…), indexed as ``projects``: read
        from the file when the loader left it there, NaN when the bundle has no such column (as
        ``projects.reindex`` gives it)."""
        if not self._in_file(column):
            return self.projects.reindex(columns=[column])[column]
        from graphkpi.load.values import text_series

        return text_series(self.deferred.column(column, self.project_ids.text), self.projects.index)

    def project_values(self, column: str, rows: np.ndarray) -> np.ndarray:
        """Projects' ``column`` at ``rows`` (of ``projects``), as Python objects: read from the
        file, for those rows only, when the loader left the column there; NaN when the bundle has
        no such column (as :meth:`project_text`)."""
        if self._in_file(column):
            rows = np.asarray(rows, dtype=np.int64)
            return self.deferred.values(column, self.project_ids.text.take(pa.array(rows)), rows)
        if column not in self.projects.columns:
            return np.full(len(rows), np.nan, dtype=object)
        return self.projects[column].iloc[rows].to_numpy(dtype=object)

    def _names_at(self, table: pd.DataFrame, rows: np.ndarray) -> np.ndarray:
        """``table``'s names at ``rows``: from the file when the loader left them there."""
        if table is self.projects:
            return self.project_values("name", rows)
        return table["name"].iloc[rows].to_numpy(dtype=object)

    def levels(self, ids: Iterable[str]) -> dict[str, str]:
        """The level of each id that is a plan element (others are left out)."""
        wanted = pd.Index(pd.unique(pd.Series(list(ids), dtype=object)), dtype=object)
        rows = self.element_ids.rows(wanted)
        hit = rows >= 0
        return dict(zip(wanted[hit], self.elements["level"].to_numpy(dtype=object)[rows[hit]], strict=True))

    def _lookup(self, table: pd.DataFrame) -> IdLookup:
        return self.project_ids if table is self.projects else self.element_ids if table is self.elements \
            else IdLookup(table.index)

    def kind_of(self, node_id: str) -> str | None:
        for kind, table in ((NodeKind.ELEMENT, self.elements), (NodeKind.PROJECT, self.projects),
                            (NodeKind.AGENCY, self.agencies), (NodeKind.KPI, self.kpis),
                            (NodeKind.AREA, self.areas)):
            if node_id in table.index:
                return kind.value
        return None

    def to_networkx(self) -> nx.MultiDiGraph:
        """The whole plan graph — every element, project, agency and area as a node.

        Meant for views and exports of modest bundles; checks never need it.
        """
        g = nx.MultiDiGraph()
        for kind, table in ((NodeKind.ELEMENT, self.elements), (NodeKind.PROJECT, self.projects),
                            (NodeKind.AGENCY, self.agencies), (NodeKind.AREA, self.areas),
                            (NodeKind.KPI, self.kpis)):
            g.add_nodes_from((i, {**row, "kind": kind.value}) for i, row in table.to_dict("index").items())
        edges = (
            (self.parents, "child", "parent", EdgeKind.CASCADES_TO),
            (self.links, "project", "element", EdgeKind.CONTRIBUTES_TO),
            (self.projects.reset_index(), "id", "agency", EdgeKind.OWNED_BY),
            (self.project_areas, "project", "area", EdgeKind.LOCATED_IN),
            (self.kpis.reset_index(), "id", "element", EdgeKind.MEASURES),
        )
        for frame, src, dst, kind in edges:
            for s, d in frame[[src, dst]].itertuples(index=False, name=None):
                if s in g and d in g:
                    g.add_edge(s, d, key=kind.value, kind=kind.value)
        for agency, ministry in self.agencies["ministry"].items():
            if ministry and ministry in g:
                g.add_edge(agency, ministry, key=EdgeKind.PART_OF.value, kind=EdgeKind.PART_OF.value)
        for element, agency, role in self.leads[["element", "agency", "role"]].itertuples(index=False):
            if element in g and agency in g:
                g.add_edge(agency, element, key=EdgeKind.LEADS.value, kind=EdgeKind.LEADS.value, role=role)
        return g


def condense(h: nx.DiGraph) -> tuple[nx.DiGraph, dict[str, int], dict[int, str]]:
    """The condensation of ``h``, each element's group, and each group's smallest id."""
    c = nx.condensation(h)
    smallest = {n: min(data["members"]) for n, data in c.nodes(data=True)}
    return c, c.graph["mapping"], smallest


def terminal_stops(c: nx.DiGraph, smallest: dict[int, str], roots: set[str], start: int) -> tuple[str, ...]:
    """The terminal groups above group ``start`` of condensation ``c`` that hold no root, by smallest id.

    Shared by :meth:`PlanGraph.stops` and the Neo4j backend's GK201 stage, which condenses only
    the part of the cascade that cannot reach a root.
    """
    reach = _reachable(c, {start})
    return tuple(sorted(smallest[g] for g in reach if c.out_degree(g) == 0 and not (c.nodes[g]["members"] & roots)))


class IdLookup:
    """Rows of ids in one index, by arrow hash lookups (``index_in``).

    A third of what ``get_indexer`` takes on 10⁶ text ids, and no conversion of arrow-backed
    text to Python objects. Ids are unique (the loader rejects duplicates); were one repeated,
    its last row answers, as a dict built from the rows would: the lookup runs on the reversed
    index, where the first match is the last row. The reversed index is built once per lookup
    object, so :class:`PlanGraph` keeps one per large table; ``unique``: the caller knows no id
    repeats, and the index is looked up as it is (the reversed copy of 10⁶ ids cost a check
    process 0.1 s).
    """

    def __init__(self, index: pd.Index, unique: bool = False) -> None:
        self.index = index
        self.unique = unique
        self._text: pa.Array | pa.ChunkedArray | None = None
        self._backwards: pa.Array | pa.ChunkedArray | None = None

    @property
    def text(self) -> pa.Array | pa.ChunkedArray:
        """The index as arrow ``large_string``, made once (a cast of 10⁶ ids copies their offsets)."""
        if self._text is None:
            self._text = _arrow_text(self.index)
        return self._text

    def rows(self, wanted: pd.Index | pd.Series) -> np.ndarray:
        n = len(self.index)
        if n == 0 or len(wanted) == 0:
            return np.full(len(wanted), -1, dtype=np.intp)
        try:
            if len(wanted) * _FEW < n:
                return self._few(_arrow_text(wanted))
            if self.unique:
                hit = pc.index_in(_arrow_text(wanted), value_set=self.text)
                return hit.fill_null(-1).to_numpy(zero_copy_only=False).astype(np.intp)
            if self._backwards is None:
                self._backwards = self.text.take(pa.array(np.arange(n - 1, -1, -1)))
            hit = pc.index_in(_arrow_text(wanted), value_set=self._backwards)
        except (pa.ArrowInvalid, pa.ArrowTypeError, pa.ArrowNotImplementedError):  # not all text: pandas decides
            last = ~self.index.duplicated(keep="last")
            found = self.index[last].get_indexer(wanted)
            return np.where(found >= 0, np.flatnonzero(last)[found], -1)
        rows = hit.fill_null(-1).to_numpy(zero_copy_only=False).astype(np.intp)
        return np.where(rows >= 0, n - 1 - rows, -1)

    def _few(self, wanted: pa.Array | pa.ChunkedArray) -> np.ndarray:
        """:meth:`rows` of a few ids (the findings' subjects among 10⁶ projects): the hash table is
        built of the distinct wanted ids and the index is scanned against it once, a tenth of
        hashing the whole index (0.03 against 0.15–0.5 s for 68,000 ids of 10⁶)."""
        distinct = pc.unique(wanted)
        at = pc.index_in(self.text, value_set=distinct).fill_null(-1).to_numpy(
            zero_copy_only=False).astype(np.intp)
        hit = np.flatnonzero(at >= 0)
        row_of = np.full(len(distinct), -1, dtype=np.intp)
        np.maximum.at(row_of, at[hit], hit)          # a repeated id: its last row, as in the full lookup
        which = pc.index_in(wanted, value_set=distinct).fill_null(-1).to_numpy(zero_copy_only=False).astype(np.intp)
        return np.where(which >= 0, row_of[which], -1)


_FEW = 8   # wanted ids fewer than an eighth of the index: hash the wanted ones (IdLookup._few)

# The derived tables of PlanGraph made from both link lookups (PlanGraph.prepare)
_FROM_LINKS = frozenset({"link_element_rows", "link_project_codes", "chain_links", "chain_link_codes",
                         "chain_link_elements", "chain_link_positions", "existing_links", "linked_elements",
                         "anchored", "reached_elements", "out_of_period_links"})


def _same_ids(index: pd.Index, rows: np.ndarray, ids: pd.Series) -> bool:
    """Whether ``index[rows]`` is ``ids``, value by value (rows within the index)."""
    if len(rows) and (rows.min() < 0 or rows.max() >= len(index)):
        return False
    try:
        same = pc.equal(_arrow_text(index).take(pa.array(rows)), _arrow_text(ids))
        return same.null_count == 0 and bool(pc.all(same).as_py())
    except (pa.ArrowInvalid, pa.ArrowTypeError, pa.ArrowNotImplementedError):
        return False


def _arrow_text(ids: pd.Index | pd.Series) -> pa.Array | pa.ChunkedArray:
    """Ids as arrow text: the arrow data itself for arrow-backed columns, converted otherwise."""
    to_arrow = getattr(ids.array, "__arrow_array__", None)
    data = to_arrow() if to_arrow is not None else pa.array(np.asarray(ids, dtype=object), from_pandas=True)
    if not (pa.types.is_string(data.type) or pa.types.is_large_string(data.type) or pa.types.is_null(data.type)):
        raise pa.ArrowTypeError(f"ids of type {data.type}")  # numbers are not ids: no text match for them
    return data.cast(pa.large_string())  # one type on both sides of the lookup


def _reachable(g: nx.DiGraph, sources: set[str]) -> set[str]:
    """Multi-source BFS: ``sources`` plus everything reachable from them in ``g``."""
    seen = set(sources)
    frontier = list(sources)
    while frontier:
        nxt = []
        for node in frontier:
            for succ in g.successors(node):
                if succ not in seen:
                    seen.add(succ)
                    nxt.append(succ)
        frontier = nxt
    return seen
