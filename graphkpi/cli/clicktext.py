"""click's own messages (usage errors, bad values, help headings) in the user's language.

Why: click writes its messages in English through ``gettext``, so a Thai planner who mistyped an
option got ``Error: No such option`` in the middle of a Thai tool. click looks each text up by its
English original (``_("No such option {name!r}.")``) and fills it afterwards; graphkpi answers
those look-ups from its own catalogue (``ui.click.*``, whose English text *is* click's original),
so the message keeps click's placeholders and exit code 2. The language is chosen once per run
from ``--lang`` on the command line (see :func:`language`), before click parses anything: usage
errors happen before any command sees its options.

A text click adds in a later version and the catalogue does not know stays as click wrote it.
"""

from __future__ import annotations

import contextlib
import importlib
import os
from collections.abc import Iterator, Sequence
from functools import cache
from typing import Any

from graphkpi.messages import LANGS, messages

# The click modules that call gettext; each binds its own ``_`` and ``ngettext`` at import.
CLICK_MODULES = ("click.core", "click.exceptions", "click.types", "click.parser", "click.formatting",
                 "click.decorators", "click.termui", "click.utils")
DEFAULT_LANG = "th"
LANG_ENV = "GRAPHKPI_LANG"   # the language when no --lang is given
_current: list[str] = []   # the language of the run in progress (a stack: runs may nest in tests)


@cache
def _originals() -> dict[str, str]:
    """click's English text → the catalogue key that translates it."""
    return {text["en"]: key for key, text in messages().items() if key.startswith("ui.click.")}


@cache
def _words() -> dict[str, str]:
    """Words click fills into its messages (``integer``, ``File``…) → the catalogue key."""
    return {text["en"]: key for key, text in messages().items() if key.startswith("ui.click_word.")}


class _Template(str):
    """A translated template whose ``format`` also translates the words click fills in
    (``{number_type}`` is ``integer``, ``{name}`` is ``File``: set by click at import, in English)."""

    lang: str = DEFAULT_LANG

    def format(self, *args: Any, **kwargs: Any) -> str:
        words = _words()
        shown = {k: _say(words[v.lower()], self.lang) if isinstance(v, str) and v.lower() in words else v
                 for k, v in kwargs.items()}
        return str.format(self, *args, **shown)


def _say(key: str, lang: str) -> str:
    return messages()[key][lang]


def gettext(message: str) -> str:
    """click's ``_``: ``message`` in the language of the current run (as it is outside a run)."""
    if not _current or _current[-1] == "en":
        return message
    key = _originals().get(message)
    if key is None:
        return message
    out = _Template(_say(key, _current[-1]))
    out.lang = _current[-1]
    return out


def ngettext(singular: str, plural: str, n: int) -> str:
    """click's ``ngettext``: the singular or plural text, translated like :func:`gettext`."""
    return gettext(singular if n == 1 else plural)


@cache
def install() -> None:
    """Route click's look-ups through :func:`gettext` (once per process; English outside a run)."""
    for name in CLICK_MODULES:
        module = importlib.import_module(name)
        if hasattr(module, "_"):
            module._ = gettext  # type: ignore[attr-defined]
        if hasattr(module, "ngettext"):
            module.ngettext = ngettext  # type: ignore[attr-defined]


def language(args: Sequence[str]) -> str:
    """The language a command line asks for: the value of its last ``--lang`` (``--lang en`` or
    ``--lang=en``), else ``GRAPHKPI_LANG``, else Thai; Thai too when the value is not a known language
    (click then says so, in Thai)."""
    lang = os.environ.get(LANG_ENV) or DEFAULT_LANG
    for i, arg in enumerate(args):
        if arg == "--":
            break
        if arg == "--lang" and i + 1 < len(args):
            lang = args[i + 1]
        elif arg.startswith("--lang="):
            lang = arg.partition("=")[2]
    return lang if lang in LANGS else DEFAULT_LANG


def current() -> str:
    """The language of the run in progress (Thai outside a run)."""
    return _current[-1] if _current else DEFAULT_LANG


@contextlib.contextmanager
def speaking(lang: str) -> Iterator[None]:
    """click speaks ``lang`` for the duration of one run."""
    install()
    _current.append(lang)
    try:
        yield
    finally:
        _current.pop()
