"""Everything by mouse alone: clicking a sentence focuses it, the label and unsure buttons show
and toggle their state (aria-pressed), the undo and redo buttons undo and redo (disabled when
there is nothing to undo or redo), clicking a document opens it."""

from harness import *  # noqa: F401,F403


def test_mouse_only_workflow(browser, server):
    d = browser.driver
    open_app(browser, server.url)
    show_doc(d, SEED_003)
    click_centered(d, sentence(d, SEED_003, 4))
    wait_for(lambda: focused_sentence(d) == f"{SEED_003}:4", msg="a click focuses the sentence")

    assert one_visible(d, '[data-action="label-denial"]').get_attribute("aria-pressed") == "false"
    retry_stale(lambda: click_centered(d, one_visible(d, '[data-action="label-denial"]')))
    wait_labels(d, SEED_003, 4, ["denial"], "label-denial button")

    # the buttons may have moved with auto-advance: click the sentence again
    click_centered(d, sentence(d, SEED_003, 4))
    wait_for(lambda: focused_sentence(d) == f"{SEED_003}:4", msg="click back")
    wait_for(lambda: one_visible(d, '[data-action="label-denial"]').get_attribute("aria-pressed") == "true",
             msg='label-denial aria-pressed="true"')
    for other in ("label-claim", "label-demand"):
        pressed = [b.get_attribute("aria-pressed") for b in visible(d, f'[data-action="{other}"]')]
        assert pressed == ["false"], f"{other}: aria-pressed {pressed} beside a pressed label-denial"
    unsure = one_visible(d, '[data-action="unsure"]')
    assert unsure.get_attribute("aria-pressed") == "false"
    click_centered(d, unsure)
    wait_attr(d, SEED_003, 4, "data-unsure", "true", "the unsure button")
    wait_for(lambda: one_visible(d, '[data-action="unsure"]').get_attribute("aria-pressed") == "true",
             msg='unsure aria-pressed="true"')

    css(d, '[data-action="undo"]').click()
    wait_attr(d, SEED_003, 4, "data-unsure", "false", "undo button undoes unsure")
    assert sentence_labels(d, SEED_003, 4) == ["denial"]
    css(d, '[data-action="undo"]').click()
    wait_labels(d, SEED_003, 4, [], "undo button undoes the label")
    wait_for(lambda: not css(d, '[data-action="undo"]').is_enabled(), msg="nothing left to undo: undo disabled")
    css(d, '[data-action="redo"]').click()
    wait_labels(d, SEED_003, 4, ["denial"], "redo button")
    css(d, '[data-action="redo"]').click()
    wait_attr(d, SEED_003, 4, "data-unsure", "true", "redo button again")
    wait_for(lambda: not css(d, '[data-action="redo"]').is_enabled(), msg="nothing left to redo: redo disabled")

    # another document, by mouse only
    click_centered(d, css(d, f'[data-doc="{SEED_000}"]'))
    wait_for(lambda: open_doc(d) == SEED_000, msg="click on a document opens it")
    click_centered(d, sentence(d, SEED_000, 2))
    wait_for(lambda: focused_sentence(d) == f"{SEED_000}:2", msg="click focuses 000:2")
    click_centered(d, one_visible(d, '[data-action="label-demand"]'))
    wait_labels(d, SEED_000, 2, ["demand"])
