#!/usr/bin/env python3
"""Writes tests/e2e/fixtures/layout1_profile.json: what a page of storage layout 1 (every key
in localStorage, before IndexedDB) leaves in localStorage after a short session, for the
migration test (tests/e2e/test_idb.py). It only means something run against such a build:
the fixture in the repository was written by the build of commit d6b6f71 (`git worktree add
/tmp/l1 d6b6f71 && cd /tmp/l1 && trunk build --release --offline`, then
`E2E_DIST=/tmp/l1/dist .venv/bin/python scripts/make_layout1_fixture.py`).

The session, as a person would: annotator "ben" imports articles.jsonl, tags a sentence and
exports; annotator "ana" in another profile imports articles.jsonl and articles.json, tags
sentences of an imported and a bundled article (undo history), imports ben's export (a
layer), sets a gold label in review mode. Then ana's localStorage is dumped as JSON
({"key": "value"}).
"""

from __future__ import annotations

import json
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests" / "e2e"))

from harness import *  # noqa: E402,F401,F403

OUT = FIXTURES / "layout1_profile.json"


def main() -> int:
    tmp = Path(tempfile.mkdtemp(prefix="layout1-"))
    for sub in ("ben", "ben-dl", "ana", "ana-dl"):
        (tmp / sub).mkdir()
    srv = StaticServer(DIST)
    try:
        ben = Browser(tmp / "ben", tmp / "ben-dl", [srv.origin])
        open_app(ben, srv.url)
        set_annotator(ben.driver, "ben")
        import_files(ben.driver, FIXTURES / "articles.jsonl")
        wait_for(lambda: "jsonl-art-1" in doc_ids(ben.driver), msg="jsonl articles imported")
        tag(ben.driver, "jsonl-art-1", 0, "3", ["demand"])
        export_path, _ = export_json(ben)
        ben.driver.quit()

        ana = Browser(tmp / "ana", tmp / "ana-dl", [srv.origin])
        d = ana.driver
        open_app(ana, srv.url)
        set_annotator(d, "ana")
        import_files(d, FIXTURES / "articles.jsonl", FIXTURES / "articles.json")
        wait_for(lambda: "jsonl-art-1" in doc_ids(d) and len(doc_ids(d)) >= 5, msg="articles imported")
        tag(d, "jsonl-art-1", 0, "1", ["claim"])
        tag(d, "jsonl-art-2", 1, "3", ["demand"])
        tag(d, SEED_000, 2, "2", ["denial"])
        import_files(d, export_path)
        wait_for(lambda: any(k.startswith("sa/v1/layer/ben/") for k in local_storage(d)), msg="ben's layer stored")
        focus_sentence(d, "jsonl-art-1", 0)
        retry_stale(lambda: click_centered(d, one_visible(d, '[data-action="adjudicate"]')))
        wait_for(lambda: attr_of(d, "jsonl-art-1", 0, "data-status") is not None, msg="review mode")
        focus_sentence(d, "jsonl-art-1", 0)
        press(d, "3")
        wait_attr(d, "jsonl-art-1", 0, "data-gold", "demand")
        press(d, Keys.ESCAPE)
        wait_for(lambda: any(k.startswith("sa/v1/gold/") for k in local_storage(d)), msg="gold stored")
        keys = sorted(local_storage(d))
        print("\n".join(keys))
        OUT.write_text(json.dumps(local_storage(d), indent=1, ensure_ascii=False, sort_keys=True) + "\n", encoding="utf-8")
        d.quit()
    finally:
        srv.close()
    print(f"wrote {OUT}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
