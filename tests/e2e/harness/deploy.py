"""The README's deployment as a running server: its nginx block (read from README.md, not copied)
serving a dist/ on 127.0.0.1, with only the listen address, the root and TLS changed. Used by the
deployment test (tests/e2e/test_deployment.py: precompressed files are sent) and by the page
bench's Lighthouse section (scripts/bench/lighthouse.py: the page as a phone gets it).
"""

from __future__ import annotations

import re
import shutil
import subprocess
import tempfile
import time
import urllib.request
from pathlib import Path

from .config import REPO
from .couch import free_port

README = REPO / "README.md"


def readme_block(lang: str) -> str:
    """The README's first fenced block of `lang`, unindented."""
    m = re.search(r"^( *)```" + lang + r"\n(.*?)^\1```", README.read_text(encoding="utf-8"), re.S | re.M)
    if not m:
        raise AssertionError(f"README.md has no ```{lang} block")
    indent = len(m.group(1))
    return "\n".join(line[indent:] for line in m.group(2).splitlines())


def http_get(url: str, encoding: str | None = None) -> tuple[str | None, bytes]:
    """(Content-Encoding, body) of a GET with that Accept-Encoding (none: no header)."""
    req = urllib.request.Request(url, headers={"Accept-Encoding": encoding} if encoding else {})
    with urllib.request.urlopen(req, timeout=10) as r:
        return r.headers.get("Content-Encoding"), r.read()


class Server:
    """A server process on 127.0.0.1 (`origin`), stopped by `close()`."""

    def __init__(self, argv: list[str], origin: str, workdir: Path, log: Path | None = None, env=None):
        self.origin = origin
        self.workdir = workdir
        self.proc = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env)
        deadline = time.monotonic() + 15
        while True:
            if self.proc.poll() is not None:
                err = self.proc.stderr.read().decode(errors="replace") if self.proc.stderr else ""
                logged = log.read_text(errors="replace") if log and log.exists() else ""
                raise RuntimeError(f"{argv[0]} exited ({self.proc.returncode}): {err} {logged}")
            try:
                http_get(origin + "/")
                return
            except OSError:
                if time.monotonic() > deadline:
                    self.close()
                    raise RuntimeError(f"{argv[0]} did not answer at {origin}")
                time.sleep(0.1)

    def close(self) -> None:
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                self.proc.kill()


def nginx(dist: Path, workdir: Path | None = None) -> Server:
    """The README's nginx block serving `dist` (Debian's nginx and brotli_static module)."""
    exe = shutil.which("nginx") or "/usr/sbin/nginx"
    if not Path(exe).exists():
        raise RuntimeError("nginx is missing: scripts/setup.sh test installs it (Debian's nginx)")
    tmp = workdir or Path(tempfile.mkdtemp(prefix="sa-nginx-"))
    port = free_port()
    server = readme_block("nginx")
    if "listen 443 ssl;" not in server:
        raise AssertionError("the README's nginx block changed shape: adjust tests/e2e/harness/deploy.py")
    server = server.replace("listen 443 ssl;", f"listen 127.0.0.1:{port};")
    server = re.sub(r"root [^;]+;", f"root {dist};", server, count=1)
    conf = tmp / "nginx.conf"
    temp = "".join(f"  {k}_temp_path {tmp}/{k};\n" for k in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi"))
    conf.write_text(
        f"daemon off;\nworker_processes 1;\npid {tmp}/nginx.pid;\n"
        "include /etc/nginx/modules-enabled/*.conf;\n"
        "events {}\nhttp {\n  include /etc/nginx/mime.types;\n  access_log off;\n" + temp + server + "\n}\n",
        encoding="utf-8",
    )
    log = tmp / "error.log"
    # The prefix stays Debian's (its module files are relative to it); what nginx writes goes
    # to `tmp`.
    return Server([exe, "-p", "/usr/share/nginx/", "-e", str(log), "-c", str(conf)], f"http://127.0.0.1:{port}", tmp, log)


def caddy(dist: Path, workdir: Path | None = None) -> Server:
    """The README's Caddy block serving `dist` over plain HTTP (Debian's caddy)."""
    exe = shutil.which("caddy")
    if not exe:
        raise RuntimeError("caddy is missing: scripts/setup.sh test installs it (Debian's caddy)")
    tmp = workdir or Path(tempfile.mkdtemp(prefix="sa-caddy-"))
    port = free_port()
    lines = readme_block("caddy").splitlines()
    if not lines or not lines[0].endswith("{"):
        raise AssertionError("the README's Caddy block changed shape: adjust tests/e2e/harness/deploy.py")
    site = f"http://127.0.0.1:{port} {{\n" + "\n".join(lines[1:])
    site = re.sub(r"root \* \S+", f"root * {dist}", site, count=1)
    caddyfile = tmp / "Caddyfile"
    # No admin endpoint, no storage outside `tmp`.
    caddyfile.write_text("{\n  admin off\n  storage file_system " + str(tmp) + "\n}\n" + site + "\n", encoding="utf-8")
    env = {"HOME": str(tmp), "XDG_DATA_HOME": str(tmp), "XDG_CONFIG_HOME": str(tmp), "PATH": "/usr/bin:/bin"}
    return Server([exe, "run", "--config", str(caddyfile), "--adapter", "caddyfile"], f"http://127.0.0.1:{port}", tmp, env=env)
