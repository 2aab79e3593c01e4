"""Checks on Neo4j: GK0xx as stored at load, the others as ``cypher/checks/GKxxx.cypher``.

GK0xx describe the bundle's rows and were computed once by the loader (:mod:`.stored`); the
chain, coverage, lead and KPI checks are Cypher traversals whose rows become findings here.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

import networkx as nx
import pandas as pd
from neo4j import Driver

from graphkpi.analysis.carried import PROJECT_FACTS, with_project_facts
from graphkpi.backends.base import BackendError, DownChain, Progress, UnsupportedError
from graphkpi.backends.neo4j import stored
from graphkpi.backends.neo4j.queries import has, query
from graphkpi.backends.neo4j.state import verified_state
from graphkpi.checks.duplicates import FRAGMENTATION_THRESHOLD, MIN_SIMILARITY, PROJECT_COLUMNS, duplicate_groups
from graphkpi.checks.kpis import YES
from graphkpi.checks.registry import catalog, finding
from graphkpi.checks.run import sort_findings
from graphkpi.graph import COORDINATOR, LEAD, condense, terminal_stops
from graphkpi.load.schema import NATIONAL
from graphkpi.model import VALUE_LISTS, Finding, Render, allowed_values
from graphkpi.profile import PROJECT_LEVEL, Profile
from graphkpi.screen import Scope
from graphkpi.slice import Directory, Slice, sliced_agencies

# Later kinds win when one id names two kinds of node, as in PlanGraph.names.
_NAME_PRECEDENCE = {"kpi": 0, "area": 1, "agency": 2, "project": 3, "element": 4}


class Neo4jBackend:
    """A plan graph loaded into Neo4j by ``graphkpi load``."""

    name = "neo4j"

    def __init__(self, driver: Driver, database: str, profile: Profile) -> None:
        self.driver, self.database, self.profile = driver, database, profile
        self.state = verified_state(driver, database)

    def still_whole(self) -> None:
        """Raise unless the graph is still the complete load this backend opened (checked after reading)."""
        try:
            now = verified_state(self.driver, self.database)
        except BackendError:
            now = None  # a load began (or the graph was damaged) while this backend read it
        if now is None or now["load_id"] != self.state["load_id"]:
            raise BackendError("changed", database=repr(self.database))

    @property
    def source(self) -> str:
        return str(self.state["source"] or "")

    @property
    def years_given_be(self) -> bool:
        return bool(self.state["years_given_be"])

    @property
    def files(self) -> frozenset[str]:
        return frozenset(self.state.get("files") or ())  # none recorded: loaded before budget lines

    @property
    def no_projects(self) -> bool:
        """Whether the bundle's projects.csv had a header and no rows (the CLI says so, as after a load)."""
        counts = json.loads(self.state["counts"]) if self.state.get("counts") else {}
        return "projects" in self.files and counts.get("GkProject") == 0

    def _read(self, name: str, **params: Any) -> list[dict[str, Any]]:
        q = query(name)
        with self.driver.session(database=self.database) as session:
            return session.execute_read(lambda tx: [r.data() for r in tx.run(q, **params)])

    def params(self) -> dict[str, Any]:
        """Everything a check query may use, from the profile (never from input)."""
        prof = self.profile
        area_levels = prof.area_levels
        return {
            "levels": sorted(prof.levels), "roots": sorted(prof.roots), "profile": prof.name,
            "allowed": {name: sorted(lv.parents) for name, lv in prof.levels.items()},
            "project_parents": sorted(prof.project_parents), "project_level": PROJECT_LEVEL,
            "target_level": prof.target_level, "factor_level": prof.factor_level,
            "target_plan_level": prof.target_plan_level,
            "area_levels": sorted(area_levels),
            "provincial_levels": sorted(lv for lv, a in area_levels.items() if a == "province"),
            "lead_required": sorted(prof.lead_required), "yes": list(YES),
            "integrated_level": prof.integrated_level, "threshold": FRAGMENTATION_THRESHOLD,
            "national": NATIONAL,
            "values": {f"{file.removesuffix('.csv')}.{column}": list(allowed_values(file, column))
                       for file, column in VALUE_LISTS},
        }

    def findings(self, codes: list[str], progress: Progress | None = None,
                 params: dict[str, dict[str, object]] | None = None,
                 render: Render | None = None) -> list[Finding]:
        """:meth:`Backend.findings`; ``render`` is left to the output (the server sends the findings)."""
        kept = [c for c in codes if c in self.state["stored"]]
        if any(c in stored.stored_codes() for c in codes if c not in kept):  # a code added since the load
            raise BackendError("outdated", database=repr(self.database), source=self.source)
        missing = [c for c in codes if c not in kept and not has(f"checks/{c}")]
        if missing:
            raise UnsupportedError(self.name, ", ".join(missing))
        out = self._stored(kept, progress)
        base = self.params()
        for code in codes:
            if code in kept:
                continue
            if progress:
                progress(code)
            own = (params or {}).get(code, {})
            rows = self._read(f"checks/{code}", **{**base, **own})
            out.extend(_ROWS_TO_FINDINGS.get(code, _findings)(code, rows, **own))
        self.still_whole()  # a load that started meanwhile would have made these figures partial
        return sort_findings(out)

    def _stored(self, codes: list[str], progress: Progress | None) -> list[Finding]:
        """The findings of ``codes`` that the load stored, in one read; refused when the graph
        was loaded with another profile (GK002 depends on its levels)."""
        if not codes:
            return []
        prof = self.profile
        if self.state["stored_for"] != stored.profile_key(prof.levels, prof.name):
            loaded = json.loads(self.state["stored_for"])["profile"]
            asked = prof.source or prof.name   # what --profile takes (a file's path, not its name)
            if loaded == prof.name:   # the same profile, its levels edited since the load
                raise BackendError("profile_changed", database=repr(self.database), asked=asked)
            raise BackendError("profile_mismatch", database=repr(self.database),
                               loaded=self.state.get("profile_source") or loaded, asked=asked)
        for code in codes:
            if progress:
                progress(code)
        (row,) = self._read("backend/stored_findings", codes=codes)
        return stored.from_columns(row)

    def names(self, ids: Iterable[str], lang: str = "th", kind: str | None = None) -> dict[str, str]:
        rows = self._read("backend/names", ids=sorted(set(ids)))
        best: dict[str, tuple[int, str]] = {}
        for r in rows:
            if kind is not None and r["kind"] != kind:
                continue
            name = (r["name_en"] if lang == "en" and r["name_en"] else r["name"]) or ""
            rank = _NAME_PRECEDENCE[r["kind"]]
            if r["id"] not in best or rank > best[r["id"]][0]:
                best[r["id"]] = (rank, name)
        return {k: v for k, (_, v) in best.items()}

    def levels(self, ids: Iterable[str]) -> dict[str, str]:
        return {r["id"]: r["level"] for r in self._read("backend/levels", ids=sorted(set(ids)))}

    def project_facts(self, ids: list[str], lang: str = "th") -> pd.DataFrame:
        rows = {r["project"]: r for r in self._read("backend/project_facts", ids=list(dict.fromkeys(ids)))}
        en = lang == "en"
        lines = "budget_lines" in self.files  # the column only with the file, as the NetworkX backend gives
        recs = []
        for pid in ids:
            r = rows.get(pid, {})
            recs.append({
                **_project_record(pid, r, r.get("areas"), en), "agency_name": _pick(r, "agency_name", en),
                "line_budget": float(r.get("line_budget") or 0.0) if r else float("nan"),
            })
        cols = ["project", "name", "agency", "agency_name", "ministry", "ministry_name", "fiscal_year", "budget",
                "provinces", *(["line_budget"] if lines else [])]
        frame = pd.DataFrame(recs, columns=cols)
        if len(frame):
            frame["fiscal_year"] = frame["fiscal_year"].astype("int64")
        frame["budget"] = frame["budget"].astype("float64")
        if lines:
            frame["line_budget"] = frame["line_budget"].astype("float64")
        return frame

    def coordinators(self, ids: Iterable[str]) -> pd.DataFrame:
        rows = self._read("backend/coordinators", ids=sorted(set(ids)))
        return pd.DataFrame(rows, columns=["element", "agency", "ministry"])

    def down_chain(self, element: str) -> DownChain:
        """Three reads: what the id is, the elements below it with their parents there, and the
        project links into them; the graph must not change between them (checked after)."""
        (kind,) = self._read("backend/reach_kind", id=element)
        if not kind["element"]:
            if kind["project"]:
                return DownChain("project")
            return DownChain("unknown", known=[r["id"] for r in self._read("backend/element_ids")])
        below = self._read("backend/reach_below", id=element)
        levels = {r["element"]: r["level"] for r in below}
        edges = pd.DataFrame([(r["element"], p) for r in below for p in r["parents"] if p in levels],
                             columns=["child", "parent"], dtype=object)
        links = pd.DataFrame(self._read("backend/reach_links", ids=sorted(levels)), columns=["project", "element"],
                             dtype=object)
        self.still_whole()
        return DownChain("element", levels=levels, edges=edges.drop_duplicates(ignore_index=True),
                         links=links.drop_duplicates(ignore_index=True))
    # --- slices (graphkpi.slice): the same sets as the NetworkX backend's, by Cypher ---------

    def directory(self) -> Directory:
        agencies = pd.DataFrame(self._read("backend/slice_agencies"),
                                columns=["id", "name", "name_en", "abbr", "ministry_of"]).set_index("id")
        areas = pd.DataFrame(self._read("backend/slice_areas"),
                             columns=["id", "level", "name", "name_en", "parent"]).set_index("id")
        elements = [r["id"] for r in self._read("backend/slice_elements")]
        self.still_whole()
        return Directory(agencies, areas, elements)

    def slice_projects(self, sl: Slice) -> pd.Index:
        rows = self._read("backend/slice_projects", ministries=list(sl.ministries) or None,
                          agencies=list(sl.agencies) or None, years=list(sl.years) or None,
                          areas=sorted(sl.areas) if sl.provinces else None, national=sl.national,
                          targets=list(sl.targets) or None)
        self.still_whole()
        return pd.Index(sorted(r["id"] for r in rows), dtype=object)

    def unplaced_projects(self) -> list[str]:
        ids = [r["id"] for r in self._read("backend/unplaced_projects")]
        self.still_whole()
        return ids

    def slice_scope(self, sl: Slice, projects: pd.Index) -> Scope:
        agencies = sliced_agencies(self.directory().agencies, sl)
        (row,) = self._read("backend/slice_scope", projects=projects.tolist(), agencies=agencies.tolist(),
                            roles=[LEAD, COORDINATOR])
        self.still_whole()
        return Scope(frozenset(projects), frozenset(row["elements"]), frozenset(row["kpis"]), frozenset(agencies))

    def close(self) -> None:
        self.driver.close()


def _pick(r: dict[str, Any], col: str, en: bool) -> str:
    """``col`` of a row, its ``col_en`` instead in English when there is one."""
    return (r.get(f"{col}_en") if en and r.get(f"{col}_en") else r.get(col)) or ""


def _project_record(pid: str, r: dict[str, Any], written: list[str] | None, en: bool) -> dict[str, Any]:
    """A project's facts (as ``project_facts`` lists them) from a row of a query that read the
    project and its ministry; ``written``: its places as written."""
    return {"project": pid, "name": r.get("name") or "", "agency": r.get("agency") or "",
            "ministry": r.get("ministry") or "", "ministry_name": _pick(r, "ministry_name", en),
            "fiscal_year": r.get("fiscal_year"),
            "budget": r["budget"] if r.get("budget") is not None else float("nan"),
            "provinces": ";".join(sorted(written or []))}


def _duplicate_rows(code: str, rows: list[dict[str, Any]], min_similarity: float = MIN_SIMILARITY) -> list[Finding]:
    """GK301's blocking rows (one per project and sub-target) → the shared title matching; the
    findings carry their projects' facts from the same rows (:mod:`graphkpi.analysis.carried`)."""
    cols = ["project", "element", "ministry", "fiscal_year", "budget", "name", "objective", "areas"]
    frame = pd.DataFrame(rows, columns=cols)
    projects = frame.drop_duplicates("project").set_index("project")
    projects["budget"] = projects["budget"].astype("float64")
    areas = projects["areas"].explode().dropna().rename("area").reset_index()
    found = duplicate_groups(projects[PROJECT_COLUMNS], frame[["project", "element"]], areas, min_similarity)
    involved = {p for f in found for p in (f.subject, *f.related)}
    seen = {r["project"]: r for r in rows if r["project"] in involved}
    facts = pd.DataFrame([{**_project_record(p, r, r["written"], False),
                           "ministry_name_en": _pick(r, "ministry_name", True)} for p, r in seen.items()],
                         columns=PROJECT_FACTS)
    return with_project_facts(found, facts.set_index("project").copy)


def _findings(code: str, rows: list[dict[str, Any]], **_: object) -> list[Finding]:
    """Rows (subject, related, kind?, details, rank?) → findings; on a repeated key the lowest rank wins."""
    default_kind = catalog()[code].subject_kind
    best: dict[tuple, tuple[int, Finding]] = {}
    for r in rows:
        f = Finding(code=code, subject=str(r["subject"]), subject_kind=r.get("kind") or default_kind,
                    related=tuple(sorted({str(x) for x in r["related"]})), details=dict(r["details"]))
        rank = r.get("rank", 0)
        if f.key not in best or rank < best[f.key][0]:
            best[f.key] = (rank, f)
    return [f for _, f in best.values()]


def _broken_rows(code: str, rows: list[dict[str, Any]], **_: object) -> list[Finding]:
    """GK201's links of broken projects and the cascade above them → where each chain stops.

    The edges cover every element that cannot reach a root, and nothing above such an element
    can, so the terminal groups of this part are those of the whole cascade.
    """
    (r,) = rows
    links = list(zip(r["projects"], r["links"], strict=True))
    h = nx.DiGraph(zip(r["children"], r["parents"], strict=True))
    h.add_nodes_from(r["links"])
    c, group_of, smallest = condense(h)
    stops = {e: terminal_stops(c, smallest, set(), group_of[e]) for e in set(r["links"])}
    per_project: dict[str, set[str]] = {}
    for project, element in links:
        per_project.setdefault(project, set()).update(stops[element])
    return [finding(code, p, break_at=sorted(at)) for p, at in per_project.items()]


# Checks whose Cypher only gathers rows for a Python stage shared with the NetworkX backend;
# the others return finished findings. Parameters given for a check reach its stage here.
# GK201 needs strongly connected groups, which Cypher cannot form without a walk per element;
# its query reads the (small) part of the cascade that matters.
_ROWS_TO_FINDINGS: dict[str, Any] = {"GK201": _broken_rows, "GK301": _duplicate_rows}
