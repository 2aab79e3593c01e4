"""Thai-first labels for everything the CLI prints; English with ``--lang en``.

The labels are the ``ui`` part of the one message catalogue (``graphkpi/messages/ui.json``);
these helpers only name the part, so call sites stay short. An unknown key raises.
"""

from __future__ import annotations

from graphkpi.messages import LANGS, say

__all__ = ["LANGS", "place_label", "severity", "t"]


def t(key: str, lang: str = "th", **fmt: object) -> str:
    """The label ``key`` in ``lang``, its placeholders filled from ``fmt``."""
    return say(f"ui.{key}", lang, **fmt)


def severity(value: str, lang: str = "th") -> str:
    """A severity (error, warning, info) in the user's language."""
    return say(f"ui.severity_{value}", lang)


def place_label(area: str, lang: str = "th") -> str:
    """A project's place for people: ``national`` in the user's language, codes as they are."""
    return t("place_national", lang) if area == "national" else area
