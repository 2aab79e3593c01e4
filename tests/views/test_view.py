"""`graphkpi view`: each mode shows what it claims, stays offline, escapes data, caps its size."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from graphkpi.checks import CheckOptions, run_checks
from graphkpi.cli import main
from graphkpi.load import load_bundle
from graphkpi.sets import isin
from graphkpi.views import render_view, select_view
from graphkpi.views.select import shown_codes
from tests.conftest import MINIMAL, PERIOD_ELEMENTS, REPO, SAMPLE, write_bundle

EVIL = "<img src=x onerror=alert(1)>"


def view_data(html: str) -> dict:
    block = re.search(r'<script id="graphkpi-data" type="application/json">(.*?)</script>', html, re.S)
    assert block
    return json.loads(block.group(1))


def write(tmp_path: Path, *args: str) -> tuple[str, str]:
    out = tmp_path / "v.html"
    result = CliRunner().invoke(main, ["view", *args, "-o", str(out), "-q"])
    assert result.exit_code == 0, result.output
    return out.read_text(encoding="utf-8"), result.output


MODES = [[], ["--focus", "050101"], ["--focus", "P-000028"], ["--ministry", "สธ"], ["--province", "เชียงใหม่"],
         ["--finding", "GK201"], ["--finding", "orphan-project"], ["--size", "budget", "--lang", "en"]]


@pytest.mark.parametrize("args", MODES, ids=lambda a: "-".join(a) or "overview")
def test_modes_are_self_contained(tmp_path: Path, args: list[str]) -> None:
    html, _ = write(tmp_path, str(SAMPLE), *args)
    assert not re.search(r"<(script|link|img|iframe)[^>]+(src|href)=", html), "no external resources"
    assert "Content-Security-Policy" in html
    data = view_data(html)
    assert data["nodes"] and all("x" in n and "y" in n for n in data["nodes"])


def test_overview_levels_and_sizes() -> None:
    g = load_bundle(SAMPLE)
    v = select_view(g, run_checks(g), mode="overview")
    levels = {n.level for n in v.nodes.values()}
    assert levels == {"strategy", "master_plan", "sub_target"}
    uncovered = v.nodes["050102"]  # GK102: no project reaches it
    assert uncovered.value == 0 and uncovered.coverage == 0
    assert all(n.coverage is not None for n in v.nodes.values() if n.level == "sub_target")
    assert ("050101", "MP05") in v.edges  # the cascade collapsed to the shown levels


def test_focus_shows_the_chain_up_and_what_hangs_below() -> None:
    g = load_bundle(SAMPLE)
    v = select_view(g, run_checks(g), mode="focus", target="P-000028")
    own = {"P-000028", "TH-50-T01"}    # the broken chain; the rest: the suggested elements' chains up to Z
    assert v.suggested and set(v.nodes) - own == set(g.up_closure({e for _, e in v.suggested}))
    assert v.nodes["TH-50-T01"].severity == "error"  # GK202: the chain stops here
    v = select_view(g, run_checks(g), mode="focus", target="050101", depth=1)
    assert {"050101", "0501", "MP05", "S2"} <= set(v.nodes)
    assert any(n.kind == "project" for n in v.nodes.values())


PERIODS = {
    "elements.csv": PERIOD_ELEMENTS,
    "projects.csv": "id,name,agency,fiscal_year,links\nP1,โครงการหนึ่ง,M1,2567,T1;T2\nP2,โครงการสอง,M1,2563,T1\n"
                    "P3,โครงการสาม,M1,2567,AT1\n",
}


def test_out_of_period_links_are_dashed_with_the_period(tmp_path: Path, bundle) -> None:
    """GK205's links and cascades are dashed with the element's period as the edge's tooltip;
    every other edge stays solid, and the page says what the dashes mean."""
    path = bundle(PERIODS)
    html, out = write(tmp_path, str(path), "--focus", "SPX", "--depth", "3")
    edges = {(e["from"], e["to"]): e for e in view_data(html)["edges"]}
    dashed = {k for k, e in edges.items() if e.get("dashes")}
    assert dashed == {("P1", "T1"), ("AT1", "T1")}
    assert edges[("P1", "T1")]["title"] == "นอกช่วงเวลาใช้บังคับ (2561–2565)"
    assert "title" not in edges[("P2", "T1")] and "title" not in edges[("P1", "T2")]
    assert "เส้นประ" in out
    html, _ = write(tmp_path, str(path), "--focus", "P1", "--lang", "en", "--years", "ce")
    edges = {(e["from"], e["to"]): e for e in view_data(html)["edges"]}
    assert edges[("P1", "T1")]["title"] == "out of period (in force 2018–2022)"


def test_a_focused_orphan_shows_its_suggested_links_dotted(tmp_path: Path) -> None:
    """An orphan's focus draws `graphkpi suggest`'s three elements, dotted with their score, and
    their chains up to Z; a project that reaches Z gets none (near-miss)."""
    from graphkpi.analysis.suggest import suggest

    g = load_bundle(SAMPLE)
    html, out = write(tmp_path, str(SAMPLE), "--focus", "P-000009")
    wanted = suggest(g, ["P-000009"], top=3).candidates
    edges = {(e["from"], e["to"]): e for e in view_data(html)["edges"]}
    dotted = {k for k, e in edges.items() if e.get("dashes") == [2, 6]}
    assert dotted == {("P-000009", e) for e in wanted["element"]} and len(dotted) == 3
    assert all(edges[k]["title"].startswith("ข้อเสนอการเชื่อมโยง (คะแนน ") for k in dotted)
    nodes = {n["id"] for n in view_data(html)["nodes"]}
    assert set(wanted["element"]) <= nodes and "S2" in nodes and "เส้นประสีเขียว" in out
    html, out = write(tmp_path, str(SAMPLE), "--focus", "P-000090")
    assert not any(e.get("dashes") == [2, 6] for e in view_data(html)["edges"]) and "เส้นประสีเขียว" not in out


def test_finding_view_explains_the_code(tmp_path: Path) -> None:
    html, out = write(tmp_path, str(SAMPLE), "--finding", "GK201", "--lang", "en")
    assert "How to fix" in html and "7 GK201 findings" in out
    g = load_bundle(SAMPLE)
    v = select_view(g, run_checks(g), mode="finding", target="GK201")
    broken = {f.subject for f in run_checks(g, CheckOptions(select=("GK201",)))}
    assert broken <= set(v.nodes)


def test_a_row_s_finding_marks_its_element_or_project_but_not_a_namesake(tmp_path: Path) -> None:
    """GK001 about a project's link (subject P1) and GK005 about an element's id used to mark
    nothing: their code is about rows. They now mark the project and the element. The near miss:
    the KPI Z1, whose element does not exist (GK001 about kpi Z1), marks not the strategy Z1."""
    bundle = write_bundle(tmp_path / "b", {
        "elements.csv": "id,level,name,parents\nZ1,strategy,ยุทธศาสตร์,\nT1,sub_target,เป้าหมาย,Z1\n"
                        "T2\u200b2,sub_target,เป้าหมายสอง,Z1\n",
        "agencies.csv": "id,name,ministry\nA1,กรม,M1\nM1,กระทรวง,\n",
        "projects.csv": "id,name,agency,fiscal_year,budget,provinces,links\nP1,หนึ่ง,A1,2567,100,TH-50,T1;TX\n",
        "kpis.csv": "id,name,element\nZ1,ตัวชี้วัด,TY\n"})
    g = load_bundle(bundle)
    found = run_checks(g, CheckOptions(select=shown_codes("province")))
    assert {(f.code, f.subject, f.subject_kind) for f in found if f.code in ("GK001", "GK005")} >= {
        ("GK001", "P1", "project"), ("GK001", "Z1", "kpi"), ("GK005", "T2\u200b2", "element")}
    assert {"GK001", "GK005"} <= set(shown_codes("overview"))
    v = select_view(g, found, mode="province", target="TH-50")
    assert "GK001" in v.nodes["P1"].findings and v.nodes["P1"].severity == "error"
    assert "GK001" not in v.nodes["Z1"].findings   # the KPI Z1's finding, not the strategy's
    assert "GK005" in select_view(g, found, mode="overview").nodes["T2\u200b2"].findings


def test_node_cap_groups_projects_and_says_so(tmp_path: Path) -> None:
    html, out = write(tmp_path, str(SAMPLE), "--focus", "MP05", "--depth", "4", "--max-nodes", "100", "--lang", "en")
    data = view_data(html)
    assert len(data["nodes"]) <= 100
    groups = [n for n in data["nodes"] if n["kind"] == "group"]
    assert groups and not any(n["kind"] == "project" for n in data["nodes"])
    said = ("This view holds 62 projects, too many to draw one by one or per ministry on each target, so they are "
            "grouped per target into 30 groups")
    assert said in out and said in html
    assert "Showing" not in out   # every target fits: nothing is left out
    assert {n["kind"] for n in data["hidden"]} == {"group", "project"}


def _inside(v, gid: str) -> set[str]:
    """The projects a group opens into, down every level."""
    kids = v.expand.get(gid)
    if kids is None:
        return {gid} if gid in v.hidden and v.hidden[gid].kind == "project" else set()
    return set().union(*(_inside(v, k) for k in kids))


def test_groups_per_target_when_target_and_ministry_groups_do_not_fit() -> None:
    """Target × ministry groups that do not fit beside the elements become one group per target
    (its ministries, projects and budget), opening by ministry, so every project is still on the
    first screen; a target of one ministry is drawn as that ministry's group. Near-miss: one node
    more and the target × ministry groups are drawn."""
    g = load_bundle(SAMPLE)
    findings = run_checks(g)
    fine = select_view(g, findings, mode="focus", target="MP05", depth=4, group_above=10, max_nodes=10_000)
    elements = sum(n.kind == "element" for n in fine.nodes.values())
    pairs = [n for n in fine.nodes.values() if n.kind == "group"]
    below = g.existing_links[isin(g.existing_links["element"], [n for n, x in fine.nodes.items()
                                                                 if x.kind == "element"])]
    assert len(pairs) == len(below.assign(m=below["project"].map(g.project_ministry))[["element", "m"]]
                             .drop_duplicates())
    v = select_view(g, findings, mode="focus", target="MP05", depth=4, group_above=10,
                    max_nodes=elements + len(pairs) - 1, lang="en")
    drawn = [n for n in v.nodes.values() if n.kind == "group"]
    targets = below["element"].nunique()
    assert len(drawn) == targets and len(v.nodes) <= elements + len(pairs) - 1
    assert set().union(*(_inside(v, n.id) for n in drawn)) == set(below["project"])
    several = [n for n in drawn if n.id.endswith("|*")]
    assert several and all(n.info["ministries"] == len(v.expand[n.id]) > 1 for n in several)
    assert all(n.label.startswith(f"{v.anchor[n.id]} · {n.info['ministries']} ministries\n") for n in several)
    for n in several:   # each opens into its ministries' groups, which add up to it
        kids = [v.hidden[k] for k in v.expand[n.id]]
        assert {k.ministry for k in kids} == set(below.loc[below["element"] == v.anchor[n.id], "project"]
                                                 .map(g.project_ministry))
        assert sum(k.info["budget"] for k in kids) == pytest.approx(n.info["budget"])
    single = [n for n in drawn if not n.id.endswith("|*")]
    assert single and all(n.info["ministry"] and "ministries" not in n.info for n in single)
    assert all(n.label.startswith(f"{v.anchor[n.id]} · {n.ministry}\n") for n in single)
    inner = [v.hidden[k] for n in several for k in v.expand[n.id]]   # near-miss: opened, a ministry's own name
    assert all(k.label.startswith(f"{k.ministry}\n") for k in inner)
    assert not any("Showing" in note for note in v.notes)


def test_a_big_slice_draws_its_largest_targets_with_their_chains_only() -> None:
    """When even one group per target does not fit, a slice view draws the targets with the
    largest budget and only the elements above them (the others would take the cap from the
    work), and says how much of the work that is."""
    g = load_bundle(SAMPLE)
    findings = run_checks(g)
    v = select_view(g, findings, mode="ministry", target="สธ", group_above=10, max_nodes=40, lang="en")
    assert len(v.nodes) <= 40
    drawn = [n for n in v.nodes.values() if n.kind == "group"]
    anchors = {v.anchor[n.id] for n in drawn}
    assert {n for n, x in v.nodes.items() if x.kind == "element"} == g.up_closure(anchors)
    # so many elements that the projects hang from the sub-targets they reach
    links = g.target_reach[isin(g.target_reach["project"], g.project_ministry.index[g.project_ministry == "สธ"])]
    budget = links.assign(b=links["project"].map(g.projects["budget"])).groupby("element")["b"].sum()
    assert budget[list(anchors)].min() >= budget.drop(list(anchors)).max()   # the largest first
    assert all(a in v.nodes and b in v.nodes for a, b in v.edges)
    assert any(note.startswith(f"Showing the {len(drawn)} of {budget.size} targets with the largest budget")
               for note in v.notes)
    assert any(note.startswith("Only the plan elements on the chains of the groups shown") for note in v.notes)
    # near-miss: a focus keeps its elements (they are what it is about), so nothing is pruned
    f = select_view(g, findings, mode="focus", target="MP05", depth=4, group_above=10, max_nodes=80)
    assert not any(note.startswith("Only the plan elements") for note in f.notes)


def test_groups_open_by_agency_then_into_their_projects() -> None:
    """Above ``group_above`` projects a view draws one group per target and ministry; each opens into
    one group per agency and those into their projects, whose counts and budgets add up."""
    g = load_bundle(SAMPLE)
    findings = run_checks(g)
    v = select_view(g, findings, mode="ministry", target="สธ", group_above=10)
    drawn = [n for n in v.nodes.values() if n.kind == "group"]
    assert drawn and not any(n.kind == "project" for n in v.nodes.values())
    links = g.existing_links[g.existing_links["project"].isin(g.project_ministry.index[g.project_ministry == "สธ"])]
    for top in drawn:
        element = v.anchor[top.id]
        children = [v.hidden[c] for c in v.expand[top.id]]   # agency groups; a group of one is its project
        agencies = [c for c in children if c.kind == "group"]
        assert all(a.info["projects"] > 1 for a in agencies)
        assert sum(a.info["projects"] for a in agencies) + len(children) - len(agencies) == top.info["projects"]
        assert sum(c.info["budget"] or 0 for c in children) == pytest.approx(top.info["budget"])
        inside = {p for a in agencies for p in v.expand[a.id]} | {c.id for c in children if c.kind == "project"}
        assert inside == set(links.loc[links["element"] == element, "project"])
        assert all(v.hidden[p].kind == "project" for p in inside)
    # near-miss: at the threshold nothing is grouped
    n = links["project"].nunique()
    plain = select_view(g, findings, mode="ministry", target="สธ", group_above=n)
    assert not plain.hidden and not any(x.kind == "group" for x in plain.nodes.values())
    # above the embedded limit, groups open down to agencies only, and the page says so
    lean = select_view(g, findings, mode="ministry", target="สธ", group_above=10, embed_projects=n - 1, lang="en")
    assert lean.hidden and all(x.kind == "group" for x in lean.hidden.values())
    assert any("groups split down to agencies only" in note for note in lean.notes)


def test_untrusted_names_are_escaped(bundle, tmp_path: Path) -> None:
    files = {**MINIMAL, "projects.csv": f'id,name,agency,fiscal_year,links\nP1,"{EVIL}",A1,2567,T1\n'}
    html, _ = write(tmp_path, str(bundle(files)), "--focus", "P1")
    assert EVIL not in html  # only as \u003c-escaped JSON
    data = view_data(html)
    assert any(EVIL in n["label"] for n in data["nodes"])


def test_bad_options_exit_2(tmp_path: Path) -> None:
    runner = CliRunner()
    out = str(tmp_path / "x.html")
    assert runner.invoke(main, ["view", str(SAMPLE), "-o", out, "--focus", "NOPE"]).exit_code == 2
    assert runner.invoke(main, ["view", str(SAMPLE), "-o", out, "--finding", "GK999"]).exit_code == 2
    assert runner.invoke(main, ["view", str(SAMPLE), "-o", out, "--focus", "S1", "--ministry", "สธ"]).exit_code == 2
    assert not Path(out).exists()


def test_the_overview_runs_no_checks_about_projects() -> None:
    """The overview draws no project, so it skips checks whose findings are about projects (GK301 on
    10^6 projects took minutes) and marks its elements exactly as with every check about nodes."""
    from graphkpi.views.select import shown_codes

    codes = shown_codes("overview")
    assert "GK301" not in codes and "GK101" not in codes and {"GK102", "GK202", "GK205"} <= set(codes)
    assert "GK101" in shown_codes("province")   # near-miss: a view that draws projects runs them
    g = load_bundle(SAMPLE)
    every = select_view(g, run_checks(g, CheckOptions(select=shown_codes("province"))), mode="overview")
    few = select_view(g, run_checks(g, CheckOptions(select=codes)), mode="overview")
    assert {k: (n.severity, n.findings) for k, n in few.nodes.items()} == \
        {k: (n.severity, n.findings) for k, n in every.nodes.items()}


def test_the_status_bar_counts_with_a_thousands_separator() -> None:
    """The status bar said "2000 nodes"; every other count of the page has a separator."""
    from graphkpi.views import render_view
    from graphkpi.views.select import Node, ViewGraph

    profile = load_bundle(SAMPLE).profile
    for n, said in ((1_200, "1,200 โหนด"), (999, "999 โหนด")):   # near-miss: no separator below 1,000
        view = ViewGraph("t", "focus")
        for i in range(n):
            view.add(Node(f"E{i}", "element", "sub_target", f"E{i}"))
        assert f'<div id="status">{said} ·' in render_view(view, profile)


def test_a_slice_linking_to_more_elements_than_fit_groups_by_the_sub_targets_reached() -> None:
    """When not even one group per linked element fits beside the elements, a slice view hangs its
    projects from the sub-targets their chains reach: every such project is inside a drawn group,
    only the sub-targets' chains are drawn, and the page says who is left out. Near-miss: with
    room, groups hang from the elements the projects link to."""
    g = load_bundle(SAMPLE)
    findings = run_checks(g)
    projects = g.projects.index
    v = select_view(g, findings, mode="projects", target="all", projects=projects, max_nodes=250, lang="en")
    reach = g.target_reach
    drawn = [n for n in v.nodes.values() if n.kind == "group"]
    assert {v.anchor[n.id] for n in drawn} == set(reach["element"]) and len(v.nodes) <= 250
    assert set().union(*(_inside(v, n.id) for n in drawn)) == set(reach["project"])
    assert {n for n, x in v.nodes.items() if x.kind == "element"} == g.up_closure(set(reach["element"]))
    linked = g.existing_links["project"].nunique()
    assert any(f"{linked - reach['project'].nunique()} more projects whose chains reach no sub-target" in note
               for note in v.notes)
    roomy = select_view(g, findings, mode="projects", target="all", projects=projects, group_above=10)
    assert {roomy.anchor[n.id] for n in roomy.nodes.values() if n.kind == "group"} == set(
        g.existing_links["element"])


def test_a_wrapped_row_of_groups_reads_largest_budget_first() -> None:
    """A row of groups too long for one line wraps; read top-down and left to right it is a
    ranking by budget. Near-miss: a row that fits one line keeps the order of what it hangs from."""
    from graphkpi.views.layout import PER_ROW, place
    from graphkpi.views.select import Node, ViewGraph

    profile = load_bundle(SAMPLE).profile
    for n in (PER_ROW * 3, PER_ROW):
        view = ViewGraph("t", "projects")
        parents = [view.add(Node(f"E{i}", "element", "sub_target", f"E{i}")).id for i in range(n)]
        for i, parent in enumerate(parents):   # budgets unrelated to where the parents sit
            view.add(Node(f"G{i}", "group", "project", f"G{i}", value=float((i * 7) % n)))
            view.edges.add((f"G{i}", parent))
        pos = place(view, profile)
        reading = sorted((g for g in view.nodes if g.startswith("G")), key=lambda g: (pos[g][1], pos[g][0]))
        by_budget = sorted(reading, key=lambda g: -view.nodes[g].value)
        by_parent = sorted(reading, key=lambda g: pos[f"E{g[1:]}"][0])
        assert reading == (by_budget if n > PER_ROW else by_parent)


def test_a_slice_linking_to_more_elements_than_read_well_groups_by_the_sub_targets_reached(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """Within the node cap, a slice whose projects link to more elements than one screen reads
    (``READABLE_ELEMENTS``) hangs them from the sub-targets they reach, saying why: one group per
    linked element would be a wall of one-project groups. Near-miss: with the limit above the
    elements linked, groups hang from those elements."""
    from graphkpi.views import select

    g = load_bundle(SAMPLE)
    findings = run_checks(g)
    linked = g.existing_links["element"].nunique()
    for limit, coarse in ((linked - 1, True), (linked, False)):
        monkeypatch.setattr(select, "READABLE_ELEMENTS", limit)
        v = select_view(g, findings, mode="projects", target="all", projects=g.projects.index, lang="en")
        anchors = {v.anchor[n.id] for n in v.nodes.values() if n.kind == "group"}
        said = any(f"link to {linked:,} plan elements, more than one screen can show readably ({limit:,})"
                   in note for note in v.notes)
        assert said is coarse and len(v.nodes) <= 2000
        assert anchors == (set(g.target_reach["element"]) if coarse else anchors & set(g.existing_links["element"]))
        assert coarse or not anchors <= set(g.target_reach["element"])


@pytest.mark.parametrize(("lang", "name"), [("th", "เชียงใหม่"), ("en", "Chiang Mai")])
def test_a_province_view_is_titled_by_the_province_name(tmp_path: Path, lang: str, name: str) -> None:
    """The page's heading names the province (it read TH-50 alone), its code beside the name as in
    every slice line."""
    html, _ = write(tmp_path, str(SAMPLE), "--province", "TH-50", "--lang", lang)
    heading = re.search(r"<h1[^>]*>([^<]*)</h1>", html).group(1)
    assert f"{name} (TH-50)" in heading and heading.count("TH-50") == 1


def test_legend_colours_differ_per_level(tmp_path: Path) -> None:
    """Every level in the legend has its own colour (the old palette gave all three Z levels one
    yellow and the NESDP's five levels one purple); a node of a level is filled with its swatch."""
    html, _ = write(tmp_path, str(SAMPLE), "--province", "TH-50")
    swatches = re.findall(r'<div class="legend-row"><span class="swatch" style="background: (#[0-9a-f]{6})"></span>'
                          r"([^<]+)</div>", html)
    levels = [label for _, label in swatches]
    assert len(levels) >= 12 and len(set(levels)) == len(levels)
    colours = [c for c, _ in swatches]
    assert len(set(colours)) == len(colours), swatches
    fills = {n["level_label"]: n["color"]["background"] for n in view_data(html)["nodes"] if n["kind"] == "element"}
    assert all(fills[label] == colour for colour, label in swatches if label in fills)


@pytest.mark.parametrize(("lang", "unit"), [("th", "ล้านบาท"), ("en", "M baht")])
def test_a_group_label_gives_its_budget_in_million_baht(lang: str, unit: str) -> None:
    """In full baht a big group's budget ("10,447,…") was cut to its column; the label gives
    million baht and the tooltip keeps the exact figure."""
    g = load_bundle(SAMPLE)
    v = select_view(g, run_checks(g), mode="focus", target="MP05", depth=4, max_nodes=100, lang=lang)
    groups = [n for n in (*v.nodes.values(), *v.hidden.values()) if n.kind == "group"]
    assert groups
    for n in groups:
        said = re.search(rf"\n([\d,.]+) {unit}$", n.label)
        assert said, n.label
        assert abs(float(said.group(1).replace(",", "")) - n.info["budget"] / 1e6) <= 0.5
        if n.info["budget"] >= 1e6:   # not in full baht
            assert str(int(n.info["budget"])) not in n.label.replace(",", "")


@pytest.mark.parametrize("mode", [["--ministry", "สธ"], ["--focus", "050101"]])
def test_a_view_is_the_same_page_in_every_process(tmp_path: Path, mode: list[str]) -> None:
    """The views collect nodes in sets, whose order depends on the process's string hashing
    (PYTHONHASHSEED): the page writes them in id order, so two runs give the same bytes."""
    import os
    import subprocess
    import sys

    pages = []
    for seed in ("1", "2"):
        out = tmp_path / f"{seed}.html"
        subprocess.run([sys.executable, "-m", "graphkpi", "view", str(SAMPLE), *mode, "-o", str(out)], check=True,
                       capture_output=True, env={**os.environ, "PYTHONHASHSEED": seed}, cwd=REPO)
        pages.append(out.read_bytes())
    assert pages[0] == pages[1]


@pytest.mark.parametrize(("mode", "values", "option"), [("province", ("TH-50", "เชียงใหม่", "Chiang Mai"), "--province"),
                                                        ("ministry", ("สธ", "กระทรวงสาธารณสุข"), "--ministry")])
def test_a_python_view_of_a_province_or_ministry_is_the_commands(tmp_path: Path, mode: str, values: tuple[str, ...],
                                                                 option: str) -> None:
    """select_view(mode="province") drew the province's own projects only, while `view --province`
    adds the national ones by default, and refused a name; both now select as the slice does."""
    g = load_bundle(SAMPLE)
    found = run_checks(g, CheckOptions(select=shown_codes("projects")))
    html, _ = write(tmp_path, str(SAMPLE), option, values[0])
    drawn = {n["id"] for n in view_data(html)["nodes"]}
    for value in values:
        assert set(select_view(g, found, mode=mode, target=value).nodes) == drawn, value
    if mode == "province":   # near-miss: without the national projects, fewer
        html, _ = write(tmp_path, str(SAMPLE), option, values[0], "--exclude-national")
        assert len(view_data(html)["nodes"]) < len(drawn)


@pytest.mark.parametrize(("written", "shown", "other"), [("2024", "2024", "2567"), ("2567", "2567", "2024")])
def test_a_python_view_shows_years_in_its_bundles_era(tmp_path: Path, written: str, shown: str, other: str) -> None:
    """render_view without ``be`` wrote every year in BE, a CE bundle's too; now in the bundle's era."""
    from tests.conftest import MINIMAL

    g = load_bundle(write_bundle(tmp_path / written, {
        **MINIMAL, "projects.csv": f"id,name,agency,fiscal_year,budget,links\nP1,โครงการหนึ่ง,A1,{written},1000,T1\n"}))
    html = render_view(select_view(g, [], mode="focus", target="P1", depth=1), g.profile, lang="en")
    data = json.dumps(view_data(html), ensure_ascii=False)
    assert shown in data and other not in data
