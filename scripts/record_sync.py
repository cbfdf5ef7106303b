#!/usr/bin/env python3
"""Records the team sync's scenarios against a real PouchDB Server, for the native replay
tests: for each scenario of tests/native/sync_scenarios.rs, a fresh in-memory server (with a
server admin, so not in admin party), then `cargo run --example sync_record`, which writes
tests/data/sync/<scenario>.json. Run it after changing the protocol (the replay tests say
when): `python3 scripts/record_sync.py [scenario ...]`. Needs node_modules (npm ci).

`python3 scripts/record_sync.py bench` runs the sync bench instead (nothing recorded): a fresh
browser pulling 20 annotators x 200 articles, and the bytes of one label change; release
build recommended: CARGO_ARGS=--release."""

from __future__ import annotations

import importlib.util
import os
import shlex
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SCENARIOS = ["team", "two_browsers", "conflicts", "errors", "logout", "live"]


def load_couch():
    # harness/couch.py alone: the harness package would import Selenium.
    spec = importlib.util.spec_from_file_location("couch", ROOT / "tests" / "e2e" / "harness" / "couch.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def main(names: list[str]) -> int:
    couch = load_couch()
    extra = shlex.split(os.environ.get("CARGO_ARGS", ""))  # e.g. --release, --config …
    subprocess.run(["cargo", "build", *extra, "--quiet", "--example", "sync_record"], cwd=ROOT, check=True)
    for name in names or SCENARIOS:
        server = couch.CouchServer(in_memory=True)
        try:
            server.set_admin("admin", "secret")
            subprocess.run(["cargo", "run", *extra, "--quiet", "--example", "sync_record", "--", server.url, "admin:secret", name,
                            str(ROOT / "tests" / "data" / "sync")], cwd=ROOT, check=True)
        finally:
            server.close()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
