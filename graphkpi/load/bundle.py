"""Assemble a :class:`PlanGraph` from a bundle, or fail with every problem at once.

Fatal problems (missing files or columns, unreadable files, duplicate ids, unreadable
years or budgets) stop the load with exit code 2. Broken references, cycles and bad levels
are *not* fatal: they load, and the checks report them (GK001–GK003).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from graphkpi import reference
from graphkpi.graph import PlanGraph
from graphkpi.load.budget import parse_lines
from graphkpi.load.deferred import DeferredColumns
from graphkpi.load.errors import BundleError, Problem, problem
from graphkpi.load.limits import Limits
from graphkpi.load.places import area_lookup
from graphkpi.load.schema import FILES
from graphkpi.load.sources import RawTable, quoted, read_tables, unread_columns
from graphkpi.load.sources import cells_problem as _cells_problem
from graphkpi.load.values import (
    arrow_strings,
    as_column,
    by_distinct,
    clean_ids,
    explode_list,
    explode_list_at,
    first_byte_in,
    is_blank,
    parse_money,
    parse_numbers,
    parse_years,
    regex_where,
    repeated_rows,
)
from graphkpi.load.vocab import read_values
from graphkpi.profile import Profile, load_profile

Progress = Callable[[str], None]


# What begins a sheet's totals or subtotals row: รวม, รวม สธ., รวมทั้งสิ้น, ยอดรวม, Total, Subtotal: ministry X.
# An id is a code, so any id beginning with รวม is one; a cell of a row without id may be a project's
# name (รวมพลังชุมชน…), so there รวม must stand alone or begin a word of totals (รวมทั้งสิ้น, รวมกระทรวง…).
_ENGLISH = r"(?:grand\s+|sub-?)?totals?\b|sum\b"
TOTAL_ID = rf"^\s*(?:ยอดรวม|รวม|{_ENGLISH})"
_TOTAL_CELL = re.compile(rf"^\s*(?:ยอดรวม|รวม(?:\s|$|:|ทั้ง|ยอด|งบ|กระทรวง|กรม|จังหวัด|หน่วย)|{_ENGLISH})", re.IGNORECASE)


REQUIRED_VALUES = ("agency", "fiscal_year", "project", "element", "kpi", "level")   # besides the id


def _check_ids(table: RawTable, problems: list[Problem]) -> None:
    """Required values present; ids unique (every row of a duplicate is reported, with its twins).
    Each required column's blank cells are found once, for the non-data rows and for these checks."""
    spec = table.spec
    blanks = {col: is_blank(table.frame[col]) for col in spec.required
              if col in table.frame.columns and (col == spec.id_column or col in REQUIRED_VALUES)}
    gone = _drop_non_data(table, problems, blanks)
    if gone.any():
        blanks = {col: blank[~gone] for col, blank in blanks.items()}
    frame = table.frame
    for col, blank in blanks.items():
        problems += _cells_problem(table, frame.index[blank], col, "required_value")
    if spec.id_column and spec.id_column in frame.columns:
        ids = frame[spec.id_column]
        if _increasing(ids):   # ids in order (as exported): none can repeat, nothing to hash
            return
        dup = ids.duplicated(keep=False).to_numpy() & ~(blanks[spec.id_column] if spec.id_column in blanks
                                                         else is_blank(ids))
        if not dup.any():
            return
        positions = np.flatnonzero(dup)
        rows = pd.Series([table.row_number(int(i)) for i in positions], index=ids.iloc[positions].to_numpy())
        twins = rows.groupby(level=0, sort=False).agg(lambda r: ", ".join(map(str, r)))
        for value, row in rows.items():
            problems.append(problem(table.label, int(row), spec.id_column, "duplicate_id", id=repr(value),
                                    rows=twins[value]))


def _drop_non_data(table: RawTable, problems: list[Problem], blanks: dict[str, np.ndarray]) -> np.ndarray:
    """Report the rows that are the sheet's totals, subtotals, headings or notes, not data, once
    each as such, and leave them out (so that no required cell, repeated id or bad amount of theirs
    is reported too, nor a subtotal loaded as a project named รวม):

    - an id (the first required column, in a file without ids) that begins with รวม, ยอดรวม,
      Total… (``รวม กก02 2566`` in the id column, a sum in the budget's), or a row without id with
      a cell that begins so;
    - a row lacking a required value that holds text in one cell only (a ministry's heading across
      the table, ``หมายเหตุ: …`` under it), whichever column that cell is in.

    ``blanks``: the required columns' blank cells. Returns the rows left out.
    """
    frame, spec = table.frame, table.spec
    key = spec.id_column or spec.required[0]
    drop = np.zeros(len(frame), dtype=bool)
    if key not in frame.columns or frame.empty:
        return drop
    named = _total_ids(arrow_strings(frame[key]))
    blank = blanks[key] if key in blanks else is_blank(frame[key])
    lacking = np.logical_or.reduce([blank, *blanks.values()])
    for i in np.flatnonzero(named | lacking)[:_TOTALS_LOOKED_AT]:   # bad input anyway: few
        cells = [str(v).strip() for v in frame.iloc[i] if str(v).strip()]
        word = (next((c for c in cells if _TOTAL_CELL.match(c)), None) if blank[i]
                else str(frame[key].iat[i]).strip() if named[i] else None)
        if word is not None:
            problems.append(problem(table.label, table.row_number(int(i)), None, "totals_row", word=quoted(word)))
        elif len(cells) == 1:
            problems.append(problem(table.label, table.row_number(int(i)), None, "text_row", text=quoted(cells[0])))
        else:
            continue
        drop[i] = True
    if drop.any():
        table.drop(drop)
    return drop


_TOTALS_LOOKED_AT = 1000

# The first bytes a cell that TOTAL_ID matches can begin with: white space, Thai ย and ร (E0), and
# g, s, t in either case or the long s (ſ) that folds to s (tests/load/test_sheet_rows.py checks every
# character).
TOTAL_FIRST = frozenset(c.encode()[0] for c in "\t\n\x0b\x0c\r ยรgGsStTſ")


def _total_ids(ids: pa.Array | pa.ChunkedArray) -> np.ndarray:
    """Per id, whether it begins a totals row (TOTAL_ID); the regex runs only on the ids whose first
    byte could begin one, none in a national file of codes (0.03 s for 10⁶ ids otherwise)."""
    return regex_where(ids, TOTAL_ID, first_byte_in(ids, TOTAL_FIRST), ignore_case=True)


def _increasing(ids: pd.Series) -> bool:
    """Whether each id sorts (as UTF-8 bytes) strictly after the one before: a comparison of
    neighbours, a tenth of hashing 10⁶ ids to look for a repeat."""
    if len(ids) < 2:
        return True
    arr = arrow_strings(ids)
    after = pc.greater(arr.slice(1), arr.slice(0, len(arr) - 1))
    return after.null_count == 0 and bool(pc.all(after).as_py())


REFERENCE_COLUMNS = ("id", "level", "agency", "ministry", "element", "project", "kpi", "role", "measured",
                     "parents", "links", "provinces", "area", "parent", "fiscal_year", "budget", "direction",
                     "valid_from", "valid_to", "replaced_by")


def _strip(frame: pd.DataFrame) -> pd.DataFrame:
    """Trim ids, references and numbers (free text is kept as written)."""
    for col in frame.columns:
        if col in REFERENCE_COLUMNS:
            frame[col] = clean_ids(frame[col])
    return frame


def _empty(columns: tuple[str, ...]) -> pd.DataFrame:
    return pd.DataFrame({c: pd.Series(dtype=object) for c in columns})


def _table(tables: dict[str, RawTable], key: str) -> pd.DataFrame:
    """The table's frame with every contract column (empty when the file lacks it), but those
    left in the file (:mod:`graphkpi.load.deferred`)."""
    spec = FILES[key]
    if key not in tables:
        return _empty(spec.required + spec.optional)
    frame = tables[key].frame
    left = tables[key].deferred.columns if tables[key].deferred else ()
    for col in spec.required + spec.optional:
        if col not in frame.columns and col not in left:
            frame[col] = ""
    return frame


# What the checks read of projects.csv. The rest (names, objectives, status, extra columns) only
# GK301 and the commands that show projects read: ``load_bundle(text=False)`` leaves it in the file.
PROJECT_STRUCTURE = frozenset({"id", "agency", "fiscal_year", "budget", "provinces", "links"})


def _normalise_areas(col: pd.Series, lookup: dict[str, str]) -> pd.Series:
    """Map area aliases to ids, once per distinct value (a national bundle repeats them a lot)."""
    uniques, codes = by_distinct(col)
    ids = pa.array([lookup.get(a.casefold(), a) if a else a for a in uniques], pa.large_string())
    return as_column(pc.take(ids, codes), col)


def _fill_from_reference(own: pd.DataFrame, ref: pd.DataFrame, wanted: set[str],
                         parents_of: Callable[[pd.DataFrame], set[str]] | None = None) -> pd.DataFrame:
    """Add reference rows the bundle refers to but does not define (transitively)."""
    added: list[pd.DataFrame] = []
    have = set(own.index)
    todo = (wanted - have) & set(ref.index)
    while todo:
        rows = ref.loc[sorted(todo)]
        added.append(rows)
        have |= todo
        todo = ((parents_of(rows) if parents_of else set()) - have) & set(ref.index)
    if not added:
        return own
    extra = pd.concat(added)
    extra = extra.assign(source="reference").drop(columns=["fidelity"], errors="ignore")
    return pd.concat([own, extra.reindex(columns=own.columns, fill_value="")])


def _distinct(col: pd.Series) -> set[str]:
    """The set of a column's values, hashed in arrow before any Python string is made."""
    return set(pd.unique(col))


def _split(col: pd.Series) -> set[str]:
    return {s.strip() for cell in col for s in str(cell).split(";") if s.strip()}


PERIOD_COLUMNS = ("valid_from", "valid_to")


def _periods(tables: dict[str, RawTable], problems: list[Problem]) -> dict[str, pd.Series]:
    """elements.csv's ``valid_from`` and ``valid_to`` as CE years by element id (NaN: open end).

    Read by the projects' year parser, so ``2561``, ``2018`` and ``พ.ศ. ๒๕๖๑`` mean the same
    year; an unreadable cell, or a period that ends before it starts, is bad input.
    """
    elements = _table(tables, "elements")
    out: dict[str, pd.Series] = {}
    for col in PERIOD_COLUMNS:
        blank = is_blank(elements[col])
        years, _, bad = parse_years(elements[col])
        if "elements" in tables:
            problems += _cells_problem(tables["elements"], bad[~blank[elements.index.get_indexer(bad)]], col,
                                       "bad_year", quote=True)
        out[col] = pd.Series(years.where(~blank & ~elements.index.isin(bad)).to_numpy(dtype="float64"),
                             index=elements["id"].to_numpy(), dtype="float64")
    inverted = (out["valid_from"] > out["valid_to"]).to_numpy()
    if inverted.any() and "elements" in tables:
        problems += _cells_problem(tables["elements"], elements.index[inverted], "valid_to", "bad_period",
                                   quote=True)
    return out


def _deferred(tables: dict[str, RawTable], projects: pd.DataFrame) -> DeferredColumns | None:
    """projects.csv's columns left in the file, knowing the projects' ids row by row."""
    table = tables.get("projects")
    if table is None or table.deferred is None:
        return None
    return table.deferred.with_ids(arrow_strings(projects.index.to_series()))


def load_bundle(source: str | Path, profile: Profile | str | None = None,
                progress: Progress | None = None, text: bool = True) -> PlanGraph:
    """Load ``source`` (a folder of CSVs or an ``.xlsx`` workbook) into a :class:`PlanGraph`.

    ``text=False``: projects.csv's free text (every column but :data:`PROJECT_STRUCTURE`) is
    left in the file when the file allows it, and read for the rows asked (``PlanGraph.names``);
    the problems found, and so the findings, are the same. Raises :class:`BundleError` listing
    every fatal problem; nothing is half-loaded.
    """
    source = Path(source)
    prof = profile if isinstance(profile, Profile) else load_profile(profile or "th-xyz")
    note = progress or (lambda _msg: None)
    problems: list[Problem] = []
    try:
        limits = Limits.from_env()
    except ValueError as exc:  # the variable's name
        raise BundleError([problem(str(exc), None, None, "bad_limit")]) from None
    note("read files")
    tables = read_tables(source, problems, limits, keep=None if text else {"projects": PROJECT_STRUCTURE})
    if "elements" in tables and tables["elements"].frame.empty:  # no plan: every reference would be unknown
        problems.append(problem(tables["elements"].label, None, None, "no_elements"))
    line_problems: list[Problem] = []
    with ThreadPoolExecutor(1) as pool:   # the budget lines on the other core meanwhile
        lines = pool.submit(_budget_lines, tables.get("budget_lines"), line_problems)
        for key, table in tables.items():
            if key != "budget_lines":
                _prepared(table, problems)
        note("parse values")
        return _graph(tables, problems, lines, line_problems, pool.submit, prof, source, note)


def _project_places(ids: pd.Series, cells: pd.Series, lookup: dict[str, str]) -> tuple[pd.DataFrame, np.ndarray]:
    """The projects' places as an edge table (areas by their ids) and each edge's project row."""
    project_areas, rows = explode_list_at(ids, cells, "project", "area")
    project_areas["area"] = _normalise_areas(project_areas["area"], lookup)
    return project_areas, rows


def _budget_lines(table: RawTable | None, problems: list[Problem]) -> pd.DataFrame:
    """budget_lines.csv's table trimmed, checked and parsed (:func:`parse_lines`), its problems
    added to ``problems``: the work of a file no other table needs until the graph is built."""
    if table is not None:
        _prepared(table, problems)
    return parse_lines(table, problems)


def _prepared(table: RawTable, problems: list[Problem]) -> None:
    """A table's references trimmed, its non-data rows left out and its ids checked."""
    _strip(table.frame)
    _check_ids(table, problems)


def _repeated_links(links: pd.DataFrame, start: int) -> np.ndarray:
    """Per link: whether an earlier link holds the same pair, when those before ``start`` (each
    project's own list, with one row per project id) hold each pair once already. A later link
    can then repeat only a link of a project that one of them names: the other projects' links
    are not compared (the 3·10⁶ pairs encoded to find the repeats among 1.7·10⁵ took 0.45 s)."""
    project, element = arrow_strings(links["project"]), arrow_strings(links["element"])
    named = pc.is_in(project.slice(0, start), value_set=pc.unique(project.slice(start)))
    rows = np.concatenate([np.flatnonzero(named.to_numpy(zero_copy_only=False)), np.arange(start, len(links))])
    picked = pa.array(rows)
    repeated = np.zeros(len(links), dtype=bool)
    repeated[rows] = repeated_rows(pa.table([project.take(picked), element.take(picked)], names=["project", "element"]))
    return repeated


def _graph(tables: dict[str, RawTable], problems: list[Problem],
           lines: Future[pd.DataFrame], line_problems: list[Problem], later: Callable[..., Future[Any]],
           prof: Profile, source: Path, note: Progress) -> PlanGraph:
    """The graph of the bundle's tables (read, trimmed, ids checked), or :class:`BundleError`
    with every problem: ``problems`` so far, the values', and the budget ``lines``' (trimmed,
    checked and parsed meanwhile on another thread, adding their problems to ``line_problems``).
    The graph is built while the lines are, and dropped if they are bad. ``later``: work given to
    the lines' thread after them (the projects' places, when that thread is free before this one
    needs them)."""
    unread = tuple((t.label, header, column) for t in tables.values() for header, column in unread_columns(t))
    hidden = tuple((t.label, t.hidden) for t in tables.values() if t.hidden)
    projects = _table(tables, "projects")
    years, given_be, bad_years = parse_years(projects["fiscal_year"])
    if "projects" in tables:
        blank = set(projects.index[is_blank(projects["fiscal_year"])])
        problems += _cells_problem(tables["projects"], pd.Index([i for i in bad_years if i not in blank]),
                                   "fiscal_year", "bad_year", quote=True)
    budget, bad_budget = parse_money(projects["budget"])
    if "projects" in tables:
        for key, where in bad_budget.items():
            problems += _cells_problem(tables["projects"], where, "budget", key, quote=True)
    periods = _periods(tables, problems)
    kpis = _table(tables, "kpis")
    for col in ("baseline", "target", "plan_target"):
        numbers, nonfinite = parse_numbers(kpis[col])
        if "kpis" in tables:
            problems += _cells_problem(tables["kpis"], nonfinite, col, "nonfinite_number", quote=True)
        kpis[col] = numbers
    if problems:
        lines.result()
        raise BundleError(problems + line_problems)

    note("build graph")
    elements = _table(tables, "elements").set_index("id", drop=True)
    elements["source"] = "bundle"
    parents = explode_list(elements.index.to_series(), elements["parents"], "child", "parent")
    replacements = explode_list(elements.index.to_series(), elements["replaced_by"], "element", "replacement")
    projects = projects.assign(fiscal_year=years.to_numpy(), budget=budget.to_numpy()).set_index("id", drop=True)
    areas = _table(tables, "areas").set_index("id", drop=True) if "areas" in tables else reference.areas()
    areas["level"] = areas["level"].str.lower()
    lookup = area_lookup(areas)
    # the projects' places on the lines' thread once the lines are done, the rest of the graph here
    # meanwhile; made here if that thread has not begun them when they are wanted (5·10⁶ places of
    # 10⁶ projects take a second; when the lines take as long as the graph, either thread may)
    project_ids = projects.index.to_series()
    place_args = (project_ids, projects["provinces"], lookup)
    places = later(_project_places, *place_args)
    links, link_rows = explode_list_at(project_ids, projects["links"], "project", "element")
    in_projects = len(links)   # concat then dedup keeps these first: labels below it are projects.csv's
    extra_links = _table(tables, "project_links")[["project", "element"]]
    if len(extra_links):   # without it, nothing to add: no dedup of 10⁶ pairs, and the text stays arrow's
        links = pd.concat([links, extra_links], ignore_index=True)
        # each pair once, where it first occurs (drop_duplicates hashed the 3·10⁶ text pairs: 0.6 s)
        repeated = _repeated_links(links, in_projects)
        links = links[~repeated].reset_index(drop=True) if repeated.any() else links
    agencies = _table(tables, "agencies").set_index("id", drop=True)
    agencies["source"] = "bundle"
    agencies["kind"] = read_values(agencies["kind"], "agencies.csv", "kind")
    leads = _table(tables, "leads")[["element", "agency", "role"]].copy()
    leads["role"] = read_values(leads["role"], "leads.csv", "role").replace("", "lead")
    kpis = kpis.set_index("id", drop=True)
    kpis["direction"] = read_values(kpis["direction"], "kpis.csv", "direction").replace("", "up")
    kpis["class"] = read_values(kpis["class"], "kpis.csv", "class")   # empty: evaluated
    reason = kpis["shortfall_reason"]  # free text, kept as written; only a blank one counts as none
    kpis["shortfall_reason"] = reason.where(reason.str.strip() != "", "")
    kpi_agencies = _table(tables, "kpi_agencies")[["kpi", "agency", "role", "measured"]].copy()
    kpi_agencies["role"] = read_values(kpi_agencies["role"], "kpi_agencies.csv", "role")
    kpi_agencies["measured"] = read_values(kpi_agencies["measured"], "kpi_agencies.csv", "measured")

    elements["area"] = _normalise_areas(elements["area"], lookup)

    wanted_el = (_distinct(parents["parent"]) | _distinct(links["element"]) | _distinct(leads["element"])
                 | _distinct(kpis["element"]) | _distinct(replacements["replacement"]))
    elements = _fill_from_reference(elements, reference.elements(), wanted_el,
                                    lambda rows: _split(rows["parents"]))
    ref_parents = explode_list(elements.index[elements["source"] == "reference"].to_series(),
                               elements.loc[elements["source"] == "reference", "parents"], "child", "parent")
    parents = pd.concat([parents, ref_parents], ignore_index=True)
    for col, years_ce in periods.items():   # reference rows are in force without end
        elements[col] = years_ce.reindex(elements.index)
    wanted_ag = (_distinct(projects["agency"]) | _distinct(agencies["ministry"]) | _distinct(leads["agency"])
                 | _distinct(kpi_agencies["agency"])) - {""}
    agencies = _fill_from_reference(agencies, reference.agencies(), wanted_ag)
    project_areas, area_rows = _project_places(*place_args) if places.cancel() else places.result()
    budget_lines = lines.result()   # the graph so far is dropped when they are bad
    if line_problems:
        raise BundleError(line_problems)

    return PlanGraph(
        profile=prof, elements=elements, parents=parents, projects=projects, links=links,
        project_areas=project_areas, agencies=agencies, areas=areas, leads=leads, kpis=kpis,
        kpi_agencies=kpi_agencies, budget_lines=budget_lines, source=source, files=frozenset(tables),
        years_given_be=bool(given_be.mean() >= 0.5) if len(given_be) else False,
        encodings={t.label: t.encoding for t in tables.values()}, replacements=replacements,
        unread=unread, hidden_rows=hidden,
        links_in_projects=in_projects, project_rows={"links": link_rows, "project_areas": area_rows},
        deferred=_deferred(tables, projects), unique_project_ids=True,   # a repeated id was refused above
    )
