"""Who a project is for, which village it works in and what it does, read from its title and objective.

Two titles can share most of their characters and still be different work: the same
training for the elderly and for youth, or the same pond dug in two villages. An auditor
rejects such a pair at once (GAO: duplication is the same activity for the same
beneficiaries in the same place), and so does :func:`conflicts`. Target groups are
matched through a lexicon of the groups Thai plans name, synonyms folded together
(``ผู้สูงวัย`` is ``ผู้สูงอายุ``); villages are the names after ``บ้าน``; activities through a
lexicon of the kinds of work titles name (a training is not a campaign, a repair is not a
construction); named institutions (``โรงเรียนวัดนาแก``, ``องค์การบริหารส่วนตำบลกุดจิก``) by
their kind and name; and the beneficiary a title names after ``สำหรับ``/``แก่``/``ของ``
(``…สำหรับผู้นำชุมชน`` is not ``…สำหรับเยาวชน`` even when neither is in the lexicon). A title
that names none of a kind conflicts with nothing of that kind.

Only projects already matched by title similarity are read here (10⁵ titles of a national
bundle, not 10⁶), each distinct title once (:func:`title_slots`), so plain ``re`` per title is
fine; GK301 spreads them over the machine's cores (:func:`slot_keys`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cache

import numpy as np
import pandas as pd

# Canonical target group → the words that name it (longest matched first).
TARGET_GROUPS: dict[str, tuple[str, ...]] = {
    "elderly": ("ผู้สูงอายุ", "ผู้สูงวัย", "คนชรา", "คนสูงวัย"),
    "children": ("เด็กเล็ก", "เด็กปฐมวัย", "เด็ก", "ทารก"),
    "youth": ("เยาวชน", "วัยรุ่น", "คนรุ่นใหม่"),
    "students": ("นักเรียน", "นักศึกษา", "ผู้เรียน"),
    "women": ("สตรี", "ผู้หญิง", "แม่บ้าน"),
    "disabled": ("คนพิการ", "ผู้พิการ", "ผู้ทุพพลภาพ"),
    "farmers": ("เกษตรกร", "ชาวนา", "ชาวสวน", "ชาวไร่", "ผู้ปลูก"),
    "fishers": ("ชาวประมง", "ประมงพื้นบ้าน"),
    "workers": ("แรงงาน", "ลูกจ้าง", "ผู้ใช้แรงงาน"),
    "unemployed": ("ผู้ว่างงาน", "คนว่างงาน", "ผู้ตกงาน"),
    "poor": ("ผู้มีรายได้น้อย", "คนยากจน", "ครัวเรือนยากจน", "ผู้ยากไร้", "คนจน"),
    "patients": ("ผู้ป่วย", "คนไข้"),
    "entrepreneurs": ("ผู้ประกอบการ", "วิสาหกิจ", "เอสเอ็มอี", "sme"),
    "tourists": ("นักท่องเที่ยว",),
    "teachers": ("ครู", "บุคลากรทางการศึกษา"),
    "officials": ("ข้าราชการ", "เจ้าหน้าที่", "บุคลากรภาครัฐ"),
    "volunteers": ("อาสาสมัคร", "อสม"),
    "inmates": ("ผู้ต้องขัง", "ผู้พ้นโทษ"),
    "ethnic": ("กลุ่มชาติพันธุ์", "ชาวเขา"),
    "homeless": ("คนไร้บ้าน", "คนไร้ที่พึ่ง"),
    "veterans": ("ทหารผ่านศึก",),
    "monks": ("พระสงฆ์", "พระภิกษุ"),
}
# Canonical activity → the words that name it in a title (longest matched first). Only words
# that name one kind of work: สร้าง (also เสริมสร้าง), ปลูก (also ปลูกฝัง) or แข่งขัน (also
# ขีดความสามารถในการแข่งขัน) do not. A title may name several (อบรมและศึกษาดูงาน).
ACTIVITIES: dict[str, tuple[str, ...]] = {
    "training": ("ฝึกอบรม", "อบรม", "ฝึกทักษะ", "ฝึกอาชีพ", "เชิงปฏิบัติการ"),
    "meeting": ("สัมมนา", "ประชุม"),
    "campaign": ("รณรงค์", "ประชาสัมพันธ์"),
    "construction": ("ก่อสร้าง",),
    "repair": ("ซ่อมแซม", "ซ่อมบำรุง", "บำรุงรักษา", "ปรับปรุง"),
    "dredging": ("ขุดลอก",),
    "survey": ("สำรวจ",),
    "research": ("วิจัย",),
    "study_visit": ("ศึกษาดูงาน",),
    "event": ("จัดงาน", "นิทรรศการ", "มหกรรม"),
    "procurement": ("จัดซื้อ", "จัดหา"),
    "screening": ("คัดกรอง", "ตรวจสุขภาพ"),
    "handout": ("แจกจ่าย",),
    "contest": ("ประกวด",),
    "planting": ("ปลูกป่า", "ปลูกต้นไม้"),
    "installation": ("ติดตั้ง",),
}
_ACTS = sorted(((w, a) for a, ws in ACTIVITIES.items() for w in ws), key=lambda x: -len(x[0]))
_ACT_RE = re.compile("|".join(re.escape(w) for w, _ in _ACTS))
_ACT_OF = dict(_ACTS)
# Synonyms folded into the first word of their group before titles are compared (unambiguous
# ones only: เด็ก or ครู also occur inside other words).
FOLD = ("elderly", "disabled", "unemployed", "homeless", "monks")
_WORDS = sorted(((w, g) for g, ws in TARGET_GROUPS.items() for w in ws), key=lambda x: -len(x[0]))
_GROUP_RE = re.compile("|".join(re.escape(w) for w, _ in _WORDS))
_GROUP_OF = dict(_WORDS)
# "บ้าน" + a name, where บ้าน is not the end of หมู่บ้าน or the start of a common noun
# (บ้านเมือง, the country, only on its own: บ้านเมืองพล is a village).
_NOT_VILLAGE = ("เรือน", "พัก", "มั่นคง", "เกิด", "และ", "ของ", "ที่", "เช่า", "พักอาศัย")
_VILLAGE_RE = re.compile(r"(?<!หมู่)บ้าน\s*(?!บ้าน)([ก-๙]+?)(?=\s|และ|เพื่อ|ระยะ|หมู่|ตำบล|อำเภอ|จังหวัด|จ\.|ต\.|อ\.|$|[^ก-๙])")


# Kinds of named institution a project serves; the name follows the kind word. Bare วัด and
# สหกรณ์ are left out: วัด is inside จังหวัด, and สหกรณ์ is mostly a topic (ระบบสหกรณ์).
INSTITUTIONS = ("โรงพยาบาลส่งเสริมสุขภาพตำบล", "โรงพยาบาล", "โรงเรียน", "ศูนย์พัฒนาเด็กเล็ก", "ศูนย์สุขภาพชุมชน",
                "องค์การบริหารส่วนตำบล", "องค์การบริหารส่วนจังหวัด", "เทศบาลตำบล", "เทศบาลเมือง", "เทศบาลนคร",
                "กลุ่มแม่บ้านเกษตรกร", "วิสาหกิจชุมชน")
_STOP = r"(?=\s|หมู่|ตำบล|อำเภอ|จังหวัด|ประจำ|ปีงบ|ใน|$|[^ก-๙])"
_INST_RE = re.compile(rf"({'|'.join(sorted(INSTITUTIONS, key=len, reverse=True))})\s*([ก-๙]+?){_STOP}")
# Who a title says the work is for: the words after สำหรับ / ให้แก่ / ให้กับ / แก่ / ของ up to
# a place, a manner word or the end. แก่ inside ขอนแก่น/แก่ง and the nouns that start with ของ
# (ของเสีย waste, ของเล่น toys, ของฝาก/ของที่ระลึก souvenirs, ของขวัญ, ของใช้, ของกิน) are not it.
_FOR_RE = re.compile(
    r"(?:สำหรับ|ให้แก่|ให้กับ|แก่(?![นง])|ของ(?!เสีย|เล่น|ฝาก|ที่ระลึก|ขวัญ|ใช้|กิน|ดี))\s*([ก-๙]+?)"
    r"(?=\s|อย่าง|แบบ|เชิง|ใน|เพื่อ|สู่|บ้าน|หมู่|ตำบล|อำเภอ|จังหวัด|ศูนย์|โรงเรียน|องค์การ|เทศบาล|กลุ่มแม่บ้าน"
    r"|ปี|ประจำปี|ระยะ|$|[^ก-๙])")


_MOO_RE = re.compile(r"(?:หมู่\s*(?:ที่)?|(?<![ก-ฮ])ม\.)\s*(\d{1,2})(?!\d)")
_THAI_DIGITS = str.maketrans("๐๑๒๓๔๕๖๗๘๙", "0123456789")
_THAI_DIGIT = re.compile("[๐-๙]")


def target_groups(text: str) -> frozenset[str]:
    """The canonical target groups a text names."""
    return frozenset(_GROUP_OF[m] for m in _GROUP_RE.findall(text.lower()))


def activities(text: str, topics: bool = True) -> frozenset[str]:
    """The canonical activities a text names. ``topics=False`` leaves out those nominalised by
    ``การ`` (``รณรงค์การปลูกป่า``: the campaign is what is done, the planting its topic)."""
    return frozenset(_ACT_OF[m.group()] for m in _ACT_RE.finditer(text)
                     if topics or not _nominalised(text[:m.start()]))


def _nominalised(before: str) -> bool:
    """``การ`` right before a word (not the end of ``โครงการ``), spaces aside: the action as a
    noun, a topic. String ends, not a regex search that tries every position of a long title
    (slots are read for 10⁵ titles of a national bundle)."""
    before = before.rstrip()
    return before.endswith("การ") and not before.endswith("โครงการ")


def institutions(text: str) -> frozenset[str]:
    """Named institutions as ``kind:name`` (``โรงเรียน:วัดนาแก``)."""
    return frozenset(f"{kind}:{name}" for kind, name in _INST_RE.findall(text) if name)


def beneficiaries(text: str) -> frozenset[str]:
    """Who the title says the work is for: the lexicon's target groups named in that phrase,
    or the phrase itself when it names none (so two unlisted groups still differ)."""
    out: set[str] = set()
    for phrase in _FOR_RE.findall(text):
        groups = target_groups(phrase)
        out |= groups or {f"for:{phrase}"}
    return frozenset(out)


def villages(text: str) -> frozenset[str]:
    """Village names after ``บ้าน`` (not ``หมู่บ้าน``, ``บ้านเรือน`` …) and village numbers
    (``หมู่ที่ 4``, ``ม.4``) as ``#4``: two titles naming different ones work in different villages."""
    if _THAI_DIGIT.search(text):           # str.translate costs tens of µs a Thai title
        text = text.translate(_THAI_DIGITS)
    names = {m.group(1) for m in _VILLAGE_RE.finditer(text) if not text[:m.start()].endswith(_house_compounds())}
    names = {v for v in names if v and v != "เมือง" and not v.startswith(_NOT_VILLAGE)}
    return frozenset(names | {f"#{int(n)}" for n in _MOO_RE.findall(text)})


@cache
def _house_compounds() -> tuple[str, ...]:
    """What comes before ``บ้าน`` in the words of PyThaiNLP's Thai dictionary that end with it
    (``พื้นบ้าน`` folk, ``ชาวบ้าน`` villagers, ``แม่บ้าน`` housewives, ``ทะเบียนบ้าน``): there
    ``บ้าน`` ends a word and names no village. ``แก่`` is left out: ``ให้แก่บ้าน…`` is "to the
    village …" far more often than ``แก่บ้าน`` (an elder)."""
    from pythainlp.corpus import thai_words

    return tuple(sorted({w[:-4] for w in thai_words() if w.endswith("บ้าน") and len(w) > 4 and " " not in w}
                        - {"แก่"}, key=len, reverse=True))


def conflicts(a: frozenset[str], b: frozenset[str]) -> bool:
    """Both name something of a kind and nothing of that kind in common: different people,
    different village names, or different village numbers."""
    for kind in (_is_number, _is_name):
        x, y = frozenset(v for v in a if kind(v)), frozenset(v for v in b if kind(v))
        if x and y and not _meet(x, y):
            return True
    return False


def _meet(x: frozenset[str], y: frozenset[str]) -> bool:
    """Whether two sets of one kind of value name something in common: a shared value, or a
    beneficiary phrase and its abbreviation (``for:กสค`` and ``for:แกนนำสุขภาพประจำครอบครัว``)."""
    if x & y:
        return True
    return any(_abbreviates(u[4:], v[4:]) or _abbreviates(v[4:], u[4:])
               for u in x if u.startswith("for:") for v in y if v.startswith("for:"))


_ABBREVIATION = re.compile(r"[ก-ฮ]{2,6}")


@cache
def _abbreviates(short: str, phrase: str) -> bool:
    """``short`` is written as a Thai abbreviation of ``phrase``: consonants only, the first
    being the first consonant of the phrase's first word and the rest, in order, first
    consonants of its later words (the Royal Institute's rule for อักษรย่อ: the initial consonant
    of each main word, words of little weight such as ประจำ may be left out)."""
    if len(short) >= len(phrase) or not _ABBREVIATION.fullmatch(short):
        return False
    from graphkpi.text.words import segment

    initials = [m.group() for w in segment([phrase])[0] if (m := re.search("[ก-ฮ]", w))]
    if not initials or initials[0] != short[0]:
        return False
    rest = iter(initials[1:])
    return all(c in rest for c in short[1:])


def pair_conflicts(found: list[tuple[frozenset[str], ...]], a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Per pair (``a[i]``, ``b[i]`` index ``found``, the :func:`slots` of some projects): whether
    any slot kind :func:`conflicts`. The same answer, set-based: per kind of value, each
    project's values get one code, pairs where a side names nothing or both name the same
    are settled by comparing codes, and :func:`conflicts` runs once per distinct pair of
    codes left. Titles repeat their slots a lot, so millions of candidate pairs of a
    national bundle leave a few thousand code pairs to read."""
    out = np.zeros(len(a), dtype=bool)
    if not len(a) or not found:
        return out
    for k in range(len(found[0])):
        sets, distinct = pd.factorize(pd.Series([s[k] for s in found], dtype=object))  # sets repeat: each read once
        for kind in (_is_number, _is_name):
            part, uniques = pd.factorize(pd.Series([frozenset(v for v in d if kind(v)) for d in distinct],
                                                   dtype=object))
            codes = part[sets]
            codes[np.fromiter((not u for u in uniques), dtype=bool, count=len(uniques))[codes]] = -1
            ca, cb = codes[a], codes[b]
            open_ = np.flatnonzero(~out & (ca >= 0) & (cb >= 0) & (ca != cb))
            if not len(open_):
                continue
            back, keys = pd.factorize(ca[open_].astype(np.int64) * len(uniques) + cb[open_])  # not np.unique(axis=0)
            left, right = (keys // len(uniques)).tolist(), (keys % len(uniques)).tolist()
            disjoint = np.array([not _meet(uniques[x], uniques[y]) for x, y in zip(left, right, strict=True)],
                                dtype=bool)
            out[open_] = disjoint[back]
    return out


def _is_number(v: str) -> bool:
    return v.startswith("#")


def _is_name(v: str) -> bool:
    return not v.startswith("#")


def slots(titles: Iterable[str], objectives: Iterable[str]) -> list[tuple[frozenset[str], ...]]:
    """Per project: (target groups from title and objective, villages, activities, named
    institutions and the beneficiary phrase from the title). Village names are read with the
    institutions taken out (``ศูนย์พัฒนาเด็กเล็กบ้านหนองบัว`` names a centre, not a village).
    Activities are the senses of the verbs the title opens with
    (:func:`graphkpi.text.verbs.head_senses`: a verb the lexicon lacks still says what is done)
    and the lexicon's activities it names (:func:`_activities`)."""
    return [with_objective(found, target_groups(o)) for found, o in zip(title_slots(titles), objectives, strict=True)]


def title_slots(titles: Iterable[str]) -> list[tuple[frozenset[str], ...]]:
    """:func:`slots` read from the titles alone. The objective adds only target groups, and
    the lexicon's words hold no space, so ``target_groups(f"{t} {o}")`` is the union of the
    two parts: objectives, which plans hand down, can be read once each apart from titles."""
    from graphkpi.text.verbs import head_senses  # verbs reads this module's lexicon (and generic's)

    titles = list(titles)
    heads = head_senses(titles)
    return [(target_groups(t), villages(_INST_RE.sub(" ", t)), _activities(t, h), institutions(t), beneficiaries(t))
            for t, h in zip(titles, heads, strict=True)]


def with_objective(found: tuple[frozenset[str], ...], groups: frozenset[str]) -> tuple[frozenset[str], ...]:
    """A title's :func:`title_slots` with the target groups its objective names added."""
    return (found[0] | groups, *found[1:]) if groups else found


_KIND, _VALUE = "\x1e", "\x1f"


def slot_keys(titles: list[str]) -> list[str]:
    """:func:`title_slots` as one string per title (kinds and their sorted values joined by
    control characters): what worker processes hand back, since a string crosses a process
    boundary in a fraction of the time five frozensets take."""
    return [_KIND.join(_VALUE.join(sorted(v)) for v in found) for found in title_slots(titles)]


def from_keys(keys: Iterable[str]) -> list[tuple[frozenset[str], ...]]:
    """The slots each :func:`slot_keys` string holds (each distinct kind's part decoded once)."""
    seen: dict[str, frozenset[str]] = {}

    def part(text: str) -> frozenset[str]:
        found = seen.get(text)
        if found is None:
            found = seen[text] = frozenset(text.split(_VALUE)) if text else frozenset()
        return found

    return [tuple(map(part, key.split(_KIND))) for key in keys]


def _activities(title: str, head: frozenset[str]) -> frozenset[str]:
    """A title that opens with verbs does what they say; the lexicon's activities it names after
    ``การ`` are then its topic. A title that opens with no verb names its activity anywhere."""
    return head | activities(title, topics=False) if head else activities(title)
