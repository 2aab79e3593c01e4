"""Generate a synthetic, contract-conformant Thai plan bundle with planted problems.

Why: graphkpi must be shown to find orphans, broken chains, duplicates and lead gaps at
national scale (10^5–10^6 projects), and tests need data whose problems are known. The plan
hierarchy (a few thousand elements) is built in plain Python; the projects are built column by
column with numpy so that a million rows take seconds, and written in chunks so memory stays
flat. Every deliberately planted problem is recorded in ``planted.json`` by finding code.
"""

from __future__ import annotations

import io
import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from itertools import repeat
from pathlib import Path

import numpy as np
import pandas as pd

from graphkpi import reference
from graphkpi.load.budget import LINE_COLUMNS
from graphkpi.outputs import open_output, write_output
from graphkpi.synth import vocab as V
from graphkpi.synth.budget import make_lines
from graphkpi.synth.plant_v2 import plant_v2

CODES = ("GK001", "GK002", "GK003", "GK004", "GK005", "GK101", "GK102", "GK103", "GK201", "GK202", "GK203", "GK204",
         "GK205", "GK301", "GK302", "GK401", "GK402", "GK403", "GK404", "GK405", "GK501", "GK601", "GK602")
THEMES = sorted(V.VALUE_CHAINS)
YEARS_BE = np.array([2566, 2567, 2568])
# Validity periods (BE, inclusive) by level: the national strategy and the master plans' frame
# run 2561–2580; NESDP 13, the area and action plans and the revised sub-targets are the
# 2566–2570 editions; a sub-target's first edition ran 2561–2565 (GK205).
SPAN, FIRST_EDITION, CURRENT_EDITION = (2561, 2580), (2561, 2565), (2566, 2570)
LEVEL_PERIODS = {level: SPAN for level in ("strategy", "strategy_goal", "master_plan", "master_target", "sub_plan",
                                           "sub_target", "vc_component", "vc_factor")}
CHUNK = 100_000


@dataclass(frozen=True)
class Scale:
    """How big the plan is and how often problems are planted.

    The defaults are national scale; ``Scale.sample()`` is the small hand-checkable preset used
    for data/sample. Rates apply to projects; element-level problems are planted once per kind
    (a few more at national scale) so that every code has a subject at any size.
    """

    sub_targets: tuple[str, ...] | None = None       # sub-target codes kept (None: all 140)
    components: tuple[int, int] = (2, 4)              # value-chain components per sub-target
    factors: tuple[int, int] = (2, 4)                 # factors per component
    provinces: tuple[str, ...] | None = None          # where projects, offices and targets are
    regional_targets: int = 4
    cluster_targets: int = 3
    provincial_targets: int = 3
    action_ministries: int | None = None              # ministries with action plans (None: all)
    action_targets: int = 2
    integrated_plans: int = 8
    special_share: float = 0.02                       # share of sub-targets per planted kind
    orphan_rate: float = 0.03
    broken_rate: float = 0.02
    unknown_rate: float = 0.003
    duplicate_rate: float = 0.001                     # planted duplicate pairs per project
    skip_rate: float = 0.001
    mismatch_rate: float = 0.001
    kpi_problem_rate: float = 0.03
    edition_share: float = 0.05                       # sub-targets whose 2561–2565 edition is still in the bundle
    old_edition_rate: float = 0.005                   # projects still naming a first edition beside their link
    min_plants: int = 2
    # Titles name what real ones name: a village and หมู่ที่ for local work, a specific
    # deliverable for national or multi-province work. Without it a national bundle's
    # templated titles repeat so often that unrelated projects look like duplicates (GK301).
    title_detail: bool = True

    @classmethod
    def sample(cls) -> Scale:
        """A few hundred projects over 25 sub-targets and 20 provinces (data/sample)."""
        return cls(
            sub_targets=("030201", "030401", "030501", "050101", "050102", "050201", "050301", "050601",
                         "050602", "090201", "090202", "110101", "110301", "110401", "130201", "130401",
                         "160101", "160201", "170101", "170201", "190101", "190201", "200101", "200102",
                         "230101"),
            components=(2, 3), factors=(2, 2),
            provinces=("TH-10", "TH-50", "TH-57", "TH-55", "TH-65", "TH-40", "TH-30", "TH-34", "TH-41",
                       "TH-14", "TH-71", "TH-73", "TH-20", "TH-21", "TH-83", "TH-81", "TH-84", "TH-90",
                       "TH-94", "TH-96"),
            regional_targets=1, cluster_targets=1, provincial_targets=1,
            action_ministries=6, action_targets=1, integrated_plans=3, special_share=0.0, duplicate_rate=0.006,
            min_plants=1, title_detail=False)


@dataclass
class _El:
    """One plan element while the hierarchy is being built."""

    id: str
    level: str
    name: str
    parents: list[str] = field(default_factory=list)
    name_en: str = ""
    area: str = ""
    theme: int = -1                 # index into THEMES
    st: str | None = None           # the sub-target this element serves
    pool: list[str] = field(default_factory=list)   # ministries whose projects link here
    lead: str | None = None         # lead ministry (area targets, integrated plans)
    province: str | None = None     # a provincial target's province
    members: list[str] = field(default_factory=list)  # provinces of a cluster/region target
    period: tuple[int, int] | None = None  # in force (BE); None: the level's (LEVEL_PERIODS)
    replaced_by: list[str] = field(default_factory=list)


def _count(rate: float, n: int, floor: int) -> int:
    """How many to plant: a rate of n, but never fewer than ``floor`` so every code has a subject."""
    return max(floor, round(rate * n))


class _Builder:
    """Builds the plan, agencies, leads and KPIs in Python and the projects with numpy."""

    def __init__(self, projects: int, seed: int, scale: Scale) -> None:
        self.n = projects
        self.scale = scale
        self.rng = np.random.default_rng([seed, 1])
        self.prng = np.random.default_rng([seed, 2])
        self.v2rng = np.random.default_rng([seed, 3])   # version-2 plants: the rest of the bundle stays as it was
        self.seed = seed
        self.planted: dict[str, set[str]] = {code: set() for code in CODES}
        self.els: dict[str, _El] = {}
        self.touched: set[str] = set()   # elements already given a planted problem
        self.place_override = _Overrides({})   # provinces cells written otherwise (plant_v2)
        self._read_reference()

    # ------------------------------------------------------------------ reference and agencies
    def _read_reference(self) -> None:
        areas = [{"id": i, **row} for i, row in reference.areas().to_dict("index").items()]
        self.regions = {a["id"]: a for a in areas if a["level"] == "region"}
        self.clusters = {a["id"]: a for a in areas if a["level"] == "cluster"}
        all_provinces = {a["id"]: a for a in areas if a["level"] == "province"}
        keep = self.scale.provinces or tuple(all_provinces)
        self.provinces = {p: all_provinces[p] for p in keep}
        self.prov_codes = list(self.provinces)
        self.prov_cluster = {p: (a["parent"] if a["parent"] in self.clusters else None)
                             for p, a in self.provinces.items()}
        self.prov_region = {p: (self.clusters[c]["parent"] if c else self.provinces[p]["parent"])
                            for p, c in self.prov_cluster.items()}
        self.cluster_members: dict[str, list[str]] = {}
        for p, c in self.prov_cluster.items():
            if c:
                self.cluster_members.setdefault(c, []).append(p)
        self.region_members: dict[str, list[str]] = {}
        for p, r in self.prov_region.items():
            self.region_members.setdefault(r, []).append(p)
        self.ref_elements = {i: {"id": i, **row} for i, row in reference.elements().to_dict("index").items()}
        self.ministries = [{"id": i, **row} for i, row in reference.agencies().to_dict("index").items()
                           if row["kind"] == "ministry"]
        self.min_ids = [m["id"] for m in self.ministries]

    def place_label(self, area: str) -> str:
        """How a project name or target name says where it is."""
        if area in self.provinces:
            name = self.provinces[area]["name"]
            return name if area == "TH-10" else f"จังหวัด{name}"
        if area in self.clusters:
            return self.clusters[area]["name"]
        return self.regions[area]["name"]

    def build_agencies(self) -> None:
        """Ministries, their departments, and in every province its administration and offices."""
        rows: list[dict[str, str]] = []
        for m in self.ministries:
            rows.append({"id": m["id"], "name": m["name"], "name_en": m["name_en"], "abbr": m["abbr"],
                         "ministry": "", "kind": "ministry"})
        self.dept_themes: dict[str, list[tuple[str, tuple[str, ...]]]] = {}
        for m in self.min_ids:
            for i, (name, abbr, kind, themes) in enumerate(V.DEPARTMENTS[m], start=1):
                aid = f"{m}{i:02d}"
                rows.append({"id": aid, "name": name, "name_en": "", "abbr": abbr, "ministry": m,
                             "kind": kind})
                self.dept_themes.setdefault(m, []).append((aid, themes))
        self.office: dict[tuple[str, str], str] = {}
        self.admin: dict[str, str] = {}
        for p, a in self.provinces.items():
            num = p.split("-")[1]
            if p == "TH-10":
                aid = "กทม"
                rows.append({"id": aid, "name": V.BANGKOK_AGENCY[0], "name_en": "Bangkok Metropolitan "
                             "Administration", "abbr": V.BANGKOK_AGENCY[1], "ministry": "มท", "kind": "local"})
                self.admin[p] = aid
                continue
            aid = f"จว-{num}"
            rows.append({"id": aid, "name": f"{V.PROVINCE_ADMIN_PREFIX}{a['name']}", "name_en": a["name_en"],
                         "abbr": "", "ministry": "มท", "kind": "province"})
            self.admin[p] = aid
            for m, prefix in V.PROVINCIAL_OFFICES.items():
                oid = f"{m}-{num}"
                rows.append({"id": oid, "name": f"{prefix}{a['name']}", "name_en": "", "abbr": "",
                             "ministry": m, "kind": "province"})
                self.office[(m, p)] = oid
        self.agencies = rows
        self.agency_ministry = {r["id"]: (r["ministry"] or r["id"]) for r in rows}

    def departments(self, ministry: str, theme: int) -> list[str]:
        """A ministry's departments that serve a theme (all of them when none is tagged)."""
        t = THEMES[theme] if theme >= 0 else ""
        tagged = [a for a, themes in self.dept_themes[ministry] if t in themes]
        return tagged or [a for a, _ in self.dept_themes[ministry]]

    def lead_agency(self, ministry: str, theme: int, province: str | None = None) -> str:
        """The agency that leads for a ministry: its provincial office where it has one."""
        if province and (ministry, province) in self.office:
            return self.office[(ministry, province)]
        return self.departments(ministry, theme)[0]

    # ------------------------------------------------------------------ the plan hierarchy
    def add(self, el: _El) -> _El:
        """Register an element; output order is insertion order."""
        self.els[el.id] = el
        return el

    def build_plan(self) -> None:
        """Strategies down to sub-targets and value chains, with the real codes and names where known."""
        for sid in ("S1", "S2", "S3", "S4", "S5", "S6"):
            ref = self.ref_elements[sid]
            self.add(_El(sid, "strategy", ref["name"], name_en=ref["name_en"]))
        for sid, goals in V.STRATEGY_GOALS.items():
            for i, g in enumerate(goals, start=1):
                self.add(_El(f"{sid}-G{i}", "strategy_goal", g, [sid]))
        keep = set(self.scale.sub_targets) if self.scale.sub_targets else None
        self.sub_targets: list[_El] = []
        for mp, (theme_key, sub_plans) in V.PLAN.items():
            ref = self.ref_elements[f"MP{mp:02d}"]
            theme = THEMES.index(theme_key)
            leads, pool = V.MP_MINISTRIES[mp]
            self.add(_El(ref["id"], "master_plan", ref["name"], [ref["parents"]], theme=theme, pool=pool))
            codes = [(sp, t) for sp, (_, ts) in enumerate(sub_plans, 1) for t in range(1, len(ts) + 1)]
            used = [(sp, t) for sp, t in codes if keep is None or f"{mp:02d}{sp:02d}{t:02d}" in keep]
            if not used:
                continue
            mts = [f"{mp:02d}{i:04d}" for i in range(1, len(V.MASTER_TARGETS[mp]) + 1)]
            for mt, name in zip(mts, V.MASTER_TARGETS[mp], strict=True):
                self.add(_El(mt, "master_target", name, [ref["id"]], theme=theme))
            for sp in sorted({sp for sp, _ in used}):
                self.add(_El(f"{mp:02d}{sp:02d}", "sub_plan", sub_plans[sp - 1][0], [ref["id"]], theme=theme))
            for k, (sp, t) in enumerate(used):
                code = f"{mp:02d}{sp:02d}{t:02d}"
                mt = mts[(sp - 1) % len(mts)]
                regions = V.SUB_PLAN_REGIONS.get(code[:4], ())
                members = [p for r in regions for p in self.region_members.get(r, [])]
                el = self.add(_El(code, "sub_target", sub_plans[sp - 1][1][t - 1], [code[:4], mt], theme=theme,
                                  pool=list(pool), lead=leads[k % len(leads)], members=members))
                self.sub_targets.append(el)
        self._value_chains()
        self._nesdp()

    def _value_chains(self) -> None:
        self.factors_of: dict[str, list[str]] = {}
        lo_c, hi_c = self.scale.components
        lo_f, hi_f = self.scale.factors
        for st in self.sub_targets:
            chain = V.VALUE_CHAINS[THEMES[st.theme]]
            comps = sorted(self.rng.choice(len(chain), size=int(self.rng.integers(lo_c, hi_c + 1)),
                                           replace=False))
            for ci, c in enumerate(comps, start=1):
                cname, fnames = chain[c]
                cid = f"{st.id}V{ci:02d}"
                self.add(_El(cid, "vc_component", cname, [st.id], theme=st.theme, st=st.id, pool=st.pool,
                             members=st.members))
                picks = sorted(self.rng.choice(len(fnames), size=int(self.rng.integers(lo_f, hi_f + 1)),
                                               replace=False))
                for fi, f in enumerate(picks, start=1):
                    fid = f"{cid}F{fi:02d}"
                    self.add(_El(fid, "vc_factor", fnames[f], [cid], theme=st.theme, st=st.id, pool=st.pool,
                                 members=st.members))
                    self.factors_of.setdefault(st.id, []).append(fid)

    def _nesdp(self) -> None:
        self.nesdp_strategies: list[str] = []
        for m in range(1, 14):
            ref = self.ref_elements[f"NM{m:02d}"]
            parents = ref["parents"].split(";") if ref["parents"] else V.NESDP_PARENTS[m]
            mp = V.NESDP_THEME_MP[m]
            theme = THEMES.index(V.PLAN[mp][0])
            pool = V.MP_MINISTRIES[mp][1]
            self.add(_El(ref["id"], "nesdp_milestone", ref["name"], parents, theme=theme, pool=pool))
            goals, strategies, subs = V.NESDP_CONTENT[m]
            gids = []
            for i, g in enumerate(goals, start=1):
                gids.append(self.add(_El(f"{ref['id']}-G{i}", "nesdp_goal", f"เป้าหมายที่ {i} {g}", [ref["id"]],
                                         theme=theme, pool=pool)).id)
            for j, s in enumerate(strategies, start=1):
                sid = f"{ref['id']}-S{j}"
                self.add(_El(sid, "nesdp_strategy", f"กลยุทธ์ที่ {j} {s}", [gids[min(j, len(gids)) - 1]],
                             theme=theme, pool=pool))
                self.nesdp_strategies.append(sid)
                for k, sub in enumerate(subs[j - 1] if subs else [], start=1):
                    self.add(_El(f"{sid}-{k}", "nesdp_sub_strategy", f"กลยุทธ์ย่อยที่ {j}.{k} {sub}", [sid],
                                 theme=theme, pool=pool))
                    self.nesdp_strategies.append(f"{sid}-{k}")

    def choose_special(self) -> None:
        """Pick the sub-targets that carry planted problems; the rest are 'anchors'."""
        real_named = {"050101", "090202"}
        candidates = [st for st in self.sub_targets if st.id not in real_named]
        order = list(self.rng.permutation(len(candidates)))
        k = _count(self.scale.special_share, len(self.sub_targets), 1)
        self.special: dict[str, list[_El]] = {}
        for kind in ("uncovered", "inactive", "fragmented", "nolead", "multilead"):
            self.special[kind] = [candidates[i] for i in order[:k]]
            order = order[k:]
        for st in self.special["inactive"]:
            st.pool = [m for m in st.pool if m != st.lead]
        for st in self.special["fragmented"]:
            extra = [m for m in self.rng.permutation(self.min_ids) if m not in st.pool]
            st.pool = st.pool + extra[: max(0, 5 - len(st.pool))]
        for st in self.special["multilead"]:
            st.pool = list(dict.fromkeys([st.lead, *st.pool]))
        specials = {st.id for sts in self.special.values() for st in sts}
        self.anchors = [st for st in self.sub_targets if st.id not in specials]
        self.anchor_ids = {st.id for st in self.anchors}
        for st in self.special["uncovered"]:
            self.planted["GK102"].add(st.id)
            self.planted["GK103"].update(self.factors_of[st.id])
            self.planted["GK403"].add(st.id)   # its lead has no project reaching it either
        self.planted["GK403"].update(st.id for st in self.special["inactive"])
        self.planted["GK302"].update(st.id for st in self.special["fragmented"])
        self.planted["GK401"].update(st.id for st in self.special["nolead"])
        self.planted["GK402"].update(st.id for st in self.special["multilead"])
        for el in self.els.values():   # value chains follow their sub-target's ministries
            if el.st and el.st in specials:
                el.pool = self.els[el.st].pool
        n_factors = sum(len(f) for f in self.factors_of.values())
        picks = self.rng.permutation(len(self.anchors))[: _count(0.01, n_factors, 1)]
        self.unused_factors = {self.factors_of[self.anchors[int(i)].id][-1] for i in picks}
        self.planted["GK103"].update(self.unused_factors)

    def anchor(self, region: str) -> _El:
        """An ordinary sub-target that may cascade into a plan of ``region``."""
        fits = self.fits(region)
        return fits[int(self.rng.integers(len(fits)))]

    def fits(self, region: str) -> list[_El]:
        return [st for st in self.anchors
                if region in V.SUB_PLAN_REGIONS.get(st.id[:4], (region,))] or self.anchors

    def build_areas(self) -> None:
        """Regional, cluster and provincial targets cascading province → cluster → region → sub-target."""
        sc = self.scale
        self.area_targets: list[_El] = []
        regional: dict[str, list[_El]] = {}
        for r in sorted(self.region_members):
            fits = self.fits(r)
            sts = self.rng.choice(len(fits), size=min(sc.regional_targets, len(fits)), replace=False)
            for i, si in enumerate(sts, start=1):
                st = fits[int(si)]
                parent = st.id
                if self.rng.random() < 0.2:
                    parent = str(self.rng.choice(self.factors_of[st.id]))
                el = self.add(_El(f"{r}-T{i:02d}", "regional_target", f"{st.name} ในพื้นที่{self.place_label(r)}",
                                  [parent], area=r, theme=st.theme, st=st.id, pool=st.pool,
                                  members=self.region_members[r]))
                regional.setdefault(r, []).append(el)
                self.area_targets.append(el)
        cluster: dict[str, list[_El]] = {}
        for c in sorted(self.cluster_members):
            rts = regional[self.clusters[c]["parent"]]
            for i in range(1, sc.cluster_targets + 1):
                rt = rts[(i - 1) % len(rts)]
                st, parent = self.els[rt.st], rt.id
                if self.rng.random() < 0.15:
                    st = self.anchor(self.clusters[c]["parent"])
                    parent = st.id
                el = self.add(_El(f"{c}-T{i:02d}", "cluster_target", f"{st.name} ในพื้นที่{self.place_label(c)}",
                                  [parent], area=c, theme=st.theme, st=st.id, pool=st.pool,
                                  members=self.cluster_members[c]))
                cluster.setdefault(c, []).append(el)
                self.area_targets.append(el)
        for p in self.prov_codes:
            c = self.prov_cluster[p]
            uppers = cluster[c] if c else regional[self.prov_region[p]]
            for i in range(1, sc.provincial_targets + 1):
                up = uppers[(i - 1) % len(uppers)]
                st, parent = self.els[up.st], up.id
                if self.rng.random() < 0.1:
                    st = self.anchor(self.prov_region[p])
                    parent = st.id
                el = self.add(_El(f"{p}-T{i:02d}", "provincial_target",
                                  f"{st.name} ในพื้นที่{self.place_label(p)}", [parent], area=p, theme=st.theme,
                                  st=st.id, pool=st.pool, province=p, members=[p]))
                self.area_targets.append(el)
        self.regional, self.cluster = regional, cluster

    def build_action_and_integrated(self) -> None:
        """Ministries' action-plan targets and integrated budget plans over ordinary sub-targets."""
        sc = self.scale
        mins = self.min_ids if sc.action_ministries is None else list(
            self.rng.choice(self.min_ids, size=sc.action_ministries, replace=False))
        self.action_targets: list[_El] = []
        for m in mins:
            own = [st for st in self.anchors if m in st.pool] or self.anchors
            for i in range(1, sc.action_targets + 1):
                st = own[int(self.rng.integers(len(own)))]
                u = self.rng.random()
                parent, target_name = st.id, st.name
                if u < 0.25:
                    parent = str(self.rng.choice(self.factors_of[st.id]))
                    target_name = self.els[parent].name
                elif u < 0.4:
                    parent = str(self.rng.choice(self.nesdp_strategies))
                    target_name = self.els[parent].name.split(" ", 1)[1]
                name = V.ACTION_TARGET_FORMAT.format(ministry=self.ministry_name(m), target=target_name)
                el = self.add(_El(f"AP-{m}-{i:02d}", "action_target", name, [parent], theme=st.theme,
                                  st=st.id, pool=[m], lead=m))
                self.action_targets.append(el)
        self.integrated: list[_El] = []
        by_mp: dict[int, list[_El]] = {}
        for st in self.anchors:
            by_mp.setdefault(int(st.id[:2]), []).append(st)
        for i, (name, host, partners, mps) in enumerate(V.INTEGRATED_PLANS, start=1):
            if len(self.integrated) >= sc.integrated_plans:
                break
            sts = [st for mp in mps for st in by_mp.get(mp, [])]
            if not sts:
                continue
            picks = [sts[int(j)] for j in self.rng.choice(len(sts), size=min(2, len(sts)), replace=False)]
            parents = [st.id for st in picks]
            if i % 3 == 0:
                parents.append(f"{picks[0].id[:2]}0001")
            self.integrated.append(self.add(_El(f"IP{i:02d}", "integrated_plan", name, parents,
                                                theme=picks[0].theme, st=picks[0].id, pool=[host, *partners],
                                                lead=host)))

    def ministry_name(self, m: str) -> str:
        """The Thai name of a ministry, for action-plan target names."""
        return next(x["name"] for x in self.ministries if x["id"] == m)

    # ------------------------------------------------------------------ planted element problems
    def fresh(self, items: Sequence[_El]) -> _El | None:
        """An element serving an ordinary sub-target, not yet used for another planted problem."""
        for i in self.rng.permutation(len(items)):
            el = items[int(i)]
            serves = el.id if el.level == "sub_target" else el.st
            if el.id not in self.touched and serves in self.anchor_ids:
                self.touched.add(el.id)
                return el
        return None

    def ancestors(self, eid: str) -> set[str]:
        """Every existing element a chain from ``eid`` passes through."""
        seen: set[str] = set()
        todo = [eid]
        while todo:
            for p in self.els[todo.pop()].parents:
                if p in self.els and p not in seen:
                    seen.add(p)
                    todo.append(p)
        return seen

    def plant_elements(self) -> None:
        """Plant the plan's own problems (GK001–GK204) on elements no other problem uses."""
        prov = [el for el in self.area_targets if el.level == "provincial_target"]
        clus = [el for el in self.area_targets if el.level == "cluster_target"]
        P = self.planted
        # GK202: area plans that do not cascade (seed 004), and a cluster target that stops.
        for _ in range(_count(0.03, len(prov), 1)):
            el = self.fresh(prov)
            if el:
                el.parents = []
                P["GK202"].add(el.id)
        el = self.fresh(clus)
        if el:
            el.parents = []
            P["GK202"].add(el.id)
        # GK001 + GK202: an action target whose parent was deleted from the plan.
        at = self.fresh(self.action_targets)
        if at:
            at.parents = [f"{(at.st or '01')[:2]}9901"]
            P["GK001"].add(at.id)
            P["GK202"].add(at.id)
        # GK001: a sub-target whose sub-plan code was typed with the letter O for zero.
        st = self.fresh(self.anchors) or self.anchors[0]
        st.parents = [st.parents[0][:2] + st.parents[0][2:].replace("0", "O", 1), *st.parents[1:]]
        P["GK001"].add(st.id)
        # GK002: a level typed as the Thai label, and a near-miss key.
        sts = self.anchors
        bad = self.add(_El(f"AP-{self.min_ids[12]}-90", "action_plan",
                           V.ACTION_TARGET_FORMAT.format(ministry=self.ministry_name(self.min_ids[12]),
                                                         target=sts[0].name), [sts[0].id], theme=sts[0].theme,
                           st=sts[0].id, pool=[self.min_ids[12]]))
        P["GK002"].add(bad.id)
        up = self.cluster[next(iter(self.cluster))][0] if self.cluster else self.anchors[-1]
        p0 = up.members[0] if up.members else self.prov_codes[0]
        bad2 = self.add(_El(f"{p0}-T09", "เป้าหมายแผนพัฒนาจังหวัด", f"{self.els[up.st].name} ในพื้นที่"
                            f"{self.place_label(p0)} (ฉบับทบทวน)", [up.id], area=p0, theme=up.theme,
                            st=up.st, pool=up.pool))
        P["GK002"].add(bad2.id)
        self._plant_cycles()
        # GK203: a provincial target straight into its master plan, a factor straight into its
        # sub-target, a sub-target straight into a strategy.
        el = self.fresh(prov)
        if el:
            st = self.els[el.st]
            el.parents = [f"MP{st.id[:2]}"]
            el.st = None
            P["GK203"].add(el.id)
        st = self.fresh([s for s in self.anchors if len(self.factors_of[s.id]) > 1])
        if st:
            fid = self.factors_of[st.id][0]
            self.els[fid].parents = [st.id]
            P["GK203"].add(fid)
        st = self.fresh(self.anchors)
        if st:
            st.parents = [*st.parents, self.els[f"MP{st.id[:2]}"].parents[0]]
            P["GK203"].add(st.id)
        # GK204: a province's target into another region's cluster target; a cluster's into
        # another region's regional target.
        el = self.fresh(prov)
        if el:
            region = self.prov_region[el.province or ""]
            others = [t for c, ts in self.cluster.items() for t in ts
                      if self.clusters[c]["parent"] != region and t.id not in self.touched and t.parents]
            if others:
                target = others[int(self.rng.integers(len(others)))]
                el.parents = [target.id]
                P["GK204"].add(el.id)
        el = self.fresh(clus)
        if el:
            region = self.clusters[el.area]["parent"]
            others = [t for r, ts in self.regional.items() for t in ts if r != region and t.id not in self.touched]
            if others:
                target = others[int(self.rng.integers(len(others)))]
                el.parents = [target.id]
                P["GK204"].add(el.id)
        self._resync_area_targets()

    def _resync_area_targets(self) -> None:
        """After re-parenting, each area target names and serves the sub-target its chain reaches."""
        for el in self.area_targets:
            reached = sorted(a for a in self.ancestors(el.id) if self.els[a].level == "sub_target")
            if reached and el.st not in reached:
                st = self.els[reached[0]]
                el.st, el.theme, el.pool = st.id, st.theme, st.pool
                el.name = f"{st.name} ในพื้นที่{self.place_label(el.area)}"

    def _plant_cycles(self) -> None:
        """GK003: a self-parent, a closed pair, and a three-element loop with a way out."""
        P = self.planted
        # A self-parent with a valid way out.
        at = self.fresh(self.action_targets)
        if at:
            at.parents = [*at.parents, at.id]
            P["GK003"].add(at.id)
        # Two action targets that name each other and nothing else: chains through them stop.
        m = self.min_ids[6]
        st = self.anchors[len(self.anchors) // 2]
        pair = []
        for i in (97, 98):
            name = V.ACTION_TARGET_FORMAT.format(ministry=self.ministry_name(m), target=st.name)
            pair.append(self.add(_El(f"AP-{m}-{i}", "action_target", name, [], theme=st.theme, st=None,
                                     pool=[m], lead=m)))
        pair[0].parents, pair[1].parents = [pair[1].id], [pair[0].id]
        self.touched.update(e.id for e in pair)
        P["GK003"].add(min(e.id for e in pair))
        # Province -> cluster -> region -> back to the province (the region also has a way out).
        for rts in self.regional.values():
            rt = rts[0]
            cts = [c for c, ts in self.cluster.items() if ts[0].parents == [rt.id] and c.startswith("C")]
            for c in cts:
                ct = self.cluster[c][0]
                pts = [e for e in self.area_targets if e.parents == [ct.id] and e.id not in self.touched]
                if pts and rt.id not in self.touched and ct.id not in self.touched:
                    pt = pts[0]
                    rt.parents = [*rt.parents, pt.id]
                    self.touched.update({rt.id, ct.id, pt.id})
                    P["GK003"].add(min(rt.id, ct.id, pt.id))
                    return

    # ------------------------------------------------------------------ leads and KPIs
    def build_leads(self) -> None:
        """Lead agencies consistent with the sub-target's lead ministry, except the planted gaps (GK4xx)."""
        P = self.planted
        rows: list[tuple[str, str, str]] = []
        self.lead_of: dict[str, list[str]] = {}
        nolead = {st.id for st in self.special["nolead"]}
        multilead = {st.id for st in self.special["multilead"]}
        for st in self.sub_targets:
            leads = [] if st.id in nolead else [st.lead or st.pool[0]]
            if st.id in multilead:
                leads.append(next(m for m in st.pool if m != st.lead))
            for m in leads:
                rows.append((st.id, self.lead_agency(m, st.theme), "lead"))
            self.lead_of[st.id] = leads
            if leads and self.rng.random() < 0.1:
                co = [m for m in st.pool if m not in leads]
                if co:
                    rows.append((st.id, self.lead_agency(co[0], st.theme), "co-lead"))
            for m in [m for m in st.pool if m not in leads][:3]:
                rows.append((st.id, self.departments(m, st.theme)[-1], "implementer"))
        prov = [el for el in self.area_targets if el.level == "provincial_target"]
        no_lead = {el.id for el in [self.fresh(prov)] if el}
        two_leads = {el.id for el in [self.fresh(prov)] if el}
        unknown_lead = {el.id for el in [self.fresh(prov)] if el}
        inconsistent = set()
        candidates = [e for e in prov if e.st and self.els[e.st].lead != "มท" and e.st in self.ancestors(e.id)]
        for _ in range(_count(0.02, len(prov), 1)):
            el = self.fresh(candidates)
            if el:
                inconsistent.add(el.id)
        for el in self.area_targets:
            if el.st:
                st_lead = self.els[el.st].lead or el.pool[0]
            elif el.parents and el.parents[0].startswith("MP"):
                st_lead = V.MP_MINISTRIES[int(el.parents[0][2:])][0][0]
            else:
                st_lead = el.pool[0]
            where = el.province or (el.members[0] if el.level == "cluster_target" else None)
            lead = self.lead_agency(st_lead, el.theme, where)
            el.lead = st_lead
            if el.id in inconsistent:
                lead = self.admin[el.province or ""]
                el.lead = "มท"
            if el.id in unknown_lead:
                rows.append((el.id, V.UNKNOWN_AGENCIES[0], "lead"))
            elif el.id not in no_lead:
                rows.append((el.id, lead, "lead"))
            if el.id in two_leads:   # the ministry itself named beside its own office
                rows.append((el.id, st_lead, "lead"))
            if el.province and el.province in self.admin and el.id not in inconsistent:
                rows.append((el.id, self.admin[el.province], "coordinator"))   # the governor (2021 resolution)
        P["GK401"].update(no_lead | unknown_lead)
        P["GK402"].update(two_leads)
        P["GK001"].update(unknown_lead)
        P["GK404"].update(inconsistent)
        for k, ip in enumerate(self.integrated):
            if k == len(self.integrated) - 1 and len(self.integrated) >= 3:
                P["GK401"].add(ip.id)
            else:
                rows.append((ip.id, self.lead_agency(ip.lead or ip.pool[0], ip.theme), "lead"))
            for m in ip.pool[1:]:
                rows.append((ip.id, self.departments(m, ip.theme)[0], "implementer"))
        rows += self.sub_plan_leads()
        missing = f"{self.anchors[0].id[:4]}99"
        rows.append((missing, self.lead_agency(self.anchors[0].lead or "นร", self.anchors[0].theme), "lead"))
        P["GK001"].add(missing)
        self.leads = rows

    def sub_plan_leads(self) -> list[tuple[str, str, str]]:
        """Each sub-plan led by the lead ministry of its first ordinary sub-target that cascades into it
        (a sub-plan's host answers for its targets), so GK404 compares area leads with the sub-plan's
        lead as well; a sub-plan no ordinary sub-target reaches gets no lead (it would be an idle one)."""
        rows = []
        for sp in (el for el in self.els.values() if el.level == "sub_plan"):
            st = next((st for st in self.anchors if sp.id in st.parents and self.lead_of.get(st.id)), None)
            if st is not None:
                rows.append((sp.id, self.lead_agency(self.lead_of[st.id][0], st.theme), "lead"))
        return rows

    def build_kpis(self) -> None:
        """A joint KPI per sub-target (none for fragmented ones), area and milestone-13 KPIs; GK405, GK501."""
        P = self.planted
        kpis: list[dict[str, object]] = []
        links: list[tuple[str, str, str, str]] = []
        frag = {st.id for st in self.special["fragmented"]}
        years = [str(y) for y in YEARS_BE]
        rng = self.rng

        def values(name: str) -> tuple[str, str, float, float, float]:
            ending, fmt, unit, direction = next(f for f in V.KPI_FORMS if name.endswith(f[0]))
            stem = name[: len(name) - len(ending)].strip() if ending else name
            if direction == "down":
                base, plan = 100.0, round(float(rng.uniform(80, 97)), 1)
            elif unit == "คะแนน":
                base = round(float(rng.uniform(50, 70)), 1)
                plan = round(base + float(rng.uniform(5, 15)), 1)
            elif ending:
                base = round(float(rng.uniform(1, 5)), 1)
                plan = round(base + float(rng.uniform(1, 5)), 1)
            else:
                base = round(float(rng.uniform(40, 70)), 1)
                plan = float(rng.choice([80, 85, 90, 100]))
            return fmt.format(stem=stem), unit, base, plan, 1.0 if direction == "up" else -1.0

        def add(kid: str, name: str, element: str, unit: str, base: float, plan: float, sign: float,
                agencies: list[tuple[str, str, str]]) -> None:
            better = rng.random() < 0.25
            target = plan + sign * round(float(rng.uniform(0.5, 2)), 1) if better else plan
            kpis.append({"id": kid, "name": name, "element": element, "unit": unit, "baseline": base,
                         "target": round(target, 2), "plan_target": plan,
                         "direction": "up" if sign > 0 else "down", "year": years[int(rng.integers(3))]})
            links.extend((kid, a, role, measured) for a, role, measured in agencies)

        for st in self.sub_targets:
            name, unit, base, plan, sign = values(st.name)
            host_min = (self.lead_of.get(st.id) or st.pool)[0]
            host = self.lead_agency(host_min, st.theme)
            if st.id in frag:
                if int(st.id) % 2:
                    same = self.departments(host_min, st.theme)[-1]
                    add(f"K-{st.id}-1", name, st.id, unit, base, plan, sign,
                        [(host, "host", "yes"), (same, "partner", "yes")])
                continue
            partners = [m for m in st.pool if m != host_min][: 1 + int(rng.integers(2))]
            add(f"K-{st.id}-1", name, st.id, unit, base, plan, sign,
                [(host, "host", "yes")] + [(self.departments(m, st.theme)[0], "partner",
                                            "yes" if rng.random() < 0.8 else "no") for m in partners])
        for ip in self.integrated:
            name, unit, base, plan, sign = values(self.els[ip.st or self.anchors[0].id].name)
            agencies = [(self.lead_agency(ip.pool[0], ip.theme), "host", "yes")]
            agencies += [(self.departments(m, ip.theme)[0], "partner", "yes") for m in ip.pool[1:]]
            add(f"K-{ip.id}-1", f"{name} ({ip.name})", ip.id, unit, base, plan, sign, agencies)
        for el in self.area_targets:
            if el.province and el.lead and el.lead != "มท" and el.st and rng.random() < 0.3:
                name, unit, base, plan, sign = values(self.els[el.st].name)
                add(f"K-{el.id}-1", f"{name} ({self.place_label(el.province)})", el.id, unit, base, plan, sign,
                    [(self.admin[el.province], "host", "yes"),
                     (self.lead_agency(el.lead, el.theme, el.province), "partner", "yes")])
        # Milestone 13's goal KPIs with the plan's real target values: the KPI targets of the two
        # first are set below the plan (seed 003 reports this happening), one in each direction.
        opdc = self.departments("นร", THEMES.index("governance"))[1]
        dga = next(a for a, _ in self.dept_themes["ดศ"] if a.endswith("05"))
        for i, (goal, name, unit, plan, direction) in enumerate(V.NESDP13_KPIS, start=1):
            sign = 1.0 if direction == "up" else -1.0
            kid = f"K-NM13-G{goal}-{i}"
            kpis.append({"id": kid, "name": name, "element": f"NM13-G{goal}", "unit": unit,
                         "baseline": round(plan * (0.9 if sign > 0 else 1.2), 2),
                         "target": plan - sign * (5 if plan > 1 else 0) if i < 3 else plan,
                         "plan_target": plan, "direction": direction, "year": "2567"})
            links.extend([(kid, opdc, "host", "yes"), (kid, dga, "partner", "yes")])
            if i < 3:
                P["GK501"].add(kid)
        # Planted KPI problems among the sub-targets' joint KPIs.
        joint = [k for k in kpis if str(k["id"]).startswith("K-") and str(k["element"]) in
                 {st.id for st in self.anchors}]
        order = list(rng.permutation(len(joint)))
        n = _count(self.scale.kpi_problem_rate, len(joint), 1)
        for i in order[:n]:
            k = joint[int(i)]
            sign = 1.0 if k["direction"] == "up" else -1.0
            k["target"] = round(float(k["plan_target"]) - sign * max(0.5, abs(float(k["plan_target"])) * 0.1), 2)
            P["GK501"].add(str(k["id"]))
        for j, i in enumerate(order[n: 3 * n]):
            kid = str(joint[int(i)]["id"])
            rows = [r for r in links if r[0] == kid]
            host = next(r for r in rows if r[2] == "host")
            links[links.index(host)] = (kid, host[1], "host", "no") if j % 2 == 0 else (kid, host[1], "partner",
                                                                                         "yes")
            P["GK405"].add(kid)
        # GK001: a KPI measuring a deleted element, and a partner that is not in agencies.csv.
        gone = f"{self.anchors[-1].id[:4]}98"
        kpis.append({"id": f"K-{gone}-1", "name": "ร้อยละความสำเร็จของการบรรลุเป้าหมาย (เป้าหมายที่ยกเลิกแล้ว)",
                     "element": gone, "unit": "ร้อยละ", "baseline": 50.0, "target": 80.0, "plan_target": 80.0,
                     "direction": "up", "year": "2567"})
        links.append((f"K-{gone}-1", self.lead_agency(self.anchors[-1].lead or "นร", self.anchors[-1].theme),
                      "host", "yes"))
        P["GK001"].add(f"K-{gone}-1")
        victim = str(joint[int(order[-1])]["id"])
        links.append((victim, V.UNKNOWN_AGENCIES[1], "partner", "yes"))
        P["GK001"].add(victim)
        self.shared_kpis(kpis, links)
        self.classify_kpis(kpis)
        self.kpis, self.kpi_agencies = kpis, links

    def shared_kpis(self, kpis: list[dict[str, object]], links: list[tuple[str, str, str, str]]) -> None:
        """Two joint KPIs in the 2011 model: no host, every ministry's department carries it (role
        shared); in the second one department has not put it in its agreement (GK405)."""
        rng = self.v2rng
        picks = [st for st in self.anchors if len(st.pool) >= 3]
        for n, i in enumerate(rng.choice(len(picks), size=min(2, len(picks)), replace=False)):
            st = picks[int(i)]
            first = next(k for k in kpis if k["element"] == st.id)
            kid = f"K-{st.id}-2"
            kpis.append({**first, "id": kid, "name": f"{first['name']} (ตัวชี้วัดร่วม)", "target": first["plan_target"]})
            sharers = [self.departments(m, st.theme)[0] for m in st.pool[:3]]
            links.extend((kid, a, "shared", "no" if n == 1 and j == len(sharers) - 1 else "yes")
                         for j, a in enumerate(sharers))
            if n == 1:
                self.planted["GK405"].add(kid)

    def classify_kpis(self, kpis: list[dict[str, object]]) -> None:
        """About one KPI in ten is monitor-only (22 of 232 in the FY2022 review); a third of those set
        below the plan, which GK501 must not report; half the planted GK501 KPIs give a reason."""
        rng = self.v2rng
        planted = self.planted["GK501"] | self.planted["GK405"] | self.planted["GK001"]
        for k in kpis:
            k["class"], k["shortfall_reason"] = "evaluated", ""
        free = [k for k in kpis if k["id"] not in planted]
        for j, i in enumerate(rng.permutation(len(free))[: _count(0.1, len(kpis), 1)]):
            k = free[int(i)]
            k["class"] = "monitor"
            if j % 3 == 0:   # would be GK501 if it were evaluated
                sign = 1.0 if k["direction"] == "up" else -1.0
                k["target"] = round(float(k["plan_target"]) - sign * max(0.5, abs(float(k["plan_target"])) * 0.1), 2)
        short = sorted(str(k) for k in self.planted["GK501"])
        by_id = {str(k["id"]): k for k in kpis}
        for kid in short[::2]:
            by_id[kid]["shortfall_reason"] = V.SHORTFALL_REASONS[int(rng.integers(len(V.SHORTFALL_REASONS)))]

    # ------------------------------------------------------------------ projects (vectorised)
    def reach_z(self) -> set[str]:
        """Elements from which some chain of existing parents ends at a strategy."""
        children: dict[str, list[str]] = {}
        for el in self.els.values():
            for p in el.parents:
                children.setdefault(p, []).append(el.id)
        seen = {e.id for e in self.els.values() if e.level == "strategy"}
        todo = list(seen)
        while todo:
            for c in children.get(todo.pop(), []):
                if c not in seen:
                    seen.add(c)
                    todo.append(c)
        return seen

    def build_projects(self) -> None:
        """Choose every project's link, agency, place, year and wording as integer columns."""
        n, rng, sc = self.n, self.prng, self.scale
        ids = list(self.els)
        index = {e: i for i, e in enumerate(ids)}
        reach = self.reach_z()
        nP, nM = len(self.prov_codes), len(self.min_ids)
        pidx = {p: i for i, p in enumerate(self.prov_codes)}
        midx = {m: i for i, m in enumerate(self.min_ids)}
        els = [self.els[e] for e in ids]
        # Element metadata as arrays (a few thousand rows).
        theme = np.array([max(e.theme, 0) for e in els], dtype=np.int16)
        prov = np.array([pidx.get(e.province or "", -1) for e in els], dtype=np.int32)
        width = max(1, max(len(e.members) for e in els))
        members = np.full((len(els), width), -1, dtype=np.int32)
        n_members = np.zeros(len(els), dtype=np.int32)
        for i, e in enumerate(els):
            mem = [pidx[p] for p in e.members if p in pidx]
            members[i, : len(mem)] = mem
            n_members[i] = len(mem)
        pool_flat: list[int] = []
        pool_start = np.zeros(len(els), dtype=np.int32)
        pool_len = np.zeros(len(els), dtype=np.int32)
        for i, e in enumerate(els):
            pool = [midx[m] for m in (e.pool or self.min_ids)]
            pool_start[i], pool_len[i] = len(pool_flat), len(pool)
            pool_flat.extend(pool)
        pool_arr = np.array(pool_flat, dtype=np.int32)
        st_of = np.array([index.get(e.st or (e.id if e.level == "sub_target" else ""), -1) for e in els],
                         dtype=np.int32)
        is_factor = np.array([e.level == "vc_factor" for e in els])
        is_area = n_members > 0          # the element fixes where its projects are
        is_area_target = np.array([e.level in AREA_LEVELS for e in els])

        # Link pools for ordinary projects.
        open_st = {st.id for st in self.sub_targets} - {st.id for st in self.special["uncovered"]}
        popularity = {st: float(w) for st, w in zip(sorted(open_st), rng.lognormal(0, 0.8, len(open_st)),
                                                    strict=True)}
        frag = {st.id for st in self.special["fragmented"]}

        def pool(pred: Callable[[_El], bool], weight: Callable[[_El], float]) -> tuple[np.ndarray, np.ndarray]:
            chosen = [i for i, e in enumerate(els) if e.id in reach and pred(e)]
            w = np.array([weight(els[i]) for i in chosen], dtype=float)
            return np.array(chosen, dtype=np.int32), (w / w.sum() if len(w) else w)

        linkable_factor = [f for st in open_st for f in self.factors_of[st] if f not in self.unused_factors]
        per_st = {st: sum(1 for f in self.factors_of[st] if f not in self.unused_factors) for st in open_st}
        lf = set(linkable_factor)
        pools = [
            (0.50, pool(lambda e: e.id in lf, lambda e: popularity[e.st or ""] / per_st[e.st or ""])),
            (0.14, pool(lambda e: e.id in open_st, lambda e: popularity[e.id])),
            (0.18, pool(lambda e: e.level in AREA_LEVELS,
                        lambda e: {"regional_target": 1.0, "cluster_target": 2.0}.get(e.level, 4.0))),
            (0.08, pool(lambda e: e.level == "action_target", lambda e: 1.0)),
            (0.04, pool(lambda e: e.level == "integrated_plan", lambda e: 1.0)),
            (0.06, pool(lambda e: e.level in ("nesdp_strategy", "nesdp_sub_strategy"), lambda e: 1.0)),
        ]
        pools = [(p, arr) for p, arr in pools if len(arr[0])]
        probs = np.array([p for p, _ in pools])
        kind = rng.choice(len(pools), size=n, p=probs / probs.sum())
        el1 = np.empty(n, dtype=np.int32)
        for k, (_, (arr, w)) in enumerate(pools):
            at = np.flatnonzero(kind == k)
            el1[at] = rng.choice(arr, size=len(at), p=w)
        forced_min = np.full(n, -1, dtype=np.int32)
        forced_prov = np.full(n, -1, dtype=np.int32)

        # Coverage: every factor, area target, action target and integrated plan gets a project,
        # the first ones from the lead ministry, so that only planted gaps are reported.
        cover: list[tuple[int, int]] = []
        later: list[tuple[int, int]] = []
        for st in self.sub_targets:
            if st.id not in open_st or st.id in frag:
                continue
            fs = [f for f in self.factors_of[st.id] if f not in self.unused_factors]
            leads = [m for m in (self.lead_of.get(st.id) or []) if m in st.pool] or [st.pool[0]]
            for j, f in enumerate(fs):
                item = (index[f], midx[leads[j % len(leads)]])
                (cover if j < len(leads) else later).append(item)
        for e in self.area_targets + self.action_targets + self.integrated:
            if e.id in reach:
                cover.append((index[e.id], midx[e.lead or e.pool[0]]))
        cover += later
        cover = cover[: int(0.6 * n)]
        dangling = [i for i, e in enumerate(els) if e.id not in reach and e.level in PROJECT_LEVELS]
        dup_sts = [st for st in self.anchors if len(st.pool) >= 2 and not st.members and any(
            f not in self.unused_factors for f in self.factors_of[st.id])]
        floor = sc.min_plants
        sizes = {
            "cover": len(cover),
            "orphan": _count(sc.orphan_rate * 5 / 6, n, floor),
            "orphan_unknown": _count(sc.orphan_rate / 6, n, floor),
            "broken": max(_count(sc.broken_rate, n, floor), len(dangling)),
            "unknown_link": _count(sc.unknown_rate, n, floor),
            "unknown_agency": _count(sc.unknown_rate * 2 / 3, n, floor),
            "skip": _count(sc.skip_rate, n, floor),
            "mismatch": _count(sc.mismatch_rate, n, floor),
            "dup": 2 * _count(sc.duplicate_rate, n, floor),
            "frag": 5 * len(frag),
        }
        need = sum(sizes.values()) - sizes["cover"] + min(sizes["cover"], 1)
        if need > n:
            raise ValueError(f"at least {need} projects are needed to plant every problem, got {n}")
        perm = rng.permutation(n)
        seg: dict[str, np.ndarray] = {}
        start = 0
        for name in ("orphan", "orphan_unknown", "broken", "unknown_link", "unknown_agency", "skip", "mismatch",
                     "dup", "frag", "cover"):
            size = min(sizes[name], n - start)
            seg[name] = perm[start: start + size]
            start += size
        planted_rows = np.zeros(n, dtype=bool)
        for name in seg:
            if name != "cover":
                planted_rows[seg[name]] = True
        self.planted_rows = planted_rows
        # GK005: the last project no other plant uses has its id pasted from a web page, with a
        # zero-width space after "P-" (picked after every random draw: nothing else moves).
        self.unsafe_row = int(np.flatnonzero(~planted_rows)[-1])

        at = seg["cover"]
        el1[at] = [c[0] for c in cover[: len(at)]]
        forced_min[at] = [c[1] for c in cover[: len(at)]]
        at = seg["broken"]   # every dangling element once (the closed pair always dangles), then at random
        pick = np.array(dangling + list(rng.choice(dangling, size=len(at) - len(dangling))), dtype=np.int32)
        el1[at] = pick
        forced_min[at] = [midx[els[i].lead or els[i].pool[0]] for i in pick]
        at = seg["frag"]
        rows = []
        for st in self.special["fragmented"]:
            fs = [f for f in self.factors_of[st.id] if f not in self.unused_factors]
            rows += [(index[fs[j % len(fs)]], midx[m]) for j, m in enumerate(st.pool[:5])]
        el1[at] = [r[0] for r in rows]
        forced_min[at] = [r[1] for r in rows]
        prov_pool = np.array([index[e.id] for e in self.area_targets if e.level == "provincial_target"
                              and e.id in reach], dtype=np.int32)
        at = seg["mismatch"]
        el1[at] = rng.choice(prov_pool, size=len(at))
        shift = rng.integers(1, nP, size=len(at)) if nP > 1 else np.zeros(len(at), dtype=np.int64)
        forced_prov[at] = (prov[el1[at]] + shift) % nP

        # Duplicate pairs: one piece of work in one village, reported by two ministries.
        dup = seg["dup"].reshape(-1, 2)
        self.dup_text: dict[int, tuple[str, str]] = {}
        year_pick = rng.integers(0, 3, size=n).astype(np.int8)
        combos = rng.choice(len(V.VILLAGES) ** 2, size=len(dup), replace=False)
        for k, (a, b) in enumerate(dup):
            st = dup_sts[int(rng.integers(len(dup_sts)))]
            fs = [f for f in self.factors_of[st.id] if f not in self.unused_factors]
            # Most often the line ministry and Interior (district or local office) both do it.
            m1 = st.lead if st.lead in st.pool else st.pool[0]
            others = [x for x in st.pool if x != m1]
            m2 = "มท" if m1 != "มท" and rng.random() < 0.7 else others[int(rng.integers(len(others)))]
            p = int(rng.integers(nP))
            el1[a], el1[b] = index[fs[int(rng.integers(len(fs)))]], index[fs[int(rng.integers(len(fs)))]]
            forced_min[a], forced_min[b] = midx[str(m1)], midx[str(m2)]
            forced_prov[a] = forced_prov[b] = p
            year_pick[b] = year_pick[a]
            v1, v2 = V.VILLAGES[int(combos[k]) // len(V.VILLAGES)], V.VILLAGES[int(combos[k]) % len(V.VILLAGES)]
            works = V.DUPLICATE_WORKS[THEMES[st.theme]]
            work = works[k % len(works)].format(v1=v1, v2=v2)
            y = str(YEARS_BE[year_pick[a]])
            place = f" {self.place_label(self.prov_codes[p])}"
            goal = V.DUPLICATE_OBJECTIVES[k % 2].format(v1=v1)
            name_a = f"โครงการ{work}{place}{V.YEAR_FORMATS[0].format(y=y)}"
            variant = k % 3
            if variant == 0:
                name_b, goal_b = name_a, goal
            elif variant == 1:
                name_b = f"โครงการ{work}{place.replace('จังหวัด', 'จ.')}{V.YEAR_FORMATS[1].format(y=y)}"
                goal_b = goal
            else:
                name_b = f"โครงการ{work} หมู่ที่ {1 + k % 12}{place}{V.YEAR_FORMATS[0].format(y=y)}"
                goal_b = f"{goal} และพื้นที่ใกล้เคียง"
            self.dup_text[int(a)], self.dup_text[int(b)] = (name_a, goal), (name_b, goal_b)

        # Second links: some projects name both the factor and its sub-target.
        el2 = np.full(n, -1, dtype=np.int32)
        second = (~planted_rows) & (is_factor[el1] | is_area[el1]) & (rng.random(n) < 0.1) & (st_of[el1] >= 0)
        el2[second] = st_of[el1[second]]

        # Place: area targets fix it; others are single-province, national or a cluster's provinces.
        scope = rng.choice(3, size=n, p=[0.72, 0.18, 0.10]).astype(np.int8)   # 0 single, 1 national, 2 multi
        prov_w = np.array([3.0 if p == "TH-10" else 1.0 for p in self.prov_codes])
        p1 = rng.choice(nP, size=n, p=prov_w / prov_w.sum()).astype(np.int32)
        area_rows = is_area[el1]
        scope[area_rows] = 0
        pick = (rng.random(n) * np.maximum(n_members[el1], 1)).astype(np.int32)
        p1[area_rows] = members[el1[area_rows], pick[area_rows]]
        fixed = forced_prov >= 0
        scope[fixed], p1[fixed] = 0, forced_prov[fixed]
        multi_clusters = [c for c, mem in self.cluster_members.items() if len(mem) >= 2]
        cl = np.full(n, -1, dtype=np.int32)
        p2 = np.full(n, -1, dtype=np.int32)
        p3 = np.full(n, -1, dtype=np.int32)
        if multi_clusters:
            mrows = np.flatnonzero(scope == 2)
            cl[mrows] = rng.integers(len(multi_clusters), size=len(mrows))
            mem = np.full((len(multi_clusters), max(len(self.cluster_members[c]) for c in multi_clusters)), -1)
            for i, c in enumerate(multi_clusters):
                mem[i, : len(self.cluster_members[c])] = [pidx[p] for p in self.cluster_members[c]]
            keys = rng.random((len(mrows), mem.shape[1]))
            keys[mem[cl[mrows]] < 0] = 2.0
            order = np.argsort(keys, axis=1)
            chosen = np.take_along_axis(mem[cl[mrows]], order, axis=1)
            p1[mrows], p2[mrows] = chosen[:, 0], chosen[:, 1]
            if chosen.shape[1] > 2:
                third = rng.random(len(mrows)) < 0.4
                p3[mrows] = np.where(third, chosen[:, 2], -1)
        else:
            scope[scope == 2] = 0
        national = scope == 1
        p1[national] = -1

        # Ministry and agency.
        u = rng.random(n)
        m = np.where(forced_min >= 0, forced_min,
                     pool_arr[pool_start[el1] + (u * pool_len[el1]).astype(np.int32)])
        dept_flat: list[int] = []
        dstart = np.zeros(len(THEMES) * nM, dtype=np.int32)
        dlen = np.zeros(len(THEMES) * nM, dtype=np.int32)
        agency_ids = [a["id"] for a in self.agencies]
        aidx = {a: i for i, a in enumerate(agency_ids)}
        for t in range(len(THEMES)):
            for mi, mid in enumerate(self.min_ids):
                deps = [aidx[a] for a in self.departments(mid, t)]
                dstart[t * nM + mi], dlen[t * nM + mi] = len(dept_flat), len(deps)
                dept_flat.extend(deps)
        dept_arr = np.array(dept_flat, dtype=np.int32)
        key = theme[el1].astype(np.int32) * nM + m
        dept = dept_arr[dstart[key] + (rng.random(n) * dlen[key]).astype(np.int32)]
        office = np.full((nM, nP), -1, dtype=np.int32)
        for (mid, p), oid in self.office.items():
            office[midx[mid], pidx[p]] = aidx[oid]
        off = np.where(p1 >= 0, office[m, np.maximum(p1, 0)], -1)
        use_office = (off >= 0) & (is_area_target[el1] | (rng.random(n) < 0.4)) & (scope == 0)
        self.p_agency = np.where(use_office, off, dept).astype(np.int32)
        self.agency_names = np.array(agency_ids + V.UNKNOWN_AGENCIES, dtype=object)
        at = seg["unknown_agency"]
        self.p_agency[at] = len(agency_ids) + 2 + rng.integers(0, len(V.UNKNOWN_AGENCIES) - 2, size=len(at))

        # Year, budget, status and wording.
        self.p_year = year_pick
        budget = np.exp(rng.normal(np.log(1.5e6), 1.1, size=n)) * np.where(scope == 1, 4.0,
                                                                            np.where(scope == 2, 2.0, 1.0))
        budget = np.clip(budget, 30_000, 2_000_000_000)
        step = np.where(budget >= 1e6, 10_000, 1_000)
        self.p_budget = (np.round(budget / step) * step).astype(np.int64)
        self.p_budget[rng.random(n) < 0.01] = -1
        status_p = np.array([[0.0, 0.05, 0.92, 0.03], [0.05, 0.55, 0.37, 0.03], [0.35, 0.6, 0.03, 0.02]])
        cum = status_p.cumsum(axis=1)[year_pick]
        self.p_status = (rng.random(n)[:, None] > cum).sum(axis=1).clip(0, 3).astype(np.int8)
        self.p_theme = theme[el1]
        # Wording fits both the theme and the ministry ("phrase|กษ,มท" in the vocabulary).
        self.flat: dict[str, np.ndarray] = {}
        self.p_words: dict[str, np.ndarray] = {}
        wkey = self.p_theme.astype(np.int32) * nM + m
        for k in ("objects", "groups", "outcomes"):
            phrases: list[str] = []
            cand: list[int] = []
            cstart = np.zeros(len(THEMES) * nM, dtype=np.int32)
            clen = np.zeros(len(THEMES) * nM, dtype=np.int32)
            for t, theme_key in enumerate(THEMES):
                base = len(phrases)
                parsed = [(w.partition("|")[0], w.partition("|")[2]) for w in V.PROJECT_WORDS[theme_key][k]]
                phrases.extend(w for w, _ in parsed)
                for mi, mid in enumerate(self.min_ids):
                    fit = [base + j for j, (_, tags) in enumerate(parsed) if not tags or mid in tags.split(",")]
                    fit = fit or list(range(base, base + len(parsed)))
                    cstart[t * nM + mi], clen[t * nM + mi] = len(cand), len(fit)
                    cand.extend(fit)
            self.flat[k] = np.array(phrases, dtype=object)
            cand_arr = np.array(cand, dtype=np.int32)
            self.p_words[k] = cand_arr[cstart[wkey] + (rng.random(n) * clen[wkey]).astype(np.int32)]
        self.p_verb = rng.integers(len(V.VERBS), size=n).astype(np.int8)
        self.p_overb = rng.integers(len(V.OBJECTIVE_VERBS), size=n).astype(np.int8)
        self.p_qual = rng.integers(len(V.QUALIFIERS), size=n).astype(np.int8)
        self.p_yfmt = rng.choice(len(V.YEAR_FORMATS), size=n, p=V.YEAR_FORMAT_WEIGHTS).astype(np.int8)
        self.p_nat = rng.integers(len(V.NATIONAL_PLACES), size=n).astype(np.int8)
        tambon = rng.integers(len(V.TAMBONS), size=n).astype(np.int16)
        self.p_tambon = np.where((scope == 0) & (rng.random(n) < 0.5), tambon, -1).astype(np.int16)
        self.p_scope, self.p_p1, self.p_p2, self.p_p3, self.p_cl = scope, p1, p2, p3, cl
        self.multi_clusters = multi_clusters
        self.p_detail = self.title_details(scope) if self.scale.title_detail else None

        # Links as strings are built per chunk; here, which rows replace them.
        self.el_ids = np.array(ids, dtype=object)
        self.p_el1, self.p_el2 = el1, el2
        links: dict[int, str] = dict.fromkeys((int(i) for i in seg["orphan"]), "")
        fake = self.fake_ids()
        for j, i in enumerate(seg["orphan_unknown"]):
            links[int(i)] = fake[j % len(fake)]
        for j, i in enumerate(seg["unknown_link"]):
            links[int(i)] = f"{ids[el1[i]]};{fake[(j + 1) % len(fake)]}"
        mps = sorted({f"MP{st.id[:2]}" for st in self.anchors})
        for j, i in enumerate(seg["skip"]):
            mp = mps[int(rng.integers(len(mps)))]
            links[int(i)] = self.els[mp].parents[0] if j % 4 == 3 else mp
        self.link_texts = links
        self.link_override = _Overrides(links)
        self.name_override = _Overrides({i: t[0] for i, t in self.dup_text.items()})
        self.goal_override = _Overrides({i: t[1] for i, t in self.dup_text.items()})
        width = max(6, len(str(n)))
        pid = lambda i: f"P-{int(i) + 1:0{width}d}"  # noqa: E731
        self.pid_width = width
        self.id_override = _Overrides({self.unsafe_row: f"\u200b{self.unsafe_row + 1:0{width}d}"})
        P = self.planted
        P["GK005"].add(f"P-\u200b{self.unsafe_row + 1:0{width}d}")
        P["GK101"].update(pid(i) for i in np.concatenate([seg["orphan"], seg["orphan_unknown"]]))
        P["GK001"].update(pid(i) for i in np.concatenate([seg["orphan_unknown"], seg["unknown_link"],
                                                          seg["unknown_agency"]]))
        P["GK201"].update(pid(i) for i in seg["broken"])
        P["GK203"].update(pid(i) for i in seg["skip"])
        P["GK204"].update(pid(i) for i in seg["mismatch"])
        P["GK301"].update(pid(min(a, b)) for a, b in dup)

    def title_details(self, scope: np.ndarray) -> np.ndarray:
        """Per project, the specific part of its title (own random stream: other columns do not move).

        Local work names a village (``บ้าน`` + one of ~700 composed names) and often its
        หมู่ที่; national and multi-province work names a deliverable (~1,000 combinations).
        """
        rng = np.random.default_rng([self.seed, 301])
        n = len(scope)
        villages = np.array([f" บ้าน{a}{b}" for a in V.VILLAGE_HEADS for b in V.VILLAGE_TAILS], dtype=object)
        moo = np.array([""] + [f" หมู่ที่ {k}" for k in range(1, 21)], dtype=object)
        items = np.array([f" {a}{b}" for a in V.DELIVERABLES for b in V.DELIVERABLE_SCOPES], dtype=object)
        local = villages[rng.integers(len(villages), size=n)] + moo[rng.integers(len(moo), size=n)]
        wide = items[rng.integers(len(items), size=n)]
        return np.where(scope == 0, local, wide)

    def fake_ids(self) -> list[str]:
        """Plausible element ids that the bundle does not define."""
        out = []
        for st in self.anchors[:6]:
            for cand in (f"{st.id[:4]}07", f"{st.id}V09F01", f"{st.id[:2]}0009"):
                if cand not in self.els:
                    out.append(cand)
        return out or ["999999"]

    def project_lines(self, a: int, b: int) -> str:
        """Render rows a..b of the integer columns as CSV lines.

        Columns are gathered with numpy indexing and joined with ``map``/``zip`` (C loops): no
        Python code runs per row. Name and objective are always quoted; budgets too (commas).
        """
        sl = slice(a, b)
        scope, p1, p2, p3 = self.p_scope[sl], self.p_p1[sl], self.p_p2[sl], self.p_p3[sl]
        codes = np.array([*self.prov_codes, ""], dtype=object)
        labels = np.array([f" {self.place_label(p)}" for p in self.prov_codes] + [""], dtype=object)
        clabels = np.array([f" {self.place_label(c)}" for c in self.multi_clusters] + [""], dtype=object)
        nat = np.array(V.NATIONAL_PLACES, dtype=object)[self.p_nat[sl]]
        place = np.where(scope == 0, labels[p1], np.where(scope == 2, clabels[self.p_cl[sl]], nat))
        tambons = np.array([f" ตำบล{t}" for t in V.TAMBONS] + [""], dtype=object)
        sep = np.array(["", ";"], dtype=object)
        provinces = np.where(scope == 1, "national", codes[p1])
        self.place_override.apply(provinces, a, b)
        yfmt = np.array([f.format(y=y) for f in V.YEAR_FORMATS for y in YEARS_BE], dtype=object)
        year_text = yfmt[self.p_yfmt[sl].astype(np.int32) * 3 + self.p_year[sl]]
        obj = self.flat["objects"][self.p_words["objects"][sl]]
        grp = self.flat["groups"][self.p_words["groups"][sl]]
        detail = self.p_detail[sl] if self.p_detail is not None else repeat("")
        name = np.array(list(map("".join, zip(
            repeat("โครงการ"), np.array(V.VERBS, dtype=object)[self.p_verb[sl]], obj, grp,
            np.array(V.QUALIFIERS, dtype=object)[self.p_qual[sl]], detail, tambons[self.p_tambon[sl]], place,
            year_text, strict=False))),
            dtype=object)
        objective = np.array(list(map("".join, zip(
            repeat("เพื่อ"), np.array(V.OBJECTIVE_VERBS, dtype=object)[self.p_overb[sl]], obj, grp, repeat(" "),
            self.flat["outcomes"][self.p_words["outcomes"][sl]], strict=False))), dtype=object)
        el2 = self.p_el2[sl]
        links = np.array(list(map("".join, zip(self.el_ids[self.p_el1[sl]], sep[(el2 >= 0).view(np.int8)],
                                               self.el_ids[np.maximum(el2, 0)] * (el2 >= 0), strict=True))),
                         dtype=object)
        self.name_override.apply(name, a, b)
        self.goal_override.apply(objective, a, b)
        self.link_override.apply(links, a, b)
        ids = np.strings.zfill(np.arange(a + 1, b + 1).astype(str), self.pid_width).astype(object)
        self.id_override.apply(ids, a, b)
        budget = self.p_budget[sl]
        budget_text = np.where(budget >= 0, '"' + _thousands(np.maximum(budget, 0)) + '"', "")
        years = np.array([str(y) for y in YEARS_BE], dtype=object)[self.p_year[sl]]
        status = np.array(V.STATUSES, dtype=object)[self.p_status[sl]]
        rows = zip(repeat("P-"), ids.tolist(), repeat(',"'), name, repeat('",'), self.agency_names[self.p_agency[sl]],
                   repeat(","), years, repeat(","), budget_text, repeat(","), provinces, sep[(p2 >= 0).view(np.int8)],
                   codes[p2], sep[(p3 >= 0).view(np.int8)], codes[p3], repeat(',"'), objective, repeat('",'),
                   status, repeat(","), links, repeat("\n"), strict=False)
        return "".join(map("".join, rows))

    # ------------------------------------------------------------------ editions (GK205)
    def plant_editions(self) -> None:
        """First editions (2561–2565) of a share of sub-targets, replaced by the revised ones, and
        the projects and an action target that still name them (GK205).

        Runs after the projects are drawn, on its own random stream, and only adds: an element per
        old edition (appended, with the revised sub-target's parents and lead), a second link on
        some ordinary projects of the lead ministry (carried over from the old eMENSCR code) and a
        second parent on one action target. Every other row and draw stays as it was.
        """
        rng = np.random.default_rng([self.seed, 205])
        sc, P = self.scale, self.planted
        revisable = [st for st in self.anchors if st.id not in self.touched and st.lead and self.lead_of.get(st.id)]
        picks = rng.permutation(len(revisable))[: _count(sc.edition_share, len(self.sub_targets), 1)]
        agency_min = np.array([self.agency_ministry.get(a, "") for a in self.agency_names], dtype=object)
        p_min = agency_min[self.p_agency]
        free = ~self.planted_rows & (self.p_el2 < 0)
        free[self.unsafe_row] = False
        index = {e: i for i, e in enumerate(self.el_ids)}
        old_ids: list[str] = []
        quota = _count(sc.old_edition_rate, self.n, sc.min_plants)
        for k, i in enumerate(sorted(int(j) for j in picks)):
            st = revisable[i]
            old = self.add(_El(f"{st.id}-61", "sub_target", f"{st.name} (ฉบับปี 2561–2565)", list(st.parents),
                               theme=st.theme, pool=st.pool, lead=st.lead, period=FIRST_EDITION, replaced_by=[st.id]))
            old_ids.append(old.id)
            for e in [st.id, *(c for c in self.els if self.els[c].st == st.id)]:
                self.els[e].period = CURRENT_EDITION
            self.leads.append((old.id, self.lead_agency(str(st.lead), st.theme), "lead"))
            serves = np.isin(self.p_el1, [index[e] for e in [st.id, *self.factors_of[st.id]] if e in index])
            ours = p_min == st.lead   # the lead ministry's own projects keep the old edition active (no GK403)
            rows = next((r for r in (np.flatnonzero(free & serves & ours), np.flatnonzero(free & ours),
                                     np.flatnonzero(free & serves)) if len(r)), np.flatnonzero(free))
            share = max(1, quota // len(picks) + (k < quota % len(picks)))
            for r in rng.permutation(rows)[:share]:
                self.link_texts[int(r)] = f"{self.el_ids[self.p_el1[r]]};{old.id}"
                free[r] = False
                P["GK205"].add(f"P-{int(r) + 1:0{self.pid_width}d}")
        self.link_override = _Overrides(self.link_texts)
        at = [a for a in self.action_targets if a.id not in self.touched and a.parents and a.parents[0] in self.els]
        revised = {self.els[o].replaced_by[0]: o for o in old_ids}
        at = [a for a in at if a.st in revised] or at   # a ministry's plan still citing its target's old edition
        if at and old_ids:
            target = at[int(rng.integers(len(at)))]
            target.parents = [*target.parents, revised.get(target.st or "", old_ids[0])]
            self.touched.add(target.id)
            P["GK205"].add(target.id)

    # ------------------------------------------------------------------ writing
    def element_frame(self) -> pd.DataFrame:
        """elements.csv: parents as a ``;``-list, as a planner would type them; periods in BE."""
        rows = []
        for e in self.els.values():
            start, end = e.period or LEVEL_PERIODS.get(e.level, CURRENT_EDITION)
            rows.append({"id": e.id, "level": e.level, "name": e.name, "name_en": e.name_en,
                         "parents": ";".join(e.parents), "area": e.area, "valid_from": start, "valid_to": end,
                         "replaced_by": ";".join(e.replaced_by)})
        return pd.DataFrame(rows)


PROJECT_COLUMNS = ("id", "name", "agency", "fiscal_year", "budget", "provinces", "objective", "status", "links")
AREA_LEVELS = frozenset({"regional_target", "cluster_target", "provincial_target"})
PROJECT_LEVELS = frozenset({"vc_factor", "sub_target", "regional_target", "cluster_target", "provincial_target",
                            "action_target", "integrated_plan", "nesdp_strategy", "nesdp_sub_strategy"})


_GROUP = np.array([str(i) for i in range(1000)], dtype=object)
_GROUP3 = np.array([f",{i:03d}" for i in range(1000)], dtype=object)


def _thousands(values: np.ndarray) -> np.ndarray:
    """Format baht as ``1,250,000`` column-wise, as budgets come from Excel exports."""
    v = values.astype(np.int64)
    g = [(v // 1000 ** k) % 1000 for k in range(4)]
    return np.where(v >= 10 ** 9, _GROUP[g[3]] + _GROUP3[g[2]] + _GROUP3[g[1]] + _GROUP3[g[0]],
                    np.where(v >= 10 ** 6, _GROUP[g[2]] + _GROUP3[g[1]] + _GROUP3[g[0]],
                             np.where(v >= 1000, _GROUP[g[1]] + _GROUP3[g[0]], _GROUP[g[0]])))


class _Overrides:
    """A few rows whose text replaces the generated text, applied chunk by chunk."""

    def __init__(self, rows: dict[int, str]) -> None:
        order = sorted(rows)
        self.at = np.array(order, dtype=np.int64)
        self.text = np.array([rows[i] for i in order], dtype=object)

    def apply(self, column: np.ndarray, a: int, b: int) -> None:
        lo, hi = np.searchsorted(self.at, [a, b])
        column[self.at[lo:hi] - a] = self.text[lo:hi]


def _check_csv_safe() -> None:
    """Project text is written without a csv module: no phrase may carry a quote or a newline."""
    for words in V.PROJECT_WORDS.values():
        for phrases in words.values():
            for w in phrases:
                if '"' in w or "\n" in w:
                    raise ValueError(f"project phrase not CSV-safe: {w!r}")


def _write_lines(b: _Builder, outdir: Path, enc: str, say: Callable[[str], None]) -> None:
    """budget_lines.csv, from the projects' ids, budgets, years and agencies (see :mod:`.budget`)."""
    digits = np.strings.zfill(np.arange(1, b.n + 1).astype(str), b.pid_width).astype(object)
    b.id_override.apply(digits, 0, b.n)  # the pasted id with a zero-width space is funded under that id
    ids = "P-" + digits
    lines = make_lines(ids, b.p_budget, YEARS_BE[b.p_year], b.p_agency, b.seed, b.pid_width,
                       min_plants=b.scale.min_plants)
    for code, subjects in lines.planted.items():
        b.planted[code].update(subjects)
    with open_output(outdir / "budget_lines.csv") as raw:
        fh = io.TextIOWrapper(raw, encoding=enc, newline="")
        fh.write(",".join(LINE_COLUMNS) + "\n")
        for text in lines.csv_chunks(CHUNK, _thousands):
            fh.write(text)
        fh.flush()
        fh.detach()
    say(f"budget lines: {len(lines.code):,}")


def generate_bundle(outdir: Path, projects: int, seed: int = 0, *,
                    progress: Callable[[str], None] | None = None, scale: Scale | None = None,
                    bom: bool = True) -> dict[str, list[str]]:
    """Write a synthetic bundle to ``outdir`` and return what was planted, by finding code.

    The bundle follows the data contract (README.md, "The bundle": elements, agencies, projects, leads, kpis,
    kpi_agencies; ``;``-lists, Buddhist-Era years, ``1,250,000`` budgets, UTF-8 with a BOM
    unless ``bom`` is false). ``planted.json`` beside the CSVs lists, for every code, the
    subject ids planted on purpose: the checks must find at least those. The same seed gives
    the same bundle byte for byte.
    """
    say = progress or (lambda _msg: None)
    outdir = Path(outdir)
    b = _Builder(projects, seed, scale or Scale())
    b.build_agencies()
    b.build_plan()
    b.choose_special()
    b.build_areas()
    b.build_action_and_integrated()
    b.plant_elements()
    b.build_leads()
    b.build_kpis()
    say(f"plan: {len(b.els):,} elements, {len(b.agencies):,} agencies")
    b.build_projects()
    b.plant_editions()
    plant_v2(b, seed)
    # the writer creates outdir with the first file: only once the bundle is known to be buildable
    enc = "utf-8-sig" if bom else "utf-8"

    def write(name: str, frame: pd.DataFrame) -> None:
        with open_output(outdir / name) as fh:  # atomically, like every file graphkpi writes
            frame.to_csv(fh, index=False, encoding=enc, lineterminator="\n")

    write("elements.csv", b.element_frame())
    write("agencies.csv", pd.DataFrame(b.agencies))
    write("leads.csv", pd.DataFrame(b.leads, columns=["element", "agency", "role"]))
    write("kpis.csv", pd.DataFrame(b.kpis))
    write("kpi_agencies.csv", pd.DataFrame(b.kpi_agencies, columns=["kpi", "agency", "role", "measured"]))
    _check_csv_safe()
    with open_output(outdir / "projects.csv") as raw:
        fh = io.TextIOWrapper(raw, encoding=enc, newline="")
        fh.write(",".join(PROJECT_COLUMNS) + "\n")
        for a in range(0, projects, CHUNK):
            z = min(projects, a + CHUNK)
            fh.write(b.project_lines(a, z))
            say(f"projects: {z:,}/{projects:,}")
        fh.flush()
        fh.detach()  # the writer closes the file itself
    _write_lines(b, outdir, enc, say)
    planted = {code: sorted(b.planted[code]) for code in CODES}
    write_output(outdir / "planted.json", (json.dumps(planted, ensure_ascii=False, indent=1) + "\n").encode("utf-8"))
    return planted
