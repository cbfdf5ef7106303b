#!/usr/bin/env bash
# The segmenter's share of the page's wasm, without building the page: compiles
# crates/annotator-core/src/segment/ alone into a wasm32 cdylib (one exported function that segments a
# string), with the page's release settings (opt-level z, LTO, one codegen unit, panic abort,
# stripped), and a baseline cdylib doing the same allocation and UTF-8 check without the
# segmenter. Prints raw and gzip -9 sizes of both and the difference. Needs the
# wasm32-unknown-unknown target; takes a few seconds (no dependencies).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT

crate() { # name, lib.rs body
  mkdir -p "$WORK/$1/src"
  cat > "$WORK/$1/Cargo.toml" <<TOML
[package]
name = "$1"
version = "0.0.0"
edition = "2021"
[lib]
crate-type = ["cdylib"]
[profile.release]
opt-level = "z"
lto = true
codegen-units = 1
panic = "abort"
strip = true
[workspace]
TOML
  printf '%s\n' "$2" > "$WORK/$1/src/lib.rs"
  (cd "$WORK/$1" && CARGO_TARGET_DIR="$WORK/target" cargo build -q --release --target wasm32-unknown-unknown)
}

HEAD='#[no_mangle]
pub extern "C" fn seg(ptr: *const u8, len: usize) -> usize {
    let t = std::str::from_utf8(unsafe { std::slice::from_raw_parts(ptr, len) }).unwrap_or("");'
crate seg_base "$HEAD
    t.char_indices().filter(|(_, c)| *c == '.').map(|(i, _)| (i, i + 1)).collect::<Vec<_>>().len()
}"
crate seg_rules "#[path = \"$ROOT/crates/annotator-core/src/segment/mod.rs\"]
#[allow(dead_code)]
mod segment;
$HEAD
    segment::segment(t).len()
}"

size() { # file -> "raw gz"
  echo "$(stat -c%s "$1") $(gzip -9c "$1" | wc -c)"
}
read -r base_raw base_gz < <(size "$WORK/target/wasm32-unknown-unknown/release/seg_base.wasm")
read -r rules_raw rules_gz < <(size "$WORK/target/wasm32-unknown-unknown/release/seg_rules.wasm")
echo "baseline wasm:  $base_raw bytes, $base_gz gzipped"
echo "with segmenter: $rules_raw bytes, $rules_gz gzipped"
echo "segmenter:      $((rules_raw - base_raw)) bytes, about $((rules_gz - base_gz)) gzipped (difference of the gzipped files)"
