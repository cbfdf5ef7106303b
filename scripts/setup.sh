#!/usr/bin/env bash
# Installs what building and testing need, skipping whatever is already there.
#   scripts/setup.sh lint    -> wasm target, clippy and rustfmt (rustup components)
#   scripts/setup.sh build   -> the above, plus the wasm-bindgen CLI and Trunk
#   scripts/setup.sh test    -> the above, plus Chromium + ChromeDriver (Debian) and the
#                               Python packages of the end-to-end tests (in .venv)
set -euo pipefail
cd "$(dirname "$0")/.."
what="${1:-build}"
export PATH="$HOME/.cargo/bin:$PATH"

say() { printf '\n== %s\n' "$*"; }

if ! rustup target list --installed 2>/dev/null | grep -qx wasm32-unknown-unknown; then
  say "adding the wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown
fi

# `make lint` (run first by `make test`): cargo fmt and cargo clippy.
installed="$(rustup component list --installed 2>/dev/null || true)"
missing=""
for c in clippy rustfmt; do
  grep -q "^$c-" <<<"$installed" || missing="$missing $c"
done
if [ -n "$missing" ]; then
  say "adding rustup components:$missing"
  # shellcheck disable=SC2086
  rustup component add $missing
fi
[ "$what" = "lint" ] && exit 0

# The CLI must match the wasm-bindgen crate pinned in Cargo.toml.
WB_VERSION="$(grep -A1 '^name = "wasm-bindgen"$' Cargo.lock | sed -n 's/^version = "\(.*\)"/\1/p')"
if [ "$(wasm-bindgen --version 2>/dev/null | awk '{print $2}')" != "$WB_VERSION" ]; then
  say "installing wasm-bindgen-cli $WB_VERSION (a few minutes)"
  # Not --locked: one of its locked dependencies is gone from the registry.
  cargo install wasm-bindgen-cli --version "$WB_VERSION"
fi

if [ "$(trunk --version 2>/dev/null | awk '{print $2}')" != "0.21.14" ]; then
  say "installing trunk 0.21.14 (about 10 minutes)"
  # 0.22 needs a newer Rust; without --locked it does not compile.
  cargo install trunk --version 0.21.14 --locked
fi

if [ "$what" = "test" ]; then
  if [ ! -x /usr/bin/chromium ] || [ ! -x /usr/bin/chromedriver ]; then
    say "installing chromium and chromium-driver from Debian"
    SUDO=""; [ "$(id -u)" = 0 ] || SUDO="sudo"
    $SUDO apt-get update -q
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q chromium chromium-driver
  fi
  # The Python packages of the end-to-end tests are installed by scripts/e2e.sh (.venv).
  # npm: axe-core (the accessibility test) and pouchdb-server (the sync tests' CouchDB,
  # tests/e2e/harness/couch.py), at the versions of package-lock.json.
  if [ -f package.json ] && { [ ! -f node_modules/axe-core/axe.min.js ] \
      || [ "$(node -p 'require("./node_modules/pouchdb-server/package.json").version' 2>/dev/null)" != "4.2.0" ]; }; then
    say "installing axe-core and pouchdb-server (npm) for the accessibility and sync tests"
    npm ci --no-audit --no-fund --silent || npm install --no-audit --no-fund --silent
  fi
fi
