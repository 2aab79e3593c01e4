"""The contract's JSON of findings, written without building dicts, is ``json.dumps`` of each finding's dict."""

from __future__ import annotations

import json

import pytest

from graphkpi.backends.networkx import NetworkXBackend
from graphkpi.checks.registry import check_codes, finding
from graphkpi.checks.run import run_codes
from graphkpi.load import load_bundle
from graphkpi.render import findings as fr
from tests.conftest import SAMPLE


def _dumped(f, fx, lang: str) -> str:
    return json.dumps(fr.as_dict(f, fx, lang), ensure_ascii=False, default=fr._json_default)


@pytest.fixture(scope="module")
def sample():
    g = load_bundle(SAMPLE)
    return NetworkXBackend(g), run_codes(g, check_codes())


@pytest.mark.parametrize("lang", ["th", "en"])
@pytest.mark.parametrize("be", [None, False, True])
def test_every_sample_finding_is_its_dict_dumped(sample, lang, be):
    backend, found = sample
    assert len({f.code for f in found}) >= 15   # most codes, each form the sample has
    fx = fr.facts(found, backend, lang, be)
    assert list(fr.json_objects(found, fx, lang)) == [_dumped(f, fx, lang) for f in found]


def test_forms_change_within_a_run_of_one_code(sample):
    """A code's findings alternate between forms (alone / related, a variant / none): each
    line takes its own, not the previous finding's."""
    backend, _ = sample
    found = [finding("GK405", "K-1", ["A", "B"], shared=True), finding("GK405", "K-2", []),
             finding("GK405", "K-3", ["C"]), finding("GK001", "P-1", ["X"], via="links", missing="X"),
             finding("GK001", "P-2", ["Y"], via="links", missing="Y", did_you_mean="Z")]
    for lang in ("th", "en"):
        fx = fr.facts(found, backend, lang, None)
        lines = list(fr.json_objects(found, fx, lang))
        assert lines == [_dumped(f, fx, lang) for f in found]
        assert len({json.loads(line)["message"] for line in lines[:3]}) == 3


def test_a_reference_about_itself_is_worded_so(sample):
    """leads.csv naming a missing element: subject and related are that element, and "030299 refers
    to 030299" read as nonsense, with a did-you-mean too. Near misses: another related id keeps the
    plain form, with or without a did-you-mean."""
    backend, _ = sample
    found = [finding("GK001", "E9", ["E9"], via="leads.element", missing="E9"),
             finding("GK001", "P-1", ["E9"], via="projects.links", missing="E9"),
             finding("GK001", "E8", ["E8"], via="leads.element", missing="E8", did_you_mean="0E8"),
             finding("GK001", "P-2", ["E8"], via="projects.links", missing="E8", did_you_mean="0E8")]
    fx = fr.facts(found, backend, "en", None)
    lines = list(fr.json_objects(found, fx, "en"))
    assert lines == [_dumped(f, fx, "en") for f in found]
    assert [json.loads(line)["message"] for line in lines] == [
        "E9 does not exist, yet leads.element names it", "P-1 refers to E9, which does not exist (projects.links)",
        "E8 does not exist, yet leads.element names it; did you mean 0E8?",
        "P-2 refers to E8, which does not exist (projects.links); did you mean 0E8?"]


def test_a_missing_placeholder_is_an_error_not_an_empty_text(sample):
    backend, _ = sample
    bad = [finding("GK001", "P-1", ["X"], missing="X")]   # no ``via``: its message needs it
    with pytest.raises(fr.UnfilledPlaceholder):
        list(fr.json_objects(bad, fr.facts(bad, backend, "th", None), "th"))


# A KPI may share its id with an element (a KPI coded like its sub-target) or a reference area (R1,
# the North): its findings are named by the KPI's own name. K9 shares no id (the near miss).
SHARED_IDS = {
    "elements.csv": "id,level,name,parents\nZ1,strategy,ยุทธศาสตร์,\nMP1,master_plan,แผนแม่บท,Z1\n"
                    "SP1,sub_plan,แผนย่อย,MP1\nST1,sub_target,เป้าหมายย่อย,SP1\n",
    "agencies.csv": "id,name,ministry\nM1,กระทรวงหนึ่ง,\nA1,กรมหนึ่ง,M1\n",
    "projects.csv": "id,name,agency,fiscal_year,links\nP1,โครงการหนึ่ง,A1,2567,ST1\n",
    "kpis.csv": "id,name,element,target,plan_target,direction\nST1,ตัวชี้วัดของเรา,ST1,1,2,up\n"
                "R1,ตัวชี้วัดอาร์หนึ่ง,ST1,1,2,up\nK9,ตัวชี้วัดเก้า,ST1,1,2,up\n",
}


def test_a_kpi_sharing_its_id_with_an_element_or_area_is_named_as_the_kpi(tmp_path) -> None:
    from tests.conftest import write_bundle

    b = NetworkXBackend(load_bundle(write_bundle(tmp_path, SHARED_IDS)))
    found = b.findings(["GK501"])
    doc = json.loads(fr.to_json(found, b, ["GK501"], "x", "en"))
    assert {f["subject"]: f["message"].split(" targets")[0] for f in doc["findings"]} == {
        "K9": "KPI K9 (ตัวชี้วัดเก้า)", "R1": "KPI R1 (ตัวชี้วัดอาร์หนึ่ง)", "ST1": "KPI ST1 (ตัวชี้วัดของเรา)"}
    assert b.names(["ST1"]) == {"ST1": "เป้าหมายย่อย"}   # without a kind, an element's name still wins


def test_a_level_written_by_its_thai_name_or_in_other_case_names_its_key(tmp_path) -> None:
    """GK002 said only "not in profile th-xyz" of เป้าหมายแผนแม่บทย่อย, the level table's own Thai
    name for sub_target; a level no name answers to (galaxy) gets no guess (the near miss)."""
    from tests.conftest import write_bundle

    files = {"elements.csv": "id,level,name,parents\nZ1,strategy,ยุทธ,\nMPX,master_plan,แผน,Z1\n"
                             "SPX,sub_plan,ย่อย,MPX\nT1,เป้าหมายแผนแม่บทย่อย,เป้า,SPX\nT2,Sub_Target,เป้า2,SPX\n"
                             "T3,galaxy,x,SPX\n",
             "agencies.csv": "id,name,ministry\nM1,ก,\n", "projects.csv": "id,name,agency,fiscal_year,links\n"}
    b = NetworkXBackend(load_bundle(write_bundle(tmp_path, files)))
    doc = json.loads(fr.to_json(b.findings(["GK002"]), b, ["GK002"], "x", "en"))
    hint = " (did you mean sub_target? the level column takes the profile's level keys)"
    assert {f["subject"]: f["message"].endswith(hint) for f in doc["findings"]} == {"T1": True, "T2": True,
                                                                                     "T3": False}
    assert all(set(f["details"]) == {"level", "profile"} for f in doc["findings"])   # the contract's details


@pytest.mark.parametrize("fmt", ["json", "csv"])
def test_blocks_made_beside_the_checks_are_the_document_s_own(sample, fmt):
    """Blocks made of some codes' findings apart, as a child process makes those of its checks,
    give the document rendering makes of all: each line depends on its finding alone. Codes
    without a block (made after the checks, like GK901) are rendered then; a block that covers
    fewer findings than the list holds of its code (a screen hid some) is not used."""
    from itertools import groupby

    backend, found = sample
    make = fr.finding_texts(fmt, backend, "en", True)
    whole = fr.render_findings(fmt, found, backend, check_codes(), "b", "en", True)
    groups = [list(g) for _, g in groupby(found, key=lambda f: f.code)]
    assert len(groups) > 3
    ready = {g[0].code: (len(g), text) for g, text in zip(groups[:-2], make(groups[:-2]), strict=True)}
    assert fr.render_findings(fmt, found, backend, check_codes(), "b", "en", True, ready=ready) == whole
    wrong = {code: (n, b"x") for code, (n, _) in ready.items()}   # near miss: the ready blocks are what is written
    assert fr.render_findings(fmt, found, backend, check_codes(), "b", "en", True, ready=wrong) != whole
    stale = {code: (n + 1, b"x") for code, (n, _) in ready.items()}   # made of more findings than are shown
    assert fr.render_findings(fmt, found, backend, check_codes(), "b", "en", True, ready=stale) == whole
    assert fr.finding_texts("table", backend, "en", True) is None


@pytest.mark.parametrize("piece", [1, 2, 7])
def test_a_block_made_a_piece_at_a_time_is_the_block_made_at_once(sample, monkeypatch, piece):
    """A code's lines joined, escaped and encoded a few findings at a time (10⁵ findings at once
    held their text three times over) are the bytes of the whole block made at once, control
    and bidi characters escaped across the pieces' seams too."""
    backend, found = sample
    fx = fr.facts(found, backend, "th")
    planted = [finding("GK001", "P\u202e1", ["E\x7f"], via="projects.links", missing="E\x7f"),
               finding("GK001", "P2", ["E\u200b2"], via="projects.links", missing="E\u200b2")]
    for group in ([f for f in found if f.code == found[0].code], planted):
        whole = fr.json_safe("  " + ",\n  ".join(fr.json_objects(group, fx, "th"))).encode("utf-8")
        monkeypatch.setattr(fr, "PIECE", piece)
        assert fr._json_block(group, fx, "th") == whole
        monkeypatch.undo()
    assert b"\\u202e" in fr._json_block(planted, fx, "th")


@pytest.mark.parametrize(("value", "shown"), [
    (["Y1", "Y2"], "Y1, Y2"), ((), ""), (["Y1", 2.0, 3], "Y1, 2, 3"), ([["a", "b"], "c"], "a, b, c"),
    ([{"ministry": "M1"}, "c"], "M1, c"), (2.5, "2.5"), (4.0, "4"), ("x", "x")])
def test_a_detail_in_a_message_reads_as_plain_text(value, shown) -> None:
    """A list of ids is joined as written; a list holding numbers or lists (the near misses) shows each
    item as it would alone: a whole float without its .0, a list's items in turn."""
    assert fr._plain(value) == shown


@pytest.mark.parametrize("lang", ["th", "en"])
def test_facts_for_messages_only_name_the_subjects_of_the_codes_whose_messages_name_them(sample, lang):
    """Facts for messages alone (JSON, CSV, tables) fetch no name a message cannot show (GK204
    names a project's places, not the project), and every message reads as with every name."""
    backend, found = sample
    asked: list[str] = []

    class Counting:
        profile, levels = backend.profile, backend.levels
        years_given_be = getattr(backend, "years_given_be", False)

        def names(self, ids, lang="th", kind=None):
            ids = list(ids)
            asked.extend(ids)
            return backend.names(ids, lang, kind)

    every = fr.facts(found, backend, lang)
    some = fr.facts(found, Counting(), lang, messages_only=True)
    assert [fr.message(f, some, lang) for f in found] == [fr.message(f, every, lang) for f in found]
    silent = {f.code for f in found} - {f.code for f in found if fr._may_show(f.code, lang, "name")}
    assert silent, "the sample has codes whose messages name no subject"
    unnamed = {f.subject for f in found if f.code in silent} - {f.subject for f in found if f.code not in silent}
    assert unnamed and not unnamed & set(asked)
