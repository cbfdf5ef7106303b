"""The agreement panel (10., section `agreement`): a generated 2,000-sentence article imported,
the page's own export rewritten into 8 annotators' exports (corpus.colleague_exports) and
imported in one drop; then each opening of the panel timed in the page, click -> the overall
alpha row in the DOM -> the next frame -> after that frame, the panel closed between runs."""

from __future__ import annotations

import time
from pathlib import Path

from harness import StaticServer, css_all, export_json, import_files, set_annotator, wait_for

from .browser import SEEDS, BenchBrowser, doc_count, fresh_origin, open_page, page_messages
from .corpus import colleague_exports
from .stats import log, summary

# The agreement panel (10.): one opening per call, measured in the page. The figures are
# computed when the panel mounts (Yew renders in a microtask queued by the click), so the
# clock starts just before HTMLElement.click() and stops when the MutationObserver sees the
# overall alpha row, at the next animation frame and after that frame.
PANEL_OPEN_JS = r"""
var done = arguments[arguments.length - 1];
var SEL = '[data-panel="agreement"] [data-metric="krippendorff_alpha"]:not([data-label])';
if (document.querySelector('[data-panel="agreement"]')) { done({error: 'the panel is open already'}); return; }
var btn = document.querySelector('[data-action="agreement"]');
if (!btn) { done({error: 'no [data-action="agreement"]'}); return; }
var r = {t0: null, dom: null, raf: null, post: null};
var mo = new MutationObserver(function () {
  if (r.dom !== null || !document.querySelector(SEL)) return;
  r.dom = performance.now();
  mo.disconnect();
  requestAnimationFrame(function () {
    r.raf = performance.now();
    var ch = new MessageChannel();
    ch.port1.onmessage = function () {
      r.post = performance.now();
      var a = document.querySelector(SEL);
      r.alpha = a.getAttribute('data-value');
      r.alpha_n = a.getAttribute('data-n');
      r.pairs = document.querySelectorAll('[data-panel="agreement"] [data-metric="cohen_kappa"]').length;
      r.fleiss_n = (document.querySelector('[data-panel="agreement"] [data-metric="fleiss_kappa"]') || {getAttribute: function () { return null; }}).getAttribute('data-n');
      r.nodes = document.querySelector('[data-panel="agreement"]').getElementsByTagName('*').length;
      done(r);
    };
    ch.port2.postMessage(0);
  });
});
mo.observe(document.body, {childList: true, subtree: true, attributes: true});
setTimeout(function () { if (r.dom === null) { mo.disconnect(); done({error: 'no alpha row within 20 s'}); } }, 20000);
r.t0 = performance.now();
btn.click();
"""

PANEL_CLOSE_JS = r"""
var done = arguments[arguments.length - 1];
var btn = document.querySelector('[data-panel="agreement"] [data-action="agreement-close"]')
  || document.querySelector('[data-action="agreement"]');
var t0 = performance.now();
btn.click();
(function wait() {
  if (document.querySelector('[data-panel="agreement"]')) { requestAnimationFrame(wait); return; }
  var t1 = performance.now();
  requestAnimationFrame(function () { done(t1 - t0); });
})();
"""

AGREEMENT_NAMES = ["bench-me"] + [f"colleague-{k}" for k in range(1, 8)]  # own name first


def bench_agreement(srv: StaticServer, article: Path, doc_id: str, work: Path, runs: int, warmup: int,
                    settle: float = 0.3) -> dict:
    """10. the agreement panel: click -> alpha shown, `runs` openings (after `warmup`)."""
    downloads = work / "downloads"
    downloads.mkdir(exist_ok=True)
    with BenchBrowser(download_dir=downloads) as b:
        fresh_origin(b, srv)
        open_page(b, srv, SEEDS)
        set_annotator(b, AGREEMENT_NAMES[0])
        import_files(b, article)
        wait_for(lambda: doc_count(b) >= SEEDS + 1, 120, "the article imported")
        _, export = export_json(b)
        files = colleague_exports(export, doc_id, AGREEMENT_NAMES, work)
        t0 = time.monotonic()
        import_files(b, *files)
        others = sorted(AGREEMENT_NAMES[1:])
        wait_for(lambda: sorted(e.get_attribute("data-layer") for e in css_all(b, '[data-panel="team"] [data-layer]'))
                 == others, 120, f"the team panel lists layers {others}")
        log(f"agreement: 8 exports imported in {time.monotonic() - t0:.1f} s (wall)")
        time.sleep(1.0)  # saving the layers
        opens, closes, first = [], [], None
        for _ in range(runs + warmup):
            r = b.driver.execute_async_script(PANEL_OPEN_JS)
            if r.get("error"):
                raise RuntimeError(f"agreement panel: {r['error']}")
            first = first or r
            opens.append(r)
            time.sleep(settle)
            closes.append(b.driver.execute_async_script(PANEL_CLOSE_JS))
            time.sleep(settle)
        team = b.js("var e = document.querySelector('[data-panel=\"team\"] [data-layer-own]'); return e ? e.textContent : null;")
        measured = opens[warmup:]
        out = {
            "annotators": len(AGREEMENT_NAMES),
            "sentences": len(next(d for d in export["documents"] if d["id"] == doc_id)["sentences"]),
            "documents_in_page": len(export["documents"]),
            "click_to_dom": summary([r["dom"] - r["t0"] for r in measured], "ms"),
            "click_to_frame": summary([r["raf"] - r["t0"] for r in measured], "ms"),
            "click_to_after_frame": summary([r["post"] - r["t0"] for r in measured], "ms"),
            "close": summary(closes[warmup:], "ms"),
            "warmup_click_to_after_frame": [round(r["post"] - r["t0"], 1) for r in opens[:warmup]],
            "alpha": first.get("alpha"), "alpha_n": first.get("alpha_n"), "fleiss_n": first.get("fleiss_n"),
            "pairs": first.get("pairs"), "panel_elements": first.get("nodes"), "own_layer_line": team,
            "page_error_messages": page_messages(b)[:5],
            "console_problems": b.console_problems()[:5],
        }
        log(f"agreement panel: {out['pairs']} pairs, alpha {out['alpha']} over {out['alpha_n']} sentences, "
            f"Fleiss n {out['fleiss_n']}; click -> after the frame median {out['click_to_after_frame']['median']:.1f} ms, "
            f"p95 {out['click_to_after_frame']['p95']:.1f} ms")
        return out
