#!/usr/bin/env bash
# Installs what building and testing need, skipping whatever is already there.
#   scripts/setup.sh lint    -> wasm target, clippy and rustfmt (rustup components)
#   scripts/setup.sh build   -> the above, plus the wasm-bindgen CLI and Trunk
#   scripts/setup.sh test    -> the above, plus Chromium + ChromeDriver, Firefox ESR, WebKitGTK's
#                               WebKitWebDriver + MiniBrowser and Xvfb (Debian), geckodriver
#                               (crates.io), and the npm packages of the end-to-end tests
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
# `make lint` also runs cargo deny (licences, bans, sources of the dependency graph).
if [ "$(cargo deny --version 2>/dev/null | awk '{print $2}')" != "0.20.2" ]; then
  say "installing cargo-deny 0.20.2 (a few minutes)"
  cargo install cargo-deny --version 0.20.2 --locked
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
  # Chromium for every browser test; Firefox ESR and WebKitGTK (WebKitWebDriver with
  # MiniBrowser, which needs an X display: Xvfb) for the cross-engine subset
  # (tests/e2e/test_engines.py); nginx (with Debian's brotli_static module) and Caddy for the
  # deployment test, which serves dist/ with the README's configs.
  need=""
  [ -x /usr/bin/chromium ] && [ -x /usr/bin/chromedriver ] || need="$need chromium chromium-driver"
  [ -x /usr/bin/firefox-esr ] || need="$need firefox-esr"
  [ -x /usr/bin/WebKitWebDriver ] && ls /usr/lib/*-linux-gnu/webkit2gtk-4.*/MiniBrowser >/dev/null 2>&1 \
    || need="$need webkit2gtk-driver"
  [ -x /usr/bin/Xvfb ] || need="$need xvfb"
  [ -x /usr/sbin/nginx ] && [ -f /usr/lib/nginx/modules/ngx_http_brotli_static_module.so ] \
    || need="$need nginx-light libnginx-mod-http-brotli-static"
  [ -x /usr/bin/caddy ] || need="$need caddy"
  if [ -n "$need" ]; then
    say "installing from Debian:$need"
    SUDO=""; [ "$(id -u)" = 0 ] || SUDO="sudo"
    $SUDO apt-get update -q
    # shellcheck disable=SC2086
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q $need
  fi
  # geckodriver (Firefox's WebDriver) is not packaged by Debian 12: built from crates.io.
  if [ "$(geckodriver --version 2>/dev/null | awk 'NR==1{print $2}')" != "0.37.1" ]; then
    say "installing geckodriver 0.37.1 (about 7 minutes)"
    cargo install geckodriver --version 0.37.1 --locked
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
