"""Running `smtui serve`: the socket, the HTTP server library, the signals and the store's close.

Why uvicorn with its h11 transport: a well-kept, pure-Python HTTP/1.1 server (keep-alive, pipelining, request
framing, bounded header sizes and a graceful shutdown that lets in-flight requests finish) instead of
hand-written HTTP. smtui opens the listening socket itself, so `--port 0` can report the port the OS chose in
the first line of the log (`smtui serve: listening on http://HOST:PORT (TARGET)`), and a test or a script can
wait for that line. SIGINT, SIGTERM and SIGHUP stop accepting, let the requests in flight finish, close the store
and end with the AWS CLI's codes (130, 143, 129); uvicorn would re-raise the signal instead, which loses them.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import contextlib
import ipaddress
import logging
import os
import resource
import signal
import socket
import time
from collections.abc import Generator
from types import FrameType
from typing import Any, cast

import h11
import uvicorn
from uvicorn.protocols.http.h11_impl import H11Protocol

from smtui.errors import ParameterError
from smtui.serve.app import ServeApp
from smtui.serve.log import RequestLog, _stamp

STOP_SIGNALS = (signal.SIGINT, signal.SIGTERM, signal.SIGHUP)  # each ends the server as SIGINT does
LOOPBACK_NAMES = {"localhost": "127.0.0.1", "localhost6": "::1", "ip6-localhost": "::1"}
HEAD_DEADLINE_S = 10.0  # the seconds a request's head may take to arrive whole
SHUTDOWN_GRACE_S = 10
REQUEST_THREADS = 64


def loopback_address(host: str) -> str:
    """The loopback address `host` names, or a ParameterError (252): the store is served to this machine only."""
    address = LOOPBACK_NAMES.get(host.lower(), host)
    try:
        ip = ipaddress.ip_address(address.strip("[]"))
    except ValueError:
        ip = None
    if ip is None or not ip.is_loopback:
        raise ParameterError(
            f"smtui serve: --host {host!r} is not a loopback address. The local store is served to this machine "
            "only: use 127.0.0.1 (the default), ::1 or localhost.",
            field="--host",
        )
    return str(ip)


def listen(host: str, port: int) -> socket.socket:
    """A listening socket on a loopback address (`port` 0: a free port the OS picks)."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    try:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        # Inherited by every accepted connection: the reply's head and body leave at once, not 40 ms apart
        # (Nagle's algorithm against the client's delayed ACK).
        sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        sock.bind((host, port))
        sock.listen(128)
    except OSError as exc:
        sock.close()
        raise ParameterError(
            f"smtui serve: cannot listen on {host} port {port}: {exc.strerror or exc}. Choose another --port "
            "(0 picks a free one).",
            field="--port",
        ) from None
    sock.set_inheritable(False)
    return sock


def url_of(sock: socket.socket) -> str:
    host, port = sock.getsockname()[:2]
    return f"http://[{host}]:{port}" if ":" in host else f"http://{host}:{port}"


class _Server(uvicorn.Server):
    """uvicorn's server, keeping the signal that stopped it instead of raising it again, and running the store's
    calls on a pool of REQUEST_THREADS threads that is emptied before the store can close."""

    stopped_by: int | None = None

    def _on_signal(self, sig: int, frame: FrameType | None) -> None:
        if self.stopped_by is None:
            self.stopped_by = sig
        self.handle_exit(sig, frame)  # a second SIGINT: stop waiting for the connections (the pool still empties)

    async def serve(self, sockets: list[socket.socket] | None = None) -> None:
        # asyncio's default pool has os.cpu_count() + 4 threads (6 on two cores): that many requests waiting for
        # the store (its write lock held by another process, a slow disk) used to stall every other request, even
        # those that never touch the store (GetCallerIdentity, a refused signature). A waiting thread costs
        # little (it sleeps on the store's lock).
        loop = asyncio.get_running_loop()
        loop.set_default_executor(concurrent.futures.ThreadPoolExecutor(REQUEST_THREADS, "smtui-serve"))
        # The stopping signals stay ours until every store call has returned: uvicorn gives them back when it
        # stops serving, and a signal then (the default SIGINT handler, smtui's SIGTERM/SIGHUP) would raise in
        # the middle of asyncio's wait for the pool, and the store would close under a call still running.
        originals = {sig: signal.signal(sig, self._on_signal) for sig in STOP_SIGNALS}
        try:
            await super().serve(sockets)
            await loop.shutdown_default_executor()
        finally:
            for sig, handler in originals.items():
                signal.signal(sig, handler)

    @contextlib.contextmanager
    def capture_signals(self) -> Generator[None, None, None]:
        yield  # the signals are taken for the whole of `serve`, above


class _OneWrite:
    """A connection's transport whose writes within one turn of the event loop leave as one write.

    Why: uvicorn writes a reply's head when the app starts it and the body when the app sends it, two writes
    (and, with TCP_NODELAY, two segments). A server killed between them leaves the client a head without its
    body, and botocore parses a body shorter than its Content-Length as a whole reply: an empty success, an
    error without a code. The app sends head and body in one turn, so here they leave in one send(), and a
    reply (up to the socket's buffer) reaches the client whole or not at all. Everything else is the
    transport's own; closing sends what is pending first.
    """

    def __init__(self, transport: asyncio.Transport, loop: asyncio.AbstractEventLoop) -> None:
        self._transport = transport
        self._loop = loop
        self._pending: list[bytes] = []

    def write(self, data: bytes | bytearray | memoryview) -> None:
        if not self._pending:
            self._loop.call_soon(self._flush)
        self._pending.append(bytes(data))

    def _flush(self) -> None:
        data, self._pending = b"".join(self._pending), []
        if data and not self._transport.is_closing():
            self._transport.write(data)

    def close(self) -> None:
        self._flush()
        self._transport.close()

    def __getattr__(self, name: str) -> Any:
        return getattr(self._transport, name)


def head_deadline_s() -> float:
    """How long a connection may take to send a request's head (SMTUI_SERVE_HEAD_DEADLINE, for tests)."""
    try:
        return max(0.1, float(os.environ.get("SMTUI_SERVE_HEAD_DEADLINE", HEAD_DEADLINE_S)))
    except ValueError:
        return HEAD_DEADLINE_S


class _WholeReplies(H11Protocol):
    """uvicorn's h11 protocol, writing through `_OneWrite`, with a deadline for each request's head.

    Why the deadline: uvicorn times a connection out only between requests (keep-alive), never while a head is
    arriving, so any local program, without credentials, could open connections that send half a head and keep
    them until the server had no file descriptors left and answered no one. A connection whose head is not whole
    `head_deadline_s()` after it opened, or after its first byte of a new request, is closed.
    """

    _head_timer: asyncio.TimerHandle | None = None

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        super().connection_made(cast(asyncio.Transport, _OneWrite(transport, asyncio.get_running_loop())))
        self._arm_head_deadline()

    def data_received(self, data: bytes) -> None:
        if self.conn.their_state is h11.IDLE:
            self._arm_head_deadline()
        super().data_received(data)
        if self.conn.their_state is not h11.IDLE:
            self._cancel_head_deadline()

    def connection_lost(self, exc: Exception | None) -> None:
        self._cancel_head_deadline()
        super().connection_lost(exc)

    def _arm_head_deadline(self) -> None:
        if self._head_timer is None:
            self._head_timer = self.loop.call_later(head_deadline_s(), self._head_too_slow)

    def _cancel_head_deadline(self) -> None:
        if self._head_timer is not None:
            self._head_timer.cancel()
            self._head_timer = None

    def _head_too_slow(self) -> None:
        self._head_timer = None
        if self.conn.their_state is h11.IDLE and not self.transport.is_closing():
            self.transport.close()


def _more_file_descriptors() -> None:
    """The soft limit on open files raised to the hard one: many idle keep-alive clients must not starve the
    server of sockets before their own timeouts close them."""
    try:
        soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
        if hard == resource.RLIM_INFINITY or soft < hard:
            resource.setrlimit(resource.RLIMIT_NOFILE, (hard if hard != resource.RLIM_INFINITY else soft, hard))
    except (ValueError, OSError):
        pass  # a limit the OS will not raise is kept as it is


class _LibraryLines(logging.Handler):
    """uvicorn's own warnings and errors (a request it could not parse, a shutdown past its grace) as lines of the
    request log, stamped like its other lines: the message's first line only, never a traceback (its frames and
    the exception's words may quote a request), and nothing below WARNING."""

    def __init__(self, log: RequestLog) -> None:
        super().__init__(logging.WARNING)
        self.log = log

    def emit(self, record: logging.LogRecord) -> None:
        try:
            first = record.getMessage().splitlines()[0][:200] if record.getMessage() else record.levelname
        except Exception:  # a message that cannot be formatted is still worth its level
            first = record.levelname
        self.log.line(f"{_stamp(time.time())} smtui serve: http: {first}")


def _library_logs_to(log: RequestLog) -> None:
    for name in ("uvicorn", "uvicorn.error", "uvicorn.access", "asyncio"):
        logger = logging.getLogger(name)
        logger.handlers = [_LibraryLines(log)]
        logger.propagate = False


def serve(app: ServeApp, sock: socket.socket) -> int:
    """Serve until SIGINT, SIGTERM or SIGHUP; the in-flight requests finish, then the store closes. The exit
    code (128 + the signal, as the AWS CLI's)."""
    config = uvicorn.Config(
        app,
        http=_WholeReplies,
        loop="asyncio",
        lifespan="off",
        access_log=False,
        log_config=None,
        log_level="warning",
        server_header=False,
        date_header=True,
        timeout_keep_alive=30,
        timeout_graceful_shutdown=SHUTDOWN_GRACE_S,
        h11_max_incomplete_event_size=64 * 1024,
    )
    server = _Server(config)
    _more_file_descriptors()
    _library_logs_to(app.log)
    try:
        server.run(sockets=[sock])
    finally:
        sock.close()
        app.backends.close()
    return 0 if server.stopped_by is None else 128 + server.stopped_by  # 130 SIGINT, 143 SIGTERM, 129 SIGHUP
