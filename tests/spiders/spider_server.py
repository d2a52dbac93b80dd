"""A loopback HTTP server (127.0.0.1, a thread of the test process) that serves the recorded responses
at MediaWiki/UCDP-like paths and injects faults by list-page title. It logs every request it gets."""

from __future__ import annotations

import contextlib
import json
import socket
import struct
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

from spider_helpers import LINKS, PARSE_1970, UCDP_ENVELOPE, load_json

JSON = "application/json; charset=utf-8"
ETAG_1970 = '"rev739338921"'

#: list-page year -> fault served for "List of terrorist incidents in <year>"
FAULTS = {
    1971: "404", 1972: "500", 1973: "429-once", 1974: "timeout", 1975: "reset", 1976: "truncated",
    1977: "wrong-charset", 1978: "missing-charset", 1979: "malformed-json", 1980: "over-size",
}
EXPECTED_KINDS = {
    1971: "http-404", 1972: "http-500", 1974: "timeout", 1975: "connection", 1976: "truncated",
    1977: "charset", 1978: "charset", 1979: "malformed-json", 1980: "too-large",
}


@dataclass
class Hit:
    path: str
    params: dict[str, str]
    headers: dict[str, str]
    at: float


@dataclass
class ServerState:
    hits: list[Hit] = field(default_factory=list)
    seen_429: set[str] = field(default_factory=set)
    ucdp_token: str = "test-token"
    ucdp_pages_served: int = 0
    download_body: bytes = b""


class Handler(BaseHTTPRequestHandler):
    server_version = "OpenTIDTestServer/1"
    state: ServerState

    def log_message(self, *args) -> None:  # noqa: ANN002
        pass

    def send(self, status: int, body: bytes, content_type: str = JSON, **headers: str) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        for k, v in headers.items():
            self.send_header(k.replace("_", "-"), v)
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self) -> None:  # noqa: N802
        url = urlsplit(self.path)
        params = {k: v[0] for k, v in parse_qs(url.query).items()}
        self.state.hits.append(Hit(url.path, params, {k.lower(): v for k, v in self.headers.items()}, time.time()))
        if url.path == "/w/api.php":
            return self.mediawiki(params)
        if url.path.startswith("/api/gedevents/"):
            return self.ucdp(params)
        if url.path.startswith("/downloads/ged/") and self.state.download_body:
            return self.send(200, self.state.download_body, "application/zip")
        return self.send(404, b"not found\n", "text/plain")

    # -- MediaWiki ----------------------------------------------------------------------------------
    def mediawiki(self, params: dict[str, str]) -> None:
        if params.get("action") == "query":
            return self.send(200, LINKS.read_bytes())
        title = params.get("page", "")
        year = int(title[-4:]) if title[-4:].isdigit() else 0
        real = PARSE_1970.read_bytes()
        fault = FAULTS.get(year)
        if year == 1970:
            if self.headers.get("If-None-Match") == ETAG_1970:
                self.send_response(304)
                self.send_header("ETag", ETAG_1970)
                self.end_headers()
                return None
            return self.send(200, real, ETag=ETAG_1970)
        if fault == "404":
            return self.send(404, b'{"error":"not found"}')
        if fault == "500":
            return self.send(500, b"<html><body>Internal Server Error</body></html>", "text/html")
        if fault == "429-once":
            if title not in self.state.seen_429:
                self.state.seen_429.add(title)
                return self.send(429, b"Too many requests\n", "text/plain", Retry_After="1")
            return self.send(200, real)
        if fault == "timeout":
            time.sleep(6)
            with contextlib.suppress(OSError):
                self.send(200, real)
            return None
        if fault == "reset":
            self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
            self.close_connection = True
            self.connection.close()
            return None
        if fault == "truncated":
            self.send_response(200)
            self.send_header("Content-Type", JSON)
            self.send_header("Content-Length", str(len(real)))
            self.end_headers()
            self.wfile.write(real[: len(real) // 3])
            self.wfile.flush()
            self.close_connection = True
            self.connection.shutdown(socket.SHUT_RDWR)
            return None
        if fault == "wrong-charset":
            return self.send(200, real, "application/json; charset=iso-8859-1")
        if fault == "missing-charset":
            return self.send(200, real.decode("utf-8").encode("cp1252", errors="replace"), "application/json")
        if fault == "malformed-json":
            return self.send(200, real[: len(real) // 2])
        if fault == "over-size":
            return self.send(200, real * 8)
        return self.send(404, b'{"error":"no such page"}')

    # -- UCDP API -----------------------------------------------------------------------------------
    def ucdp(self, params: dict[str, str]) -> None:
        if self.headers.get("x-ucdp-access-token") != self.state.ucdp_token:
            return self.send(401, b'{"message":"access token required"}')
        rows = load_json(UCDP_ENVELOPE)["Result"]
        size = int(params.get("pagesize", "1000"))
        page = int(params.get("page", "0"))
        pages = max(1, -(-len(rows) // size))
        host = f"http://127.0.0.1:{self.server.server_address[1]}{urlsplit(self.path).path}"
        envelope = {
            "TotalCount": len(rows), "TotalPages": pages,
            "PreviousPageUrl": f"{host}?pagesize={size}&page={page - 1}" if page > 0 else "",
            "NextPageUrl": f"{host}?pagesize={size}&page={page + 1}" if page + 1 < pages else "",
            "Result": rows[page * size:(page + 1) * size],
        }
        self.state.ucdp_pages_served += 1
        return self.send(200, json.dumps(envelope).encode("utf-8"))


class SpiderTestServer:
    def __init__(self) -> None:
        self.state = ServerState()
        handler = type("BoundHandler", (Handler,), {"state": self.state})
        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self.httpd.daemon_threads = True
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.httpd.server_address[1]}"

    def __enter__(self) -> SpiderTestServer:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()

    def hits_for(self, title: str) -> list[Hit]:
        return [h for h in self.state.hits if h.params.get("page") == title]
