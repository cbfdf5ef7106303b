"""The report of a run: the table (median, p95, max and a PASS/MISS verdict per target, on
stdout), the files of dist/, the native benches' lines, the CPU profiles and the notes, and
bench-report.json (the whole run, its targets included). --from-report prints an earlier one.
"""

from __future__ import annotations

import json
import statistics
from pathlib import Path

from .size import PAGE_SIZE_LIMIT
from .stats import summary


def window_shifts(series: dict) -> list[float]:
    """key_to_frame of the presses after which the focus sits on a multiple of 100 (the page
    renders a window of 300 sentences that moves by 100: those presses shift it)."""
    out = []
    for v, f in zip(series.get("key_to_frame", []), series.get("focus_after", [])):
        try:
            i = int(str(f).rsplit(":", 1)[1])
        except (IndexError, ValueError):
            continue
        if i > 0 and i % 100 == 0:
            out.append(v)
    return out


def fmt(v, unit: str) -> str:
    if v is None:
        return "-"
    if unit == "bytes":
        return f"{v / 1e6:.1f} MB" if v >= 1e6 else f"{v / 1e3:.1f} KB"
    if unit == "x":
        return f"{v:.2f}x"
    if unit == "ms" and v < 10:
        return f"{v:.2f} ms"
    return f"{v:.1f} {unit}"


def verdict(value, limit) -> str:
    if value is None:
        return "n/a"
    return "PASS" if value <= limit else "MISS"


def key_series(rep: dict, role: str, what: str, group: str | None = None) -> dict | None:
    """A series of the keys section: `what` ("tag", "move") of the "small" or "big" article,
    of key-to-paint (group None), of "handling" or of "throttled"; None if not measured."""
    res = rep.get("keys", {}).get(rep.get("docs", {}).get(role), {})
    return (res.get(group, {}) if group else res).get(what)


def key_pairs(rep: dict, group: str | None, names):
    """(what, name, the 50-sentence series, the 5,000-sentence series) of the keys section's
    `group` (see key_series) for each (what, name) of `names` measured in either article; {}
    for the article it was not measured in."""
    for what, name in names:
        small, big = key_series(rep, "small", what, group), key_series(rep, "big", what, group)
        if small or big:
            yield what, name, small or {}, big or {}


def build_table(rep: dict) -> tuple[list[list[str]], list[dict]]:
    rows: list[list[str]] = []
    targets: list[dict] = []

    def row(name, s, target=None, on="p95"):
        if not s:
            rows.append([name, "-", "-", "-", "-", "", ""])
            return
        unit = s.get("unit", "ms")
        v = None
        if target is not None:
            v = s.get(on)
            targets.append({"metric": name, "on": on, "value": v, "limit": target[0], "verdict": verdict(v, target[0])})
        rows.append([name, str(s.get("n", "")), fmt(s.get("median"), unit), fmt(s.get("p95"), unit), fmt(s.get("max"), unit),
                     f"{on} <= {target[1]}" if target else "", verdict(v, target[0]) if target else ""])

    def ratio_row(name, num, den, limit):
        if not num or not den or not num.get("median") or not den.get("median"):
            rows.append([name, "-", "-", "-", "", f"median <= {limit}x", "n/a"])
            targets.append({"metric": name, "on": "median", "value": None, "limit": limit, "verdict": "n/a"})
            return
        rm = num["median"] / den["median"]
        rp = num["p95"] / den["p95"] if den.get("p95") else None
        rows.append([name, "", fmt(rm, "x"), fmt(rp, "x"), "", f"median <= {limit}x", verdict(rm, limit)])
        targets.append({"metric": name, "on": "median", "value": rm, "value_p95": rp, "limit": limit, "verdict": verdict(rm, limit)})

    c = rep.get("cold_start", {})
    row("1. cold start: first sentence painted", c.get("first_sentence_painted"), (300, "300 ms"), on="median")
    row("   (first sentence in the DOM)", c.get("first_sentence_in_dom"))
    row("   (first screen: first contentful paint)", c.get("first_contentful_paint"))
    row("   (largest contentful paint)", c.get("largest_contentful_paint"))
    row("   (wasm response end)", c.get("wasm_response_end"))
    im = rep.get("import", {})
    row(f"2. import {im.get('import', {}).get('files', '?')} articles / 5 MB, all listed", im.get("import"), (2000, "2000 ms"), on="median")
    def by_size(label, ratio, small, big, field, limit):
        """A series in the 50- and in the 5,000-sentence article, the target on the p95 of
        the long one, and the ratio of their medians (target 1.5)."""
        s50, s5k = summary(small.get(field, []), "ms"), summary(big.get(field, []), "ms")
        row(f"{label}, 50 sentences", s50)
        row(f"{label}, 5,000 sentences", s5k, (limit, f"{limit} ms"), on="p95")
        ratio_row(ratio, s5k, s50, 1.5)

    for what, label, small, big in key_pairs(rep, None, (("tag", "3. tag (1/2) key-to-paint"),
                                                         ("move", "4. move (j) key-to-paint"))):
        by_size(label, f"   {what} 5,000 / 50", small, big, "key_to_frame", 16)
        if big:
            row("   (presses that shift the 300-sentence window, 5,000)", summary(window_shifts(big), "ms"))
        for sub, sublabel in (("key_to_dom", "key -> DOM updated"), ("key_to_after_frame", "key -> after the frame")):
            if small and big:
                row(f"   ({sublabel}, 50)", summary(small[sub], "ms"))
                row(f"   ({sublabel}, 5,000)", summary(big[sub], "ms"))
    for _, key, small, big in key_pairs(rep, "handling", (("tag", "label key"), ("move", "j"))):
        by_size(f"8. key handling ({key})", f"   {key} handling 5,000 / 50", small, big, "render", 1)
        row(f"   ({key}: the keydown dispatch alone, listener + reducer, 50)", summary(small.get("sync", []), "ms"))
        row(f"   ({key}: the keydown dispatch alone, listener + reducer, 5,000)", summary(big.get("sync", []), "ms"))
    rate = rep.get("config", {}).get("throttle_rate", 4)
    for _, key, small, big in key_pairs(rep, "throttled", (("tag", "tag (1/2)"), ("move", "move (j)"))):
        row(f"9. {key} key -> next frame, CPU {rate:g}x slower, 50 sentences", summary(small.get("key_to_frame", []), "ms"))
        row(f"9. {key} key -> next frame, CPU {rate:g}x slower, 5,000 sentences",
            summary(big.get("key_to_frame", []), "ms"), (20, "20 ms"), on="p95")
    sv = rep.get("save", {})
    s100 = summary(sv["100"]["save_ms"], "ms") if "100" in sv else None
    s50k = summary(sv["50000"]["save_ms"], "ms") if "50000" in sv else None
    row("5. save (setItem per key), 100 labels", s100)
    row("5. save (setItem per key), 50,000 labels", s50k)
    ratio_row("   save 50,000 / 100", s50k, s100, 2)
    for n in ("100", "50000"):
        if n in sv:
            row(f"   (key -> last setItem done, {n})", summary(sv[n].get("key_to_saved", []), "ms"))
            row(f"   (tag key-to-paint with {n} labels stored)", summary(sv[n]["key_to_frame"], "ms"))
    row("6. JS heap after the import (after GC)", im.get("js_heap_after_import"))
    row("   wasm memory after the import", im.get("wasm_memory_after_import"))
    sz = rep.get("size", {})
    if sz:
        total = sz["with_html_gzip9"]
        ok = verdict(total, PAGE_SIZE_LIMIT)
        targets.append({"metric": "7. page size (wasm+js+css+html, gzip -9)", "on": "total", "value": total,
                        "limit": PAGE_SIZE_LIMIT, "verdict": ok})
        rows.append(["7. page size: wasm+js+css+html, gzip -9", "", f"{total / 1000:.1f} KB", "", "",
                     f"<= {PAGE_SIZE_LIMIT // 1000} KB", ok])
        rows.append(["   (wasm+js+css alone, gzip -9)", "", f"{sz['page_gzip9'] / 1000:.1f} KB", "", "", "", ""])
        if sz.get("page_brotli"):
            rows.append(["   (wasm+js+css, brotli 11)", "", f"{sz['page_brotli'] / 1000:.1f} KB", "", "", "", ""])
    mt = rep.get("mainthread", {})
    for rate_key, rate_word in (("rate_1", "1x"), ("rate_4", "CPU 4x slower")):
        r = mt.get(rate_key)
        if not r:
            continue
        net = r["net_task_ms_per_key"]
        row(f"13. main-thread time per key (TaskDuration, 1/k 100 ms apart), {rate_word}", net,
            (8, "8 ms") if rate_key == "rate_1" else None, on="median")
        row(f"   (with the idle time, {rate_word})", r["task_ms_per_key"])
        parts = r.get("per_key_parts_ms")
        if parts:
            rows.append([f"   (per key: script {parts['ScriptDuration']}, style {parts['RecalcStyleDuration']}, "
                         f"layout {parts['LayoutDuration']} ms of {parts['TaskDuration']})", "", "", "", "", "", ""])
        edge = mt.get("edge_1") if rate_key == "rate_1" else None
        if edge:
            row("   (k/j back and forth over the drawn window's edge, 1x)", edge["net_task_ms_per_key"])
        row(f"14. Event Timing keydown, {rate_word} (no entry: < 16 ms, counted as 16)", r["event_timing_keydown"],
            (50, "50 ms") if rate_key == "rate_4" else None, on="p95")
        h = r.get("held_j")
        if h:
            row(f"15. held j (30 keys 30 ms apart), key -> next frame, {rate_word}", h["key_to_frame"], (100, "100 ms"), on="p95")
            ok = "PASS" if h["lands"] else "MISS"
            targets.append({"metric": "15. held j: the focus lands on the sentence reached", "on": "final", "value": h["lands"],
                            "limit": True, "verdict": ok})
            rows.append(["   (focus after the held j: marked / keyboard / expected)", "",
                         f"{h['marked']} / {h['keyboard_focus']} / {h['expected']}", "", "", "lands", ok])
    lh = rep.get("lighthouse", {})
    if lh.get("problems"):
        rows.append(["12. Lighthouse mobile", "", "could not run: " + lh["problems"][0][:80], "", "", "", ""])
    elif lh:
        for cat, limit in (("performance", 0.90), ("accessibility", 1.0), ("best-practices", 1.0), ("seo", 1.0)):
            v = lh.get(cat)
            ok = "n/a" if v is None else ("PASS" if v >= limit else "MISS")
            targets.append({"metric": f"12. Lighthouse {cat}", "on": "median", "value": v, "limit": limit, "verdict": ok})
            rows.append([f"12. Lighthouse mobile {cat} (brotli, README nginx)", str(lh.get("runs", "")),
                         "-" if v is None else f"{v:.2f}", "", "", f">= {limit:.2f}", ok])
        for key, name in (("lcp_ms", "LCP"), ("tbt_ms", "TBT"), ("fcp_ms", "FCP"), ("tti_ms", "TTI")):
            if lh.get(key) is not None:
                rows.append([f"   (Lighthouse {name})", "", f"{lh[key]:.0f} ms", "", "", "", ""])
        if lh.get("bytes"):
            rows.append(["   (Lighthouse bytes transferred)", "", fmt(lh["bytes"], "bytes"), "", "", "", ""])
    pj = rep.get("project", {})
    if pj:
        n = pj.get("input", {}).get("articles", "?")
        imp = pj.get("import", {})
        mbps = imp.get("mb_per_s")
        ok = verdict(None if mbps is None else -mbps, -5)
        targets.append({"metric": "16. project import MB/s", "on": "total", "value": mbps, "limit": 5, "verdict": ok})
        rows.append([f"16. project: import {imp.get('files', '?')} JSONL files, {n} articles, "
                     f"{imp.get('bytes', 0) / 1e6:.0f} MB", "", "-" if mbps is None else f"{mbps:.2f} MB/s", "", "",
                     ">= 5 MB/s", ok])
        row(f"   reload with {n} articles stored: first sentence painted", pj.get("reload_first_sentence"),
            (1500, "1500 ms"), on="median")
        row(f"   (reload: the page ready for keys, everything read; the open article shown first in "
            f"{pj.get('reload_previews', 0)} of {(pj.get('reload_ready') or {}).get('n', '?')})",
            pj.get("reload_ready"))
        row("   (reload: every document listed, wall clock)", pj.get("reload_all_listed_wall"))
        row("   open the 5,000-sentence article from the list", pj.get("open_article"), (50, "50 ms"), on="median")
        for what in ("tag", "move"):
            r = pj.get(f"{what}_median_ratio_full_to_empty")
            okr = verdict(r, 1.1)
            targets.append({"metric": f"16. project {what} key-to-paint full/empty", "on": "median", "value": r,
                            "limit": 1.1, "verdict": okr})
            rows.append([f"   {what} key-to-paint with the project stored / empty corpus", "",
                         "-" if r is None else fmt(r, "x"), "", "", "median <= 1.10x", okr])
        ex = pj.get("export_json")
        if ex:
            rows.append([f"   JSON export of the project in parts ({fmt(ex['bytes'], 'bytes')}): click -> saved", "",
                         f"{ex['seconds']:.1f} s ({ex['mb_per_s']} MB/s)", "", "", "", ""])
            rows.append(["   (export: longest task / peak JS heap / wasm growth)", "",
                         f"{ex['longest_task_ms']:.0f} ms / {fmt(ex['peak_js_heap_bytes'], 'bytes')} / "
                         f"{fmt(ex['wasm_memory_growth_bytes'], 'bytes')}", "", "", "", ""])
        est = pj.get("storage_estimate") or {}
        if est.get("usage") is not None:
            rows.append(["   (stored: IndexedDB, navigator.storage.estimate)", "",
                         fmt(est.get("indexeddb") or est["usage"], "bytes"), "", "", "", ""])
        for when in ("memory_empty", "memory_after_import", "memory_after_reload"):
            m = pj.get(when)
            if not m:
                continue
            limit = None if when == "memory_empty" else 300e6
            okm = "" if limit is None else verdict(m["total_bytes"], limit)
            if limit is not None:
                targets.append({"metric": f"16. project {when}", "on": "total", "value": m["total_bytes"],
                                "limit": limit, "verdict": okm})
            rows.append([f"   JS heap + wasm memory, {when.replace('memory_', '').replace('_', ' ')}", "",
                         f"{fmt(m['total_bytes'], 'bytes')} ({fmt(m['js_heap_bytes'], 'bytes')} + "
                         f"{fmt(m['wasm_memory_bytes'], 'bytes')})", "", "", "" if limit is None else "<= 300 MB", okm])
    pl = rep.get("pull", {})
    if pl.get("first_pull_ms") is not None:
        ms = pl["first_pull_ms"]
        ok = verdict(ms, 5000)
        targets.append({"metric": "17. curator's first pull in the page", "on": "once", "value": ms, "limit": 5000,
                        "verdict": ok})
        rows.append([f"17. curator's first pull, {pl.get('seeded', '?')} documents: Start -> in step", "1",
                     fmt(ms, "ms"), "", "", "<= 5000 ms", ok])
        rows.append(["   (arrived: documents listed / layers; largest catch-up count shown)", "",
                     f"{pl.get('docs_listed')} / {pl.get('layers')}; {pl.get('catch_up_largest_count')}", "", "", "", ""])
        row("   reload: every document listed and the sync in step (wall clock)", pl.get("reload_in_step_wall"))
    elif pl:
        rows.append(["17. curator's first pull", "", "-", "", "", "<= 5000 ms", "n/a"])
    idb = rep.get("idb", {})
    if idb.get("json"):
        j, o = idb["json"], idb["objects"]
        rows.append([f"18. IndexedDB boundary, {idb['articles']:,} articles ({idb['text_bytes'] / 1e6:.0f} MB): "
                     "JSON strings / JS objects (serde-wasm-bindgen)", str(idb["rounds"] - 1),
                     f"{j['total_ms']:.0f} / {o['total_ms']:.0f} ms", "", "", "the better kept", ""])
        rows.append(["   (encode, put, getAll, decode; JSON strings | JS objects)", "",
                     " ".join(f"{j[k]:.0f}" for k in ("encode_ms", "put_ms", "get_all_ms", "decode_ms")) + " | "
                     + " ".join(f"{o[k]:.0f}" for k in ("encode_ms", "put_ms", "get_all_ms", "decode_ms")) + " ms",
                     "", "", "", ""])
    elif idb:
        rows.append(["18. IndexedDB boundary", "", "-", "", "", "", "n/a"])
    seg = rep.get("segment", {})
    if seg.get("sa_rules_mb_s"):
        rows.append(["native segmentation (cargo bench, best of 5)", "", f"{seg['sa_rules_mb_s']:.1f} MB/s", "", "", "", ""])
    ag = rep.get("agreement", {})
    if ag.get("click_to_after_frame") or "agreement" in rep:
        row(f"10. agreement panel open, {ag.get('annotators', 8)} annotators x {ag.get('sentences', 2000):,} sentences",
            ag.get("click_to_after_frame"), (100, "100 ms"), on="p95")
        row("   (click -> panel's alpha in the DOM)", ag.get("click_to_dom"))
        row("   (click -> next animation frame)", ag.get("click_to_frame"))
        row("   (closing it: click -> panel gone)", ag.get("close"))
    for key, nat in sorted(rep.get("agreement_native", {}).items(), key=lambda kv: -kv[1]["sentences"]):
        name = f"11. agreement::report, native, {nat['annotators']} x {nat['sentences']:,} (median of {nat['runs']})"
        targets.append({"metric": name, "on": "median", "value": nat["median_ms"], "limit": 100,
                        "verdict": verdict(nat["median_ms"], 100)})
        rows.append([name, str(nat["runs"]), fmt(nat["median_ms"], "ms"), fmt(nat["p95_ms"], "ms"), "", "median <= 100 ms",
                     verdict(nat["median_ms"], 100)])
    edits = rep.get("edit_native", {})
    small, big = edits.get("50"), edits.get("5000")
    if small and big:
        for e in (small, big):
            rows.append([f"12. label edit, native, {e['annotations']:,} annotations in the document", str(e["edits"]),
                         fmt(e["median_ms"] * 1000, "µs"), fmt(e["p95_ms"] * 1000, "µs"), "", "", ""])
        rows.append(["   label edit 5,000 / 50", "", f"{big['median_ms'] / small['median_ms']:.2f}x", "", "", "printed", ""])
    return rows, targets


def print_table(rows: list[list[str]]) -> None:
    head = ["metric", "n", "median", "p95", "max", "target", ""]
    widths = [max(len(r[i]) for r in rows + [head]) for i in range(len(head))]
    line = "  ".join(h.ljust(w) for h, w in zip(head, widths))
    print(line)
    print("-" * len(line))
    for r in rows:
        print("  ".join(c.ljust(w) for c, w in zip(r, widths)))


def print_sizes(sz: dict) -> None:
    print(f"\nFiles of dist/ (gzip -9; brotli: {sz['brotli_how']}):")
    for f in sz["files"]:
        br = f"{f['brotli']:>9}" if f["brotli"] is not None else "        -"
        print(f"  {f['file']:<48} {f['kind']:<5} raw {f['raw']:>9}  gzip {f['gzip9']:>9}  br {br}")


def notes(rep: dict) -> list[str]:
    """What the table does not show: the keys each save writes, the agreement panel's figures,
    the page's error messages, problems met, presses that changed nothing."""
    out = []
    for n, s in rep.get("save", {}).items():
        if s.get("save_keys"):
            out.append(f"save with {n} labels: keys written per press: {', '.join(s['save_keys'])}; "
                       f"median {statistics.median(s['save_calls']) if s['save_calls'] else 0} calls, "
                       f"{statistics.median(s['save_chars']) if s['save_chars'] else 0:.0f} chars")
        own = s.get("own_records") or {}
        if own.get("records"):
            out.append(f"save with {n} labels: the own records in localStorage: {own['records']:,} in {own['units']:,} "
                       f"characters, {own['per_record']} a record with its key (100,000 would take "
                       f"{own['per_record'] * 100_000 / 1e6:.2f} M of Chromium's 5.2 M)")
        if s.get("preload", {}).get("failed"):
            out.append(f"save with {n} labels: {s['preload']['failed']} keys did not fit in localStorage")
        for m in s.get("page_error_messages", []):
            out.append(f"save with {n} labels: page error message: {m[:200]}")
    ag = rep.get("agreement", {})
    if ag.get("pairs") is not None:
        out.append(f"agreement panel: {ag['annotators']} annotators ({ag['pairs']} Cohen pairs shown), alpha {ag['alpha']} over "
                   f"{ag['alpha_n']} sentences, Fleiss' kappa over {ag['fleiss_n']}; {ag['panel_elements']} elements in the "
                   f"panel; warm-up openings {ag['warmup_click_to_after_frame']} ms; own work: {ag.get('own_layer_line')}")
    for p in ag.get("problems", []) + [f"page error message: {m}" for m in ag.get("page_error_messages", [])]:
        out.append(f"agreement panel: {p[:300]}")
    for m in rep.get("import", {}).get("page_error_messages_after_import", []):
        out.append(f"import: page error message: {m[:200]}")
    for p in rep.get("import", {}).get("problems", []):
        out.append(f"import: {p[:300]}")
    docs = [(d, rep.get("keys", {}).get(d, {})) for d in (rep.get("docs", {}).get(name) for name in ("small", "big"))]
    for d, res in docs:
        for what in ("tag", "move"):
            t = res.get(what, {}).get("timeouts")
            if t:
                out.append(f"keys: {d} {what}: {t} presses produced no DOM change within 5 s")
    keys = rep.get("keys", {})
    if keys.get("cross_origin_isolated") is False and any(res.get("handling") for _, res in docs):
        out.append("key handling: the page was not cross-origin isolated, so its clock counted in 0.1 ms steps")
    for d, res in docs:
        for what in ("tag", "move"):
            h = res.get("handling", {}).get(what)
            if h and h["changed"] < h["presses"]:
                out.append(f"key handling: {d} {what}: {h['presses'] - h['changed']} of {h['presses']} dispatched keys changed nothing")
            if h:
                out.append(f"key handling: {d} {what}: the DOM had changed by the end of the dispatch in {h['dom_in_sync']} of "
                           f"{h['presses']} presses (Yew renders in a microtask after it)")
            t = res.get("throttled", {}).get(what, {}).get("timeouts")
            if t:
                out.append(f"throttled keys: {d} {what}: {t} presses produced no DOM change within 5 s")
    return out


def print_profiles(rep: dict) -> None:
    """The CPU profiles of the run: by category, and the six functions with the most self time."""
    profiles = [("import of the corpus", rep.get("import", {}).get("cpu_profile_of_an_import"))]
    for name in ("small", "big"):
        d = rep.get("docs", {}).get(name)
        profiles.append((f"20 tag presses in {d} (sampled every 0.1 ms, idle included)",
                         rep.get("keys", {}).get(d, {}).get("cpu_profile_of_20_tags")))
    for n, sv in rep.get("save", {}).items():
        profiles.append((f"20 tag presses with {n} labels stored, 1000 documents listed", sv.get("cpu_profile_of_20_tags")))
    for title, prof in profiles:
        if not prof:
            continue
        print(f"\nCPU profile, main thread, {title}: {prof['total_ms']:.0f} ms sampled")
        print("  by category: " + ", ".join(f"{k} {v:.0f} ms" for k, v in prof["by_category_ms"].items()))
        print("  top self time: " + ", ".join(f"{k} {v:.0f} ms" for k, v in list(prof["top_self_ms"].items())[:6]))


def report(rep: dict, out: str | None, source: str) -> None:
    """Prints the table, the native benches' lines, the profiles and the notes of a run (read
    from `source`), after writing it, with its targets, to `out` (None: nothing written)."""
    rows, targets = build_table(rep)
    rep["targets"] = targets
    if out:
        Path(out).write_text(json.dumps(rep, indent=1, default=list) + "\n")
    print()
    print_table(rows)
    if "size" in rep:
        print_sizes(rep["size"])
    if rep.get("segment", {}).get("lines"):
        print("\nNative segmentation (cargo bench --bench segment):")
        for line in rep["segment"]["lines"]:
            print("  " + line)
    if rep.get("agreement_native"):
        print("\nNative agreement (cargo bench --bench agreement):")
        for nat in rep["agreement_native"].values():
            print("  " + nat["line"])
    print_profiles(rep)
    found = notes(rep)
    if found:
        print("\nNotes:")
        for n in found:
            print("  - " + n)
    la = rep.get("loadavg", {})
    print(f"\nMachine: {rep['cpus']} CPUs, load average at start {la.get('start', ['?'])[0]:.2f}, at end {la.get('end', ['?'])[0]:.2f} "
          "(other processes compete with the browser: outliers in p95/max can come from them)")
    print(f"\nReport: {source} ({rep.get('elapsed_s')} s)")
