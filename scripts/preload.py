#!/usr/bin/env python3
"""Trunk post-build hook (after extract_loader.py, before precache.py): the files start-up
fetches are asked for by index.html itself.

The page's first screen needs labels.json, articles/index.json and the bundled articles it
lists; the page fetches them only once its wasm has been downloaded and compiled, one after
the other. On a phone's connection each of those round trips comes after the largest file.
Preloaded from the HTML (`<link rel="preload" as="fetch" crossorigin="anonymous">`, which
matches the page's same-origin fetch with the browser's defaults, so the response is reused),
they arrive while the wasm downloads. Idempotent: links already there are not added again.
"""
import json
import os
import sys

staging = os.environ.get("TRUNK_STAGING_DIR") or (sys.argv[1] if len(sys.argv) > 1 else "dist")
path = os.path.join(staging, "index.html")
html = open(path, encoding="utf-8").read()

files = ["labels.json", "articles/index.json"]
try:
    with open(os.path.join(staging, "articles", "index.json"), encoding="utf-8") as f:
        listed = json.load(f)
except (OSError, ValueError) as e:
    sys.exit(f"preload: articles/index.json: {e}")
files += [f"articles/{name}" for name in listed if isinstance(name, str) and "/" not in name and ".." not in name]

links = "".join(
    f'<link rel="preload" href="./{name}" as="fetch" crossorigin="anonymous">'
    for name in files
    if f'href="./{name}"' not in html
)
if "</head>" not in html:
    sys.exit("preload: no </head> in " + path)
html = html.replace("</head>", links + "</head>", 1)
open(path, "w", encoding="utf-8").write(html)
print(f"preload: {len(files)} start-up files preloaded")
