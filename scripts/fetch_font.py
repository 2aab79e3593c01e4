"""Fetch the Sarabun font files the HTML pages embed, from the pinned npm package, and check them.

    python scripts/fetch_font.py            # writes graphkpi/views/fonts/*.woff2 and OFL.txt

Uses ``npm pack`` (the npm registry's own client), so no URL is hard-coded; refuses files whose
SHA-256 differs from the pinned list, so a republished package cannot change the pages silently.
"""

from __future__ import annotations

import hashlib
import shutil
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

PACKAGE, VERSION = "@fontsource/sarabun", "5.3.0"
DEST = Path(__file__).resolve().parent.parent / "graphkpi" / "views" / "fonts"
SHA256 = {
    "sarabun-latin-400-normal.woff2": "04548534510686923239aeda26dd40fa57bf6cc55166204ef52b483bcf9e4228",
    "sarabun-latin-700-normal.woff2": "b7e814f0f8a07648c77837917ff896c819d44ed4688a83f49b9cb29fdf7898fb",
    "sarabun-thai-400-normal.woff2": "444ccfffc6e9201b86993a233a42481bee7fe485fe5f330d956f22356249b392",
    "sarabun-thai-700-normal.woff2": "1ca031c8d598e7435f653e44f592fe0ac64e9e402066719fe061fdfe833cca1e",
}


def main() -> None:
    if shutil.which("npm") is None:
        sys.exit("npm not found: it fetches the package from the npm registry")
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run(["npm", "pack", f"{PACKAGE}@{VERSION}"], cwd=tmp, check=True, capture_output=True)
        tgz = next(Path(tmp).glob("*.tgz"))
        with tarfile.open(tgz) as tar:
            tar.extractall(tmp, filter="data")
        pkg = Path(tmp) / "package"
        for name, digest in SHA256.items():
            data = (pkg / "files" / name).read_bytes()
            if hashlib.sha256(data).hexdigest() != digest:
                sys.exit(f"{name}: SHA-256 differs from the pinned one; not copied")
            (DEST / name).write_bytes(data)
            print(DEST / name)
        shutil.copyfile(pkg / "LICENSE", DEST / "OFL.txt")
        print(DEST / "OFL.txt")


if __name__ == "__main__":
    main()
