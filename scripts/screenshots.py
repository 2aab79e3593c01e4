"""Screenshots of the HTML views for the README, taken in headless Chromium (offline).

    python scripts/screenshots.py        # writes docs/view-<mode>.png, one per mode of `graphkpi view`
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parent.parent
SHOTS = {"view-overview.png": [], "view-focus.png": ["--focus", "050101", "--depth", "1"],
         "view-ministry.png": ["--ministry", "สธ"], "view-province.png": ["--province", "เชียงใหม่"],
         "view-finding.png": ["--finding", "GK201"]}
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync"]


def main() -> None:
    chromium = shutil.which("chromium")
    if chromium is None:
        sys.exit("chromium not found (apt-get install chromium)")
    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium, args=ARGS)
        for name, args in SHOTS.items():
            html = Path(tmp) / f"{name}.html"
            subprocess.run([sys.executable, "-m", "graphkpi", "view", str(ROOT / "data" / "sample"), "-o", str(html),
                            "-q", *args], check=True)
            page = browser.new_context(offline=True, viewport={"width": 1400, "height": 820}).new_page()
            page.goto(html.as_uri())
            page.wait_for_function("() => document.body.dataset.ready === '1'")
            page.screenshot(path=str(ROOT / "docs" / name))
            print(ROOT / "docs" / name)
        browser.close()


if __name__ == "__main__":
    main()
