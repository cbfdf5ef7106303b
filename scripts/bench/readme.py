"""The bench table of docs/DEVELOPMENT.md's Performance section (between the markers
`<!-- bench-table:start -->` and `<!-- bench-table:end -->`), rewritten from a run's report
with --write-readme (the option kept its name from when the table was in README.md): one row a
measure, its result in words (medians, p95 in brackets) and its target, "missed" where it is;
a measure the run did not take keeps its row from before."""

from __future__ import annotations

import re
import time
from pathlib import Path

from .report import key_series
from .size import PAGE_SIZE_LIMIT
from .stats import summary

TABLE_START, TABLE_END = "<!-- bench-table:start -->", "<!-- bench-table:end -->"


def _t(v, unit: str = "ms") -> str:
    """A figure for the table: 91 ms, 6.5 ms, 0.42 ms, 1.31 s."""
    if v is None:
        return "-"
    if unit == "ms" and v >= 1000:
        return f"{v / 1000:.2f} s"
    if unit == "ms":
        return f"{v:.0f} ms" if v >= 50 else f"{v:.1f} ms" if v >= 1 else f"{v:.2f} ms"
    if unit == "bytes":
        return f"{v / 1e6:.1f} MB" if v >= 1e6 else f"{v / 1e3:.0f} KB"
    return f"{v} {unit}"


def _measured(s: dict | None) -> bool:
    """The summary holds samples."""
    return bool(s and s.get("n"))


def _mp(median, p95) -> str:
    """"median (p95)" in ms: 91 ms (97)."""
    return f"{_t(median)} ({_t(p95).split()[0]})"


def _pair(a: dict | None, b: dict | None, on: str = "median") -> str | None:
    """"a (a p95) / b (b p95), ratio r" of two summaries (the ratio of the `on` values)."""
    if not _measured(a) or not _measured(b):
        return None
    text = f"{_mp(a['median'], a['p95'])} / {_mp(b['median'], b['p95'])}"
    if a.get(on):
        text += f", ratio {b[on] / a[on]:.2f}"
    return text


def readme_rows(rep: dict) -> list[tuple[str, str | None, str, bool | None]]:
    """(measure, result or None when not measured, target, met) rows of the bench table."""
    rows = []

    def met(*checks):
        checks = [c for c in checks if c is not None]
        return all(checks) if checks else None

    def timed(measure: str, s: dict | None, target: str, check) -> None:
        """A row of one summary: "median (p95)", met if check(summary)."""
        ok = _measured(s)
        rows.append((measure, _mp(s["median"], s["p95"]) if ok else None, target, met(check(s)) if ok else None))

    timed("cold start, first sentence painted", rep.get("cold_start", {}).get("first_sentence_painted"),
          "≤ 300 ms", lambda s: s["median"] <= 300)
    timed("cold start, the first screen painted (largest contentful paint: index.html's still copy)",
          rep.get("cold_start", {}).get("largest_contentful_paint"), "printed", lambda s: None)
    timed("import 1,000 articles / 5 MB, all listed (and stored)", rep.get("import", {}).get("import"),
          "≤ 2 s", lambda s: s["median"] <= 2000)

    def two(group: str | None, what: str, field: str):
        a, b = key_series(rep, "small", what, group), key_series(rep, "big", what, group)
        if not a or not b:
            return None, None
        return summary(a[field], "ms"), summary(b[field], "ms")

    for what, name in (("tag", "tag key-to-paint"), ("move", "`j` key-to-paint")):
        a, b = two(None, what, "key_to_frame")
        ok = met(b["p95"] <= 16, b["median"] <= 1.5 * a["median"]) if a and b else None
        rows.append((f"{name}, 50 / 5,000 sentences", _pair(a, b), "p95 ≤ 16 ms, ratio ≤ 1.5", ok))
    rate = rep.get("config", {}).get("throttle_rate", 4)
    for what, name in (("tag", "tag key → next frame"), ("move", "`j` key → next frame")):
        a, b = two("throttled", what, "key_to_frame")
        rows.append((f"{name}, CPU {rate:g}× slower, 50 / 5,000 sentences",
                     f"p95 {_t(a['p95'])} / {_t(b['p95'])}" if a and b else None,
                     "p95 ≤ 20 ms at 5,000", met(b["p95"] <= 20) if b else None))
    for what, name in (("tag", "label key"), ("move", "`j`")):
        a, b = two("handling", what, "render")
        ok = met(b["p95"] <= 1, b["median"] <= 1.5 * a["median"]) if a and b else None
        rows.append((f"key handling ({name}), 50 / 5,000 sentences", _pair(a, b), "p95 ≤ 1 ms at 5,000, ratio ≤ 1.5", ok))
    mainthread_rows(rep.get("mainthread", {}), rate, rows, met)
    sv = rep.get("save", {})
    if "100" in sv and "50000" in sv:
        a, b = summary(sv["100"]["save_ms"], "ms"), summary(sv["50000"]["save_ms"], "ms")
        text = (f"{a['median']:.1f} / {b['median']:.1f} ms ({a['p95']:.1f} / {b['p95']:.1f})"
                + (f", ratio {b['median'] / a['median']:.2f}" if a["median"] else ""))
        rows.append(("one save, 100 / 50,000 labels stored", text, "ratio ≤ 2",
                     met(b["median"] <= 2 * a["median"]) if a["median"] else None))
    else:
        rows.append(("one save, 100 / 50,000 labels stored", None, "ratio ≤ 2", None))
    heap = rep.get("import", {}).get("js_heap_after_import")
    wasm = rep.get("import", {}).get("wasm_memory_after_import")
    rows.append(("JS heap after the 5 MB import",
                 f"{_t(heap['median'], 'bytes')} (wasm memory {_t(wasm['median'], 'bytes')})"
                 if _measured(heap) and _measured(wasm) else None, "", None))
    sz = rep.get("size")
    rows.append(("page size: wasm + JS + CSS + HTML, gzip -9",
                 f"{sz['with_html_gzip9'] / 1000:.0f} KB" + (f" (wasm + JS + CSS, brotli: {sz['page_brotli'] / 1000:.0f} KB)"
                                                               if sz.get("page_brotli") else "") if sz else None,
                 f"≤ {PAGE_SIZE_LIMIT // 1000} KB", met(sz["with_html_gzip9"] <= PAGE_SIZE_LIMIT) if sz else None))
    lh = rep.get("lighthouse", {})
    lh_ok = "performance" in lh
    rows.append(("Lighthouse 12.2.3 mobile (slow 4G, CPU 4×), brotli: performance / accessibility / best practices / "
                 "SEO (LCP, TBT)",
                 (f"{lh['performance']:.2f} / {lh['accessibility']:.2f} / {lh['best-practices']:.2f} / {lh['seo']:.2f} "
                  f"(LCP {lh['lcp_ms'] / 1000:.2f} s, TBT {lh['tbt_ms']:.0f} ms), median of {lh['runs']}") if lh_ok else None,
                 "≥ 0.90 / 1.00 / 1.00 / 1.00",
                 met(lh["performance"] >= 0.9 and min(lh["accessibility"], lh["best-practices"], lh["seo"]) >= 1.0)
                 if lh_ok else None))
    seg = rep.get("segment", {})
    rows.append(("segmentation, native",
                 f"{seg['sa_rules_mb_s']:.0f} MB/s" + (f" (UAX #29: {seg['uax29_mb_s']:.0f} MB/s, {seg['sa_rules_mb_s'] / seg['uax29_mb_s']:.1f}×)"
                                                        if seg.get("uax29_mb_s") else "") if seg.get("sa_rules_mb_s") else None,
                 "≥ 100 MB/s", met(seg["sa_rules_mb_s"] >= 100) if seg.get("sa_rules_mb_s") else None))
    timed("agreement panel opens (click → painted), 8 annotators × 2,000 sentences",
          rep.get("agreement", {}).get("click_to_after_frame"), "p95 ≤ 100 ms", lambda s: s["p95"] <= 100)
    nat = rep.get("agreement_native", {})
    for key, name in (("20x20000", "20 annotators × 20,000 sentences"), ("8x2000", "8 annotators × 2,000 sentences")):
        a = nat.get(key)
        rows.append((f"agreement, native, {name}",
                     _mp(a["median_ms"], a["p95_ms"]) if a else None,
                     "printed (≤ 100 ms)", met(a["median_ms"] <= 100) if a else None))
    edits = rep.get("edit_native", {})
    small, big = edits.get("50"), edits.get("5000")
    rows.append(("label edit, native (copy the store, set one record), 50 / 5,000 annotations in the document",
                 f"{small['median_ms'] * 1000:.1f} / {big['median_ms'] * 1000:.1f} µs" if small and big else None,
                 "printed", None))
    project_rows(rep.get("project", {}), rows, met)
    pl = rep.get("pull", {})
    ms = pl.get("first_pull_ms")
    rows.append(("team: a curator's first pull in the page, 20 annotators × 200 articles (4,200 documents)",
                 f"{ms / 1000:.2f} s ({pl.get('docs_listed')} documents listed, {pl.get('layers')} layers)" if ms else None,
                 "≤ 5 s", met(ms <= 5000) if ms else None))
    idb = rep.get("idb", {})
    j, o = idb.get("json"), idb.get("objects")
    rows.append(("IndexedDB boundary, 10,000 articles (53 MB): encode + put + getAll + decode, JSON strings / JS objects (serde-wasm-bindgen)",
                 f"{j['total_ms'] / 1000:.2f} / {o['total_ms'] / 1000:.2f} s (getAll {j['get_all_ms']:.0f} / {o['get_all_ms']:.0f} ms, "
                 f"decode {j['decode_ms']:.0f} / {o['decode_ms']:.0f} ms)" if j and o else None,
                 "printed (the better kept)", None))
    return rows


def mainthread_rows(mt: dict, rate: float, rows: list, met) -> None:
    """All a key costs the main thread (section `mainthread`, 5,000 sentences, keys 100 ms apart)."""
    one, slow, edge = mt.get("rate_1"), mt.get(f"rate_{rate:g}"), mt.get("edge_1")

    def net(r: dict) -> float:
        return r["net_task_ms_per_key"]["median"]

    rows.append((f"main-thread time per key (TaskDuration), 1 and k alternating, 1× / CPU {rate:g}× slower"
                 " (k and j over the drawn window's edge, 1×)",
                 f"{_t(net(one))} / {_t(net(slow))}" + (f" ({_t(net(edge))})" if edge else "") if one and slow else None,
                 "≤ 8 ms at 1×", met(net(one) <= 8) if one else None))
    et = slow and slow["event_timing_keydown"]
    rows.append((f"Event Timing keydown, CPU {rate:g}× slower (no entry: < 16 ms, counted as 16)",
                 _mp(et["median"], et["p95"]) if et else None, "p95 ≤ 50 ms", met(et["p95"] <= 50) if et else None))
    held = slow and slow.get("held_j")
    rows.append((f"a held `j` (30 keys 30 ms apart), CPU {rate:g}× slower: key → next frame; the focus lands",
                 (_mp(held["key_to_frame"]["median"], held["key_to_frame"]["p95"])
                  + ("; lands" if held["lands"] else f"; ends on {held['marked']}, not {held['expected']}")) if held else None,
                 "p95 ≤ 100 ms; lands", met(held["key_to_frame"]["p95"] <= 100, held["lands"]) if held else None))


def project_rows(pj: dict, rows: list, met) -> None:
    """The rows of section `project` (scripts/bench/project.py): a real project of 10,000
    articles in IndexedDB."""
    imp = pj.get("import") or {}
    n = (pj.get("input") or {}).get("articles")
    mbps = imp.get("mb_per_s")
    rows.append(("project: import 10 JSONL files of 1,000 articles (about 50 MB), one after the other",
                 f"{mbps:.1f} MB/s ({imp['bytes'] / 1e6:.0f} MB, {n:,} articles, {imp['seconds']:.1f} s)" if mbps else None,
                 "≥ 5 MB/s", met(mbps >= 5) if mbps else None))
    r = pj.get("reload_first_sentence")
    rows.append(("project: reload with 10,000 articles stored, first sentence painted (the open article, shown first)",
                 _mp(r["median"], r["p95"]) if _measured(r) else None, "≤ 1.5 s", met(r["median"] <= 1500) if _measured(r) else None))
    r = pj.get("reload_ready")
    rows.append(("project: reload with 10,000 articles stored, the page ready for keys (everything read)",
                 _mp(r["median"], r["p95"]) if _measured(r) else None, "printed", None))
    o = pj.get("open_article")
    rows.append(("project: open the 5,000-sentence article from the list (click → painted)",
                 _mp(o["median"], o["p95"]) if _measured(o) else None, "≤ 50 ms", met(o["median"] <= 50) if _measured(o) else None))
    tag, move = pj.get("tag_median_ratio_full_to_empty"), pj.get("move_median_ratio_full_to_empty")
    rows.append(("project: key-to-paint with 10,000 articles stored / an empty corpus (tag, `j`)",
                 f"{tag:.2f} / {move:.2f}" if tag and move else None, "≤ 1.10", met(tag <= 1.1, move <= 1.1) if tag and move else None))
    ex = pj.get("export_json")
    rows.append(("project: JSON export of 10,000 articles in parts (click → saved; longest task; wasm growth)",
                 f"{ex['seconds']:.1f} s, {ex['bytes'] / 1e6:.0f} MB; {ex['longest_task_ms']:.0f} ms; "
                 f"{ex['wasm_memory_growth_bytes'] / 1e6:.0f} MB" if ex else None, "printed", None))
    mem = [pj.get(k) for k in ("memory_after_import", "memory_after_reload")]
    rows.append(("project: JS heap + wasm memory with 10,000 articles, after the import / after a reload",
                 " / ".join(_t(m["total_bytes"], "bytes") for m in mem) if all(mem) else None,
                 "≤ 300 MB", met(*(m["total_bytes"] <= 300e6 for m in mem)) if all(mem) else None))


def write_readme(rep: dict, path: Path) -> list[str]:
    """Rewrites the table between the bench-table markers from this run's figures. A row
    this run did not measure (see --only, --cargo-bench) keeps its figures from the table as it
    was. Returns the measures kept so."""
    text = path.read_text(encoding="utf-8")
    i, j = text.find(TABLE_START), text.find(TABLE_END)
    if i < 0 or j < i:
        raise SystemExit(f"bench: {path} has no {TABLE_START} ... {TABLE_END} markers around its table")
    old = {}
    for line in text[i + len(TABLE_START):j].splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if line.startswith("|") and len(cells) == 3 and not set(cells[0]) <= set("-: "):
            old[cells[0]] = cells
    lines = ["| measure | result | target |", "| --- | --- | --- |"]
    kept = []
    for measure, result, target, ok in readme_rows(rep):
        if result is None:
            if measure not in old:
                continue
            kept.append(measure)
            lines.append(f"| {measure} | {old[measure][1]} | {old[measure][2]} |".replace("|  |", "| |"))
            continue
        lines.append(f"| {measure} | {result} | {target + (': **missed**' if ok is False else '')} |".replace("|  |", "| |"))
    stamp = time.strftime("%Y-%m-%d")
    la = rep.get("loadavg", {})
    load = (f", load average {la['start'][0]:.1f} at the start and {la['end'][0]:.1f} at the end"
            if la.get("start") and la.get("end") else "")
    m = re.search(r"Chromium [\d.]+", rep.get("chromium_version", ""))
    note = (f"Written by `scripts/bench_page.py --write-readme` on {stamp} ({m.group(0) if m else 'Chromium'}, "
            f"{rep.get('cpus')} CPUs{load}; medians, p95 in brackets"
            + (f"; from an earlier run, not measured in this one: {'; '.join(kept)}" if kept else "") + ").")
    table = "\n".join(lines)
    path.write_text(text[:i + len(TABLE_START)] + "\n" + table + "\n\n" + note + "\n" + text[j:], encoding="utf-8")
    return kept
