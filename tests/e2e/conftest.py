"""Fixtures and hooks of the end-to-end tests; the harness itself (server, browser, page
helpers, export rules) is the `harness` package next to this file.

- `server` serves dist/ (or $E2E_DIST) for the whole session; `serve` serves any directory,
  under a sub-path too;
- `browsers` / `browser` / `driver` start Debian's headless Chromium on a fresh profile
  (`browsers(engine="firefox")` / `"webkit"`: Firefox ESR or WebKitGTK instead, test_engines.py;
  a missing engine fails the test, naming `scripts/setup.sh test`);
- `couch` starts PouchDB Server (a CouchDB, harness/couch.py) for one test, `couch_db` gives it
  the database `team` with the design document, and `couch_site` serves dist/ with that
  server behind the same-origin proxy `/couchdb/` (the page's sync URL: `couchdb/team`);
  `couch.stop()` / `couch.start()` take the database down and bring it back;
- after every test, the guards fail it when the page reached outside its origin, violated its
  CSP, logged a console error or a wasm panic (a failed test leaves a screenshot and its HTML
  in $E2E_ARTIFACTS).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from harness import ARTIFACTS, DIST, Browser, CouchServer, StaticServer, missing_binaries
from selenium.common.exceptions import WebDriverException


def pytest_sessionstart(session):
    # artifacts of an earlier run would mislead
    if ARTIFACTS.is_dir():
        for f in ARTIFACTS.glob("tests_e2e_*"):
            f.unlink()


def pytest_collection_modifyitems(items):
    # The browsers are set up after the team database and its site, so they are checked and
    # quit before those go down: an idle syncing page always has a listen out (a request the
    # database holds), which a server going down under it answers 502, an error of the
    # test's teardown, not of the page.
    for item in items:
        names = item.fixturenames
        if "browsers" in names and ("couch" in names or "couch_site" in names):
            names.remove("browsers")
            names.append("browsers")


@pytest.hookimpl(tryfirst=True, hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    rep = outcome.get_result()
    setattr(item, "rep_" + rep.when, rep)


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


@pytest.fixture
def couch(tmp_path):
    """PouchDB Server for one test, its data in tmp_path (kept across couch.stop()/start()),
    in admin party until couch.set_admin(...)."""
    srv = CouchServer(directory=tmp_path / "couch")
    yield srv
    srv.close()


@pytest.fixture
def couch_db(couch) -> str:
    """The database `team` on `couch`, with couchdb/design.json installed; its name."""
    couch.create_db("team")
    return "team"


@pytest.fixture
def couch_site(couch, tmp_path):
    """dist/ (an empty directory when the page is not built: protocol-only tests) served on
    127.0.0.1 with `couch` behind the proxy prefix /couchdb/, one origin for both."""
    root = DIST if (DIST / "index.html").is_file() else tmp_path / "site"
    root.mkdir(parents=True, exist_ok=True)
    srv = StaticServer(root, proxies={"/couchdb/": couch.url})
    yield srv
    srv.close()


@pytest.fixture
def browsers(request, tmp_path, server, serve):
    """Factory: browsers(profile=None, origins=None, engine="chromium") starts a browser session.

    Every session it started is checked by the guards at teardown (a quit one was checked as it
    quit). `profile` reuses a user-data-dir (reload / restart tests); default is a fresh one.
    The servers of `serve` outlive the browsers (they are torn down after them): a page whose
    server vanished under it (e.g. while its service worker was still being fetched) would log
    errors of the test's teardown, not of the page.
    """
    started: list[Browser] = []
    counter = [0]

    def _start(profile: Path | None = None, downloads: Path | None = None, origins: list[str] | None = None,
               engine: str = "chromium") -> Browser:
        missing = missing_binaries(engine)
        if missing:
            pytest.fail(f"{engine} cannot be started: " + "; ".join(missing), pytrace=False)
        counter[0] += 1
        n = counter[0]
        if profile is None:
            profile = tmp_path / f"profile{n}"
        if downloads is None:
            downloads = tmp_path / f"downloads{n}"
        Path(profile).mkdir(parents=True, exist_ok=True)
        Path(downloads).mkdir(parents=True, exist_ok=True)
        b = Browser(profile, downloads, origins or [server.origin], engine=engine)
        started.append(b)
        return b

    yield _start

    failed = getattr(request.node, "rep_call", None) is not None and request.node.rep_call.failed
    problems = []
    for i, b in enumerate(started):
        if failed and not b.closed:
            b.save_artifacts(ARTIFACTS, re.sub(r"[^A-Za-z0-9_.-]+", "_", request.node.nodeid) + f"-{i}")
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
