"""``graphkpi query``'s rows as table, JSON and CSV (the server's part: tests/backends/neo4j)."""

from __future__ import annotations

import json

from graphkpi.render.query import changes_text, render_rows


class _Date:
    """Stands for a driver value JSON does not know (neo4j.time.Date): its text is ISO 8601."""

    def __str__(self) -> str:
        return "2026-12-05"


REL = ({"id": "P1"}, "CONTRIBUTES_TO", {"id": "T1"})   # a relationship as the driver's Record.data() gives it


def test_a_relationship_and_a_date_read_alike_in_every_format() -> None:
    keys, rows = ["rel", "day"], [[REL, _Date()]]
    table = render_rows("table", keys, rows, lang="en")
    assert '[{"id": "P1"}, "CONTRIBUTES_TO", {"id": "T1"}]' in table and "2026-12-05" in table
    assert "('" not in table                                            # near miss: not the tuple's repr
    assert json.loads(render_rows("json", keys, rows)) == [{"rel": [{"id": "P1"}, "CONTRIBUTES_TO", {"id": "T1"}],
                                                            "day": "2026-12-05"}]
    csv = render_rows("csv", keys, rows).splitlines()
    assert csv[1] == '"[{""id"": ""P1""}, ""CONTRIBUTES_TO"", {""id"": ""T1""}]",2026-12-05'


def test_the_table_rounds_fractions_and_keeps_years_and_json_keeps_every_digit() -> None:
    keys, rows = ["share", "money", "amount", "year"], [[1 / 3, 12345.678, 3510000.0, 2024]]
    line = render_rows("table", keys, rows).splitlines()[2]
    assert line.split() == ["0.3333", "12,345.68", "3,510,000", "2024"]
    assert json.loads(render_rows("json", keys, rows))[0]["share"] == 1 / 3
    assert render_rows("csv", keys, rows).splitlines()[1] == f"{1 / 3!r},12345.678,3510000.0,2024"


def test_no_rows_is_said_and_a_write_says_what_it_changed() -> None:
    assert render_rows("table", [], [], lang="en") == "(no rows)\n"           # a write without RETURN
    assert render_rows("table", ["id"], [], lang="en").splitlines() == ["id", "--", "(no rows)"]
    assert render_rows("json", [], []) == "[]\n" and render_rows("csv", ["id"], []) == "id\n"
    assert changes_text({"nodes_created": 2, "properties_set": 1}, "en") == \
        "the graph changed: 2 nodes created, 1 property set"
    assert changes_text({"nodes_deleted": 1}, "th") == "กราฟเปลี่ยน: ลบโหนด 1"
    assert changes_text({"nodes_deleted": 1928}, "en") == "the graph changed: 1,928 nodes deleted"   # as load counts
    assert changes_text({}, "en") == ""                                      # near miss: a read
