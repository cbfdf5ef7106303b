#!/usr/bin/env python3
"""Makes docs/screenshot.png from the real page: serves dist/, tags a few sentences with
the keyboard in headless Chromium, and saves what the window shows. Server, browser and key
presses are the end-to-end harness's (tests/e2e/harness).

Usage: .venv/bin/python scripts/screenshot.py [OUT.png]   (after `make build`; E2E_DIST=DIR
for another build)
"""
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests" / "e2e"))
from harness import DIST, Browser, StaticServer, open_app, press  # noqa: E402

out = sys.argv[1] if len(sys.argv) > 1 else str(ROOT / "docs" / "screenshot.png")
server = StaticServer(DIST)
with tempfile.TemporaryDirectory(prefix="sa-screenshot-") as profile:
    b = Browser(profile, guards=False, extra_args=["--window-size=1400,900"])
    try:
        open_app(b, server.url)
        for k in ["1", "j", "j", "2", "3", "k"]:
            press(b, k)
            time.sleep(0.15)
        time.sleep(0.5)
        b.driver.save_screenshot(out)
        print("wrote", out)
    finally:
        b.quit()
        server.close()
