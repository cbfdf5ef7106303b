"""The harness's own guards must be able to fail: a tiny page of our own trips each of them."""

import os

from harness import *  # noqa: F401,F403

BAD_PAGE = """<!doctype html><html><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'self'; img-src 'self'; script-src 'self'; connect-src 'self' http://127.0.0.2:9">
<script src="bad.js"></script></head><body><p data-sentence="x:0" data-labels="">x</p></body></html>"""

BAD_JS = """
console.error("panicked at src/lib.rs:1:1: boom");
fetch("http://127.0.0.2:9/outside").catch(function () {});
window.addEventListener("DOMContentLoaded", function () {
  var i = document.createElement("img"); i.src = "data:image/gif;base64,R0lGODlhAQABAAAAACw="; document.body.appendChild(i);
  var a = document.createElement("a"); a.href = URL.createObjectURL(new Blob(["hello"], {type: "text/plain"}));
  a.download = "annotations-ann-20240102-030405.json"; a.id = "dl"; a.textContent = "dl"; document.body.appendChild(a);
});
"""


def test_guards_catch_foreign_requests_csp_and_panics(browsers, serve, tmp_path):
    root = tmp_path / "site"
    root.mkdir()
    (root / "index.html").write_text(BAD_PAGE, encoding="utf-8")
    (root / "bad.js").write_text(BAD_JS, encoding="utf-8")
    srv = serve(root=root, prefix="/p/")
    b = browsers(origins=[srv.origin])
    open_app(b, srv.url)
    d = b.driver
    wait_for(lambda: d.execute_script("return (window.__cspViolations || []).length") > 0, msg="CSP violation recorded")
    # the downloads helper waits for a finished file
    css(d, "#dl").click()
    p = downloaded_file(b.download_dir, EXPORT_JSON_RE)
    assert p.read_text() == "hello"
    assert not [n for n in os.listdir(b.download_dir) if n.endswith(".crdownload")]
    # the violation survives a reload (kept in sessionStorage)
    reload(b)
    probs = wait_for(lambda: (lambda ps: ps if any("CSP" in x for x in ps) and any(x.startswith("request outside") and "127.0.0.2" in x for x in ps) and any("panicked" in x for x in ps) else None)(b.problems()),
                     msg="all three guards tripped")
    assert any(x.startswith("CSP violation") and "img-src" in x for x in probs)
    assert "/p/" in srv.paths() and "/p/bad.js" in srv.paths(), srv.paths()
    # it was all expected here: clear so the teardown guard passes
    d.execute_script("sessionStorage.clear();")
    d.get("about:blank")
    b.collect()
    b.requests.clear()
    b.console.clear()
    b.csp_violations.clear()
    assert b.problems() == []
