#!/usr/bin/env python3
"""Trunk post-build hook (after extract_loader.py): writes the service worker's precache list.

The worker (static/sw.js, copied by Trunk) must know every file of this build to open the page
with no network after one visit, and must change whenever any of them changes so that the
browser installs the new one and drops the old caches. Between the markers
`// <precache>` and `// </precache>` of sw.js this writes:

    const VERSION = "<first 16 hex digits of a SHA-256 over every file's path and bytes>";
    const IMMUTABLE = [...];  // names with a content hash (Trunk's and the loader's): cache first
    const FRESH = [...];      // everything else (index.html, articles/, labels.json, ...): network first

URLs are relative to the worker (which sits next to index.html), so dist/ can be served from any
sub-path. Idempotent: run it again on a changed dist/ (e.g. `python3 scripts/precache.py dist`)
and the list and VERSION follow.
"""
import hashlib
import json
import os
import re
import sys

WORKER = "sw.js"
# Not precached: the worker itself (the browser fetches it on its own) and dotfiles.
SKIP = {WORKER}
# Trunk's file hashes (`style-<hex>.css`, `<crate>-<hex>_bg.wasm`) and extract_loader's. Trunk
# writes a 64-bit hash without its leading zeros: 16 hex digits, 15 one time in 16, and fewer.
HASHED = re.compile(r"-[0-9a-f]{8,16}(?:_bg)?\.(?:js|wasm|css)$")
BLOCK = re.compile(r"// <precache>\n.*?// </precache>\n", re.S)


def files(root):
    out = []
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        for name in sorted(filenames):
            rel = os.path.relpath(os.path.join(dirpath, name), root).replace(os.sep, "/")
            # precompress.py's copies are the same files, sent by the server, not the page.
            if name.startswith(".") or rel in SKIP or name.endswith((".gz", ".br")):
                continue
            out.append(rel)
    return sorted(out)


def main():
    root = os.environ.get("TRUNK_STAGING_DIR") or (sys.argv[1] if len(sys.argv) > 1 else "dist")
    worker = os.path.join(root, WORKER)
    try:
        source = open(worker, encoding="utf-8").read()
    except OSError as e:
        sys.exit("precache: %s is missing (is static/sw.js copied by index.html?): %s" % (worker, e))
    if not BLOCK.search(source):
        sys.exit("precache: no `// <precache>` ... `// </precache>` block in " + worker)
    listed = files(root)
    digest = hashlib.sha256()
    for rel in listed:
        digest.update(rel.encode() + b"\0")
        digest.update(hashlib.sha256(open(os.path.join(root, rel), "rb").read()).digest())
    # The worker's own code counts too (without the block this writes).
    digest.update(BLOCK.sub("", source).encode())
    version = digest.hexdigest()[:16]
    immutable = [f for f in listed if HASHED.search(f)]
    fresh = [f for f in listed if not HASHED.search(f)]
    block = (
        "// <precache>\n"
        "// Written by scripts/precache.py at build time: do not edit.\n"
        "const VERSION = %s;\n"
        "const IMMUTABLE = %s;\n"
        "const FRESH = %s;\n"
        "// </precache>\n"
    ) % (json.dumps(version), json.dumps(immutable, indent=2), json.dumps(fresh, indent=2))
    source = BLOCK.sub(lambda _: block, source, count=1)
    with open(worker, "w", encoding="utf-8") as f:
        f.write(source)
    print("precache: %d files (%d immutable), version %s" % (len(listed), len(immutable), version))


if __name__ == "__main__":
    main()
