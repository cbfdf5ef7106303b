"""Search and filters: `/` puts the caret in the search field, typing filters the sentences and
marks the matches, keys typed there act on nothing else, Escape returns to the sentences; the
filter buttons (by label, none, unsure, note, undecided) count and show their sentences, and
combine with a search."""

import re

from harness import *  # noqa: F401,F403


def displayed_sentences(d) -> list[str]:
    """data-sentence of every sentence that is rendered and displayed."""
    return d.execute_script(
        "return Array.from(document.querySelectorAll('[data-sentence]'))"
        ".filter(e => e.getClientRects().length > 0 && getComputedStyle(e).visibility !== 'hidden')"
        ".map(e => e.getAttribute('data-sentence'));"
    )


def filter_info(d) -> dict[str, tuple[int, str]]:
    """{filter: (data-count, visible text)} of the [data-filter] buttons."""
    rows = d.execute_script(
        "return Array.from(document.querySelectorAll('[data-filter]'))"
        ".map(e => [e.getAttribute('data-filter'), e.getAttribute('data-count'), e.textContent]);"
    )
    return {f: (int(c), t) for f, c, t in rows}


def click_filter(d, name: str) -> None:
    retry_stale(lambda: click_centered(d, one_visible(d, f'[data-filter="{name}"]')))
    wait_for(lambda: css(d, f'[data-filter="{name}"]').get_attribute("aria-pressed") == "true",
             msg=f'filter {name} aria-pressed="true"')


def test_filters_and_search(browser, server):
    d = browser.driver
    open_app(browser, server.url)
    show_doc(d, SEED_000)
    all_keys = sorted((k for k in page_labels(d) if k.startswith(SEED_000 + ":")), key=lambda k: int(k.rsplit(":", 1)[1]))
    total = len(all_keys)
    texts = page_sentences(d)

    tag(d, SEED_000, 0, "1", ["claim"])
    wait_for(lambda: focused_sentence(d) == f"{SEED_000}:1", msg="auto-advance")
    press(d, "1")
    wait_labels(d, SEED_000, 1, ["claim"])
    tag(d, SEED_000, 4, "3", ["demand"])
    # 0: none of the labels applies (a decision, shown in words, counted apart)
    tag(d, SEED_000, 5, "0", [])
    wait_attr(d, SEED_000, 5, "data-decided", "true")
    focus_sentence(d, SEED_000, 6)
    press(d, "x")
    wait_attr(d, SEED_000, 6, "data-unsure", "true")
    write_note(d, SEED_000, 7, "why")
    wait_attr(d, SEED_000, 7, "data-has-note", "true")

    want = {"all": total, "undecided": total - 4, "none": 1, "claim": 2, "denial": 0, "demand": 1, "unsure": 1, "note": 1}
    wait_for(lambda: {k: v[0] for k, v in filter_info(d).items()} == want,
             msg=f"data-count of the filters == {want} (got { {k: v[0] for k, v in filter_info(d).items()} })")
    for name, (count, shown_text) in filter_info(d).items():
        nums = re.findall(r"\d+", shown_text)
        assert nums and int(nums[-1]) == count, f"filter {name}: data-count {count} but the page shows {shown_text!r}"

    expect_shown = {
        "claim": [f"{SEED_000}:0", f"{SEED_000}:1"],
        "demand": [f"{SEED_000}:4"],
        "denial": [],
        "unsure": [f"{SEED_000}:6"],
        "note": [f"{SEED_000}:7"],
        "none": [f"{SEED_000}:5"],
        "undecided": [k for k in all_keys if k not in (f"{SEED_000}:0", f"{SEED_000}:1", f"{SEED_000}:4", f"{SEED_000}:5")],
        "all": all_keys,
    }
    for name, keys in expect_shown.items():
        click_filter(d, name)
        wait_for(lambda: sorted(displayed_sentences(d)) == sorted(keys),
                 msg=f"filter {name}: shows {sorted(keys)} (shows {sorted(displayed_sentences(d))})")
        assert len(keys) == want[name]

    # search: only sentences containing the text, matches marked
    word = "Moscow"
    hits = sorted((k for k in all_keys if word.lower() in texts[k].lower()), key=lambda k: int(k.rsplit(":", 1)[1]))
    assert 0 < len(hits) < total, f"pick another search word: {hits}"
    search = one_visible(d, 'input[data-action="search"]')
    click_centered(d, search)
    type_keys(d, word.lower())
    wait_for(lambda: sorted(displayed_sentences(d)) == sorted(hits),
             msg=f"search {word!r}: shows {hits} (shows {sorted(displayed_sentences(d))})")
    marks = d.execute_script(
        "return Array.from(document.querySelectorAll('[data-sentence]'))"
        ".filter(e => e.getClientRects().length > 0)"
        ".map(e => [e.getAttribute('data-sentence'), Array.from(e.querySelectorAll('mark')).map(m => m.textContent)]);"
    )
    for key, ms in marks:
        n = texts[key].lower().count(word.lower())
        assert len(ms) == n and all(m.lower() == word.lower() for m in ms), f"{key}: <mark>s {ms}, expected {n} x {word!r}"
    # the search combines with a filter, and clearing it shows everything again
    click_filter(d, "claim")
    both = [k for k in hits if k in expect_shown["claim"]]
    wait_for(lambda: sorted(displayed_sentences(d)) == sorted(both), msg=f"claim + search: {both} (shows {displayed_sentences(d)})")
    click_filter(d, "all")
    search = one_visible(d, 'input[data-action="search"]')
    click_centered(d, search)
    for _ in word:
        press(d, Keys.BACKSPACE, into_field=True)
    wait_for(lambda: sorted(displayed_sentences(d)) == sorted(all_keys), msg="cleared search shows every sentence")
    assert not css_all(d, "[data-sentence] mark"), "marks left after clearing the search"


def test_slash_searches_and_escape_returns(browser, server):
    d = browser.driver
    open_app(browser, server.url)
    total = len(css_all(d, "[data-sentence]"))
    press(d, "/")
    wait_for(lambda: d.switch_to.active_element.get_attribute("data-action") == "search", msg="search field focused")
    ActionChains(d).send_keys("Lavrov").perform()
    wait_for(lambda: 0 < len(css_all(d, "[data-sentence]")) < total, msg="only matching sentences shown")
    assert all("lavrov" in el.text.lower() for el in css_all(d, "[data-sentence]"))
    assert css_all(d, "[data-sentence] mark")
    # Typing did not tag anything.
    assert not any(page_labels(d).values())
    ActionChains(d).send_keys(Keys.ESCAPE).perform()
    wait_for(lambda: d.switch_to.active_element.get_attribute("data-sentence"), msg="focus back on a sentence")
    first = focused_sentence(d)
    press(d, "2")
    doc, idx = first.rsplit(":", 1)
    wait_for(lambda: sentence_labels(d, doc, int(idx)) == ["denial"], msg="keys act on sentences again")


def test_keys_ignored_in_search(browser, server):
    d = browser.driver
    open_app(browser, server.url)
    tag(d, SEED_003, 1, "2", ["denial"])
    focus_sentence(d, SEED_003, 1)
    before_labels = page_labels(d)
    before_doc = open_doc(d)
    before_store = {k: v for k, v in local_storage(d).items() if k.startswith("sa/v1/ann/")}
    search = one_visible(d, 'input[data-action="search"]', "search input")
    search.click()
    for ch in "1c]0u?":
        press(d, ch, into_field=True)
    assert search.get_attribute("value") == "1c]0u?"
    for _ in range(6):
        press(d, Keys.BACKSPACE, into_field=True)
    wait_for(lambda: search.get_attribute("value") == "", msg="search emptied by Backspace")
    d.execute_script("document.activeElement.blur();")
    wait_for(lambda: page_labels(d) == before_labels, msg="labels unchanged by keys typed into search")
    assert open_doc(d) == before_doc
    assert not help_dialog(d)
    assert {k: v for k, v in local_storage(d).items() if k.startswith("sa/v1/ann/")} == before_store
