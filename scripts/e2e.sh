#!/usr/bin/env bash
# End-to-end tests: drive Debian's chromium (via /usr/bin/chromedriver) against dist/, and the
# cross-engine subset (tests/e2e/test_engines.py) in Firefox ESR (geckodriver) and WebKitGTK
# (WebKitWebDriver + MiniBrowser on an Xvfb display the harness starts): scripts/setup.sh test
# installs them; a missing one fails those tests with a message naming it.
# Usage: scripts/e2e.sh [extra pytest args...]
# Assumes dist/ was built already (`trunk build --release`, see the Makefile).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

DIST="${E2E_DIST:-$ROOT/dist}"
if [[ ! -f "$DIST/index.html" ]]; then
  echo "e2e: $DIST/index.html is missing: build the page first (trunk build --release)" >&2
  exit 2
fi
for bin in /usr/bin/chromium /usr/bin/chromedriver; do
  if [[ ! -x "$bin" ]]; then
    echo "e2e: $bin is missing: apt-get install chromium chromium-driver" >&2
    exit 2
  fi
done

VENV="$ROOT/.venv"
"$ROOT/scripts/venv.sh"

# Never let Selenium Manager fetch anything: the driver and browser paths are given explicitly.
export SE_AVOID_STATS=true
export E2E_DIST="$DIST"
exec "$VENV/bin/python" -m pytest -p no:cacheprovider "$ROOT/tests/e2e" -q "$@"
