"""A small HTTP server on 127.0.0.1 serving a route table, for whole crawls through Scrapy's downloader.

Routes map a path (with or without its query string) to a list of responses served in turn (the last
one repeats), so a test can answer 429 first and 200 next. Every request is logged.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qsl, urlsplit


@dataclass
class Reply:
    status: int = 200
    body: bytes = b""
    headers: dict[str, str] = field(default_factory=dict)


class Routes:
    def __init__(self) -> None:
        self.table: dict[str, list[Reply]] = {}
        self.log: list[str] = []
        self.base = ""

    def add(self, path: str, *replies: Reply) -> None:
        self.table[path] = list(replies)

    def lookup(self, raw_path: str) -> Reply:
        parts = urlsplit(raw_path)
        keys = [raw_path, parts.path + "?" + "&".join(f"{k}={v}" for k, v in sorted(parse_qsl(parts.query))),
                parts.path]  # fmt: skip
        for key in keys:
            if key in self.table:
                replies = self.table[key]
                return replies.pop(0) if len(replies) > 1 else replies[0]
        return Reply(404, b"not found", {"Content-Type": "text/plain"})


@contextmanager
def serve(routes: Routes) -> Iterator[Routes]:
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802 - http.server's name
            routes.log.append(self.path)
            reply = routes.lookup(self.path)
            self.send_response(reply.status)
            headers = {"Content-Length": str(len(reply.body)), **reply.headers}
            for k, v in headers.items():
                self.send_header(k, v)
            self.end_headers()
            self.wfile.write(reply.body)

        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    routes.base = f"http://127.0.0.1:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield routes
    finally:
        server.shutdown()
        server.server_close()
