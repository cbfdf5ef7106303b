"""Labels stored under other segmentation rules re-attach by sentence text; those that
cannot are shown to the person and kept in storage, never dropped."""

import json

from harness import *  # noqa: F401,F403


def fingerprint(text: str) -> str:
    """core::text::fingerprint: the top 32 bits of FNV-1a 64 of the UTF-8 text."""
    h = 0xCBF29CE484222325
    for b in text.encode("utf-8"):
        h ^= b
        h = (h * 0x100000001B3) & 0xFFFFFFFFFFFFFFFF
    return format(h >> 32, "08x")


def utf8_span(text: str, start_cp: int, end_cp: int) -> list[int]:
    return [len(text[:start_cp].encode("utf-8")), len(text[:end_cp].encode("utf-8"))]


def test_labels_follow_their_text_and_orphans_are_kept(browsers, server):
    b = browsers()
    d = b.driver
    open_app(b, server.url)
    _, data = export_json(b)
    doc = next(x for x in data["documents"] if x["id"] == SEED_000)
    text, sents = doc["text"], doc["sentences"]
    moved = sents[4]  # stored at index 1 by "older rules", its text is sentence 4 now
    lost_text = text[sents[2]["start"]:sents[3]["end"]]  # two sentences joined: no such sentence now
    shard = {
        "seg": "sa-rules@0",
        "s": {
            "1": {"l": ["denial"], "t": 5, "h": fingerprint(moved["text"]),
                  "b": utf8_span(text, moved["start"], moved["end"])},
            "7": {"l": ["demand"], "n": "keep me", "t": 6, "h": fingerprint(lost_text),
                  "b": utf8_span(text, sents[2]["start"], sents[3]["end"])},
        },
    }
    key = f"sa/v1/ann/{SEED_000}"
    d.execute_script("localStorage.setItem(arguments[0], arguments[1]);", key, json.dumps(shard))
    reload(b)
    wait_for(lambda: sentence_labels(d, SEED_000, 4) == ["denial"], msg="the label moved with its sentence text")
    assert sentence_labels(d, SEED_000, 1) == []
    panel = wait_for(lambda: css_all(d, "[data-panel='orphans']"), msg="orphans listed")[0]
    assert "demand" in panel.text and lost_text[:40] in panel.text, panel.text
    assert any("no longer match" in m for m in messages(d, "error"))

    # A change in that document rewrites its shard: the orphan goes with it.
    focus_sentence = css(d, f'[data-sentence="{SEED_000}:0"]')
    focus_sentence.click()
    press(d, "1")
    wait_for(lambda: sentence_labels(d, SEED_000, 0) == ["claim"], msg="tagged")
    def stored():
        raw = local_storage(d).get(key, "{}")
        return json.loads(raw)
    wait_for(lambda: "0" in shard_records(local_storage(d).get(key, "{}")), msg="shard rewritten")
    kept = stored().get("o", [])
    assert [(i, a["l"], a.get("n")) for i, a in kept] == [(7, ["demand"], "keep me")], kept
    reload(b)
    panel = wait_for(lambda: css_all(d, "[data-panel='orphans']"), msg="orphans still listed after reload")[0]
    assert "demand" in panel.text
    assert sentence_labels(d, SEED_000, 4) == ["denial"]
    assert sentence_labels(d, SEED_000, 0) == ["claim"]
