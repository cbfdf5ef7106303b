#!/usr/bin/env python3
"""Writes index.html's first screen (docs/ARCHITECTURE.md, The first screen): serves the built
page, opens it in headless Chromium on a fresh profile as a first-time visitor, and puts the
App's DOM, made still (tests/e2e/harness/first_screen.py), between index.html's markers. Run it
after a change to what the first screen shows, then build again; tests/e2e/test_first_screen.py
fails until the copy is current.

Usage: .venv/bin/python scripts/first_screen.py   (after `make build`; E2E_DIST=DIR for
another build)
"""
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests" / "e2e"))
from harness import DIST, Browser, StaticServer, open_app, still_copy, with_copy  # noqa: E402

INDEX = ROOT / "index.html"

server = StaticServer(DIST)
with tempfile.TemporaryDirectory(prefix="sa-first-screen-") as profile:
    b = Browser(profile, guards=False, extra_args=["--window-size=1400,900"])
    try:
        open_app(b, server.url)
        copy = still_copy(b.driver)
    finally:
        b.quit()
        server.close()
before = INDEX.read_text(encoding="utf-8")
after = with_copy(before, copy)
INDEX.write_text(after, encoding="utf-8")
print("index.html: first screen", "unchanged" if after == before else "written", f"({len(copy)} characters)")
