"""The first screen (docs/ARCHITECTURE.md): index.html's still copy of what the page shows a
first-time visitor, written by scripts/first_screen.py from the live page and checked against
it by tests/e2e/test_first_screen.py. Both go through `STILL_COPY_JS`, so "current" means one
thing: the App's DOM after start-up, made still.

What making it still drops, and why:
- `id`, `for`, `aria-controls`/`-labelledby`/`-describedby`, in-page `href`s: the copy and the
  App are in the document together for a moment, and ids must stay the App's;
- every `data-*` attribute: the page's hooks (HOOKS.md) and its own queries select by them, so
  nothing but the App answers them;
- `style`: the page's policy forbids inline style in HTML (the App sets it through the CSSOM);
- the figures that differ between browsers (the storage meters' sizes and bars) and the generated
  annotator name, written as "…";
- the offline and storage lines, which change once the service worker is installed and the
  browser has answered about persistent storage: written as a first visit has them before.
Form state that lives in properties (`checked`, `value`) becomes attributes, so the copy looks
like the App.
"""

from __future__ import annotations

import re
from pathlib import Path

BEGIN = "<!-- first-screen -->"
END = "<!-- /first-screen -->"

STILL_COPY_JS = r"""
var root = document.getElementById('app') || document.body;
var live = root.querySelectorAll('*');
var copy = root.cloneNode(true);
var still = copy.querySelectorAll('*');
// The offline and storage lines as a first visit shows them before the App has asked the
// browser: the worker is installed and persistence answered while the page runs.
copy.querySelectorAll('[data-offline]').forEach(function (p) { p.textContent = 'Offline use: getting ready…'; });
copy.querySelectorAll('[data-storage-persist]').forEach(function (p) { p.textContent = 'Storage: asking the browser…'; });
var drop = /^(id|for|style|aria-controls|aria-labelledby|aria-describedby|aria-activedescendant|data-.*)$/;
for (var i = 0; i < still.length; i++) {
  var el = still[i], was = live[i];
  if (was.tagName === 'INPUT' && (was.type === 'checkbox' || was.type === 'radio')) {
    if (was.checked) el.setAttribute('checked', ''); else el.removeAttribute('checked');
  } else if ((was.tagName === 'INPUT' && was.type !== 'file' && was.type !== 'password') || was.tagName === 'TEXTAREA') {
    if (was.value) el.setAttribute('value', was.value);
  }
  Array.prototype.slice.call(el.attributes).forEach(function (a) {
    if (drop.test(a.name) || (a.name === 'href' && a.value.charAt(0) === '#')) el.removeAttribute(a.name);
  });
}
copy.querySelectorAll('script, noscript').forEach(function (e) { e.remove(); });
copy.querySelectorAll('.meter label').forEach(function (l) { l.textContent = l.textContent.replace(/:.*$/, ': …'); });
copy.querySelectorAll('meter').forEach(function (m) { m.setAttribute('value', '0'); });
return copy.innerHTML.replace(/annotator-[0-9a-f]{4}\b/g, 'annotator-…');
"""


def still_copy(driver) -> str:
    """The App's DOM as the still copy index.html carries (the page must be ready)."""
    return driver.execute_script(STILL_COPY_JS)


def carried(index_html: str) -> str:
    """The still copy between the markers of an index.html (built or source)."""
    m = re.search(re.escape(BEGIN) + r"\n?(.*?)\n?" + re.escape(END), index_html, re.S)
    if not m:
        raise ValueError(f"index.html has no {BEGIN} … {END} block")
    return m.group(1)


def with_copy(index_html: str, copy: str) -> str:
    """index.html with `copy` between its markers."""
    start = index_html.index(BEGIN) + len(BEGIN)
    end = index_html.index(END)
    return index_html[:start] + "\n" + copy + "\n" + index_html[end:]


def carried_in(dist: Path) -> str:
    return carried((Path(dist) / "index.html").read_text(encoding="utf-8"))
