"""The one message catalogue: every key the code uses exists in Thai and English, every call
fills every placeholder, and a missing key or placeholder fails loudly instead of printing
itself or an empty string.

The call sites are found by reading the source (``ast``), not by running commands: a message
shown only on a rare error path is checked as surely as a table header.
"""

from __future__ import annotations

import ast
import itertools
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from graphkpi.backends.base import BackendError
from graphkpi.checks import catalog
from graphkpi.cli.server import EXIST_KINDS
from graphkpi.load.errors import Problem, problem
from graphkpi.messages import LANGS, MissingMessage, Msg, UnfilledPlaceholder, messages, placeholders, say
from graphkpi.messages.catalogue import _flatten
from graphkpi.model import Severity
from graphkpi.render.i18n import severity, t
from graphkpi.reports.build import AMOUNT_DETAILS
from tests.conftest import REPO

SOURCE = REPO / "graphkpi"

# Functions taking a message key: name -> (index of the key argument, prefix that makes it a catalogue key).
SINKS: dict[str, tuple[int, str]] = {
    "say": (0, ""), "of": (0, ""),             # graphkpi.messages.say, Msg.of
    "t": (0, "ui."), "_t": (0, "ui.view_"),    # render.i18n.t, views.select's shorthand
    "severity": (0, "ui.severity_"), "severity_label": (0, "ui.severity_"),
    "OutputError": (0, "ui."), "BackendError": (0, "backend."), "problem": (3, "load."),
}
# Helpers that add parameters of their own before passing a key on: keys checked, parameters at run time.
WRAPPERS: dict[str, tuple[int, str]] = {"over": (3, "load."), "_cells_problem": (3, "load."),
                                        "cells_problem": (3, "load."),
                                        "template_of": (0, "")}   # filled where the finding is rendered
# Functions whose argument is a list of column names, each shown through ``t``.
COLUMN_SINKS = {"to_text": 1}
FAMILIES = sorted({d.family for d in catalog().values()})
STATUSES = ("active", "expired", "unused", "idle")   # graphkpi.suppress.status
DIFF_KINDS = ("element", "project", "link", "lead", "kpi", "agency")   # graphkpi.analysis.diff.KINDS
DIFF_CHANGES = ("added", "removed", "changed")                         # graphkpi.analysis.diff.CHANGES

# Keys chosen at run time from data, with every value they can take. A call site whose key the
# scan cannot resolve must be listed here (file, the key expression), so nothing goes unchecked.
DYNAMIC: dict[tuple[str, str], list[str]] = {
    ("render/catalog.py", "'kind_' + doc.subject_kind"): [f"ui.kind_{d.subject_kind}" for d in catalog().values()],
    ("render/stats.py", "k"): [f"ui.{k}" for k in ("projects_reaching_z", "budget_reaching_z",
                                                   "sub_targets_with_projects", "factors_with_projects",
                                                   "line_budget_reaching_z", "projects_with_lines")],
    ("render/accountability.py", 'f"role_{r}"'): [
        f"ui.role_{r}" for r in ("lead", "co-lead", "candidate", "coordinator", "unclaimed")],
    ("render/accountability.py", 'f"direction_{d}"'): [f"ui.direction_{d}" for d in ("up", "down")],
    ("render/duplicates.py", 'f"gao_short_{g}"'): [f"ui.gao_short_{g}" for g in ("duplication", "overlap")],
    ("render/duplicates.py", '"gao_" + d["gao"]'): [f"ui.gao_{g}" for g in ("duplication", "overlap")],
    ("render/findings.py", "f\"gao_{d['gao']}\""): [f"ui.gao_{g}" for g in ("duplication", "overlap")],
    ("render/findings.py", 'f"findings.{code}.{name}"'):
        [f"findings.{c}.{m}" for c, d in catalog().items()
         for m in ("message", "message_alone", "message_self", *(f"message_if_{k}" for k in d.variants),
                   *(f"message_self_if_{k}" for k in d.variants)) if d.has(m)],
    ("reports/build.py", 'f"family_{k}"'): [f"ui.family_{f}" for f in FAMILIES],
    **{(f, "f\"suppress_status_{r['status']}\""): [f"ui.suppress_status_{s}" for s in STATUSES]
       for f in ("render/screen.py", "reports/build.py")},
    ("reports/build.py", 'f"report_{k}"'): [f"ui.report_{k}" for k in ("suppressed", "baseline")],
    ("render/suggest.py", 'f"suggest.reason_{reason}"'): [f"ui.suggest.reason_{r}" for r in ("no_words", "no_match")],
    ("views/select.py", 'f"overview_note_{size}"'): [f"ui.view_overview_note_{s}" for s in ("projects", "budget")],
    ("views/select.py", 'f"{kind}_title"'): [f"ui.view_{k}_title" for k in ("ministry", "province")],
    ("views/html.py", 'f"view_size_{size_by}"'): [f"ui.view_size_{s}" for s in ("projects", "budget")],
    ("cli/support.py", 'f"slice_{key}"'): [f"ui.slice_{k}" for k in ("ministry", "agency", "province", "year",
                                                                      "target")],
    ("views/html.py", "key"): [f"ui.{k}" for k in ("id", "name", "agency", "ministry", "fiscal_year", "budget",
                                                   "provinces", "projects", "level", "coverage", "findings")],
    ("render/reach.py", "c"): [f"ui.{k}" for k in ("project", "name", "agency_name", "ministry", "fiscal_year",
                                                   "budget", "line_budget", "provinces", "level", "elements",
                                                   "projects")],
    **{(f, "doc.severity.value"): [f"ui.severity_{v.value}" for v in Severity]
       for f in ("render/catalog.py", "render/findings.py", "reports/build.py")},
    ("reports/build.py", 'f"amount_{k}"'): [f"ui.amount_{k}" for k in AMOUNT_DETAILS],
    **{(f, "d.severity.value"): [f"ui.severity_{v.value}" for v in Severity]
       for f in ("render/catalog.py", "reports/build.py")},
    ("reports/diff.py", "f\"diff_kind_{c['kind']}\""): [f"ui.diff_kind_{k}" for k in DIFF_KINDS],
    ("cli/report.py", "per"): [f"ui.{p}" for p in ("ministry", "province")],
    ("outputs.py", "key"): ["ui.output_folder_in_use", "ui.bundle_folder_in_use"],
    ("reports/per.py", "per"): [f"ui.{p}" for p in ("ministry", "province")],
    ("reports/per.py", 'f"report_per_{kind}"'): [f"ui.report_per_{k}" for k in ("orphans", "full")],
    ("reports/diff.py", 'f"diff_sheet_{key}"'): [f"ui.diff_sheet_{k}" for k in ("sub_targets", "ministries",
                                                                              "findings_new", "findings_fixed")],
    **{(f, "f\"diff_change_{c['change']}\""): [f"ui.diff_change_{c}" for c in DIFF_CHANGES]
       for f in ("render/diff.py", "reports/diff.py")},
    ("load/sources.py", "ragged"): [f"load.ragged{s}" for s in ("", "_semicolon", "_tab")],
    ("render/duplicates.py", "_why_key(d)"): ["ui.duplicates_why", "ui.duplicates_why_lifted"],
    ("cli/server.py", "EXIST_KINDS[label]"): [f"ui.{k}" for k in EXIST_KINDS.values()],
}
# The message API's own layers, which pass on a key their caller chose (checked at the caller).
PASSED_ON = {("render/i18n.py", 'f"ui.{key}"'), ("render/i18n.py", 'f"ui.severity_{value}"'),
             ("views/select.py", 'f"view_{key}"'), ("load/errors.py", 'f"load.{self.key}"'),
             ("backends/base.py", 'f"backend.{self.key}"'), ("outputs.py", "self.key"),
             ("messages/catalogue.py", "self.key"), ("render/frames.py", "c"),
             ("messages/params.py", 'f"findings.{self.code}.params.{self.name}.help"'),
             ("load/bounds.py", "key"), ("load/bundle.py", "key"), ("load/sources.py", "key"),
             ("load/budget.py", "key"), ("suppress.py", 'f"load.{self.key}"')}


@dataclass(frozen=True)
class Use:
    """One call that says a message: where, which keys it may say, and which parameters it names."""

    where: str
    keys: tuple[str, ...] | None      # None: decided at run time (see DYNAMIC)
    source: str                       # the key expression as written
    params: frozenset[str] | None     # None: passed as **mapping, checked at run time


def _literal_seqs(trees: dict[str, ast.Module]) -> dict[str, list[str]]:
    """Module-level tuples and lists of strings (``ORPHAN_COLUMNS = (...)``), by name, over every module."""
    out: dict[str, list[str]] = {}
    for tree in trees.values():
        for node in tree.body:
            target = node.targets[0] if isinstance(node, ast.Assign) else getattr(node, "target", None)
            value = getattr(node, "value", None)
            if isinstance(target, ast.Name) and isinstance(value, (ast.Tuple, ast.List)) and all(
                    isinstance(e, ast.Constant) and isinstance(e.value, str) for e in value.elts):
                out.setdefault(target.id, []).extend(e.value for e in value.elts)
    return out


class _Scan(ast.NodeVisitor):
    """Collects message uses, resolving keys built from literals and loops over literal sequences."""

    def __init__(self, rel: str, text: str, seqs: dict[str, list[str]]) -> None:
        self.rel, self.text, self.seqs = rel, text, seqs
        self.catalogue_say = rel.startswith("messages/") or any(
            isinstance(n, ast.ImportFrom) and (n.module or "").startswith("graphkpi.messages")
            and any(a.name == "say" for a in n.names) for n in ast.walk(ast.parse(text)))
        self.env: list[dict[str, list[str]]] = [{}]
        self.uses: list[Use] = []

    def seq(self, node: ast.expr) -> list[str] | None:
        if isinstance(node, (ast.Tuple, ast.List)):
            parts = [self.value(e) for e in node.elts]
            return None if any(p is None for p in parts) else [v for p in parts for v in p]
        if isinstance(node, ast.Name) and node.id in self.seqs:
            return self.seqs[node.id]
        return None

    def value(self, node: ast.expr) -> list[str] | None:
        """Every string ``node`` can be, or None when it depends on data."""
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            return [node.value]
        if isinstance(node, ast.Name):
            for scope in reversed(self.env):
                if node.id in scope:
                    return scope[node.id]
            return None
        if isinstance(node, ast.JoinedStr):
            parts = [self.value(v.value if isinstance(v, ast.FormattedValue) else v) for v in node.values]
            return None if any(p is None for p in parts) else ["".join(c) for c in itertools.product(*parts)]
        if isinstance(node, ast.IfExp):
            body, orelse = self.value(node.body), self.value(node.orelse)
            return None if body is None or orelse is None else body + orelse
        if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
            left, right = self.value(node.left), self.value(node.right)
            return None if left is None or right is None else [a + b for a in left for b in right]
        return None

    def bound(self, target: ast.expr, iterable: ast.expr) -> dict[str, list[str]]:
        values = self.seq(iterable)
        return {target.id: values} if values is not None and isinstance(target, ast.Name) else {}

    def visit_For(self, node: ast.For) -> None:
        self.visit(node.iter)
        self.env.append(self.bound(node.target, node.iter))
        for child in node.body + node.orelse:
            self.visit(child)
        self.env.pop()

    def _comprehension(self, node: ast.ListComp | ast.SetComp | ast.GeneratorExp | ast.DictComp) -> None:
        scope: dict[str, list[str]] = {}
        for gen in node.generators:
            self.visit(gen.iter)
            scope |= self.bound(gen.target, gen.iter)
        self.env.append(scope)
        for child in [*(i for g in node.generators for i in g.ifs),
                      *((node.key, node.value) if isinstance(node, ast.DictComp) else (node.elt,))]:
            self.visit(child)
        self.env.pop()

    visit_ListComp = visit_SetComp = visit_GeneratorExp = visit_DictComp = _comprehension

    def visit_Call(self, node: ast.Call) -> None:
        func = node.func
        name = func.id if isinstance(func, ast.Name) else func.attr if isinstance(func, ast.Attribute) else ""
        if name == "of" and not (isinstance(func, ast.Attribute) and getattr(func.value, "id", "") == "Msg"):
            name = ""
        if name == "say" and not self.catalogue_say:  # a module's own say(), such as a progress printer
            name = ""
        where = f"{self.rel}:{node.lineno}"
        sink = SINKS.get(name) or WRAPPERS.get(name)
        if sink and len(node.args) > sink[0]:
            index, prefix = sink
            arg = node.args[index]
            found = self.value(arg)
            spread = name in WRAPPERS or any(k.arg is None for k in node.keywords)
            params = None if spread else frozenset(k.arg for k in node.keywords if k.arg != "lang")
            source = ast.get_source_segment(self.text, arg) or ""
            if name.startswith("severity"):
                params = frozenset()
            self.uses.append(Use(where, None if found is None else tuple(prefix + k for k in found), source, params))
        if name in COLUMN_SINKS and len(node.args) > COLUMN_SINKS[name]:
            columns = self.seq(node.args[COLUMN_SINKS[name]])
            if columns is not None:  # a variable list is built from literal columns checked where it is built
                self.uses.append(Use(where, tuple(f"ui.{c}" for c in columns), "columns", frozenset()))
        self.generic_visit(node)


def _uses() -> Iterator[Use]:
    files = sorted(SOURCE.rglob("*.py"))
    texts = {p: p.read_text("utf-8") for p in files}
    trees = {str(p): ast.parse(texts[p]) for p in files}
    seqs = _literal_seqs(trees)
    for p in files:
        scan = _Scan(p.relative_to(SOURCE).as_posix(), texts[p], seqs)
        scan.visit(trees[str(p)])
        yield from scan.uses


USES = list(_uses())
STATIC = [u for u in USES if u.keys is not None]


def test_the_scan_finds_the_call_sites() -> None:
    """A scan that finds nothing passes every other test here: make sure it finds each kind of call."""
    files = {u.where.split(":")[0] for u in STATIC}
    assert {"cli/server.py", "load/sources.py", "backends/neo4j/state.py", "outputs.py", "render/findings.py",
            "views/select.py"} <= files
    assert len(STATIC) > 150


@pytest.mark.parametrize("use", STATIC, ids=lambda u: f"{u.where}:{u.source}")
def test_every_literal_key_exists_and_its_placeholders_are_filled(use: Use) -> None:
    catalogue = messages()
    for key in use.keys or ():
        assert key in catalogue, f"{use.where}: no message {key!r} in graphkpi/messages"
        if use.params is not None:
            need = placeholders(catalogue[key]["th"])
            assert use.params == need, f"{use.where}: {key} needs {sorted(need)}, the call gives {sorted(use.params)}"


def test_every_key_decided_at_run_time_is_enumerated() -> None:
    """Keys built from data (a role, a severity) are listed with every value they take; a new one must be added."""
    dynamic = {(u.where.split(":")[0], u.source) for u in USES if u.keys is None}
    assert dynamic - PASSED_ON - DYNAMIC.keys() == set(), "enumerate these keys in DYNAMIC"
    assert (DYNAMIC.keys() | PASSED_ON) - dynamic == set(), "DYNAMIC or PASSED_ON lists call sites that are gone"
    missing = sorted(k for keys in DYNAMIC.values() for k in keys if k not in messages())
    assert not missing


def test_every_message_has_both_languages_with_the_same_placeholders() -> None:
    catalogue = messages()
    assert len(catalogue) > 250
    for key, text in catalogue.items():
        assert set(text) == set(LANGS) and all(v.strip() for v in text.values()), key
        assert placeholders(text["th"]) == placeholders(text["en"]), key


@pytest.mark.parametrize("name", ["ui", "findings", "load", "backend", "help"])
def test_no_key_is_written_twice(name: str) -> None:
    """JSON keeps the last of two equal keys without a word: a new message would silently replace
    (or be replaced by) an old one of the same key."""
    seen: list[str] = []

    def pairs(items: list[tuple[str, Any]]) -> dict[str, Any]:
        keys = [k for k, _ in items]
        seen.extend(k for k in set(keys) if keys.count(k) > 1)
        return dict(items)

    path = REPO / "graphkpi" / "messages" / f"{name}.json"
    json.loads(path.read_text(encoding="utf-8"), object_pairs_hook=pairs)
    assert seen == []


def test_a_missing_key_fails_loudly() -> None:
    with pytest.raises(MissingMessage, match=r"ui\.no_such_label"):
        t("no_such_label", "th")
    with pytest.raises(MissingMessage):
        say("ui.total", "fr")
    with pytest.raises(MissingMessage):
        severity("fatal", "en")
    with pytest.raises(MissingMessage):
        problem("projects.csv", 2, "budget", "no_such_problem").render("th")
    with pytest.raises(MissingMessage):
        BackendError("no_such_error")


def test_an_unfilled_placeholder_fails_loudly() -> None:
    with pytest.raises(UnfilledPlaceholder, match=r"ui\.projects_total \(th\) needs budget"):
        t("projects_total", "th", n=3)
    with pytest.raises(UnfilledPlaceholder, match="budget, n"):
        say("ui.projects_total", "en")
    with pytest.raises(UnfilledPlaceholder):
        Problem("projects.csv", 2, "budget", "negative_money").text("en")


def test_one_language_without_the_other_is_refused() -> None:
    out: dict[str, dict[str, str]] = {}
    _flatten("ui", {"ok": {"th": "ใช่", "en": "yes"}}, out)
    assert out == {"ui.ok": {"th": "ใช่", "en": "yes"}}
    with pytest.raises(MissingMessage, match=r"ui\.half"):
        _flatten("ui", {"half": {"th": "ครึ่ง"}}, {})


def test_messages_say_what_they_said_before() -> None:
    """The texts moved, their words did not: one of each kind, in both languages."""
    assert t("projects_total", "th", n="2", budget="5") == "รวม 2 โครงการ งบประมาณ 5 บาท"
    assert t("trace_continues", "en", id="E1", depth=12345) == (
        "⤷ the chain goes on from E1 (12,345 levels deep), indented afresh")
    assert severity("warning", "th") == "เตือน"
    bad = problem("projects.csv", 7, "budget", "negative_money", value="-5")
    assert bad.render("th") == "projects.csv, แถว 7, คอลัมน์ 'budget': จำนวนเงินติดลบ (-5) งบประมาณต้องไม่น้อยกว่า 0"
    assert str(bad) == "projects.csv, row 7, column 'budget': negative amount (-5): a budget cannot be below 0"


def test_english_counts_agree_with_their_number() -> None:
    """``{n:~one|many}``: the first form for 1 (a number, or a number already written as text)."""
    assert t("projects_total", "en", n=1, budget="5") == "total: 1 project, 5 baht"
    assert t("projects_total", "en", n="1", budget="5") == "total: 1 project, 5 baht"
    assert t("projects_total", "en", n=0, budget="0") == "total: 0 projects, 0 baht"
    assert t("projects_total", "en", n="1,001", budget="5") == "total: 1,001 projects, 5 baht"
    assert t("projects_total", "th", n=1, budget="5") == "รวม 1 โครงการ งบประมาณ 5 บาท"
    assert t("suggest.agency", "en", hits=1, total=3) == "1 of the agency's 3 linked projects reaches it"
    assert t("suggest.agency", "en", hits=2, total=2) == "2 of the agency's 2 linked projects reach it"
    assert t("view_orphans_note", "en", n=1) == (
        "1 more project links to no plan element (GK101) and has no chain to draw")


# Words ending in s that are not plural nouns, as a count of 1 may precede them ("{database} holds").
_NOT_PLURAL = {"is", "was", "does", "holds", "takes", "requires", "shows"}


def test_no_english_message_says_one_of_a_plural() -> None:
    """Every message filled with 1 in each placeholder: no "1 projects". A count followed by its
    noun takes the plural form (findings' messages count ministries of a group: two or more)."""
    wrong = []
    for key, text in messages().items():
        if key.startswith("findings."):
            continue
        said = say(key, "en", **{name: 1 for name in placeholders(text["en"])})
        wrong += [f"{key}: {m.group(0)}" for m in re.finditer(r"\b1 (?:more )?([a-z]+s)\b", said)
                  if m.group(1) not in _NOT_PLURAL]
    assert wrong == []


def test_a_message_inside_a_message_is_said_in_the_same_language() -> None:
    err = BackendError("occupied", database="'neo4j'", what=Msg.of("backend.occupied_graph", source="data/sample"))
    assert err.text("th") == ("ฐานข้อมูล 'neo4j' มีกราฟของ data/sample อยู่แล้ว ใช้ --replace เพื่อแทนที่ "
                              "(ลบเฉพาะโหนดของ graphkpi)")
    assert str(err).startswith("database 'neo4j' already holds the graph of data/sample; load with --replace")


def test_loading_the_catalogue_reads_json_only(tmp_path: Path) -> None:
    """The CLI must start at once: the catalogue and the options generated from it import no pandas."""
    import subprocess
    import sys

    code = ("import sys, graphkpi.cli.params as c, graphkpi.render.i18n as i; i.t('total'); c.check_options()\n"
            "heavy = [m for m in ('pandas', 'numpy', 'pyarrow', 'tomllib', 'networkx') if m in sys.modules]\n"
            "print(','.join(heavy))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=tmp_path)
    assert out.stdout.strip() == ""
