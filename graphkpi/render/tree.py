"""``graphkpi trace`` as an indented tree with marks where chains break."""

from __future__ import annotations

from graphkpi.analysis.trace import TraceNode
from graphkpi.graph import PlanGraph
from graphkpi.render.i18n import t

MARKS = {"z": "✓", "stop": "✗", "missing": "✗", "loop": "↻", "seen": "…", "ok": ""}


def render_tree(root: TraceNode, g: PlanGraph, lang: str = "th") -> str:
    lines: list[str] = []

    def label(n: TraceNode) -> str:
        if n.status == "missing":
            return f"{n.id}  ✗ {t('missing_ref', lang)}"
        lv = t("project", lang) if n.level == "project" else g.profile.label(n.level, lang)
        text = f"{n.id} [{lv}] {n.name}".rstrip()
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
        return text + ("  " + "  ".join(notes) if notes else "")

    def walk(n: TraceNode, prefix: str, last: bool, top: bool) -> None:
        lines.append(label(n) if top else f"{prefix}{'└── ' if last else '├── '}{label(n)}")
        child_prefix = "" if top else prefix + ("    " if last else "│   ")
        for i, p in enumerate(n.parents):
            walk(p, child_prefix, i == len(n.parents) - 1, False)

    walk(root, "", True, True)
    orphan = root.level == "project" and all(p.status == "missing" for p in root.parents)
    verdict = t("reaches_z_mark", lang) if root.reaches_z else t("orphan" if orphan else "broken", lang)
    lines.append("")
    lines.append(("✓ " if root.reaches_z else "✗ ") + verdict)
    return "\n".join(lines) + "\n"
