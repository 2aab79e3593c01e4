"""The Thai font each HTML page carries, so Thai renders on a machine that has no Thai font.

Many office PCs and a fresh Chromium have no Thai font, and a page that only names font
families shows every Thai label as empty boxes. So every view and HTML report embeds Sarabun
(the family of TH Sarabun, the Thai civil service's document font; SIL Open Font License 1.1),
vendored from its npm package in ``graphkpi/views/fonts/`` (see the README there). The page
stays one self-contained file: the font is cut at run time to the characters the page uses (a
few kB instead of 40 kB; a page of megabytes carries the blocks whole, see ``WHOLE_ABOVE``) and
inlined as WOFF2 in a ``data:`` URL, one ``@font-face`` per script block with the
``unicode-range`` it covers.
"""

from __future__ import annotations

import base64
import io
import re
import unicodedata
from functools import cache
from importlib import resources

FAMILY = "GK Sarabun"
FONT_SLOT = "/* graphkpi: the embedded font */"   # where a template's font goes, once its characters are known
# The CSS font stack of every page: the embedded family first, system Thai fonts after it.
STACK = f'"{FAMILY}", "Sarabun", "Noto Sans Thai", "Leelawadee UI", "Tahoma", "Loma", sans-serif'
LICENCE = "Sarabun © 2018 The Sarabun Project Authors (github.com/cadsondemak/Sarabun), SIL Open Font License 1.1"
# weight → the vendored files (@fontsource/sarabun's Thai and Latin blocks of that weight)
# A page longer than this (characters) carries the vendored blocks whole: cutting them takes about a
# second per block (WOFF2 is decoded, cut and brotli-compressed again) and saves under 1 % of such a page.
WHOLE_ABOVE = 2_000_000
FILES = {400: ("sarabun-thai-400-normal.woff2", "sarabun-latin-400-normal.woff2"),
         700: ("sarabun-thai-700-normal.woff2", "sarabun-latin-700-normal.woff2")}


@cache
def _font_bytes(name: str) -> bytes:
    return resources.files("graphkpi.views").joinpath("fonts", name).read_bytes()


@cache
def _cmap(name: str) -> frozenset[int]:
    from fontTools.ttLib import TTFont  # imported when a page is written: `check` never pays for it

    return frozenset(TTFont(io.BytesIO(_font_bytes(name))).getBestCmap())


def _runs(points: list[int]) -> list[tuple[int, int]]:
    """Sorted code points as runs of consecutive points, first and last."""
    out: list[tuple[int, int]] = []
    start = prev = points[0]
    for p in [*points[1:], -1]:
        if p == prev + 1:
            prev = p
            continue
        out.append((start, prev))
        start = prev = p
    return out


def unicode_ranges(points: list[int]) -> str:
    """Sorted code points as a CSS ``unicode-range`` (runs of consecutive points as ``U+A-B``)."""
    return ",".join(f"U+{a:X}" if a == b else f"U+{a:X}-{b:X}" for a, b in _runs(points))


@cache
def _covered(name: str) -> re.Pattern[str]:
    """A character class of the characters font file ``name`` has."""
    return re.compile("[" + "".join(f"{re.escape(chr(a))}-{re.escape(chr(b))}" for a, b in _runs(sorted(_cmap(name))))
                      + "]")


def subset_woff2(name: str, points: set[int]) -> bytes:
    """The vendored font ``name`` cut to ``points``, as WOFF2 bytes. Every OpenType layout feature
    is kept: Thai marks are placed by GPOS (mark, mkmk) and need their lookups. The font keeps
    its own modification time, so the same page comes out byte for byte the same on every run
    (fontTools stamps the clock's time otherwise)."""
    from fontTools.subset import Options, Subsetter
    from fontTools.ttLib import TTFont

    options = Options()
    options.layout_features = ["*"]
    options.flavor = "woff2"
    font = TTFont(io.BytesIO(_font_bytes(name)), recalcTimestamp=False)
    sub = Subsetter(options)
    sub.populate(unicodes=points)
    sub.subset(font)
    out = io.BytesIO()
    font.flavor = "woff2"
    font.save(out)
    return out.getvalue()


def _drawn(chars: set[str]) -> set[int]:
    """The code points a browser draws ``chars`` with: each character and its decomposition. The
    Thai shaper draws ำ (SARA AM) as ํ + า (NIKHAHIT, SARA AA); a subset without ํ left the vowel to
    another font, or to none (จำนวน read "จ านวน")."""
    return {ord(c) for c in chars} | {ord(d) for c in chars if ord(c) > 0x7F for d in unicodedata.normalize("NFKD", c)}


def font_faces(text: str, weights: tuple[int, ...] = (400, 700), whole_above: int = WHOLE_ABOVE) -> str:
    """CSS ``@font-face`` rules of ``FAMILY`` covering the characters of ``text`` the font has: each
    block cut to them, or whole when ``text`` is longer than ``whole_above``."""
    whole = len(text) > whole_above
    # a whole block only needs one character of it in the page: no set of an 18 MB page's characters
    used = set() if whole else _drawn(set(text))
    rules = [f"/* {LICENCE} */"]
    for weight in weights:
        for name in FILES[weight]:
            points = [] if whole else sorted(used & _cmap(name))
            if not (_covered(name).search(text) if whole else points):
                continue
            font = _font_bytes(name) if whole else subset_woff2(name, set(points))
            data = base64.b64encode(font).decode("ascii")
            ranges = unicode_ranges(sorted(_cmap(name)) if whole else points)
            rules.append(f"@font-face {{ font-family: '{FAMILY}'; font-style: normal; font-weight: {weight}; "
                         f"font-display: block; src: url(data:font/woff2;base64,{data}) format('woff2'); "
                         f"unicode-range: {ranges}; }}")
    return "\n".join(rules)
