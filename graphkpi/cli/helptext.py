"""Command and option help in the user's language, paragraph by paragraph.

Why: ``--help`` was English in a tool whose every other word is Thai first. The English help stays
where it is written, next to each command and option; ``graphkpi/messages/help.json`` holds, for
each paragraph of it, the English text and its Thai translation. As with click's own messages
(``clicktext.py``), the English text is the key: a paragraph is looked up with its whitespace
collapsed, so rewrapping a docstring changes nothing, while rewording it without its translation
is caught by a test (every paragraph of every command's help has an entry, and no entry is stale).
The help of check parameters (``--min-similarity``…) is declared in Thai and English with its
check (``messages/params.py``); its entry here repeats it with break marks, and a test keeps the two
equal.

Thai has no spaces between words, and click wraps at spaces (cutting a longer run mid-word), so
``scripts/thai_breaks.py`` marks the word boundaries of long Thai runs with a zero-width space
(PyThaiNLP's segmenter, at writing time: the help pages do not import it), and click's wrapper is
taught to break there.

The file is not part of the message catalogue: help texts are not format strings (``reach``
quotes JSON with braces) and are never filled.
"""

from __future__ import annotations

import contextlib
import inspect
import json
import os
import re
import textwrap
from collections.abc import Iterator
from functools import cache

import click

from graphkpi.cli.clicktext import current
from graphkpi.render.text import width as columns

FILE = os.path.join(os.path.dirname(os.path.dirname(__file__)), "messages", "help.json")
PARAGRAPH = re.compile(r"\n[ \t]*\n")
NO_REWRAP = "\b"   # click keeps the lines of a paragraph that starts with it
BREAK = "\u200b"   # a place a Thai help line may break (marked by scripts/thai_breaks.py)
LONG_RUN = 12      # a run of text without a space longer than this gets break marks


def key(paragraph: str) -> str:
    """A paragraph as the table looks it up: without click's no-rewrap mark, whitespace collapsed."""
    return " ".join(paragraph.replace(NO_REWRAP, " ").split())


@cache
def entries() -> dict[str, dict[str, str]]:
    """``help.json``: a name → ``{"en": ..., "th": ...}`` per paragraph."""
    with open(FILE, encoding="utf-8") as f:
        return json.load(f)


@cache
def _table(lang: str) -> dict[str, str]:
    return {key(e["en"]): e[lang] for e in entries().values()}


def _split_at_breaks(self: textwrap.TextWrapper, text: str) -> list[str]:
    """textwrap's chunks, cut once more after each break mark (so a line may end there), and never
    inside a hyphenated word: ``--write-baseline`` or ``TH-10`` cut at a hyphen reads as two things."""
    self.break_on_hyphens = False
    chunks = textwrap.TextWrapper._split(self, text)  # type: ignore[attr-defined]
    return chunks if BREAK not in text else [piece for chunk in chunks for piece in _after_breaks(chunk)]


def _after_breaks(chunk: str) -> list[str]:
    parts = chunk.split(BREAK)
    return [p + BREAK for p in parts[:-1]] + ([parts[-1]] if parts[-1] else [])


@cache
def _install_breaks() -> None:
    """Let click's wrapper break lines at break marks (once per process). Its ``_textwrap`` module is
    private: the test that wraps a Thai page at narrow widths fails if click moves it."""
    from click import _textwrap

    _textwrap.TextWrapper._split = _split_at_breaks  # type: ignore[method-assign]


def shorten(text: str, width: int) -> str:
    """``text`` on one line of ``width`` columns, cut at a space or break mark with ``...``
    (click's own cut counts characters, Thai vowel and tone marks among them, so it cut Thai
    summaries at half the line; :func:`graphkpi.render.text.width` counts columns)."""
    text = " ".join(text.split())
    if columns(text) <= width:
        return text
    cut = ""
    for m in re.finditer(f"[ {BREAK}]", text):
        if columns(text[:m.start()]) + 3 > width:
            break
        cut = text[:m.start()]
    return (cut or text[: max(width - 3, 1)]).rstrip(" " + BREAK) + "..."


def paragraphs(text: str) -> Iterator[str]:
    """The paragraphs of a help text (after click's ``\\f`` cut), in order, empty ones left out."""
    for part in PARAGRAPH.split(text.split("\f")[0]):
        if part.strip():
            yield part.strip("\n")


def say(text: str | None, lang: str) -> str | None:
    """``text`` (an English help text) in ``lang``; a paragraph the table lacks stays English."""
    if not text or lang == "en":
        return text
    table = _table(lang)
    out = []
    for p in paragraphs(inspect.cleandoc(text)):
        said = table.get(key(p), p)
        if p.lstrip(" ").startswith(NO_REWRAP) and said is not p:
            said = f"{NO_REWRAP}\n{said}"
        out.append(said)
    return "\n\n".join(out)


@contextlib.contextmanager
def localised(command: click.Command, lang: str, ctx: click.Context) -> Iterator[None]:
    """For the duration of one help page: ``command``'s help, its options' help and the help option
    click makes for it, in ``lang``; the English is put back afterwards.

    Why not once and for all: commands are module-level objects shared by in-process runs (tests,
    notebooks) in either language, and code reading ``command.help`` expects the English it wrote.
    """
    _install_breaks()
    helper = command.get_help_option(ctx)
    objs = [o for o in (command, *command.params, *([helper] if helper else [])) if hasattr(o, "help")]
    saved = [o.help for o in objs]
    try:
        for obj, text in zip(objs, saved, strict=True):
            obj.help = say(text, lang)
        yield
    finally:
        for obj, text in zip(objs, saved, strict=True):
            obj.help = text


def speak_help(command: click.Command) -> click.Command:
    """Make ``command``'s help page speak the language of the run (once per command object)."""
    if "format_help" in command.__dict__:
        return command
    plain = type(command).format_help

    def format_help(ctx: click.Context, formatter: click.HelpFormatter) -> None:
        with localised(command, current(), ctx):
            plain(command, ctx, formatter)

    command.format_help = format_help  # type: ignore[method-assign]
    return command
