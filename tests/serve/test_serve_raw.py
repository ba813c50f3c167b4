"""Raw HTTP against the real `smtui serve`: what no SDK sends, answered with the service's error frame
(docs/aws-behaviour.md §22.1, §22.2): status, `__type`, X-Amzn-ErrorType and x-amzn-RequestId on every error,
never a 500, and the server still answering afterwards.

Requests are signed with botocore's SigV4Auth and the server's own credentials, so each one reaches the check it
is about (the token, the JSON, the target); framing attacks (a body past the limit, oversized headers, a request
left half sent) go over a plain socket.
"""

from __future__ import annotations

import json
import socket
import time
from collections.abc import Iterator

import pytest

from smtui.model import messages as msg
from tests.serve.conftest import Served, boto3_client
from tests.serve.rawhttp import (
    PYTHON_TEXT,
    Answer,
    assert_clean,
    assert_error,
    connect,
    exchange,
    head,
    logged,
    read_answer,
    send_signed,
    sign,
    token,
)

MAX_BODY = 1024 * 1024


@pytest.fixture(autouse=True)
def log_stays_clean(request: pytest.FixtureRequest) -> Iterator[None]:
    """After every test, whichever server it used: no traceback, no exception text, no fault line, no 500 in the
    log, and the server still running."""
    yield
    for name in ("served", "insecure_served"):
        if name in request.fixturenames:
            server: Served = request.getfixturevalue(name)
            text = server.log_path.read_bytes()
            assert not PYTHON_TEXT.search(text), text[-3000:]
            assert b"internal fault" not in text and b" 500 " not in text, text[-3000:]
            assert server.process is not None and server.process.poll() is None


def still_answers(served: Served) -> None:
    """A plain SDK call still succeeds."""
    assert boto3_client(served).list_secrets()["ResponseMetadata"]["HTTPStatusCode"] == 200


def body(document: object) -> bytes:
    return json.dumps(document).encode()


def created(served: Served, prefix: str) -> str:
    """A new secret's name (the module's server is shared: each test makes its own)."""
    name = f"{prefix}-{token()[:8]}"
    boto3_client(served).create_secret(Name=name, SecretString="v")
    return name


# ---------------------------------------------------------------------------------------------- the token


@pytest.mark.parametrize(
    ("target", "document"),
    [
        ("secretsmanager.CreateSecret", {"Name": "raw/no-token-create", "SecretString": "v"}),
        ("secretsmanager.CreateSecret", {"Name": "raw/no-token-create", "ClientRequestToken": ""}),
        ("secretsmanager.PutSecretValue", {"SecretId": "raw/never-created", "SecretString": "v"}),
        ("secretsmanager.UpdateSecret", {"SecretId": "raw/never-created", "SecretString": "v"}),
    ],
    ids=["create", "create-empty-token", "put-missing-secret", "update-with-value-missing-secret"],
)
def test_missing_client_request_token(served: Served, target: str, document: dict[str, str]) -> None:
    """InvalidRequestException, before the secret is looked up (a missing secret would be ResourceNotFound)."""
    answer = send_signed(served, body(document), target=target)
    assert_error(answer, "InvalidRequestException", message=msg.MISSING_TOKEN)
    assert "InvalidRequestException" in logged(served, answer.headers["x-amzn-requestid"])
    assert boto3_client(served).list_secrets(Filters=[{"Key": "name", "Values": ["raw/no-token"]}])["SecretList"] == []


def test_missing_token_comes_before_the_existing_name(served: Served) -> None:
    taken = created(served, "raw/taken")
    answer = send_signed(served, body({"Name": taken, "SecretString": "w"}), target="secretsmanager.CreateSecret")
    assert_error(answer, "InvalidRequestException", message=msg.MISSING_TOKEN)
    answer = send_signed(served, body({"SecretId": taken, "SecretString": "w"}), target="secretsmanager.PutSecretValue")
    assert_error(answer, "InvalidRequestException", message=msg.MISSING_TOKEN)
    assert boto3_client(served).get_secret_value(SecretId=taken)["SecretString"] == "v"


def test_with_a_token_the_raw_create_is_served(served: Served) -> None:
    document = {"Name": "raw/with-token", "SecretString": "v", "ClientRequestToken": token()}
    answer = send_signed(served, body(document), target="secretsmanager.CreateSecret")
    assert answer.status == 200, answer
    assert answer.document["VersionId"] == document["ClientRequestToken"]


# ---------------------------------------------------------------------------------------------- the JSON


@pytest.mark.parametrize(
    "raw",
    [b"{not json", b'{"SecretId": "x"', b"\xff\xfe{}", b"{}{}", b"nul", b"{'a': 1}", b"[" * 100_000, b"\x00"],
    ids=["garbled", "truncated", "not-utf8", "two-objects", "bare-word", "single-quotes", "deep-nesting", "nul"],
)
def test_body_not_json(served: Served, raw: bytes) -> None:
    answer = send_signed(served, raw, target="secretsmanager.GetSecretValue")
    assert_error(answer, "SerializationException")
    assert "SerializationException" in logged(served, answer.headers["x-amzn-requestid"])


@pytest.mark.parametrize("raw", [b"[]", b'[{"SecretId": "x"}]', b'"text"', b"42", b"null", b"true"])
def test_json_that_is_not_an_object(served: Served, raw: bytes) -> None:
    answer = send_signed(served, raw, target="secretsmanager.ListSecrets")
    assert_error(answer, "SerializationException", message="The request body must be a JSON object.")


@pytest.mark.parametrize("empty", [b"", b"  \r\n\t"], ids=["empty", "whitespace"])
def test_empty_body_is_an_empty_object(served: Served, empty: bytes) -> None:
    listed = created(served, "raw/listed")
    with_empty = send_signed(served, empty, target="secretsmanager.ListSecrets")
    with_object = send_signed(served, b"{}", target="secretsmanager.ListSecrets")
    assert with_empty.status == with_object.status == 200
    assert with_empty.document == with_object.document
    assert any(s["Name"] == listed for s in with_empty.document["SecretList"])
    # an operation with a required member: the same ValidationException as for {}
    refusals = [send_signed(served, b, target="secretsmanager.GetSecretValue") for b in (empty, b"{}")]
    for answer in refusals:
        assert_error(answer, "ValidationException")
    assert refusals[0].document == refusals[1].document


@pytest.mark.parametrize(
    ("target", "document", "member", "kind"),
    [
        ("secretsmanager.GetSecretValue", {"SecretId": 5}, "SecretId", "a JSON string"),
        ("secretsmanager.GetSecretValue", {"SecretId": ["a"]}, "SecretId", "a JSON string"),
        ("secretsmanager.ListSecrets", {"MaxResults": "10"}, "MaxResults", "a JSON integer"),
        ("secretsmanager.ListSecrets", {"MaxResults": 1.5}, "MaxResults", "a JSON integer"),
        ("secretsmanager.ListSecrets", {"MaxResults": True}, "MaxResults", "a JSON integer"),
        ("secretsmanager.GetRandomPassword", {"ExcludeNumbers": "yes"}, "ExcludeNumbers", "a JSON boolean"),
        ("secretsmanager.ListSecrets", {"Filters": {"Key": "name"}}, "Filters", "a JSON list of objects"),
        ("secretsmanager.BatchGetSecretValue", {"SecretIdList": "a"}, "SecretIdList", "a JSON list of strings"),
        ("secretsmanager.BatchGetSecretValue", {"SecretIdList": [1]}, "SecretIdList", "a JSON list of strings"),
    ],
)
def test_member_of_the_wrong_json_type(
    served: Served, target: str, document: dict[str, object], member: str, kind: str
) -> None:
    answer = send_signed(served, body(document), target=target)
    assert_error(answer, "SerializationException", message=f"{member} must be {kind}.")


def test_secret_string_of_the_wrong_type_is_not_echoed(served: Served) -> None:
    document = {"Name": "raw/typed", "ClientRequestToken": token(), "SecretString": {"SMTUI-RAW-VALUE": 1}}
    answer = send_signed(served, body(document), target="secretsmanager.CreateSecret")
    assert_error(answer, "SerializationException", message="SecretString must be a JSON string.")
    assert b"SMTUI-RAW-VALUE" not in answer.body


@pytest.mark.parametrize(
    "number", [b"1e999", b"-1e999", b"NaN", b"Infinity", b"9" * 4000, b"9" * 5000], ids=lambda b: b[:8].decode()
)
def test_extreme_numbers(served: Served, number: bytes) -> None:
    """Infinities, NaN and integers past Python's digit limit: refused in the service's words, never a 500."""
    answer = send_signed(served, b'{"PasswordLength": ' + number + b"}", target="secretsmanager.GetRandomPassword")
    assert answer.status == 400, answer
    assert answer.code in {"SerializationException", "ValidationException"}, answer
    assert_clean(answer)


# ---------------------------------------------------------------------------------------------- the target


@pytest.mark.parametrize(
    "target",
    [
        "secretsmanager.Nope",
        "secretsmanager.RotateSecret",
        "secretsmanager.CancelRotateSecret",
        "secretsmanager.getSecretValue",
        "secretsmanager.",
        "secretsmanager",
        "",
        "dynamodb_20120810.GetItem",
        "secretsmanager.GetSecretValue.Extra",
        "secretsmanager.__init__",
    ],
)
def test_unknown_target(served: Served, target: str) -> None:
    answer = send_signed(served, b"{}", target=target)
    assert_error(answer, "UnknownOperationException")
    assert "message" not in answer.document and "Message" not in answer.document
    assert "UnknownOperationException" in logged(served, answer.headers["x-amzn-requestid"])


@pytest.mark.parametrize("content_type", ["application/x-amz-json-1.1", "application/x-amz-json-1.0"])
def test_missing_target_with_json_content(served: Served, content_type: str) -> None:
    """A JSON protocol request that names no operation: UnknownOperationException as JSON, not STS's XML."""
    answer = send_signed(served, b'{"SecretId": "x"}', target=None, content_type=content_type)
    assert_error(answer, "UnknownOperationException")


def test_missing_target_unsigned_is_refused_first(served: Served) -> None:
    answer = exchange(served, head("POST", "/", {"Host": "h", "Content-Type": "application/x-amz-json-1.1"}, 2) + b"{}")
    assert_error(answer, "MissingAuthenticationTokenException", message="Missing Authentication Token")


# ---------------------------------------------------------------------------------------------- method and path


def test_get_on_root_unsigned_is_sts_missing_token(served: Served) -> None:
    """GET / without a target is STS's Query protocol (which allows GET): its XML error, 403, a request id."""
    answer = exchange(served, head("GET", "/", {"Host": "h"}, None), "GET")
    assert answer.status == 403, answer
    assert answer.code == "MissingAuthenticationToken"
    request_id = answer.headers["x-amzn-requestid"]
    assert f"<RequestId>{request_id}</RequestId>".encode() in answer.body
    assert_clean(answer)


def test_get_on_root_signed_without_action(served: Served) -> None:
    headers = sign(served, b"", target=None, service="sts", method="GET", content_type=None)
    answer = exchange(served, head("GET", "/", headers, None), "GET")
    assert answer.status == 400, answer
    assert answer.code == "InvalidAction"
    assert b"Missing Action" in answer.body


def test_get_with_a_target_is_unknown_operation(served: Served) -> None:
    answer = send_signed(served, b"{}", method="GET")
    assert_error(answer, "UnknownOperationException")


@pytest.mark.parametrize("path", ["/other", "//", "/%2e%2e/", "/secretsmanager%2FListSecrets"])
def test_path_other_than_root(served: Served, path: str) -> None:
    answer = send_signed(served, b"{}", path=path)
    assert_error(answer, "UnknownOperationException")
    unsigned = exchange(
        served, head("POST", path, {"Host": "h", "X-Amz-Target": "secretsmanager.ListSecrets"}, 2) + b"{}"
    )
    assert_error(unsigned, "MissingAuthenticationTokenException")


# ---------------------------------------------------------------------------------------------- the size of the body


def _too_large(answer: Answer) -> None:
    assert_error(answer, "RequestEntityTooLargeException", 413)


def test_body_of_exactly_the_limit_is_served(served: Served) -> None:
    document = b"{}" + b" " * (MAX_BODY - 2)
    answer = send_signed(served, document)
    assert answer.status == 200, answer
    answer = send_signed(served, document + b" ")
    _too_large(answer)


@pytest.mark.parametrize("declared", [MAX_BODY + 1, 10 * 1024**3], ids=["limit+1", "10GiB"])
def test_declared_length_over_the_limit_is_refused_unread(served: Served, declared: int) -> None:
    """The 413 comes before any byte of the body is sent, and the connection is closed: the server neither waits
    for the body nor reads it to throw it away."""
    headers = {"Host": "h", "X-Amz-Target": "secretsmanager.ListSecrets", "Content-Length": str(declared)}
    with connect(served, timeout=10) as sock:
        started = time.monotonic()
        sock.sendall(head("POST", "/", headers, None) + b"{")
        answer = read_answer(sock)
        _too_large(answer)
        assert answer.headers.get("connection", "").lower() == "close"
        assert sock.recv(1) == b"", "the server must close the connection, not read the rest of the body"
        assert time.monotonic() - started < 5
    assert "RequestEntityTooLargeException" in logged(served, answer.headers["x-amzn-requestid"])
    still_answers(served)


def test_an_sdk_sending_a_body_past_the_limit_gets_the_413(served: Served) -> None:
    """boto3 sends the whole body before it reads: it still gets the service's 413, not a reset connection."""
    from botocore.exceptions import ClientError

    name = created(served, "raw/too-large")
    client = boto3_client(served)
    for size in (MAX_BODY + 1, 3 * MAX_BODY):
        with pytest.raises(ClientError) as refused:
            client.put_secret_value(SecretId=name, SecretString="x" * size)
        assert refused.value.response["Error"]["Code"] == "RequestEntityTooLargeException"
        assert refused.value.response["ResponseMetadata"]["HTTPStatusCode"] == 413
    still_answers(served)


def test_chunked_body_growing_past_the_limit(served: Served) -> None:
    """A chunked body (no length declared) is refused once it passes the limit, and the connection closed."""
    headers = {"Host": "h", "X-Amz-Target": "secretsmanager.ListSecrets", "Transfer-Encoding": "chunked"}
    chunk = b"a" * 65536
    with connect(served, timeout=10) as sock:
        sock.sendall(head("POST", "/", headers, None))
        for _ in range(MAX_BODY // len(chunk)):
            sock.sendall(b"%x\r\n%s\r\n" % (len(chunk), chunk))
        sock.sendall(b"1\r\nb\r\n")  # the byte past the limit, sent last: everything sent is read
        answer = read_answer(sock)
        _too_large(answer)
        try:
            rest = sock.recv(1)
        except ConnectionResetError:  # what was sent after the limit was never read: the peer resets
            rest = b""
        assert rest == b""
    still_answers(served)


def test_chunked_body_under_the_limit_is_served(served: Served) -> None:
    document = b'{"MaxResults": 1}'
    headers = sign(served, document, extra={"Transfer-Encoding": "chunked"})
    chunks = b"".join(b"%x\r\n%s\r\n" % (1, document[i : i + 1]) for i in range(len(document))) + b"0\r\n\r\n"
    answer = exchange(served, head("POST", "/", headers, None) + chunks)
    assert answer.status == 200, answer


# ---------------------------------------------------------------------------------------------- framing


H11_LIMIT = 64 * 1024  # smtui/serve/server.py: h11_max_incomplete_event_size


@pytest.mark.parametrize("shape", ["one-long-header", "many-headers"])
def test_headers_over_the_http_library_limit(served: Served, shape: str) -> None:
    """A head past h11's bound (64 KiB while incomplete) is refused by the HTTP library with 400 and the
    connection closed; never a 500, and the server still answers. The head is sent in pieces and ends one byte
    past the bound, that byte sent last: the refusal comes only once every byte sent has been read (bytes sent
    after it would go unread, and the peer would reset the connection instead of answering)."""
    start = b"POST / HTTP/1.1\r\nHost: h\r\nX-Amz-Target: secretsmanager.ListSecrets\r\n"
    if shape == "one-long-header":
        text = start + b"X-Filler: " + b"f" * H11_LIMIT
    else:
        text = start + b"".join(b"X-H%05d: v\r\n" % j for j in range(H11_LIMIT // 11 + 1))
    text = text[: H11_LIMIT + 1]
    pieces = [*(text[i : i + 4096] for i in range(0, H11_LIMIT, 4096)), text[H11_LIMIT:]]
    assert b"".join(pieces) == text and len(pieces[-1]) == 1
    with connect(served) as sock:
        for piece in pieces:
            sock.sendall(piece)
        answer = read_answer(sock)
    assert answer.status == 400, answer
    assert answer.closed
    assert_clean(answer)
    still_answers(served)


@pytest.mark.parametrize(
    "request_bytes",
    [
        b"GARBAGE\r\n\r\n",
        b"POST / HTTP/1.1\r\nHost: h\r\nContent-Length: abc\r\n\r\n",
        b"POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 2\r\nContent-Length: 3\r\n\r\n{}",
        b"POST / HTTP/1.1\r\nContent-Length: 2\r\n\r\n{}",
        b"POST /\xff HTTP/1.1\r\nHost: h\r\nContent-Length: 2\r\n\r\n{}",
        b"POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n",
        b"POST / HTTP/1.1\r\nHost: h\r\nBad Header: v\r\n\r\n",
    ],
    ids=["garbage", "length-not-a-number", "two-lengths", "no-host", "byte-in-path", "bad-chunk", "space-in-name"],
)
def test_malformed_http_is_refused_by_the_library(served: Served, request_bytes: bytes) -> None:
    answer = exchange(served, request_bytes)
    assert answer.status == 400, answer
    assert_clean(answer)
    still_answers(served)


@pytest.fixture
def half_sent(served: Served) -> Iterator[list[socket.socket]]:
    """Connections each holding an unfinished request: a head cut short, and a body cut short."""
    socks: list[socket.socket] = []
    try:
        for i in range(8):
            sock = connect(served)
            if i % 2:
                sock.sendall(b"POST / HTTP/1.1\r\nHost: h\r\nX-Amz-Tar")
            else:
                headers = {"Host": "h", "X-Amz-Target": "secretsmanager.ListSecrets", "Content-Length": "1000"}
                sock.sendall(head("POST", "/", headers, None) + b'{"MaxRes')
            socks.append(sock)
        yield socks
    finally:
        for sock in socks:
            sock.close()


def test_half_sent_requests_do_not_block_other_clients(served: Served, half_sent: list[socket.socket]) -> None:
    started = time.monotonic()
    client = boto3_client(served)
    for i in range(5):
        client.create_secret(Name=f"raw/beside-slow-{i}", SecretString="v")
        assert client.get_secret_value(SecretId=f"raw/beside-slow-{i}")["SecretString"] == "v"
    assert time.monotonic() - started < 10
    for sock in half_sent:  # still open and unanswered: the server waits for them, without a thread each
        sock.setblocking(False)
        with pytest.raises(BlockingIOError):
            sock.recv(1)


def test_a_request_cut_short_is_never_served(insecure_served: Served) -> None:
    """A body whose sender goes away before its declared end is not run, even when what arrived parses."""
    name = "raw/cut-short"
    document = body({"Name": name, "SecretString": "v", "ClientRequestToken": token()})
    headers = {
        "Host": "localhost",
        "X-Amz-Target": "secretsmanager.CreateSecret",
        "Content-Length": str(len(document) + 50),
    }
    with connect(insecure_served) as sock:
        sock.sendall(head("POST", "/", headers, None) + document)
    client = boto3_client(insecure_served)
    client.list_secrets()  # a later request: the disconnect was seen by then (one event loop, in order)
    listed = client.list_secrets(Filters=[{"Key": "name", "Values": [name]}])["SecretList"]
    assert listed == []
    assert "CreateSecret" not in insecure_served.log_path.read_text()


# ---------------------------------------------------------------------------------------------- the log


def test_the_log_names_the_operation_that_ran(insecure_served: Served) -> None:
    """Two X-Amz-Target headers: the request runs as the last one, and the log line names that one, not the first
    (a log that named another operation than the one run would mislead whoever reads it)."""
    headers = [
        ("Host", "localhost"),
        ("X-Amz-Target", "secretsmanager.ListSecrets"),
        ("X-Amz-Target", "secretsmanager.GetRandomPassword"),
        ("Content-Type", "application/x-amz-json-1.1"),
    ]
    answer = exchange(insecure_served, head("POST", "/", headers, 2) + b"{}")
    assert answer.status == 200 and "RandomPassword" in answer.document, answer
    line = logged(insecure_served, answer.headers["x-amzn-requestid"])
    assert " GetRandomPassword 200 " in line and "ListSecrets" not in line


# ---------------------------------------------------------------------------------------------- no signatures


@pytest.mark.parametrize("host", ["evil.example", "evil.example:{port}", "127.0.0.1.nip.io:{port}", "10.0.0.1"])
def test_insecure_refuses_a_request_addressed_elsewhere(insecure_served: Served, host: str) -> None:
    """A web page re-pointed at 127.0.0.1 (DNS rebinding) sends its own name as Host: without signatures, that is
    what keeps it from reading the store."""
    host = host.format(port=insecure_served.url.rsplit(":", 1)[1])
    for target in ("secretsmanager.ListSecrets", None):
        headers = {"Host": host, "Content-Type": "application/x-amz-json-1.1" if target else "text/plain"}
        if target:
            headers["X-Amz-Target"] = target
        body = b"{}" if target else b"Action=GetCallerIdentity&Version=2011-06-15"
        answer = exchange(insecure_served, head("POST", "/", headers, len(body)) + body)
        if target:
            assert_error(answer, "AccessDeniedException")
            assert f"addressed to '{host}'" in answer.document["Message"]
        else:
            assert (answer.status, answer.code) == (400, "AccessDeniedException"), answer


@pytest.mark.parametrize("host", ["localhost:{port}", "127.0.0.1:{port}", "LOCALHOST", "[::1]:{port}", "a.localhost"])
def test_insecure_serves_requests_addressed_to_this_machine(insecure_served: Served, host: str) -> None:
    host = host.format(port=insecure_served.url.rsplit(":", 1)[1])
    headers = {"Host": host, "Content-Type": "application/x-amz-json-1.1", "X-Amz-Target": "secretsmanager.ListSecrets"}
    answer = exchange(insecure_served, head("POST", "/", headers, 2) + b"{}")
    assert answer.status == 200, answer


def test_a_kms_member_of_the_wrong_json_type_is_kms_serialization_error(served: Served) -> None:
    """KMS reads its members with the wire's own readers; its errors carry a lowercase `message`."""
    answer = send_signed(served, body({"KeyId": 5}), target="TrentService.DescribeKey", service="kms")
    assert_error(answer, "SerializationException", message="KeyId must be a JSON string.")
    assert isinstance(answer.document, dict) and "message" in answer.document and "Message" not in answer.document
