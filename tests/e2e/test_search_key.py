"""`/` puts the caret in the search field; typing filters; Escape leaves the field and the
keys act on sentences again."""

from conftest import *  # noqa: F401,F403


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
