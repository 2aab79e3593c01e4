"""What screening hid, for people and scripts: the notes under a table, the JSON documents'
``summary`` counts, and ``graphkpi suppressions`` (each entry with what it matched).

An auditor must see what was hidden and why, so every output that hides findings says how
many, and the listing gives each suppression's reason and expiry beside its matches.
"""

from __future__ import annotations

import csv
import io
import json
from datetime import date
from typing import Any

from graphkpi.render.findings import document_head
from graphkpi.render.i18n import t
from graphkpi.render.text import safe_cell, table, truncate
from graphkpi.screen import Screen, Screened
from graphkpi.suppress import status

SHOWN_SUBJECTS = 10    # subjects listed per entry in the table (JSON and CSV list them all)
COLUMNS = ("entry", "line", "code", "subject", "reason", "until", "status", "matched", "subjects")


def notes(screen: Screen, screened: Screened, lang: str) -> str:
    """Lines under a table: how many findings the suppression file and the baseline hid."""
    out = ""
    if screen.suppressions is not None and screened.suppressed is not None:
        out += t("screen_suppressed", lang, file=screen.suppressions.path, n=f"{screened.suppressed:,}") + "\n"
    if screen.baseline is not None and screened.baseline is not None:
        out += t("screen_baseline", lang, file=screen.baseline.path, n=f"{screened.baseline:,}") + "\n"
    return out


def entries(screen: Screen, screened: Screened, be: bool = False) -> list[dict[str, Any]]:
    """One record per suppression: where it is, what it says, and what it matched in this run;
    ``until`` as YYYY-MM-DD with the year in Buddhist Era when ``be``, like every year shown."""
    sf, outcome = screen.suppressions, screened.outcome
    if sf is None or outcome is None:
        return []
    out = []
    for s in sf.entries:
        matched = outcome.subjects(s)
        subjects = sorted(set(matched))
        out.append({"entry": s.index, "line": s.line, "code": s.code, "codes": sorted(s.codes),
                    "subject": s.subject, "reason": s.reason, "until": _day(s.until, be),
                    "status": status(s, outcome, screen.day), "matched": len(matched),
                    "subjects": subjects})
    return out


def _day(d: date | None, be: bool = False) -> str | None:
    if d is None:
        return None
    return f"{d.year + 543}-{d.month:02d}-{d.day:02d}" if be else d.isoformat()


def render_suppressions(fmt: str, screen: Screen, screened: Screened, source: str, lang: str,
                        be: bool = False) -> str:
    """``graphkpi suppressions``: every entry with its status, matches, reason and expiry (``be``:
    expiry years in Buddhist Era)."""
    rows = entries(screen, screened, be)
    path = str(screen.suppressions.path) if screen.suppressions is not None else None
    if fmt == "json":
        return json.dumps({**document_head(source, screened.counts()), "config": path, "today": screen.day.isoformat(),
                           "suppressions": rows}, ensure_ascii=False, indent=2) + "\n"
    if fmt == "csv":
        buf = io.StringIO()
        w = csv.writer(buf, lineterminator="\n")
        w.writerow([safe_cell(c) for c in COLUMNS])
        for r in rows:
            w.writerow([safe_cell(";".join(r[c]) if c == "subjects" else "" if r[c] is None else r[c])
                        for c in COLUMNS])
        return buf.getvalue()
    if path is None:
        return t("suppress_none", lang) + "\n"
    head = t("suppress_heading", lang, file=path, n=f"{len(rows):,}", hidden=f"{screened.suppressed or 0:,}")
    body = table([t(f"suppress_{c}", lang) for c in COLUMNS],
                 [[str(r["entry"]), "" if r["line"] is None else str(r["line"]), r["code"], r["subject"] or "",
                   truncate(r["reason"], 60), r["until"] or "", t(f"suppress_status_{r['status']}", lang),
                   f"{r['matched']:,}", _subjects(r["subjects"])] for r in rows], max_width=60)
    return head + "\n" + body + "\n" + notes(screen, screened, lang)


def _subjects(subjects: list[str]) -> str:
    shown = ", ".join(subjects[:SHOWN_SUBJECTS])
    return shown + (f", … (+{len(subjects) - SHOWN_SUBJECTS:,})" if len(subjects) > SHOWN_SUBJECTS else "")
