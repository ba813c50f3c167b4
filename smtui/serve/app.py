"""The ASGI application of `smtui serve`: one request in, one signed-and-checked answer out.

Why a plain ASGI callable and no web framework: the protocol is one path (`POST /`) and a header naming the
operation, so routing is a dictionary; the HTTP itself (keep-alive, framing, concurrency, shutdown) is the
server library's (uvicorn), never hand-written. The order of the checks is the service's (docs/aws-behaviour.md
§22): the size of the body, the signature, the operation, the JSON, then the operation's own checks. Each request
runs in a worker thread (the store's calls block); the store serialises its own writes. A body past the limit is
answered at once (413) and the connection closed, so the rest is never read; so is a body not whole within
BODY_DEADLINE_S (408). A request whose sender goes away before its body is whole is not run at all. A JSON
request (by its Content-Type) without X-Amz-Target names no operation; only a request that is neither JSON nor
targeted is STS's Query protocol. Under --insecure-any-credentials, where no signature binds a request to
its sender, a request whose Host is not this machine is refused (a DNS-rebinding web page in the person's
browser would otherwise read every secret).

What never leaves this module: a request body, a value, a signature or a traceback. A fault of the server is a
500 InternalServiceError whose words hold nothing of the request, and one log line naming the exception's type.
"""

from __future__ import annotations

import asyncio
import ipaddress
import re
import time
import uuid
from collections.abc import Awaitable, Callable, MutableMapping
from dataclasses import dataclass, replace
from typing import Any

from smtui.errors import SmtuiError
from smtui.serve import auth, kms, secretsmanager, sts, wire
from smtui.serve.credentials import Credentials
from smtui.serve.log import RequestLog
from smtui.serve.regions import RegionBackends
from smtui.serve.wire import Reply, WireError

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]

# The largest body served: BatchGetSecretValue and PutResourcePolicy stay far below it (a value is at most
# 64 KiB, a policy 20 KiB); a larger body is refused before it is read to the end.
MAX_BODY = 1024 * 1024
TOO_LARGE = f"The request body is larger than the {MAX_BODY // 1024} KiB the local store accepts."
JSON_CONTENT_PREFIX = "application/x-amz-json-"
# The time a request's body may take to arrive, once its head has: a megabyte over loopback takes milliseconds,
# so only a client that trickles its body (holding a connection and a task for nothing) ever meets it.
BODY_DEADLINE_S = 20.0
SLOW_BODY = "The request body was not received in time."
# Without signatures, the Host header is what keeps a web page out: a page whose name an attacker re-points at
# 127.0.0.1 (DNS rebinding) can send any header from the person's browser, but its Host is the page's name.
NOT_LOOPBACK = (
    "smtui serve --insecure-any-credentials answers only requests addressed to this machine (Host: localhost, "
    "127.0.0.1 or ::1); this one is addressed to '{host}'."
)


class _Gone:
    """The client disconnected before its request was whole."""


_GONE = _Gone()


def _closing(err: WireError) -> Reply:
    """An error after which the connection closes: the rest of the body is never read, not even to discard it."""
    reply = wire.error_reply(err)
    return replace(reply, headers=(*reply.headers, ("connection", "close")))


class _Late:
    """The body did not arrive within the deadline."""


_LATE = _Late()


@dataclass(frozen=True)
class Received:
    """A request as read from the connection (header names lowercased)."""

    method: str
    path: str  # as sent, percent-encoded
    query: str
    headers: list[tuple[str, str]]
    body: bytes


class ServeApp:
    """Answers Secrets Manager, KMS and STS requests from the local store, after SigV4 verification."""

    def __init__(
        self,
        backends: RegionBackends,
        credentials: Credentials,
        *,
        insecure: bool = False,
        log: RequestLog | None = None,
        clock: Callable[[], float] = time.time,
        body_deadline: float = BODY_DEADLINE_S,
    ) -> None:
        self.backends = backends
        self.credentials = credentials
        self.insecure = insecure
        self.log = log or RequestLog(insecure=insecure)
        self.clock = clock
        self.body_deadline = body_deadline

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "lifespan":
            await self._lifespan(receive, send)
            return
        if scope["type"] != "http":
            return
        started = time.perf_counter()
        request_id = str(uuid.uuid4())
        operation = "-"
        try:
            headers = [(k.decode("latin-1").lower(), v.decode("latin-1")) for k, v in scope.get("headers", [])]
            operation = target_operation(headers) or "-"
            body = await self._read_body(headers, receive)
            if isinstance(body, _Gone):
                return  # the client went away before its request was whole: nothing to answer, nothing to run
            if body is None:
                reply = _closing(WireError("RequestEntityTooLargeException", TOO_LARGE, 413))
            elif isinstance(body, _Late):
                reply = _closing(WireError("RequestTimeoutException", SLOW_BODY, 408))
            else:
                received = Received(
                    scope.get("method", "GET"),
                    # as sent (percent-encoded): what the client signed, and what routing compares with "/"
                    (scope.get("raw_path") or scope.get("path", "/").encode()).decode("latin-1"),
                    (scope.get("query_string") or b"").decode("latin-1"),
                    headers,
                    body,
                )
                reply = await asyncio.to_thread(self.handle, received, request_id)
                operation = operation_name(received, reply)
        except Exception as exc:  # nothing reaches the server library's own handler (it would log a traceback)
            self.log.fault(type(exc).__name__, None)
            reply = wire.internal_error()
        await _send(send, reply, request_id)
        self.log.request(operation, reply, (time.perf_counter() - started) * 1000, request_id)

    async def _lifespan(self, receive: Receive, send: Send) -> None:
        while True:
            message = await receive()
            if message["type"] == "lifespan.startup":
                await send({"type": "lifespan.startup.complete"})
            elif message["type"] == "lifespan.shutdown":
                await send({"type": "lifespan.shutdown.complete"})
                return

    async def _read_body(self, headers: list[tuple[str, str]], receive: Receive) -> bytes | _Gone | _Late | None:
        """The whole body; None once it passes MAX_BODY (read no further: the reply closes the connection);
        `_GONE` when the client disconnected before the body was whole (a truncated body is never served);
        `_LATE` when it is not whole within the body deadline."""
        for name, value in headers:
            if name == "content-length" and value.strip().isdigit() and int(value) > MAX_BODY:
                return None
        chunks: list[bytes] = []
        size = 0
        try:
            async with asyncio.timeout(self.body_deadline):
                while True:
                    message = await receive()
                    if message["type"] == "http.disconnect":
                        return _GONE
                    chunk = message.get("body", b"")
                    size += len(chunk)
                    if size > MAX_BODY:
                        return None
                    chunks.append(chunk)
                    if not message.get("more_body", False):
                        return b"".join(chunks)
        except TimeoutError:
            return _LATE

    def handle(self, request: Received, request_id: str) -> Reply:
        """Verify, route and answer one request; every failure is the service's error frame, never a traceback."""
        by_name = dict(request.headers)
        is_sts = not is_json_request(by_name)
        try:
            if self.insecure and not loopback_host(by_name.get("host")):
                raise WireError("AccessDeniedException", NOT_LOOPBACK.format(host=by_name.get("host", "")[:100]))
            caller = auth.verify(
                request.method,
                request.path,
                request.query,
                request.headers,
                request.body,
                now=self.clock(),
                credentials=self.credentials,
                insecure=self.insecure,
                service=None if is_sts or "x-amz-target" in by_name else auth.TARGET_SERVICES["secretsmanager"],
                default_region=self.backends.default_region,
            )
            backend = self.backends.get(caller.region)
            if is_sts:
                return sts.handle(request.method, request.query, request.body, backend, request_id)
            return _json_call(request, by_name, backend)
        except WireError as err:
            return sts.error_reply(err, request_id) if is_sts else wire.error_reply(err)
        except SmtuiError as exc:  # the store cannot be used (keyring locked, disk full): the server's fault
            self.log.fault(type(exc).__name__, exc.code)
            return wire.internal_error()
        except Exception as exc:  # the one place an unexpected fault becomes the service's 500
            self.log.fault(type(exc).__name__, None)
            return wire.internal_error()


def loopback_host(host: str | None) -> bool:
    """Whether a Host header names this machine: localhost (or a name under .localhost) or a loopback address,
    with or without a port. No Host at all (HTTP/1.0) is this machine too: a browser always sends one."""
    if host is None:
        return True
    name = host.strip().lower()
    if name.startswith("["):
        name = name[1 : name.find("]")] if "]" in name else name
    elif name.count(":") == 1:
        name = name.partition(":")[0]
    if name == "localhost" or name.endswith(".localhost"):
        return True
    try:
        return ipaddress.ip_address(name).is_loopback
    except ValueError:
        return False


def target_operation(headers: list[tuple[str, str]]) -> str | None:
    """The operation an X-Amz-Target names (cut to 64 characters; the log keeps letters and digits only).

    Of repeated X-Amz-Target headers, the last: the one the request is routed and signed-for by (`dict` of the
    headers keeps the last), so the log names the operation that ran, not another one sent beside it."""
    target = dict(headers).get("x-amz-target")
    return None if target is None else (target.partition(".")[2][:64] or "-")


def is_json_request(headers: dict[str, str]) -> bool:
    """A JSON protocol request: it names an X-Amz-Target, or its Content-Type is the JSON protocol's.

    A JSON request without a target names no operation (UnknownOperationException); only a request that is
    neither goes to STS's Query protocol."""
    content_type = headers.get("content-type", "").strip().lower()
    return "x-amz-target" in headers or content_type.startswith(JSON_CONTENT_PREFIX)


def operation_name(request: Received, reply: Reply) -> str:
    """The operation for the request log: the X-Amz-Target's, or STS's Action (no body or value in it).

    STS's parameters are not parsed for the log: a form body of a megabyte costs parse_qs about 0.3 s, and the
    log line is written on the event loop, for requests that may not even be signed. A success of STS is
    GetCallerIdentity (the only action served); for a refusal, the Action is looked for in the first
    `_ACTION_SCAN` characters of the query and the body only."""
    found = target_operation(request.headers)
    if found is not None:
        return found
    if is_json_request(dict(request.headers)):
        return "-"
    if reply.status == 200:
        return sts.OPERATION
    head = request.query[:_ACTION_SCAN] + "&" + request.body[:_ACTION_SCAN].decode("latin-1")
    return sts.OPERATION if f"Action={sts.OPERATION}" in _ACTION.findall(head) else "sts"


_ACTION_SCAN = 4096
_ACTION = re.compile(r"(?:^|&)(Action=[A-Za-z]{1,64})(?=&|$)")


def _json_call(request: Received, headers: dict[str, str], backend: Any) -> Reply:
    target = headers.get("x-amz-target", "")
    prefix, _, operation = target.partition(".")
    if request.method != "POST" or request.path != "/":
        raise WireError("UnknownOperationException", None)
    if prefix == "secretsmanager" and operation in secretsmanager.OPERATIONS:
        body = wire.parse_body(request.body)
        return wire.ok_reply(secretsmanager.call(operation, body, backend))
    if prefix == "TrentService" and operation in kms.OPERATIONS:
        body = wire.parse_body(request.body)
        return wire.ok_reply(kms.call(operation, body, backend))
    raise WireError("UnknownOperationException", None)


async def _send(send: Send, reply: Reply, request_id: str) -> None:
    headers = [
        (b"content-type", reply.content_type.encode("latin-1")),
        (b"content-length", str(len(reply.body)).encode("ascii")),
        (b"x-amzn-requestid", request_id.encode("ascii")),
    ]
    headers += [(k.encode("latin-1"), v.encode("latin-1")) for k, v in reply.headers]
    await send({"type": "http.response.start", "status": reply.status, "headers": headers})
    await send({"type": "http.response.body", "body": reply.body})
