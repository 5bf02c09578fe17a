"""A local static server and Debian's chromium driven by playwright, for end-to-end tests."""

from __future__ import annotations

import functools
import http.server
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlparse

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic",
]


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    prefix = "/"

    def translate_path(self, path):
        """Serve the site under ``prefix`` only (as a government site under /handbook/ is)."""
        if not path.startswith(self.prefix):
            return "/nonexistent"
        return super().translate_path("/" + path[len(self.prefix):])

    def log_message(self, format, *args):
        pass


@contextmanager
def serve(directory: Path, prefix: str = "/") -> Iterator[str]:
    """Serve ``directory`` on 127.0.0.1 (a free port) under ``prefix``; yield the base URL."""
    handler = functools.partial(type("Handler", (_QuietHandler,), {"prefix": prefix}),
                                directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}{prefix}"
    finally:
        server.shutdown()
        server.server_close()


def watched_page(context, base_url: str) -> Iterator:
    """A new tab that records its requests and page errors; on closing, fails if any request
    went to a host other than the test server, or if the page raised an error."""
    page = context.new_page()
    page.requests, page.errors = [], []
    page.on("request", lambda req: page.requests.append(req.url))
    page.on("pageerror", lambda err: page.errors.append(str(err)))
    # what a Content-Security-Policy blocks is reported on the console, not raised
    page.on("console", lambda msg: page.errors.append(msg.text)
            if "Content Security Policy" in msg.text or "Content-Security-Policy" in msg.text else None)
    yield page
    host = urlparse(base_url).netloc
    foreign = [u for u in page.requests
               if urlparse(u).scheme in ("http", "https", "ws", "wss") and urlparse(u).netloc != host]
    page.close()
    assert not foreign, f"requests to other hosts: {foreign}"
    assert not page.errors, page.errors
