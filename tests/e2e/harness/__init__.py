"""The end-to-end harness of the Sentence Annotator page, shared by the tests (tests/e2e) and
the page benchmark (scripts/bench_page.py):

- config.py: paths (dist/, fixtures, schema), time limits, the seed articles;
- server.py: `StaticServer`, dist/ over HTTP on 127.0.0.1, every request recorded, with a
  same-origin reverse proxy (`proxies`) for the team database;
- couch.py: `CouchServer`, PouchDB Server (a CouchDB) on a free port, stopped and restarted
  at will, with helpers for databases, users and sessions;
- browser.py: `Browser`, Debian's headless Chromium through its ChromeDriver, with the
  guards' bookkeeping (requests off the origin, CSP violations, console errors, panics);
- page.py: working the page as a person would and reading its hooks (HOOKS.md);
- exports.py: the rules of an export file (also behind tests/schema_check.py);
- first_screen.py: index.html's still copy of the first screen, made and checked one way.

`from harness import *` gives the tests all of it, with Selenium's `By`, `Keys` and
`ActionChains`. Fixtures and pytest hooks live in tests/e2e/conftest.py.
"""

import types

from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys

from . import browser, config, couch, exports, first_screen, page, server
from .browser import *  # noqa: F401,F403
from .config import *  # noqa: F401,F403
from .couch import *  # noqa: F401,F403
from .exports import *  # noqa: F401,F403
from .first_screen import *  # noqa: F401,F403
from .page import *  # noqa: F401,F403
from .server import *  # noqa: F401,F403


def _public(module) -> list[str]:
    """The public names of a module of the harness: its constants, functions and classes
    (not what it imported from elsewhere, but for constants of the harness)."""
    return [n for n, v in vars(module).items()
            if not n.startswith("_") and n != "annotations" and not isinstance(v, types.ModuleType)
            and not (isinstance(v, (type, types.FunctionType)) and not v.__module__.startswith(__name__))]


__all__ = sorted({"ActionChains", "By", "Keys"} | {n for m in (config, server, couch, browser, page, exports, first_screen) for n in _public(m)})
