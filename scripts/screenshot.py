#!/usr/bin/env python3
"""Makes docs/screenshot.png from the real page: serves dist/, tags a few sentences with
the keyboard in headless Chromium, and saves what the window shows.

Usage: .venv/bin/python scripts/screenshot.py [OUT.png]   (after `make build`)
"""
import functools
import http.server
import os
import sys
import tempfile
import threading
import time

from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(ROOT, "tests", "e2e"))
from chromium import CHROME_ARGS, CHROMEDRIVER, CHROMIUM  # noqa: E402  (the tests' browser)
out = sys.argv[1] if len(sys.argv) > 1 else os.path.join(ROOT, "docs", "screenshot.png")
handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=os.path.join(ROOT, "dist"))
handler.log_message = lambda *a: None
server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
threading.Thread(target=server.serve_forever, daemon=True).start()

opts = webdriver.ChromeOptions()
opts.binary_location = CHROMIUM
for a in CHROME_ARGS + ["--window-size=1400,900", "--user-data-dir=" + tempfile.mkdtemp()]:
    opts.add_argument(a)
driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=opts)
try:
    driver.get("http://127.0.0.1:%d/" % server.server_address[1])
    for _ in range(100):
        if driver.find_elements(By.CSS_SELECTOR, "[data-sentence]"):
            break
        time.sleep(0.1)
    keys = ["1", "j", "j", "2", "3", "k"]
    for k in keys:
        ActionChains(driver).send_keys(k).perform()
        time.sleep(0.15)
    time.sleep(0.5)
    driver.save_screenshot(out)
    print("wrote", out)
finally:
    driver.quit()
    server.shutdown()
