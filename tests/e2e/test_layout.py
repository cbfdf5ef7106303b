"""Every window size (the narrow screens' hooks: docs/FORMAT.md §4, Finding one's way): on a
phone-sized screen the document list and the side panel are drawers over the article (opened
from the toolbar, closed by Escape, the backdrop or choosing a document), the toolbar keeps to
one short row with a menu for the rest, nothing scrolls sideways and the label buttons stay at
the bottom within thumb's reach; on a wide screen the three columns show side by side and the
drawer buttons do not."""

import contextlib

from harness import *  # noqa: F401,F403
from selenium.webdriver.common.keys import Keys


@contextlib.contextmanager
def _viewport(d, width, height):
    """The page at this size (a phone below 700 px) for the block, as it was after it."""
    d.execute_cdp_cmd(
        "Emulation.setDeviceMetricsOverride",
        {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": width < 700},
    )
    try:
        yield
    finally:
        d.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})


def _in_view(d, selector) -> bool:
    """Whether the element's centre is inside the viewport and the element is what is there."""
    return d.execute_script(
        "var e = document.querySelector(arguments[0]); if (!e) return false;"
        "var r = e.getBoundingClientRect(); var x = r.left + r.width / 2, y = r.top + Math.min(r.height / 2, 10);"
        "if (x < 0 || y < 0 || x > innerWidth || y > innerHeight) return false;"
        "var at = document.elementFromPoint(x, y); return !!at && (at === e || e.contains(at));",
        selector,
    )


def _no_sideways_scroll(d) -> bool:
    return d.execute_script("return document.documentElement.scrollWidth <= document.documentElement.clientWidth + 1")


def test_phone_width_uses_drawers_and_keeps_the_article_free(browser, server, tmp_path):
    d = browser.driver
    with _viewport(d, 390, 844):
        open_app(browser, server.url)
        wait_focused(d)
        assert _no_sideways_scroll(d), "nothing scrolls sideways at 390 px"
        toolbar_h = d.execute_script("return document.querySelector('.toolbar').getBoundingClientRect().height")
        assert toolbar_h < 844 * 0.1, f"the toolbar keeps to one short row ({toolbar_h}px)"
        # the article's focused sentence is not covered by the list or the panel
        assert _in_view(d, "[data-sentence][aria-current='true']"), "the focused sentence is visible and uncovered"
        assert not _in_view(d, f'[data-doc="{SEED_003}"]'), "the document list is a closed drawer"
        assert not _in_view(d, 'input[data-setting="auto-advance"]'), "the side panel is a closed drawer"
        # label buttons at the bottom, within the screen
        bottom = d.execute_script(
            "var r = document.querySelector('[data-action=\"label-claim\"]').getBoundingClientRect(); return [r.top, r.bottom]"
        )
        assert 844 * 0.6 < bottom[0] and bottom[1] <= 844, f"label buttons at the bottom of the screen: {bottom}"
        # the list opens from the toolbar; choosing a document opens it and closes the list
        click_centered(d, one_visible(d, '[data-action="toggle-docs"]'))
        wait_for(lambda: _in_view(d, f'[data-doc="{SEED_003}"]'), msg="the document list opens")
        assert css(d, '[data-action="toggle-docs"]').get_attribute("aria-expanded") == "true"
        click_centered(d, css(d, f'[data-doc="{SEED_003}"]'))
        wait_for(lambda: open_doc(d) == SEED_003, msg="the chosen document opens")
        wait_for(lambda: not _in_view(d, f'[data-doc="{SEED_003}"]'), msg="and the list closes")
        # the side panel: settings reachable, Escape closes it
        click_centered(d, one_visible(d, '[data-action="toggle-side"]'))
        wait_for(lambda: _in_view(d, "#focused-title"), msg="the side panel opens")
        d.execute_script("document.querySelector('input[data-setting=\"auto-advance\"]').scrollIntoView({block: 'center'})")
        wait_for(lambda: _in_view(d, 'input[data-setting="auto-advance"]'), msg="its settings scroll into view in the drawer")
        set_checkbox(d, "auto-advance", False)
        press(d, Keys.ESCAPE)
        wait_for(lambda: not _in_view(d, "#focused-title"), msg="Escape closes the drawer")
        # the backdrop closes a drawer too
        click_centered(d, one_visible(d, '[data-action="toggle-docs"]'))
        wait_for(lambda: _in_view(d, f'[data-doc="{SEED_000}"]'))
        d.execute_script("document.querySelector('.drawer-backdrop').click()")
        wait_for(lambda: not _in_view(d, f'[data-doc="{SEED_000}"]'), msg="the backdrop closes the drawer")
        # the rest of the toolbar is behind the menu
        assert not _in_view(d, '[data-action="export-json"]')
        click_centered(d, one_visible(d, '[data-action="toggle-menu"]'))
        wait_for(lambda: _in_view(d, '[data-action="export-json"]'), msg="the menu shows the other actions")
        assert _no_sideways_scroll(d)
        # keys still work as on a wide screen
        press(d, Keys.ESCAPE)
        focus_sentence(d, SEED_003, 0)
        press(d, "2")
        wait_labels(d, SEED_003, 0, ["denial"])
        # a message shows above the label buttons (two rows here, in the same dock), never over them
        article = tmp_path / "long.txt"
        # long enough that the label bar stays at the bottom of the screen
        article.write_text("".join(f"Sentence number {i} of a long article.\n\n" for i in range(60)), encoding="utf-8")
        import_files(d, article)
        wait_for(lambda: d.execute_script("return document.querySelectorAll('.messages .message').length") > 0,
                 msg="the import says what it added")
        overlap = d.execute_script(
            "var bar = document.querySelector('[data-action-bar] .label-buttons').getBoundingClientRect();"
            "return Array.from(document.querySelectorAll('.messages .message')).map(function (m) {"
            "  var r = m.getBoundingClientRect();"
            "  return r.top < bar.bottom - 1 && r.bottom > bar.top + 1 ? [r.top, r.bottom, bar.top, bar.bottom] : null; })"
            ".filter(Boolean);")
        assert not overlap, f"a message covers the label buttons: {overlap}"


def test_wide_screen_shows_three_columns_without_drawer_buttons(browser, server):
    d = browser.driver
    with _viewport(d, 1400, 900):
        open_app(browser, server.url)
        wait_focused(d)
        assert not visible(d, '[data-action="toggle-docs"]'), "no drawer buttons on a wide screen"
        assert _in_view(d, f'[data-doc="{SEED_003}"]')
        assert _in_view(d, 'input[data-setting="auto-advance"]') or visible(d, 'input[data-setting="auto-advance"]')
        assert _in_view(d, '[data-action="export-json"]')
        assert _no_sideways_scroll(d)


def test_a_phone_shows_the_first_sentence_in_the_upper_half(browser, server):
    d = browser.driver
    with viewport(d, 390, 844):
        open_app(browser, server.url)
        key = wait_focused(d)
        first = rect(d, f'[data-sentence="{key}"]')
        assert first["top"] < 844 / 2, f"the first sentence starts in the upper half: {first}"
        toolbar = rect(d, ".toolbar")
        assert toolbar["height"] < 56, f"the name and the drawer buttons keep to one row: {toolbar}"
        head = rect(d, ".article-head")
        assert head["height"] < 844 * 0.3, f"the article's head is short: {head}"
        # the filters keep to one row that scrolls sideways, the page itself does not
        rows = d.execute_script(
            "return new Set(Array.from(document.querySelectorAll('.filters > *')).map(e => { var r = e.getBoundingClientRect(); return Math.round((r.top + r.bottom) / 2); })).size")
        assert rows == 1, f"the filter bar takes {rows} rows"
        assert _no_sideways_scroll(d)
        click_centered(d, css(d, '[data-filter="undecided"]'))
        wait_for(lambda: css(d, '[data-filter="undecided"]').get_attribute("aria-pressed") == "true", msg="a chip still works")
