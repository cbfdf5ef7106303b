"""Accessibility: axe-core on the main view, with the key help open and with a label set, in the
light and the dark colour scheme; accessible names of buttons; the live region; a visible focus.

axe-core is a test-only dependency (`npm install` in the repo root puts it in
node_modules/axe-core/). It is injected with WebDriver's execute_script, which the page's CSP
does not govern (CDP Runtime.evaluate as a fallback).
"""

from __future__ import annotations

import re

import pytest
from harness import *  # noqa: F401,F403
from selenium.common.exceptions import WebDriverException
from selenium.webdriver.common.keys import Keys

AXE = REPO / "node_modules" / "axe-core" / "axe.min.js"
BLOCKING = ("serious", "critical")

AXE_RUN_JS = r"""
var done = arguments[arguments.length - 1];
axe.run(document, {resultTypes: ['violations']}).then(function (r) {
  done(r.violations.map(function (v) {
    return {id: v.id, impact: v.impact, help: v.help,
            nodes: v.nodes.map(function (n) { return {target: n.target.join(' '), html: n.html.slice(0, 160),
                                                      summary: n.failureSummary}; })};
  }));
}).catch(function (e) { done({error: String(e)}); });
"""


def inject_axe(d) -> None:
    if not AXE.is_file():
        pytest.fail(f"{AXE} is missing: run `npm install` in the repository root")
    src = AXE.read_text(encoding="utf-8")
    try:
        d.execute_script(src)
    except WebDriverException:
        d.execute_cdp_cmd("Runtime.evaluate", {"expression": src})
    assert d.execute_script("return typeof window.axe === 'object' && typeof axe.run === 'function';"), "axe-core not injected"


def run_axe(d, label: str) -> list[dict]:
    if not d.execute_script("return typeof window.axe === 'object';"):
        inject_axe(d)
    res = d.execute_async_script(AXE_RUN_JS)
    assert not (isinstance(res, dict) and res.get("error")), f"axe.run failed: {res}"
    minor = [v for v in res if v["impact"] not in BLOCKING]
    for v in minor:
        print(f"[axe {label}] {v['impact']}: {v['id']} ({v['help']}) on {[n['target'] for n in v['nodes']]}")
    return [v for v in res if v["impact"] in BLOCKING]


def _fmt(violations: list[dict]) -> str:
    out = []
    for v in violations:
        out.append(f"{v['impact']} {v['id']}: {v['help']}")
        for n in v["nodes"][:6]:
            out.append(f"    {n['target']}: {n['html']}\n      {n['summary']}".replace("\n  ", "\n        "))
    return "\n".join(out)


def set_scheme(d, scheme: str) -> None:
    d.execute_cdp_cmd("Emulation.setEmulatedMedia", {"features": [{"name": "prefers-color-scheme", "value": scheme}]})


def _luminance(css_color: str) -> float:
    nums = [float(x) for x in re.findall(r"[\d.]+", css_color)[:3]]
    assert len(nums) == 3, css_color

    def ch(c):
        c /= 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (ch(c) for c in nums)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def page_background(d) -> str:
    return d.execute_script(
        "for (const e of [document.body, document.documentElement]) {"
        " const c = getComputedStyle(e).backgroundColor;"
        " if (c && c !== 'transparent' && !/rgba\\(.*,\\s*0\\)$/.test(c)) return c; }"
        "return 'rgb(255, 255, 255)';"
    )


def _prepare(browser, server, scheme: str, state: str):
    d = browser.driver
    set_scheme(d, scheme)
    open_app(browser, server.url)
    assert d.execute_script(f"return matchMedia('(prefers-color-scheme: {scheme})').matches;"), f"{scheme} not emulated"
    lum = _luminance(page_background(d))
    if scheme == "dark":
        assert lum < 0.2, f"dark scheme: the page background {page_background(d)} is not dark (the theme must follow the system)"
    else:
        assert lum > 0.5, f"light scheme: the page background {page_background(d)} is not light"
    if state == "help":
        focus_sentence(d, SEED_000, 0)
        press(d, "?")
        wait_for(lambda: help_dialog(d), msg="the help dialog")
    elif state == "labelled":
        tag(d, SEED_000, 1, "1", ["claim"])
        tag(d, SEED_000, 2, "2", ["denial"])
        tag(d, SEED_000, 3, "3", ["demand"])
        press(d, "x")  # the focus moved on: an unsure mark too
        wait_for(lambda: css_all(d, '[data-sentence][data-unsure="true"]'), msg="an unsure sentence")
        focus_sentence(d, SEED_000, 1)  # the focused sentence holds a label (pressed buttons shown)
    return d


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("state", ["main", "help", "labelled"])
def test_axe_no_serious_violations(browser, server, scheme, state):
    d = _prepare(browser, server, scheme, state)
    bad = run_axe(d, f"{state}/{scheme}")
    assert not bad, f"axe: serious/critical violations in the {state} view ({scheme}):\n" + _fmt(bad)


def test_every_button_has_an_accessible_name(browser, server):
    d = browser.driver
    open_app(browser, server.url)
    focus_sentence(d, SEED_000, 1)  # label buttons shown
    press(d, "?")
    wait_for(lambda: help_dialog(d), msg="the help dialog")  # its close button too
    buttons = [b for b in css_all(d, 'button, [role="button"], input[type="button"], input[type="submit"]')]
    assert len(buttons) > 20, len(buttons)
    nameless = []
    for b in buttons:
        # a button the layout hides (the narrow screen's drawer buttons on a wide one) is not
        # in the accessibility tree, so it has no name to check
        if not b.is_displayed():
            continue
        name = (b.accessible_name or "").strip()
        if not name:
            nameless.append(b.get_attribute("outerHTML")[:160])
    assert not nameless, "buttons without an accessible name:\n  " + "\n  ".join(nameless)
    press(d, Keys.ESCAPE)
    wait_for(lambda: not help_dialog(d), msg="help closed")
    # form fields too: settings, note, search, import
    unlabelled = []
    for f in css_all(d, "input, textarea, select"):
        if (f.get_attribute("type") or "") == "hidden":
            continue
        if not (f.accessible_name or "").strip():
            unlabelled.append(f.get_attribute("outerHTML")[:160])
    assert not unlabelled, "form fields without an accessible name:\n  " + "\n  ".join(unlabelled)


def live_text(d) -> list[str]:
    return [t.strip() for t in d.execute_script(
        "return Array.from(document.querySelectorAll('[aria-live=\"polite\"]')).map(e => e.textContent);")]


def test_live_region_announces_tagging(browser, server):
    d = browser.driver
    open_app(browser, server.url)
    assert css_all(d, '[aria-live="polite"]'), 'no [aria-live="polite"] region'
    css(d, 'input[data-setting="auto-advance"]').click()
    wait_for(lambda: not css(d, 'input[data-setting="auto-advance"]').is_selected(), msg="auto-advance off")
    focus_sentence(d, SEED_000, 3)
    before = live_text(d)
    press(d, "2")
    wait_labels(d, SEED_000, 3, ["denial"])
    after = wait_for(lambda: (lambda t: t if t != before else None)(live_text(d)),
                     msg=f"the live region changes after tagging (was {before})")
    assert any("denial" in t.lower() for t in after), f"the announcement does not name the label: {after}"
    press(d, "2")
    wait_labels(d, SEED_000, 3, [])
    wait_for(lambda: live_text(d) != after, msg=f"the live region changes after removing the label (still {after})")


def test_live_region_announces_label_with_auto_advance(browser, server):
    """With auto-advance (the default) a screen-reader user must still hear which label was set,
    not only where the focus went."""
    d = browser.driver
    open_app(browser, server.url)
    focus_sentence(d, SEED_000, 3)
    before = live_text(d)
    press(d, "3")
    wait_labels(d, SEED_000, 3, ["demand"])
    wait_for(lambda: focused_sentence(d) == f"{SEED_000}:4", msg="auto-advance")
    after = wait_for(lambda: (lambda t: t if t != before else None)(live_text(d)),
                     msg=f"the live region changes after tagging (was {before})")
    try:
        wait_for(lambda: any("demand" in t.lower() for t in live_text(d)), timeout=3, msg="label announced")
    except AssertionError:
        raise AssertionError(
            f'after tagging with auto-advance on, [aria-live="polite"] says {live_text(d)}: the label (demand) is not announced'
        ) from None


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_focused_sentence_has_visible_outline(browser, server, scheme):
    d = browser.driver
    set_scheme(d, scheme)
    open_app(browser, server.url)
    focus_sentence(d, SEED_000, 2)
    press(d, "j")  # by keyboard, too
    wait_for(lambda: focused_sentence(d) == f"{SEED_000}:3", msg="j")
    st = d.execute_script(
        "var e = document.querySelector('[data-sentence][aria-current=\"true\"]'); var s = getComputedStyle(e);"
        "var p = getComputedStyle(document.body);"
        "return {style: s.outlineStyle, width: parseFloat(s.outlineWidth), color: s.outlineColor, bg: p.backgroundColor,"
        " box: s.boxShadow, other: getComputedStyle(document.querySelector('[data-sentence]:not([aria-current])')).outlineStyle};"
    )
    assert st["style"] != "none" and st["width"] >= 1, f"the focused sentence has no visible outline: {st}"
    assert st["other"] == "none", f"unfocused sentences must not look focused: {st}"
    # the outline stands out from the page background (WCAG 1.4.11: 3:1)
    l1, l2 = _luminance(st["color"]), _luminance(page_background(d))
    ratio = (max(l1, l2) + 0.05) / (min(l1, l2) + 0.05)
    assert ratio >= 3, f"focus outline {st['color']} on {page_background(d)}: contrast {ratio:.2f} < 3"
