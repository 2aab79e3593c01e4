"""Suppressions: findings examined and accepted, each with a reason and an optional expiry.

An auditor who accepted a finding last year should not meet it again as if new, but must still
see what was hidden and why. A suppression file (TOML: ``graphkpi.toml`` in the current folder,
or ``--config FILE``) lists ``[[suppress]]`` entries: ``code`` (a code, check name or prefix,
resolved as ``--select`` resolves it), an optional ``subject``, a required ``reason`` and an
optional ``until`` date (BE or CE year; in force through that day). An entry past its date
hides nothing and is reported as GK901; one in force that matched nothing as GK902 (the
subject of both is ``CODE:SUBJECT`` as written, or the code alone).

Matching is two dictionary look-ups per finding (by code and subject, and by code alone), so
10⁴ entries cost no more than ten: never entries × findings.
"""

from __future__ import annotations

import os
import re
import sys
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from pathlib import Path

from graphkpi.checks.registry import catalog, finding, select_codes
from graphkpi.messages import say
from graphkpi.model import Finding

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10
    import tomli as tomllib

CONFIG_NAME = "graphkpi.toml"
TODAY_ENV = "GRAPHKPI_TODAY"          # YYYY-MM-DD (BE or CE): the day expiries are judged against
EXPIRED, UNUSED = "GK901", "GK902"
CODES = (EXPIRED, UNUSED)             # the codes this module reports; no check produces them
KEYS = ("code", "subject", "reason", "until")
BE_OFFSET, BE_THRESHOLD = 543, 2400   # as the loader reads fiscal years (graphkpi.load.values)
_DATE = re.compile(r"\s*(\d{4})-(\d{1,2})-(\d{1,2})\s*")
_HEADER = re.compile(r"^[ \t]*\[\[[ \t]*suppress[ \t]*\]\]", re.MULTILINE)


@dataclass(frozen=True)
class ConfigProblem:
    """One problem of a suppression file: where (file, entry, line, key) and what, in Thai or English."""

    file: str
    key: str
    params: tuple[tuple[str, str], ...] = ()
    index: int | None = None     # 1-based position of the [[suppress]] entry
    line: int | None = None
    column: str | None = None    # the entry's key at fault

    def render(self, lang: str = "th") -> str:
        where = [self.file]
        if self.index is not None:
            where.append(say("load.where_entry", lang, index=self.index))
        if self.line is not None:
            where.append(say("load.where_line", lang, line=self.line))
        if self.column is not None:   # a TOML key, not a spreadsheet column
            where.append(say("load.where_key", lang, key=self.column))
        return ", ".join(where) + ": " + say(f"load.{self.key}", lang, **dict(self.params))


class ConfigError(Exception):
    """A suppression file, baseline or GRAPHKPI_TODAY that cannot be used; every problem at once."""

    def __init__(self, problems: list[ConfigProblem]) -> None:
        self.problems = problems
        super().__init__("\n".join(p.render("en") for p in problems))


@dataclass(frozen=True)
class Suppression:
    """One ``[[suppress]]`` entry, its code resolved to the codes it covers."""

    index: int
    line: int | None
    code: str                      # as written (the subject of GK901/GK902 uses it)
    codes: frozenset[str]
    subject: str | None
    reason: str
    until: date | None

    @property
    def label(self) -> str:
        """``CODE:SUBJECT``, or the code alone: the subject of its GK901/GK902 finding."""
        return f"{self.code}:{self.subject}" if self.subject is not None else self.code

    def in_force(self, today: date) -> bool:
        return self.until is None or today <= self.until


@dataclass(frozen=True)
class SuppressionFile:
    path: Path
    entries: tuple[Suppression, ...]


@dataclass
class Outcome:
    """What applying a suppression file to one run's findings did.

    Matches are kept per (code, subject) and per code, not per entry, so that many entries
    covering the same findings cost nothing more; :meth:`subjects` works an entry's out on demand.
    """

    shown: list[Finding]
    suppressed: int
    relevant: frozenset[int] = frozenset()                       # entries whose codes the run checked
    pair_hits: dict[tuple[str, str], int] = field(default_factory=dict)   # (code, subject) -> findings
    code_hits: dict[str, list[str]] = field(default_factory=dict)         # code -> subjects of its findings
    codes: frozenset[str] = frozenset()                          # the codes the run checked

    def count(self, s: Suppression) -> int:
        """How many findings ``s`` matched."""
        if s.index not in self.relevant:
            return 0
        mine = s.codes & self.codes
        if s.subject is None:
            return sum(len(self.code_hits.get(c, ())) for c in mine)
        return sum(self.pair_hits.get((c, s.subject), 0) for c in mine)

    def subjects(self, s: Suppression) -> list[str]:
        """The subjects of the findings ``s`` matched (one per finding)."""
        if s.index not in self.relevant:
            return []
        mine = sorted(s.codes & self.codes)
        if s.subject is None:
            return [subject for c in mine for subject in self.code_hits.get(c, ())]
        return [s.subject] * sum(self.pair_hits.get((c, s.subject), 0) for c in mine)


@lru_cache(maxsize=4096)   # a file of 10⁴ entries repeats a few expiry dates
def parse_date(text: str) -> date | None:
    """``2568-09-30`` or ``2025-09-30`` (a year ≥ 2400 is Buddhist Era); None when not a date."""
    m = _DATE.fullmatch(text)
    if not m:
        return None
    year, month, day = (int(g) for g in m.groups())
    if year >= BE_THRESHOLD:
        year -= BE_OFFSET
    try:
        return date(year, month, day)
    except ValueError:
        return None


def today() -> date:
    """The day expiries are judged against: ``GRAPHKPI_TODAY`` when set (tests, a re-run of a
    past audit), else the local date."""
    value = os.environ.get(TODAY_ENV, "").strip()
    if not value:
        return date.today()
    day = parse_date(value)
    if day is None:
        raise ConfigError([ConfigProblem(TODAY_ENV, "bad_today", (("value", value),))])
    return day


def find_config(config: Path | None) -> Path | None:
    """The suppression file in use: ``--config``, else ``graphkpi.toml`` in the current folder."""
    if config is not None:
        return config
    return Path(CONFIG_NAME) if Path(CONFIG_NAME).is_file() else None


_TOML_AT = re.compile(r"\s*\(at line (\d+), column \d+\)")   # where tomllib says the error is


def read_suppressions(path: Path) -> SuppressionFile:
    """Parse and validate ``path``; ConfigError lists every bad entry (index, line, key)."""
    name = str(path)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise ConfigError([ConfigProblem(name, "config_not_found")]) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError([ConfigProblem(name, "config_bad_toml", (("reason", str(exc)),))]) from None
    try:
        doc = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:   # its line goes where every problem's line goes
        at = _TOML_AT.search(str(exc))
        reason = _TOML_AT.sub("", str(exc)).strip() if at else str(exc)
        raise ConfigError([ConfigProblem(name, "config_bad_toml", (("reason", reason),),
                                         line=int(at.group(1)) if at else None)]) from None
    raw = doc.get("suppress", [])
    if not isinstance(raw, list) or not all(isinstance(e, dict) for e in raw):
        raise ConfigError([ConfigProblem(name, "config_not_list")])
    headers, line, pos = [], 1, 0
    for m in _HEADER.finditer(text):   # counted on from the previous header: 10⁴ entries stay linear
        line += text.count("\n", pos, m.start())
        pos = m.start()
        headers.append(line)
    lines: list[int | None] = list(headers) if len(headers) == len(raw) else [None] * len(raw)
    problems: list[ConfigProblem] = []
    resolved: dict[str, frozenset[str] | None] = {}   # one resolution per distinct code (10⁴ entries)
    entries = []
    for i, (entry, line) in enumerate(zip(raw, lines, strict=True), start=1):
        out = _entry(name, i, line, entry, resolved, problems)
        if out is not None:
            entries.append(out)
    if problems:
        raise ConfigError(problems)
    return SuppressionFile(path, tuple(entries))


def _entry(file: str, index: int, line: int | None, entry: dict, resolved: dict[str, frozenset[str] | None],
           problems: list[ConfigProblem]) -> Suppression | None:
    """One entry, or None after adding its problems to ``problems``."""
    def bad(message: str, column: str | None = None, **params: object) -> None:
        problems.append(ConfigProblem(file, message, tuple((k, str(v)) for k, v in params.items()), index, line,
                                      column))

    before = len(problems)
    for key in entry:
        if key not in KEYS:
            bad("suppress_unknown_key", key=key)
    texts: dict[str, str | None] = {}
    for key in ("code", "subject", "reason"):
        value = entry.get(key)
        if value is not None and not isinstance(value, str):
            bad("suppress_bad_text", key, key=key)
            value = None
        texts[key] = value.strip() if value is not None else None
    code, reason = texts["code"], texts["reason"]
    codes: frozenset[str] | None = None
    if not code:
        if "code" not in entry or isinstance(entry.get("code"), str):
            bad("suppress_no_code", "code")
    else:
        if code not in resolved:
            try:
                resolved[code] = frozenset(select_codes([code]))
            except ValueError:
                resolved[code] = None
        codes = resolved[code]
        if codes is None:
            bad("suppress_unknown_code", "code", code=code)
    if not reason and (reason is not None or "reason" not in entry or isinstance(entry.get("reason"), str)):
        bad("suppress_no_reason", "reason")
    until = _until(entry.get("until"))
    if "until" in entry and until is None:
        bad("suppress_bad_date", "until", value=entry["until"])
    if len(problems) > before or code is None or codes is None or not reason:
        return None
    return Suppression(index, line, code, codes, texts["subject"] or None, reason, until)


def _until(value: object) -> date | None:
    """A TOML date (``until = 2025-09-30``) or a text date (``until = "2568-09-30"``), read alike:
    an unquoted date in a Buddhist-Era year is as much BE as a quoted one."""
    if isinstance(value, date) and not hasattr(value, "hour"):
        value = value.isoformat()
    return parse_date(value) if isinstance(value, str) else None


def apply(found: Iterable[Finding], sf: SuppressionFile, codes: Iterable[str], day: date) -> Outcome:
    """Hide the findings an entry in force matches, and record what the entries matched.

    ``codes``: the codes this run checked; an entry covering none of them is not judged (its
    findings could not have appeared). A finding matched by several entries counts for each.
    One dictionary look-up per finding, whatever the number of entries.
    """
    run = frozenset(codes)
    by_subject: dict[tuple[str, str], bool] = {}   # (code, subject) -> some entry for it is in force
    by_code: dict[str, bool] = {}                  # code -> some entry for the whole code is in force
    relevant = set()
    for s in sf.entries:
        mine = s.codes & run
        if not mine:
            continue
        relevant.add(s.index)
        force = s.in_force(day)
        for c in mine:
            if s.subject is None:
                by_code[c] = by_code.get(c, False) or force
            else:
                by_subject[(c, s.subject)] = by_subject.get((c, s.subject), False) or force
    pair_hits: dict[tuple[str, str], int] = {}
    code_hits: dict[str, list[str]] = {}
    shown: list[Finding] = []
    hidden = 0
    for f in found:
        key = (f.code, f.subject)
        pair, whole = by_subject.get(key), by_code.get(f.code)
        if pair is None and whole is None:
            shown.append(f)
            continue
        if pair is not None:
            pair_hits[key] = pair_hits.get(key, 0) + 1
        if whole is not None:
            code_hits.setdefault(f.code, []).append(f.subject)
        if pair or whole:
            hidden += 1
        else:
            shown.append(f)
    return Outcome(shown, hidden, frozenset(relevant), pair_hits, code_hits, run)


def status(s: Suppression, outcome: Outcome, day: date) -> str:
    """``expired``, ``unused`` (in force, matched nothing), ``active``, or ``idle`` (not judged)."""
    if s.index not in outcome.relevant:
        return "idle"
    if not s.in_force(day):
        return "expired"
    return "active" if outcome.count(s) else "unused"


def meta_findings(sf: SuppressionFile, outcome: Outcome, day: date, codes: Iterable[str]) -> list[Finding]:
    """GK901 for each judged entry past its date, GK902 for each in force that matched nothing;
    only the ones of ``codes`` (the run's selection)."""
    want = set(codes) & set(CODES)
    out = []
    for s in sf.entries:
        state = status(s, outcome, day)
        code = {"expired": EXPIRED, "unused": UNUSED}.get(state)
        if code in want:
            out.append(finding(code, s.label, entry=s.index, line=s.line, reason=s.reason,
                               until=s.until.isoformat() if s.until else None))
    return out


def documented() -> list[str]:
    """The codes of this module, as the catalogue documents them."""
    return [c for c in CODES if c in catalog()]
