"""How every browser of the tests, the bench and the screenshot is started: Debian's Chromium
through its ChromeDriver (both paths explicit: Selenium Manager never downloads anything),
headless, with nothing that reaches the network on its own.

`Browser` also keeps the guards' books: the requests the page made (from Chromium's network
log), its console, and the CSP violations it met (a listener installed before any page
script, kept in sessionStorage across reloads). The tests fail on any of them (conftest.py).
"""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

os.environ.setdefault("SE_AVOID_STATS", "true")

from selenium import webdriver  # noqa: E402
from selenium.common.exceptions import WebDriverException  # noqa: E402
from selenium.webdriver.chrome.service import Service  # noqa: E402

CHROMIUM = os.environ.get("E2E_CHROMIUM", "/usr/bin/chromium")
CHROMEDRIVER = os.environ.get("E2E_CHROMEDRIVER", "/usr/bin/chromedriver")
CHROME_ARGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-quic",
    "--no-first-run",
    "--disable-dev-shm-usage",
    "--window-size=1280,1000",
]

# Installed before any page script runs, in every document (also after reloads): collects CSP
# violations into window.__cspViolations and mirrors them in sessionStorage so that a reload
# does not lose the ones that happened before it.
CSP_LISTENER_JS = r"""
(function () {
  var KEY = '__e2eCspViolations';
  var list = [];
  try { list = JSON.parse(sessionStorage.getItem(KEY) || '[]'); } catch (e) { list = []; }
  window.__cspViolations = list;
  document.addEventListener('securitypolicyviolation', function (e) {
    var v = {directive: e.violatedDirective, blocked: e.blockedURI, sample: e.sample,
             source: e.sourceFile, line: e.lineNumber, page: String(location.href)};
    window.__cspViolations.push(v);
    try { sessionStorage.setItem(KEY, JSON.stringify(window.__cspViolations)); } catch (err) {}
  }, true);
})();
"""

ALLOWED_SCHEMES = ("data:", "blob:", "about:", "chrome-extension:", "chrome:", "devtools:")


def missing_binaries() -> list[str]:
    """The browser binaries that are not there (with the package that brings them)."""
    return [f"{exe} is missing: apt-get install chromium chromium-driver"
            for exe in (CHROMIUM, CHROMEDRIVER) if not os.access(exe, os.X_OK)]


class Browser:
    """A Chromium session plus the guards' bookkeeping.

    profile_dir: the user-data-dir (reuse one to restart on the same profile);
    download_dir: where downloads land (None: Chromium's default);
    allowed_origins: the origins the page may request (foreign_requests() lists the others);
    guards: record network requests (Chromium's performance log) and CSP violations;
    init_scripts: more scripts to run before any page script, in every document;
    extra_args: more Chromium flags (after CHROME_ARGS, so they win)."""

    def __init__(self, profile_dir: Path, download_dir: Path | None = None, allowed_origins=(), *,
                 guards: bool = True, init_scripts=(), extra_args=(), script_timeout: float = 30):
        self.profile_dir = Path(profile_dir)
        self.download_dir = Path(download_dir) if download_dir else None
        self.allowed_origins = list(allowed_origins)
        self.guards = guards
        self.console_allow: list[str] = []  # regexes of console errors a test expects
        self.requests: list[str] = []
        self.console: list[dict] = []
        self.csp_violations: list[dict] = []
        self.closed = False

        opts = webdriver.ChromeOptions()
        opts.binary_location = CHROMIUM
        for a in [*CHROME_ARGS, *extra_args, f"--user-data-dir={self.profile_dir}"]:
            opts.add_argument(a)
        if self.download_dir:
            opts.add_experimental_option("prefs", {
                "download.default_directory": str(self.download_dir),
                "download.prompt_for_download": False,
                "download.directory_upgrade": True,
                "safebrowsing.enabled": False,
            })
        logs = {"browser": "ALL"}
        if guards:
            logs["performance"] = "ALL"
        opts.set_capability("goog:loggingPrefs", logs)
        self.driver = webdriver.Chrome(service=Service(executable_path=CHROMEDRIVER), options=opts)
        self.driver.set_script_timeout(script_timeout)
        for src in ([CSP_LISTENER_JS] if guards else []) + list(init_scripts):
            self.cdp("Page.addScriptToEvaluateOnNewDocument", {"source": src})
        if self.download_dir:
            # Headless chromium honours the prefs, but say it explicitly too.
            try:
                self.cdp("Browser.setDownloadBehavior",
                         {"behavior": "allow", "downloadPath": str(self.download_dir), "eventsEnabled": True})
            except WebDriverException:
                self.cdp("Page.setDownloadBehavior", {"behavior": "allow", "downloadPath": str(self.download_dir)})

    def cdp(self, cmd: str, params: dict | None = None):
        """A DevTools protocol command."""
        return self.driver.execute_cdp_cmd(cmd, params or {})

    def js(self, script: str, *args):
        return self.driver.execute_script(script, *args)

    # -- guards --------------------------------------------------------------------------

    def collect(self) -> None:
        """Drain chromium's logs and the page's CSP record into this object."""
        if self.closed:
            return
        d = self.driver
        if self.guards:
            for entry in d.get_log("performance"):
                try:
                    msg = json.loads(entry["message"])["message"]
                except (KeyError, ValueError):
                    continue
                method = msg.get("method")
                params = msg.get("params", {})
                if method == "Network.requestWillBeSent":
                    self.requests.append(params.get("request", {}).get("url", ""))
                elif method == "Network.webSocketCreated":
                    self.requests.append(params.get("url", ""))
        for entry in d.get_log("browser"):
            self.console.append(entry)
        try:
            v = d.execute_script("return (window.__cspViolations || []).slice();")
        except WebDriverException:
            v = []
        for item in v or []:
            if item not in self.csp_violations:
                self.csp_violations.append(item)

    def foreign_requests(self) -> list[str]:
        bad = []
        for url in self.requests:
            if not url or url.startswith(ALLOWED_SCHEMES):
                continue
            if any(url == o or url.startswith(o + "/") for o in self.allowed_origins):
                continue
            bad.append(url)
        return bad

    def console_errors(self) -> list[str]:
        """Console errors and wasm panics, but for a missing favicon and `console_allow`."""
        out = []
        for e in self.console:
            text = e.get("message", "")
            panicked = "panicked at" in text or "RuntimeError: unreachable" in text
            if e.get("level") != "SEVERE" and not panicked:
                continue
            if not panicked and re.search(r"/favicon\.ico\b.*404", text):
                continue
            if not panicked and any(re.search(p, text) for p in self.console_allow):
                continue
            out.append(text)
        return out

    def problems(self) -> list[str]:
        self.collect()
        probs = []
        for url in self.foreign_requests():
            probs.append(f"request outside the page's origin: {url}")
        for v in self.csp_violations:
            probs.append(f"CSP violation: {v}")
        for t in self.console_errors():
            probs.append(f"console error: {t}")
        return probs

    def assert_clean(self) -> None:
        probs = self.problems()
        assert not probs, "page guard failed:\n  " + "\n  ".join(probs)

    def save_artifacts(self, directory: Path, stem: str) -> None:
        """A screenshot and the HTML of the page, as <stem>.png / <stem>.html (best effort)."""
        try:
            directory.mkdir(parents=True, exist_ok=True)
            self.driver.save_screenshot(str(directory / f"{stem}.png"))
            (directory / f"{stem}.html").write_text(self.driver.page_source, encoding="utf-8")
        except Exception:  # noqa: BLE001 - best effort only
            pass

    def quit(self) -> None:
        """Collect everything the guards need, then quit chromium (the profile stays)."""
        if self.closed:
            return
        try:
            self.collect()
        finally:
            self.closed = True
            try:
                self.driver.quit()
            except WebDriverException:
                pass
