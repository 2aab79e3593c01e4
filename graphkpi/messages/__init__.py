"""One catalogue for every text graphkpi shows: labels, findings, load and backend errors.

``say("ui.total", "en")`` → ``"total"``; a missing key or an unfilled placeholder raises
:class:`MessageError`. Loading is lazy and reads only JSON (no pandas), so importing this
package costs nothing at CLI start. Check parameters are declared with their check in
``findings.json`` (:mod:`graphkpi.messages.params`).
"""

from graphkpi.messages.catalogue import (
    LANGS,
    MessageError,
    MissingMessage,
    Msg,
    UnfilledPlaceholder,
    messages,
    placeholders,
    reading_lang,
    say,
    template,
)

__all__ = ["LANGS", "MessageError", "MissingMessage", "Msg", "UnfilledPlaceholder", "messages", "placeholders",
           "reading_lang", "say", "template"]
