"""Moving between sentences and documents: j / k and the arrow keys, ] and [, n and the "next
undecided" button (across documents too), and long articles (the focus scrolled into view,
a window of drawn sentences between spacers, scrolling as one)."""

import time
from harness import *  # noqa: F401,F403


def in_viewport(d, key: str) -> dict:
    """Geometry of the sentence `key`: in the viewport, and not covered by anything at its centre."""
    return d.execute_script(
        """
        var e = Array.from(document.querySelectorAll('[data-sentence]')).find(x => x.getAttribute('data-sentence') === arguments[0]);
        if (!e) return {exists: false};
        var r = e.getClientRects()[0] || e.getBoundingClientRect();
        var vh = window.innerHeight || document.documentElement.clientHeight;
        var vw = window.innerWidth || document.documentElement.clientWidth;
        var cx = Math.min(Math.max((r.left + r.right) / 2, 0), vw - 1), cy = (r.top + r.bottom) / 2;
        var hit = (cy >= 0 && cy < vh) ? document.elementFromPoint(cx, cy) : null;
        return {exists: true, top: r.top, bottom: r.bottom, vh: vh,
                inside: r.bottom > 0 && r.top < vh && r.top >= -1 && r.bottom <= vh + 1,
                uncovered: !!hit && (hit === e || e.contains(hit)),
                hit: hit ? hit.outerHTML.slice(0, 120) : null,
                current: e.getAttribute('aria-current')};
        """,
        key,
    )


def test_move_keys(browser, server):
    d = browser.driver
    open_app(browser, server.url)
    focus_sentence(d, SEED_000, 0)
    press(d, "j")
    wait_for(lambda: focused_sentence(d) == f"{SEED_000}:1", msg="j moves down")
    press(d, Keys.ARROW_DOWN)
    wait_for(lambda: focused_sentence(d) == f"{SEED_000}:2", msg="ArrowDown moves down")
    press(d, "j")
    wait_for(lambda: focused_sentence(d) == f"{SEED_000}:3", msg="j")
    press(d, "k")
    wait_for(lambda: focused_sentence(d) == f"{SEED_000}:2", msg="k moves up")
    press(d, Keys.ARROW_UP)
    wait_for(lambda: focused_sentence(d) == f"{SEED_000}:1", msg="ArrowUp moves up")
    assert all(v == [] for v in page_labels(d).values()), "moving labelled something"

    # ] and [ switch documents
    press(d, "]")
    wait_for(lambda: open_doc(d) == SEED_003, msg="] opens the next document")
    wait_for(lambda: css(d, f'[data-doc="{SEED_003}"]').get_attribute("aria-current") == "page", msg="list shows 003 current")
    focused = wait_focused(d)
    assert focused.startswith(SEED_003 + ":"), focused
    # the keys act on the focused sentence of the document opened
    press(d, "2")
    wait_labels(d, SEED_003, int(focused.rsplit(":", 1)[1]), ["denial"])
    press(d, "[")
    wait_for(lambda: open_doc(d) == SEED_000, msg="[ opens the previous document")
    wait_for(lambda: css(d, f'[data-doc="{SEED_000}"]').get_attribute("aria-current") == "page", msg="list shows 000 current")
    assert shown_labels(d) == {focused: ["denial"]}


def test_next_undecided_key_and_button_across_documents(browser, server):
    d = browser.driver
    open_app(browser, server.url)
    show_doc(d, SEED_000)
    total = len([k for k in page_labels(d) if k.startswith(SEED_000 + ":")])
    assert total > 6

    # tag 0..2, then decide 4 as "none": the first undecided after 0 is 3, after 3 it is 5
    focus_sentence(d, SEED_000, 0)
    for i in range(3):
        press(d, "1")
        wait_labels(d, SEED_000, i, ["claim"])
        wait_for(lambda: focused_sentence(d) == f"{SEED_000}:{i + 1}", msg=f"auto-advance to {i + 1}")
    tag(d, SEED_000, 4, "0", [])
    assert attr_of(d, SEED_000, 4, "data-decided") == "true"

    focus_sentence(d, SEED_000, 0)
    press(d, "n")
    wait_for(lambda: focused_sentence(d) == f"{SEED_000}:3", msg=f"n from :0 -> :3 (now {focused_sentence(d)})")
    retry_stale(lambda: click_centered(d, one_visible(d, '[data-action="next-undecided"]')))
    wait_for(lambda: focused_sentence(d) == f"{SEED_000}:5", msg=f"the button from :3 -> :5 (now {focused_sentence(d)})")

    # label every sentence of 000 (auto-advance carries the focus along)
    tag(d, SEED_000, 3, "3", ["demand"])
    for i in range(5, total):
        tag(d, SEED_000, i, "1", ["claim"])
    wait_for(lambda: doc_progress(d, SEED_000) == f"{total}/{total}", msg=f"000 done ({doc_progress(d, SEED_000)})")

    # 000 is decided throughout: n goes on to the first undecided sentence of the next document
    focus_sentence(d, SEED_000, 2)
    press(d, "n")
    wait_for(lambda: open_doc(d) == SEED_003, msg=f"n opens the next document (open: {open_doc(d)})")
    wait_for(lambda: focused_sentence(d) == f"{SEED_003}:0", msg=f"n -> {SEED_003}:0 (now {focused_sentence(d)})")

    # inside 003: tag 0 and 1, then from 0 the button goes to 2
    tag(d, SEED_003, 0, "1", ["claim"])
    tag(d, SEED_003, 1, "2", ["denial"])
    focus_sentence(d, SEED_003, 0)
    retry_stale(lambda: click_centered(d, one_visible(d, '[data-action="next-undecided"]')))
    wait_for(lambda: focused_sentence(d) == f"{SEED_003}:2", msg=f"button -> {SEED_003}:2 (now {focused_sentence(d)})")

    # and the button also crosses documents: back in 000 (all decided) it goes to 003's first undecided
    focus_sentence(d, SEED_000, total - 1)
    retry_stale(lambda: click_centered(d, one_visible(d, '[data-action="next-undecided"]')))
    wait_for(lambda: focused_sentence(d) == f"{SEED_003}:2", msg=f"button from a finished document -> {SEED_003}:2 (now {focused_sentence(d)})")
    assert open_doc(d) == SEED_003
    # nothing was labelled by the jumps
    assert sentence_labels(d, SEED_003, 2) == []


LONG_ID = "long_article"
LONG_N = 600


def _long_article(tmp_path):
    p = tmp_path / f"{LONG_ID}.txt"
    paras = []
    for pi in range(LONG_N // 10):
        paras.append(" ".join(f"Item {pi * 10 + k} says the committee met on day {pi * 10 + k}." for k in range(10)))
    p.write_text("\n\n".join(paras) + "\n", encoding="utf-8")
    return p


def _idx(key: str) -> int:
    return int(key.rsplit(":", 1)[1])


def _check_in_view(d, key: str, uncovered: bool = True) -> None:
    """The sentence `key` is aria-current, inside the viewport and (unless told) not hidden under
    anything at its centre (e.g. a sticky toolbar)."""
    def ok():
        g = in_viewport(d, key)
        return g if g.get("exists") and g["inside"] and (g["uncovered"] or not uncovered) and g["current"] == "true" else None

    try:
        wait_for(ok, timeout=10, msg=f"{key} in view")
    except AssertionError:
        raise AssertionError(f"focused sentence {key} not visible in the viewport: {in_viewport(d, key)}") from None


def _open_long(d, tmp_path) -> None:
    import_files(d, _long_article(tmp_path))
    wait_for(lambda: LONG_ID in doc_ids(d), timeout=30, msg=f"{LONG_ID} listed")
    show_doc(d, LONG_ID)
    wait_for(lambda: doc_progress(d, LONG_ID) == f"0/{LONG_N}", msg=f"{LONG_N} sentences ({doc_progress(d, LONG_ID)})")


def test_long_article_focus_scrolled_into_view(browser, server, tmp_path):
    d = browser.driver
    open_app(browser, server.url)
    _open_long(d, tmp_path)
    focus_sentence(d, LONG_ID, 0)
    # 300 quick j presses in one go
    ActionChains(d).send_keys("j" * 300).perform()
    wait_for(lambda: focused_sentence(d) == f"{LONG_ID}:300", timeout=45,
             msg=f"300 j presses -> {LONG_ID}:300 (now {focused_sentence(d)})")
    _check_in_view(d, f"{LONG_ID}:300")

    # n, then 40 tags with auto-advance: the focus stays in view
    press(d, "n")
    wait_for(lambda: focused_sentence(d) == f"{LONG_ID}:301", msg=f"n -> 301 (now {focused_sentence(d)})")
    _check_in_view(d, f"{LONG_ID}:301")
    ActionChains(d).send_keys("1" * 40).perform()
    wait_for(lambda: focused_sentence(d) == f"{LONG_ID}:341", timeout=30, msg=f"40 tags -> 341 (now {focused_sentence(d)})")
    wait_for(lambda: doc_progress(d, LONG_ID) == f"40/{LONG_N}", msg=f"40 tagged ({doc_progress(d, LONG_ID)})")
    _check_in_view(d, f"{LONG_ID}:341")
    # k back up
    ActionChains(d).send_keys("k" * 150).perform()
    wait_for(lambda: focused_sentence(d) == f"{LONG_ID}:191", timeout=30, msg=f"150 k -> 191 (now {focused_sentence(d)})")
    _check_in_view(d, f"{LONG_ID}:191")


def _rendered(d) -> list[int]:
    return sorted(_idx(k) for k in page_labels(d) if k.startswith(LONG_ID + ":"))


def test_long_article_scrolls_as_one(browser, server, tmp_path):
    """Only a window of a long article is drawn, but spacers of the right height stand for the
    rest: the scrollbar and the wheel reach its end and its start, drawing what comes into
    view; a key gives the window back to the focus."""
    d = browser.driver
    open_app(browser, server.url)
    _open_long(d, tmp_path)
    rendered = _rendered(d)
    assert len(rendered) <= 320, f"a long article is drawn in a window, not all {len(rendered)} sentences"
    assert LONG_N - 1 not in rendered
    height = d.execute_script("return document.documentElement.scrollHeight")
    per = d.execute_script("return document.querySelector('article.text').getBoundingClientRect().height") / LONG_N
    assert per > 5, f"the page is as tall as the whole article ({height}px, {per:.1f}px a sentence)"
    # the wheel, down to the end: the last sentences come into view as the page scrolls
    for _ in range(200):
        if LONG_N - 1 in _rendered(d):
            break
        d.execute_script("window.scrollBy(0, Math.round(innerHeight * 0.8))")
        time.sleep(0.03)
    wait_for(lambda: LONG_N - 1 in _rendered(d), msg=f"the end of the article is reached by scrolling ({_rendered(d)[:1]}…)")
    last = d.execute_script(
        "var e = document.querySelector('[data-sentence=\"' + arguments[0] + '\"]'); var r = e.getBoundingClientRect();"
        "return [r.top, r.bottom, innerHeight]", f"{LONG_ID}:{LONG_N - 1}")
    d.execute_script("window.scrollTo(0, document.documentElement.scrollHeight)")
    wait_for(lambda: d.execute_script(
        "var e = document.querySelector('[data-sentence=\"' + arguments[0] + '\"]');"
        "if (!e) return false; var r = e.getBoundingClientRect(); return r.bottom <= innerHeight && r.bottom > 0",
        f"{LONG_ID}:{LONG_N - 1}"), msg=f"the last sentence is on screen at the bottom of the page ({last})")
    # and back to the top in one jump
    d.execute_script("window.scrollTo(0, 0)")
    wait_for(lambda: 0 in _rendered(d), msg="the start is drawn again at the top")
    # a key gives the window back to the focus
    focus_sentence(d, LONG_ID, 0)
    press(d, "G")
    wait_for(lambda: focused_sentence(d) == f"{LONG_ID}:{LONG_N - 1}", msg="G goes to the last sentence")
    _check_in_view(d, f"{LONG_ID}:{LONG_N - 1}")
    press(d, "g")
    wait_for(lambda: focused_sentence(d) == f"{LONG_ID}:0")
    _check_in_view(d, f"{LONG_ID}:0")


def test_going_back_and_forth_over_the_windows_edge_draws_no_rows(browser, server, tmp_path):
    """The window of drawn sentences moves in chunks of forty rows: a focus going up and down
    over a chunk's edge (tag a sentence, go back up to it) keeps the drawn rows, the same
    elements, with the focus in view."""
    d = browser.driver
    open_app(browser, server.url)
    _open_long(d, tmp_path)
    focus_sentence(d, LONG_ID, 80)
    ActionChains(d).send_keys("j" * 120).perform()
    wait_for(lambda: focused_sentence(d) == f"{LONG_ID}:200", timeout=30, msg=f"j to 200 ({focused_sentence(d)})")
    # the panels and the window follow the key's frame: the drawn rows, settled (the same in
    # two looks 0.3 s apart)
    seen = [None]

    def settled() -> bool:
        now = _rendered(d)
        same, seen[0] = now == seen[0], now
        return same

    wait_for(settled, timeout=10, interval=0.3, msg="the drawn rows settle")
    mark = ("document.querySelectorAll('article.text [data-sentence]').forEach(function (e) { e.__kept = true; });"
            "return document.querySelectorAll('article.text [data-sentence]').length;")
    drawn = d.execute_script(mark)
    for key, want in [("k", 199), ("j", 200)] * 3:
        press(d, key)
        wait_for(lambda: focused_sentence(d) == f"{LONG_ID}:{want}", msg=f"{key} -> {want} ({focused_sentence(d)})")
        time.sleep(0.3)
        _check_in_view(d, f"{LONG_ID}:{want}")
    now = d.execute_script(
        "var rows = Array.from(document.querySelectorAll('article.text [data-sentence]'));"
        "return [rows.length, rows.filter(function (e) { return !e.__kept; }).map(function (e) {"
        " return e.getAttribute('data-sentence'); })];")
    assert now == [drawn, []], f"rows drawn anew or dropped ({drawn} drawn before): {now}"


def test_home_end_and_page_keys_move_the_focus(browser, server):
    d = browser.driver
    open_app(browser, server.url)
    show_doc(d, SEED_000)
    n = len([k for k in page_labels(d) if k.startswith(SEED_000 + ":")])
    focus_sentence(d, SEED_000, 0)
    for key, want in [("G", n - 1), ("g", 0), (Keys.END, n - 1), (Keys.PAGE_UP, n - 11), (Keys.HOME, 0),
                      (Keys.PAGE_DOWN, 10)]:
        press(d, key)
        wait_for(lambda: focused_sentence(d) == f"{SEED_000}:{want}", msg=f"{key!r} -> :{want} (now {focused_sentence(d)})")


def test_a_decision_on_the_last_sentence_goes_on_and_says_so(browser, server):
    d = browser.driver
    open_app(browser, server.url)
    show_doc(d, SEED_000)
    n = len([k for k in page_labels(d) if k.startswith(SEED_000 + ":")])
    tag(d, SEED_000, n - 1, "1", ["claim"])
    # on to the first undecided sentence of the next document, said on screen
    wait_for(lambda: focused_sentence(d) == f"{SEED_003}:0", msg=f"focus in the next document (now {focused_sentence(d)})")
    wait_for(lambda: any(m.startswith("Next article (2 of ") for m in messages(d, "info")), msg="a visible message")
    # the same key again labels that sentence: the last one of 000 keeps its label
    press(d, "1")
    wait_labels(d, SEED_003, 0, ["claim"])
    show_doc(d, SEED_000)
    assert sentence_labels(d, SEED_000, n - 1) == ["claim"]


def test_each_document_keeps_its_place_also_after_a_reload(browser, server):
    d = browser.driver
    open_app(browser, server.url)
    show_doc(d, SEED_000)
    focus_sentence(d, SEED_000, 5)
    press(d, "]")
    wait_for(lambda: focused_sentence(d) == f"{SEED_003}:0", msg=f"the next document from its start ({focused_sentence(d)})")
    focus_sentence(d, SEED_003, 2)
    press(d, "[")
    wait_for(lambda: focused_sentence(d) == f"{SEED_000}:5", msg=f"back where 000 was left ({focused_sentence(d)})")
    reload(browser)
    wait_for(lambda: focused_sentence(d) == f"{SEED_000}:5", msg=f"after a reload ({focused_sentence(d)})")
    # a click in the list also returns to the place
    retry_stale(lambda: click_centered(d, css(d, f'[data-doc="{SEED_003}"]')))
    wait_for(lambda: focused_sentence(d) == f"{SEED_003}:2", msg=f"003 where it was left ({focused_sentence(d)})")
