"""What each view shows: a small graph of elements and projects (or aggregates of projects).

Modes: the overview (strategies, master plans, sub-targets, sized and coloured by what
reaches them); a focus on one element or project (its chains up to Z and what hangs below);
a ministry's or a province's projects and the targets they reach; the findings of one code
with their chains. Above ``max_nodes`` projects are aggregated per element and ministry, and
the view says so.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from graphkpi.analysis.projects import project_facts
from graphkpi.checks.registry import catalog
from graphkpi.graph import PlanGraph
from graphkpi.model import Finding
from graphkpi.periods import period
from graphkpi.profile import PROJECT_LEVEL
from graphkpi.sets import isin, mapped
from graphkpi.views.reach import counts_below, nearest_shown

OVERVIEW_LEVELS = ("strategy", "master_plan")
# Above this many projects a view groups them: a row of hundreds of project nodes cannot be read.
GROUP_ABOVE = 300
# Group levels, coarsest first: projects per target (every ministry), per target and ministry, and
# per target, ministry and agency. A target's group id ends in "|*" (a ministry's in "|" + its id).
TARGET, PAIR, AGENCY = ["element"], ["element", "ministry"], ["element", "ministry", "agency"]
# Plan elements a slice's projects may link to before the view hangs them from the sub-targets
# their chains reach instead: past this, one group per linked element is a wall of one-project
# groups (701 projects of one province linked 600 elements and made 661 groups).
READABLE_ELEMENTS = 200
# Projects a page carries inside its groups (to open them and to search): about 0.6 kB each, so a
# ministry of 20,000 stays a page a browser opens; above it, groups open down to agencies only.
EMBED_PROJECTS = 20_000


@dataclass
class Node:
    id: str
    kind: str                      # element, project, group (aggregated projects)
    level: str
    label: str
    info: dict[str, Any] = field(default_factory=dict)   # tooltip lines, in order
    ministry: str = ""
    value: float = 1.0             # size
    coverage: float | None = None  # 0..1, overview colouring
    severity: str = ""             # worst finding on it
    findings: list[str] = field(default_factory=list)


@dataclass
class ViewGraph:
    """Nodes and edges (child → parent) of one view, and what the page should say about it."""

    title: str
    mode: str
    nodes: dict[str, Node] = field(default_factory=dict)
    edges: set[tuple[str, str]] = field(default_factory=set)
    notes: list[str] = field(default_factory=list)
    explanation: dict[str, str] = field(default_factory=dict)
    # edges that are out of period (GK205) → the upper element's period [from, to] (CE, None: open)
    out_of_period: dict[tuple[str, str], list[int | None]] = field(default_factory=dict)
    # a focused project that does not reach Z → the elements `graphkpi suggest` offers, with their score
    suggested: dict[tuple[str, str], float] = field(default_factory=dict)
    # nodes the page carries but does not draw until a click opens their group, and what each group
    # opens into (group id → child ids); every group and child hangs from one element (``anchor``)
    hidden: dict[str, Node] = field(default_factory=dict)
    expand: dict[str, list[str]] = field(default_factory=dict)
    anchor: dict[str, str] = field(default_factory=dict)
    years_given_be: bool = True   # the bundle's era: the page's years, unless render_view is told otherwise

    def add(self, node: Node) -> Node:
        return self.nodes.setdefault(node.id, node)


class Selector:
    """Builds views from a PlanGraph and its findings."""

    def __init__(self, g: PlanGraph, findings: list[Finding], lang: str, max_nodes: int,
                 group_above: int = GROUP_ABOVE, embed_projects: int = EMBED_PROJECTS) -> None:
        self.g, self.lang, self.max_nodes = g, lang, max_nodes
        self.group_above, self.embed_projects = group_above, embed_projects
        self.by_subject: dict[str, list[Finding]] = defaultdict(list)
        for f in findings:   # only what is drawn: a KPI or a budget line sharing an element's id marks nothing
            if f.subject_kind in DRAWN:
                self.by_subject[f.subject].append(f)
        self.docs = catalog()
        self.levels = g.elements["level"]
        self.level_of: dict[str, str] = self.levels.astype(object).to_dict()   # per-element lookups

    # --- nodes ------------------------------------------------------------------------

    def _marks(self, node: Node) -> Node:
        found = self.by_subject.get(node.id, [])
        if found:
            node.findings = sorted({f.code for f in found})
            ranks = [self.docs[f.code].severity for f in found]
            node.severity = max(ranks, key=lambda s: s.rank).value
        return node

    def element(self, e: str, name: str | None = None) -> Node:
        """A plan element's node; ``name`` when the caller looked names up in bulk."""
        level = str(self.level_of.get(e, ""))
        label = self.g.profile.label(level, self.lang)
        name = self.g.name_of(e, self.lang) if name is None else name
        return self._marks(Node(e, "element", level, f"{e}\n{_short(name)}",
                                {"id": e, "name": name, "level": label}))

    def project(self, p: str, facts: pd.Series) -> Node:
        info = {"id": p, "name": facts["name"], "agency": f"{facts['agency']} {facts['agency_name']}".strip(),
                "ministry": f"{facts['ministry']} {facts['ministry_name']}".strip(),
                "fiscal_year": facts["fiscal_year"], "budget": facts["budget"], "provinces": facts["provinces"]}
        return self._marks(Node(p, "project", PROJECT_LEVEL, f"{p}\n{_short(facts['name'])}", info,
                                ministry=str(facts["ministry"]),
                                value=float(facts["budget"]) if pd.notna(facts["budget"]) else 0.0))

    def ancestors(self, view: ViewGraph, start: set[str]) -> None:
        """Add every element above ``start`` with the cascade edges between them."""
        up = self.g.up_closure(start)
        names = self.g.names(up, self.lang)
        for e in up:
            view.add(self.element(e, names.get(e, "")))
        h = self.g.hierarchy
        view.edges |= {(c, p) for c in up for p in h.successors(c) if p in up}

    def attach_projects(self, view: ViewGraph, links: pd.DataFrame, prune: bool = False,
                        per_target: bool = False) -> None:
        """Projects (``project``, ``element`` rows) as nodes; above ``group_above`` (or the node cap)
        grouped per element and ministry, each group opening by agency and then into its projects.

        When those groups do not all fit beside the elements, projects are grouped per element
        instead (one group per target, opening by ministry first), so the first screen still
        holds all the work. When even those do not fit, the targets with the largest budget are
        drawn; with ``prune`` (a slice view, whose elements are only there as the chains of its
        projects) the elements no drawn group hangs from are left out, so they do not take the
        cap from the work. ``per_target`` groups per target whatever fits.
        """
        projects = links["project"].unique().tolist()
        room = self.max_nodes - len(view.nodes)
        facts = project_facts(self.g, projects, self.lang).set_index("project")
        limit = max(min(room, self.group_above), 0)
        if len(projects) <= limit:   # none to place: no grouping note either
            for p in projects:
                view.add(self.project(p, facts.loc[p]))
            view.edges |= set(zip(links["project"], links["element"], strict=True))
            return
        def of(column: str) -> pd.Series:   # each link's project's fact
            return pd.Series(mapped(links["project"], facts[column]), index=links.index)

        rows = links[["project", "element"]].assign(ministry=of("ministry").fillna(""), agency=of("agency").fillna(""),
                                                    budget=of("budget").fillna(0.0))
        pairs = _groups(rows, PAIR)
        targets = _groups(rows, TARGET).merge(
            pairs.groupby("element").size().rename("ministries").reset_index(), on="element")
        per_target = per_target or len(pairs) > room
        top = targets if per_target else pairs
        order = top.sort_values(["budget", "projects"], ascending=False)
        if len(top) <= room:
            shown = order
        elif prune:
            shown = order.head(self._fit_chains(view, order["element"].tolist()))
        else:
            shown = order.head(max(room, 0))
        # a target acted on by one ministry is drawn as that ministry's group: a click less
        single = shown["ministries"].eq(1) if per_target else pd.Series(False, index=shown.index)
        drawn = shown.assign(gid=shown["gid"].where(~single, shown["element"].map(
            pairs.drop_duplicates("element").set_index("element")["gid"])))
        rows = rows.assign(gid=_group_ids(rows, PAIR), sub_gid=_group_ids(rows, AGENCY))
        rows = rows[isin(rows["element"], list(shown["element"]))] if per_target else rows[
            isin(rows["gid"], list(shown["gid"]))]
        names = self.g.names(pd.Index(rows["ministry"].unique()).union(pd.Index(rows["agency"].unique())), self.lang)
        mid = pairs[isin(pairs["element"], list(shown["element"]))] if per_target else shown
        for gid, element, n, budget, k in drawn[["gid", "element", "projects", "budget", "ministries"]].itertuples(
                index=False, name=None) if per_target else ():
            if k == 1:
                continue
            view.add(self._group(gid, element, "", "", n, budget, names, ministries=k, at=element))
            view.edges.add((gid, element))
        on_screen = set(drawn["gid"])
        for gid, element, ministry, n, budget in mid[["gid", "element", "ministry", "projects", "budget"]].itertuples(
                index=False, name=None):
            top_level = per_target and gid in on_screen   # a target of one ministry: named by its target too
            node = self._group(gid, element, ministry, ministry, n, budget, names, at=element if top_level else "")
            if not per_target or top_level:
                view.add(node)
                view.edges.add((gid, element))
            else:
                view.hidden[gid] = node
        if per_target:
            opened = mid[~isin(mid["gid"], list(on_screen))]
            view.expand.update(opened.groupby("element")["gid"].agg(list).rename(
                index=dict(zip(shown["element"], shown["gid"], strict=True))).to_dict())
            view.anchor.update(zip(shown["gid"], shown["element"], strict=True))
        view.anchor.update(zip(mid["gid"], mid["element"], strict=True))
        # what a click opens: a ministry group by agency, an agency group into its projects
        sub = _groups(rows, AGENCY)
        for gid, element, ministry, agency, n, budget in sub[
                ["gid", "element", "ministry", "agency", "projects", "budget"]].itertuples(index=False, name=None):
            view.hidden[gid] = self._group(gid, element, ministry, agency, n, budget, names)
        parent = _group_ids(sub, PAIR)
        view.expand.update(sub.groupby(parent.to_numpy())["gid"].agg(list).to_dict())
        view.anchor.update(zip(sub["gid"], sub["element"], strict=True))
        embedded = rows["project"].nunique() <= self.embed_projects
        if embedded:
            members = rows.groupby("sub_gid")["project"].agg(lambda s: list(dict.fromkeys(s)))
            view.expand.update(members.to_dict())
            wanted = facts.loc[rows["project"].unique()].reset_index()
            for rec in wanted.to_dict("records"):
                view.hidden[rec["project"]] = self.project(rec["project"], rec)
            # an agency group of one project opens straight into the project
            single = {gid: members[gid][0] for gid in sub.loc[sub["projects"] == 1, "gid"]}
            for gid in single:
                del view.hidden[gid], view.expand[gid]
            for gid in mid["gid"]:
                view.expand[gid] = [single.get(c, c) for c in view.expand[gid]]
        if prune and len(shown) < len(top):
            self._prune(view, set(shown["element"]))
        self._grouping_notes(view, len(projects), limit, per_target, shown, top, rows, embedded)
    def _fit_chains(self, view: ViewGraph, elements: list[str]) -> int:
        """How many of ``elements`` (largest budget first) fit the node cap with one group each and
        the chains above them, walked once: a chain already counted stops the walk."""
        h = self.g.hierarchy
        chains: set[str] = set()
        for i, e in enumerate(elements):
            new: set[str] = set()
            stack = [e]
            while stack:
                n = stack.pop()
                if n in chains or n in new or n not in h:
                    continue
                new.add(n)
                stack.extend(h.successors(n))
            if len(chains) + len(new) + i + 1 > self.max_nodes:
                return i
            chains |= new
        return len(elements)

    def _prune(self, view: ViewGraph, anchors: set[str]) -> None:
        """Leave out the elements no drawn group hangs from (nor any element below them)."""
        keep = self.g.up_closure(anchors)
        gone = [n for n, node in view.nodes.items() if node.kind == "element" and n not in keep]
        for n in gone:
            del view.nodes[n]
        view.edges = {(a, b) for a, b in view.edges if a in view.nodes and b in view.nodes}
        elements = len(gone) + sum(node.kind == "element" for node in view.nodes.values())
        view.notes.append(self._t("grouped_pruned", shown=f"{elements - len(gone):,}", total=f"{elements:,}"))

    def _grouping_notes(self, view: ViewGraph, projects: int, limit: int, per_target: bool, shown: pd.DataFrame,
                        top: pd.DataFrame, rows: pd.DataFrame, embedded: bool) -> None:
        """What the page says about its groups: the level, what is left out, how to open them."""
        count, shown_n, total = f"{projects:,}", f"{len(shown):,}", f"{len(top):,}"
        if not per_target:
            view.notes.insert(0, self._t("grouped", projects=count, limit=f"{limit:,}", groups=total))
        else:
            view.notes.insert(0, self._t("grouped_targets", projects=count, groups=total))
        if len(shown) < len(top):
            budget = float(top["budget"].sum())
            share = float(shown["budget"].sum()) / budget if budget else 0.0
            view.notes.insert(1, self._t("grouped_targets_partial", groups=shown_n, total=total,
                                         projects=f"{rows['project'].nunique():,}", all=count, share=f"{share:.0%}",
                                         cap=f"{self.max_nodes:,}"))
        if embedded:
            view.notes.append(self._t("grouped_help_targets" if per_target else "grouped_help"))
        else:
            view.notes.append(self._t("grouped_not_embedded", limit=f"{self.embed_projects:,}"))

    def _group(self, gid: str, element: str, ministry: str, owner: str, n: int, budget: float,
               names: dict[str, str], ministries: int = 0, at: str = "") -> Node:
        """A node standing for ``n`` projects of ``owner`` (a ministry or an agency) on ``element``,
        or with ``ministries``, of every ministry acting on it; ``at`` names the element in the label
        (a group drawn among hundreds, far from its element)."""
        who = f"{ministries:,} {self._t('ministries')}" if ministries else owner or self._t("all_ministries")
        # three short lines: on two, a province's group cut its budget to its column
        label = f"{at + ' · ' if at else ''}{who}\n{n:,} {self._t('projects')}\n{self._millions(budget)}"
        info: dict[str, Any] = {"id": at} if at else {}
        if ministries:
            info["ministries"] = ministries
        else:
            info["ministry"] = f"{ministry} {names.get(ministry, '')}".strip()
        if owner != ministry:
            info["agency"] = f"{owner} {names.get(owner, '')}".strip()
        info.update(projects=n, budget=budget)
        return Node(gid, "group", PROJECT_LEVEL, label, info, ministry=ministry, value=float(budget))

    def _millions(self, budget: float) -> str:
        """A group's budget in million baht: in full baht a province's group read "10,447,…", cut
        to its column; the exact figure is in the tooltip."""
        m = float(budget or 0) / 1e6
        return self._t("million_baht", n=f"{m:,.0f}" if m >= 100 else f"{m:,.1f}" if m >= 1 else f"{m:,.2f}")

    def _t(self, key: str, **fmt: object) -> str:
        from graphkpi.render.i18n import t

        return t(f"view_{key}", self.lang, **fmt)

    # --- modes ------------------------------------------------------------------------

    def overview(self, size: str) -> ViewGraph:
        g, prof = self.g, self.g.profile
        view = ViewGraph(self._t("overview_title"), "overview")
        target = prof.target_level
        shown = g.elements.index[self.levels.isin((*OVERVIEW_LEVELS, target))]
        pairs = g.reach_pairs(shown)
        budget = g.project_budgets[g.project_ids.rows(pairs["project"])]   # pairs name existing projects
        per = pairs.assign(budget=budget).groupby("element").agg(projects=("project", "size"), budget=("budget", "sum"))
        factor_set = set(g.elements.index[self.levels == prof.factor_level])
        linked = set(g.existing_links["element"])
        targets = set(g.elements.index[self.levels == target])
        covered = set(per.index[per["projects"] > 0])
        below = counts_below(g, shown, {"factors": factor_set, "linked": factor_set & linked,
                                        "targets": targets, "covered": targets & covered})
        names = g.names(shown, self.lang)
        counts, budgets = per["projects"].to_dict(), per["budget"].to_dict()
        for e in shown:
            node = view.add(self.element(e, names.get(e, "")))
            n = int(counts.get(e, 0))
            b = float(budgets.get(e, 0.0))
            node.value = float(n if size == "projects" else b)
            node.info.update(projects=n, budget=b)
            has = below[e]
            if self.level_of[e] == target:
                fs = has["factors"]
                node.coverage = (has["linked"] / fs) if fs else (1.0 if n else 0.0)
            else:
                ts = has["targets"]
                node.coverage = (has["covered"] / ts) if ts else None
            if node.coverage is not None:
                node.info["coverage"] = f"{node.coverage:.0%}"
        # collapse the cascade to the shown levels: an edge to each shown element reached
        # through hidden ones only
        view.edges |= nearest_shown(g, set(view.nodes))
        view.notes.append(self._t(f"overview_note_{size}"))
        return view

    def suggestions(self, view: ViewGraph, project: str, top: int = 3) -> None:
        """The elements ``graphkpi suggest`` offers a project that does not reach Z, with their
        chains up to Z: drawn dashed, never as links (the bundle is not changed)."""
        from graphkpi.analysis.suggest import suggest

        found = suggest(self.g, [project], top=top).candidates
        if found.empty:
            return
        self.ancestors(view, set(found["element"]))
        view.suggested = {(project, e): float(sc) for e, sc in zip(found["element"], found["score"], strict=True)}
        view.notes.append(self._t("suggested_note", n=f"{len(view.suggested):,}"))

    def focus(self, node_id: str, depth: int) -> ViewGraph:
        g = self.g
        view = ViewGraph(self._t("focus_title", id=node_id), "focus")
        if node_id in g.projects.index:
            links = g.existing_links[g.existing_links["project"] == node_id]
            self.ancestors(view, set(links["element"]))
            self.attach_projects(view, links)
            if links.empty:
                self.attach_projects(view, pd.DataFrame({"project": [node_id], "element": [""]}))
                view.edges.discard((node_id, ""))
            if not g.anchored[g.projects.index.get_loc(node_id)]:
                self.suggestions(view, node_id)
            return view
        if node_id not in g.elements.index:
            raise KeyError(node_id)
        self.ancestors(view, {node_id})
        frontier, below = {node_id}, {node_id}
        rev = g.hierarchy.reverse(copy=False)
        for _ in range(depth):
            frontier = {c for e in frontier for c in rev.successors(e)} - below
            below |= frontier
        names = g.names(below, self.lang)
        for e in below:
            view.add(self.element(e, names.get(e, "")))
        view.edges |= {(c, p) for c in below for p in g.hierarchy.successors(c) if p in view.nodes}
        links = g.existing_links[isin(g.existing_links["element"], below)]
        self.attach_projects(view, links)
        return view

    def _projects_view(self, title: str, projects: pd.Index) -> ViewGraph:
        view = ViewGraph(title, "projects")
        links = self.g.existing_links[isin(self.g.existing_links["project"], projects)]
        self.ancestors(view, set(links["element"]))
        linked = links["element"].nunique()
        over_cap = len(view.nodes) + linked > self.max_nodes
        coarse = (over_cap or linked > READABLE_ELEMENTS) and links["project"].nunique() > self.group_above
        orphans = projects.difference(pd.Index(links["project"].unique()))
        if coarse:   # one group per linked element would not fit, or not be read
            view, links = self._by_target_level(title, projects, links, linked, over_cap)
        self.attach_projects(view, links, prune=True, per_target=coarse)
        if len(orphans):
            view.notes.append(self._t("orphans_note", n=f"{len(orphans):,}"))
        return view

    def _by_target_level(self, title: str, projects: pd.Index, links: pd.DataFrame, linked: int,
                         over_cap: bool) -> tuple[ViewGraph, pd.DataFrame]:
        """A view whose projects hang from the targets of the profile's target level (sub-targets)
        their chains reach, not from the thousands of elements they link to: a few hundred groups
        and their chains up to Z instead of thousands of nodes, with all the work in them."""
        reach = self.g.target_reach[isin(self.g.target_reach["project"], projects)]
        view = ViewGraph(title, "projects")
        self.ancestors(view, set(reach["element"]))
        level = self.g.profile.label(self.g.profile.target_level, self.lang)
        missing = f"{links['project'].nunique() - reach['project'].nunique():,}"
        if over_cap:
            view.notes.append(self._t("grouped_by_target_level", level=level, n=missing))
        else:
            view.notes.append(self._t("grouped_by_target_level_many", level=level, n=missing,
                                      elements=f"{linked:,}", readable=f"{READABLE_ELEMENTS:,}"))
        return view, reach

    def ministry(self, ministry: str) -> ViewGraph:
        return self._sliced("ministry", ministry)

    def province(self, area: str) -> ViewGraph:
        return self._sliced("province", area)

    def _sliced(self, kind: str, value: str) -> ViewGraph:
        """The projects ``--ministry VALUE`` or ``--province VALUE`` selects (an id or a name, Thai or
        English; a province's projects with the national ones, as the command's default), so a view
        made from Python shows what ``graphkpi view`` shows. :class:`SliceError` names a value that
        names nothing; KeyError when it names a ministry or province without projects."""
        from graphkpi.slice import SliceRequest, directory, resolve, select_projects

        sl = resolve(SliceRequest(**{kind: value}), directory(self.g))
        projects = select_projects(self.g, sl)
        if not len(projects):
            raise KeyError(value)
        key = (sl.ministries if kind == "ministry" else sl.provinces)[0]
        return self._projects_view(self._t(f"{kind}_title", id=key, name=self.g.name_of(key, self.lang)), projects)

    def finding(self, code: str, findings: list[Finding]) -> ViewGraph:
        doc = self.docs[code]
        view = ViewGraph(f"{code} {doc.name} — {doc.get('title', self.lang)}", "finding")
        view.explanation = {k: doc.get(k, self.lang) for k in ("what", "why", "fix")}
        mine = [f for f in findings if f.code == code]
        g = self.g
        elements = {i for f in mine for i in (f.subject, *f.related) if i in g.elements.index}
        projects = {i for f in mine for i in (f.subject, *f.related) if i in g.projects.index}
        links = g.existing_links[isin(g.existing_links["project"], projects)]
        self.ancestors(view, elements | set(links["element"]))
        self.attach_projects(view, pd.concat([links, pd.DataFrame(
            {"project": sorted(projects - set(links["project"])), "element": ""})], ignore_index=True))
        view.edges = {(a, b) for a, b in view.edges if b}
        view.notes.append(self._t("finding_note", n=f"{len(mine):,}", code=code))
        return view


# Subject kinds a view draws as nodes: findings on other subjects (a KPI, a budget line) mark nothing.
# A code about rows (GK001, GK004, GK005) marks the element or project whose row it is.
DRAWN = frozenset({"element", "project"})
NODE_KINDS = ("element", "project", "element or project", "row")


def shown_codes(mode: str, target: str = "") -> tuple[str, ...]:
    """The codes whose findings a view can show: the one code of ``--finding``, else every code
    whose subject is drawn as a node; the view runs these checks and no others."""
    if mode == "finding":
        return (target,)
    # the overview draws elements only: checks about projects (duplicates of 10^6 projects…) mark nothing there
    kinds = tuple(k for k in NODE_KINDS if k != "project") if mode == "overview" else NODE_KINDS
    return tuple(code for code, doc in catalog().items() if doc.subject_kind in kinds)


def select_view(g: PlanGraph, findings: list[Finding], *, mode: str = "overview", target: str = "",
                depth: int = 2, size: str = "projects", lang: str = "th", max_nodes: int = 2000,
                projects: pd.Index | None = None, group_above: int = GROUP_ABOVE,
                embed_projects: int = EMBED_PROJECTS) -> ViewGraph:
    """The view for ``mode`` (overview, focus, ministry, province, finding, or ``projects``: the
    ``projects`` of a slice and the targets they reach, titled ``target``). KeyError: unknown id
    (a ministry or province named by no agency or area: :class:`graphkpi.slice.SliceError`)."""
    s = Selector(g, findings, lang, max_nodes, group_above, embed_projects)
    if mode == "overview":
        view = s.overview(size)
    elif mode == "focus":
        view = s.focus(target, depth)
    elif mode == "ministry":
        view = s.ministry(target)
    elif mode == "province":
        view = s.province(target)
    elif mode == "finding":
        view = s.finding(target, findings)
    elif mode == "projects" and projects is not None and len(projects):
        view = s._projects_view(target, projects)
    elif mode == "projects":
        raise KeyError(target)
    else:
        raise ValueError(f"unknown view mode {mode!r}")
    view.years_given_be = g.years_given_be
    view.out_of_period = out_of_period_edges(g, view.edges)
    if view.out_of_period:
        view.notes.append(s._t("out_of_period_note", n=f"{len(view.out_of_period):,}"))
    return view


def out_of_period_edges(g: PlanGraph, edges: set[tuple[str, str]]) -> dict[tuple[str, str], list[int | None]]:
    """The drawn edges GK205 reports (a project's link, or a cascade, into an element not in force
    then), each with that element's period. Collapsed overview edges and project groups are real
    edges only where the graph has them, so only those are marked."""
    late = pd.concat([g.out_of_period_links[["project", "element"]].set_axis(["child", "parent"], axis=1),
                      g.out_of_period_edges[["child", "parent"]]], ignore_index=True)
    if late.empty or not edges:
        return {}
    drawn = pd.DataFrame(sorted(edges), columns=["child", "parent"]).merge(late.drop_duplicates(),
                                                                           on=["child", "parent"])
    start, end = g.period_rows
    rows = g.element_ids.rows(drawn["parent"])
    return {(c, p): period(start[r], end[r]) for c, p, r in zip(drawn["child"], drawn["parent"], rows, strict=True)}


def _group_ids(frame: pd.DataFrame, keys: list[str]) -> pd.Series:
    """``element|ministry[|agency]`` per row: a group's id, built column-wise (no per-row join)."""
    out = frame[keys[0]].astype(str)
    for k in keys[1:]:
        out = out + "|" + frame[k].astype(str)
    return out


def _groups(rows: pd.DataFrame, keys: list[str]) -> pd.DataFrame:
    """Projects (each counted once) and budget per ``keys``, with the group's id in ``gid``."""
    out = rows.groupby(keys, sort=True).agg(projects=("project", "nunique"), budget=("budget", "sum")).reset_index()
    return out.assign(gid=_group_ids(out, keys) + ("|*" if keys == TARGET else ""))


def _short(text: Any, size: int = 28) -> str:
    text = "" if text is None else str(text)
    return text if len(text) <= size else text[: size - 1] + "…"
