"""Serve a built site with Debian's nginx and deploy/README.md's configuration (deploy/nginx-handbook.conf),
as a deployer will: started by the tests on a free 127.0.0.1 port, stopped after."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SITE_CONF = ROOT / "deploy" / "nginx-handbook.conf"
BROTLI_MODULE = Path("/usr/lib/nginx/modules/ngx_http_brotli_static_module.so")
INSTALL = "apt-get install nginx-light libnginx-mod-http-brotli-static（或 make system-deps）"


class NginxMissing(RuntimeError):
    pass


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def site_conf(site_dir: Path, port: int) -> str:
    """deploy/README.md's server configuration with this site's folder and a test port."""
    conf = SITE_CONF.read_text("utf-8")
    assert conf.count("listen 80;") == 1 and conf.count("root /srv/handbook/site;") == 1
    return (conf.replace("listen 80;", f"listen 127.0.0.1:{port};")
                .replace("root /srv/handbook/site;", f"root {site_dir};"))


@contextmanager
def nginx(site_dir: Path, access_log: Path | None = None) -> Iterator[str]:
    """Serve ``site_dir``; yield the base URL. With ``access_log``, requests are logged there
    (a benchmark reads what a browser without a driver asked for)."""
    binary = shutil.which("nginx") or "/usr/sbin/nginx"
    if not Path(binary).exists():
        raise NginxMissing(f"nginx 未安装：{INSTALL}")
    if not BROTLI_MODULE.exists():
        raise NginxMissing(f"nginx 的 brotli_static 模块未安装：{INSTALL}")
    work = Path(tempfile.mkdtemp(prefix="handbook-nginx-"))
    port = _free_port()
    (work / "handbook.conf").write_text(site_conf(Path(site_dir).resolve(), port), "utf-8")
    user = "user root;" if os.geteuid() == 0 else ""   # workers must read the test's folders
    (work / "nginx.conf").write_text(f"""
daemon off;
{user}
worker_processes 1;
pid {work}/nginx.pid;
error_log {work}/error.log warn;
load_module {BROTLI_MODULE};
events {{ worker_connections 256; }}
http {{
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    {f"access_log {access_log};" if access_log else "access_log off;"}
    sendfile on;
    client_body_temp_path {work}/body;
    proxy_temp_path {work}/proxy;
    fastcgi_temp_path {work}/fastcgi;
    uwsgi_temp_path {work}/uwsgi;
    scgi_temp_path {work}/scgi;
    include {work}/handbook.conf;
}}
""", "utf-8")
    proc = subprocess.Popen([binary, "-p", str(work), "-c", str(work / "nginx.conf")],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        deadline = time.monotonic() + 15
        while True:
            if proc.poll() is not None:
                raise RuntimeError(f"nginx did not start: {proc.stderr.read()[-2000:]}")
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                break
            except OSError:
                if time.monotonic() > deadline:
                    raise RuntimeError("nginx did not listen within 15 s") from None
                time.sleep(0.05)
        yield f"http://127.0.0.1:{port}/"
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        shutil.rmtree(work, ignore_errors=True)
