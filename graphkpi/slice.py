"""Which projects does the user mean: the filters ``--ministry``, ``--agency``, ``--province``,
``--exclude-national``, ``--year`` and ``--target``, resolved against the loaded plan.

A request (what was typed) is resolved into a :class:`Slice` (ids the bundle knows) once,
against a :class:`Directory` of agencies, areas and elements that either backend provides; an
unknown value is a :class:`SliceError` naming the closest known one. Selecting the slice's
projects is then set work per backend: :func:`select_projects` here over PlanGraph's tables
(NetworkX), parameterised Cypher on Neo4j. Which findings a slice keeps is decided in
:mod:`graphkpi.screen`, next to suppressions.
"""

from __future__ import annotations

import dataclasses
import difflib
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from graphkpi.load.guess import agency_names, nearby
from graphkpi.load.guess import name_key as _key
from graphkpi.load.places import area_lookup
from graphkpi.load.schema import NATIONAL
from graphkpi.load.values import BE_OFFSET, BE_THRESHOLD, clean_id
from graphkpi.sets import isin

FILTERS = ("ministry", "agency", "province", "year", "target")   # the options, in --help order
_YEAR = re.compile(r"^\s*(\d{4})\s*(?:[-–—]\s*(\d{4})\s*)?$")
_THAI_DIGITS = str.maketrans("๐๑๒๓๔๕๖๗๘๙", "0123456789")
# id → (Thai name, English name), "" where there is none: ids such as สธ or TH-50 are what JSON
# carries, but a person reading text, HTML or Excel (an English reader above all) needs the name
Names = Mapping[str, tuple[str, str]]


@dataclass(frozen=True)
class SliceRequest:
    """The filters as typed: each option repeatable, each value possibly a ``;``-list."""

    ministry: tuple[str, ...] = ()
    agency: tuple[str, ...] = ()
    province: tuple[str, ...] = ()
    year: tuple[str, ...] = ()
    target: tuple[str, ...] = ()
    exclude_national: bool = False

    def __post_init__(self) -> None:
        """One value given alone (``ministry="สธ"``, ``year=2567``) is that value, not its letters."""
        for key in FILTERS:
            value = getattr(self, key)
            if isinstance(value, (str, int)):
                object.__setattr__(self, key, (str(value),))
            elif not isinstance(value, tuple):
                object.__setattr__(self, key, tuple(str(v) for v in value))

    @classmethod
    def of(cls, exclude_national: bool = False, **given: Iterable[str]) -> SliceRequest:
        """From the options' values, ``;``-lists split, blanks dropped, order and first spelling kept."""
        def split(values: Iterable[str] | str | int) -> tuple[str, ...]:
            parts = (clean_id(p) for v in ([values] if isinstance(values, (str, int)) else values)
                     for p in str(v).split(";"))
            return tuple(dict.fromkeys(p for p in parts if p))
        return cls(**{k: split(given.get(k, ())) for k in FILTERS}, exclude_national=exclude_national)

    @property
    def given(self) -> bool:
        """Whether any filter was given: without one, every output stays as it was."""
        return self.exclude_national or any(getattr(self, k) for k in FILTERS)


@dataclass(frozen=True)
class Directory:
    """What a slice is resolved against, from either backend.

    ``agencies``: index id; ``name``, ``name_en``, ``abbr``, ``ministry_of`` (its ministry, itself
    when it has none). ``areas``: index id; ``level``, ``name``, ``name_en``, ``parent``.
    ``elements``: every plan element's id."""

    agencies: pd.DataFrame
    areas: pd.DataFrame
    elements: list[str]


@dataclass(frozen=True)
class Problem:
    """One value no id answers to: the option, the value and the closest known spelling."""

    option: str
    value: str
    suggestion: str | None = None
    names: tuple[str, str] = ("", "")   # the suggestion's Thai and English names, when it has them


class SliceError(ValueError):
    """Filters naming nothing the bundle knows; the CLI says each in the user's language, exit 2."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        super().__init__("; ".join(f"--{p.option} {p.value!r}" for p in problems))


@dataclass(frozen=True)
class Slice:
    """A resolved request. Empty tuples: no filter on that dimension.

    ``areas`` holds every area id a ``--province`` value covers (a cluster's or region's
    provinces, and their districts), ``national`` whether national projects are in, ``years``
    CE years."""

    ministries: tuple[str, ...] = ()
    agencies: tuple[str, ...] = ()
    provinces: tuple[str, ...] = ()
    areas: frozenset[str] = frozenset()
    national: bool = True
    years: tuple[int, ...] = ()
    targets: tuple[str, ...] = ()
    projects: int | None = field(default=None, compare=False)   # how many projects it holds, once known
    names: Names = field(default_factory=dict, compare=False)    # its ministries', agencies' and areas'

    def name(self, key: str, lang: str) -> str:
        """The name of one of its ids in ``lang`` ("" without one)."""
        return name_in(self.names, key, lang)

    @property
    def by_place(self) -> bool:
        """Whether places filter projects: ``--province`` or ``--exclude-national``."""
        return bool(self.provinces) or not self.national

    def counted(self, n: int) -> Slice:
        return dataclasses.replace(self, projects=n)

    def as_json(self, be: bool) -> dict[str, Any]:
        """The JSON outputs' ``"slice"``: each filter given (resolved ids; years as shown), the
        national rule and how many projects the slice holds."""
        out: dict[str, Any] = {}
        for key, values in (("ministry", self.ministries), ("agency", self.agencies),
                            ("province", self.provinces), ("target", self.targets)):
            if values:
                out[key] = list(values)
        if self.years:
            out["year"] = [y + BE_OFFSET if be else y for y in self.years]
        if self.by_place:
            out["national"] = self.national
        if self.projects is not None:
            out["projects"] = self.projects
        return out


def resolve(req: SliceRequest, d: Directory) -> Slice:
    """The ids ``req`` names; :class:`SliceError` listing every value that names nothing."""
    problems: list[Problem] = []
    ag = d.agencies
    ministry_ids = pd.Index(pd.unique(ag["ministry_of"].astype(str)))
    ministries = _names(req.ministry, "ministry", ag.loc[ag.index.isin(ministry_ids)], problems,
                        extra=ministry_ids.difference(ag.index))
    agencies = _names(req.agency, "agency", ag, problems)
    provinces, areas = _places(req.province, d.areas, problems)
    names = {**agency_names_of(ag, (*ministries, *agencies)), **area_names_of(d.areas, provinces)}
    years = _years(req.year, problems)
    known = set(d.elements)
    problems += [Problem("target", e, next(iter(nearby(e, list(d.elements))), None))
                 for e in req.target if e not in known]
    if req.exclude_national and NATIONAL in provinces:   # names national projects and leaves them out
        problems.append(Problem("exclude-national", NATIONAL))
    if problems:
        raise SliceError(problems)
    national = not req.exclude_national
    return Slice(ministries, agencies, tuple(provinces), frozenset(areas), national, years, tuple(req.target),
                 names=names)


def name_in(names: Names, key: str, lang: str) -> str:
    """``key``'s name in ``lang`` from ``names``; "" when it has none, or none but its id."""
    name = names.get(key, ("", ""))[lang == "en"]
    return "" if name == key else name


def agency_names_of(agencies: pd.DataFrame, ids: Iterable[str]) -> dict[str, tuple[str, str]]:
    """The Thai and English names of the agencies (ministries) ``ids`` that ``agencies`` holds.
    No fallback from English to Thai: an English reader gets the id rather than a Thai name."""
    return {i: (_cell(agencies, i, "name"), _cell(agencies, i, "name_en")) for i in ids if i in agencies.index}


def area_names_of(areas: pd.DataFrame, ids: Iterable[str]) -> dict[str, tuple[str, str]]:
    """The Thai and English names of the areas ``ids``, English falling back to Thai as every
    place graphkpi names does (:func:`graphkpi.render.i18n.area_names`)."""
    return {i: (_cell(areas, i, "name"), _cell(areas, i, "name_en") or _cell(areas, i, "name"))
            for i in ids if i in areas.index}


def _cell(table: pd.DataFrame, key: str, column: str) -> str:
    """A name cell as text: "" for a blank or missing one."""
    value = table.at[key, column] if column in table.columns else None
    if isinstance(value, pd.Series):   # an id twice (a refused bundle's, or a union's): its first row
        value = value.iloc[0]
    return "" if value is None or pd.isna(value) else str(value).strip()


def _names(values: tuple[str, ...], option: str, table: pd.DataFrame, problems: list[Problem],
           extra: Iterable[str] = ()) -> tuple[str, ...]:
    """Ids for ``values`` written as id, abbreviation, Thai or English name; ``extra``: ids that
    answer only to themselves (a ministry id a project names but agencies.csv lacks)."""
    lookup = agency_names(table)
    lookup.update({_key(i): str(i) for i in (*table.index, *extra)})
    out = []
    for v in values:
        hit = lookup.get(_key(v))
        if hit is None:
            meant = _close(_key(v), list(lookup), lookup)
            problems.append(Problem(option, v, meant, _named(agency_names_of, table, meant)))
        else:
            out.append(hit)
    return tuple(dict.fromkeys(out))


def _named(names_of: Callable[[pd.DataFrame, Iterable[str]], Names], table: pd.DataFrame,
           key: str | None) -> tuple[str, str]:
    """A suggestion's names, for the message that offers it (an English reader needs more than สธ)."""
    return names_of(table, [key]).get(key, ("", "")) if key else ("", "")


def _close(key: str, keys: list[str], to_id: dict[str, str] | None = None) -> str | None:
    """The closest known spelling (difflib), as its id when ``to_id`` maps it."""
    hit = difflib.get_close_matches(key, keys, n=1, cutoff=0.6)
    if not hit:
        return None
    return to_id[hit[0]] if to_id is not None else hit[0]


def _places(values: tuple[str, ...], areas: pd.DataFrame, problems: list[Problem]) -> tuple[list[str], set[str]]:
    """The areas ``values`` name (code, Thai or English name, with or without จ./จังหวัด, a
    reference alias — the loader's own lookup) and every area inside them."""
    if not values:
        return [], set()
    lookup = area_lookup(areas)
    named: list[str] = []
    for v in values:
        hit = lookup.get(v.strip().casefold())
        if hit is None:
            meant = _close(v.strip().casefold(), list(lookup), lookup)
            problems.append(Problem("province", v, meant, _named(area_names_of, areas, meant)))
        else:
            named.append(hit)
    named = list(dict.fromkeys(named))
    return named, inside(areas, {n for n in named if n != NATIONAL})


def inside(areas: pd.DataFrame, wanted: set[str]) -> set[str]:
    """``wanted`` and every area whose chain of parents passes through one of them (a region's
    clusters and provinces, a province's districts). One pass per level of nesting, a handful."""
    parent = areas["parent"].astype(str) if "parent" in areas.columns else pd.Series("", index=areas.index)
    out = set(wanted)
    frontier = set(wanted)
    while frontier:
        frontier = set(parent.index[parent.isin(frontier)]) - out
        out |= frontier
    return out


def _years(values: tuple[str, ...], problems: list[Problem]) -> tuple[int, ...]:
    """CE years of ``2567``, ``2024``, ``2566-2568`` (a range, either era, en dash too)."""
    out: list[int] = []
    for v in values:
        m = _YEAR.match(v.translate(_THAI_DIGITS))
        if m is None:
            problems.append(Problem("year", v))
            continue
        first, last = (_ce(int(y)) for y in (m.group(1), m.group(2) or m.group(1)))
        if first > last:
            problems.append(Problem("year", v))
            continue
        out.extend(range(first, last + 1))
    return tuple(sorted(set(out)))


def _ce(year: int) -> int:
    """A year as the loader reads fiscal_year: Buddhist Era at or above BE_THRESHOLD."""
    return year - BE_OFFSET if year >= BE_THRESHOLD else year


# --- NetworkX: the slice's projects as set work over PlanGraph's tables ---------------------

def directory(g: Any) -> Directory:
    """The :class:`Directory` of a PlanGraph."""
    ag = g.agencies.assign(ministry_of=g.agency_ministry)
    extra = pd.Index(pd.unique(g.project_ministry.astype(str))).difference(ag.index)
    if len(extra):   # ministries (or unknown agencies) that projects name without agencies.csv rows
        ag = pd.concat([ag, pd.DataFrame({"ministry_of": extra.to_numpy()}, index=extra)])
    for col in ("name", "name_en", "abbr"):
        ag[col] = ag[col].fillna("") if col in ag.columns else ""
    return Directory(ag, g.areas, g.elements.index.tolist())


def select_projects(g: Any, sl: Slice) -> pd.Index:
    """The ids of the projects in ``sl``: boolean masks over the projects table, one per filter;
    ``--target`` through the same element closure the checks use (:meth:`PlanGraph.reach_pairs`)."""
    pr = g.projects
    mask = np.ones(len(pr), dtype=bool)
    if sl.ministries:
        mask &= isin(g.project_ministry, sl.ministries)
    if sl.agencies:
        mask &= isin(pr["agency"], sl.agencies)
    if sl.years:
        mask &= pr["fiscal_year"].isin(sl.years).to_numpy()
    if sl.by_place:
        mask &= _placed(g, sl)
    if sl.targets:
        mask &= isin(pr.index, pd.Index(g.reach_pairs(sl.targets)["project"].unique()))
    return pr.index[mask]


def unplaced_projects(g: Any) -> list[str]:
    """The projects whose places are all unknown (GK001 names each), sorted: in no ``--province``
    slice. National projects are placed; a project naming no place is not one of these."""
    rows = g.area_project_rows
    named, placed = np.zeros(len(g.projects), dtype=bool), np.zeros(len(g.projects), dtype=bool)
    named[rows] = True
    placed[rows[g.placed]] = True   # the rows GK001 finds known, looked up once per graph
    return sorted(g.projects.index[named & ~placed])


def _placed(g: Any, sl: Slice) -> np.ndarray:
    """Per project row: placed in one of the slice's areas, or national while national projects are in."""
    pa, rows = g.project_areas, g.area_project_rows
    area = pa["area"]
    national = np.zeros(len(g.projects), dtype=bool)
    national[rows[(area == NATIONAL).to_numpy()]] = True
    if not sl.provinces:            # --exclude-national alone: every project but the national ones
        return ~national if not sl.national else np.ones(len(g.projects), dtype=bool)
    placed = np.zeros(len(g.projects), dtype=bool)
    placed[rows[isin(area, sl.areas)]] = True
    return placed | (national & sl.national)


def restricted(g: Any, projects: pd.Index) -> Any:
    """``g`` with only ``projects`` (their links, places and budget lines): the figures of stats,
    matrix and view are computed on it. Elements, agencies, leads and KPIs stay whole."""
    keep = isin(g.projects.index, projects)
    return dataclasses.replace(
        g, projects=g.projects[keep], links=g.links[isin(g.links["project"], projects)],
        project_areas=g.project_areas[isin(g.project_areas["project"], projects)],
        budget_lines=g.budget_lines[isin(g.budget_lines["project"], projects)])


def sliced_agencies(agencies: pd.DataFrame, sl: Slice) -> pd.Index:
    """The agencies ``--ministry``/``--agency`` name: the named ones and every agency of a named
    ministry (the ministry itself included); empty without those filters."""
    if not (sl.ministries or sl.agencies):
        return pd.Index([], dtype=object)
    hit = isin(agencies.index, sl.agencies) | isin(agencies["ministry_of"], sl.ministries)
    return agencies.index[hit].union(pd.Index(sl.ministries + sl.agencies))


def scope(g: Any, sl: Slice, projects: pd.Index) -> Any:
    """The :class:`graphkpi.screen.Scope` of ``sl`` on a PlanGraph: the elements its projects'
    chains pass through (the checks' own closure, :attr:`PlanGraph.link_closure`, joined to the
    slice's links), those its agencies lead or coordinate, and the KPIs of either."""
    from graphkpi.graph import COORDINATOR, LEAD
    from graphkpi.screen import Scope

    links = g.existing_links[isin(g.existing_links["project"], projects)]
    closure = g.link_closure
    elements = pd.Index(closure.loc[isin(closure["link"], pd.Index(links["element"].unique())), "element"].unique())
    agencies = sliced_agencies(directory(g).agencies, sl)
    if len(agencies):
        leads = g.leads[isin(g.leads["agency"], agencies) & isin(g.leads["role"], [LEAD, COORDINATOR])
                        & isin(g.leads["element"], g.elements.index)]
        elements = elements.union(pd.Index(leads["element"].unique()))
    kpis = g.kpis.index[isin(g.kpis["element"], elements)].union(
        pd.Index(g.kpi_agencies.loc[isin(g.kpi_agencies["agency"], agencies), "kpi"].unique()))
    return Scope(frozenset(projects), frozenset(elements), frozenset(kpis), frozenset(agencies))


def years_label(years: tuple[int, ...], be: bool) -> str:
    """CE ``years`` as people read them: runs of consecutive years as ``2566–2568``."""
    shown = [y + BE_OFFSET if be else y for y in years]
    runs: list[list[int]] = []
    for y in shown:
        if runs and y == runs[-1][-1] + 1:
            runs[-1].append(y)
        else:
            runs.append([y])
    return ", ".join(str(r[0]) if len(r) == 1 else f"{r[0]}–{r[-1]}" for r in runs)
