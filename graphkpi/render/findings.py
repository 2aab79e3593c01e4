"""Findings as the data contract's JSON, as CSV and as a readable table.

Messages are rendered here from the code's catalogue template, in the user's language,
with names looked up in the backend; both backends' findings therefore read the same.
"""

from __future__ import annotations

import csv
import io
import json
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any, Protocol

from graphkpi.checks.registry import catalog
from graphkpi.messages import say
from graphkpi.messages.catalogue import placeholders
from graphkpi.messages.catalogue import template as template_of
from graphkpi.model import Finding
from graphkpi.profile import PROJECT_LEVEL, Profile
from graphkpi.render.i18n import place_label, severity, t
from graphkpi.render.text import baht, safe_cell, show_year, table, truncate

CONTRACT_VERSION = "1"
MONEY_DETAILS = ("planned", "lines", "difference")  # details in baht, shown with thousands separators


class Lookup(Protocol):
    """What rendering needs to know besides the finding: a backend or a PlanGraph."""

    profile: Profile

    def names(self, ids: Iterable[str], lang: str = "th") -> dict[str, str]: ...

    def levels(self, ids: Iterable[str]) -> dict[str, str]: ...


@dataclass(frozen=True)
class Facts:
    """Names and levels of the findings' subjects, fetched in one batch."""

    profile: Profile | None = None
    names: dict[str, str] = field(default_factory=dict)
    levels: dict[str, str] = field(default_factory=dict)
    be: bool = False        # show years (details.fiscal_year) in Buddhist Era


def facts(findings: Iterable[Finding], lk: Lookup | None, lang: str, be: bool | None = None) -> Facts:
    """``be`` None: years as the bundle gave them."""
    if lk is None:
        return Facts(be=bool(be))
    subjects = list({f.subject for f in findings})
    shown_be = bool(getattr(lk, "years_given_be", False)) if be is None else be
    return Facts(lk.profile, lk.names(subjects, lang), lk.levels(subjects), shown_be)


def message(f: Finding, fx: Facts, lang: str = "th") -> str:
    """The finding's one-line message from its catalogue template.

    Only the fields the template names are computed (10⁵ findings render in one run).
    """
    doc = catalog()[f.code]
    template = "message_alone" if not f.related and doc.has("message_alone") else "message"
    used = placeholders(template_of(f"findings.{f.code}.{template}", lang))
    d = f.details
    fields: dict[str, Any] = {k: _plain(v) for k, v in d.items() if k in used}
    fields.update(subject=f.subject, related=", ".join(f.related), name=fx.names.get(f.subject, ""))
    if "gao" in d and "gao_label" in used:
        fields["gao_label"] = t(f"gao_{d['gao']}", lang)
    if isinstance(d.get("budget"), (int, float)):
        fields["budget"] = baht(d["budget"])
    for key in MONEY_DETAILS:   # GK601/GK602's amounts, written like every baht figure
        if key in used and isinstance(d.get(key), (int, float)):
            fields[key] = baht(d[key])
    if isinstance(d.get("max_similarity"), float):
        fields["max_similarity"] = f"{d['max_similarity']:.3f}"
    if "places" in d and "places" in used:
        fields["places"] = ", ".join(place_label(p, lang) for p in d["places"])
    if "fiscal_year" in d:
        fields["fiscal_year"] = show_year(d["fiscal_year"], fx.be)
    prof = fx.profile
    if prof is not None:
        if "level_label" in used:
            level = str(d["level"]) if "level" in d else fx.levels.get(f.subject, "")
            fields["level_label"] = t("project", lang) if level == PROJECT_LEVEL else prof.label(level, lang)
        if "parent_level_label" in used:
            fields["parent_level_label"] = prof.label(str(d.get("parent_level", "")), lang)
        fields["profile"] = prof.name
    else:  # rendered without a lookup (no profile): levels are not known, so they are left out
        fields.update(level_label="", parent_level_label="", profile="")
    return say(f"findings.{f.code}.{template}", lang, **fields)


def _plain(value: Any) -> str:
    if isinstance(value, (list, tuple)):
        return ", ".join(_plain(v) for v in value)
    if isinstance(value, dict):
        return value.get("ministry", "") or json.dumps(value, ensure_ascii=False)
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def as_dict(f: Finding, fx: Facts, lang: str = "th") -> dict[str, Any]:
    head, details = _record(f, fx, lang)
    return {**head, "details": _canonical(details)}


def _record(f: Finding, fx: Facts, lang: str) -> tuple[dict[str, Any], dict[str, Any]]:
    """:func:`as_dict` without ``details``, and the details as shown (not yet canonical)."""
    doc = catalog()[f.code]
    details = f.details
    if "fiscal_year" in details:  # stored CE; shown as the user asked (--years), like every year
        details = {**details, "fiscal_year": int(show_year(details["fiscal_year"], fx.be))}
    return ({"code": f.code, "check": doc.name, "severity": doc.severity.value, "subject": f.subject,
             "subject_kind": f.subject_kind, "related": list(f.related), "message": message(f, fx, lang)}, details)


def _canonical(value: Any) -> Any:
    """Maps with sorted keys, at every depth: the same bytes from every backend."""
    if isinstance(value, dict):
        return {k: _canonical(value[k]) for k in sorted(value)}
    if isinstance(value, (list, tuple)):
        return [_canonical(v) for v in value]
    return value


def summary(findings: Iterable[Finding], codes: Iterable[str]) -> dict[str, int]:
    counts = Counter(f.code for f in findings)
    return {code: counts.get(code, 0) for code in codes}


def to_json(findings: list[Finding], lk: Lookup | None, codes: list[str], bundle: str,
            lang: str = "th", be: bool | None = None) -> str:
    """The contract's JSON document, one finding per line (readable, and fast for 10⁵ findings)."""
    fx = facts(findings, lk, lang, be)
    dump = _ENCODER.encode
    head = (f'{{"graphkpi": {dump(CONTRACT_VERSION)}, "bundle": {dump(bundle)}, '
            f'"summary": {dump(summary(findings, codes))},')
    body = ",\n".join("  " + _finding_json(f, fx, lang) for f in findings)
    return head + '\n "findings": [\n' + body + ("\n" if body else "") + " ]}\n"


def _finding_json(f: Finding, fx: Facts, lang: str) -> str:
    """``json.dumps(as_dict(f))``, byte for byte: the details are written by a key-sorting
    encoder instead of being copied into sorted dicts first, and the encoders are built once."""
    head, details = _record(f, fx, lang)
    return _ENCODER.encode(head)[:-1] + ', "details": ' + _SORTED.encode(details) + "}"


def _json_default(value: Any) -> Any:
    if hasattr(value, "item"):
        return value.item()
    if isinstance(value, (set, frozenset, tuple)):
        return sorted(value)
    raise TypeError(f"not JSON serialisable: {type(value).__name__}")


# json.dumps(v, ensure_ascii=False, default=_json_default) builds one of these per call
_ENCODER = json.JSONEncoder(ensure_ascii=False, default=_json_default)
_SORTED = json.JSONEncoder(ensure_ascii=False, default=_json_default, sort_keys=True)

CSV_COLUMNS = ("code", "check", "severity", "subject", "subject_kind", "related", "message", "details")


def to_csv(findings: list[Finding], lk: Lookup | None, lang: str = "th", be: bool | None = None) -> str:
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow([safe_cell(c) for c in CSV_COLUMNS])
    fx = facts(findings, lk, lang, be)
    for f in findings:
        d, details = _record(f, fx, lang)
        d["related"] = ";".join(d["related"])
        d["details"] = _SORTED.encode(details)   # = json.dumps of the canonical details
        w.writerow([safe_cell(d[c]) for c in CSV_COLUMNS])
    return buf.getvalue()


def to_table(findings: list[Finding], lk: Lookup | None, codes: list[str], lang: str = "th",
             be: bool | None = None) -> str:
    docs = catalog()
    out: list[str] = []
    by_code: dict[str, list[Finding]] = {}
    for f in findings:
        by_code.setdefault(f.code, []).append(f)
    fx = facts(findings, lk, lang, be)  # shorten names, not messages: what is wrong comes after the name
    fx = Facts(fx.profile, {k: truncate(v, 40) for k, v in fx.names.items()}, fx.levels, fx.be)
    for code, group in by_code.items():
        doc = docs[code]
        out.append(f"{code} {doc.name} — {doc.get('title', lang)} ({len(group)}, {severity(doc.severity.value, lang)})")
        out.append(table([t("subject", lang), t("message", lang)],
                         [(f.subject, message(f, fx, lang)) for f in group], max_width=170))
        out.append("")
    counts = summary(findings, codes)
    out.append(t("findings", lang) + ": " + (", ".join(f"{c} {n}" for c, n in counts.items() if n)
                                             or t("no_findings", lang)))
    out.append(f"{t('total', lang)}: {len(findings)}")
    return "\n".join(out) + "\n"


def render_findings(fmt: str, found: list[Finding], lk: Lookup, codes: list[str], source: str, lang: str,
                    be: bool) -> str:
    """``graphkpi check``'s output in ``fmt`` (table, json or csv)."""
    if fmt == "json":
        return to_json(found, lk, codes, source, lang, be)
    if fmt == "csv":
        return to_csv(found, lk, lang, be)
    return to_table(found, lk, codes, lang, be)
