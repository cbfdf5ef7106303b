#!/usr/bin/env python3
"""Trunk post-build hook: make dist/ fit the page's Content-Security-Policy and trim it.

1. The page allows no inline script, so the loader Trunk writes into index.html is moved
   into its own file, referenced by <script type="module" src>.
2. The wasm's `name` custom section (function names, ~a quarter of the file) is dropped;
   the subresource-integrity hashes in index.html are updated to match.
3. The wasm and its JS are asked for once the first screen has painted (docs/ARCHITECTURE.md,
   The first screen), not preloaded: Trunk's preload links go, and the loader waits a frame.
   A phone's first paint then does not share the slow network with half a megabyte of wasm,
   and Lighthouse's simulation does not count the wasm into the largest paint. The wasm keeps
   its integrity hash (its fetch carries it).
"""
import base64
import hashlib
import os
import re
import sys

staging = os.environ.get("TRUNK_STAGING_DIR") or (sys.argv[1] if len(sys.argv) > 1 else "dist")
path = os.path.join(staging, "index.html")
html = open(path, encoding="utf-8").read()


def leb128(data, i):
    n = shift = 0
    while True:
        b = data[i]
        i += 1
        n |= (b & 0x7F) << shift
        shift += 7
        if b < 0x80:
            return n, i


def strip_names(data):
    """The module without its `name` and `producers` custom sections."""
    if data[:4] != b"\0asm":
        sys.exit("extract_loader: not a wasm file")
    out = bytearray(data[:8])
    i = 8
    while i < len(data):
        start = i
        sid = data[i]
        size, body = leb128(data, i + 1)
        end = body + size
        if sid == 0:
            nlen, name_at = leb128(data, body)
            name = data[name_at:name_at + nlen]
            if name in (b"name", b"producers"):
                i = end
                continue
        out += data[start:end]
        i = end
    return bytes(out)


def sri(data):
    return "sha384-" + base64.b64encode(hashlib.sha384(data).digest()).decode()


for fname in os.listdir(staging):
    if fname.endswith(".wasm"):
        fpath = os.path.join(staging, fname)
        data = open(fpath, "rb").read()
        # SA_KEEP_NAMES=1 keeps the function names (for profiling a build; never shipped).
        slim = data if os.environ.get("SA_KEEP_NAMES") == "1" else strip_names(data)
        if slim != data:
            open(fpath, "wb").write(slim)
            html = html.replace(sri(data), sri(slim))
            print("extract_loader: %s %d -> %d bytes" % (fname, len(data), len(slim)))

pattern = re.compile(r'<script type="module"(?![^>]*\bsrc=)[^>]*>(.*?)</script>', re.S)
match = pattern.search(html)
if not match:
    sys.exit("extract_loader: no inline module script found in " + path)
code = match.group(1).strip() + "\n"

# 3. Start the wasm after the first paint (a hidden page at once: it paints no frame).
wasm_link = re.search(r'<link rel="preload" href="(\./[^"]+_bg\.wasm)"[^>]*integrity="([^"]+)"[^>]*>', html)
glue_link = re.search(r'<link rel="modulepreload" href="(\./[^"]+\.js)"[^>]*>', html)
start = re.search(r"import init, \* as bindings from '(\./[^']+\.js)';\s*"
                  r"const wasm = await init\(\{ module_or_path: '(\./[^']+_bg\.wasm)' \}\);", code)
if not (wasm_link and glue_link and start) or (start.group(1), start.group(2)) != (glue_link.group(1), wasm_link.group(1)):
    sys.exit("extract_loader: Trunk's loader or preload links are not the expected ones (Trunk 0.21)")
later = """// Asked for once the first screen has painted (scripts/extract_loader.py).
await new Promise(function (go) {
  if (document.visibilityState !== "visible") return go();
  requestAnimationFrame(function () { setTimeout(go, 0); });
  setTimeout(go, 500);
});
const bindings = await import('%s');
const init = bindings.default;
const wasm = await init({ module_or_path: new Request('%s', { integrity: '%s' }) });""" % (
    start.group(1), start.group(2), wasm_link.group(2))
code = code[: start.start()] + later + code[start.end():]
html = html.replace(wasm_link.group(0), "").replace(glue_link.group(0), "")
name = "loader-%s.js" % hashlib.sha256(code.encode()).hexdigest()[:16]
with open(os.path.join(staging, name), "w", encoding="utf-8") as f:
    f.write(code)
html = html[: match.start()] + '<script type="module" src="./%s"></script>' % name + html[match.end():]
if pattern.search(html) or re.search(r"<script(?![^>]*\bsrc=)[^>]*>", html):
    sys.exit("extract_loader: an inline script is left in index.html")
if re.search(r"\sstyle=|<style", html):
    sys.exit("extract_loader: inline style in index.html")
open(path, "w", encoding="utf-8").write(html)
print("extract_loader: loader moved to", name)
