"""``graphkpi suggest``'s renderer: the JSON writer gives exactly ``json.dumps(indent=2)``'s text, and
the ``why`` sentences read the evidence columns as the message catalogue says."""

from __future__ import annotations

import json

import pandas as pd
import pytest

from graphkpi.analysis.suggest import EVIDENCE_COLUMNS, NO_MATCH, NO_WORDS, Suggestions
from graphkpi.render import frames
from graphkpi.render.findings import document_head
from graphkpi.render.i18n import t
from graphkpi.render.suggest import reason_text, render_suggestions, why_lists


def evidence(**overrides: object) -> dict:
    """One suggestion's evidence row, with nothing but one shared word unless ``overrides`` say so."""
    row = {"project": "P1", "rank": 1, "element": "T1", "level": "sub_target", "score": 0.5, "text": 0.8,
           "colink": 0.0, "area": False, "words": ["สุขภาพ"], "chain_words": [], "agency_hits": 0,
           "agency_total": 0, "ministry_hits": 0, "ministry_total": 0, "place": ""}
    return {**row, **overrides}


def result(rows: list[dict], projects: list[str], reasons: dict[str, str]) -> Suggestions:
    return Suggestions(pd.DataFrame(rows, columns=EVIDENCE_COLUMNS), projects, reasons)


def reference(res: Suggestions, source: str, lang: str) -> str:
    """The document as ``json.dumps(indent=2)`` writes it (what the renderer wrote before its own writer)."""
    items = []
    for p in res.projects:
        mine = res.candidates[res.candidates["project"] == p]
        item: dict = {"project": p, "candidates": [
            {"element": r["element"], "level": r["level"], "score": float(r["score"]), "why": w}
            for r, w in zip(mine.to_dict("records"), why_lists(mine, lang), strict=True)]}
        if p in res.reasons:
            item["reason"] = reason_text(res.reasons[p], lang)
        items.append(item)
    return frames.to_json({**document_head(source), "suggestions": items})


CASES = {
    "nothing asked": result([], [], {}),
    "empty lists with their reasons": result([], ["P1", "P2"], {"P1": NO_WORDS, "P2": NO_MATCH}),
    "one with, one without": result([evidence(), evidence(rank=2, element="T2", score=0.25, words=[],
                                                         chain_words=["ท่องเที่ยว"], agency_hits=2, agency_total=7)],
                                    ["P1", "P0"], {"P0": NO_MATCH}),
    "text that needs escaping": result([evidence(project='P"\\1', element="E\t1", words=['"คำ"', "a\\b", "\x01"],
                                                 score=1.0),
                                        evidence(project='P"\\1', rank=2, element="E2", score=0.001, words=[],
                                                 area=True, place="TH-50", ministry_hits=3, ministry_total=9)],
                                       ['P"\\1'], {}),
    "no evidence sentence": result([evidence(words=[])], ["P1"], {}),
}


@pytest.mark.parametrize("case", CASES)
@pytest.mark.parametrize("lang", ["th", "en"])
def test_json_is_byte_for_byte_what_json_dumps_writes(case: str, lang: str) -> None:
    res = CASES[case]
    got = render_suggestions("json", res, {}, {}, pd.DataFrame(), 'data/"sample"', lang, False)
    assert got == reference(res, 'data/"sample"', lang)
    json.loads(got)


def test_why_names_each_kind_of_evidence_once() -> None:
    rows = pd.DataFrame([
        evidence(words=["ก", "ข"], chain_words=["ค"], agency_hits=2, agency_total=5, ministry_hits=2,
                 ministry_total=9, area=True, place="TH-50"),
        evidence(words=[], agency_hits=0, agency_total=5, ministry_hits=3, ministry_total=9),   # the near-miss
    ], columns=EVIDENCE_COLUMNS)
    first, second = why_lists(rows, "en")
    assert first == [t("suggest.words", "en", words="ก, ข"), t("suggest.chain_words", "en", words="ค"),
                     t("suggest.agency", "en", hits=2, total=5), t("suggest.area", "en", area="TH-50")]
    assert second == [t("suggest.ministry", "en", hits=3, total=9)]   # the ministry alone: it adds to the agency
    assert why_lists(rows, "th")[1] == ["โครงการของกระทรวงเดียวกัน 3 จาก 9 โครงการที่เชื่อมโยงแผน ไปถึงองค์ประกอบนี้"]
