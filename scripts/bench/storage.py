"""Saving (5., section `save`): the time the page spends in `localStorage.setItem` (wrapped by
the instrumentation) per key press, with few and with many labelled sentences stored (the
state preloaded as the storage keys gen_corpus makes), and which keys each press writes."""

from __future__ import annotations

import re

from harness import StaticServer, focus_sentence, shard_records, show_doc

from .browser import SEEDS, BenchBrowser, fresh_origin, open_page, page_messages
from .keys import latencies, press_keys, profile_tags
from .stats import log


def saves_per_press(presses: list[dict], sets: list[dict], warmup: int) -> dict:
    """The setItem calls of each press after the first `warmup` (each call belongs to the
    latest keydown before it): time, calls, characters, key -> last setItem done, and the
    storage keys written (one document's shards as `sa/v1/ann/*`, `sa/v1/doc/*`)."""
    starts = [p["seen"] for p in presses]
    per = [{"ms": 0.0, "calls": 0, "chars": 0, "last_end": None, "keys": set()} for _ in starts]
    for s in sets:
        idx = max((i for i, t in enumerate(starts) if t <= s["start"]), default=None)
        if idx is None:
            continue
        d = per[idx]
        d["ms"] += s["end"] - s["start"]
        d["calls"] += 1
        d["chars"] += s["len"]
        d["last_end"] = s["end"]
        d["keys"].add(re.sub(r"^(sa/v1/(?:ann|doc)/).*", r"\1*", s["k"]))
    per = per[warmup:]
    return {
        "save_ms": [d["ms"] for d in per],
        "save_calls": [d["calls"] for d in per],
        "save_chars": [d["chars"] for d in per],
        "key_to_saved": [d["last_end"] - p["seen"] for d, p in zip(per, presses[warmup:]) if d["last_end"] is not None],
        "save_keys": sorted(set().union(*[d["keys"] for d in per])) if per else [],
    }


def bench_save(srv: StaticServer, state: dict, info: dict, presses: int, warmup: int) -> dict:
    """`presses` presses of 2 (after `warmup`) in document info["open_doc"] of a page whose
    localStorage holds `state` (gen_corpus's storage output, described by `info`)."""
    with BenchBrowser() as b:
        wrote = fresh_origin(b, srv, state)
        log(f"save: preloaded {wrote['written']}/{len(state)} keys ({wrote['units']} UTF-16 units), {wrote['failed']} refused")
        open_page(b, srv, info["docs"] + SEEDS, timeout=120)
        load = b.bench("{fs: B.firstSentence}")
        doc = info["open_doc"]
        show_doc(b, doc, timeout=30)
        labelled = b.js("return document.querySelectorAll('[data-sentence][data-labels~=\"claim\"]').length;")
        focus_sentence(b, doc, 2)
        keys, sets, timeouts = press_keys(b, ["2"] * (presses + warmup), "data-labels", settle=0.2, record_sets=True)
        r = latencies(keys[warmup:], timeouts)
        r.update(saves_per_press(keys, sets, warmup))
        r["cpu_profile_of_20_tags"] = profile_tags(b, doc, 2)
        r["preload"] = wrote
        r["first_sentence_painted_ms"] = load["fs"]
        r["labelled_sentences_shown_in_open_doc"] = labelled
        r["page_error_messages"] = page_messages(b)[:5]
        # The person's own records as stored (docs/FORMAT.md §3): characters a record, key included.
        shards = b.js("var o = {}; for (var i = 0; i < localStorage.length; i++) { var k = localStorage.key(i); "
                      "if (k.indexOf('sa/v1/ann/') === 0) o[k] = localStorage.getItem(k); } return o;")
        records = sum(len(shard_records(v)) for v in shards.values())
        units = sum(len(k) + len(v.encode("utf-16-le")) // 2 for k, v in shards.items())
        r["own_records"] = {"records": records, "units": units, "per_record": round(units / records, 1) if records else None}
        r["storage_units_after"] = b.js("var n = 0; for (var i = 0; i < localStorage.length; i++) { var k = localStorage.key(i); n += k.length + localStorage.getItem(k).length; } return n;")
        r["console_problems"] = b.console_problems()[:5]
        return r
