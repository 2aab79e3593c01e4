"""``CheckOptions`` as a Python caller writes it: one pattern alone is that pattern, and a pattern
that matches nothing says so in words."""

from __future__ import annotations

import pytest

from graphkpi.checks.run import CheckOptions


def test_one_pattern_given_alone_is_that_pattern() -> None:
    assert CheckOptions(select="GK101").codes == CheckOptions(select=("GK101",)).codes == ["GK101"]
    assert "GK101" not in CheckOptions(select=["GK1"], ignore="GK101").codes   # a list is a list


def test_a_pattern_matching_nothing_reads_as_a_sentence(monkeypatch) -> None:
    """Near-miss of the CLI's message: the exception's text is the sentence, not ``Msg(key=…)``."""
    monkeypatch.setenv("GRAPHKPI_LANG", "en")
    with pytest.raises(ValueError) as err:
        _ = CheckOptions(select=("GK1O1",)).codes
    assert "GK101" in str(err.value) and "Msg(" not in str(err.value)
    monkeypatch.delenv("GRAPHKPI_LANG")
    with pytest.raises(ValueError, match="หมายถึง GK101"):
        _ = CheckOptions(select=("GK1O1",)).codes
