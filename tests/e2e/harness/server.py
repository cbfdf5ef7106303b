"""Serves a built page (dist/) over HTTP on 127.0.0.1, in-process, for the tests and the bench.

Every request is recorded; the page can be served under a sub-path (`prefix`), and a few extra
documents of our own (`pages`, e.g. a blank same-origin page that runs no app) can be added.
Nothing is cached (`Cache-Control: no-store`).
"""

from __future__ import annotations

import http.server
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
    recorder: "StaticServer"

    def __init__(self, *args, **kwargs):
        super().__init__(*args, directory=str(self.server_root), **kwargs)

    def log_message(self, format, *args):  # noqa: A002 - quiet
        pass

    def end_headers(self):
        self.send_header("Cache-Control", "no-store")
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

    def do_GET(self):
        if self._route():
            super().do_GET()

    def do_HEAD(self):
        if self._route():
            super().do_HEAD()


class _ThreadingServer(socketserver.ThreadingMixIn, http.server.HTTPServer):
    daemon_threads = True
    allow_reuse_address = True


class StaticServer:
    """Serves `root` at http://127.0.0.1:<free port><prefix> and records request paths.

    `pages` maps a path below the prefix ("/blank.html") to (content type, body)."""

    def __init__(self, root: Path, prefix: str = "/", pages: dict[str, tuple[str, bytes]] | None = None):
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
