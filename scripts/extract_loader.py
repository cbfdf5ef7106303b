#!/usr/bin/env python3
"""Trunk post-build hook: move the inline module loader of index.html into loader.js.

The page's Content-Security-Policy allows no inline script, so the loader Trunk writes
into index.html is saved as a file and referenced by <script type="module" src>.
"""
import hashlib
import os
import re
import sys

staging = os.environ.get("TRUNK_STAGING_DIR") or (sys.argv[1] if len(sys.argv) > 1 else "dist")
path = os.path.join(staging, "index.html")
html = open(path, encoding="utf-8").read()
pattern = re.compile(r'<script type="module"[^>]*>(.*?)</script>', re.S)
match = pattern.search(html)
if not match:
    sys.exit("extract_loader: no inline module script found in " + path)
code = match.group(1).strip() + "\n"
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
