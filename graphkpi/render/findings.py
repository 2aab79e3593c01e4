"""Findings as the data contract's JSON, as CSV and as a readable table.

Messages are rendered here from the code's catalogue template, in the user's language,
with names looked up in the backend; both backends' findings therefore read the same.
"""

from __future__ import annotations

import csv
import dataclasses
import io
import json
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from functools import cache, partial
from itertools import groupby, islice
from operator import attrgetter
from typing import Any, Protocol

from graphkpi.checks.registry import SELF_VARIANT, VARIANT, catalog
from graphkpi.load.schema import thai_header
from graphkpi.messages.catalogue import UnfilledPlaceholder, placeholders
from graphkpi.messages.catalogue import template as template_of
from graphkpi.model import Finding, NodeKind, Render
from graphkpi.profile import PROJECT_LEVEL, Profile
from graphkpi.render.i18n import period_label, place_label, severity, t
from graphkpi.render.safe import json_safe, visible_id
from graphkpi.render.text import baht, safe_cell, show_year, table, truncate

CONTRACT_VERSION = "1"
_CODE = attrgetter("code")   # read in C over 10⁵ findings (a generator reads it in Python)
PERIOD_DETAILS = ("period", "subject_period")   # [from, to] years in details, shown like fiscal_year
MONEY_DETAILS = ("planned", "lines", "difference")  # details in baht, shown with thousands separators
AREA_DETAILS = ("places", "area", "parent_area")     # details naming areas, shown by their names


class Lookup(Protocol):
    """What rendering needs to know besides the finding: a backend or a PlanGraph."""

    profile: Profile

    def names(self, ids: Iterable[str], lang: str = "th", kind: str | None = None) -> dict[str, str]: ...

    def levels(self, ids: Iterable[str]) -> dict[str, str]: ...


@dataclass(frozen=True)
class Facts:
    """Names and levels of the findings' subjects, fetched in one batch. ``names`` by subject kind
    and id: a KPI may share its id with an element, and each finding names its own subject."""

    profile: Profile | None = None
    names: dict[tuple[str, str], str] = field(default_factory=dict)
    levels: dict[str, str] = field(default_factory=dict)
    be: bool = False        # show years (details.fiscal_year) in Buddhist Era
    areas: dict[str, str] = field(default_factory=dict)   # names of the areas the AREA_DETAILS give
    # an AREA_DETAILS value as a message shows it, by (separator, value, language): made once
    # (a project's places repeat in each of its GK204 findings)
    area_texts: dict[tuple[str, object, str], str] = field(default_factory=dict, compare=False, repr=False)
    # each AREA_DETAILS value's area codes, split once (by :func:`facts`, which lists the areas to name)
    area_codes: dict[object, list[str]] = field(default_factory=dict, compare=False, repr=False)
    # one area as a message shows it, by (code, language): made once, for the many texts naming it
    area_labels: dict[tuple[str, str], str] = field(default_factory=dict, compare=False, repr=False)

    def name_of(self, f: Finding) -> str:
        return self.names.get((f.subject_kind, f.subject), "")


def facts(findings: Iterable[Finding], lk: Lookup | None, lang: str, be: bool | None = None,
          messages_only: bool = False) -> Facts:
    """``be`` None: years as the bundle gave them. ``messages_only``: the facts are for the
    findings' messages alone (JSON, CSV, tables), so the subjects' names are fetched only for the
    codes whose messages can name them (GK204's 10⁵ project findings name their places instead)."""
    if lk is None:
        return Facts(be=bool(be))
    by_kind: dict[str, set[str]] = {}
    elements: set[str] = set()   # for their levels
    values: set[object] = set()   # the AREA_DETAILS' values, each split once
    code, named, element = None, True, NodeKind.ELEMENT.value   # an enum's .value is a call: read once
    for f in findings:
        if messages_only and f.code != code:
            code, named = f.code, _may_show(f.code, lang, "name")
        if named:
            by_kind.setdefault(f.subject_kind, set()).add(f.subject)
        elif f.subject_kind == element:
            elements.add(f.subject)
        d = f.details
        if d and not d.keys().isdisjoint(AREA_DETAILS):   # areas read by their names (นราธิวาส, not TH-96)
            for key in AREA_DETAILS:
                if key in d:
                    value = d[key]
                    values.add(tuple(value) if isinstance(value, list) else value)
    area_codes = {value: _areas_in(value) for value in values}
    places = {p for codes in area_codes.values() for p in codes}
    names = {(kind, i): name for kind, ids in by_kind.items() if kind in NAMED
             for i, name in lk.names(ids, lang, kind).items()}
    shown_be = bool(getattr(lk, "years_given_be", False)) if be is None else be
    areas = lk.names(places, lang, NodeKind.AREA.value) if places else {}
    levels = lk.levels(by_kind.get(NodeKind.ELEMENT.value, set()) | elements)
    return Facts(lk.profile, names, levels, shown_be, areas, area_codes=area_codes)


@cache
def _may_show(code: str, lang: str, name: str) -> bool:
    """Whether any form of ``code``'s message in ``lang`` (plain, alone, about itself, a variant)
    has the field ``name``."""
    return any(name in _form(code, alone, variant, lang, itself).used
               for alone in (False, True) for itself in (False, True) for variant in ("", *_variants(code)))


NAMED = frozenset(k.value for k in (NodeKind.ELEMENT, NodeKind.PROJECT, NodeKind.AGENCY, NodeKind.AREA, NodeKind.KPI))


def carried_facts(findings: Iterable[Finding], profile: Profile, be: bool) -> Facts:
    """:class:`Facts` of findings that carry their projects' facts (GK301, :mod:`graphkpi.analysis.carried`):
    the subject's name from them (projects have one name, in Thai), no level (a project has none)."""
    names = {(f.subject_kind, f.subject): f.facts.of((f.subject,))[0]["name"] for f in findings}
    return Facts(profile, {k: v if isinstance(v, str) else "" for k, v in names.items()}, {}, be)


@dataclass(frozen=True)
class _Form:
    """What every finding of one code needs to be rendered, worked out once per code and language."""

    key: str                 # the message's catalogue key
    text: str                # its template
    used: frozenset[str]     # the fields the template names
    head: str                # the JSON object's constant start: code, check, severity


@cache
def _variants(code: str) -> tuple[str, ...]:
    return catalog()[code].variants


def _form_of(f: Finding, lang: str) -> _Form:
    """The form of ``f``'s message: alone (no related ids), a variant (e.g. GK405 on a shared joint
    KPI, GK501 with a reason: ``message_if_<key>`` when ``details.<key>`` is given), about itself
    (``related`` is the subject alone), or the plain one."""
    keys = _variants(f.code)
    variant = next((k for k in keys if f.details.get(k)), "") if keys else ""
    return _form(f.code, not f.related, variant, lang, _about_itself(f))


def _about_itself(f: Finding) -> bool:
    return len(f.related) == 1 and f.related[0] == f.subject


@cache
def _form(code: str, alone: bool, variant: str, lang: str, itself: bool = False) -> _Form:
    doc = catalog()[code]
    name = ("message_alone" if alone and doc.has("message_alone")
            else f"{SELF_VARIANT}{variant}" if itself and variant and doc.has(f"{SELF_VARIANT}{variant}")
            else f"{VARIANT}{variant}" if variant
            else "message_self" if itself and doc.has("message_self") else "message")
    key = f"findings.{code}.{name}"
    text = template_of(f"findings.{code}.{name}", lang)
    head = (f'{{"code": {_text(code)}, "check": {_text(doc.name)}, "severity": {_text(doc.severity.value)}, '
            '"subject": ')
    return _Form(key, text, placeholders(text), head)


def message(f: Finding, fx: Facts, lang: str = "th") -> str:
    """The finding's one-line message from its catalogue template.

    Only the fields the template names are computed (10⁵ findings render in one run).
    """
    return _message(f, fx, lang, _form_of(f, lang))


def _message(f: Finding, fx: Facts, lang: str, form: _Form) -> str:
    """:func:`message` with the finding's form already known."""
    if not form.used:
        return form.text.format_map({})   # unescapes {{ }}
    fields = {}
    for name in form.used:
        value = _field(name, f, fx, lang)
        if value is _MISSING:
            raise UnfilledPlaceholder(f"{form.key} ({lang}) needs {name}")
        fields[name] = value
    return form.text.format_map(fields)


_MISSING = object()

_SPECIAL = frozenset({"subject", "related", "name", "period_label", "subject_when", "replaced_note", "level_label",
                      "parent_level_label", "profile", "gao_label", "budget", "max_similarity", "fiscal_year",
                      "until", "level_hint", "via", *MONEY_DETAILS, *AREA_DETAILS})


def _field(name: str, f: Finding, fx: Facts, lang: str) -> object:
    """One template field of ``f``: computed facts first, else the detail of that name as text."""
    if name not in _SPECIAL:
        return _plain_detail(name, f)
    d = f.details
    if name == "subject":
        return f.subject
    if name == "related":
        return _related_text(f)
    if name == "name":
        return fx.name_of(f)
    if name == "period_label" and "period" in d:
        return period_label(d["period"], lang, fx.be)
    if name == "subject_when":  # a project's fiscal year, or an element's own period
        if "fiscal_year" in d:
            return t("period_year", lang, year=show_year(d["fiscal_year"], fx.be))
        return t("period_in_force", lang, period=period_label(d.get("subject_period", (None, None)), lang, fx.be))
    if name == "replaced_note":
        return t("replaced_note", lang, ids=", ".join(d["replaced_by"])) if d.get("replaced_by") else ""
    prof = fx.profile
    if name in ("level_label", "parent_level_label", "profile"):
        if prof is None:  # rendered without a lookup (no profile): levels are not known, so they are left out
            return ""
        if name == "profile":
            return prof.name
        if name == "parent_level_label":
            return prof.label(str(d.get("parent_level", "")), lang)
        level = str(d["level"]) if "level" in d else fx.levels.get(f.subject, "")
        return t("project", lang) if level == PROJECT_LEVEL else prof.label(level, lang)
    if name == "via" and lang == "th" and "via" in d:   # GK001's file.column, with the Thai header it has
        return via_text(str(d["via"]))
    if name == "level_hint":   # GK002: a level written by its label or in other case names its key
        meant = prof.level_named(str(d.get("level", ""))) if prof is not None else None
        return t("level_did_you_mean", lang, level=meant) if meant else ""
    if name == "gao_label" and "gao" in d:
        return t(f"gao_{d['gao']}", lang)
    if name not in d:
        return _MISSING
    value = d[name]
    if (name == "budget" or name in MONEY_DETAILS) and isinstance(value, (int, float)):
        return baht(value)   # GK601/GK602's amounts too, written like every baht figure
    if name == "max_similarity" and isinstance(value, float):
        return f"{value:.3f}"
    if name in AREA_DETAILS:
        return _area_text(name, value, fx, lang)
    if name == "fiscal_year":
        return show_year(value, fx.be)
    if name == "until" and isinstance(value, str) and value[:4].isdigit():   # a CE date, shown in the years' era
        return show_year(int(value[:4]), fx.be) + value[4:]
    return _plain(value)


def _area_text(name: str, value: object, fx: Facts, lang: str) -> str:
    """An AREA_DETAILS value as a message shows it: its areas by their names, made once a value."""
    sep = "; " if name != "places" else ", "
    key = (sep, tuple(value) if isinstance(value, list) else value, lang)
    shown = fx.area_texts.get(key)
    if shown is None:
        codes = fx.area_codes.get(key[1])
        labels = fx.area_labels
        parts = []
        for p in _areas_in(value) if codes is None else codes:
            label = labels.get((p, lang))
            if label is None:
                label = labels[p, lang] = place_label(p, lang, fx.areas)
            parts.append(label)
        shown = fx.area_texts[key] = sep.join(parts)
    return shown


@cache
def via_text(via: str) -> str:
    """``projects.links`` for a Thai reader: the column by its Thai header (คอลัมน์ความเชื่อมโยง
    (links) ของ projects), as the planner's own sheet may name it; as written when it has none."""
    table, _, column = via.partition(".")
    thai = thai_header(table, column)
    return t("via_column", "th", thai=thai, column=column, file=table) if thai else via


def _related_text(f: Finding) -> str:
    return ", ".join(f.related)


def _areas_in(value: object) -> list[str]:
    """The area codes of a detail: a list (GK301's places) or a ``;``-list (GK204's area)."""
    return [str(p) for p in value] if isinstance(value, (list, tuple)) else \
        [p.strip() for p in str(value).split(";") if p.strip()]


def _plain_detail(name: str, f: Finding) -> object:
    d = f.details
    return _plain(d[name]) if name in d else _MISSING


def _plain(value: Any) -> str:
    if isinstance(value, (list, tuple)):
        try:
            return ", ".join(value)   # ids, most often: no call per item
        except TypeError:
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
    details = _shown_details(f, fx)
    return ({"code": f.code, "check": doc.name, "severity": doc.severity.value, "subject": f.subject,
             "subject_kind": f.subject_kind, "related": list(f.related), "message": message(f, fx, lang)}, details)


_YEAR_DETAILS = frozenset(("fiscal_year", *PERIOD_DETAILS))   # the details _shown_details changes


def _shown_details(f: Finding, fx: Facts) -> dict[str, Any]:
    """``f.details`` with its years (stored CE) shown as the user asked (``--years``), like every year."""
    details = f.details
    shift = 543 if fx.be else 0   # int(show_year(y, be)), without the text between
    if "fiscal_year" in details:
        details = {**details, "fiscal_year": int(details["fiscal_year"]) + shift}
    for key in PERIOD_DETAILS:
        if key in details:
            details = {**details, key: [None if y is None else int(y) + shift for y in details[key]]}
    return details


def _canonical(value: Any) -> Any:
    """Maps with sorted keys, at every depth: the same bytes from every backend."""
    if isinstance(value, dict):
        return {k: _canonical(value[k]) for k in sorted(value)}
    if isinstance(value, (list, tuple)):
        return [_canonical(v) for v in value]
    return value


def summary(findings: Iterable[Finding], codes: Iterable[str]) -> dict[str, int]:
    counts = Counter(map(_CODE, findings))
    return {code: counts.get(code, 0) for code in codes}


def to_json(findings: list[Finding], lk: Lookup | None, codes: list[str], bundle: str,
            lang: str = "th", be: bool | None = None, counts: dict[str, int] | None = None) -> str:
    """The contract's JSON document, one finding per line (readable, and fast for 10⁵ findings),
    already through :func:`graphkpi.render.safe.json_safe`; ``counts``: what screening hid
    (``suppressed``, ``baseline``), added to the summary."""
    return json_document(findings, lk, codes, bundle, lang, be, counts).decode("utf-8")


def json_document(findings: list[Finding], lk: Lookup | None, codes: list[str], bundle: str,
                  lang: str = "th", be: bool | None = None, counts: dict[str, int] | None = None,
                  ready: Mapping[str, tuple[int, bytes]] | None = None) -> bytes:
    """:func:`to_json` as the UTF-8 bytes a file or pipe gets (a 40 MB document is neither
    searched for characters to escape again nor encoded again: its blocks come so).

    ``ready``: :func:`json_blocks` already made of some codes' findings (code → how many, UTF-8
    text), with the same ``lk``, ``lang`` and ``be`` (beside the checks: :func:`finding_texts`)."""
    return b"".join(json_parts(findings, lk, codes, bundle, lang, be, counts, ready))


def json_parts(findings: list[Finding], lk: Lookup | None, codes: list[str], bundle: str,
               lang: str = "th", be: bool | None = None, counts: dict[str, int] | None = None,
               ready: Mapping[str, tuple[int, bytes]] | None = None) -> list[bytes]:
    """:func:`json_document` in the parts it joins: what a file is written from, one part after
    the other (40 MB are then not copied once more before they are written)."""
    dump = _ENCODER.encode
    head = (f'{{"graphkpi": {dump(CONTRACT_VERSION)}, "bundle": {dump(bundle)}, '
            f'"summary": {dump({**summary(findings, codes), **(counts or {})})},')
    blocks = _blocks(findings, ready, partial(json_blocks, lk=lk, lang=lang, be=be))
    body = [text for block in blocks for text in (b",\n", block)][1:]
    return [json_safe(head).encode("utf-8"), b'\n "findings": [\n', *body, b"\n" if blocks else b"", b" ]}\n"]


def _encoded(make: Callable[..., list[str]], groups: list[list[Finding]], **how: Any) -> list[bytes]:
    """The blocks ``make`` makes of ``groups``, as UTF-8: encoded by the process that made them."""
    return [text.encode("utf-8") for text in make(groups, **how)]


def json_blocks(groups: list[list[Finding]], lk: Lookup | None, lang: str = "th",
                be: bool | None = None) -> list[bytes]:
    """Each group's part of :func:`to_json`'s findings (its findings' lines, as the document joins
    them, escaped by ``json_safe``), in UTF-8: names and levels fetched once for all the groups.
    A finding's line depends on it alone, so the parts made apart (in another process) are those
    the whole document would have."""
    fx = facts((f for group in groups for f in group), lk, lang, be, messages_only=True)
    return [_json_block(group, fx, lang) if group else b"" for group in groups]


# Findings whose lines are joined, escaped and encoded at once: a block is made a piece at a time
PIECE = 16_384


def _json_block(findings: list[Finding], fx: Facts, lang: str) -> bytes:
    """One group's lines as UTF-8, made :data:`PIECE` findings at a time into one growing buffer:
    GK204's 355,828 lines as a list, then one text, then its UTF-8 held 0.5 GB at once (the run's
    peak); a piece's lines are a few MB. ``json_safe`` escapes character by character, so pieces
    escaped apart are the whole escaped."""
    lines = json_objects(findings, fx, lang)
    out, sep = io.BytesIO(), "  "
    while piece := list(islice(lines, PIECE)):
        out.write(json_safe(sep + ",\n  ".join(piece)).encode("utf-8"))
        sep = ",\n  "
    return out.getvalue()   # the buffer itself, not a copy


def _blocks(findings: list[Finding], ready: Mapping[str, tuple[int, bytes]] | None,
            make: Callable[[list[list[Finding]]], list[bytes]]) -> list[bytes]:
    """The output of ``findings``, a block per run of one code's findings: from ``ready`` where a
    block was made of that code's findings (as many as the list holds, all in this run: a screen
    that hid some is not fooled), the others made now, together."""
    runs = [list(run) for _, run in groupby(findings, _CODE)]
    ready = ready or {}
    counts = Counter(map(_CODE, findings)) if ready else Counter()
    usable = [run[0].code in ready and ready[run[0].code][0] == len(run) == counts[run[0].code] for run in runs]
    made = iter(make([run for run, ok in zip(runs, usable, strict=True) if not ok]) if not all(usable) else [])
    return [ready[run[0].code][1] if ok else next(made) for run, ok in zip(runs, usable, strict=True)]


def json_objects(findings: Iterable[Finding], fx: Facts, lang: str) -> Iterator[str]:
    """``json.dumps(as_dict(f))`` for each finding, byte for byte, without building the dicts:
    the constant start comes from the code's form, strings go through the C string encoder, the
    details through one reused key-sorting C encoder (``JSONEncoder.encode`` builds a new one per
    call). What the findings of one code share is worked out once per run of that code: its
    forms, and for each form a getter per template field (``_field`` tries a dozen names for
    every field of every finding)."""
    code, forms, keys, kinds = None, {}, (), {}
    for f in findings:
        if f.code != code:
            code, forms, keys = f.code, {}, _variants(f.code)
        variant = next((k for k in keys if f.details.get(k)), "") if keys else ""
        related = f.related
        alone, itself = not related, _about_itself(f)
        shape = forms.get((alone, itself, variant))
        if shape is None:
            form = _form(code, alone, variant, lang, itself)
            shape = forms[alone, itself, variant] = (form, tuple((n, _getter(n, fx, lang)) for n in sorted(form.used)))
        form, getters = shape
        fields = {}
        for name, get in getters:
            value = get(f)
            if value is _MISSING:
                raise UnfilledPlaceholder(f"{form.key} ({lang}) needs {name}")
            fields[name] = value
        shown_related = ("" if alone else _text(related[0]) if len(related) == 1 else ", ".join(map(_text, related)))
        kind = kinds.get(f.subject_kind)
        if kind is None:
            kind = kinds[f.subject_kind] = _text(f.subject_kind)
        d = f.details
        if not d.keys().isdisjoint(_YEAR_DETAILS):
            d = _shown_details(f, fx)
        # one f-string: a chain of + copies the growing line once per piece
        yield (f'{form.head}{_text(f.subject)}, "subject_kind": {kind}, "related": [{shown_related}], '
               f'"message": {_text(form.text.format_map(fields))}, "details": {_sorted_json(d)}}}')


def _getter(name: str, fx: Facts, lang: str) -> Callable[[Finding], object]:
    """``_field(name, f, fx, lang)`` as a function of the finding alone, for one field name."""
    if name == "subject":
        return attrgetter("subject")
    if name == "name":
        return fx.name_of
    if name == "related":
        return _related_text
    if name in AREA_DETAILS:   # GK204's 10⁵ findings: no walk through _field's other names
        shown: dict[object, str] = {}   # by the value itself (a ;-list of codes): no key to build

        def area(f: Finding) -> object:
            value = f.details.get(name, _MISSING)
            if value is _MISSING:
                return value
            text = shown.get(value) if type(value) is str else None
            if text is None:
                text = _area_text(name, value, fx, lang)
                if type(value) is str:
                    shown[value] = text
            return text
        return area
    if name in _BY_DETAILS:   # GK205's 10⁴–10⁵ findings word a few years and periods
        first, second = _BY_DETAILS[name]
        made: dict[object, object] = {}

        def worded(f: Finding) -> object:
            d = f.details
            key = d.get(first, _MISSING)
            if type(key) is list:
                key = tuple(key)
            if second:
                other = d.get(second, _MISSING)
                key = (key, tuple(other) if type(other) is list else other)
            try:
                return made[key]
            except KeyError:
                made[key] = text = _field(name, f, fx, lang)
                return text
            except TypeError:   # a detail that is no plain value: worded each time
                return _field(name, f, fx, lang)
        return worded
    if name in _SPECIAL:
        return lambda f: _field(name, f, fx, lang)
    return partial(_plain_detail, name)


# Fields of _field's worded by the details named alone (for a language and era), made once a value
_BY_DETAILS = {"subject_when": ("fiscal_year", "subject_period"), "period_label": ("period", ""),
               "replaced_note": ("replaced_by", "")}


def _json_default(value: Any) -> Any:
    if hasattr(value, "item"):
        return value.item()
    if isinstance(value, (set, frozenset, tuple)):
        return sorted(value)
    raise TypeError(f"not JSON serialisable: {type(value).__name__}")


# json.dumps(v, ensure_ascii=False, default=_json_default) builds one of these per call
_ENCODER = json.JSONEncoder(ensure_ascii=False, default=_json_default)
_SORTED = json.JSONEncoder(ensure_ascii=False, default=_json_default, sort_keys=True)
_text = json.encoder.encode_basestring   # a str as JSON, non-ASCII kept (ensure_ascii=False)
if json.encoder.c_make_encoder is not None:   # CPython's C encoder, built once: (markers, default, encoder,
    _C_SORTED = json.encoder.c_make_encoder(  # indent, key_separator, item_separator, sort_keys, skipkeys, allow_nan)
        None, _json_default, _text, None, ": ", ", ", True, False, True)

    def _sorted_json(value: Any) -> str:
        return "".join(_C_SORTED(value, 0))
else:  # pragma: no cover - other Pythons
    _sorted_json = _SORTED.encode


def document_head(source: str, counts: dict[str, int] | None = None) -> dict[str, Any]:
    """The start of a command's JSON document (orphans, chains, lead-gaps…); a ``summary`` of what
    screening hid (``suppressed``, ``baseline``) only when a suppression file or baseline is in use."""
    return {"graphkpi": CONTRACT_VERSION, "bundle": source, **({"summary": counts} if counts else {})}


CSV_COLUMNS = ("code", "check", "severity", "subject", "subject_kind", "related", "message", "details")


def findings_frame(findings: list[Finding], lk: Lookup | None, lang: str = "th", be: bool | None = None) -> Any:
    """The findings as a pandas DataFrame, one row each, with the JSON output's fields as columns
    (``code``, ``check``, ``severity``, ``subject``, ``subject_kind``, ``related`` a list,
    ``message``, ``details`` a dict): what a notebook filters, counts and pivots. ``lk``: the
    loaded graph (or a backend), for names and levels; years as ``--years`` shows them (``be``
    None: as the bundle gave them)."""
    import pandas as pd

    fx = facts(findings, lk, lang, be, messages_only=True)
    return pd.DataFrame([as_dict(f, fx, lang) for f in findings], columns=list(CSV_COLUMNS))


def to_csv(findings: list[Finding], lk: Lookup | None, lang: str = "th", be: bool | None = None) -> str:
    """The findings as CSV, a row each under the header."""
    return csv_document(findings, lk, lang, be).decode("utf-8")


def csv_document(findings: list[Finding], lk: Lookup | None, lang: str = "th", be: bool | None = None,
                 ready: Mapping[str, tuple[int, bytes]] | None = None) -> bytes:
    """:func:`to_csv` as UTF-8 bytes (no byte-order mark); ``ready``: :func:`csv_blocks` already
    made of some codes' findings (as :func:`json_document`'s)."""
    return b"".join(csv_parts(findings, lk, lang, be, ready))


def csv_parts(findings: list[Finding], lk: Lookup | None, lang: str = "th", be: bool | None = None,
              ready: Mapping[str, tuple[int, bytes]] | None = None) -> list[bytes]:
    """:func:`csv_document` in the parts it joins (see :func:`json_parts`)."""
    buf = io.StringIO()
    header = _csv_line(csv.writer(buf, lineterminator="\n"), buf, [safe_cell(c) for c in CSV_COLUMNS])
    return [header.encode("utf-8"), *_blocks(findings, ready, partial(_encoded, csv_blocks, lk=lk, lang=lang, be=be))]


def csv_blocks(groups: list[list[Finding]], lk: Lookup | None, lang: str = "th", be: bool | None = None) -> list[str]:
    """Each group's rows of :func:`to_csv` (cells neutralised for spreadsheets), as one text."""
    fx = facts((f for group in groups for f in group), lk, lang, be, messages_only=True)
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    out = []
    for group in groups:
        rows = []
        for f in group:
            d, details = _record(f, fx, lang)
            d["related"] = ";".join(d["related"])
            d["details"] = _sorted_json(details)   # = json.dumps of the canonical details
            rows.append(_csv_line(w, buf, [safe_cell(d[c]) for c in CSV_COLUMNS]))
        out.append("".join(rows))
    return out


def _csv_line(w: Any, buf: io.StringIO, cells: list[str]) -> str:
    """``cells`` as one CSV line, written by ``w`` into ``buf`` (emptied again: one writer for many)."""
    w.writerow(cells)
    line = buf.getvalue()
    buf.seek(0)
    buf.truncate()
    return line


def to_table(findings: list[Finding], lk: Lookup | None, codes: list[str], lang: str = "th",
             be: bool | None = None) -> str:
    docs = catalog()
    out: list[str] = []
    by_code: dict[str, list[Finding]] = {}
    for f in findings:
        by_code.setdefault(f.code, []).append(f)
    # shorten names, not messages: what is wrong comes after the name
    fx = facts(findings, lk, lang, be, messages_only=True)
    fx = dataclasses.replace(fx, names={k: truncate(v, 40) for k, v in fx.names.items()})
    for code, group in by_code.items():
        doc = docs[code]
        out.append(f"{code} {doc.name} — {doc.get('title', lang)} ({len(group)}, {severity(doc.severity.value, lang)})")
        out.append(table([t("subject", lang), t("message", lang)],
                         [(visible_id(f.subject), message(f, fx, lang)) for f in group], max_width=170))
        out.append("")
    out.append(counts_line(findings, codes, lang))
    out.append(f"{t('total', lang)}: {len(findings)}")
    return "\n".join(out) + "\n"


def counts_line(findings: list[Finding], codes: Iterable[str], lang: str) -> str:
    """``findings: GK101 3, GK201 1`` (the codes found, in order), or that there are none."""
    counts = summary(findings, codes)
    return t("findings", lang) + ": " + (", ".join(f"{c} {n}" for c, n in counts.items() if n)
                                         or t("findings_none", lang))


def render_findings(fmt: str, found: list[Finding], lk: Lookup, codes: list[str], source: str, lang: str,
                    be: bool, counts: dict[str, int] | None = None,
                    ready: Mapping[str, tuple[int, bytes]] | None = None) -> str | list[bytes]:
    """``graphkpi check``'s output in ``fmt``: the table as text; JSON and CSV as the parts of
    the UTF-8 bytes written (escaped, neutralised). ``counts``: what screening hid; ``ready``:
    codes' blocks of lines or rows made beside the checks (:func:`finding_texts`)."""
    if fmt == "json":
        return json_parts(found, lk, codes, source, lang, be, counts, ready)
    if fmt == "csv":
        return csv_parts(found, lk, lang, be, ready)
    return to_table(found, lk, codes, lang, be)


def finding_texts(fmt: str, lk: Lookup, lang: str, be: bool) -> Render | None:
    """What :func:`render_findings` makes of findings in ``fmt``, a code's at a time (JSON lines,
    CSV rows, UTF-8), to be made beside the checks; None for the table, laid out as a whole."""
    if fmt in ("json", "csv"):
        return partial(json_blocks, lk=lk, lang=lang, be=be) if fmt == "json" else \
            partial(_encoded, csv_blocks, lk=lk, lang=lang, be=be)
    return None
