"""Raw HTTP against a real `smtui serve`: requests signed with botocore's SigV4Auth (as an SDK signs) or not at
all, sent over a plain socket, and the checks every error reply must pass (docs/aws-behaviour.md §22.1).

Why a socket and not an SDK: the SDKs never send what these tests send (no ClientRequestToken, a body that is
not JSON, a missing X-Amz-Target, a chunked body past the limit, a request left half sent), and http.client
refuses some of it. The reply is parsed with http.client's own parser over the socket, so framing is checked by
a library, not by the test.
"""

from __future__ import annotations

import http.client
import json
import re
import socket
import uuid
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

from botocore.auth import SigV4Auth
from botocore.awsrequest import AWSRequest
from botocore.credentials import Credentials as BotoCredentials

from tests.serve.conftest import Served
from tests.waiting import wait_for

JSON_11 = "application/x-amz-json-1.1"
REQUEST_ID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")
# What Python's own error text looks like: none of it may reach a reply or the server's log.
PYTHON_TEXT = re.compile(
    rb"Traceback \(most recent call last\)|File \"[^\"]+\", line \d+|\b(?:Key|Type|Attribute|Value|Index|Name|"
    rb"Recursion|Assertion|Runtime|UnicodeDecode|UnicodeEncode|ZeroDivision|Overflow|Lookup|OS)Error\b|"
    rb"\bException in ASGI\b|errors\.pydantic\.dev|Input should be|validation errors? for [A-Z]|"
    rb"/smtui/[\w/]+\.py\b|<class '|object at 0x"
)


@dataclass
class Answer:
    """One reply: status, headers (names lowercased), body, the JSON document when it is one."""

    status: int
    headers: dict[str, str]
    body: bytes
    closed: bool = False  # the server closed the connection after this reply
    document: Any = field(default=None)

    @property
    def code(self) -> str:
        if isinstance(self.document, dict):
            return str(self.document.get("__type", ""))
        found = re.search(rb"<Code>([^<]*)</Code>", self.body)
        return found.group(1).decode() if found else ""


def host_port(served: Served) -> tuple[str, int]:
    url = urlsplit(served.url)
    assert url.hostname is not None and url.port is not None
    return url.hostname, url.port


def sign(
    served: Served,
    body: bytes,
    *,
    target: str | None = "secretsmanager.ListSecrets",
    service: str = "secretsmanager",
    region: str = "us-east-1",
    method: str = "POST",
    path: str = "/",
    content_type: str | None = JSON_11,
    extra: Mapping[str, str] | None = None,
) -> dict[str, str]:
    """The headers botocore's SigV4Auth puts on this request, signed with the server's own credentials."""
    headers = {"Host": urlsplit(served.url).netloc, **(extra or {})}
    if content_type is not None:
        headers["Content-Type"] = content_type
    if target is not None:
        headers["X-Amz-Target"] = target
    request = AWSRequest(method, served.url + path, data=body, headers=headers)
    creds = BotoCredentials(served.env["AWS_ACCESS_KEY_ID"], served.env["AWS_SECRET_ACCESS_KEY"])
    SigV4Auth(creds, service, region).add_auth(request)
    return dict(request.headers.items())


def head(method: str, path: str, headers: Mapping[str, str] | list[tuple[str, str]], body_length: int | None) -> bytes:
    """A request's head; Content-Length from `body_length` unless the headers name the framing themselves."""
    pairs = list(headers.items()) if isinstance(headers, Mapping) else list(headers)
    names = {n.lower() for n, _ in pairs}
    if body_length is not None and "content-length" not in names and "transfer-encoding" not in names:
        pairs.append(("Content-Length", str(body_length)))
    lines = [f"{method} {path} HTTP/1.1", *(f"{n}: {v}" for n, v in pairs)]
    return ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1")


def connect(served: Served, timeout: float = 30) -> socket.socket:
    return socket.create_connection(host_port(served), timeout=timeout)


def read_answer(sock: socket.socket, method: str = "POST") -> Answer:
    """The next reply on the socket (http.client's parser), and whether the server then closed the connection."""
    response = http.client.HTTPResponse(sock, method=method)
    response.begin()
    body = response.read()
    headers = {k.lower(): v for k, v in response.getheaders()}
    closed = response.will_close
    document = None
    if headers.get("content-type", "").startswith("application/x-amz-json") and body:
        document = json.loads(body)
    return Answer(response.status, headers, body, closed, document)


def exchange(served: Served, data: bytes, method: str = "POST") -> Answer:
    """Send `data` on a new connection and read the one reply."""
    with connect(served) as sock:
        sock.sendall(data)
        return read_answer(sock, method)


def send_signed(served: Served, body: bytes, **kw: Any) -> Answer:
    method = kw.get("method", "POST")
    path = kw.get("path", "/")
    return exchange(served, head(method, path, sign(served, body, **kw), len(body)) + body, method)


def assert_error(answer: Answer, code: str, status: int = 400, message: str | None = None) -> None:
    """The service's JSON error frame: status, `__type`, the same code in X-Amzn-ErrorType, a request id."""
    assert answer.status == status, answer
    assert answer.headers.get("content-type") == JSON_11, answer
    assert isinstance(answer.document, dict), answer
    assert answer.document.get("__type") == code, answer
    assert answer.headers.get("x-amzn-errortype") == code, answer
    assert set(answer.document) <= {"__type", "Message", "message"}, answer
    if message is not None:
        assert answer.document.get("Message", answer.document.get("message")) == message, answer
    assert REQUEST_ID.match(answer.headers.get("x-amzn-requestid", "")), answer
    assert_clean(answer)


def assert_clean(answer: Answer) -> None:
    """No 5xx and no Python text in a reply."""
    assert answer.status < 500, answer
    assert not PYTHON_TEXT.search(answer.body), answer


def logged(served: Served, request_id: str) -> str:
    """The server's log line for a request id (the line is written just after the reply is sent)."""

    def line() -> str | None:
        for text in served.log_path.read_text(errors="replace").splitlines():
            if request_id in text:
                return text
        return None

    return str(wait_for(line, f"the log line of request {request_id}", budget=10))


def token() -> str:
    return str(uuid.uuid4())
