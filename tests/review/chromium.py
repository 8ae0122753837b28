"""How the browser tests and ``docs/screenshots.py`` start Debian's Chromium: headless, as root
in a container (no sandbox), and with the background services that would reach for the
network turned off, so that a run makes no request of its own."""

from __future__ import annotations

from pathlib import Path

CHROMIUM = Path("/usr/bin/chromium")
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
