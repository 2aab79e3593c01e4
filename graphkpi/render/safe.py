"""Untrusted text (names, ids from a bundle) made harmless for each kind of output.

A name may carry control characters (ESC sequences that repaint a terminal, NUL that Excel
refuses) or bidi overrides that make ``P-1 ‮(ok)`` read backwards. People-facing outputs —
text on a terminal, CSV, HTML, Excel — show them visibly instead (``visible``); JSON keeps the
exact text but carries such characters only as ``\\uXXXX`` escapes (``json_safe``), so it stays
lossless. Very long text is cut where a reader scans it (``cut``) with how much was left out.
"""

from __future__ import annotations

import json
import re
import sys
from typing import Any

from markupsafe import Markup

from graphkpi.render.i18n import t

# Bidi formatting characters: ALM, LRM, RLM, the embeddings and overrides, the isolates.
BIDI = "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
# Control characters (not tab and newline, which are layout) and the bidi characters above.
_UNSAFE = re.compile(f"[\x00-\x08\x0b-\x1f\x7f-\x9f{BIDI}]")
_UNSAFE_IN_LINE = re.compile(f"[\x00-\x1f\x7f-\x9f{BIDI}]")   # the same, and tab and newline

# Shown text is cut at this many characters (view tooltips, HTML report cells); the full text
# stays in the JSON and CSV outputs.
SHOWN_LIMIT = 300
XLSX_CELL_LIMIT = 32_767  # Excel's own limit on the characters of one cell


def _picture(match: re.Match[str]) -> str:
    return _picture_of(match.group())


def _picture_of(ch: str) -> str:
    code = ord(ch)
    if code < 0x20:
        return chr(0x2400 + code)  # Unicode's control pictures: NUL → ␀, ESC → ␛
    if code == 0x7F:
        return "\u2421"  # ␡
    return f"<U+{code:04X}>"


def visible(text: str) -> str:
    """``text`` with every control (but tab and newline) and bidi character shown, not obeyed."""
    return _UNSAFE.sub(_picture, text)


def visible_line(text: str) -> str:
    """:func:`visible` for text that must stay on one line, a table's cell: tab and newline are
    shown too (␉, ␊), or a name holding a line break would split its row in two."""
    return _UNSAFE_IN_LINE.sub(_picture, text)


def visible_id(text: str) -> str:
    """An id as its reader must see it: also every invisible format character (zero-width space,
    joiners, BOM…) shown as ``<U+200B>``. Names may hold those (Thai text marks word breaks with
    U+200B); an id never should (GK005), and its table cell must show why it does not match."""
    return JSON_UNSAFE.sub(_picture, visible(text))   # what visible() leaves: the invisible format characters


# Every Cc and Cf character above ASCII (Unicode 15), as ranges; tests/render/test_safe_text.py checks
# it against the running Python's unicodedata. A class of single characters was 12 times slower.
JSON_ESCAPED = ((0x007F, 0x009F), (0x00AD, 0x00AD), (0x0600, 0x0605), (0x061C, 0x061C), (0x06DD, 0x06DD),
                (0x070F, 0x070F), (0x0890, 0x0891), (0x08E2, 0x08E2), (0x180E, 0x180E), (0x200B, 0x200F),
                (0x202A, 0x202E), (0x2060, 0x2064), (0x2066, 0x206F), (0xFEFF, 0xFEFF), (0xFFF9, 0xFFFB),
                (0x110BD, 0x110BD), (0x110CD, 0x110CD), (0x13430, 0x1343F), (0x1BCA0, 0x1BCA3),
                (0x1D173, 0x1D17A), (0xE0001, 0xE0001), (0xE0020, 0xE007F))


def _char_class(ranges: tuple[tuple[int, int], ...]) -> re.Pattern[str]:
    return re.compile("[" + "".join(f"{re.escape(chr(a))}-{re.escape(chr(b))}" for a, b in ranges) + "]")


JSON_UNSAFE = _char_class(JSON_ESCAPED)
# The same set split in two: a class of Basic Multilingual Plane ranges only is matched by a
# table lookup, one with astral ranges range by range, six times slower on a 10⁶-project JSON.
_JSON_UNSAFE_BMP = _char_class(tuple(r for r in JSON_ESCAPED if r[1] <= 0xFFFF))
_JSON_UNSAFE_ASTRAL = _char_class(tuple(r for r in JSON_ESCAPED if r[0] > 0xFFFF))
_ASTRAL = re.compile("[\U00010000-\U0010FFFF]")


def json_safe(text: str) -> str:
    """JSON ``text`` (from ``json.dumps``) with raw format and control characters as escapes.

    ``json.dumps`` already escapes C0 controls; DEL, C1 and Cf characters can only occur inside
    strings, where ``\\uXXXX`` means the same character: the data are unchanged. Escaping is
    character by character, so pieces escaped apart join into the whole escaped.
    """
    if text.isascii():
        return text
    text = _JSON_UNSAFE_BMP.sub(_json_escape, text)
    return _JSON_UNSAFE_ASTRAL.sub(_json_escape, text) if _may_be_astral(text) and _ASTRAL.search(text) else text


def _may_be_astral(text: str) -> bool:
    """False when ``text`` cannot hold a character above U+FFFF: CPython stores such a string at
    four bytes a character (PEP 393), so one that takes less memory has none, and a 40 MB Thai
    document is not searched for them (0.13 s). True otherwise, and on other Pythons."""
    return sys.getsizeof(text) >= 4 * len(text)


def _json_escape(m: re.Match[str]) -> str:
    return json.dumps(m.group())[1:-1]  # surrogate pairs above U+FFFF


def cut(text: str, limit: int = SHOWN_LIMIT, lang: str = "th") -> str:
    """``text`` cut to ``limit`` characters, ending with how many were left out."""
    if len(text) <= limit:
        return text
    return text[:limit] + t("cut_more", lang, n=f"{len(text) - limit:,}")


def html_text(value: Any) -> Any:
    """Jinja's ``finalize`` for graphkpi's pages: every text a template prints shows control and
    bidi characters visibly (before autoescaping); markup graphkpi built itself passes unchanged."""
    return visible(value) if isinstance(value, str) and not isinstance(value, Markup) else value


# In ``json.dumps`` output: an escaped backslash (kept, so the next character is read right), or
# the escape of a control character (``\\b``, ``\\f``, ``\\r``, ``\\u0000``–``\\u001f``).
_JSON_ESCAPE = re.compile(r"\\(\\|u00[01][0-9a-fA-F]|[bfr])")
_SHORT = {"b": 0x08, "f": 0x0C, "r": 0x0D}


def _escaped_picture(match: re.Match[str]) -> str:
    seq = match.group(1)
    code = _SHORT.get(seq) if len(seq) == 1 else int(seq[1:], 16)
    if code is None or code in (0x09, 0x0A):   # a backslash, or tab and newline (layout, kept)
        return match.group()
    return _picture_of(chr(code))


def visible_json(text: str) -> str:
    """``json.dumps(data, ensure_ascii=False)`` made the JSON of ``data`` with ``visible`` applied
    to every string, keys and ids included (so edges still meet their nodes), without walking
    ``data`` (a province's view holds 650,000 values: the walk took seconds).
    Raw characters ``visible`` shows are only inside strings; control characters ``json.dumps``
    escaped are found by their escapes, an escaped backslash read first so that ``\\\\b`` stays."""
    return _UNSAFE.sub(_picture, _JSON_ESCAPE.sub(_escaped_picture, text))


def shown(text: str, limit: int = SHOWN_LIMIT, lang: str = "th") -> str:
    """Text for people: control and bidi characters visible, cut at ``limit``."""
    return visible(cut(text, limit, lang))
