"""GK0xx — the bundle's own integrity: unknown references, bad levels, cycles, values outside their lists.

These are findings, never crashes: an auditor sees every broken reference at once.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Iterable, Iterator

import networkx as nx
import numpy as np
import pandas as pd

from graphkpi.checks.registry import check, finding, tuples
from graphkpi.graph import PlanGraph
from graphkpi.load import guess
from graphkpi.load.places import area_lookup
from graphkpi.load.schema import NATIONAL
from graphkpi.load.values import arrow_strings, cells_past_printable_ascii, regex_where
from graphkpi.model import VALUE_LISTS, Finding, NodeKind, allowed_values
from graphkpi.sets import isin

# Unicode categories Cc (controls: ESC, NUL…) and Cf (invisible format characters: bidi
# overrides, zero-width joiners…), in RE2.
UNSAFE = r"[\p{Cc}\p{Cf}]"
UNSAFE_CATEGORIES = frozenset({"Cc", "Cf"})


def _missing(frame: pd.DataFrame, subject: str, ref: str, known: pd.Index | np.ndarray, via: str,
             kind: str, guess: Callable[[list[str]], dict[str, str]]) -> Iterator[Finding]:
    """``known``: the ids ``ref`` may name, or already a flag per row of ``frame`` (links' rows,
    looked up once by the graph). ``guess`` reads the few misses (:mod:`graphkpi.load.guess`):
    ``details.did_you_mean`` appears only when it has an answer."""
    found = known if isinstance(known, np.ndarray) else isin(frame[ref], known)
    rows = frame.loc[~found, [subject, ref]]   # the reference by position: subject and ref may be one column
    rows = rows[(rows.iloc[:, 1] != "").to_numpy()].drop_duplicates()   # blank: no reference (on the few misses)
    meant = guess(list(dict.fromkeys(rows.iloc[:, 1].tolist()))) if len(rows) else {}
    for subj, missing in tuples(rows):   # by position: subject and ref may be one column
        hint = {"did_you_mean": meant[missing]} if missing in meant else {}
        yield finding("GK001", subj, [missing], kind=kind, via=via, missing=missing, **hint)


@check("GK001", reads=("link_element_rows", "link_project_codes", "placed"))
def unknown_reference(g: PlanGraph) -> Iterator[Finding]:
    """Every reference that names a missing element, project, agency or KPI (a budget line's
    project too: its subject is the line's code), with what it probably meant when that is clear."""
    el, pj, ag, kp = g.elements.index, g.projects.index, g.agencies.index, g.kpis.index
    projects = g.projects.reset_index()
    agencies = g.agencies.reset_index()
    kpis = g.kpis.reset_index()
    elements = g.elements.reset_index()
    areas = g.areas.reset_index()
    E, P, A, K = (NodeKind.ELEMENT.value, NodeKind.PROJECT.value, NodeKind.AGENCY.value, NodeKind.KPI.value)
    R = NodeKind.AREA.value

    def ids_of(pool: pd.Index) -> Callable[[list[str]], dict[str, str]]:
        return lambda missing: guess.padded(missing, pool)

    def agency(missing: list[str]) -> dict[str, str]:   # digits without their zeros, else a name or abbreviation
        return {**guess.agencies_named(missing, g.agencies), **guess.padded(missing, ag)}

    def place(missing: list[str]) -> dict[str, str]:
        return guess.places(missing, area_lookup(g.areas), g.areas)

    # links from projects.csv, and project_links.csv's (GK001 names the file to fix)
    known = g.link_element_rows >= 0
    written = None if g.links_in_projects is None else np.asarray(g.links.index < g.links_in_projects)
    if written is None or written.all():   # no copy of 10⁶ links to cut them in two
        from_projects, from_file = (g.links, known), (g.links.iloc[:0], known[:0])
    else:
        from_projects, from_file = (g.links[written], known[written]), (g.links[~written], known[~written])
    seen: set[tuple] = set()
    sources = (
        (g.parents, "child", "parent", el, "elements.parents", E, ids_of(el)),
        (g.replacements, "element", "replacement", el, "elements.replaced_by", E, ids_of(el)),
        (from_projects[0], "project", "element", from_projects[1], "projects.links", P, ids_of(el)),
        (from_file[0], "project", "element", from_file[1], "project_links.element", P, ids_of(el)),
        (g.links, "project", "project", g.link_project_codes < len(pj), "project_links.project", P, ids_of(pj)),
        (projects, "id", "agency", ag, "projects.agency", P, agency),
        (agencies, "id", "ministry", ag, "agencies.ministry", A, agency),
        (g.leads, "element", "element", el, "leads.element", E, ids_of(el)),
        (g.leads, "element", "agency", ag, "leads.agency", E, agency),
        (kpis, "id", "element", el, "kpis.element", K, ids_of(el)),
        (g.kpi_agencies, "kpi", "kpi", kp, "kpi_agencies.kpi", K, ids_of(kp)),
        (g.kpi_agencies, "kpi", "agency", ag, "kpi_agencies.agency", K, agency),
        (g.project_areas, "project", "area", g.placed, "projects.provinces", P, place),
        (elements, "id", "area", (isin(elements["area"], g.areas.index) | (elements["area"] == NATIONAL)).to_numpy(),
         "elements.area", E, place),
        (areas, "id", "parent", g.areas.index, "areas.parent", R, place),
        (g.budget_lines, "code", "project", g.line_project_rows >= 0, "budget_lines.project",
         NodeKind.BUDGET_LINE.value, ids_of(pj)),
    )
    for frame, subject, ref, known, via, kind, meant in sources:
        for f in _missing(frame, subject, ref, known, via, kind, meant):
            if f.key not in seen:
                seen.add(f.key)
                yield f


@check("GK002")
def bad_level(g: PlanGraph) -> Iterator[Finding]:
    """Elements whose level the profile does not define."""
    bad = g.elements[~g.elements["level"].isin(g.profile.levels)]
    for element_id, level in bad["level"].items():
        yield finding("GK002", element_id, level=level, profile=g.profile.name)


@check("GK003", reads=("hierarchy",))
def cycle(g: PlanGraph) -> Iterator[Finding]:
    """One finding per strongly connected group of elements (or self-parent)."""
    yield from cycle_findings(g.hierarchy)


def cycle_findings(h: nx.DiGraph) -> Iterator[Finding]:
    """GK003 on a cascade graph (child → parent); computed at load for Neo4j too."""
    for component in nx.strongly_connected_components(h):
        members = sorted(component)
        if len(members) > 1 or h.has_edge(members[0], members[0]):
            yield finding("GK003", members[0], members[1:])


def unsafe_characters(text: str) -> list[str]:
    """The Cc and Cf characters of ``text``, as sorted distinct ``U+XXXX``."""
    return sorted({f"U+{ord(c):04X}" for c in text if unicodedata.category(c) in UNSAFE_CATEGORIES})


def unsafe_id_findings(rows: Iterable[tuple[str, str, str]]) -> Iterator[Finding]:
    """``(id, kind, file)`` rows whose id matched :data:`UNSAFE` → GK005 findings."""
    for subject, kind, file in rows:
        characters = unsafe_characters(subject)
        if characters:  # the regex prefilter and Python's Unicode tables agree; keep Python's word
            yield finding("GK005", subject, kind=kind, file=file, characters=characters)


@check("GK004")
def bad_value(g: PlanGraph) -> Iterator[Finding]:
    """Cells of the contract's fixed-list columns holding a value outside the list.

    The loader has read every accepted spelling as its value (:mod:`graphkpi.load.vocab`), so
    what is left outside the list is what the planner wrote; it is reported as written.
    """
    agencies = g.agencies[g.agencies["source"] == "bundle"]   # reference rows are graphkpi's own
    rows = {"leads.csv": (g.leads, "element", NodeKind.ELEMENT),
            "kpi_agencies.csv": (g.kpi_agencies, "kpi", NodeKind.KPI),
            "kpis.csv": (g.kpis.reset_index(), "id", NodeKind.KPI),
            "agencies.csv": (agencies.reset_index(), "id", NodeKind.AGENCY)}
    for file, column in VALUE_LISTS:
        frame, subject, kind = rows[file]
        bad = frame.loc[~frame[column].isin(allowed_values(file, column)), [subject, column]].drop_duplicates()
        for subj, value in bad.itertuples(index=False, name=None):
            yield finding("GK004", subj, kind=kind.value, file=file, column=column, value=value)


@check("GK005")
def unsafe_id(g: PlanGraph) -> Iterator[Finding]:
    """Ids that keep a control or invisible format character after the loader's trimming."""
    tables = ((g.elements, NodeKind.ELEMENT, "elements.csv"), (g.projects, NodeKind.PROJECT, "projects.csv"),
              (g.agencies, NodeKind.AGENCY, "agencies.csv"), (g.kpis, NodeKind.KPI, "kpis.csv"),
              (g.areas, NodeKind.AREA, "areas.csv"))
    for frame, kind, file in tables:
        ids = frame.index.to_series()   # ids are str already; astype(str) re-encoded 10⁶ of them
        text = arrow_strings(ids)
        # the regex only where a byte is not printable ASCII (which a Cc or Cf character never is)
        hit = regex_where(text, UNSAFE, cells_past_printable_ascii(text))
        yield from unsafe_id_findings((i, kind.value, file) for i in ids[hit])
