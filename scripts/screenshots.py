"""Screenshots of the HTML views for the README, taken in headless Chromium (offline).

    python scripts/screenshots.py        # writes docs/view-<mode>.png, one per mode of `graphkpi view`
    python scripts/screenshots.py --bundle benchmarks/.data/core-100000-1 --out province.png -- --province TH-10
                                         # one view of any bundle (arguments after -- go to `graphkpi view`)
"""

from __future__ import annotations

import argparse
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
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--bundle", type=Path, default=ROOT / "data" / "sample")
    ap.add_argument("--out", type=Path, help="one picture of the view the arguments after -- ask for")
    ap.add_argument("--size", default="1366x768", help="the window, WIDTHxHEIGHT (the smallest the views are made for)")
    ap.add_argument("view_args", nargs="*")
    args = ap.parse_args()
    shots = {args.out: args.view_args} if args.out else {ROOT / "docs" / name: a for name, a in SHOTS.items()}
    width, height = (int(x) for x in args.size.split("x"))
    chromium = shutil.which("chromium")
    if chromium is None:
        sys.exit("chromium not found (apt-get install chromium)")
    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium, args=ARGS)
        for out, view_args in shots.items():
            html = Path(tmp) / f"{out.name}.html"
            subprocess.run([sys.executable, "-m", "graphkpi", "view", str(args.bundle), "-o", str(html), "-q",
                            *view_args], check=True)
            page = browser.new_context(offline=True, viewport={"width": width, "height": height}).new_page()
            page.goto(html.as_uri())
            page.wait_for_function("() => document.body.dataset.ready === '1'", timeout=120_000)
            page.screenshot(path=str(out))
            print(out)
        browser.close()


if __name__ == "__main__":
    main()
