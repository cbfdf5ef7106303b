"""The page served from a sub-path (/sub/app/): every request stays below it (relative asset
URLs), the wasm and the seed articles load from there."""

from harness import *  # noqa: F401,F403


def test_served_from_a_sub_path(browsers, serve):
    srv = serve(prefix="/sub/app/")
    b = browsers(origins=[srv.origin])
    open_app(b, srv.url)
    d = b.driver
    wait_for(lambda: {SEED_000, SEED_003} <= set(doc_ids(d)), msg="seed documents listed under a sub-path")
    paths = srv.paths()
    outside = [p for p in paths if not p.startswith("/sub/app/") and p != "/favicon.ico"]
    assert not outside, f"requests outside the sub-path (absolute asset URLs?): {outside}"
    assert any(p.endswith(".wasm") for p in paths), paths
    assert any(p.endswith("articles/index.json") for p in paths), paths
