"""The catalogue of finding codes for people: ``graphkpi codes`` and ``graphkpi explain``.

Imports no pandas: both commands must start instantly.
"""

from __future__ import annotations

import json

from graphkpi.checks.registry import CodeDoc
from graphkpi.render.i18n import severity as severity_label
from graphkpi.render.i18n import t
from graphkpi.render.text import table


def render_codes(fmt: str, docs: list[CodeDoc], lang: str) -> str:
    """Every code as a table, JSON or the README's markdown table."""
    if fmt == "json":
        return json.dumps([{"code": d.code, "check": d.name, "severity": d.severity.value,
                            "title": d.get("title", lang)} for d in docs], ensure_ascii=False, indent=1) + "\n"
    if fmt == "markdown":
        return "".join([("| code | check | severity | what it finds |\n|---|---|---|---|\n"),
                        *(f"| {d.code} | `{d.name}` | {d.severity.value} | {d.get('what', lang)} |\n" for d in docs)])
    return table([t("code", lang), t("name_label", lang), t("severity", lang), t("title", lang)],
                 [(d.code, d.name, severity_label(d.severity.value, lang), d.get("title", lang)) for d in docs],
                 max_width=80) + "\n"


def render_explain(fmt: str, doc: CodeDoc, lang: str) -> str:
    """What one code finds, why it matters and how to fix it."""
    if fmt == "json":
        return json.dumps({"code": doc.code, "check": doc.name, "severity": doc.severity.value,
                           "family": doc.family, "subject_kind": doc.subject_kind,
                           **{f: doc.get(f, lang) for f in ("title", "what", "why", "fix", "details") if doc.has(f)}},
                          ensure_ascii=False, indent=1) + "\n"
    text = (f"{doc.code} {doc.name} — {doc.get('title', lang)}\n"
            f"{t('severity', lang)}: {severity_label(doc.severity.value, lang)}   "
            f"{t('subject', lang)}: {t('kind_' + doc.subject_kind, lang)}\n")
    for field in ("what", "why", "fix"):
        text += f"\n{t(field, lang)}\n  {doc.get(field, lang)}\n"
    if doc.has("details"):   # for a tool reading the JSON output
        text += f"\n{t('explain_details', lang)}\n  {doc.get('details', lang)}\n"
    return text
