"""Offline use and installing (docs/ARCHITECTURE.md, Offline use; hooks in docs/FORMAT.md §4):
the web app manifest, the service worker (after one visit the page opens and works with its
server gone, under a sub-path too; a new deployment is picked up; requests that are not the
page's own files, such as the sync database's, pass through untouched), persistent storage and
the Safari notice. The guards (CSP violations, console errors, requests off the origin) run
after each test as everywhere."""

import json
import os
import re
import shutil
import subprocess
import sys

from harness import *  # noqa: F401,F403

PREFIX = "sentence-annotator-"
SAFARI_UA = (
    "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) "
    "Version/17.4 Safari/605.1.15"
)


# -- helpers ------------------------------------------------------------------------------


def page_fetch(d, url: str) -> dict:
    """fetch(url) from the page: {"status", "type", "text"}, or {"error"} when it failed."""
    return d.execute_async_script(
        """
        const done = arguments[arguments.length - 1];
        fetch(arguments[0]).then(async r => done({status: r.status, type: r.headers.get('content-type'),
                                                 text: await r.text()}))
                           .catch(e => done({error: String(e)}));
        """,
        url,
    )


def caches_now(d) -> dict[str, list[str]]:
    """{cache name: [cached URL, ...]} of the page's origin (the Cache API, as the worker sees it)."""
    return d.execute_async_script(
        """
        const done = arguments[arguments.length - 1];
        (async () => {
          const out = {};
          for (const name of await caches.keys()) {
            out[name] = (await (await caches.open(name)).keys()).map(r => r.url);
          }
          return out;
        })().then(done, e => done({error: String(e)}));
        """
    )


def wait_controlled(d) -> None:
    """Waits until a service worker controls the page and the page says offline use is ready."""
    wait_for(lambda: d.execute_script("return !!(navigator.serviceWorker && navigator.serviceWorker.controller);"),
             msg="a service worker controls the page")
    wait_for(lambda: css_all(d, '[data-offline="ready"]'), msg='[data-offline="ready"]')


def worker_version(root) -> str:
    m = re.search(r'^const VERSION = "([0-9a-f]+)";$', (root / "sw.js").read_text(encoding="utf-8"), re.M)
    assert m, "sw.js has no VERSION written by scripts/precache.py"
    return m.group(1)


def expected_cache(base_url: str, root) -> set[str]:
    """Every file of a dist/ but the worker and the precompressed copies (.gz, .br: the server's,
    not the page's), as cache keys (index.html under the page's own URL)."""
    out = set()
    for p in root.rglob("*"):
        rel = p.relative_to(root).as_posix()
        if p.is_file() and rel != "sw.js" and p.suffix not in (".gz", ".br"):
            out.add(base_url if rel == "index.html" else base_url + rel)
    return out


def wait_precached(d, base_url: str, root) -> str:
    """Waits for one cache of the page holding every file of `root`; returns its name."""
    want = expected_cache(base_url, root)

    def complete():
        now = caches_now(d)
        assert "error" not in now, now
        full = [name for name, urls in now.items() if name.startswith(PREFIX) and want <= set(urls)]
        return full[0] if len(now) == 1 and full else None

    return wait_for(complete, msg=f"one cache holding every file of {root}")


def go_offline(b) -> None:
    # The browser checks for a new worker by itself (on navigation); without network that check
    # fails, and Chromium logs it (not naming the file).
    b.console_allow.append(r"An unknown error occurred when fetching the script")
    b.cdp("Network.enable")
    b.cdp("Network.emulateNetworkConditions",
          {"offline": True, "latency": 0, "downloadThroughput": -1, "uploadThroughput": -1})


def copy_dist(tmp_path):
    root = tmp_path / "dist"
    shutil.copytree(DIST, root)
    return root


# -- tests --------------------------------------------------------------------------------


def test_manifest_is_linked_valid_and_relative(browser, server):
    d = browser.driver
    open_app(browser, server.url)
    href = d.execute_script("const l = document.querySelector('link[rel=manifest]'); return l && l.href;")
    assert href == server.url + "manifest.webmanifest", href
    got = page_fetch(d, "manifest.webmanifest")
    assert got.get("status") == 200, got
    data = json.loads(got["text"])
    for field in ("name", "short_name", "start_url", "scope", "display", "icons", "theme_color", "background_color"):
        assert data.get(field), f"manifest has no {field}"
    assert data["name"] == "Sentence Annotator"
    assert data["start_url"] == "./" and data["scope"] == "./"
    assert data["display"] == "standalone"
    sizes = {i["sizes"] for i in data["icons"]}
    assert {"192x192", "512x512"} <= sizes, sizes
    for icon in data["icons"]:
        src = icon["src"]
        assert not src.startswith("/") and "://" not in src, f"icon URL not relative: {src}"
        got = page_fetch(d, src)
        assert got.get("status") == 200, (src, got)
        assert got["type"].startswith(icon["type"]), (src, got["type"])
    # Chromium read it too, without errors (a CSP block or bad JSON would show here).
    parsed = browser.cdp("Page.getAppManifest")
    assert parsed.get("url") == href, parsed
    assert not parsed.get("errors"), parsed.get("errors")
    csp = d.execute_script(
        "return document.querySelector('meta[http-equiv=Content-Security-Policy]').getAttribute('content');")
    assert "worker-src 'self'" in csp and "manifest-src 'self'" in csp, csp
    assert "'unsafe-inline'" not in csp and "'unsafe-eval'" not in csp, csp


def test_works_offline_after_one_visit_under_a_sub_path(browsers, serve):
    srv = serve(prefix="/sub/app/")
    b = browsers(origins=[srv.origin])
    d = b.driver
    open_app(b, srv.url)
    wait_controlled(d)
    scope = d.execute_async_script(
        "const done = arguments[arguments.length - 1];"
        "navigator.serviceWorker.ready.then(r => done(r.scope), e => done(String(e)));")
    assert scope == srv.url, scope
    wait_precached(d, srv.url, DIST)
    tag(d, SEED_000, 0, "1", ["claim"])
    wait_for(lambda: stored_labels(d).get(f"{SEED_000}:0") == ["claim"], msg="label saved before going offline")
    assert all(p.startswith("/sub/app/") for p in srv.paths()), "the worker fetched outside the sub-path"

    # no network at all: the server is gone and the browser is offline
    srv.close()
    go_offline(b)
    assert d.execute_script("return navigator.onLine;") is False
    reload(b)
    wait_for(lambda: {SEED_000, SEED_003} <= set(doc_ids(d)), msg="seed documents listed offline")
    assert sentence_labels(d, SEED_000, 0) == ["claim"], "the label saved online is shown offline"
    # annotating still works, and is stored
    show_doc(d, SEED_003)
    tag(d, SEED_003, 1, "2", ["denial"])
    wait_for(lambda: stored_labels(d).get(f"{SEED_003}:1") == ["denial"], msg="label saved offline")
    assert css_all(d, '[data-storage-persist]'), "the storage line is shown offline"
    # and once more, from the cache again
    reload(b)
    show_doc(d, SEED_003)
    assert sentence_labels(d, SEED_003, 1) == ["denial"]


def test_a_new_deployment_is_picked_up(browsers, serve, tmp_path):
    root = copy_dist(tmp_path)
    srv = serve(root)
    b = browsers(origins=[srv.origin])
    d = b.driver
    open_app(b, srv.url)
    wait_controlled(d)
    old = wait_precached(d, srv.url, root)
    assert old == PREFIX + worker_version(root)

    # A deployment: a changed page, a hashed file under a new name (as a changed stylesheet
    # would be), and the worker's list written again as the build does (scripts/precache.py on
    # the new dist/).
    html = (root / "index.html").read_text(encoding="utf-8")
    # (Trunk's hash has no leading zeros: 16 hex digits or fewer.)
    css_old = re.search(r'href="\./(style-[0-9a-f]{8,16}\.css)"', html).group(1)
    css_new = "style-00000000e2e00002.css"
    (root / css_old).rename(root / css_new)
    html = html.replace(css_old, css_new).replace(
        "<title>", '<meta name="e2e-deployment" content="2" />\n    <title>', 1)
    (root / "index.html").write_text(html, encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if k != "TRUNK_STAGING_DIR"}
    subprocess.run([sys.executable, str(REPO / "scripts" / "precache.py"), str(root)], check=True, env=env,
                   capture_output=True)
    new = PREFIX + worker_version(root)
    assert new != old, "the worker's version did not change with the page"

    # online: the next load is the new page (network first), and the new worker takes over
    reload(b)
    marker = "return !!document.querySelector('meta[name=e2e-deployment]');"
    assert d.execute_script(marker), "the reload showed the old page"
    sheet = "return Array.from(document.styleSheets).map(s => s.href).filter(h => h && h.includes('/style-'));"
    assert d.execute_script(sheet) == [srv.url + css_new]
    wait_for(lambda: list(caches_now(d)) == [new], msg=f"only the new cache {new} left")
    wait_precached(d, srv.url, root)
    assert srv.url + css_old not in caches_now(d)[new]

    # and the new version is the one that opens offline
    srv.close()
    go_offline(b)
    reload(b)
    assert d.execute_script(marker), "offline, the old page came back"
    assert d.execute_script(sheet) == [srv.url + css_new]
    assert d.execute_script("return document.styleSheets[0].cssRules.length;") > 0, "the new stylesheet is empty"


def test_worker_leaves_other_requests_alone(browsers):
    # A stand-in for the sync database on the page's origin (couchdb/… behind the same
    # reverse proxy): the worker must neither answer nor cache it.
    srv = StaticServer(DIST, pages={"/couchdb/team": ("application/json", b'{"db_name":"team"}')})
    try:
        b = browsers(origins=[srv.origin])
        d = b.driver
        open_app(b, srv.url)
        wait_controlled(d)
        srv.take()
        for _ in range(2):
            got = page_fetch(d, "couchdb/team")
            assert got.get("status") == 200 and json.loads(got["text"]) == {"db_name": "team"}, got
        assert srv.take().count("/couchdb/team") == 2, "a database request did not reach the server"
        assert not [u for urls in caches_now(d).values() for u in urls if "couchdb" in u], "database response cached"

        srv.close()
        b.console_allow.append(r"couchdb/team.*(ERR_CONNECTION_REFUSED|Failed to fetch)")
        b.console_allow.append(r"An unknown error occurred when fetching the script")
        got = page_fetch(d, "couchdb/team")
        assert "error" in got, f"the database was answered with the server gone: {got}"
        got = page_fetch(d, "labels.json")
        assert got.get("status") == 200 and json.loads(got["text"])["labels"], "the page's own file is cached"
    finally:
        srv.close()


def test_storage_persistence_is_shown(browser, server):
    d = browser.driver
    open_app(browser, server.url)
    el = wait_for(lambda: [e for e in css_all(d, "[data-storage-persist]")
                           if e.get_attribute("data-storage-persist") in ("granted", "denied")],
                  msg="[data-storage-persist] granted or denied (127.0.0.1 is a secure context)")[0]
    state = el.get_attribute("data-storage-persist")
    text = el.text
    assert text.startswith("Storage:"), text
    if state == "granted":
        assert "persistent" in text, text
    else:
        assert "may be cleared by the browser" in text, text
        assert css_all(d, '[data-action="persist-storage"]'), "no way to ask again"
    persisted = d.execute_async_script(
        "const done = arguments[arguments.length - 1]; navigator.storage.persisted().then(done, () => done(null));")
    assert persisted == (state == "granted"), (persisted, state)
    wait_for(lambda: css_all(d, '[data-offline="ready"]'), msg="offline use ready")
    # Chromium does not delete after 7 days: no Safari notice
    assert not css_all(d, "[data-safari-notice]")


def test_safari_is_told_about_seven_days(browser, server):
    d = browser.driver
    browser.cdp("Network.enable")
    browser.cdp("Network.setUserAgentOverride", {"userAgent": SAFARI_UA})
    open_app(browser, server.url)
    assert d.execute_script("return navigator.userAgent;") == SAFARI_UA
    notice = one_visible(d, "[data-safari-notice]", msg="the Safari notice")
    assert "7 days" in notice.text and "export" in notice.text, notice.text


def test_a_refused_registration_is_told_and_the_page_works(browsers, serve, tmp_path):
    # A deployment without its worker (sw.js missing): registration fails, in words, no panic.
    root = copy_dist(tmp_path)
    (root / "sw.js").unlink()
    srv = serve(root)
    b = browsers(origins=[srv.origin])
    # Chromium logs the failed script fetch itself (without naming the file)
    b.console_allow.append(r"sw\.js.*404|A bad HTTP response code \(404\) was received when fetching the script")
    d = b.driver
    open_app(b, srv.url)
    el = wait_for(lambda: css_all(d, '[data-offline="error"]'), msg='[data-offline="error"]')[0]
    assert el.text.startswith("Offline use: not available (") and "works while online" in el.text, el.text
    assert not d.execute_script("return navigator.serviceWorker.controller;")
    tag(d, SEED_000, 0, "1", ["claim"])
    wait_for(lambda: stored_labels(d).get(f"{SEED_000}:0") == ["claim"], msg="label saved without a worker")
