#!/usr/bin/env python3
"""Trunk post-build hook (last, after precache.py): writes `NAME.gz` and `NAME.br` beside every
text or wasm file of the build, so a static server sends them without compressing on each
request (nginx `gzip_static on;` and `brotli_static on;`, Caddy `file_server { precompressed
br gzip }`; README, Team deployment). Served uncompressed, the page is about 1.4 MB; with
brotli about a third of that, which is what a phone on a slow network waits for.

gzip comes from Python's standard library (level 9). Brotli (quality 11) comes from Node's
zlib, which has it built in; without `node` on PATH only the `.gz` files are written, and the
script says so. Idempotent: old `.gz`/`.br` files are replaced; a compressed copy that would
not be smaller than its file is not written.
"""
import gzip
import os
import shutil
import subprocess
import sys

# What a browser fetches and a server can send compressed; images and fonts are compressed
# already.
SUFFIXES = (".wasm", ".js", ".mjs", ".css", ".html", ".json", ".webmanifest", ".svg", ".txt")

# Node reads the list of files on stdin and writes NAME.br for each (quality 11, text mode
# hint off: wasm is binary). One process for every file.
NODE_BROTLI = r"""
const fs = require('fs'), zlib = require('zlib');
const names = fs.readFileSync(0, 'utf8').split('\n').filter(Boolean);
for (const n of names) {
  const raw = fs.readFileSync(n);
  const br = zlib.brotliCompressSync(raw, { params: {
    [zlib.constants.BROTLI_PARAM_QUALITY]: 11,
    [zlib.constants.BROTLI_PARAM_SIZE_HINT]: raw.length } });
  if (br.length < raw.length) fs.writeFileSync(n + '.br', br); else fs.rmSync(n + '.br', { force: true });
}
"""


def targets(root):
    out = []
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        for name in sorted(filenames):
            if name.endswith(SUFFIXES):
                out.append(os.path.join(dirpath, name))
    return out


def main():
    root = os.environ.get("TRUNK_STAGING_DIR") or (sys.argv[1] if len(sys.argv) > 1 else "dist")
    if not os.path.isdir(root):
        sys.exit("precompress: %s is not a directory" % root)
    files = targets(root)
    for path in files:
        raw = open(path, "rb").read()
        packed = gzip.compress(raw, compresslevel=9, mtime=0)
        if len(packed) < len(raw):
            with open(path + ".gz", "wb") as f:
                f.write(packed)
        elif os.path.exists(path + ".gz"):
            os.remove(path + ".gz")
    node = shutil.which("node")
    if node is None:
        print("precompress: no node on PATH: .gz files written, no .br", file=sys.stderr)
        return
    done = subprocess.run([node, "-e", NODE_BROTLI], input="\n".join(files).encode(), check=False)
    if done.returncode != 0:
        sys.exit("precompress: brotli (node) failed with status %d" % done.returncode)


if __name__ == "__main__":
    main()
