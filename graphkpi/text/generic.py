"""Words that say nothing about the work, so that two write-ups of one project still match.

Ministries dress the same work in different boilerplate words: one writes ``ส่งเสริมอาชีพ``,
another ``พัฒนาอาชีพ`` or ``ส่งเสริมและพัฒนาอาชีพ``; one adds ``แบบมีส่วนร่วมอย่างยั่งยืน``;
one writes ``สำหรับผู้สูงอายุ``, another ``แก่ผู้สูงอายุ``. On short titles one such word drops
the IDF-weighted Jaccard below the threshold although a Thai auditor sees one piece of work.
Three kinds of word are therefore treated as what they are before titles are compared:

- function words (PyThaiNLP's Thai stopword list, ``pythainlp.corpus.thai_stopwords``, and
  :data:`EXTRA_FUNCTION_WORDS`) weigh nothing, except the few that name content in a project
  title (:data:`CONTENT_STOPWORDS`) and any that name an activity
  (:data:`graphkpi.text.slots.ACTIVITIES`);
- generic development verbs (:data:`GENERIC_VERBS`) are one equivalence class, one token;
- generic manner and scope modifiers (:data:`GENERIC_MODIFIERS`) weigh nothing;
- the words of one activity class of :data:`graphkpi.text.slots.ACTIVITIES` are one token
  (``ฝึกอบรม`` and ``อบรม`` are one training): activities are compared strictly as a slot, so a
  title that writes the same activity with another word of its class loses nothing;
- English loanwords are one word whichever script they are written in: PyThaiNLP's Thai-English
  transliteration dictionary (``pythainlp.corpus.th_en_translit``, Phatthiyaphaibun 2022,
  doi:10.5281/zenodo.6716672) maps ``ดิจิทัล``, ``ดิจิตอล`` and ``digital`` to ``digital``.

PyThaiNLP has no offline synonym list (``thai_synonyms`` is downloaded at run time), so the
verb and modifier lists are ours; each entry says why it is generic. What the work *is* (the activity,
the target group, the village) is compared separately and strictly by
:mod:`graphkpi.text.slots`, so ignoring these words never joins different work.
"""

from __future__ import annotations

import re
from functools import cache

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from graphkpi.text.slots import ACTIVITIES

VERB_CLASS = "<กริยาทั่วไป>"   # the one token every generic verb becomes (no text normalises to it)

# Verbs that Thai plan titles put before any topic to say "do something good about it";
# none names what is done (that is the activity: อบรม, ก่อสร้าง, รณรงค์ …).
GENERIC_VERBS: dict[str, str] = {
    "ส่งเสริม": "promote: the most common opening verb of Thai plan titles",
    "พัฒนา": "develop: used for any kind of work on any topic",
    "สนับสนุน": "support: says who pays or helps, not what is done",
    "เสริมสร้าง": "strengthen: a rhetorical verb before ความเข้มแข็ง, ศักยภาพ …",
    "สร้างเสริม": "the same compound in the other order",
    "ยกระดับ": "raise the level of: rhetorical, any topic",
    "ขับเคลื่อน": "drive forward: rhetorical, any topic",
    "ผลักดัน": "push forward: rhetorical, any topic",
    "เพิ่มพูน": "increase: rhetorical, any topic",
    "ดำเนินการ": "carry out: empty of content",
    "ดำเนินงาน": "carry out the work: empty of content",
    "บริหารจัดการ": "manage: any topic",
    "จัดทำ": "prepare/make: any deliverable",
    "จัดกิจกรรม": "hold activities: says that something happens, not what",
    "เพิ่ม": "increase (PyThaiNLP stopword; in titles the opener of เพิ่มศักยภาพ, เพิ่มรายได้ …)",
    "ปรับ": "adjust (PyThaiNLP stopword; opener of ปรับปรุง/ปรับเปลี่ยน when split)",
}

# Manner and scope words one ministry adds and another leaves out: they qualify any work.
GENERIC_MODIFIERS: dict[str, str] = {
    "มีส่วนร่วม": "แบบมีส่วนร่วม (participatory): a manner phrase in any title",
    "ส่วนร่วม": "the same, segmented without มี",
    "ยั่งยืน": "อย่างยั่งยืน (sustainably): a manner phrase in any title",
    "มีประสิทธิภาพ": "อย่างมีประสิทธิภาพ (effectively): a manner phrase",
    "ประสิทธิภาพ": "เพิ่มประสิทธิภาพ (efficiency): a manner phrase",
    "ศักยภาพ": "เพิ่มศักยภาพ (capacity): a manner phrase",
    "ขีดความสามารถ": "เพิ่มขีดความสามารถ (capability): a manner phrase",
    "ความเข้มแข็ง": "สร้างความเข้มแข็ง (strength): a manner phrase",
    "เข้มแข็ง": "the same, segmented without ความ",
    "เชิงรุก": "proactive: a manner word",
    "เชิง": "เชิงพื้นที่/เชิงระบบ: a manner prefix",
    "บูรณาการ": "แบบบูรณาการ (integrated): a manner phrase",
    "ทั่วถึง": "อย่างทั่วถึง (thoroughly): a manner phrase",
    "ครบวงจร": "แบบครบวงจร (end to end): a manner phrase",
    "เป็นระบบ": "อย่างเป็นระบบ (systematically): a manner phrase",
    "ต่อเนื่อง": "อย่างต่อเนื่อง (continuously): a manner phrase",
    "เหมาะสม": "อย่างเหมาะสม (appropriately): a manner phrase",
    "พื้นที่": "ในพื้นที่ (in the area): scope; places are compared separately",
    "ระดับ": "ระดับพื้นที่/ระดับชุมชน (at the level of): scope",
    "เป้าหมาย": "พื้นที่เป้าหมาย/กลุ่มเป้าหมาย (targeted): scope; target groups are compared separately",
    "ทั่วประเทศ": "nationwide: scope; places are compared separately",
    "โครงการ": "project: every row is one (a second โครงการ inside the title is boilerplate)",
}

# Function words PyThaiNLP's list lacks: prepositions that only say for whom.
EXTRA_FUNCTION_WORDS: dict[str, str] = {
    "สำหรับ": "for: the preposition before a beneficiary, written interchangeably with แก่/ให้แก่",
    "แด่": "to (honorific): the same preposition in formal style",
}

# PyThaiNLP stopwords that do name content in a project title, so they keep their weight.
CONTENT_STOPWORDS: dict[str, str] = {
    "ใหม่": "new (อาคารใหม่ is not the repair of the old one)",
    "ใหญ่": "large (แหล่งน้ำขนาดใหญ่ vs a small pond)",
    "สูง": "high (พื้นที่สูง, the highlands, are a place)",
    "น้อย": "little (รายได้น้อย names who is helped)",
    "วัน": "day (วันผู้สูงอายุ names an event)",
    "เปิด": "open (เปิดตลาด names an activity)",
}


@cache
def function_words() -> frozenset[str]:
    """PyThaiNLP's Thai stopwords, without those naming content or an activity."""
    from pythainlp.corpus import thai_stopwords

    words = frozenset(thai_stopwords()) | set(EXTRA_FUNCTION_WORDS)
    return words - set(CONTENT_STOPWORDS) - _activity_words() - set(GENERIC_VERBS)


@cache
def loanwords() -> dict[str, str]:
    """Thai spelling of an English loanword → the English term as compared: lower case, its
    letters and digits only, words joined (``อีคอมเมิร์ซ`` → ``ecommerce`` from ``e-commerce``,
    ``สมาร์ทโฟน`` → ``smartphone`` from ``smart phone``)."""
    from pythainlp.corpus.th_en_translit import TRANSLITERATE_EN, get_transliteration_dict

    out: dict[str, str] = {}
    for thai, entry in get_transliteration_dict().items():
        english = [_joined(e) for e in entry.get(TRANSLITERATE_EN, []) if isinstance(e, str)]
        if english and english[0] and " " not in thai:
            out[thai] = english[0]
    return out


def _joined(english: str) -> str:
    return re.sub(r"[^0-9a-z]+", "", english.lower())


@cache
def _loan_runs() -> dict[str, str]:
    """Runs of two to four words that spell one loanword, as ``SEP``-joined keys → the English
    term: its Thai spelling as the segmenter cuts it (``อี คอม เมิร์ซ``; the segmenter's
    dictionary lacks most loanwords) and its English words as a title writes them apart
    (``e commerce``, ``smart phone``; normalisation turns hyphens into spaces)."""
    from graphkpi.text.words import segment

    thai = list(loanwords())
    runs: dict[str, str] = {}
    for spelling, words in zip(thai, segment(thai), strict=True):
        if 2 <= len(words) <= _LONGEST_RUN:
            runs[_SEP.join(words)] = loanwords()[spelling]
    from pythainlp.corpus.th_en_translit import TRANSLITERATE_EN, get_transliteration_dict

    for entry in get_transliteration_dict().values():
        for english in entry.get(TRANSLITERATE_EN, []):
            parts = re.findall(r"[0-9a-z]+", english.lower()) if isinstance(english, str) else []
            if 2 <= len(parts) <= _LONGEST_RUN:
                runs.setdefault(_SEP.join(parts), "".join(parts))
    return runs


_SEP = "\x00"
_LONGEST_RUN = 4


def join_loanwords(record: np.ndarray, words: np.ndarray) -> np.ndarray:
    """``words`` (every title's words in order, ``record`` ascending) with each run that spells
    one loanword (:func:`_loan_runs`) replaced by its English term, the run's other words "".
    Only runs starting with a word that starts some loanword's run are read, so a national
    bundle's titles cost a lookup per distinct word."""
    runs = _loan_runs()
    if not len(words) or not runs:
        return words
    starts = {key.split(_SEP, 1)[0] for key in runs}
    codes, distinct = pd.factorize(pd.Series(words, dtype=object))
    distinct = pd.Series(distinct, dtype=object)
    latin = distinct.str.fullmatch(r"[0-9a-z]+").fillna(False).to_numpy(dtype=bool)
    maybe = np.flatnonzero((distinct.isin(starts).to_numpy() | latin)[codes])
    if not len(maybe):
        return words
    terms = _english_loanwords()
    out = words.copy()
    taken = np.zeros(len(words), dtype=bool)
    for n in range(_LONGEST_RUN, 1, -1):
        at = maybe[maybe + n <= len(words)]
        at = at[(record[at + n - 1] == record[at]) & ~taken[at]]
        for i in at.tolist():
            run = words[i: i + n].tolist()
            english = runs.get(_SEP.join(run))
            if english is None and all(latin[codes[i: i + n]]) and "".join(run) in terms:
                english = "".join(run)          # smart phone: the dictionary knows smartphone
            if english is not None and not taken[i: i + n].any():
                out[i], out[i + 1: i + n] = english, ""
                taken[i: i + n] = True
    return out


@cache
def _folding() -> dict[str, str]:
    """Word → what it becomes before comparison ("" = dropped)."""
    fold = dict(loanwords())
    fold.update(dict.fromkeys(function_words(), ""))
    fold.update(dict.fromkeys(GENERIC_MODIFIERS, ""))
    fold.update(dict.fromkeys(GENERIC_VERBS, VERB_CLASS))
    fold.update(activity_classes())
    return fold


@cache
def activity_classes() -> dict[str, str]:
    """Each word of the activity lexicon → its class token (``ฝึกอบรม``, ``อบรม`` → ``<training>``)."""
    return {w: f"<{a}>" for a, ws in ACTIVITIES.items() for w in ws}


def fold_words(words: np.ndarray) -> np.ndarray:
    """Each word as it is compared: generic verbs as :data:`VERB_CLASS`, activity words as their
    class (:func:`activity_classes`), function words and
    generic modifiers as "" (to be dropped), a loanword's Thai spelling as the English word,
    other words unchanged. Vectorised (one hash
    lookup per word through pandas)."""
    if not len(words):
        return words
    codes, uniques = pd.factorize(pd.Series(words, dtype=object))   # a national bundle repeats its words
    s = pd.Series(uniques, dtype=object)
    return s.map(_folding()).fillna(s).to_numpy(dtype=object)[codes]


def kind_of(word: str) -> str | None:
    """``verb``, ``modifier``, ``function``, ``activity`` or ``loanword`` for a word that is
    folded or dropped (what ``--explain`` shows); None for any other word."""
    if word in GENERIC_VERBS:
        return "verb"
    if word in GENERIC_MODIFIERS:
        return "modifier"
    if word in function_words():
        return "function"
    if word in activity_classes():
        return "activity"
    if word in loanwords() or word in _english_loanwords():
        return "loanword"
    return None


@cache
def _activity_words() -> frozenset[str]:
    return frozenset(w for ws in ACTIVITIES.values() for w in ws)


@cache
def _english_loanwords() -> frozenset[str]:
    return frozenset(loanwords().values())


def junk(raw: pd.Series | pa.Array, record: np.ndarray, folded: np.ndarray) -> np.ndarray:
    """Per title: True when it cannot name a piece of work, so it is never grouped: a
    spreadsheet formula or error value and no Thai text (``=SUM(1)``, ``#REF!``), or no
    content word once generic words are set aside (empty, only digits, a single generic word
    such as ``ส่งเสริม``, or only an activity with no topic: ``อบรม``, ``ปรับปรุง``).
    A formula in front of a real title (``=HYPERLINK(1)โครงการ…``) is not junk: the title
    still says what the work is (and outputs neutralise the formula)."""
    count = len(raw)
    codes, uniques = pd.factorize(pd.Series(folded, dtype=object))   # each distinct word read once
    words = pd.Series(uniques, dtype=object)
    content = ((words != "") & ~words.isin([VERB_CLASS, *_activity_words(), *activity_classes().values()])
               & ~words.str.fullmatch(r"[0-9]+").fillna(False).astype(bool)).to_numpy()
    has_content = np.bincount(record[content[codes]], minlength=count) > 0
    return _formulas(raw) | ~has_content


_FORMULA = re.compile(r"\s*[=+@#][^\u0e00-\u0e7f]*")


def _formulas(raw: pd.Series | pa.Array) -> np.ndarray:
    """Per title, whether it is a formula or error value with no Thai text (:data:`_FORMULA`).
    Only a title holding one of ``= + @ #`` can be, found by Arrow over the column; those few
    are read with Python's ``re`` (Unicode spaces, as written)."""
    if not isinstance(raw, pa.Array):
        raw = pa.array(raw.fillna("").astype(str).to_numpy(dtype=object), type=pa.large_string())
    out = np.zeros(len(raw), dtype=bool)
    if not len(raw):
        return out
    maybe = np.flatnonzero(pc.fill_null(pc.match_substring_regex(raw, "[=+@#]"), False).to_numpy(zero_copy_only=False))
    if len(maybe):
        out[maybe] = [bool(_FORMULA.fullmatch(t or "")) for t in raw.take(pa.array(maybe)).to_pylist()]
    return out
