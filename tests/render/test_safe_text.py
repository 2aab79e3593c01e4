"""Names with control characters, bidi overrides, formulas or megabytes of text, in every output.

People-facing outputs (terminal text, CSV, HTML, Excel) show such characters visibly; JSON keeps
the exact data but only as escapes; long text is cut where it is shown, whole in JSON and CSV.
"""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
import unicodedata
from pathlib import Path

import pytest
from click.testing import CliRunner

from graphkpi.backends.networkx import NetworkXBackend
from graphkpi.checks.run import run_codes
from graphkpi.cli import main
from graphkpi.load import load_bundle
from graphkpi.render.findings import render_findings
from graphkpi.render.safe import JSON_UNSAFE, SHOWN_LIMIT, json_safe, visible, visible_id, visible_json
from tests.conftest import MINIMAL, SAMPLE

# A name with ESC (repaints a terminal), NUL (Excel refuses it), a bidi override and an isolate.
NASTY = "โครงการ\x1b[31mแดง\x00\u202eกลับ\u2066ด้าน\u2069"
RAW = ("\x1b", "\x00", "\u202e", "\u2066", "\u2069")


def bundle_with(bundle, name: str, ministry: str = "M1") -> Path:
    """P1 linked and P2 an orphan, both named ``name``; the ministry id is ``ministry``."""
    quoted = '"' + name.replace('"', '""') + '"'
    return bundle({
        **MINIMAL,
        "agencies.csv": f"id,name,ministry,kind\n{ministry},กระทรวงหนึ่ง,,ministry\nA1,กรมหนึ่ง,{ministry},department\n",
        "projects.csv": f"id,name,agency,fiscal_year,budget,links\nP1,{quoted},A1,2567,1000,T1\n"
                        f"P2,{quoted},A1,2567,500,\n",
    })


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, list(args))
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    return result.exit_code, result.stdout


def test_visible_marks_what_it_replaces() -> None:
    assert visible("a\x1bb\x00c\u202ed\x7f\x85") == "a\u241bb\u2400c<U+202E>d\u2421<U+0085>"
    assert visible("แถว\tหนึ่ง\nสอง\u200b") == "แถว\tหนึ่ง\nสอง\u200b"  # layout and Thai word breaks stay


def test_json_safe_is_lossless() -> None:
    data = {"name": NASTY + "\u200b\U000e0001\x85\x7f"}
    text = json_safe(json.dumps(data, ensure_ascii=False))
    assert json.loads(text) == data
    assert not any(ch in text for ch in (*RAW, "\u200b", "\U000e0001", "\x85", "\x7f"))
    assert "แดง" in text  # Thai stays readable


def _visible_everywhere(value: object) -> object:
    """``visible`` on every string of nested lists and dicts, keys included: what a view's data must read."""
    if isinstance(value, str):
        return visible(value)
    if isinstance(value, dict):
        return {_visible_everywhere(k): _visible_everywhere(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_visible_everywhere(v) for v in value]
    return value


def test_visible_json_shows_every_string_of_the_data_visibly() -> None:
    """The view's data, escaped on its JSON text, reads as if each string had been made visible:
    every character below U+3000, control escapes json.dumps writes (\\b, \\u001b…) next to
    escaped backslashes (a name holding a backslash then "b" is no control), in keys and values;
    tab and newline stay layout."""
    every = "".join(chr(c) for c in range(0x3000) if not 0xD800 <= c < 0xE000)
    tricky = ["\\b", "\\\b", "a\\u001b", "\\\x1b", "\"\x08\"", "\t\n\r\x0c", "x\u202ey", "\x7f\x85"]
    data = {"nodes": [{"id": s, "label": s + every, "n": 3, "ok": True, "none": None} for s in tricky],
            "\x1bkey\u202e": ["\x00", 1.5, {"\\": "\\\x1b"}]}
    text = visible_json(json.dumps(data, ensure_ascii=False, separators=(",", ":")))
    assert json.loads(text) == _visible_everywhere(data)
    assert "\u202e" not in text and "\x7f" not in text
    plain = {"name": "โครงการ \\ ก", "tab": "a\tb"}   # near-miss: nothing to show, the text is unchanged
    assert visible_json(json.dumps(plain, ensure_ascii=False)) == json.dumps(plain, ensure_ascii=False)


def test_json_escapes_every_format_and_control_character() -> None:
    every = "".join(chr(c) for c in range(0x7F, sys.maxunicode + 1)
                    if unicodedata.category(chr(c)) in ("Cc", "Cf"))
    assert JSON_UNSAFE.sub("", every) == ""


def test_json_safe_escapes_exactly_what_the_one_class_matches() -> None:
    """json_safe splits the class in two for speed (BMP, astral): it must escape the same characters."""
    every = "".join(chr(c) for c in range(0x7F, sys.maxunicode + 1)
                    if unicodedata.category(chr(c)) in ("Cc", "Cf"))
    text = "แดง" + "x".join(every) + "\U0001F600" + "\u0e01"
    assert json_safe(text) == JSON_UNSAFE.sub(lambda m: json.dumps(m.group())[1:-1], text)
    assert json_safe("แดง\U0001F600") == "แดง\U0001F600"  # astral but nothing to escape


def test_json_safe_finds_one_astral_format_character_in_a_long_thai_document() -> None:
    """A document of Thai (two bytes a character in CPython) is not searched for astral
    characters; one astral character anywhere makes it searched again."""
    thai = "โครงการพัฒนา" * 100_000
    assert json_safe(thai) == thai
    assert json_safe(thai + "\U000E0001") == thai + "\\udb40\\udc01"
    assert json_safe("\U000E0001" + thai) == "\\udb40\\udc01" + thai


@pytest.mark.parametrize("command", [["check"], ["orphans"], ["trace", "P1"], ["duplicates"],
                                     ["check", "--format", "csv"], ["orphans", "--format", "csv"]])
def test_terminal_and_csv_show_controls_visibly(bundle, command: list[str]) -> None:
    code, out = run(command[0], str(bundle_with(bundle, NASTY)), *command[1:])
    assert code == 0
    assert not any(ch in out for ch in RAW), command
    if command[0] != "duplicates":
        assert "\u241b[31mแดง\u2400<U+202E>" in out


@pytest.mark.parametrize("command", [["check"], ["orphans"], ["trace", "P1"]])
def test_json_keeps_the_exact_name_as_escapes(bundle, command: list[str]) -> None:
    code, out = run(command[0], str(bundle_with(bundle, NASTY)), *command[1:], "--format", "json")
    assert code == 0
    assert not any(ch in out for ch in RAW)
    assert any(NASTY in s for s in strings(json.loads(out)))  # the data are unchanged


def strings(value: object) -> list[str]:
    """Every string in a parsed JSON document."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        value = list(value.values())
    return [s for v in value for s in strings(v)] if isinstance(value, list) else []


def test_subprocess_terminal_output_has_no_escape_sequences(bundle) -> None:
    proc = subprocess.run([sys.executable, "-m", "graphkpi", "orphans", str(bundle_with(bundle, NASTY))],
                          capture_output=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    assert b"\x1b" not in proc.stdout and "\u202e".encode() not in proc.stdout
    assert b"<U+202E>" in proc.stdout


def test_matrix_csv_headers_are_neutralised(bundle) -> None:
    code, out = run("matrix", str(bundle_with(bundle, "โครงการ", ministry="-MIN")), "--format", "csv")
    assert code == 0
    header = next(csv.reader(io.StringIO(out)))
    assert "'-MIN projects" in header and "'-MIN budget" in header
    assert not any(h.startswith(("=", "+", "-", "@")) for h in header)


def test_xlsx_report_with_nul_and_controls(bundle, tmp_path: Path) -> None:
    from openpyxl import load_workbook

    for kind in ("orphans", "full"):
        out = tmp_path / f"{kind}.xlsx"
        code, _ = run("report", str(bundle_with(bundle, NASTY)), "--kind", kind, "-o", str(out))
        assert code == 0
        texts = [c for ws in load_workbook(out) for row in ws.iter_rows(values_only=True) for c in row
                 if isinstance(c, str)]
        assert not any(ch in s for s in texts for ch in RAW)
        assert any("\u2400<U+202E>กลับ" in s for s in texts)


def test_html_report_shows_controls_and_cuts_long_names(bundle, tmp_path: Path, long_cells) -> None:
    huge = "ก" * 1_000_000
    out = tmp_path / "r.html"
    code, _ = run("report", str(bundle_with(bundle, NASTY + huge)), "-o", str(out), "--lang", "en")
    assert code == 0
    html = out.read_text(encoding="utf-8")
    assert not any(ch in html for ch in RAW)
    assert "&lt;U+202E&gt;" in html  # visible, and escaped like any other text
    assert len(html) < 200_000 and "more characters)" in html
    assert "ก" * (SHOWN_LIMIT + 1) not in html
    csv_out = tmp_path / "r.csv"
    assert run("report", str(bundle_with(bundle, huge)), "-o", str(csv_out))[0] == 0
    assert huge in csv_out.read_text(encoding="utf-8-sig")  # the full text stays in the CSV


def test_xlsx_cell_limit(bundle, tmp_path: Path, long_cells) -> None:
    from openpyxl import load_workbook

    out = tmp_path / "r.xlsx"
    assert run("report", str(bundle_with(bundle, "ข" * 40_000)), "-o", str(out))[0] == 0
    longest = max((c for ws in load_workbook(out) for row in ws.iter_rows(values_only=True) for c in row
                   if isinstance(c, str)), key=len)
    assert 32_000 < len(longest) <= 32_767  # Excel's own limit…
    assert longest.endswith("… (ตัดออก 7,273 ตัวอักษร)")  # …saying how much was cut, not silently


def test_view_data_shows_controls_and_cuts_tooltips(bundle, tmp_path: Path, long_cells) -> None:
    out = tmp_path / "v.html"
    code, _ = run("view", str(bundle_with(bundle, NASTY + "ค" * 100_000)), "--focus", "P1", "-o", str(out))
    assert code == 0
    html = out.read_text(encoding="utf-8")
    assert not any(ch in html for ch in RAW)
    assert "ค" * (SHOWN_LIMIT + 1) not in html and len(html) < 2_000_000



@pytest.mark.parametrize("column", [
    ["P-1", "=HYPERLINK(\"x\")", "+1", "-2", "@SUM(A1)", "\tx", "", "โครงการ", "a\nb"],   # formulas only
    ["P-1", "ok\x1b[31m", "=1+1", "x\u202eevil", "", "a\nb"],                            # one to show
    ["\r=1"],
    ["ok", "x\n=1"],                                   # a line inside a cell starts like a formula: not the cell
    ["=1"], ["a", "b"], ["ก", "-"],
    [],
])
def test_a_column_of_cells_is_made_safe_as_each_cell_is(column: list[str]) -> None:
    from graphkpi.render.text import safe_cell, safe_cells

    assert safe_cells(column) == [safe_cell(v) for v in column]


def test_an_id_shows_its_invisible_characters_a_name_keeps_them() -> None:
    """GK005's subject: a zero-width space in an id is why it matches nothing, so its cell shows it;
    Thai names use the same character to mark word breaks, and ``visible`` leaves it (near miss)."""
    assert visible_id("P-\u200b0001\ufeff") == "P-<U+200B>0001<U+FEFF>"
    assert visible_id("P-1\u202e\x1b") == "P-1<U+202E>␛"      # bidi and controls as visible() shows them
    assert visible("โครงการ\u200bถนน") == "โครงการ\u200bถนน"
    g = load_bundle(SAMPLE)
    table = render_findings("table", run_codes(g, ["GK005"]), NetworkXBackend(g), ["GK005"], "s", "en", False)
    assert "\nP-<U+200B>000360  " in table


def test_a_name_with_a_line_break_or_tab_stays_on_its_line(tmp_path: Path) -> None:
    """A table row, a trace line, a reach heading: one line each, whatever the name holds (a CR
    was shown, but a LF split the row in two and a tab shifted the columns)."""
    from tests.conftest import write_bundle

    files = dict(MINIMAL)
    files["elements.csv"] = files["elements.csv"].replace("T1,sub_target,เป้าหมาย,", 'T1,sub_target,"เป้า\tหมาย",')
    files["projects.csv"] = ('id,name,agency,fiscal_year,budget,links\n'
                             'P1,"โครงการ\r\nสองบรรทัด",A1,2567,"1,000",T1\nP2,"โครงการสอง",A1,2567,5,\n')
    bundle = str(write_bundle(tmp_path, files))
    runner = CliRunner()
    trace = runner.invoke(main, ["trace", bundle, "P1"]).stdout
    assert trace.splitlines()[0] == "P1 [โครงการ] โครงการ␍␊สองบรรทัด" and "T1 [เป้าหมายแผนแม่บทย่อย] เป้า␉หมาย" in trace
    reach = runner.invoke(main, ["reach", "T1", bundle, "--lang", "en"]).stdout.splitlines()
    assert reach[0].endswith("เป้า␉หมาย") and reach[3].startswith("P1 ") and "␍␊สองบรรทัด" in reach[3]
    assert reach[4] == ""   # the next line is the blank one after the table, not the name's second half
    check = runner.invoke(main, ["check", bundle, "--select", "GK101"]).stdout   # near miss: an ordinary name
    assert "P2  " in check and "โครงการสอง" in check and "␊" not in check
