"""How every browser of the tests, the bench and the screenshot is started: Debian's Chromium
through its ChromeDriver (both paths explicit: Selenium Manager never downloads anything),
headless, with nothing that reaches the network on its own. The cross-engine subset
(test_engines.py) also starts Debian's Firefox ESR through geckodriver (built from crates.io by
scripts/setup.sh) and Debian's WebKitGTK MiniBrowser through WebKitWebDriver, on an Xvfb
display of its own (`ENGINES`, `Browser(..., engine=...)`).

`Browser` also keeps the guards' books: the requests the page made (from Chromium's network
log; in Firefox and WebKit from each document's resource timing entries), its console
(Chromium's log; Firefox's through WebDriver BiDi; in WebKit, whose driver has neither, a
console.error hook installed as each page has loaded), and the CSP violations it met (a
listener installed before any page script, kept in sessionStorage across reloads; in WebKit
installed as the page has loaded). The tests fail on any of them (conftest.py).
"""

from __future__ import annotations

import atexit
import glob
import json
import os
import re
import shutil
import subprocess
from pathlib import Path

os.environ.setdefault("SE_AVOID_STATS", "true")

from selenium import webdriver  # noqa: E402
from selenium.common.exceptions import WebDriverException  # noqa: E402
from selenium.webdriver.chrome.service import Service  # noqa: E402
from selenium.webdriver.firefox.service import Service as FirefoxService  # noqa: E402
from selenium.webdriver.webkitgtk.service import Service as WebKitService  # noqa: E402

CHROMIUM = os.environ.get("E2E_CHROMIUM", "/usr/bin/chromium")
CHROMEDRIVER = os.environ.get("E2E_CHROMEDRIVER", "/usr/bin/chromedriver")
FIREFOX = os.environ.get("E2E_FIREFOX", "/usr/bin/firefox-esr")
GECKODRIVER = os.environ.get("E2E_GECKODRIVER") or shutil.which("geckodriver") \
    or os.path.expanduser("~/.cargo/bin/geckodriver")
WEBKITDRIVER = os.environ.get("E2E_WEBKITDRIVER", "/usr/bin/WebKitWebDriver")
MINIBROWSER = os.environ.get("E2E_MINIBROWSER") or next(
    iter(sorted(glob.glob("/usr/lib/*-linux-gnu/webkit2gtk-4.*/MiniBrowser"), reverse=True)),
    "/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser")
XVFB = os.environ.get("E2E_XVFB", "/usr/bin/Xvfb")
ENGINES = ("chromium", "firefox", "webkit")
# What brings each engine's binaries (scripts/setup.sh test installs all of them).
_BINARIES = {
    "chromium": [(CHROMIUM, "apt-get install chromium"), (CHROMEDRIVER, "apt-get install chromium-driver")],
    "firefox": [(FIREFOX, "apt-get install firefox-esr"),
                (GECKODRIVER, "cargo install geckodriver --version 0.37.1 --locked")],
    "webkit": [(WEBKITDRIVER, "apt-get install webkit2gtk-driver"),
               (MINIBROWSER, "apt-get install webkit2gtk-driver (MiniBrowser comes with libwebkit2gtk)"),
               (XVFB, "apt-get install xvfb")],
}
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


# In WebKit (no script before the page's own): the console's errors and the page's uncaught
# errors, kept in sessionStorage across reloads like the CSP record.
CONSOLE_HOOK_JS = r"""
(function () {
  if (window.__e2eConsoleHooked) return;
  window.__e2eConsoleHooked = true;
  var KEY = '__e2eConsole';
  function keep(text) {
    var list = [];
    try { list = JSON.parse(sessionStorage.getItem(KEY) || '[]'); } catch (e) { list = []; }
    list.push(String(text));
    try { sessionStorage.setItem(KEY, JSON.stringify(list)); } catch (e) {}
  }
  var err = console.error;
  console.error = function () {
    keep(Array.prototype.map.call(arguments, String).join(' '));
    return err.apply(console, arguments);
  };
  window.addEventListener('error', function (e) { keep('uncaught: ' + (e.message || e.error)); });
  window.addEventListener('unhandledrejection', function (e) { keep('unhandled rejection: ' + e.reason); });
})();
"""

# The URLs this document fetched (and its own), by resource timing: the request log of the
# engines without Chromium's network log.
RESOURCES_JS = """
return [location.href].concat(performance.getEntriesByType('resource').map(e => e.name));
"""


def missing_binaries(engine: str = "chromium") -> list[str]:
    """The browser binaries of `engine` that are not there (with what brings each)."""
    return [f"{exe} is missing ({how}; `scripts/setup.sh test` installs every engine)"
            for exe, how in _BINARIES[engine] if not os.access(exe, os.X_OK)]


_display: dict = {}


def xvfb_display() -> str:
    """An X display for WebKit's MiniBrowser, which has no headless mode: $E2E_DISPLAY, else one
    Xvfb of this process, started on a free display number at the first call and stopped at exit."""
    if os.environ.get("E2E_DISPLAY"):
        return os.environ["E2E_DISPLAY"]
    if "name" not in _display:
        r, w = os.pipe()
        proc = subprocess.Popen([XVFB, "-displayfd", str(w), "-screen", "0", "1280x1024x24", "-nolisten", "tcp"],
                                pass_fds=(w,), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        os.close(w)
        with os.fdopen(r) as f:
            num = f.readline().strip()
        if not num:
            proc.kill()
            raise RuntimeError(f"{XVFB} did not start a display")
        _display.update(name=f":{num}", proc=proc)

        def stop():
            proc.terminate()
            try:
                proc.wait(5)
            except subprocess.TimeoutExpired:
                proc.kill()

        atexit.register(stop)
    return _display["name"]


class Browser:
    """A browser session plus the guards' bookkeeping.

    profile_dir: the user-data-dir (reuse one to restart on the same profile; Firefox: its
    profile; WebKit: its HOME, where its data and downloads live);
    download_dir: where downloads land (None: the browser's default);
    allowed_origins: the origins the page may request (foreign_requests() lists the others);
    guards: record network requests and CSP violations;
    init_scripts: more scripts to run before any page script, in every document (Chromium);
    extra_args: more Chromium flags (after CHROME_ARGS, so they win);
    engine: "chromium" (default), "firefox" or "webkit"."""

    def __init__(self, profile_dir: Path, download_dir: Path | None = None, allowed_origins=(), *,
                 guards: bool = True, init_scripts=(), extra_args=(), script_timeout: float = 30,
                 engine: str = "chromium"):
        if engine not in ENGINES:
            raise ValueError(f"unknown engine {engine!r} (one of {ENGINES})")
        self.engine = engine
        self.profile_dir = Path(profile_dir)
        self.download_dir = Path(download_dir) if download_dir else None
        self.allowed_origins = list(allowed_origins)
        self.guards = guards
        self.console_allow: list[str] = []  # regexes of console errors a test expects
        self.requests: list[str] = []
        self.console: list[dict] = []
        self.csp_violations: list[dict] = []
        self.closed = False
        missing = missing_binaries(engine)
        if missing:
            raise RuntimeError(f"cannot start {engine}: " + "; ".join(missing))
        if engine == "firefox":
            self._start_firefox()
        elif engine == "webkit":
            self._start_webkit()
        else:
            self._start_chromium(init_scripts, extra_args)
        self.driver.set_script_timeout(script_timeout)

    def _start_chromium(self, init_scripts, extra_args) -> None:
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
        if self.guards:
            logs["performance"] = "ALL"
        opts.set_capability("goog:loggingPrefs", logs)
        self.driver = webdriver.Chrome(service=Service(executable_path=CHROMEDRIVER), options=opts)
        for src in ([CSP_LISTENER_JS] if self.guards else []) + list(init_scripts):
            self.cdp("Page.addScriptToEvaluateOnNewDocument", {"source": src})
        if self.download_dir:
            # Headless chromium honours the prefs, but say it explicitly too.
            try:
                self.cdp("Browser.setDownloadBehavior",
                         {"behavior": "allow", "downloadPath": str(self.download_dir), "eventsEnabled": True})
            except WebDriverException:
                self.cdp("Page.setDownloadBehavior", {"behavior": "allow", "downloadPath": str(self.download_dir)})

    def _start_firefox(self) -> None:
        """Firefox ESR, headless, on its own profile directory, with WebDriver BiDi for the
        console and for the CSP listener before any page script."""
        opts = webdriver.FirefoxOptions()
        opts.binary_location = FIREFOX
        opts.add_argument("-headless")
        opts.add_argument("-profile")
        opts.add_argument(str(self.profile_dir))
        opts.enable_bidi = True
        prefs = {
            # nothing of its own on the network
            "app.update.enabled": False, "browser.shell.checkDefaultBrowser": False,
            "datareporting.policy.dataSubmissionEnabled": False, "toolkit.telemetry.enabled": False,
            "browser.safebrowsing.malware.enabled": False, "browser.safebrowsing.phishing.enabled": False,
            "network.captive-portal-service.enabled": False, "network.connectivity-service.enabled": False,
            "extensions.update.enabled": False, "browser.search.update": False,
        }
        if self.download_dir:
            prefs.update({
                "browser.download.folderList": 2, "browser.download.dir": str(self.download_dir),
                "browser.download.useDownloadDir": True, "browser.download.always_ask_before_handling_new_types": False,
                "browser.download.alwaysOpenPanel": False, "browser.download.manager.showWhenStarting": False,
                "browser.helperApps.neverAsk.saveToDisk": "application/json,application/x-ndjson,text/csv,text/plain,"
                                                          "application/octet-stream,application/jsonl",
            })
        for k, v in prefs.items():
            opts.set_preference(k, v)
        self.driver = webdriver.Firefox(service=FirefoxService(executable_path=GECKODRIVER), options=opts)
        d = self.driver
        d.set_window_rect(0, 0, 1280, 1000)  # as Chromium's --window-size

        def on_log(entry):
            level = getattr(entry, "level", "")
            self.console.append({"level": "SEVERE" if level == "error" else str(level).upper(),
                                 "message": str(getattr(entry, "text", entry))})

        def on_error(entry):
            self.console.append({"level": "SEVERE", "message": "uncaught: " + str(getattr(entry, "text", entry))})

        d.script.add_console_message_handler(on_log)
        d.script.add_javascript_error_handler(on_error)
        if self.guards:
            # (a BiDi preload script is a function declaration)
            d.script.pin("() => {" + CSP_LISTENER_JS + "}")

    def _start_webkit(self) -> None:
        """WebKitGTK's MiniBrowser (no headless mode: on the Xvfb display of xvfb_display()),
        its HOME the profile directory, its download folder `download_dir`."""
        home = self.profile_dir
        cfg = home / ".config"
        cfg.mkdir(parents=True, exist_ok=True)
        env = {k: v for k, v in os.environ.items() if not k.startswith(("XDG_", "WAYLAND_"))}
        env.update(HOME=str(home), DISPLAY=xvfb_display(), XDG_CONFIG_HOME=str(cfg),
                   XDG_DATA_HOME=str(home / ".local" / "share"), XDG_CACHE_HOME=str(home / ".cache"),
                   GDK_BACKEND="x11", LIBGL_ALWAYS_SOFTWARE="1", NO_AT_BRIDGE="1")
        if self.download_dir:
            (cfg / "user-dirs.dirs").write_text(f'XDG_DOWNLOAD_DIR="{self.download_dir}"\n', encoding="utf-8")
        opts = webdriver.WebKitGTKOptions()
        opts.binary_location = MINIBROWSER
        opts.add_argument("--automation")
        self.driver = webdriver.WebKitGTK(service=WebKitService(executable_path=WEBKITDRIVER, env=env), options=opts)
        self.driver.set_window_rect(0, 0, 1280, 1000)

    def loaded(self) -> None:
        """Called as a page has loaded (open_app, reload): where no script runs before the
        page's own (WebKit), the CSP listener and the console hook are installed now."""
        if self.engine == "webkit" and not self.closed:
            self.driver.execute_script((CSP_LISTENER_JS if self.guards else "") + CONSOLE_HOOK_JS)

    def cdp(self, cmd: str, params: dict | None = None):
        """A DevTools protocol command (Chromium only)."""
        if self.engine != "chromium":
            raise NotImplementedError(f"the DevTools protocol ({cmd}) is Chromium's; {self.engine} has none")
        return self.driver.execute_cdp_cmd(cmd, params or {})

    def js(self, script: str, *args):
        return self.driver.execute_script(script, *args)

    # -- guards --------------------------------------------------------------------------

    def collect(self) -> None:
        """Drain chromium's logs and the page's CSP record into this object."""
        if self.closed:
            return
        d = self.driver
        if self.engine != "chromium":
            self._collect_neutral()
            return
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

    def _collect_neutral(self) -> None:
        """Firefox and WebKit: the document's resource timing entries, the CSP record, and (in
        WebKit) the console hook's record."""
        d = self.driver
        try:
            if self.guards:
                for url in d.execute_script(RESOURCES_JS) or []:
                    if url not in self.requests:
                        self.requests.append(url)
            v = d.execute_script("return (window.__cspViolations || []).slice();")
            if self.engine == "webkit":
                logged = d.execute_script(
                    "try { var l = JSON.parse(sessionStorage.getItem('__e2eConsole') || '[]');"
                    " sessionStorage.removeItem('__e2eConsole'); return l; } catch (e) { return []; }")
                self.console += [{"level": "SEVERE", "message": t} for t in logged or []]
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
        """Collect everything the guards need, then quit the browser (the profile stays)."""
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
