"""Project titles as slots, and the labelled ways two titles of one work (or of two works) differ.

A title is a :class:`Slots` record rendered by :func:`render`; a labelled pair is two records
where the second is the first with the labelled change applied (:data:`POSITIVE`,
:data:`NEGATIVE`). Keeping the change at the slot level is what lets a test check that a hard
negative differs *only* in its labelled slot.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace

import numpy as np

from .words import Topic, Words

THAI_DIGITS = str.maketrans("0123456789", "๐๑๒๓๔๕๖๗๘๙")
BANGKOK = "TH-10"


@dataclass(frozen=True)
class Slots:
    """The parts of one title; ``None`` leaves a part out."""

    activity: str                 # Activity.key
    verb: str                     # how this title writes the activity
    topic: int                    # index into Words.topics
    topic_word: str               # how this title writes the topic
    year: int                     # Buddhist-Era fiscal year
    province: int                 # index into Words.provinces (the project's province)
    lead: bool = True             # starts with โครงการ
    target: str | None = None
    prep: str = ""                # function word before the target group
    modifier: str | None = None
    ben_kind: str | None = None   # institution kind of a named beneficiary
    ben_name: str | None = None
    village: str | None = None
    moo: int | None = None
    tambon: str | None = None
    amphoe: str | None = None
    show_province: bool = False   # the province is written in the title
    place_prep: str = ""          # function word before the place
    tail: str | None = None       # boilerplate tail template ({year})
    place_first: bool = False     # the place is written before the target group
    abbreviated: bool = False     # จ./อ./ต./ม., กทม., อสม., รพ.สต.
    thai_digits: bool = False


def _place(s: Slots, w: Words) -> str:
    ab = s.abbreviated
    parts = []
    if s.village:
        parts.append("บ้าน" + s.village)
    if s.moo is not None:
        parts.append(f"ม.{s.moo}" if ab else f"หมู่ {s.moo}")
    for word, name in (("ตำบล", s.tambon), ("อำเภอ", s.amphoe)):
        if name:
            parts.append((w.abbreviations[word] if ab else word) + name)
    if s.show_province:
        p = w.provinces[s.province]
        if p.code == BANGKOK:
            parts.append(p.abbr if ab and p.abbr else p.name)
        else:
            parts.append((w.abbreviations["จังหวัด"] if ab else "จังหวัด") + p.name)
    return (s.place_prep + " ".join(parts)) if parts else ""


def render(s: Slots, w: Words) -> str:
    """The title as a ministry would type it."""
    target = ""
    if s.target:
        target = s.prep + (w.target_abbr.get(s.target, s.target) if s.abbreviated else s.target)
    gap = " " if s.topic_word[0].isascii() else ""
    head = ("โครงการ" if s.lead else "") + s.verb + gap + s.topic_word
    if s.topic_word[-1].isascii() and (target or s.modifier):
        head += " "                # Thai typists space an English word off the Thai that follows
    if not s.place_first:
        head += target
    head += s.modifier or ""
    segments = [head]
    if s.ben_kind:
        kind = w.institution_abbr.get(s.ben_kind, s.ben_kind) if s.abbreviated else s.ben_kind
        segments.append(kind + (s.ben_name or ""))
    if place := _place(s, w):
        segments.append(place)
    if s.place_first and target:
        segments.append(target)
    if s.tail:
        segments.append(s.tail.format(year=s.year))
    text = " ".join(segments)
    return text.translate(THAI_DIGITS) if s.thai_digits else text


def objective(s: Slots, w: Words) -> str:
    """A one-line objective in the usual เพื่อ… ให้… shape, from the same slots as the title."""
    who = s.target or w.everyone
    return f"เพื่อ{s.verb}{s.topic_word} ให้{who}{w.topics[s.topic].outcome}"


# --- a random title -------------------------------------------------------------------------

NEEDS = frozenset({"target", "village", "beneficiary", "province_only", "tail", "loan", "concrete",
                   "prep_target", "admin"})


def random_slots(rng: np.random.Generator, w: Words, year: int, province: int,
                 need: frozenset[str] = frozenset()) -> Slots:
    """A plausible title; ``need`` forces parts a labelled kind requires (see :data:`NEEDS`)."""
    def fits(t: Topic) -> bool:
        concrete = sum(not w.activity(k).generic for k in t.activities)
        return ("loan" not in need or len(t.words) > 1) and ("concrete" not in need or concrete >= 2)

    weights = np.array([t.weight * fits(t) for t in w.topics], dtype=float)
    topic = int(rng.choice(len(w.topics), p=weights / weights.sum()))
    acts = [w.activity(k) for k in w.topics[topic].activities]
    if "concrete" in need:
        acts = [a for a in acts if not a.generic]
    act = acts[rng.integers(len(acts))]
    s = Slots(activity=act.key, verb=act.words[rng.integers(len(act.words))], topic=topic,
              topic_word=w.topics[topic].words[0], year=year, province=province,
              lead=bool(rng.random() < 0.9))
    if "target" in need or "prep_target" in need or rng.random() < 0.55:
        prep = w.target_preps[rng.integers(len(w.target_preps))][0]
        s = replace(s, target=w.targets[rng.integers(len(w.targets))], prep=prep)
    if "beneficiary" in need or rng.random() < 0.1:
        s = replace(s, ben_kind=w.institutions[rng.integers(len(w.institutions))],
                    ben_name=_name(rng, w))
    if "province_only" in need:
        s = replace(s, show_province=True)
    elif "village" in need or "admin" in need or rng.random() < 0.35:
        s = replace(s, village=_name(rng, w), moo=int(rng.integers(1, 21)), tambon=_name(rng, w),
                    amphoe=_name(rng, w), show_province=True)
        if w.provinces[province].code == BANGKOK:   # Bangkok has no tambon/amphoe in this sense
            s = replace(s, tambon=None, amphoe=None)
    elif rng.random() < 0.3:
        s = replace(s, show_province=True,
                    place_prep=w.place_preps[rng.integers(len(w.place_preps))][0])
    if "tail" in need or rng.random() < 0.35:
        s = replace(s, tail=w.tails[rng.integers(3)])     # the first three tails carry the year
    if rng.random() < 0.1:
        s = replace(s, modifier=w.modifiers[rng.integers(len(w.modifiers))])
    return s


def _name(rng: np.random.Generator, w: Words) -> str:
    return w.place_names[rng.integers(len(w.place_names))]


def _other(rng: np.random.Generator, options: tuple[str, ...] | list[str], current: str | None) -> str:
    rest = [o for o in options if o != current]
    return rest[rng.integers(len(rest))]


def typo(word: str, rng: np.random.Generator) -> str:
    """One slip of the keyboard inside a word: a character dropped, doubled, or two swapped."""
    i = int(rng.integers(1, len(word) - 1))
    op = int(rng.integers(3))
    if op == 0:
        out = word[:i] + word[i + 1:]
    elif op == 1:
        out = word[:i] + word[i] + word[i:]
    else:
        out = word[:i] + word[i + 1] + word[i] + word[i + 2:]
    return out if out != word else word[:i] + word[i + 1:]


# --- the labelled changes -------------------------------------------------------------------

Change = Callable[[Slots, np.random.Generator, Words], Slots]


def verb_synonym(s: Slots, rng: np.random.Generator, w: Words) -> Slots:
    return replace(s, verb=_other(rng, w.activity(s.activity).words, s.verb))


def verb_expansion(s: Slots, rng: np.random.Generator, w: Words) -> Slots:
    return replace(s, verb=_other(rng, w.activity(s.activity).expand, s.verb))


def modifier(s: Slots, rng: np.random.Generator, w: Words) -> Slots:
    return replace(s, modifier=_other(rng, w.modifiers, s.modifier))


def function_word(s: Slots, rng: np.random.Generator, w: Words) -> Slots:
    if s.target:
        pair = next(p for p in w.target_preps if p[0] == s.prep)
        return replace(s, prep=pair[1])
    pair = next(p for p in w.place_preps if p[0] == s.place_prep)
    return replace(s, place_prep=pair[1])


def word_order(s: Slots, rng: np.random.Generator, w: Words) -> Slots:
    return replace(s, place_first=not s.place_first)


def abbreviation(s: Slots, rng: np.random.Generator, w: Words) -> Slots:
    return replace(s, abbreviated=True)


def digits(s: Slots, rng: np.random.Generator, w: Words) -> Slots:
    return replace(s, thai_digits=True)


def misspelling(s: Slots, rng: np.random.Generator, w: Words) -> Slots:
    return replace(s, topic_word=typo(s.topic_word, rng))


def loanword(s: Slots, rng: np.random.Generator, w: Words) -> Slots:
    return replace(s, topic_word=_other(rng, w.topics[s.topic].words, s.topic_word))


_TAIL_WITH = {"verb_synonym": verb_synonym, "verb_expansion": verb_expansion,
              "modifier": modifier, "function_word": function_word}


def tail_combo(s: Slots, rng: np.random.Generator, w: Words) -> Slots:
    """A boilerplate tail added or changed, or the leading โครงการ dropped, plus one generic change."""
    names = sorted(_TAIL_WITH)
    if not s.target and not s.place_prep:
        names.remove("function_word")
    s = _TAIL_WITH[names[rng.integers(len(names))]](s, rng, w)
    if rng.random() < 0.5:
        return replace(s, lead=not s.lead)
    return replace(s, tail=_other(rng, w.tails, s.tail))


def other_target(s: Slots, rng: np.random.Generator, w: Words) -> Slots:
    return replace(s, target=_other(rng, w.targets, s.target))


def other_village(s: Slots, rng: np.random.Generator, w: Words) -> Slots:
    return replace(s, village=_other(rng, w.place_names, s.village))


def other_activity(s: Slots, rng: np.random.Generator, w: Words) -> Slots:
    acts = [a for a in map(w.activity, w.topics[s.topic].activities) if not a.generic and a.key != s.activity]
    act = acts[rng.integers(len(acts))]
    return replace(s, activity=act.key, verb=act.words[0])


def other_beneficiary(s: Slots, rng: np.random.Generator, w: Words) -> Slots:
    return replace(s, ben_name=_other(rng, w.place_names, s.ben_name))


def other_place(s: Slots, rng: np.random.Generator, w: Words) -> Slots:
    return replace(s, province=(s.province + 1 + int(rng.integers(len(w.provinces) - 1))) % len(w.provinces))


def other_year(s: Slots, rng: np.random.Generator, w: Words) -> Slots:
    return replace(s, year=s.year + 1)


@dataclass(frozen=True)
class Kind:
    """A labelled kind: the change, what the first title needs, the slots the change may touch."""

    change: Change
    need: frozenset[str]
    slots: frozenset[str]


def _k(change: Change, need: str = "", slots: str = "") -> Kind:
    return Kind(change, frozenset(need.split()), frozenset(slots.split()))


# Duplicates an auditor flags at once.
POSITIVE: dict[str, Kind] = {
    "verb_synonym": _k(verb_synonym, "", "verb"),
    "verb_expansion": _k(verb_expansion, "", "verb"),
    "modifier": _k(modifier, "", "modifier"),
    "function_word": _k(function_word, "prep_target", "prep place_prep"),
    "tail_combo": _k(tail_combo, "", "lead tail verb modifier prep place_prep"),
    "word_order": _k(word_order, "target village", "place_first"),
    "abbreviation": _k(abbreviation, "admin", "abbreviated"),
    "digits": _k(digits, "village tail", "thai_digits"),
    "typo": _k(misspelling, "", "topic_word"),
    "loanword": _k(loanword, "loan", "topic_word"),
}

# Two different works that look alike: never to be grouped.
NEGATIVE: dict[str, Kind] = {
    "target_group": _k(other_target, "target", "target"),
    "village": _k(other_village, "village", "village"),
    "activity": _k(other_activity, "concrete", "activity verb"),
    "beneficiary": _k(other_beneficiary, "beneficiary", "ben_name"),
    "place": _k(other_place, "province_only", "province"),
    "year": _k(other_year, "tail", "year"),
}
