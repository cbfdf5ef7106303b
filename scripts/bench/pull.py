"""A curator's first pull in the page (section `pull`): why a separate section? The sync's
protocol has a native bench (`scripts/record_sync.py bench`: the core and PouchDB Server, no
browser); a curator waits for the page: its fetches, the answers decoded in wasm, 4,000
layers' records and 200 articles going into the session, IndexedDB and the list. Measured:

- PouchDB Server (in memory, the tests' `CouchServer`) seeded as the native bench seeds it:
  20 annotators who each decided the 30 sentences of 200 articles (4,000 sheets), and the
  200 articles, written by the admin;
- a fresh page, the annotator name `cora` (a curator) typed, the sync's URL and password put
  in the panel's fields: the click on Start (in-page clock) -> the status `idle` (in step),
  and the largest count the panel's catch-up line showed;
- what arrived: documents listed, layers in the team panel;
- the reload: navigation -> the status `idle` again with every document listed (nothing
  pulled again: the checkpoint and the layers are in IndexedDB).
"""

from __future__ import annotations

import time
from pathlib import Path

from harness import CouchServer, StaticServer, WaitTimeout, css_all, docs_total, open_app, set_annotator, wait_for

from .browser import BenchBrowser
from .stats import log, summary

ANNOTATORS = 20
ARTICLES = 200
SENTENCES = 30
T0 = 1_760_000_000_000
# annotator_core::segment::SEGMENTER: the sheets name the segmenter their boundaries are of.
SEGMENTER = "sa-rules@3"

# Puts the URL and password in the sync panel's fields, clicks Start and records, in the page,
# the click, the first `idle` after it, and every count of the catch-up line (window.__pull).
START_JS = r"""
var P = window.__pull = {t0: 0, idle: null, pulled: []};
function set(sel, v, ev) {
  var e = document.querySelector(sel);
  e.value = v;
  if (ev) e.dispatchEvent(new Event(ev, {bubbles: true}));
}
set('[data-setting="sync-url"]', arguments[0], 'change');
set('[data-setting="sync-password"]', arguments[1], null);
var mo = new MutationObserver(function () {
  var c = document.querySelector('[data-sync-pulled]');
  if (c) P.pulled.push(+c.getAttribute('data-sync-pulled'));
  var s = document.querySelector('[data-sync-status]');
  if (s && s.getAttribute('data-sync-status') === 'idle' && P.idle === null) { P.idle = performance.now(); mo.disconnect(); }
});
mo.observe(document.body, {childList: true, subtree: true, attributes: true});
P.t0 = performance.now();
document.querySelector('[data-action="sync-start"]').click();
"""


def _seed(couch: CouchServer) -> int:
    """The native bench's team (examples/sync_record.rs, `bench`), written by the admin."""
    docs = []
    for a in range(ARTICLES):
        text = "".join(f"Sentence {i} of article {a} says something rather ordinary here. " for i in range(SENTENCES))
        docs.append({"_id": f"article:a{a:03}", "type": "article", "doc": f"a{a:03}", "title": f"Article {a}", "text": text})
        for n in range(ANNOTATORS):
            name = "maria" if n == 0 else f"ann{n:02}"
            s = {}
            for i in range(SENTENCES):
                rec = {"t": T0 + i * 1000, "h": f"{i * 7919 + a:08x}"}
                if (i + n) % 4 == 0:
                    rec["l"] = [["claim", "denial", "demand"][(i + a) % 3]]
                else:
                    rec["z"] = True
                s[str(i)] = rec
            docs.append({"_id": f"ann:{name}:a{a:03}", "type": "ann", "annotator": name, "doc": f"a{a:03}",
                         "seg": SEGMENTER, "s": s, "done": True, "done_t": T0})
    for k in range(0, len(docs), 500):
        couch.ok("POST", "team/_bulk_docs", {"docs": docs[k:k + 500]})
    return len(docs)


def _layers(b: BenchBrowser) -> int:
    return len(css_all(b.driver, '[data-panel="team"] [data-layer]'))


def bench_pull(dist: Path, cfg: dict) -> dict:
    rep: dict = {"problems": []}
    couch = CouchServer(in_memory=True)
    site = None
    try:
        couch.create_db("team")
        couch.add_user("cora", "pw-cora", roles=["curator"])
        couch.set_admin("admin", "pw-admin")
        t = time.monotonic()
        rep["seeded"] = _seed(couch)
        log(f"pull: seeded {rep['seeded']} documents in {time.monotonic() - t:.1f} s")
        site = StaticServer(dist, proxies={"/couchdb/": couch.url})
        want = ARTICLES + 2  # and the two bundled articles
        with BenchBrowser() as b:
            open_app(b, site.url)
            set_annotator(b.driver, "cora")
            b.js(START_JS.replace("arguments[0]", "'couchdb/team'").replace("arguments[1]", "'pw-cora'"))
            wait_for(lambda: b.js("return window.__pull.idle !== null;"), 300, "the first pull in step", interval=0.05)
            p = b.js("return window.__pull;")
            rep["first_pull_ms"] = round(p["idle"] - p["t0"], 1)
            rep["catch_up_largest_count"] = max(p["pulled"], default=None)
            rep["catch_up_counts_seen"] = len(p["pulled"])
            rep["docs_listed"] = docs_total(b.driver)
            rep["layers"] = _layers(b)
            log(f"pull: in step after {rep['first_pull_ms']:.0f} ms, {rep['docs_listed']} documents, {rep['layers']} layers")
            reloads = []
            for _ in range(cfg.get("pull_reloads", 3)):
                t0 = time.monotonic()
                b.driver.refresh()
                wait_for(lambda: docs_total(b.driver) >= want and b.js(
                    "var s = document.querySelector('[data-sync-status]');"
                    " return !!s && s.getAttribute('data-sync-status') === 'idle';"), 120,
                    "every document listed and the sync in step after a reload", interval=0.05)
                reloads.append((time.monotonic() - t0) * 1000)
            rep["reload_in_step_wall"] = summary(reloads, "ms")
            rep["layers_after_reload"] = _layers(b)
            rep["problems"].extend(b.console_problems()[:3])
    except (WaitTimeout, RuntimeError, AssertionError) as e:
        rep["problems"].append(str(e)[:500])
        log(f"pull: {e}")
    finally:
        if site:
            site.close()
        couch.close()
    return rep
