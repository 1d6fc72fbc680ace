"""A small server on loopback that shows the workpaper and saves its review beside the release.

Bound to 127.0.0.1 only. It answers only requests whose ``Host`` is its own address (a
page of another site cannot reach it through DNS rebinding), and saves only a JSON
``POST`` whose ``Origin`` is its own (a page of another origin cannot write a review).
``GET /`` renders the report afresh with the review as saved; ``POST /review/N``
writes release N's review to its sidecar file, atomically.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from threading import Lock
from typing import Any

from tieout.model import Release
from tieout.report.html import Extras, render_html
from tieout.report.review import BadReview, carry, load, parse, save, sidecar

MAX_BODY = 8 * 1024 * 1024
LOOPBACK = "127.0.0.1"


@dataclass
class Served:
    """The releases a server shows, with where each one's review lives."""

    releases: Sequence[Release]
    reviews: Sequence[str]  # the review file of each release
    diffs: Sequence[Any] = ()
    lock: Lock = field(default_factory=Lock)

    def page(self) -> str:
        extras = [
            Extras(review=load(path), diff=self.diffs[i] if self.diffs else None)
            for i, path in enumerate(self.reviews)
        ]
        return render_html(self.releases, extras=extras, served=True)


def _handler(served: Served, log: Callable[[str], None]) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        server_version = "tieout-serve"
        sys_version = ""

        def log_message(self, format: str, *args: Any) -> None:
            log(f"{self.address_string()} {format % args}")

        def _own(self) -> set[str]:
            port: int = getattr(self.server, "server_port", 0)
            return {f"{LOOPBACK}:{port}", f"localhost:{port}"}

        def _send(self, code: int, body: bytes, kind: str) -> None:
            self.send_response(code)
            self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(len(body)))
            self.send_header("Cache-Control", "no-store")
            self.send_header("X-Content-Type-Options", "nosniff")
            self.send_header("Referrer-Policy", "no-referrer")
            self.end_headers()
            self.wfile.write(body)

        def _json(self, code: int, data: dict[str, Any]) -> None:
            self._send(code, json.dumps(data).encode(), "application/json")

        def _host_ok(self) -> bool:
            if self.headers.get("Host", "") not in self._own():
                self._json(403, {"error": "wrong host"})
                return False
            return True

        def do_GET(self) -> None:
            if not self._host_ok():
                return
            if self.path not in ("/", "/index.html"):
                self._json(404, {"error": "not found"})
                return
            try:
                page = served.page()
            except BadReview as error:
                self._json(500, {"error": str(error)})
                return
            self._send(200, page.encode("utf-8"), "text/html; charset=utf-8")

        def do_POST(self) -> None:
            if not self._host_ok():
                return
            origin = self.headers.get("Origin", "")
            if origin not in {f"http://{h}" for h in self._own()}:
                self._json(403, {"error": "other origins may not save a review"})
                return
            if self.headers.get("Content-Type", "").split(";")[0].strip() != "application/json":
                self._json(415, {"error": "send JSON"})
                return
            parts = self.path.split("/")
            if len(parts) != 3 or parts[1] != "review" or not parts[2].isdigit():
                self._json(404, {"error": "not found"})
                return
            index = int(parts[2])
            if index >= len(served.releases):
                self._json(404, {"error": "no such release"})
                return
            length = int(self.headers.get("Content-Length") or 0)
            if length <= 0 or length > MAX_BODY:
                self._json(413, {"error": "body missing or too large"})
                return
            try:
                review = parse(json.loads(self.rfile.read(length)))
            except (json.JSONDecodeError, UnicodeDecodeError, BadReview) as error:
                self._json(400, {"error": f"not a review: {error}"})
                return
            release = served.releases[index]
            kept, _ = carry(release, review)
            with served.lock:
                save(served.reviews[index], kept, release)
            log(f"saved {served.reviews[index]}")
            self._json(200, {"saved": str(served.reviews[index])})

    return Handler


def make_server(
    releases: Sequence[Release],
    *,
    port: int = 0,
    reviews: Sequence[str] | None = None,
    diffs: Sequence[Any] = (),
    log: Callable[[str], None] = lambda _: None,
) -> ThreadingHTTPServer:
    """A server for the releases on 127.0.0.1 (``port`` 0: any free port)."""
    paths = list(reviews) if reviews else [str(sidecar(r.source.path)) for r in releases]
    for path in paths:
        load(path)  # a broken review file is reported before the server starts
    served = Served(releases, paths, diffs)
    server = ThreadingHTTPServer((LOOPBACK, port), _handler(served, log))
    server.daemon_threads = True
    return server
