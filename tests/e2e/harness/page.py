"""Working the page as a person would, and reading it through its hooks (tests/e2e/HOOKS.md):
waiting, opening documents, focusing sentences, key presses and clicks, reading labels,
messages, localStorage, IndexedDB and downloads, exporting. Every helper takes a Selenium driver or a
`Browser` (`d` below).
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import shutil
import time
from pathlib import Path

from selenium.common.exceptions import NoSuchElementException, StaleElementReferenceException
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys

from .browser import Browser
from .config import DEFAULT_TIMEOUT, FIXTURES, REPO, SEEDS
from .exports import EXPORT_JSON_RE


class WaitTimeout(AssertionError):
    """wait_for ran out of time."""


def _drv(x):
    return x.driver if isinstance(x, Browser) else x


# -- waiting ------------------------------------------------------------------------------


def wait_for(cond, timeout: float = DEFAULT_TIMEOUT, msg: str = "", interval: float = 0.05):
    """Polls cond() until it returns something truthy and returns that; fails after timeout."""
    deadline = time.monotonic() + timeout
    last_exc = None
    while True:
        try:
            v = cond()
            if v:
                return v
            last_exc = None
        except (StaleElementReferenceException, NoSuchElementException) as e:
            last_exc = e
        if time.monotonic() > deadline:
            detail = f" (last error: {last_exc!r})" if last_exc else ""
            raise WaitTimeout(f"timed out after {timeout}s waiting for: {msg or cond}{detail}")
        time.sleep(interval)


def stays(cond, seconds: float = 0.6, msg: str = "") -> None:
    """cond() holds now and keeps holding for `seconds` (no late change)."""
    end = time.monotonic() + seconds
    while True:
        assert cond(), msg or f"condition no longer holds: {cond}"
        if time.monotonic() > end:
            return
        time.sleep(0.05)


def retry_stale(fn, attempts: int = 5):
    """Runs fn(), again if the page re-rendered the element under it."""
    for n in range(attempts):
        try:
            return fn()
        except StaleElementReferenceException:
            if n == attempts - 1:
                raise
            time.sleep(0.1)


# -- loading ------------------------------------------------------------------------------


# Sentences shown, and not the open article shown first while a large corpus is still read
# (`[data-loading]`: the page is inert until then, docs/FORMAT.md §4), nor index.html's still
# first screen (`#first-screen`, docs/ARCHITECTURE.md).
READY_JS = ("return !!document.querySelector('[data-sentence]') && !document.querySelector('[data-loading]')"
            " && !document.getElementById('first-screen');")


def open_app(b, url: str, timeout: float = 30) -> None:
    """Opens the page and waits until sentences are rendered and the page is ready for keys."""
    d = _drv(b)
    if isinstance(b, Browser):
        b.collect()  # keep CSP records of the page being left
    d.get(url)
    wait_for(lambda: d.execute_script(READY_JS), timeout, "[data-sentence] elements, the stored corpus read")
    if isinstance(b, Browser):
        b.loaded()


def goto_origin_without_app(b, server) -> None:
    """A same-origin document that runs no page script (to edit storage before the page loads)."""
    b.collect()
    b.driver.get(server.origin + "/articles/index.json")
    wait_for(lambda: b.driver.execute_script("return document.readyState") == "complete", msg="index.json loaded")


def reload(b, timeout: float = 30) -> None:
    d = _drv(b)
    if isinstance(b, Browser):
        b.collect()
    if isinstance(b, Browser) and b.engine == "firefox":
        # Marionette's refresh reloads past the service worker (with the server gone it shows
        # Firefox's error page), unlike a person's reload: location.reload() is one.
        d.execute_script("window.__e2eBeforeReload = true; location.reload();")
        wait_for(lambda: d.execute_script("return document.readyState === 'complete' && !window.__e2eBeforeReload;"),
                 timeout, "the reloaded document")
    else:
        d.refresh()
    wait_for(lambda: d.execute_script(READY_JS), timeout, "[data-sentence] after reload, the stored corpus read")
    if isinstance(b, Browser):
        b.loaded()


# -- finding ------------------------------------------------------------------------------


def css(d, selector: str):
    return _drv(d).find_element(By.CSS_SELECTOR, selector)


def css_all(d, selector: str):
    return _drv(d).find_elements(By.CSS_SELECTOR, selector)


def visible(d, selector: str):
    """The displayed elements matching selector."""
    return [e for e in css_all(d, selector) if e.is_displayed()]


def one_visible(d, selector: str, msg: str = ""):
    """Waits for a displayed element matching selector and returns the first."""
    return wait_for(lambda: visible(d, selector), msg=msg or f"a visible {selector}")[0]


def sentence(d, doc: str, i: int):
    return _drv(d).find_element(By.CSS_SELECTOR, f'[data-sentence="{doc}:{i}"]')


def _attrs(d, selector: str, attr: str) -> list[str]:
    return _drv(d).execute_script(
        "return Array.from(document.querySelectorAll(arguments[0])).map(e => e.getAttribute(arguments[1]));",
        selector, attr,
    )


def _find_attr(d, attr: str, value: str):
    """The element whose attribute equals value (any characters, no CSS escaping needed)."""
    el = _drv(d).execute_script(
        "return Array.from(document.querySelectorAll('[' + arguments[0] + ']'))"
        ".find(e => e.getAttribute(arguments[0]) === arguments[1]) || null;", attr, value)
    if el is None:
        raise NoSuchElementException(f"no [{attr}={value!r}]")
    return el


def active_is(d, selector: str) -> bool:
    """The element with the keyboard focus matches selector."""
    return bool(_drv(d).execute_script(
        "return !!document.activeElement && document.activeElement.matches(arguments[0]);", selector))


# -- reading the hooks ----------------------------------------------------------------------


def attr_of(d, doc: str, i: int, attr: str) -> str | None:
    """An attribute of one sentence, read atomically in the page ('__missing__': no such sentence)."""
    return _drv(d).execute_script(
        "var e = Array.from(document.querySelectorAll('[data-sentence]'))"
        ".find(x => x.getAttribute('data-sentence') === arguments[0]);"
        "return e ? e.getAttribute(arguments[1]) : '__missing__';",
        f"{doc}:{i}", attr,
    )


def sentence_labels(d, doc: str, i: int) -> list[str]:
    """data-labels of one sentence, read atomically in the page (no stale elements)."""
    v = attr_of(d, doc, i, "data-labels")
    assert v != "__missing__", f"no [data-sentence=\"{doc}:{i}\"] on the page"
    return (v or "").split()


def sentence_texts(d, doc: str) -> list[str]:
    """The drawn sentences' own text (their text nodes, without the tags after them), in order."""
    return _drv(d).execute_script(
        "return Array.from(document.querySelectorAll('[data-sentence^=\"' + arguments[0] + ':\"]'))"
        ".sort((a, b) => +a.dataset.sentence.split(':').pop() - +b.dataset.sentence.split(':').pop())"
        ".map(e => Array.from(e.childNodes).filter(n => n.nodeType === 3).map(n => n.textContent).join(''))",
        doc,
    )


def split_gap(d) -> int | None:
    """Split mode's chosen gap (`data-split-at` of the current gap), or None."""
    el = css_all(d, "[data-split-at][aria-current='true']")
    return int(el[0].get_attribute("data-split-at")) if el else None


def move_split_gap(d, target: int) -> None:
    """Moves split mode's chosen gap to `target` with the arrow keys, as a person would."""
    for _ in range(20):
        cur = split_gap(d)
        if cur == target:
            break
        press(d, Keys.ARROW_RIGHT if cur < target else Keys.ARROW_LEFT)
        wait_for(lambda: split_gap(d) != cur, msg="the arrows move the chosen gap")
    assert split_gap(d) == target


def focused_sentence(d) -> str | None:
    """data-sentence of the sentence with aria-current="true" (None if none)."""
    els = _attrs(d, '[data-sentence][aria-current="true"]', "data-sentence")
    assert len(els) <= 1, f"more than one focused sentence: {els}"
    return els[0] if els else None


def wait_focused(d, timeout: float = DEFAULT_TIMEOUT) -> str:
    return wait_for(lambda: focused_sentence(d), timeout, 'a sentence with aria-current="true"')


def open_doc(d) -> str | None:
    els = _attrs(d, "article[data-open-doc]", "data-open-doc")
    return els[0] if els else None


def doc_ids(d) -> list[str]:
    return _attrs(d, "[data-doc]", "data-doc")


def doc_progress(d, doc: str) -> str | None:
    """data-progress ("labelled/total") of a document's list item."""
    return _drv(d).execute_script(
        "var e = Array.from(document.querySelectorAll('[data-doc]')).find(x => x.getAttribute('data-doc') === arguments[0]);"
        "return e ? e.getAttribute('data-progress') : null;", doc)


def page_labels(d) -> dict[str, list[str]]:
    """{"<doc>:<index>": [labels]} for every rendered [data-sentence]."""
    rows = _drv(d).execute_script(
        "return Array.from(document.querySelectorAll('[data-sentence]'))"
        ".map(e => [e.getAttribute('data-sentence'), e.getAttribute('data-labels') || '']);"
    )
    return {k: v.split() for k, v in rows}


def page_sentences(d) -> dict[str, str]:
    """{"<doc>:<index>": textContent} for every rendered [data-sentence]."""
    rows = _drv(d).execute_script(
        "return Array.from(document.querySelectorAll('[data-sentence]'))"
        ".map(e => [e.getAttribute('data-sentence'), e.textContent]);"
    )
    return dict((k, v) for k, v in rows)


def shown_labels(d, docs=None) -> dict[str, list[str]]:
    """Non-empty data-labels (sorted) of every sentence of `docs` (default: the seed articles),
    each document opened in turn."""
    out = {}
    for doc in docs or SEEDS:
        show_doc(d, doc)
        out.update({k: sorted(v) for k, v in page_labels(d).items() if v and k.startswith(doc + ":")})
    return out


def messages(d, level: str | None = None) -> list[str]:
    """The text of the page's messages ([data-messages] [data-message]), of one level or all."""
    sel = "[data-messages] [data-message]" + (f'[data-level="{level}"]' if level else "")
    return _drv(d).execute_script(
        "return Array.from(document.querySelectorAll(arguments[0])).map(e => e.textContent);", sel
    )


def help_dialog(d):
    """The help dialog, as a list: [it] while shown, [] otherwise."""
    return visible(d, '[role="dialog"][data-panel="help"]')


def setting(d, name: str):
    return css(d, f'input[data-setting="{name}"]')


def local_storage(d) -> dict[str, str]:
    return _drv(d).execute_script(
        "var o = {}; for (var i = 0; i < localStorage.length; i++) {"
        " var k = localStorage.key(i); o[k] = localStorage.getItem(k); } return o;"
    )


# Reads the page's IndexedDB store (docs/FORMAT.md §3: database sentence-annotator, store kv)
# without creating it: an open that would create the database is aborted.
IDB_READ_JS = r"""
var done = arguments[arguments.length - 1];
var req = indexedDB.open('sentence-annotator');
req.onupgradeneeded = function () { req.transaction.abort(); };
req.onerror = function () { done({}); };
req.onsuccess = function () {
  var db = req.result;
  if (!db.objectStoreNames.contains('kv')) { db.close(); done({}); return; }
  var tx = db.transaction('kv'), st = tx.objectStore('kv');
  var ks = st.getAllKeys(), vs = st.getAll();
  tx.oncomplete = function () {
    var o = {};
    for (var i = 0; i < ks.result.length; i++) o[ks.result[i]] = vs.result[i];
    db.close();
    done(o);
  };
  tx.onabort = function () { db.close(); done({'__error__': String(tx.error)}); };
};
"""


def idb_storage(d) -> dict[str, str]:
    """Every key and value of the page's IndexedDB store ({} when there is none)."""
    out = _drv(d).execute_async_script(IDB_READ_JS)
    assert "__error__" not in out, f"reading IndexedDB failed: {out['__error__']}"
    return out


def all_storage(d) -> dict[str, str]:
    """What the page keeps, both stores (keys are never in both once a move is complete)."""
    return {**local_storage(d), **idb_storage(d)}


# The storage layout the page writes (docs/FORMAT.md §3).
LAYOUT = 3


def _b36(field: str) -> int:
    return int(field, 36) if field else 0


def shard_records(raw: str) -> dict[str, dict]:
    """The records of a stored annotation shard (`sa/v1/ann/<doc>`, `sa/v1/gold/<doc>`) by
    sentence index, as layout 2 wrote them (`{"l":…,"n":…,"u":…,"z":…,"t":…,"h":…,"b":…,"g":…}`,
    absent fields left out), read from layout 3's rows (docs/FORMAT.md §3) or layout 2's JSON.
    A second reader of the format, written from the document: the tests check the page's
    shards with it."""
    shard = json.loads(raw)
    if "r" not in shard:
        return shard.get("s") or {}
    names, out = shard.get("L", []), {}
    index, t, end = -1, 0, 0
    rows = shard["r"]
    assert rows == "" or rows.endswith(";"), rows
    for row in rows.split(";")[:-1]:
        fields = (row.split(",") + [""] * 6)[:6]
        index += 1 + _b36(fields[0])
        t += _b36(fields[2])
        rec = {}
        labels = fields[1]
        if labels.endswith("?"):
            rec["u"], labels = True, labels[:-1]
        parts = [p for p in labels.split(".") if p]
        named = [names[_b36(p)] for p in parts if p != "-"]
        if named:
            rec["l"] = named
        if "-" in parts:
            rec["z"] = True
        note = shard.get("n", {}).get(str(index))
        if note:
            rec["n"] = note
        rec["t"] = t
        rec["h"] = shard["H"][str(index)] if fields[3] == "~" else fields[3]
        if fields[4]:
            gap, length = fields[4].split(".")
            start = end + _b36(gap)
            end = start + _b36(length)
            rec["b"] = [start, end]
        if fields[5]:
            rec["g"] = names[_b36(fields[5])]
        out[str(index)] = rec
    return out


def stored_labels(d) -> dict[str, list[str]]:
    """{"<doc>:<index>": labels (sorted)} of every non-empty label record in sa/v1/ann/* shards."""
    out = {}
    for k, v in local_storage(d).items():
        if not k.startswith("sa/v1/ann/"):
            continue
        doc = k[len("sa/v1/ann/"):]
        for idx, ann in shard_records(v).items():
            if ann.get("l"):
                out[f"{doc}:{idx}"] = sorted(ann["l"])
    return out


# -- acting -------------------------------------------------------------------------------


# Whether `el` holds still where a click lands: its first box (where WebDriver clicks: the centre
# of the first of its client rects, a line of a sentence that wraps) the same over two animation
# frames (the page may still be drawing a list that grows, or a line above it that goes) and the
# point at that centre inside it (nothing over it). Else what it found, for the message.
_STILL_AT_CENTRE_JS = r"""
var el = arguments[0], done = arguments[arguments.length - 1];
function first() { var r = el.getClientRects()[0]; return r ? [r.left, r.top, r.width, r.height] : null; }
var before = first();
requestAnimationFrame(function () { requestAnimationFrame(function () {
  var r = first();
  var hit = r && document.elementFromPoint(r[0] + r[2] / 2, r[1] + r[3] / 2);
  var still = !!r && !!before && r.join() === before.join();
  done(still && !!hit && (hit === el || el.contains(hit)) ? true
       : [before, r, hit ? hit.outerHTML.slice(0, 100) : null]);
}); });
"""


def click_centered(d, el) -> None:
    """Scrolls el to the middle of the viewport (as a person scrolls to what they want to click:
    chromedriver would put it at the edge, under the page's sticky toolbar), waits until it
    holds still there (a person aims at what they see), and clicks it."""
    drv = _drv(d)
    drv.execute_script("arguments[0].scrollIntoView({block: 'center', inline: 'nearest'});", el)
    seen = []

    def still() -> bool:
        seen[:] = [drv.execute_async_script(_STILL_AT_CENTRE_JS, el)]
        return seen[0] is True

    try:
        wait_for(still, msg="the element holding still to be clicked")
    except WaitTimeout as e:
        raise WaitTimeout(f"{e} (its first box before and after two frames, what is at its centre: {seen})") from None
    el.click()


def docs_total(d) -> int:
    """How many documents the page has (the list's heading), drawn or not."""
    v = _drv(d).execute_script(
        "var h = document.querySelector('[data-docs-total]'); return h ? h.getAttribute('data-docs-total') : null;")
    return int(v) if v is not None else 0


def _set_doc_search(d, text: str) -> None:
    field = css(d, 'input[data-action="doc-search"]')
    _drv(d).execute_script(
        "arguments[0].value = arguments[1]; arguments[0].dispatchEvent(new Event('input', {bubbles: true}));", field, text)


def show_doc(d, doc: str, timeout: float = DEFAULT_TIMEOUT) -> None:
    """Opens document `doc` by clicking its list item and waits until it is shown. A long
    list draws its first items only (docs/FORMAT.md §4): a document not drawn is found with
    the list's search, as a person would, and the search is cleared again."""
    if open_doc(d) != doc:
        searched = not _drv(d).execute_script(
            "return Array.from(document.querySelectorAll('[data-doc]')).some(e => e.getAttribute('data-doc') === arguments[0]);",
            doc)
        if searched:
            _set_doc_search(d, doc)
            wait_for(lambda: doc in doc_ids(d), timeout, f"{doc} found by the list's search")
        retry_stale(lambda: click_centered(d, _find_attr(d, "data-doc", doc)))
        if searched:
            wait_for(lambda: open_doc(d) == doc, timeout, f"document {doc} open")
            _set_doc_search(d, "")
    wait_for(lambda: open_doc(d) == doc and any(k.startswith(doc + ":") for k in page_labels(d)),
             timeout, f"document {doc} open")


def focus_sentence(d, doc: str, i: int) -> None:
    """Opens `doc`, clicks sentence i (HOOKS: clicking a sentence focuses it) and waits for
    aria-current. Long articles draw a window of sentences: one not drawn is reached first as
    a person would, with the "go to sentence" field (key #)."""
    show_doc(d, doc)
    key = f"{doc}:{i}"
    if key not in page_labels(d):
        field = css(d, 'input[data-action="goto"]')
        _drv(d).execute_script("arguments[0].focus()", field)
        ActionChains(_drv(d)).send_keys(str(i + 1)).send_keys(Keys.ENTER).perform()
        wait_for(lambda: key in page_labels(d), 10, f"{key} drawn after going to it")
    retry_stale(lambda: click_centered(d, _find_attr(d, "data-sentence", key)))
    wait_for(lambda: focused_sentence(d) == key, msg=f'{key} aria-current="true" after a click')


def _is_text_field(d) -> bool:
    return bool(
        _drv(d).execute_script(
            "var a = document.activeElement; if (!a) return false;"
            "var t = a.tagName; if (t === 'TEXTAREA' || t === 'SELECT') return true;"
            "if (a.isContentEditable) return true;"
            "if (t === 'INPUT') { var ty = (a.type || 'text').toLowerCase();"
            "  return !['checkbox','radio','button','submit','reset','file','range','color'].includes(ty); }"
            "return false;"
        )
    )


def press(d, key: str, mods=(), into_field: bool = False) -> None:
    """Types `key` (a character or a selenium Keys value) as a person would, with modifier keys
    `mods` (e.g. (Keys.CONTROL, Keys.SHIFT)) held. The keys go to the focused element; unless
    `into_field`, a focused text field is blurred first so that the keys reach the page body."""
    drv = _drv(d)
    if not into_field and _is_text_field(drv):
        drv.execute_script("document.activeElement.blur();")
    ac = ActionChains(drv)
    for m in mods:
        ac.key_down(m)
    ac.send_keys(key)
    for m in reversed(list(mods)):
        ac.key_up(m)
    ac.perform()


def ctrl(d, key: str, shift: bool = False, into_field: bool = False) -> None:
    mods = (Keys.CONTROL, Keys.SHIFT) if shift else (Keys.CONTROL,)
    press(d, key, mods, into_field=into_field)


def type_keys(d, text: str) -> None:
    """Types into whatever has the keyboard focus (a text field), key by key."""
    ActionChains(_drv(d)).send_keys(text).perform()


def wait_labels(d, doc: str, i: int, expected: list[str], msg: str = "") -> None:
    wait_for(
        lambda: sorted(sentence_labels(d, doc, i)) == sorted(expected),
        msg=msg or f"data-labels of {doc}:{i} == {expected}",
    )
    # the value must also stay (no flicker back)
    assert sorted(sentence_labels(d, doc, i)) == sorted(expected)


def wait_attr(d, doc: str, i: int, attr: str, value: str, msg: str = "") -> None:
    wait_for(lambda: attr_of(d, doc, i, attr) == value,
             msg=msg or f'{attr}="{value}" on {doc}:{i} (now {attr_of(d, doc, i, attr)!r})')


def tag(d, doc: str, i: int, key: str, expected: list[str]) -> None:
    """Focuses sentence i of doc, presses key and waits for its labels to be `expected`. A
    decision on a document's last sentence moves on to another document (auto-advance): then
    the labels are read from what the page saved."""
    focus_sentence(d, doc, i)
    press(d, key)

    def labelled() -> bool:
        v = attr_of(d, doc, i, "data-labels")
        if v != "__missing__":
            return sorted((v or "").split()) == sorted(expected)
        return stored_labels(d).get(f"{doc}:{i}", []) == sorted(expected)

    wait_for(labelled, msg=f"labels of {doc}:{i} == {expected}")
    if attr_of(d, doc, i, "data-labels") != "__missing__":
        # the value must also stay (no flicker back)
        assert sorted(sentence_labels(d, doc, i)) == sorted(expected)


def tag_all(d, rows) -> dict[str, list[str]]:
    """tag() each (doc, i, key, expected) row in turn; returns {"<doc>:<i>": expected}."""
    for row in rows:
        tag(d, *row)
    return {f"{doc}:{i}": list(lab) for doc, i, _, lab in rows}


def set_annotator(d, name: str) -> None:
    """Types `name` over the annotator field's value (input[data-setting="annotator"]) and leaves
    the field with Tab, as a person would; waits until the field holds it."""
    click_centered(d, setting(d, "annotator"))
    wait_for(lambda: active_is(d, 'input[data-setting="annotator"]'), msg="the annotator field has the caret")
    ctrl(d, "a", into_field=True)
    type_keys(d, name)
    type_keys(d, Keys.TAB)
    wait_for(lambda: setting(d, "annotator").get_attribute("value") == name, msg=f"annotator name {name!r}")


def set_checkbox(d, name: str, on: bool) -> None:
    """Sets the setting checkbox input[data-setting=name] by clicking it."""
    box = setting(d, name)
    if box.is_selected() != on:
        click_centered(d, box)
    wait_for(lambda: setting(d, name).is_selected() == on, msg=f"setting {name} -> {on}")


def note_value(d) -> str:
    return one_visible(d, 'textarea[data-action="note"]').get_attribute("value") or ""


def write_note(d, doc: str, i: int, text: str) -> None:
    """e, type, Escape: as a person writes a note."""
    focus_sentence(d, doc, i)
    press(d, "e")
    wait_for(lambda: active_is(d, 'textarea[data-action="note"]'), msg="e puts the caret in the note field")
    type_keys(d, text)
    wait_for(lambda: note_value(d).endswith(text), msg=f"the note field holds {text!r}")
    ActionChains(_drv(d)).send_keys(Keys.ESCAPE).perform()
    wait_for(lambda: not active_is(d, 'textarea[data-action="note"]'), msg="Escape leaves the note field")


# -- files ----------------------------------------------------------------------------------


def copy_fixture(name: str, dest_dir: Path, new_name: str | None = None) -> Path:
    dest = Path(dest_dir) / (new_name or name)
    shutil.copyfile(FIXTURES / name, dest)
    return dest


def import_files(d, *paths) -> None:
    """Feeds files to input[type=file][data-action="import-files"] like a person picking them."""
    inp = wait_for(lambda: css_all(d, 'input[type="file"][data-action="import-files"]'), msg="the import input")[0]
    inp.send_keys("\n".join(str(Path(p).resolve()) for p in paths))


def downloaded_file(directory, pattern: str, timeout: float = DEFAULT_TIMEOUT, exclude=()) -> Path:
    """Waits for a completed download whose name matches the regex `pattern` (and is not in
    `exclude`) in `directory`: no partial file left (Chromium's .crdownload, Firefox's .part,
    WebKit's .download) and the size stable. Returns its path."""
    directory = Path(directory)
    rx = re.compile(pattern)
    exclude = {Path(p).name for p in exclude}
    state = {"size": None}

    def ready():
        names = os.listdir(directory) if directory.is_dir() else []
        if any(n.endswith((".crdownload", ".part", ".download")) or n.startswith(".com.google.Chrome") for n in names):
            return None
        hits = sorted(n for n in names if rx.search(n) and n not in exclude)
        if not hits:
            return None
        p = directory / hits[-1]
        size = p.stat().st_size
        if size == 0 or size != state["size"]:
            state["size"] = size
            return None
        return p

    try:
        return wait_for(ready, timeout, f"a finished download matching {pattern} in {directory}", interval=0.2)
    except AssertionError as e:
        names = os.listdir(directory) if directory.is_dir() else []
        raise AssertionError(f"{e}; the directory holds {names}") from None


def unused_second(directory) -> None:
    """Waits until no file in `directory` carries the current second's stamp. A download's name
    ends in a one-second stamp (`-YYYYMMDD-HHMMSS`), and Chromium here overwrites a file of the
    same name instead of renaming it: two exports of the same kind in one second would make one
    file, and the wait for a new one would never end. Once the current second is unused, the next
    export's stamp (this second or a later one) is new."""
    directory = Path(directory)

    def free():
        names = os.listdir(directory) if directory.is_dir() else []
        return not any(time.strftime("-%Y%m%d-%H%M%S") in n for n in names)

    wait_for(free, timeout=5, msg="a second no earlier download is stamped with", interval=0.05)


def downloads_of(b: Browser, click, patterns: list[str]) -> list[Path]:
    """Calls `click()` in a second no earlier download used (unused_second) and waits for one
    new download per pattern, in order (a later one never the file an earlier one matched)."""
    unused_second(b.download_dir)
    before = set(os.listdir(b.download_dir))
    click()
    got: list[Path] = []
    for p in patterns:
        got.append(downloaded_file(b.download_dir, p, exclude=before | {g.name for g in got}))
    return got


def download(b: Browser, action: str, pattern: str) -> Path:
    """Clicks [data-action=action] and waits for the new download matching `pattern`."""
    return downloads_of(b, lambda: css(b, f'[data-action="{action}"]').click(), [pattern])[0]


def export_json(b: Browser, pattern: str = EXPORT_JSON_RE) -> tuple[Path, dict]:
    """Clicks [data-action="export-json"], waits for the new download and returns (path, parsed).
    (A second export in the same second waits for the next one: see unused_second.)"""
    p = download(b, "export-json", pattern)
    return p, json.loads(p.read_text(encoding="utf-8"))


def assert_page_matches_export(d, data: dict) -> None:
    """Every [data-sentence] of every document: text and data-labels equal the export."""
    for doc in data["documents"]:
        show_doc(d, doc["id"])
        on_page = page_labels(d)
        texts = page_sentences(d)
        keys = [f"{doc['id']}:{s['index']}" for s in doc["sentences"]]
        shown = sorted((k for k in on_page if k.startswith(doc["id"] + ":")), key=lambda k: int(k.rsplit(":", 1)[1]))
        assert shown == keys, f"{doc['id']}: sentences on the page {shown} != exported {keys}"
        for s in doc["sentences"]:
            k = f"{doc['id']}:{s['index']}"
            assert sorted(on_page[k]) == sorted(s["labels"]), f"{k}: page labels {on_page[k]} != exported {s['labels']}"
            # (the focused sentence may hold its label buttons too, so: contains)
            assert s["text"].strip() in texts[k], f"{k}: page text {texts[k]!r} lacks exported {s['text']!r}"


def seed_text(doc: str) -> tuple[str, str | None]:
    """(normalised text, date) of a bundled seed article as docs/FORMAT.md §5 defines them."""
    raw = (REPO / "static" / "articles" / f"{doc}.txt").read_bytes().decode("utf-8")
    t = raw.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    m = re.match(r"^\s*date (\d{4}-\d{2}-\d{2}) ", t)
    if m:
        return t[m.end():], m.group(1)
    return t, None


# -- hostile input ----------------------------------------------------------------------------

# What a payload that ran, or markup parsed from outside text, would leave in the page.
INJECTED_JS = r"""
var bad = [];
document.querySelectorAll('[onerror],[onload],[onclick],[onmouseover]').forEach(e => bad.push('handler attr on <' + e.tagName + '>'));
document.querySelectorAll('script').forEach(e => { if ((e.textContent || '').includes('__pwned')) bad.push('script element from content'); });
document.querySelectorAll('img,svg image').forEach(e => { if ((e.getAttribute('src') || '') === 'x') bad.push('img src=x'); });
document.querySelectorAll('a[href^="javascript:" i]').forEach(e => bad.push('javascript: link'));
document.querySelectorAll('b').forEach(e => { if (e.textContent === 'bold') bad.push('<b> from content'); });
document.querySelectorAll('textarea').forEach(e => { if (!e.hasAttribute('data-action')) bad.push('stray textarea'); });
return bad;
"""


def assert_not_pwned(d, what: str = "a payload") -> None:
    """The canary global the payloads set stays unset, and no markup from outside text is live."""
    d = _drv(d)
    assert d.execute_script("return typeof window.__pwned;") == "undefined", f"{what} ran"
    injected = d.execute_script(INJECTED_JS)
    assert not injected, f"{what} was parsed as markup: {injected}"


# -- layout -----------------------------------------------------------------------------------


@contextlib.contextmanager
def viewport(d, width: int, height: int):
    """The page at this size for the block (a phone below 700 px: touch and mobile metrics), as
    it was after it."""
    drv = _drv(d)
    drv.execute_cdp_cmd(
        "Emulation.setDeviceMetricsOverride",
        {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": width < 700},
    )
    try:
        yield
    finally:
        drv.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})


def rect(d, selector: str) -> dict | None:
    """The first visible element's bounding rectangle (top, bottom, left, right, height), or None."""
    return _drv(d).execute_script(
        "var e = Array.from(document.querySelectorAll(arguments[0])).find(x => x.getClientRects().length);"
        "if (!e) return null; var r = e.getBoundingClientRect();"
        "return {top: r.top, bottom: r.bottom, left: r.left, right: r.right, height: r.height};",
        selector,
    )


def overlap(a: dict | None, b: dict | None) -> bool:
    """Whether two rectangles (from `rect`) share any area (touching edges do not count)."""
    if not a or not b:
        return False
    return a["top"] < b["bottom"] - 0.5 and b["top"] < a["bottom"] - 0.5 and a["left"] < b["right"] - 0.5 \
        and b["left"] < a["right"] - 0.5


def in_viewport(d, selector: str) -> bool:
    """The first visible element matching selector lies wholly inside the viewport."""
    r = rect(d, selector)
    h, w = _drv(d).execute_script("return [innerHeight, innerWidth]")
    return bool(r) and r["height"] > 0 and r["top"] >= -0.5 and r["bottom"] <= h + 0.5 and r["left"] >= -0.5 \
        and r["right"] <= w + 0.5


INTENT = '[data-dialog="import-intent"]'


def answer_import(d, action: str, more: bool = False) -> None:
    """Answers "whose work is this?" ([data-dialog="import-intent"], docs/FORMAT.md §7) by
    clicking `restore-as-mine`, `add-as-layer` or `cancel-import`; waits for the dialog to
    close (with `more`, for the next question instead)."""
    dialog = one_visible(d, INTENT, "the import-intent dialog")
    before = dialog.text
    click_centered(d, dialog.find_element(By.CSS_SELECTOR, f'[data-action="{action}"]'))
    if more:
        wait_for(lambda: visible(d, INTENT) and visible(d, INTENT)[0].text != before, msg="the next question")
    else:
        wait_for(lambda: not css_all(d, INTENT), msg=f"{action} closes the import-intent dialog")


def import_as_mine(d, *paths) -> None:
    """Imports one export into a page with no decisions as the person's own work (a move to
    a new browser): the page asks, and the answer is `restore-as-mine`."""
    import_files(d, *paths)
    answer_import(d, "restore-as-mine")
