# Sentence Annotator. `make serve` builds and serves the page; `make test` runs every test.
.PHONY: setup serve build lint test test-native test-browser test-e2e test-interop interop bench clean

PORT ?= 8080
export PATH := $(HOME)/.cargo/bin:$(PATH)

setup:
	scripts/setup.sh build

## Build the release page into dist/ and serve it on http://127.0.0.1:$(PORT)
serve: setup
	trunk serve --release --offline --no-autoreload --address 127.0.0.1 --port $(PORT)

build: setup
	trunk build --release --offline

## Every test: lint first (format, clippy on both targets), then native (core), browser
## (wasm-bindgen-test in headless Chromium), end to end, then other tools' own readers on the
## exports the end-to-end tests downloaded (test-interop).
test:
	scripts/setup.sh test
	$(MAKE) lint
	$(MAKE) test-native
	$(MAKE) test-browser
	trunk build --release --offline
	$(MAKE) test-e2e
	$(MAKE) test-interop

## Format and clippy with warnings as errors, on the native and the wasm32 target, then
## cargo deny (licences, bans, sources; deny.toml; the advisory database is out of reach). The wasm
## lint takes what runs in the browser (library, page binary, tests/browser.rs); the benches
## and examples are native tools (criterion, tools/newsgen, files) and do not build for wasm.
lint:
	scripts/setup.sh lint
	cargo fmt --all --check
	cargo clippy --all-targets -- -D warnings
	cargo clippy -p sentence-annotator --target wasm32-unknown-unknown --lib --bins --tests -- -D warnings
	cargo deny --log-level error check licenses bans sources

test-native:
	scripts/venv.sh
	.venv/bin/python tests/agreement_reference.py --check
	node tests/couch_validate.mjs
	cargo test --all-targets
	.venv/bin/python tests/suggest_compare.py

test-browser:
	CHROMEDRIVER=/usr/bin/chromedriver cargo test -p sentence-annotator --target wasm32-unknown-unknown --test browser

test-e2e:
	scripts/e2e.sh

## doccano, Hugging Face datasets, pandas, Label Studio and spaCy load the exports that
## tests/e2e/test_interop_exports.py downloaded through the page (target/interop-exports/), each
## with its own code and defaults (tests/interop/); one venv per tool (scripts/interop_venv.sh:
## pinned, installed once, minutes the first time, a second after).
test-interop:
	scripts/interop_venv.sh
	.venv-interop/data/bin/python -m pytest -p no:cacheprovider tests/interop -q

## The same on its own: the page built if dist/ is missing, the exports made anew, then read.
interop:
	scripts/interop_venv.sh
	test -f dist/index.html || trunk build --release --offline
	scripts/e2e.sh -k test_interop_exports
	$(MAKE) test-interop

## Benchmarks (not part of the test run): the release page built, then scripts/bench_page.py
## --cargo-bench: the native segmentation and agreement benches (cargo bench --bench segment,
## --bench agreement), then the page bench in headless Chromium (table + bench-report.json).
BENCH_ARGS ?=
bench: setup
	trunk build --release --offline
	scripts/venv.sh
	SE_AVOID_STATS=true .venv/bin/python scripts/bench_page.py --cargo-bench $(BENCH_ARGS)

clean:
	rm -rf dist target .venv .venv-interop node_modules
