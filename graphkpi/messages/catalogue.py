"""Every user-facing text, by key, in Thai and English, filled strictly.

The texts live in the JSON files beside this module, one per area: ``ui`` (labels and notes),
``load`` (bad-input problems), ``backend`` (backend errors) and ``findings`` (each code's
documentation and message, read by :func:`graphkpi.checks.registry.catalog`). A message is an
object ``{"th": ..., "en": ...}``; its key is the file name and the path to it, e.g.
``ui.total``, ``load.bad_year``, ``findings.GK101.message``. ``help.json`` beside them is not part of the
catalogue: it translates help pages paragraph by paragraph (``graphkpi/cli/helptext.py``).

Why strict: a missing key used to print itself, and a placeholder left unfilled an empty string,
so a typo reached Thai auditors as ``report_summry`` or a sentence with a hole in it. Here both
raise.

English counts agree with their number: ``{n:~project|projects}`` in a template is the first form
when ``n`` is 1, else the second (Thai has no plural and never needs it). So ``{n} {n:~project|projects}``
says "1 project" and "2 projects".

JSON rather than TOML because the CLI must start at once: the four files parse in well
under a millisecond, tomllib takes about 60 ms for the same text, and nothing is read until a
message is first needed.
"""

from __future__ import annotations

import functools
import json
import os
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import cache
from string import Formatter
from typing import Any

LANGS = ("th", "en")
FILES = ("ui", "load", "backend", "findings")
_HERE = os.path.dirname(__file__)


class MessageError(LookupError):
    """A message cannot be said: its key is unknown, a language lacks it, or a placeholder is unfilled."""


class MissingMessage(MessageError):
    """No message has this key (or this language)."""


class UnfilledPlaceholder(MessageError):
    """The call did not give a value for every placeholder of the message."""


@dataclass(frozen=True)
class Msg:
    """A message to be said later in the reader's language: a key and its parameters.

    Used where the language is not known yet (an exception raised deep in a backend), and as a
    parameter of another message (``backend.occupied`` says *what* occupies the database).
    """

    key: str
    params: tuple[tuple[str, Any], ...] = ()

    @classmethod
    def of(cls, key: str, **params: Any) -> Msg:
        return cls(key, tuple(params.items()))

    def text(self, lang: str = "th") -> str:
        return say(self.key, lang, **dict(self.params))

    def __str__(self) -> str:
        """The message itself where Python shows an exception raised with it (a notebook, a traceback)."""
        return self.text(reading_lang())


def reading_lang() -> str:
    """The language of text said outside a command (an exception's message in a notebook):
    ``GRAPHKPI_LANG``'s, Thai by default, as the command line says it."""
    lang = os.environ.get("GRAPHKPI_LANG", "th")
    return lang if lang in LANGS else "th"


@cache
def data(name: str) -> dict[str, Any]:
    """The parsed JSON of one file (``ui``, ``load``, ``backend``, ``findings``), read once."""
    if name not in FILES:
        raise MissingMessage(f"no message file {name!r}")
    with open(os.path.join(_HERE, f"{name}.json"), encoding="utf-8") as fh:
        return json.load(fh)


def _flatten(prefix: str, node: Any, out: dict[str, dict[str, str]]) -> None:
    """Collect every ``{"th", "en"}`` object under ``node``; one language without the other is an error."""
    if not isinstance(node, dict):
        return
    langs = set(LANGS) & node.keys()
    if langs:
        if langs != set(LANGS) or not all(isinstance(node[lang], str) for lang in LANGS):
            raise MissingMessage(f"{prefix}: a message needs text in both {' and '.join(LANGS)}")
        out[prefix] = {lang: node[lang] for lang in LANGS}
        return
    for key, value in node.items():
        _flatten(f"{prefix}.{key}", value, out)


@cache
def messages() -> dict[str, dict[str, str]]:
    """Every message of every file: key → language → template."""
    out: dict[str, dict[str, str]] = {}
    for name in FILES:
        _flatten(name, data(name), out)
    return out


def template(key: str, lang: str = "th") -> str:
    """The unfilled text of ``key`` in ``lang``; raises :class:`MissingMessage` when there is none."""
    try:
        return messages()[key][lang]
    except KeyError:
        raise MissingMessage(f"no message {key!r} in language {lang!r}") from None


@cache
def placeholders(text: str) -> frozenset[str]:
    """The names a template's ``{...}`` fields need (``{depth:,}`` needs ``depth``)."""
    return frozenset(name.split(".", 1)[0].split("[", 1)[0]
                     for _, name, _, _ in Formatter().parse(text) if name is not None)


PLURAL = ":~"   # a field whose format spec starts with ``~`` picks a form by its number


class _Plurals(Formatter):
    """``str.format_map`` that also reads ``{n:~one|many}``: ``one`` when ``n`` is 1 (or the text "1")."""

    def format_field(self, value: Any, format_spec: str) -> Any:
        if format_spec.startswith("~"):
            one, _, many = format_spec[1:].partition("|")
            return one if value == 1 or (isinstance(value, str) and value.strip() == "1") else many
        return super().format_field(value, format_spec)


_PLURALS = _Plurals()


def formatter(text: str) -> Callable[..., str]:
    """``text.format``, reading plural forms when the template has some: for a template filled
    many times in a loop, without :func:`fill`'s checks on each call."""
    return functools.partial(_PLURALS.format, text) if PLURAL in text else text.format


def fill(key: str, text: str, params: Mapping[str, Any], lang: str) -> str:
    """``text`` with its placeholders filled from ``params``; every one must be given.

    A :class:`Msg` parameter is said in the same language. Extra parameters are ignored: one
    set of facts serves every message of a family (a finding's details fill its message).
    """
    need = placeholders(text)
    if not need and "{" not in text and "}" not in text:
        return text  # most labels: nothing to fill, nothing to unescape
    if not params.keys() >= need:
        missing = need - params.keys()
        raise UnfilledPlaceholder(f"{key} ({lang}) needs {', '.join(sorted(missing))}")
    for value in params.values():  # a plain loop: this runs once per finding shown
        if isinstance(value, Msg):
            params = {k: v.text(lang) if isinstance(v, Msg) else v for k, v in params.items()}
            break
    return _PLURALS.vformat(text, (), params) if PLURAL in text else text.format_map(params)


def say(key: str, lang: str = "th", /, **params: Any) -> str:
    """The message ``key`` in ``lang`` with its placeholders filled; raises :class:`MessageError`."""
    return fill(key, template(key, lang), params, lang)
