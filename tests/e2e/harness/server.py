"""Serves a built page (dist/) over HTTP on 127.0.0.1, in-process, for the tests and the bench.

Every request is recorded; the page can be served under a sub-path (`prefix`), and a few extra
documents of our own (`pages`, e.g. a blank same-origin page that runs no app) can be added.
Nothing is cached (`Cache-Control: no-store`).

`proxies` forwards paths to another server on the same origin, as a team's reverse proxy puts
CouchDB next to the page (docs/ARCHITECTURE.md, Team sync: the CSP keeps `connect-src 'self'`):
`proxies={"/couchdb/": "http://127.0.0.1:5984/"}` sends `/couchdb/team/_changes?…` to
`http://127.0.0.1:5984/team/_changes?…` with its method, headers (Cookie and Authorization
included; not the hop-by-hop ones) and body, and returns the answer as it is, Set-Cookie
included. A server that does not answer gives 502, as a real proxy would.
"""

from __future__ import annotations

import http.client
import http.server
import json
import socketserver
import threading
import urllib.parse
from pathlib import Path


class _Handler(http.server.SimpleHTTPRequestHandler):
    extensions_map = {
        **http.server.SimpleHTTPRequestHandler.extensions_map,
        ".wasm": "application/wasm",
        ".js": "text/javascript",
        ".mjs": "text/javascript",
        ".json": "application/json",
        ".svg": "image/svg+xml",
        ".css": "text/css",
        ".html": "text/html",
        ".txt": "text/plain; charset=utf-8",
    }

    # set per server (see StaticServer.__init__)
    server_root: Path
    prefix: str
    pages: dict[str, tuple[str, bytes]]
    proxies: dict[str, str]
    recorder: "StaticServer"
    headers_out: tuple[tuple[str, str], ...]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, directory=str(self.server_root), **kwargs)

    def log_message(self, format, *args):  # noqa: A002 - quiet
        pass

    def end_headers(self):
        self.send_header("Cache-Control", "no-store")
        for name, value in self.headers_out:
            self.send_header(name, value)
        super().end_headers()

    def _route(self) -> bool:
        """Records the request and strips the prefix; False when it was answered here."""
        path = urllib.parse.urlsplit(self.path).path
        self.recorder._record(self.command, self.path)
        if self.prefix != "/":
            if path == self.prefix.rstrip("/"):
                # /sub/app -> /sub/app/
                self.send_response(301)
                self.send_header("Location", self.prefix)
                self.end_headers()
                return False
            if not path.startswith(self.prefix):
                self.send_error(404, "outside the served prefix")
                return False
            self.path = self.path[len(self.prefix) - 1:]
            path = path[len(self.prefix) - 1:]
        page = self.pages.get(path)
        if page is not None:
            ctype, body = page
            self.send_response(200)
            self.send_header("Content-Type", ctype)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            if self.command != "HEAD":
                self.wfile.write(body)
            return False
        return True

    def _proxied(self) -> bool:
        """Forwards the request when its path is under a proxy prefix; True when it was."""
        path = urllib.parse.urlsplit(self.path).path
        for prefix, upstream in self.proxies.items():
            if path.startswith(prefix):
                self.recorder._record(self.command, self.path)
                self._forward(upstream, self.path[len(prefix):])
                return True
        return False

    _HOP = {"connection", "keep-alive", "proxy-authenticate", "proxy-authorization", "te", "trailers",
            "transfer-encoding", "upgrade", "host", "content-length"}

    def _forward(self, upstream: str, rest: str) -> None:
        up = urllib.parse.urlsplit(upstream)
        target = up.path.rstrip("/") + "/" + rest
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else None
        headers = {k: v for k, v in self.headers.items() if k.lower() not in self._HOP}
        conn = http.client.HTTPConnection(up.hostname, up.port or 80, timeout=120)
        try:
            conn.request(self.command, target, body=body, headers=headers)
            resp = conn.getresponse()
            data = resp.read()
            status, out_headers = resp.status, resp.getheaders()
        except OSError as e:
            data = json.dumps({"error": "bad_gateway", "reason": f"upstream unreachable: {e}"}).encode()
            status, out_headers = 502, [("Content-Type", "application/json")]
        finally:
            conn.close()
        self.send_response(status)
        for k, v in out_headers:
            if k.lower() not in self._HOP and k.lower() != "cache-control":
                self.send_header(k, v)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(data)

    def do_GET(self):
        if not self._proxied() and self._route():
            super().do_GET()

    def do_HEAD(self):
        if not self._proxied() and self._route():
            super().do_HEAD()

    def _only_proxied(self):
        if not self._proxied():
            self.recorder._record(self.command, self.path)
            self.send_error(405, "static files only")

    do_POST = do_PUT = do_DELETE = do_COPY = do_OPTIONS = _only_proxied


class _ThreadingServer(socketserver.ThreadingMixIn, http.server.HTTPServer):
    daemon_threads = True
    allow_reuse_address = True


class StaticServer:
    """Serves `root` at http://127.0.0.1:<free port><prefix> and records request paths.

    `pages` maps a path below the prefix ("/blank.html") to (content type, body); `proxies` maps
    a path prefix ("/couchdb/") to the server it forwards to (see the module). `isolated` sends
    COOP and COEP headers: the page is cross-origin isolated, and `performance.now()` there
    has a resolution of 5 µs instead of 100 µs (the benchmark's key-handling figures are
    around 1 ms)."""

    def __init__(self, root: Path, prefix: str = "/", pages: dict[str, tuple[str, bytes]] | None = None,
                 proxies: dict[str, str] | None = None, isolated: bool = False):
        if not prefix.startswith("/"):
            prefix = "/" + prefix
        if not prefix.endswith("/"):
            prefix += "/"
        self.root = Path(root)
        self.prefix = prefix
        self.requests: list[tuple[str, str]] = []
        self._lock = threading.Lock()
        handler = type("Handler", (_Handler,), {
            "server_root": self.root, "prefix": prefix, "pages": dict(pages or {}), "recorder": self,
            "headers_out": ((("Cross-Origin-Opener-Policy", "same-origin"),
                             ("Cross-Origin-Embedder-Policy", "require-corp")) if isolated else ()),
            "proxies": {(k if k.endswith("/") else k + "/"): v for k, v in (proxies or {}).items()},
        })
        self.httpd = _ThreadingServer(("127.0.0.1", 0), handler)
        self.port = self.httpd.server_address[1]
        self.origin = f"http://127.0.0.1:{self.port}"
        self.url = self.origin + prefix
        self._thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self._thread.start()

    def _record(self, method: str, path: str) -> None:
        with self._lock:
            self.requests.append((method, path))

    def paths(self) -> list[str]:
        """The path of every request so far."""
        with self._lock:
            return [urllib.parse.urlsplit(p).path for _, p in self.requests]

    def take(self) -> list[str]:
        """The path of every request since the last take(), forgetting them."""
        with self._lock:
            out, self.requests = self.requests, []
        return [urllib.parse.urlsplit(p).path for _, p in out]

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()
