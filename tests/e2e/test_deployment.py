"""The README's deployment, run as written: its nginx and Caddy blocks (taken from README.md by
harness/deploy.py, not copied here) serve dist/ on 127.0.0.1, send the build's precompressed
files (brotli to a browser that takes it, gzip otherwise, the plain file to a client that takes
neither), and the page works through them in Chromium. Only the listen address, the root and
TLS change: a README config that stops compressing fails here.
"""

from __future__ import annotations

import gzip

import pytest

from harness import *  # noqa: F401,F403
from harness import deploy


@pytest.fixture(params=["nginx", "caddy"])
def deployed(request, tmp_path):
    srv = getattr(deploy, request.param)(DIST, tmp_path)
    yield srv
    srv.close()


def test_the_readme_configs_send_precompressed_files(deployed, browsers):
    wasm = sorted(DIST.glob("*_bg.wasm"))[0]
    raw = wasm.read_bytes()
    url = f"{deployed.origin}/{wasm.name}"
    enc, body = deploy.http_get(url, "br, gzip")
    assert enc == "br", f"brotli not sent for {wasm.name} (Content-Encoding {enc!r})"
    assert body == (DIST / (wasm.name + ".br")).read_bytes(), "the .br file is sent as built"
    assert len(body) < len(raw) // 2, (len(body), len(raw))
    enc, body = deploy.http_get(url, "gzip")
    assert enc == "gzip", f"gzip not sent for {wasm.name} (Content-Encoding {enc!r})"
    assert gzip.decompress(body) == raw
    enc, body = deploy.http_get(url)
    assert enc is None and body == raw, "a client without Accept-Encoding gets the file itself"
    for css in DIST.glob("style-*.css"):
        enc, _ = deploy.http_get(f"{deployed.origin}/{css.name}", "br")
        assert enc == "br", f"{css.name}: {enc!r}"

    b = browsers(origins=[deployed.origin])
    open_app(b, deployed.origin + "/")
    d = b.driver
    wait_for(lambda: {SEED_000, SEED_003} <= set(doc_ids(d)), msg="seed documents listed")
    sizes = d.execute_script(
        "const e = performance.getEntriesByType('resource').find(r => r.name.endsWith('.wasm'));"
        "return e ? [e.encodedBodySize, e.decodedBodySize] : null;"
    )
    assert sizes and sizes[0] < sizes[1] // 2, f"the wasm arrived uncompressed (encoded, decoded): {sizes}"
