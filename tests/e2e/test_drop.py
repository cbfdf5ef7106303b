"""Drag and drop anywhere on the page imports files like the picker does."""

from conftest import *  # noqa: F401,F403

# Builds File objects in the page and fires the drag events a person's drop fires.
DROP_JS = r"""
const files = arguments[0].map(([name, text]) => new File([text], name, {type: 'text/plain'}));
const dt = new DataTransfer();
files.forEach(f => dt.items.add(f));
const target = document.querySelector(arguments[1]);
const fire = (type) => target.dispatchEvent(new DragEvent(type, {bubbles: true, cancelable: true, dataTransfer: dt}));
fire('dragenter');
fire('dragover');
const zoneShown = !!document.querySelector('.drop-zone');
fire('drop');
return zoneShown;
"""


def test_drop_files_anywhere_imports_them(browser, server):
    d = browser.driver
    open_app(browser, server.url)
    before = doc_ids(d)
    files = [
        ["dropped_one.txt", "date 2024-01-02 The minister claimed victory. Rivals denied it."],
        ["dropped_two.json", '[{"id": "drop-json", "text": "Unions demanded talks."}]'],
        ["dropped_bad.txt", "\u0000\u0001binary\u0000"],
    ]
    # Wait a frame between dragover and drop: the drop zone is rendered by the app.
    shown = d.execute_script(DROP_JS.replace("fire('drop');", ""), files, ".article")
    wait_for(lambda: css_all(d, ".drop-zone"), 5, "drop zone shown while dragging files")
    assert shown is not None
    d.execute_script(DROP_JS, files, "[data-sentence]")
    wait_for(lambda: {"dropped_one", "drop-json"} <= set(doc_ids(d)), 15, "dropped documents listed")
    assert not css_all(d, ".drop-zone"), "the drop zone goes away after the drop"
    assert set(before) <= set(doc_ids(d))
    wait_for(lambda: any("dropped_bad.txt" in m for m in messages(d, "error")), 10, "error names the bad file")
    css(d, '[data-doc="dropped_one"]').click()
    wait_for(lambda: css_all(d, '[data-sentence="dropped_one:1"]'), 10, "dropped article opened")
    assert css(d, "[data-doc-date]").text == "2024-01-02"
    # Dropped articles are stored like picked ones.
    reload(browser)
    assert {"dropped_one", "drop-json"} <= set(doc_ids(d))
