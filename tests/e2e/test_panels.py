"""Panels that cover the article hold the keys (docs/FORMAT.md §4, Finding one's way): with the
agreement panel open and its keyboard focus, a label key tags no sentence (the one focused may
be out of sight under it) and the page says why; Escape closes the panel and the keys act
again. On a phone-sized screen a drawer holds them the same way, and the agreement panel is a
sheet over the article that ends above the dock (messages and label bar)."""

from harness import *  # noqa: F401,F403


def test_the_agreement_panel_holds_the_keys_until_escape(browser, server):
    d = browser.driver
    with viewport(d, 1400, 900):
        open_app(browser, server.url)
        focus_sentence(d, SEED_000, 0)
        click_centered(d, css(d, '[data-action="agreement"]'))
        one_visible(d, '[data-panel="agreement"]', "the agreement panel")
        wait_for(lambda: active_is(d, '[data-panel="agreement"]'), msg="the panel takes the keyboard focus")
        press(d, "2")
        wait_for(lambda: any("Escape closes it" in m for m in messages(d)), msg=f"the page says why ({messages(d)})")
        stays(lambda: sentence_labels(d, SEED_000, 0) == [] and not stored_labels(d), 0.5,
              "2 with the agreement panel open tagged a sentence")
        assert "Esc" in css(d, '[data-action="agreement-close"]').text, "the close button names its key"
        press(d, Keys.ESCAPE)
        wait_for(lambda: not css_all(d, '[data-panel="agreement"]'), msg="Escape closes the panel")
        assert not any("Escape closes it" in m for m in messages(d)), "and its message goes with it"
        press(d, "2")
        wait_labels(d, SEED_000, 0, ["denial"], "the keys act again once the panel is closed")
        # a sentence clicked while the panel is open has the keys: the person sees the effect
        click_centered(d, css(d, '[data-action="agreement"]'))
        one_visible(d, '[data-panel="agreement"]')
        focus_sentence(d, SEED_000, 2)
        press(d, "1")
        wait_labels(d, SEED_000, 2, ["claim"], "a key on a sentence clicked below the open panel acts on it")
        assert css_all(d, '[data-panel="agreement"]'), "and the panel stays open"


def test_at_phone_width_a_drawer_and_the_agreement_sheet_hold_the_keys(browser, server):
    d = browser.driver
    with viewport(d, 390, 844):
        open_app(browser, server.url)
        focus_sentence(d, SEED_000, 0)
        click_centered(d, one_visible(d, '[data-action="toggle-side"]'))
        wait_for(lambda: in_viewport(d, "#focused-title"), msg="the side panel opens")
        press(d, "2")
        stays(lambda: sentence_labels(d, SEED_000, 0) == [] and not stored_labels(d), 0.5,
              "2 with the side drawer open tagged the sentence under it")
        press(d, Keys.ESCAPE)
        wait_for(lambda: not in_viewport(d, "#focused-title"), msg="Escape closes the drawer")
        press(d, "2")
        wait_labels(d, SEED_000, 0, ["denial"])
        # the agreement panel, from the menu: a sheet over the article, above the dock
        click_centered(d, one_visible(d, '[data-action="toggle-menu"]'))
        click_centered(d, one_visible(d, '[data-action="agreement"]'))
        one_visible(d, '[data-panel="agreement"]')
        wait_for(lambda: not css(d, '[data-action="toggle-menu"]').get_attribute("aria-expanded") == "true",
                 msg="choosing Agreement closes the menu")
        panel = rect(d, '[data-panel="agreement"]')
        assert panel["top"] <= 1 and panel["bottom"] >= 844 * 0.7, f"the panel covers the article: {panel}"
        assert not overlap(panel, rect(d, "[data-action-bar]")), "the panel ends above the dock"
        press(d, "3")
        stays(lambda: sentence_labels(d, SEED_000, 1) == [], 0.5, "3 with the agreement sheet open tagged a sentence")
        wait_for(lambda: visible(d, "[data-messages] [data-message]"), msg="the page says why")
        assert not overlap(rect(d, '[data-panel="agreement"]'), rect(d, "[data-messages]")), \
            "the message does not cover the panel"
        press(d, Keys.ESCAPE)
        wait_for(lambda: not css_all(d, '[data-panel="agreement"]'), msg="Escape closes the sheet")
