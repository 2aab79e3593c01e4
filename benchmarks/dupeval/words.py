"""The independent word list (``words.toml``) as typed Python data.

The list is data, not code, so that a reviewer can read and extend it without touching the
generator, and so that a test can compare it phrase by phrase with the matcher's lists.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from functools import cache
from pathlib import Path

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - the package depends on tomli there
    import tomli as tomllib

WORDS_FILE = Path(__file__).with_name("words.toml")


@dataclass(frozen=True)
class Activity:
    """One activity; ``words`` spell it interchangeably, ``expand`` are two-verb phrases for it."""

    key: str
    generic: bool
    words: tuple[str, ...]
    expand: tuple[str, ...]


@dataclass(frozen=True)
class Topic:
    """What the work is about; ``words[1:]`` are other spellings (loanwords, English)."""

    words: tuple[str, ...]
    outcome: str
    weight: int
    activities: tuple[str, ...]   # Activity.key values that make sense for this topic


@dataclass(frozen=True)
class Province:
    code: str
    name: str
    abbr: str | None


@dataclass(frozen=True)
class Words:
    """Everything ``words.toml`` holds, in the shapes the generators use."""

    activities: tuple[Activity, ...]
    topics: tuple[Topic, ...]
    targets: tuple[str, ...]
    target_abbr: dict[str, str]
    target_preps: tuple[tuple[str, str], ...]
    place_preps: tuple[tuple[str, str], ...]
    modifiers: tuple[str, ...]
    everyone: str                  # an objective's beneficiary when no target group is named
    tails: tuple[str, ...]
    institutions: tuple[str, ...]
    institution_abbr: dict[str, str]
    place_names: tuple[str, ...]
    provinces: tuple[Province, ...]
    abbreviations: dict[str, str]
    ministries: tuple[tuple[str, str], ...]

    def phrases(self) -> set[str]:
        """Every entry of the list as written (the unit the independence test compares)."""
        out = {w for a in self.activities for w in (*a.words, *a.expand)}
        out |= {w for t in self.topics for w in (*t.words, t.outcome)}
        out |= {*self.targets, *self.target_abbr.values(), *self.modifiers, self.everyone, *self.institutions,
                *self.institution_abbr.values(), *self.place_names, *self.abbreviations}
        out |= {w for pair in (*self.target_preps, *self.place_preps) for w in pair}
        out |= {t.replace("{year}", "").strip() for t in self.tails}
        out |= {p.name for p in self.provinces}
        return {w for w in out if w}

    def activity(self, key: str) -> Activity:
        return next(a for a in self.activities if a.key == key)


@cache
def load_words(path: Path = WORDS_FILE) -> Words:
    """Parse the word list once per process."""
    d = tomllib.loads(path.read_text(encoding="utf-8"))
    return Words(
        activities=tuple(Activity(a["key"], a["generic"], tuple(a["words"]), tuple(a["expand"]))
                         for a in d["activity"]),
        topics=tuple(Topic(tuple(t["words"]), t["outcome"], t["weight"], tuple(t["activities"])) for t in d["topic"]),
        targets=tuple(t["name"] for t in d["target"]),
        target_abbr={t["name"]: t["abbr"] for t in d["target"] if "abbr" in t},
        target_preps=tuple(tuple(p) for p in d["function"]["target"]),
        place_preps=tuple(tuple(p) for p in d["function"]["place"]),
        modifiers=tuple(d["phrases"]["modifiers"]),
        everyone=d["phrases"]["everyone"],
        tails=tuple(d["phrases"]["tails"]),
        institutions=tuple(i["kind"] for i in d["institution"]),
        institution_abbr={i["kind"]: i["abbr"] for i in d["institution"] if "abbr" in i},
        place_names=tuple(d["places"]["names"]),
        provinces=tuple(Province(p["code"], p["name"], p.get("abbr")) for p in d["province"]),
        abbreviations=dict(d["abbreviations"]),
        ministries=tuple(tuple(m) for m in d["agencies"]["ministries"]),
    )
