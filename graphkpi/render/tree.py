"""``graphkpi trace`` as an indented tree with marks where chains break, or as JSON.

Both writers walk the tree with an explicit stack, so any depth renders. Indentation grows
four characters a level; past ``MAX_INDENT`` levels it starts again from the left margin
after a line that says so (text), or stops growing (JSON, where whitespace means nothing), so
the output stays linear in the number of nodes instead of quadratic in the depth.
"""

from __future__ import annotations

import json

from graphkpi.analysis.trace import TraceNode
from graphkpi.graph import PlanGraph
from graphkpi.load.guess import padded
from graphkpi.render.i18n import period_label, t
from graphkpi.render.safe import visible_line

MARKS = {"z": "✓", "stop": "✗", "missing": "✗", "loop": "↻", "seen": "…", "ok": ""}
MAX_INDENT = 40   # levels; real plans are about 10 deep


def render_tree(root: TraceNode, g: PlanGraph, lang: str = "th", be: bool | None = None) -> str:
    """The tree as text; ``be``: show periods in Buddhist Era (None: as the bundle gave its years)."""
    be = g.years_given_be if be is None else be
    lines: list[str] = []
    # an id Excel stripped of its zeros names what was meant, as GK001 does: the tree's missing ids
    # are looked up together (each lookup reads every element id)
    meant_of = padded(_missing_ids(root), g.elements.index)

    def label(n: TraceNode) -> str:
        if n.status == "missing":
            meant = meant_of.get(n.id)
            hint = f" ({t('reach_did_you_mean', lang, ids=meant)})" if meant else ""
            return f"{n.id}  ✗ {t('missing_ref', lang)}{hint}"
        lv = t("project", lang) if n.level == "project" else g.profile.label(n.level, lang)
        text = f"{n.id} [{lv}] {visible_line(n.name)}".rstrip()   # a name with a line break stays on its line
        notes = []
        if n.status == "z":
            notes.append(f"✓ {t('reaches_z_mark', lang)}")
        elif n.status == "stop":
            notes.append(f"✗ {t('no_links', lang) if n.level == 'project' else t('stops_here', lang)}")
        elif n.status == "loop":
            notes.append(f"↻ {t('loop', lang)}")
        elif n.status == "seen":
            notes.append(t("seen_above", lang))
        if not n.allowed:
            notes.append(f"⚠ {t('not_allowed', lang)}")
        if n.out_of_period is not None:
            notes.append(f"⏱ {t('out_of_period_step', lang, period=period_label(n.out_of_period, lang, be))}")
        return text + ("  " + "  ".join(notes) if notes else "")

    # (node, prefix, last sibling, depth); depth 0 is the top, drawn without a branch.
    stack: list[tuple[TraceNode, str, bool, int]] = [(root, "", True, 0)]
    while stack:
        n, prefix, last, depth = stack.pop()
        lines.append(label(n) if depth == 0 else f"{prefix}{'└── ' if last else '├── '}{label(n)}")
        child_prefix = "" if depth == 0 else prefix + ("    " if last else "│   ")
        if n.parents and depth and depth % MAX_INDENT == 0:
            lines.append(t("trace_continues", lang, id=n.id, depth=depth))
            child_prefix = ""
        count = len(n.parents)
        stack.extend((p, child_prefix, i == count - 1, depth + 1) for i, p in reversed(list(enumerate(n.parents))))
    orphan = root.level == "project" and all(p.status == "missing" for p in root.parents)
    verdict = t("reaches_z_mark", lang) if root.reaches_z else t("orphan" if orphan else "broken", lang)
    lines.append("")
    lines.append(("✓ " if root.reaches_z else "✗ ") + verdict)
    return "\n".join(lines) + "\n"


def _missing_ids(root: TraceNode) -> set[str]:
    """The ids of the tree's missing nodes, by a walk without recursion (a chain may be deep)."""
    out, stack = set(), [root]
    while stack:
        n = stack.pop()
        if n.status == "missing":
            out.add(n.id)
        stack.extend(n.parents)
    return out


def tree_json(root: TraceNode, be: bool = False, head: dict[str, str] | None = None) -> str:
    """``root.to_dict()`` as ``json.dumps(..., ensure_ascii=False, indent=2)`` writes it, for any depth.

    The same bytes up to ``MAX_INDENT`` levels; deeper, the indentation stays at that level's.
    ``be``: the years of ``out_of_period`` in Buddhist Era, as ``--years`` shows every year.
    ``head``: keys written first in the root's object (the document's ``graphkpi`` and ``bundle``).
    """
    out: list[str] = []
    cap = 2 * MAX_INDENT + 1   # two JSON nestings (object, parents list) per level

    def pad(nesting: int) -> str:
        return "\n" + "  " * min(nesting, cap)

    # Tasks: a node to open at a nesting, or a literal text to write.
    stack: list[tuple[TraceNode, int] | str] = [(root, 0)]
    while stack:
        task = stack.pop()
        if isinstance(task, str):
            out.append(task)
            continue
        node, nest = task
        inner = pad(nest + 1)
        fields = {**(head or {}), **node.fields()} if node is root else node.fields()
        if be and "out_of_period" in fields:
            fields["out_of_period"] = [None if y is None else y + 543 for y in fields["out_of_period"]]
        out.append("{" + "".join(f"{inner}{json.dumps(k)}: {_value(v, inner)}," for k, v in fields.items()))
        out.append(f'{inner}"parents": ')
        if not node.parents:
            out.append("[]" + pad(nest) + "}")
            continue
        item = pad(nest + 2)
        todo: list[tuple[TraceNode, int] | str] = []
        for i, p in enumerate(node.parents):
            todo += [("[" if i == 0 else ",") + item, (p, nest + 2)]
        todo.append(pad(nest + 1) + "]" + pad(nest) + "}")
        stack.extend(reversed(todo))
    return "".join(out) + "\n"


def _value(value: object, pad: str) -> str:
    """A field's value as ``json.dumps(indent=2)`` writes it at the indentation ``pad`` (a list,
    such as ``out_of_period``, one item a line)."""
    return json.dumps(value, ensure_ascii=False, indent=2).replace("\n", pad)
