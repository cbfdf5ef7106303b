"""End-to-end harness for the Sentence Annotator page (see SPEC.md and tests/e2e/HOOKS.md).

- serves `dist/` (or $E2E_DIST) in-process over HTTP on 127.0.0.1, recording every request;
- drives Debian's /usr/bin/chromium through /usr/bin/chromedriver (Selenium Manager is never
  used: both paths are given explicitly);
- after every test, fails when the page reached outside its origin, violated its CSP, logged a
  console error or a wasm panic.
"""

from __future__ import annotations

import fnmatch
import http.server
import json
import os
import re
import shutil
import socketserver
import tempfile
import threading
import time
import urllib.parse
from pathlib import Path

import pytest

os.environ.setdefault("SE_AVOID_STATS", "true")

from selenium import webdriver  # noqa: E402
from selenium.common.exceptions import (  # noqa: E402
    NoSuchElementException,
    StaleElementReferenceException,
    WebDriverException,
)
from selenium.webdriver.chrome.service import Service  # noqa: E402
from selenium.webdriver.common.action_chains import ActionChains  # noqa: E402
from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.common.keys import Keys  # noqa: E402

REPO = Path(__file__).resolve().parents[2]
E2E_DIR = Path(__file__).resolve().parent
FIXTURES = E2E_DIR / "fixtures"
DIST = Path(os.environ.get("E2E_DIST", REPO / "dist")).resolve()
SCHEMA = Path(os.environ.get("E2E_SCHEMA", REPO / "static" / "schema" / "annotations-v1.schema.json"))
CHROMIUM = os.environ.get("E2E_CHROMIUM", "/usr/bin/chromium")
CHROMEDRIVER = os.environ.get("E2E_CHROMEDRIVER", "/usr/bin/chromedriver")
ARTIFACTS = Path(os.environ.get("E2E_ARTIFACTS", Path(tempfile.gettempdir()) / "e2e-artifacts"))
DEFAULT_TIMEOUT = float(os.environ.get("E2E_TIMEOUT", "15"))

SEED_000 = "000_7e8a3d906b8911a7"
SEED_003 = "003_5edaa3534a2f115b"

EXPORT_JSON_RE = r"^annotations-\d{8}-\d{6}\.json$"

from chromium import CHROME_ARGS  # noqa: E402  (shared with scripts/bench_page.py)

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


# --------------------------------------------------------------------------------------------
# HTTP server
# --------------------------------------------------------------------------------------------


class _Handler(http.server.SimpleHTTPRequestHandler):
    extensions_map = {
        **http.server.SimpleHTTPRequestHandler.extensions_map,
        ".wasm": "application/wasm",
        ".js": "text/javascript",
        ".mjs": "text/javascript",
        ".json": "application/json",
        ".svg": "image/svg+xml",
        ".css": "text/css",
        ".html": "text/html",
        ".txt": "text/plain; charset=utf-8",
    }

    # set per server class
    server_root: Path
    prefix: str
    recorder: "StaticServer"

    def __init__(self, *args, **kwargs):
        super().__init__(*args, directory=str(self.server_root), **kwargs)

    def log_message(self, format, *args):  # noqa: A002 - quiet
        pass

    def end_headers(self):
        self.send_header("Cache-Control", "no-store")
        super().end_headers()

    def _strip_prefix(self) -> bool:
        path = urllib.parse.urlsplit(self.path).path
        self.recorder._record(self.command, self.path)
        if self.prefix == "/":
            return True
        if path == self.prefix.rstrip("/"):
            # /sub/app -> /sub/app/
            self.send_response(301)
            self.send_header("Location", self.prefix)
            self.end_headers()
            return False
        if not path.startswith(self.prefix):
            self.send_error(404, "outside the served prefix")
            return False
        rest = self.path[len(self.prefix) - 1:]
        self.path = rest
        return True

    def do_GET(self):
        if self._strip_prefix():
            super().do_GET()

    def do_HEAD(self):
        if self._strip_prefix():
            super().do_HEAD()


class _ThreadingServer(socketserver.ThreadingMixIn, http.server.HTTPServer):
    daemon_threads = True
    allow_reuse_address = True


class StaticServer:
    """Serves `root` at http://127.0.0.1:<free port><prefix> and records request paths."""

    def __init__(self, root: Path, prefix: str = "/"):
        if not prefix.startswith("/"):
            prefix = "/" + prefix
        if not prefix.endswith("/"):
            prefix += "/"
        self.root = Path(root)
        self.prefix = prefix
        self.requests: list[tuple[str, str]] = []
        self._lock = threading.Lock()
        handler = type("Handler", (_Handler,), {"server_root": self.root, "prefix": prefix, "recorder": self})
        self.httpd = _ThreadingServer(("127.0.0.1", 0), handler)
        self.port = self.httpd.server_address[1]
        self.origin = f"http://127.0.0.1:{self.port}"
        self.url = self.origin + prefix
        self._thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self._thread.start()

    def _record(self, method: str, path: str) -> None:
        with self._lock:
            self.requests.append((method, path))

    def paths(self) -> list[str]:
        with self._lock:
            return [urllib.parse.urlsplit(p).path for _, p in self.requests]

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


def _require_dist() -> None:
    if not (DIST / "index.html").is_file():
        pytest.exit(f"e2e: {DIST}/index.html is missing: build the page first (trunk build --release)", 2)


@pytest.fixture(scope="session")
def server():
    _require_dist()
    srv = StaticServer(DIST)
    yield srv
    srv.close()


@pytest.fixture
def serve():
    """Factory: serve a directory (default dist/) under a prefix, e.g. serve(prefix="/sub/app/")."""
    started: list[StaticServer] = []

    def _serve(root: Path | None = None, prefix: str = "/") -> StaticServer:
        if root is None:
            _require_dist()
            root = DIST
        srv = StaticServer(root, prefix)
        started.append(srv)
        return srv

    yield _serve
    for s in started:
        s.close()


# --------------------------------------------------------------------------------------------
# Browser
# --------------------------------------------------------------------------------------------


class Browser:
    """A chromium session plus the guards' bookkeeping."""

    def __init__(self, profile_dir: Path, download_dir: Path, allowed_origins: list[str]):
        self.profile_dir = Path(profile_dir)
        self.download_dir = Path(download_dir)
        self.allowed_origins = list(allowed_origins)
        self.console_allow: list[str] = []  # regexes of console errors a test expects
        self.requests: list[str] = []
        self.console: list[dict] = []
        self.csp_violations: list[dict] = []
        self.closed = False

        opts = webdriver.ChromeOptions()
        opts.binary_location = CHROMIUM
        for a in CHROME_ARGS:
            opts.add_argument(a)
        opts.add_argument(f"--user-data-dir={self.profile_dir}")
        opts.add_experimental_option(
            "prefs",
            {
                "download.default_directory": str(self.download_dir),
                "download.prompt_for_download": False,
                "download.directory_upgrade": True,
                "safebrowsing.enabled": False,
            },
        )
        opts.set_capability("goog:loggingPrefs", {"performance": "ALL", "browser": "ALL"})
        service = Service(executable_path=CHROMEDRIVER)
        self.driver = webdriver.Chrome(service=service, options=opts)
        self.driver.set_script_timeout(30)
        self.driver.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument", {"source": CSP_LISTENER_JS})
        # Headless chromium honours the prefs, but say it explicitly too.
        try:
            self.driver.execute_cdp_cmd(
                "Browser.setDownloadBehavior",
                {"behavior": "allow", "downloadPath": str(self.download_dir), "eventsEnabled": True},
            )
        except WebDriverException:
            self.driver.execute_cdp_cmd(
                "Page.setDownloadBehavior", {"behavior": "allow", "downloadPath": str(self.download_dir)}
            )

    # -- guards --------------------------------------------------------------------------

    def collect(self) -> None:
        """Drain chromium's logs and the page's CSP record into this object."""
        if self.closed:
            return
        d = self.driver
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


def pytest_sessionstart(session):
    # artifacts of an earlier run would mislead
    if ARTIFACTS.is_dir():
        for f in ARTIFACTS.glob("tests_e2e_*"):
            f.unlink()


@pytest.hookimpl(tryfirst=True, hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    rep = outcome.get_result()
    setattr(item, "rep_" + rep.when, rep)


@pytest.fixture
def browsers(request, tmp_path, server):
    """Factory: browsers(profile=None, origins=None) starts a chromium session.

    Every session it started is checked by the guards at teardown (a quit one was checked as it
    quit). `profile` reuses a user-data-dir (reload / restart tests); default is a fresh one.
    """
    started: list[Browser] = []
    counter = [0]

    def _start(profile: Path | None = None, downloads: Path | None = None, origins: list[str] | None = None) -> Browser:
        counter[0] += 1
        n = counter[0]
        if profile is None:
            profile = tmp_path / f"profile{n}"
        if downloads is None:
            downloads = tmp_path / f"downloads{n}"
        Path(profile).mkdir(parents=True, exist_ok=True)
        Path(downloads).mkdir(parents=True, exist_ok=True)
        b = Browser(profile, downloads, origins or [server.origin])
        started.append(b)
        return b

    yield _start

    failed = getattr(request.node, "rep_call", None) is not None and request.node.rep_call.failed
    problems = []
    for i, b in enumerate(started):
        if failed and not b.closed:
            _save_artifacts(request.node.nodeid, i, b)
        try:
            p = b.problems()
        except WebDriverException as e:  # pragma: no cover - crashed browser
            p = [f"could not read the browser's logs: {e.msg}"]
        problems += p
        b.quit()
    assert not problems, "page guard failed:\n  " + "\n  ".join(problems)


@pytest.fixture
def browser(browsers) -> Browser:
    """A fresh chromium on a fresh profile."""
    return browsers()


@pytest.fixture
def driver(browser):
    return browser.driver


def _save_artifacts(nodeid: str, i: int, b: Browser) -> None:
    try:
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        stem = re.sub(r"[^A-Za-z0-9_.-]+", "_", nodeid) + f"-{i}"
        b.driver.save_screenshot(str(ARTIFACTS / f"{stem}.png"))
        (ARTIFACTS / f"{stem}.html").write_text(b.driver.page_source, encoding="utf-8")
    except Exception:  # noqa: BLE001 - best effort only
        pass


# --------------------------------------------------------------------------------------------
# Helpers
# --------------------------------------------------------------------------------------------


def _drv(x):
    return x.driver if isinstance(x, Browser) else x


def wait_for(cond, timeout: float = DEFAULT_TIMEOUT, msg: str = "", interval: float = 0.05):
    """Polls cond() until it returns something truthy and returns that; fails after timeout."""
    deadline = time.monotonic() + timeout
    last_exc = None
    while True:
        try:
            v = cond()
            if v:
                return v
            last_exc = None
        except (StaleElementReferenceException, NoSuchElementException) as e:
            last_exc = e
        if time.monotonic() > deadline:
            detail = f" (last error: {last_exc!r})" if last_exc else ""
            raise AssertionError(f"timed out after {timeout}s waiting for: {msg or cond}{detail}")
        time.sleep(interval)


def open_app(b, url: str, timeout: float = 30) -> None:
    """Opens the page and waits until sentences are rendered."""
    d = _drv(b)
    if isinstance(b, Browser):
        b.collect()  # keep CSP records of the page being left
    d.get(url)
    wait_for(lambda: d.find_elements(By.CSS_SELECTOR, "[data-sentence]"), timeout, "[data-sentence] elements")


def reload(b, timeout: float = 30) -> None:
    d = _drv(b)
    if isinstance(b, Browser):
        b.collect()
    d.refresh()
    wait_for(lambda: d.find_elements(By.CSS_SELECTOR, "[data-sentence]"), timeout, "[data-sentence] after reload")


def css(d, selector: str):
    return _drv(d).find_element(By.CSS_SELECTOR, selector)


def css_all(d, selector: str):
    return _drv(d).find_elements(By.CSS_SELECTOR, selector)


def sentence(d, doc: str, i: int):
    return _drv(d).find_element(By.CSS_SELECTOR, f'[data-sentence="{doc}:{i}"]')


def labels_of(el) -> list[str]:
    return (el.get_attribute("data-labels") or "").split()


def sentence_labels(d, doc: str, i: int) -> list[str]:
    """data-labels of one sentence, read atomically in the page (no stale elements)."""
    v = _drv(d).execute_script(
        "var e = Array.from(document.querySelectorAll('[data-sentence]'))"
        ".find(x => x.getAttribute('data-sentence') === arguments[0]);"
        "return e ? (e.getAttribute('data-labels') || '') : null;",
        f"{doc}:{i}",
    )
    assert v is not None, f"no [data-sentence=\"{doc}:{i}\"] on the page"
    return v.split()


def retry_stale(fn, attempts: int = 5):
    """Runs fn(), again if the page re-rendered the element under it."""
    for n in range(attempts):
        try:
            return fn()
        except StaleElementReferenceException:
            if n == attempts - 1:
                raise
            time.sleep(0.1)


def focused_sentence(d) -> str | None:
    """data-sentence of the sentence with aria-current="true" (None if none)."""
    els = _attrs(d, '[data-sentence][aria-current="true"]', "data-sentence")
    assert len(els) <= 1, f"more than one focused sentence: {els}"
    return els[0] if els else None


def wait_focused(d, timeout: float = DEFAULT_TIMEOUT) -> str:
    return wait_for(lambda: focused_sentence(d), timeout, 'a sentence with aria-current="true"')


def open_doc(d) -> str | None:
    els = _attrs(d, "article[data-open-doc]", "data-open-doc")
    return els[0] if els else None


def page_labels(d) -> dict[str, list[str]]:
    """{"<doc>:<index>": [labels]} for every rendered [data-sentence]."""
    rows = _drv(d).execute_script(
        "return Array.from(document.querySelectorAll('[data-sentence]'))"
        ".map(e => [e.getAttribute('data-sentence'), e.getAttribute('data-labels') || '']);"
    )
    return {k: v.split() for k, v in rows}


def page_sentences(d) -> dict[str, str]:
    """{"<doc>:<index>": textContent} for every rendered [data-sentence]."""
    rows = _drv(d).execute_script(
        "return Array.from(document.querySelectorAll('[data-sentence]'))"
        ".map(e => [e.getAttribute('data-sentence'), e.textContent]);"
    )
    return dict((k, v) for k, v in rows)


def _is_text_field(d) -> bool:
    return bool(
        _drv(d).execute_script(
            "var a = document.activeElement; if (!a) return false;"
            "var t = a.tagName; if (t === 'TEXTAREA' || t === 'SELECT') return true;"
            "if (a.isContentEditable) return true;"
            "if (t === 'INPUT') { var ty = (a.type || 'text').toLowerCase();"
            "  return !['checkbox','radio','button','submit','reset','file','range','color'].includes(ty); }"
            "return false;"
        )
    )


def press(d, key: str, mods=(), into_field: bool = False) -> None:
    """Types `key` (a character or a selenium Keys value) as a person would, with modifier keys
    `mods` (e.g. (Keys.CONTROL, Keys.SHIFT)) held. The keys go to the focused element; unless
    `into_field`, a focused text field is blurred first so that the keys reach the page body."""
    drv = _drv(d)
    if not into_field and _is_text_field(drv):
        drv.execute_script("document.activeElement.blur();")
    ac = ActionChains(drv)
    for m in mods:
        ac.key_down(m)
    ac.send_keys(key)
    for m in reversed(list(mods)):
        ac.key_up(m)
    ac.perform()


def ctrl(d, key: str, shift: bool = False) -> None:
    mods = (Keys.CONTROL, Keys.SHIFT) if shift else (Keys.CONTROL,)
    press(d, key, mods)


def local_storage(d) -> dict[str, str]:
    return _drv(d).execute_script(
        "var o = {}; for (var i = 0; i < localStorage.length; i++) {"
        " var k = localStorage.key(i); o[k] = localStorage.getItem(k); } return o;"
    )


def downloaded_file(directory, pattern: str, timeout: float = DEFAULT_TIMEOUT, exclude=()) -> Path:
    """Waits for a completed download whose name matches the regex `pattern` (and is not in
    `exclude`) in `directory`: no .crdownload left and the size stable. Returns its path."""
    directory = Path(directory)
    rx = re.compile(pattern)
    exclude = {Path(p).name for p in exclude}
    state = {"size": None}

    def ready():
        names = os.listdir(directory) if directory.is_dir() else []
        if any(n.endswith(".crdownload") or n.startswith(".com.google.Chrome") for n in names):
            return None
        hits = sorted(n for n in names if rx.search(n) and n not in exclude)
        if not hits:
            return None
        p = directory / hits[-1]
        size = p.stat().st_size
        if size == 0 or size != state["size"]:
            state["size"] = size
            return None
        return p

    try:
        return wait_for(ready, timeout, f"a finished download matching {pattern} in {directory}", interval=0.2)
    except AssertionError as e:
        names = os.listdir(directory) if directory.is_dir() else []
        raise AssertionError(f"{e}; the directory holds {names}") from None


def import_files(d, *paths) -> None:
    """Feeds files to input[type=file][data-action="import-files"] like a person picking them."""
    inp = wait_for(lambda: css_all(d, 'input[type="file"][data-action="import-files"]'), msg="the import input")[0]
    inp.send_keys("\n".join(str(Path(p).resolve()) for p in paths))


def messages(d, level: str | None = None) -> list[str]:
    sel = "[data-messages] [data-message]" + (f'[data-level="{level}"]' if level else "")
    return _drv(d).execute_script(
        "return Array.from(document.querySelectorAll(arguments[0])).map(e => e.textContent);", sel
    )


def _attrs(d, selector: str, attr: str) -> list[str]:
    return _drv(d).execute_script(
        "return Array.from(document.querySelectorAll(arguments[0])).map(e => e.getAttribute(arguments[1]));",
        selector, attr,
    )


def doc_ids(d) -> list[str]:
    return _attrs(d, "[data-doc]", "data-doc")


def copy_fixture(name: str, dest_dir: Path, new_name: str | None = None) -> Path:
    dest = Path(dest_dir) / (new_name or name)
    shutil.copyfile(FIXTURES / name, dest)
    return dest


def load_schema() -> dict:
    assert SCHEMA.is_file(), f"SPEC §6: the JSON Schema must ship at {SCHEMA}"
    return json.loads(SCHEMA.read_text(encoding="utf-8"))


def export_json(b, pattern: str = EXPORT_JSON_RE) -> tuple[Path, dict]:
    """Clicks [data-action="export-json"], waits for the new download and returns (path, parsed).
    (A second export in the same second of the same browser is renamed by chromium to
    "... (1).json": pass a looser pattern for it.)"""
    d = _drv(b)
    before = set(os.listdir(b.download_dir))
    css(d, '[data-action="export-json"]').click()
    p = downloaded_file(b.download_dir, pattern, exclude=before)
    return p, json.loads(p.read_text(encoding="utf-8"))




def show_doc(d, doc: str) -> None:
    """Opens document `doc` by clicking its list item and waits until it is shown."""
    if open_doc(d) != doc:
        retry_stale(lambda: _doc_item(d, doc).click())
    wait_for(lambda: open_doc(d) == doc and any(k.startswith(doc + ":") for k in page_labels(d)), msg=f"document {doc} open")


def _find_attr(d, attr: str, value: str):
    """The element whose attribute equals value (any characters, no CSS escaping needed)."""
    for e in css_all(d, f"[{attr}]"):
        if e.get_attribute(attr) == value:
            return e
    raise NoSuchElementException(f"no [{attr}={value!r}]")


def _doc_item(d, doc: str):
    return _find_attr(d, "data-doc", doc)


def focus_sentence(d, doc: str, i: int) -> None:
    """Clicks a sentence (HOOKS: clicking a sentence focuses it) and waits for aria-current."""
    show_doc(d, doc)
    key = f"{doc}:{i}"
    retry_stale(lambda: _find_attr(d, "data-sentence", key).click())
    wait_for(lambda: focused_sentence(d) == key, msg=f'{key} aria-current="true" after a click')


def wait_labels(d, doc: str, i: int, expected: list[str], msg: str = "") -> None:
    wait_for(
        lambda: sorted(sentence_labels(d, doc, i)) == sorted(expected),
        msg=msg or f"data-labels of {doc}:{i} == {expected}",
    )
    # the value must also stay (no flicker back)
    assert sorted(sentence_labels(d, doc, i)) == sorted(expected)


def seed_text(doc: str) -> tuple[str, str | None]:
    """(normalised text, date) of a bundled seed article as SPEC §2 defines them."""
    raw = (REPO / "static" / "articles" / f"{doc}.txt").read_bytes().decode("utf-8")
    t = raw.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    m = re.match(r"^\s*date (\d{4}-\d{2}-\d{2}) ", t)
    if m:
        return t[m.end():], m.group(1)
    return t, None


LABELS = ["claim", "denial", "demand"]


def check_export(data: dict, validate_schema: bool = True) -> None:
    """The invariants of SPEC §6 that hold for any export."""
    assert data.get("format") == "sentence-annotator", data.get("format")
    assert data.get("version") == 1, data.get("version")
    assert data.get("labels") == LABELS, data.get("labels")
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})", str(data.get("exported_at"))), data.get("exported_at")
    assert isinstance(data.get("app_version"), str) and data["app_version"]
    assert re.fullmatch(r".+@.+", str(data.get("segmenter"))), data.get("segmenter")
    docs = data.get("documents")
    assert isinstance(docs, list) and docs
    ids = [doc["id"] for doc in docs]
    assert len(ids) == len(set(ids)), f"duplicate document ids: {ids}"
    for doc in docs:
        text = doc["text"]
        assert "\r" not in text, f"{doc['id']}: text not normalised (CR found)"
        assert not text.startswith("\ufeff"), f"{doc['id']}: BOM kept"
        sents = doc["sentences"]
        assert sents, f"{doc['id']}: no sentences"
        assert [s["index"] for s in sents] == list(range(len(sents))), f"{doc['id']}: indices not 0..n-1"
        prev_end = 0
        for s in sents:
            st, en = s["start"], s["end"]
            assert 0 <= st < en <= len(text), f"{doc['id']}:{s['index']}: bad span {st}..{en}"
            assert text[st:en] == s["text"], f"{doc['id']}:{s['index']}: text[start:end] != text ({text[st:en]!r} vs {s['text']!r})"
            assert st >= prev_end, f"{doc['id']}:{s['index']}: overlaps the previous sentence"
            gap = text[prev_end:st]
            assert gap.strip() == "", f"{doc['id']}:{s['index']}: text between sentences is not annotatable: {gap!r}"
            prev_end = en
            assert isinstance(s["labels"], list), f"{doc['id']}:{s['index']}: labels must be a list"
            assert set(s["labels"]) <= set(LABELS), s["labels"]
        assert text[prev_end:].strip() == "", f"{doc['id']}: text after the last sentence: {text[prev_end:]!r}"
    if validate_schema:
        import jsonschema

        schema = load_schema()
        jsonschema.validators.validator_for(schema).check_schema(schema)
        jsonschema.validate(data, schema)


def export_labels(data: dict) -> dict[str, list[str]]:
    """{"<doc>:<index>": labels} of an export."""
    return {f"{doc['id']}:{s['index']}": list(s["labels"]) for doc in data["documents"] for s in doc["sentences"]}


def assert_page_matches_export(d, data: dict) -> None:
    """Every [data-sentence] of every document: text and data-labels equal the export."""
    exp = export_labels(data)
    for doc in data["documents"]:
        show_doc(d, doc["id"])
        on_page = page_labels(d)
        texts = page_sentences(d)
        keys = [f"{doc['id']}:{s['index']}" for s in doc["sentences"]]
        shown = sorted((k for k in on_page if k.startswith(doc["id"] + ":")), key=lambda k: int(k.rsplit(":", 1)[1]))
        assert shown == keys, f"{doc['id']}: sentences on the page {shown} != exported {keys}"
        for s in doc["sentences"]:
            k = f"{doc['id']}:{s['index']}"
            assert sorted(on_page[k]) == sorted(exp[k]), f"{k}: page labels {on_page[k]} != exported {exp[k]}"
            # (the focused sentence may hold its label buttons too, so: contains)
            assert s["text"].strip() in texts[k], f"{k}: page text {texts[k]!r} lacks exported {s['text']!r}"


# What a payload that ran, or markup parsed from outside text, would leave in the page.
INJECTED_JS = r"""
var bad = [];
document.querySelectorAll('[onerror],[onload],[onclick],[onmouseover]').forEach(e => bad.push('handler attr on <' + e.tagName + '>'));
document.querySelectorAll('script').forEach(e => { if ((e.textContent || '').includes('__pwned')) bad.push('script element from content'); });
document.querySelectorAll('img,svg image').forEach(e => { if ((e.getAttribute('src') || '') === 'x') bad.push('img src=x'); });
document.querySelectorAll('a[href^="javascript:" i]').forEach(e => bad.push('javascript: link'));
document.querySelectorAll('b').forEach(e => { if (e.textContent === 'bold') bad.push('<b> from content'); });
document.querySelectorAll('textarea').forEach(e => { if (!e.hasAttribute('data-action')) bad.push('stray textarea'); });
return bad;
"""


def assert_not_pwned(d, what: str = "a payload") -> None:
    """The canary global the payloads set stays unset, and no markup from outside text is live."""
    assert d.execute_script("return typeof window.__pwned;") == "undefined", f"{what} ran"
    injected = d.execute_script(INJECTED_JS)
    assert not injected, f"{what} was parsed as markup: {injected}"


_FIXTURES_AND_HOOKS = {"annotations", "pytest_sessionstart", "server", "serve", "browsers", "browser", "driver", "pytest_runtest_makereport"}
__all__ = [
    n
    for n, v in list(globals().items())
    if not n.startswith("_") and n not in _FIXTURES_AND_HOOKS and type(v).__name__ != "module"
]
