"""Screenshots of the review site for the README: the front page and one report page with a
value shown on its page. Run from the repository's top folder: ``make screenshots``.

Extracts the samples into a temporary folder with ``--review``, opens the site from disk in
Debian's Chromium (/usr/bin/chromium, driven by playwright; no network) and writes
``docs/review-index.png`` and ``docs/review-report.png``.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from playwright.sync_api import sync_playwright

from kompass_extract.cli import main

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.review.chromium import ARGS, CHROMIUM  # noqa: E402

REPORT = "provby-2018"  # the sample with planted mistakes: its marks show
VIEWPORT = {"width": 1280, "height": 800}


def shoot(site: Path, docs: Path) -> None:
    """The two screenshots of the site in ``site`` into ``docs``."""
    with sync_playwright() as driver:
        browser = driver.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        page = browser.new_page(viewport=VIEWPORT)
        page.goto((site / "index.html").as_uri())
        page.screenshot(path=docs / "review-index.png")
        report = next((site / "reports").glob(f"{REPORT}-*.html"))
        page.goto(report.as_uri())
        value = page.locator("#table-questions a.v.failed").first
        value.click()
        page.wait_for_function("() => document.getElementById('viewer-img').naturalWidth > 0")
        value.scroll_into_view_if_needed()
        page.screenshot(path=docs / "review-report.png")
        browser.close()


def run() -> int:
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder) / "out"
        code = main(["extract", str(ROOT / "samples"), "--out", str(out), "--review", "--quiet"])
        if code != 0:
            print(f"extract --review failed (exit {code})", file=sys.stderr)
            return code
        shoot(out / "review", ROOT / "docs")
    print("wrote docs/review-index.png and docs/review-report.png")
    return 0


if __name__ == "__main__":
    sys.exit(run())
