"""graphkpi.cli.pages: a command that loads a bundle runs without transparent huge pages."""

from __future__ import annotations

import subprocess
import sys

import pytest

from tests.conftest import SAMPLE

PROBE = """
import ctypes
from graphkpi.cli.pages import small_pages
print(small_pages(), ctypes.CDLL(None).prctl(42, 0, 0, 0, 0))   # PR_GET_THP_DISABLE
"""


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="prctl is Linux's")
def test_small_pages_turns_huge_pages_off_for_the_process() -> None:
    # in a child process: the setting would otherwise stay with the test run
    out = subprocess.run([sys.executable, "-c", PROBE], capture_output=True, text=True, check=True).stdout.split()
    assert out == ["True", "1"]


def test_load_or_exit_asks_for_small_pages(monkeypatch: pytest.MonkeyPatch) -> None:
    from graphkpi.cli import pages, support

    asked: list[bool] = []
    monkeypatch.setattr(pages, "small_pages", lambda: asked.append(True) or True)
    support.load_or_exit(SAMPLE, "th-xyz", quiet=True)
    assert asked == [True]
