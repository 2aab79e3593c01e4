"""Help pages speak the user's language: Thai by default, English with ``--lang en`` or
``GRAPHKPI_LANG=en`` (``graphkpi/cli/helptext.py``, ``graphkpi/messages/help.json``)."""

from __future__ import annotations

import os
import runpy
import subprocess
import sys
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from graphkpi.cli import COMMANDS, main
from graphkpi.cli.helptext import BREAK, LONG_RUN, entries, key, paragraphs, say, shorten
from graphkpi.cli.options import FORMAT_HELP
from graphkpi.messages.params import check_params
from graphkpi.render.text import width as columns
from tests.conftest import SAMPLE

FORMAT_TH = "รูปแบบผลลัพธ์ หากไม่ระบุ ไฟล์ -o ที่นามสกุลเป็นรูปแบบหนึ่งในรายการนี้ (out.json) จะเขียนในรูปแบบนั้น"

THAI = range(0x0E00, 0x0E80)


def _commands() -> dict[str, click.Command]:
    ctx = click.Context(main)
    return {name: main.get_command(ctx, name) for name in COMMANDS}


def _texts() -> list[tuple[str, str]]:
    """(where, English help text) for every command, option and the group itself."""
    out = [("graphkpi", main.help or "")]
    out += [(f"graphkpi {o.name}", o.help) for o in main.params if getattr(o, "help", None)]
    for name, cmd in _commands().items():
        out.append((name, cmd.help or ""))
        out += [(f"{name} --{p.name}", p.help) for p in cmd.params if getattr(p, "help", None)]
    return out


def _is_thai(text: str) -> bool:
    return any(ord(c) in THAI for c in text)


def test_every_help_paragraph_has_a_thai_translation() -> None:
    missing = [(where, p[:60]) for where, text in _texts() for p in paragraphs(text)
               if not _is_thai(say(p, "th") or "")]
    assert not missing, f"add these paragraphs to graphkpi/messages/help.json: {missing}"


def test_no_translation_is_stale() -> None:
    used = {key(p) for _, text in _texts() for p in paragraphs(text)}
    used.add(key("Show this message and exit."))   # the help option click makes
    stale = [name for name, e in entries().items() if key(e["en"]) not in used]
    assert not stale, f"no help text says these any more (reworded? update their Thai too): {stale}"


def test_every_entry_has_both_languages_and_the_thai_is_thai() -> None:
    for name, e in entries().items():
        assert set(e) == {"en", "th"}, name
        assert _is_thai(e["th"]) and e["en"].strip(), name


def test_a_paragraph_missing_from_the_table_stays_english() -> None:
    assert say("A sentence nobody translated.", "th") == "A sentence nobody translated."
    assert (say(f"{FORMAT_HELP}\n\nA sentence nobody translated.", "th") or "").replace(BREAK, "") == \
        f"{FORMAT_TH}\n\nA sentence nobody translated."


def test_rewrapping_the_english_does_not_lose_the_translation() -> None:
    assert say(FORMAT_HELP.replace(" without", "\n    without"), "th") == say(FORMAT_HELP, "th")
    assert (say(FORMAT_HELP, "th") or "").replace(BREAK, "") == FORMAT_TH


def test_english_is_unchanged() -> None:
    assert say(FORMAT_HELP, "en") == FORMAT_HELP


def _help(*args: str, width: int | None = None) -> str:
    """What the command printed, without break marks (they show as nothing)."""
    return _raw(*args, width=width).replace(BREAK, "")


def _raw(*args: str, width: int | None = None) -> str:
    extra = {} if width is None else {"terminal_width": width}
    result = CliRunner().invoke(main, list(args), **extra)
    assert result.exit_code == 0, result.output
    return result.output


def test_long_thai_runs_have_break_marks() -> None:
    """``scripts/thai_breaks.py`` marks them; without marks click would cut a Thai word in two.
    The file must be what the script writes: a Thai text edited by hand and left unmarked fails."""
    mark = runpy.run_path(str(Path(__file__).parents[2] / "scripts" / "thai_breaks.py"))["mark"]
    stale = [name for name, e in entries().items() if mark(e["th"]) != e["th"]]
    assert not stale, f"run `python scripts/thai_breaks.py`: {stale}"
    assert any(BREAK in piece and len(piece) > LONG_RUN for e in entries().values()
               for piece in e["th"].split())


def test_the_check_parameters_say_what_their_declaration_says() -> None:
    for p in check_params():
        entry = entries()[f"option.{p.option.lstrip('-')}"]
        assert entry["en"] == p.help("en") and entry["th"].replace(BREAK, "") == p.help("th")


@pytest.mark.parametrize("width", [40, 60, 80])
def test_narrow_help_breaks_thai_lines_only_between_words(width: int) -> None:
    text = say(_commands()["orphans"].help, "th") or ""
    lines = [line.strip() for line in _raw("orphans", "--help", width=width).splitlines()]
    start = next(i for i, line in enumerate(lines) if line.replace(BREAK, "").startswith("ตัวกรอง"))
    pos = 0
    for line in lines[start:]:
        if not line:
            break
        at = text.index(line, pos)
        end = at + len(line)
        assert end == len(text) or text[end] in (" ", BREAK) or line.endswith(BREAK), (width, line)
        pos = end


def test_command_help_is_thai_by_default() -> None:
    out = _help("orphans", "--help")
    assert "โครงการที่ไม่ถึงยุทธศาสตร์ชาติ (GK101, GK201) พร้อมงบประมาณที่เสี่ยง" in out
    assert "ตัวเลือก:" in out and "รูปแบบผลลัพธ์" in out and "[ค่าเริ่มต้น: table]" in out
    assert "แสดงวิธีใช้นี้แล้วออก" in out
    assert "Output format" not in out and "Options:" not in out


def test_command_help_is_english_with_lang_en() -> None:
    out = _help("orphans", "--help", "--lang", "en")
    assert "Projects that do not reach the national strategy" in out and "Output format;" in out
    assert "Options:" in out and "Show this message and exit." in out
    assert "ตัวเลือก" not in out and "รูปแบบผลลัพธ์" not in out


def test_a_thai_help_page_leaves_the_commands_english_help_in_place() -> None:
    _help("check", "--help")
    check = _commands()["check"]
    assert check.help and check.help.startswith("Run the checks")
    fmt = next(p for p in check.params if p.name == "fmt")
    assert fmt.help == FORMAT_HELP


def test_the_group_help_lists_commands_in_thai_and_english() -> None:
    th = _help("--help")
    assert "คำสั่ง:" in th and "ตรวจชุดข้อมูล BUNDLE" in th and "graphkpi — งานของรัฐสอดคล้องกับแผนหรือไม่" in th
    en = _help("--lang", "en", "--help")
    assert "Commands:" in en and "Run the checks on BUNDLE" in en


def test_a_no_rewrap_paragraph_keeps_its_lines_in_thai() -> None:
    out = _help("reach", "--help")
    assert "\n  --format csv: หนึ่งแถวต่อโครงการ" in out


def test_the_groups_lang_is_every_commands_default() -> None:
    out = _help("--lang", "en", "orphans", str(SAMPLE))
    assert "fiscal year" in out and "ปีงบประมาณ" not in out
    # the command's own --lang wins
    assert "ปีงบประมาณ" in _help("--lang", "en", "orphans", str(SAMPLE), "--lang", "th")


@pytest.mark.parametrize(("env", "word"), [({}, "ตัวเลือก:"), ({"GRAPHKPI_LANG": "en"}, "Options:")])
def test_help_through_a_real_process(env: dict[str, str], word: str) -> None:
    run_env = {k: v for k, v in os.environ.items() if k != "GRAPHKPI_LANG"} | env
    out = subprocess.run([sys.executable, "-m", "graphkpi", "stats", "--help"], capture_output=True, text=True,
                         env=run_env, check=True).stdout
    assert word in out


def test_a_thai_summary_is_cut_by_columns_at_a_word() -> None:
    text = say("Projects that do not reach the national strategy (GK101, GK201), with budget at risk.", "th") or ""
    assert columns("ที่") == 1 and columns("ทำ" + BREAK) == 2   # a vowel mark and a break mark take none
    cut = shorten(text, 30)
    assert cut.endswith("...") and columns(cut) <= 30
    assert text.startswith(cut[:-3]) and text[len(cut) - 3] in (" ", BREAK)   # cut between words
    assert shorten("สั้น", 30) == "สั้น"


@pytest.mark.parametrize("width", [60, 80, 100])
def test_the_thai_command_list_fills_its_lines_and_never_overruns(width: int) -> None:
    lines = _raw("--help", width=width).split("คำสั่ง:")[1].strip("\n").splitlines()
    assert len(lines) == len(COMMANDS)   # one line each: a summary never wraps
    assert all(columns(line) <= width for line in lines), lines
    # cut by columns, not characters: most summaries use more than half the line
    assert sum(columns(line) > width * 0.75 for line in lines) > len(lines) / 2
