"""The ASGI application of `smtui serve` driven directly (no HTTP server): what the wire cannot show on cue.

A body that never finishes meets the body deadline (408, the connection closed); a sender that goes away mid-body
gets no answer and nothing is run; a fault anywhere in a request, even outside the operation, is the service's 500
with a log line naming only the exception's type, and never reaches the server library (which would log a
traceback with the request in it).
"""

from __future__ import annotations

import asyncio
import io
import json
from collections.abc import Iterator, MutableMapping
from pathlib import Path
from typing import Any
from unittest import mock

import pytest

from smtui.backends.local import LocalBackend
from smtui.errors import ServiceError
from smtui.serve.app import Received, ServeApp, loopback_host, operation_name
from smtui.serve.credentials import new_credentials
from smtui.serve.log import RequestLog
from smtui.serve.regions import RegionBackends
from smtui.serve.wire import Reply
from smtui.settings import TargetSettings

MARKER = "SMTUI-APP-UNIT-MARKER"


@pytest.fixture
def backends(tmp_path: Path) -> Iterator[RegionBackends]:
    settings = TargetSettings(backend="local", store=tmp_path / "s.db", key_file=tmp_path / "k", region="us-east-1")
    regions = RegionBackends(LocalBackend(settings))
    yield regions
    regions.close()


def scope(target: str = "secretsmanager.ListSecrets", length: int | None = None) -> dict[str, Any]:
    headers = [(b"host", b"127.0.0.1"), (b"x-amz-target", target.encode())]
    if length is not None:
        headers.append((b"content-length", str(length).encode()))
    return {"type": "http", "method": "POST", "path": "/", "raw_path": b"/", "query_string": b"", "headers": headers}


def run(
    app: ServeApp, messages: list[dict[str, Any]], *, then_wait: bool = False, **kw: Any
) -> list[MutableMapping[str, Any]]:
    """Drive one request: `messages` are what receive() returns in turn; after them it blocks (`then_wait`) or
    says the client disconnected. What the app sent is returned."""
    sent: list[MutableMapping[str, Any]] = []
    queue = list(messages)

    async def receive() -> dict[str, Any]:
        if queue:
            return queue.pop(0)
        if then_wait:
            await asyncio.Event().wait()
        return {"type": "http.disconnect"}

    async def send(message: MutableMapping[str, Any]) -> None:
        sent.append(message)

    asyncio.run(asyncio.wait_for(app(scope(**kw), receive, send), timeout=30))
    return sent


def answer(sent: list[MutableMapping[str, Any]]) -> tuple[int, dict[bytes, bytes], dict[str, Any]]:
    assert [m["type"] for m in sent] == ["http.response.start", "http.response.body"], sent
    return sent[0]["status"], dict(sent[0]["headers"]), json.loads(sent[1]["body"])


def test_a_body_that_never_finishes_meets_the_deadline(backends: RegionBackends) -> None:
    log = io.StringIO()
    app = ServeApp(backends, new_credentials(), insecure=True, log=RequestLog(log), body_deadline=0.2)
    sent = run(app, [{"type": "http.request", "body": b'{"Max', "more_body": True}], then_wait=True, length=100)
    status, headers, document = answer(sent)
    assert (status, document["__type"]) == (408, "RequestTimeoutException")
    assert headers[b"x-amzn-errortype"] == b"RequestTimeoutException"
    assert headers[b"connection"] == b"close"
    assert " ListSecrets 408 " in log.getvalue()


def test_a_sender_gone_mid_body_gets_nothing_run(backends: RegionBackends) -> None:
    log = io.StringIO()
    app = ServeApp(backends, new_credentials(), insecure=True, log=RequestLog(log))
    document = json.dumps({"Name": "unit/cut", "SecretString": "v", "ClientRequestToken": "t" * 32}).encode()
    sent = run(
        app, [{"type": "http.request", "body": document, "more_body": True}], target="secretsmanager.CreateSecret"
    )
    assert sent == []
    with pytest.raises(ServiceError) as found:
        backends.first.describe_secret("unit/cut")
    assert found.value.code == "ResourceNotFoundException"
    assert "CreateSecret" not in log.getvalue()


class _Exploding(RegionBackends):
    def get(self, region: str) -> LocalBackend:
        raise RuntimeError(f"boom with {MARKER} in its words")


def test_a_fault_in_the_operation_is_a_500_without_its_words(backends: RegionBackends) -> None:
    log = io.StringIO()
    exploding = _Exploding(backends.first)
    app = ServeApp(exploding, new_credentials(), insecure=True, log=RequestLog(log))
    status, _, document = answer(run(app, [{"type": "http.request", "body": b"{}", "more_body": False}]))
    assert (status, document["__type"]) == (500, "InternalServiceError")
    assert MARKER not in json.dumps(document) and MARKER not in log.getvalue()
    assert "internal fault RuntimeError" in log.getvalue()


def test_a_fault_outside_the_operation_never_reaches_the_server_library(backends: RegionBackends) -> None:
    log = io.StringIO()
    app = ServeApp(backends, new_credentials(), insecure=True, log=RequestLog(log))
    sent: list[MutableMapping[str, Any]] = []

    async def receive() -> dict[str, Any]:
        raise RuntimeError(f"receive failed with {MARKER}")

    async def send(message: MutableMapping[str, Any]) -> None:
        sent.append(message)

    asyncio.run(app(scope(), receive, send))  # raises nothing
    status, _, document = answer(sent)
    assert (status, document["__type"]) == (500, "InternalServiceError")
    assert MARKER not in log.getvalue() and "internal fault RuntimeError" in log.getvalue()


def test_log_lines_are_one_line_of_names_whatever_they_are_given() -> None:
    """The request log writes names only: a crafted operation, code or exception type cannot add a line or text."""
    log = io.StringIO()
    lines = RequestLog(log)
    lines.fault("Runtime\nError", "Store\nLocked smtui serve: forged line")
    lines.request("List\nSecrets 200 1ms forged", Reply(400, b"", code="Code\nforged"), 1.0, "id")
    written = log.getvalue().splitlines()
    assert len(written) == 2
    assert written[0].endswith("internal fault RuntimeError StoreLockedsmtuiserveforgedline")
    assert " ListSecrets200" in written[1] and written[1].endswith(" id Codeforged")


@pytest.mark.parametrize(
    ("query", "body", "status", "expected"),
    [
        ("", b"Action=GetCallerIdentity&Version=2011-06-15", 403, "GetCallerIdentity"),
        ("Action=GetCallerIdentity&Version=2011-06-15", b"", 403, "GetCallerIdentity"),
        ("", b"Action=AssumeRole&Version=2011-06-15", 400, "sts"),
        ("", b"a=1&" * 262_144, 403, "sts"),
        ("", b"a=1&" * 262_144 + b"Action=GetCallerIdentity", 403, "sts"),  # past the part looked at
        ("", b"", 200, "GetCallerIdentity"),
    ],
    ids=["form", "query", "other-action", "megabyte-form", "action-past-the-scan", "success"],
)
def test_the_log_never_parses_an_sts_body(query: str, body: bytes, status: int, expected: str) -> None:
    """The operation named in the log line of an STS request, without parse_qs (about 0.3 s for a megabyte form,
    on the event loop, for a request that may not be signed)."""
    received = Received(
        "POST", "/", query, [("host", "h"), ("content-type", "application/x-www-form-urlencoded")], body
    )
    with mock.patch("smtui.serve.app.sts.parameters", side_effect=AssertionError("parsed for the log")):
        assert operation_name(received, Reply(status, b"")) == expected


@pytest.mark.parametrize(
    ("host", "ok"),
    [
        (None, True),
        ("localhost", True),
        ("localhost:4566", True),
        ("LocalHost:1", True),
        ("api.localhost:4566", True),
        ("127.0.0.1", True),
        ("127.8.9.10:80", True),
        ("[::1]:4566", True),
        ("[::1]", True),
        ("::1", True),
        ("evil.example", False),
        ("evil.example:4566", False),
        ("localhost.evil.example", False),
        ("127.0.0.1.nip.io", False),
        ("10.0.0.1:4566", False),
        ("[::ffff:10.0.0.1]:1", False),
        ("", False),
        ("[::1", False),
    ],
)
def test_loopback_host(host: str | None, ok: bool) -> None:
    assert loopback_host(host) is ok
