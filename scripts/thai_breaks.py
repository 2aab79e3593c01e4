"""Mark where Thai help text may break across lines, for ``graphkpi/messages/help.json``.

Why: Thai is written without spaces between words, so click's wrapping (which breaks at spaces)
either leaves a long phrase overrunning the column or, by default, cuts it in the middle of a
word. This script finds the word boundaries of every long Thai run with PyThaiNLP's dictionary
segmenter (``newmm``) and marks them with U+200B ZERO WIDTH SPACE, which the help pages treat as
a place to break (``graphkpi/cli/helptext.py``) and which shows as nothing. Run it after editing
a Thai help text; a test fails while a long run has no mark.

    python scripts/thai_breaks.py
"""

from __future__ import annotations

import json
import re
import sys
from functools import cache
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from graphkpi.cli.helptext import BREAK, FILE, LONG_RUN  # noqa: E402

RUN = re.compile(r"\S+")
THAI = re.compile("[\u0e00-\u0e7f]")
OPENING = {"(", "[", "\"", "“"}


def glue(words: list[str]) -> list[str]:
    """Words with punctuation kept on the right side of a break: ``;`` ``:`` ``)`` stay with the
    word before them, ``(`` with the word after it (a line never starts with ``;``)."""
    out: list[str] = []
    opening = ""
    for w in words:
        if w in OPENING:
            opening += w
        elif out and not opening and not any(c.isalnum() for c in w):
            out[-1] += w
        else:
            out.append(opening + w)
            opening = ""
    if opening:
        out.append(opening)
    return out


# The project's own compound terms, kept whole (newmm's dictionary splits them: ข้อ|ค้นพบ).
TERMS = {"ข้อค้นพบ", "ข้อยกเว้น", "ชุดย่อย", "ตัวชี้วัด", "แผนแม่บท", "เป้าหมายย่อย", "องค์ประกอบ",
         "ห่วงโซ่คุณค่า", "ยุทธศาสตร์ชาติ", "งบประมาณ", "หน่วยงาน", "ผู้ประสาน"}


@cache
def _trie() -> object:
    from pythainlp.corpus import thai_words
    from pythainlp.util import dict_trie

    return dict_trie(set(thai_words()) | TERMS)


def mark(text: str) -> str:
    """``text`` with a break mark between the words of each run longer than ``LONG_RUN``."""
    from pythainlp.tokenize import word_tokenize

    trie = _trie()

    def one(m: re.Match[str]) -> str:
        run = m.group(0)
        if len(run) <= LONG_RUN:
            return run
        words = glue(word_tokenize(run, custom_dict=trie, engine="newmm", keep_whitespace=False))
        assert "".join(words) == run, run
        out = words[0]
        for w in words[1:]:
            # only where Thai meets the break: GRAPHKPI_TODAY or 2026-12 stay whole
            out += (BREAK if THAI.match(out[-1]) or THAI.match(w[0]) else "") + w
        return out

    return RUN.sub(one, text.replace(BREAK, ""))


def main() -> None:
    data = json.loads(Path(FILE).read_text(encoding="utf-8"))
    for entry in data.values():
        entry["th"] = mark(entry["th"])
    Path(FILE).write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(f"marked {len(data)} help texts in {FILE}")


if __name__ == "__main__":
    main()
