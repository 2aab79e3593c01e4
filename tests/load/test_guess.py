"""GK001's did-you-mean: ids Excel stripped of their zeros, places run together, misspelt or
comma-separated; and `validate`'s one line naming the column Excel converted."""

from __future__ import annotations

import pandas as pd
from click.testing import CliRunner

from graphkpi import reference
from graphkpi.checks.structure import unknown_reference
from graphkpi.cli import main
from graphkpi.load import load_bundle
from graphkpi.load.guess import agencies_named, lost_zeros, padded, places
from graphkpi.load.places import area_lookup
from tests.conftest import MINIMAL


def test_padded_finds_the_id_with_its_leading_zeros() -> None:
    pool = pd.Index(["050602", "0050602", "50", "A0506", "130201"])
    assert padded(["50602", "50602.0", "130201", "7", "A506", ""], pool) == {"50602": "050602", "50602.0": "050602"}
    assert padded(["X1"], pool) == {}


def test_lost_zeros_is_only_the_padding() -> None:
    assert lost_zeros("50602", "050602") and lost_zeros("50602.0", "050602")
    assert not lost_zeros("Chiangmai", "Chiang Mai") and not lost_zeros("50602", "50602")
    assert not lost_zeros("50602", "150602")


def test_places_are_guessed_only_when_one_reading_is_clear() -> None:
    areas = reference.areas()
    got = places(["Chiangmai", "chiang-mai", "Chaing Mai", "เชียงใหม่, ลำพูน", "TH50", "Nowhere",
                  "เชียงใหม่, Nowhere", "Lamphun,", "nation wide"], area_lookup(areas), areas)
    assert got == {"Chiangmai": "Chiang Mai", "chiang-mai": "Chiang Mai", "Chaing Mai": "Chiang Mai",
                   "เชียงใหม่, ลำพูน": "เชียงใหม่; ลำพูน", "TH50": "Chiang Mai", "nation wide": "national"}


def test_an_agency_written_by_its_abbreviation_or_name_is_guessed() -> None:
    agencies = pd.DataFrame({"name": ["กรมการข้าว", "กระทรวงเกษตรฯ"], "name_en": ["Rice Department", ""],
                             "abbr": ["กข.", "กษ."]}, index=["กษ10", "กษ"])
    got = agencies_named(["กข", "กข.", "rice department", "กรมการข้าว", "กษ", "กรมข้าว", "กษ10"], agencies)
    # near misses: an id itself (not missing), a name off by a word: no guess
    assert got == {"กข": "กษ10", "กข.": "กษ10", "rice department": "กษ10", "กรมการข้าว": "กษ10"}


def test_no_suggestion_no_did_you_mean_key(bundle) -> None:
    """A version-1 finding keeps its details exactly: the key exists only with a suggestion."""
    path = bundle({**MINIMAL, "projects.csv": "id,name,agency,fiscal_year,links,provinces\nP1,x,A1,2567,X9,Atlantis\n"})
    found = list(unknown_reference(load_bundle(path)))
    assert [sorted(f.details) for f in found] == [["missing", "via"], ["missing", "via"]]


EXCEL = {**MINIMAL,
         "elements.csv": "id,level,name,parents\nZ1,strategy,ยุทธศาสตร์,\nMPX,master_plan,แผนแม่บท,Z1\n"
                         "SPX,sub_plan,แผนย่อย,MPX\n050602,sub_target,เป้าหมาย,SPX\n050603,sub_target,เป้าหมาย,SPX\n",
         "projects.csv": "id,name,agency,fiscal_year,links\nP1,x,A1,2567,50602\nP2,y,A1,2567,50603\nP3,z,A1,2567,9\n"}


def test_validate_names_the_column_excel_converted(bundle) -> None:
    result = CliRunner().invoke(main, ["validate", str(bundle(EXCEL)), "--lang", "en", "-q"])
    assert result.exit_code == 1, result.output   # GK001 is an error
    lines = [line for line in result.stdout.splitlines() if "Excel" in line]
    assert lines == ["  ⚠ projects.csv column 'links' looks converted by Excel: 2 ids do not exist, but the same "
                     "digits with leading zeros do (e.g. 50602 → 050602); format the column as Text and save again"]
    assert "did you mean 050602?" in result.stdout and "refers to 9, which does not exist (projects.links)\n" in \
        result.stdout
    thai = CliRunner().invoke(main, ["validate", str(bundle(EXCEL)), "-q"])
    assert "projects.csv คอลัมน์ 'links' ดูเหมือนถูก Excel แปลงรหัสเป็นตัวเลข" in thai.stdout


def test_validate_says_nothing_of_excel_when_ids_keep_their_zeros(bundle) -> None:
    files = {**EXCEL, "projects.csv": "id,name,agency,fiscal_year,links\nP1,x,A1,2567,050602\n"}
    result = CliRunner().invoke(main, ["validate", str(bundle(files)), "--lang", "en", "-q"])
    assert result.exit_code == 0 and "Excel" not in result.stdout
