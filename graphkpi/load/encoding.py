"""Decode files exported from Excel without asking the user for the encoding.

Thai spreadsheets arrive as UTF-8, UTF-8 with a BOM, UTF-16 (Excel's "Unicode text") or
Windows Thai (cp874, a superset of TIS-620). A byte-order mark decides; otherwise strict
UTF-8 is tried first (it almost never decodes cp874 Thai by accident), then cp874.
"""

from __future__ import annotations

import codecs

_BOMS = ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))
FALLBACKS = ("utf-8", "cp874")


def detect(data: bytes) -> str:
    """The codec that reads ``data``; raises ``UnicodeDecodeError`` if no candidate fits."""
    for bom, name in _BOMS:
        if data.startswith(bom):
            return name
    error: UnicodeDecodeError | None = None
    for name in FALLBACKS:
        try:
            data.decode(name)
            return name
        except UnicodeDecodeError as exc:
            error = exc
    assert error is not None
    raise error


def decode(data: bytes) -> tuple[str, str]:
    """Return ``(text, encoding)``."""
    name = detect(data)
    return data.decode(name), name


HEAD_BYTES = 64 << 10   # enough for any header row


def first_line(data: bytes) -> str:
    """The first line of ``data`` as text, decoded from its first bytes only (a header is read to
    tell the file's separator before the file is parsed)."""
    head = data[:HEAD_BYTES]
    try:
        name = detect(head)
    except UnicodeDecodeError:   # a cut multi-byte character at the end, or not text at all
        name = "utf-16" if head[:2] in (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE) else "utf-8-sig"
    text = head.decode(name, errors="ignore")
    return text.splitlines()[0] if text else ""
