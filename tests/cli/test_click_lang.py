"""click's own usage errors speak the user's language: Thai by default, English with ``--lang en``,
exit code 2 either way (``graphkpi/cli/clicktext.py``)."""

from __future__ import annotations

import subprocess
import sys

import pytest
from click.testing import CliRunner

from graphkpi.cli import main
from graphkpi.cli.clicktext import language
from graphkpi.messages import messages
from tests.conftest import SAMPLE

# (arguments, what the Thai message says, what the English one says): one case per kind of usage error
CASES = [
    pytest.param(["report"], "ขาดอาร์กิวเมนต์ 'BUNDLE'", "Missing argument 'BUNDLE'", id="missing-argument"),
    pytest.param(["check", str(SAMPLE), "--selct", "GK1"], "ไม่มีตัวเลือก '--selct'",
                 "No such option '--selct'", id="no-such-option"),
    pytest.param(["chek"], "ไม่มีคำสั่ง 'chek'", "No such command 'chek'", id="no-such-command"),
    pytest.param(["check", str(SAMPLE), "--format", "xml"], "'xml' ไม่ใช่ค่าใดใน 'table', 'json', 'csv'",
                 "'xml' is not one of 'table', 'json', 'csv'", id="invalid-choice"),
    pytest.param(["check", str(SAMPLE), "-o", str(SAMPLE)], "ไฟล์ '" + str(SAMPLE) + "' เป็นโฟลเดอร์",
                 "File '" + str(SAMPLE) + "' is a directory", id="bad-path"),
    pytest.param(["generate", "out", "--projects", "many"], "'many' ไม่ใช่จำนวนเต็ม",
                 "'many' is not a valid integer", id="bad-int"),
    pytest.param(["check", str(SAMPLE), "--select", "ZZ"], "ไม่มีการตรวจใดตรงกับ 'ZZ'",
                 "no check matches 'ZZ'", id="graphkpi-usage"),
]


def _run(args: list[str]) -> tuple[int, str]:
    result = CliRunner().invoke(main, args)
    return result.exit_code, result.stderr


@pytest.mark.parametrize(("args", "thai", "english"), CASES)
def test_usage_errors_are_thai_by_default(args: list[str], thai: str, english: str) -> None:
    code, err = _run(args)
    assert code == 2, err
    assert thai in err and "ข้อผิดพลาด:" in err and "วิธีใช้:" in err, err
    assert english not in err and "Error:" not in err


@pytest.mark.parametrize(("args", "thai", "english"), CASES)
def test_usage_errors_are_english_with_lang_en(args: list[str], thai: str, english: str) -> None:
    for lang in (["--lang", "en"], ["--lang=en"]):
        code, err = _run([*args, *lang])
        assert code == 2, err
        assert english in err and "Error:" in err and thai not in err, err


def test_no_such_option_keeps_its_suggestion() -> None:
    _, err = _run(["check", str(SAMPLE), "--selct", "GK1"])
    assert "'--select'" in err and "หมายถึง" in err


def test_english_runs_leave_click_as_it_was() -> None:
    """A Thai run does not leak into the next run, nor into click outside graphkpi."""
    _run(["chek"])
    import click

    assert click.exceptions._("No such command {name!r}.") == "No such command {name!r}."


def test_the_language_comes_from_the_last_lang_before_a_double_dash() -> None:
    assert language(["check", "--lang", "en"]) == "en"
    assert language(["check", "--lang=en", "--lang", "th"]) == "th"
    assert language(["check", "--lang", "xx"]) == "th"        # click then refuses xx, in Thai
    assert language(["check", "--", "--lang", "en"]) == "th"
    assert language([]) == "th"


def test_every_click_text_has_a_thai_translation() -> None:
    """The English side of each ``ui.click`` entry is click's own text: a Thai text equal to it
    would mean the entry was never translated."""
    click_texts = {k: v for k, v in messages().items() if k.startswith(("ui.click.", "ui.click_word."))}
    assert len(click_texts) > 30
    assert all(v["th"] != v["en"] for v in click_texts.values())


def test_a_real_subprocess_prints_thai_usage_errors_and_exits_2() -> None:
    proc = subprocess.run([sys.executable, "-m", "graphkpi", "check", str(SAMPLE), "--format", "xml"],
                          capture_output=True, text=True, encoding="utf-8", timeout=120)
    assert proc.returncode == 2
    assert "ข้อผิดพลาด: ค่าของ '--format' ไม่ถูกต้อง: 'xml' ไม่ใช่ค่าใดใน" in proc.stderr, proc.stderr
    proc = subprocess.run([sys.executable, "-m", "graphkpi", "check", "--nope", "--lang", "en"],
                          capture_output=True, text=True, encoding="utf-8", timeout=120)
    assert proc.returncode == 2 and "Error: No such option '--nope'" in proc.stderr, proc.stderr
