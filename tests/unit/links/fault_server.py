"""A fault server on 127.0.0.1 (random port) for the link checker's tests.

Run as a script (``python fault_server.py``), in its own process so that its clock readings do
not wait on the client's; prints ``PORT <n>`` when it accepts connections. It records every
request — method, path, arrival (accept) and end time (monotonic, the same clock system-wide),
client address, Host header — and the most requests it was ever answering at once, and returns
them as JSON at ``/_stats`` (not recorded).
"""

from __future__ import annotations

import contextlib
import io
import json
import socket
import struct
import sys
import threading
import time
from dataclasses import asdict, dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

SLOW_SECONDS = 2.5
RETRY_AFTER = 1
TRICKLE_SECONDS = 0.2  # /trickle: one header line this often ...
TRICKLE_LINES = 50     # ... this many times (10 s), then the end of the headers


@dataclass
class Hit:
    method: str
    path: str
    start: float
    end: float | None
    client: str
    host_header: str


class FaultServer(ThreadingHTTPServer):
    daemon_threads = True
    block_on_close = False

    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), FaultHandler)
        self.hits: list[Hit] = []
        self.counts: dict[str, int] = {}
        self.in_flight = 0
        self.max_in_flight = 0
        self.lock = threading.Lock()
        self.accepted: dict[int, float] = {}
        self.trickled: list[int] = []  # header lines /trickle had sent when each request ended

    def process_request(self, request, client_address) -> None:  # noqa: ANN001
        self.accepted[request.fileno()] = time.monotonic()  # arrival, before a thread starts
        super().process_request(request, client_address)

    def handle_error(self, request, client_address) -> None:  # noqa: ANN001 — quiet on resets
        pass


class FaultHandler(BaseHTTPRequestHandler):
    server: FaultServer

    def log_message(self, *args: object) -> None:
        pass

    def do_HEAD(self) -> None:  # noqa: N802
        self._serve(head=True)

    def do_GET(self) -> None:  # noqa: N802
        self._serve(head=False)

    def _serve(self, head: bool) -> None:
        server = self.server
        start = server.accepted.pop(self.connection.fileno(), None) or time.monotonic()
        path = urlsplit(self.path).path
        if path == "/_stats":
            with server.lock:
                stats = {"hits": [asdict(hit) for hit in server.hits], "max_in_flight": server.max_in_flight,
                         "trickled": list(server.trickled)}
            self._send(200, {"Content-Type": "application/json"}, body=json.dumps(stats).encode())
            return
        with server.lock:
            server.in_flight += 1
            server.max_in_flight = max(server.max_in_flight, server.in_flight)
            server.counts[path] = count = server.counts.get(path, 0) + 1
            hit = Hit(self.command, self.path, start, None, self.client_address[0],
                      self.headers.get("Host", ""))
            server.hits.append(hit)
        self._in_flight = True
        try:
            self._answer(path, count, head)
        finally:
            self._leave_flight()
            hit.end = time.monotonic()

    def _leave_flight(self) -> None:
        """A request stops counting as in flight once its answer starts (the client may send
        its next request as soon as it has read the answer, before this handler returns)."""
        if getattr(self, "_in_flight", False):
            self._in_flight = False
            with self.server.lock:
                self.server.in_flight -= 1

    def _send(self, code: int, headers: dict[str, str] | None = None, head: bool = False,
              body: bytes | None = None) -> None:
        if body is None:
            body = b"" if head or code in (301, 302) else f"answer {code}\n".encode()
        self._leave_flight()
        self.send_response(code)
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def _reset(self) -> None:
        """Close the socket without answering, with a TCP reset."""
        self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        self.connection.close()
        self.wfile = io.BytesIO()
        self.close_connection = True

    def _trickle(self) -> None:
        """A status line, then a header line every TRICKLE_SECONDS: each read is quick, the answer
        is not. Records how many lines went out before the client hung up (or all of them)."""
        self._leave_flight()
        sent = 0
        try:
            self.wfile.write(b"HTTP/1.1 200 OK\r\n")
            for sent in range(1, TRICKLE_LINES + 1):
                time.sleep(TRICKLE_SECONDS)
                self.wfile.write(f"X-Trickle-{sent}: {'.' * 20}\r\n".encode())
                self.wfile.flush()
            self.wfile.write(b"Content-Length: 0\r\n\r\n")
        except OSError:
            pass
        finally:
            self.close_connection = True
            with self.server.lock:
                self.server.trickled.append(sent)

    def _answer(self, path: str, count: int, head: bool) -> None:
        query = parse_qs(urlsplit(self.path).query)
        if path in ("/ok", "/chain/end"):
            self._send(200, head=head)
        elif path == "/chain/start":
            self._send(301, {"Location": "/chain/mid"})
        elif path == "/chain/mid":
            self._send(302, {"Location": f"http://127.0.0.1:{self.server.server_address[1]}/chain/end"})
        elif path == "/loop/a":
            self._send(302, {"Location": "/loop/b"})
        elif path == "/loop/b":
            self._send(302, {"Location": "/loop/a"})
        elif path == "/gone404":
            self._send(404, head=head)
        elif path == "/gone410":
            self._send(410, head=head)
        elif path == "/rate":
            if count == 1:
                self._send(429, {"Retry-After": str(RETRY_AFTER)}, head=head)
            else:
                self._send(200, head=head)
        elif path == "/broken500":
            self._send(500, head=head)
        elif path == "/flaky503":
            self._send(503 if count <= 2 else 200, head=head)
        elif path == "/slow":
            time.sleep(SLOW_SECONDS)
            self._send(200, head=head)
        elif path == "/reset":
            self._reset()
        elif path == "/nohead":
            self._send(405 if head else 200, {"Allow": "GET"}, head=head)
        elif path == "/forbidden":
            self._send(403, head=head)
        elif path == "/always429":
            self._send(429, {"Retry-After": "0"}, head=head)
        elif path.startswith("/hop/"):
            left = int(path.removeprefix("/hop/"))
            if left:
                self._send(301, {"Location": f"/hop/{left - 1}"})
            else:
                self._send(200, head=head)
        elif path == "/outside":
            self._send(302, {"Location": "http://example.com/"})
        elif path == "/trickle":
            self._trickle()
        elif path == "/delay":
            time.sleep(int(query.get("ms", ["200"])[0]) / 1000)
            self._send(200, head=head)
        else:
            self._send(404, head=head)


def main() -> None:
    server = FaultServer()
    print(f"PORT {server.server_address[1]}", flush=True)
    with contextlib.suppress(KeyboardInterrupt):
        server.serve_forever(poll_interval=0.05)
    sys.exit(0)


if __name__ == "__main__":
    main()
