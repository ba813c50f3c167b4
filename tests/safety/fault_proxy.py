"""A small fault-injecting HTTP proxy on 127.0.0.1, put in front of a moto server by the fault tests.

Why a proxy and not botocore stubs or event hooks: the faults people meet are on the wire (a refused
port, a reset after the request was sent, a server that never answers, an HTTP 500), and a proxy lets the
real botocore stack (retries, timeouts, error parsing) and the real smtui process (a subprocess with
`--endpoint-url`) meet them.
Standard library only; one thread per connection; every port chosen by the OS (xdist-safe).

Modes (`FaultProxy.set_mode(mode, first=N, only=OPERATION)`):
- ``pass``          forward every request to the upstream and its answer back.
- ``refuse``        stop listening: connections are refused (ECONNREFUSED) until `set_mode("pass")`.
- ``reset``         forward the request (so the upstream APPLIES it), read the answer, then reset the client's
                    connection with a TCP RST: the response is lost.
- ``delay``         hold the request for `delay` seconds (the client's read timeout fires), then forward it.
- ``error500``      answer HTTP 500 InternalServiceError without forwarding.
- ``throttle``      answer HTTP 400 ThrottlingException without forwarding.
- ``denied``        answer HTTP 400 AccessDeniedException without forwarding.
- ``expired``       answer HTTP 400 ExpiredTokenException without forwarding (moto accepts any credentials).
`first=N` faults only the first N matching requests, then passes; `only="CreateSecret"` faults only the
requests whose X-Amz-Target names that operation (others pass). The proxy records each request's operation and
ClientRequestToken (never a body) in `requests` so tests can prove a retry reused the token.
"""

from __future__ import annotations

import http.client
import json
import socket
import struct
import threading
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Literal
from urllib.parse import urlsplit

Mode = Literal["pass", "refuse", "reset", "delay", "error500", "throttle", "denied", "expired"]

CANNED: dict[str, tuple[int, str, str]] = {
    "error500": (500, "InternalServiceError", "An internal error occurred (injected by the test proxy)."),
    "throttle": (400, "ThrottlingException", "Rate exceeded"),
    "denied": (
        400,
        "AccessDeniedException",
        "User: arn:aws:iam::123456789012:user/test is not authorized to perform: "
        "secretsmanager:CreateSecret because no identity-based policy allows the "
        "secretsmanager:CreateSecret action",
    ),
    "expired": (400, "ExpiredTokenException", "The security token included in the request is expired"),
}
_HOP_BY_HOP = {
    "connection",
    "keep-alive",
    "transfer-encoding",
    "content-length",
    "proxy-connection",
    "te",
    "trailer",
    "upgrade",
}


@dataclass
class Seen:
    """One request as the proxy saw it: what was asked and what the proxy did (no body is kept)."""

    operation: str
    token: str | None
    action: str


@dataclass
class _Plan:
    mode: Mode = "pass"
    remaining: int | None = None  # None: every matching request
    only: str | None = None
    delay: float = 3.0


@dataclass
class FaultProxy:
    """`with FaultProxy(upstream_url) as proxy: ... proxy.url ...`"""

    upstream: str
    requests: list[Seen] = field(default_factory=list)
    _plan: _Plan = field(default_factory=_Plan)
    _lock: threading.Lock = field(default_factory=threading.Lock)
    _stop: threading.Event = field(default_factory=threading.Event)
    _server: ThreadingHTTPServer | None = None
    _thread: threading.Thread | None = None
    port: int = 0
    forwarding: int = 0  # requests handed to the upstream (or held before it) whose answer is not back yet

    # ---- lifecycle ----
    def __enter__(self) -> FaultProxy:
        self._listen()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._close_listener()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def _listen(self) -> None:
        proxy = self

        class Handler(_ProxyHandler):
            owner = proxy

        server = ThreadingHTTPServer(("127.0.0.1", self.port), Handler)
        server.daemon_threads = True
        self.port = int(server.server_address[1])
        self._server = server
        self._thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
        self._thread.start()

    def _close_listener(self) -> None:
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
            self._server = None

    # ---- control ----
    def set_mode(self, mode: Mode, *, first: int | None = None, only: str | None = None, delay: float = 3.0) -> None:
        """Switch the fault. `refuse` closes the port; any other mode re-opens it on the same port."""
        with self._lock:
            self._plan = _Plan(mode=mode, remaining=first, only=only, delay=delay)
        if mode == "refuse":
            self._close_listener()
        elif self._server is None:
            self._listen()

    def operations(self) -> list[str]:
        with self._lock:
            return [s.operation for s in self.requests]

    def _decide(self, operation: str) -> tuple[Mode, float]:
        with self._lock:
            plan = self._plan
            if plan.mode == "pass" or (plan.only and plan.only != operation):
                return "pass", 0.0
            if plan.remaining is not None:
                if plan.remaining <= 0:
                    return "pass", 0.0
                plan.remaining -= 1
            return plan.mode, plan.delay

    def _record(self, seen: Seen) -> None:
        with self._lock:
            self.requests.append(seen)

    def _count_forwarding(self, step: int) -> None:
        with self._lock:
            self.forwarding += step


class _ProxyHandler(BaseHTTPRequestHandler):
    owner: FaultProxy
    protocol_version = "HTTP/1.1"

    def log_message(self, format: str, *args: object) -> None:
        """Silent: a test proxy must not print (and never sees anything worth printing)."""

    def _forward(self, body: bytes) -> tuple[int, list[tuple[str, str]], bytes]:
        up = urlsplit(self.owner.upstream)
        conn = http.client.HTTPConnection(up.hostname or "127.0.0.1", up.port or 80, timeout=30)
        try:
            headers = {k: v for k, v in self.headers.items() if k.lower() not in _HOP_BY_HOP}
            conn.request(self.command, self.path, body=body, headers=headers)
            resp = conn.getresponse()
            return resp.status, resp.getheaders(), resp.read()
        finally:
            conn.close()

    def _answer_canned(self, status: int, code: str, message: str) -> None:
        payload = json.dumps({"__type": code, "message": message}).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/x-amz-json-1.1")
        self.send_header("x-amzn-ErrorType", code)
        self.send_header("Content-Length", str(len(payload)))
        self.end_headers()
        self.wfile.write(payload)

    def _reset(self) -> None:
        """Close with SO_LINGER 0: the peer gets a TCP RST instead of a response."""
        self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        self.close_connection = True
        self.connection.close()

    def handle_one_request(self) -> None:
        try:
            super().handle_one_request()
        except (ConnectionError, OSError):
            self.close_connection = True

    def _read_and_handle(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else b""
        target = self.headers.get("X-Amz-Target", "")
        operation = target.rsplit(".", 1)[-1] if target else f"{self.command} {self.path}"
        mode, delay = self.owner._decide(operation)
        self.owner._record(Seen(operation, _token_of(body), mode))
        if mode in CANNED:
            self._answer_canned(*CANNED[mode])
            return
        self.owner._count_forwarding(+1)
        try:
            if mode == "delay" and self.owner._stop.wait(delay):
                return
            status, headers, payload = self._forward(body)
        finally:
            self.owner._count_forwarding(-1)
        del body  # keep no reference to a request that may carry a value
        if mode == "reset":
            self._reset()
            return
        self.send_response(status)
        for name, value in headers:
            if name.lower() not in _HOP_BY_HOP:
                self.send_header(name, value)
        self.send_header("Content-Length", str(len(payload)))
        self.end_headers()
        self.wfile.write(payload)

    do_GET = do_POST = do_PUT = do_DELETE = do_HEAD = _read_and_handle


def _token_of(body: bytes) -> str | None:
    """The ClientRequestToken of a JSON request body, if any (the only member the proxy remembers)."""
    if not body.startswith(b"{"):
        return None
    try:
        doc = json.loads(body)
    except ValueError:
        return None
    token = doc.get("ClientRequestToken") if isinstance(doc, dict) else None
    return token if isinstance(token, str) else None
