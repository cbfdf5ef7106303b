"""A CouchDB for the sync tests: PouchDB Server (npm `pouchdb-server`, a devDependency in
package.json, installed by scripts/setup.sh test) on a free 127.0.0.1 port, started and
stopped in-process, so a test can take the database down and bring it back (the page must
go offline and catch up).

PouchDB Server speaks CouchDB's HTTP replication API, and (checked in
tests/e2e/test_couch_server.py) enforces a design document's `validate_doc_update` with
the `userCtx` of a `_session` cookie or basic auth, keeps users in `_users` with roles,
and leaves "admin party" once an admin is set in `/_config/admins`. `in_memory=True` loses
everything on stop; the default keeps the data in a temporary directory across restarts.

The page reaches it through the static server's same-origin proxy
(`StaticServer(..., proxies={"/couchdb/": couch.url})`, see server.py).
"""

from __future__ import annotations

import base64
import http.client
import json
import shutil
import socket
import subprocess
import tempfile
import time
from pathlib import Path

try:
    from .config import REPO
except ImportError:  # loaded on its own (scripts/record_sync.py): no Selenium needed
    REPO = Path(__file__).resolve().parents[3]

POUCHDB_SERVER = REPO / "node_modules" / ".bin" / "pouchdb-server"
DESIGN = REPO / "couchdb" / "design.json"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class CouchError(Exception):
    def __init__(self, status: int, body):
        super().__init__(f"{status}: {body}")
        self.status = status
        self.body = body


class CouchServer:
    """PouchDB Server on 127.0.0.1:<port>; `url` ends with '/'. Admin party until `set_admin`."""

    def __init__(self, in_memory: bool = False, directory: Path | None = None, port: int | None = None):
        if not POUCHDB_SERVER.exists():
            raise FileNotFoundError(f"{POUCHDB_SERVER} is missing: run `npm ci` (scripts/setup.sh test)")
        self.in_memory = in_memory
        self._own_dir = directory is None
        self.dir = Path(directory) if directory else Path(tempfile.mkdtemp(prefix="pouchdb-"))
        self.port = port or free_port()
        self.url = f"http://127.0.0.1:{self.port}/"
        self.admin: tuple[str, str] | None = None
        self._proc: subprocess.Popen | None = None
        self.start()

    # -- life cycle --------------------------------------------------------------------------

    def start(self, timeout: float = 30) -> None:
        """Starts the server (again) on the same port and waits until it answers."""
        if self.running:
            return
        args = [str(POUCHDB_SERVER), "--port", str(self.port), "--host", "127.0.0.1", "--no-stdout-logs",
                "--config", str(self.dir / "config.json")]
        args += ["--in-memory"] if self.in_memory else ["--dir", str(self.dir / "data")]
        (self.dir / "data").mkdir(parents=True, exist_ok=True)
        self._log = open(self.dir / "server.out", "ab")
        self._proc = subprocess.Popen(args, cwd=self.dir, stdout=self._log, stderr=subprocess.STDOUT,
                                      stdin=subprocess.DEVNULL, start_new_session=True)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self._proc.poll() is not None:
                raise RuntimeError(f"pouchdb-server exited with {self._proc.returncode}: see {self.dir / 'server.out'}")
            try:
                if self.request("GET", "")[0] == 200:
                    return
            except OSError:
                pass
            time.sleep(0.1)
        self.stop()
        raise TimeoutError(f"pouchdb-server did not answer on {self.url} within {timeout}s")

    def stop(self) -> None:
        """Takes the server down (the page sees no answer: its proxy answers 502)."""
        if self._proc is None:
            return
        proc, self._proc = self._proc, None
        if proc.poll() is None:
            proc.terminate()
            try:
                proc.wait(10)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait(10)
        self._log.close()

    def restart(self) -> None:
        self.stop()
        self.start()

    @property
    def running(self) -> bool:
        return self._proc is not None and self._proc.poll() is None

    def close(self) -> None:
        self.stop()
        if self._own_dir:
            shutil.rmtree(self.dir, ignore_errors=True)

    # -- HTTP --------------------------------------------------------------------------------

    def request(self, method: str, path: str, body=None, headers: dict | None = None,
                auth: tuple[str, str] | None = None, cookie: str | None = None, raw: bool = False):
        """One request; returns (status, JSON body or text, headers). `auth` defaults to the
        admin once one is set; `auth=False`-like `("", "")` sends none."""
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        h = {"Accept": "application/json"}
        data = None
        if body is not None:
            data = body if isinstance(body, (bytes, str)) else json.dumps(body)
            if isinstance(data, str):
                data = data.encode()
            h["Content-Type"] = "application/json"
        who = self.admin if auth is None else auth
        if who and who[0]:
            h["Authorization"] = "Basic " + base64.b64encode(f"{who[0]}:{who[1]}".encode()).decode()
        if cookie:
            h["Cookie"] = cookie
        h.update(headers or {})
        try:
            conn.request(method, "/" + path.lstrip("/"), body=data, headers=h)
            resp = conn.getresponse()
            text = resp.read().decode("utf-8", "replace")
            hdrs = dict(resp.getheaders())
        finally:
            conn.close()
        if raw:
            return resp.status, text, hdrs
        try:
            parsed = json.loads(text) if text else None
        except ValueError:
            parsed = text
        return resp.status, parsed, hdrs

    def ok(self, method: str, path: str, body=None, **kw):
        """A request that must succeed (2xx); returns its JSON."""
        status, parsed, _ = self.request(method, path, body, **kw)
        if not 200 <= status < 300:
            raise CouchError(status, parsed)
        return parsed

    # -- set-up helpers ----------------------------------------------------------------------

    def create_db(self, name: str, design: bool = True) -> str:
        """Creates database `name` (with the Sentence Annotator design document unless
        `design=False`); returns its URL."""
        self.ok("PUT", name)
        if design:
            self.ok("PUT", f"{name}/_design/sentence-annotator", json.loads(DESIGN.read_text()))
        return self.url + name

    def add_user(self, name: str, password: str, roles: list[str] | None = None) -> None:
        doc = {"name": name, "password": password, "roles": roles or [], "type": "user"}
        self.ok("PUT", f"_users/org.couchdb.user:{name}", doc)

    def set_admin(self, name: str, password: str) -> None:
        """Ends admin party: anonymous requests are no longer admins."""
        self.ok("PUT", f"_config/admins/{name}", json.dumps(password))
        self.admin = (name, password)
        # A fixed cookie secret, kept in the config file: sessions survive a restart, as with
        # CouchDB (its secret is in local.ini); PouchDB Server would otherwise pick a new one.
        self.ok("PUT", "_config/couch_httpd_auth/secret", json.dumps(f"sa-tests-{self.port}"))

    def login(self, name: str, password: str) -> str:
        """POST /_session; returns the Cookie header value (`AuthSession=…`)."""
        status, body, headers = self.request("POST", "_session", {"name": name, "password": password}, auth=("", ""))
        if status != 200:
            raise CouchError(status, body)
        cookie = headers.get("Set-Cookie") or headers.get("set-cookie") or ""
        return cookie.split(";", 1)[0]
