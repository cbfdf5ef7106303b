"""The page's size (7., section `size`): every file of dist/ raw, gzipped (level 9, no
timestamp) and brotli-compressed (quality 11: the python module, the system's libbrotlienc
through ctypes, or the brotli CLI, whichever is there); the target is on wasm + js + css + html.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import gzip
import re
import shutil
import subprocess
from pathlib import Path

PAGE_SIZE_LIMIT = 200_000  # bytes, gzip -9, wasm + js + css + html (docs/DEVELOPMENT.md)


def _libbrotlienc():
    """The system's libbrotlienc (Debian libbrotli1), if present: brotli without a package."""
    name = ctypes.util.find_library("brotlienc") or "libbrotlienc.so.1"
    try:
        lib = ctypes.CDLL(name)
        f = lib.BrotliEncoderCompress
    except (OSError, AttributeError):
        return None
    f.argtypes = [ctypes.c_int, ctypes.c_int, ctypes.c_int, ctypes.c_size_t, ctypes.c_char_p,
                  ctypes.POINTER(ctypes.c_size_t), ctypes.c_char_p]
    f.restype = ctypes.c_int
    return lib


def _brotli_ctypes(lib, data: bytes) -> int:
    size = ctypes.c_size_t(len(data) + (len(data) >> 2) + 1024)
    buf = ctypes.create_string_buffer(size.value)
    if not lib.BrotliEncoderCompress(11, 22, 0, len(data), data, ctypes.byref(size), buf):
        raise RuntimeError("BrotliEncoderCompress failed")
    return size.value


def sizes(dist: Path) -> dict:
    """The files of `dist` (but hidden ones, e.g. Trunk's .stage/ while a build runs) by kind
    (page: wasm, js, css; html; data) and the totals the targets are on."""
    try:
        import brotli  # type: ignore
        br = lambda data: len(brotli.compress(data, quality=11))  # noqa: E731
        br_how = "python brotli, quality 11"
    except ImportError:
        exe = shutil.which("brotli")
        lib = _libbrotlienc()
        if lib:
            br = lambda data: _brotli_ctypes(lib, data)  # noqa: E731
            br_how = "libbrotlienc via ctypes, quality 11, window 22"
        elif exe:
            br = lambda data: len(subprocess.run([exe, "-c", "-q", "11"], input=data, capture_output=True, check=True).stdout)  # noqa: E731
            br_how = "brotli CLI, quality 11"
        else:
            br, br_how = None, "not available (no brotli module or CLI)"
    files = []
    for p in sorted(dist.rglob("*")):
        if not p.is_file() or any(part.startswith(".") for part in p.relative_to(dist).parts):
            continue  # e.g. Trunk's .stage/ while a build runs
        if p.suffix in (".gz", ".br"):
            continue  # the build's precompressed copies (scripts/precompress.py) of files counted here
        data = p.read_bytes()
        rel = p.relative_to(dist).as_posix()
        kind = "page" if re.search(r"\.(wasm|js|css)$", rel) else ("html" if rel.endswith(".html") else "data")
        files.append({
            "file": rel, "kind": kind, "raw": len(data),
            "gzip9": len(gzip.compress(data, compresslevel=9, mtime=0)),
            "brotli": br(data) if br else None,
        })
    page = [f for f in files if f["kind"] == "page"]
    return {
        "files": files,
        "page_raw": sum(f["raw"] for f in page),
        "page_gzip9": sum(f["gzip9"] for f in page),
        "page_brotli": sum(f["brotli"] for f in page) if br else None,
        "with_html_gzip9": sum(f["gzip9"] for f in files if f["kind"] in ("page", "html")),
        "brotli_how": br_how,
    }
