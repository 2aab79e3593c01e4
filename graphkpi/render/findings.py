"""Findings as the data contract's JSON, as CSV and as a readable table.

Messages are rendered here from the code's catalogue template, in the user's language,
with names looked up in the graph; both backends' findings therefore read the same.
"""

from __future__ import annotations

import csv
import io
import json
from collections import Counter
from collections.abc import Iterable
from typing import Any

from graphkpi.checks.registry import catalog
from graphkpi.graph import PlanGraph
from graphkpi.model import Finding
from graphkpi.profile import PROJECT_LEVEL
from graphkpi.render.i18n import severity, t
from graphkpi.render.text import safe_cell, table, truncate

CONTRACT_VERSION = "1"


class _Fields(dict):
    def __missing__(self, key: str) -> str:
        return ""


def message(f: Finding, g: PlanGraph | None, lang: str = "th", names: dict[str, str] | None = None) -> str:
    """The finding's one-line message from its catalogue template (``names``: prefetched names)."""
    doc = catalog()[f.code]
    prof = g.profile if g is not None else None
    fields: dict[str, Any] = _Fields({k: _plain(v) for k, v in f.details.items()})
    fields.update(subject=f.subject, related=", ".join(f.related),
                  name=(names.get(f.subject, "") if names is not None else g.name_of(f.subject, lang))
                  if g is not None else "")
    if prof is not None:
        level = str(f.details["level"]) if "level" in f.details else (
            str(g.elements.at[f.subject, "level"]) if f.subject in g.elements.index else "")
        fields["level_label"] = t("project", lang) if level == PROJECT_LEVEL else prof.label(level, lang)
        fields["parent_level_label"] = prof.label(str(f.details.get("parent_level", "")), lang)
        fields["profile"] = prof.name
    template = "message_alone" if not f.related and doc.has("message_alone") else "message"
    return doc.get(template, lang).format_map(fields)


def _plain(value: Any) -> str:
    if isinstance(value, (list, tuple)):
        return ", ".join(str(v) for v in value)
    return str(value)


def as_dict(f: Finding, g: PlanGraph | None, lang: str = "th", names: dict[str, str] | None = None) -> dict[str, Any]:
    doc = catalog()[f.code]
    return {"code": f.code, "check": doc.name, "severity": doc.severity.value, "subject": f.subject,
            "subject_kind": f.subject_kind, "related": list(f.related), "message": message(f, g, lang, names),
            "details": f.details}


def subject_names(findings: list[Finding], g: PlanGraph | None, lang: str) -> dict[str, str] | None:
    return g.names((f.subject for f in findings), lang) if g is not None else None


def summary(findings: Iterable[Finding], codes: Iterable[str]) -> dict[str, int]:
    counts = Counter(f.code for f in findings)
    return {code: counts.get(code, 0) for code in codes}


def to_json(findings: list[Finding], g: PlanGraph | None, codes: list[str], bundle: str,
            lang: str = "th") -> str:
    """The contract's JSON document, one finding per line (readable, and fast for 10⁵ findings)."""
    names = subject_names(findings, g, lang)
    dump = lambda v: json.dumps(v, ensure_ascii=False, default=_json_default)  # noqa: E731
    head = (f'{{"graphkpi": {dump(CONTRACT_VERSION)}, "bundle": {dump(bundle)}, '
            f'"summary": {dump(summary(findings, codes))},')
    body = ",\n".join("  " + dump(as_dict(f, g, lang, names)) for f in findings)
    return head + '\n "findings": [\n' + body + ("\n" if body else "") + " ]}\n"


def _json_default(value: Any) -> Any:
    if hasattr(value, "item"):
        return value.item()
    if isinstance(value, (set, frozenset, tuple)):
        return sorted(value)
    raise TypeError(f"not JSON serialisable: {type(value).__name__}")


CSV_COLUMNS = ("code", "check", "severity", "subject", "subject_kind", "related", "message", "details")


def to_csv(findings: list[Finding], g: PlanGraph | None, lang: str = "th") -> str:
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(CSV_COLUMNS)
    names = subject_names(findings, g, lang)
    for f in findings:
        d = as_dict(f, g, lang, names)
        d["related"] = ";".join(d["related"])
        d["details"] = json.dumps(d["details"], ensure_ascii=False, default=_json_default)
        w.writerow([safe_cell(d[c]) for c in CSV_COLUMNS])
    return buf.getvalue()


def to_table(findings: list[Finding], g: PlanGraph | None, codes: list[str], lang: str = "th") -> str:
    docs = catalog()
    out: list[str] = []
    by_code: dict[str, list[Finding]] = {}
    for f in findings:
        by_code.setdefault(f.code, []).append(f)
    names = subject_names(findings, g, lang)
    if names is not None:  # shorten names, not messages: what is wrong comes after the name
        names = {k: truncate(v, 40) for k, v in names.items()}
    for code, group in by_code.items():
        doc = docs[code]
        out.append(f"{code} {doc.name} — {doc.get('title', lang)} ({len(group)}, {severity(doc.severity.value, lang)})")
        out.append(table([t("subject", lang), t("message", lang)],
                         [(f.subject, message(f, g, lang, names)) for f in group], max_width=110))
        out.append("")
    counts = summary(findings, codes)
    out.append(t("findings", lang) + ": " + (", ".join(f"{c} {n}" for c, n in counts.items() if n)
                                             or t("no_findings", lang)))
    out.append(f"{t('total', lang)}: {len(findings)}")
    return "\n".join(out) + "\n"
