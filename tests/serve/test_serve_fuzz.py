"""Bad input over the wire, generated: bodies, targets and headers against the real `smtui serve`.

Each property sends requests signed correctly with the server's own credentials (botocore's SigV4Auth), so the
generated input gets past the signature and reaches the operations, or with an Authorization header that is
missing, garbled or signs something else. Whatever arrives, the answer (docs/aws-behaviour.md §22.1) is:
- never a 5xx, and never Python's own text (a traceback, an exception's name, a pydantic message, a path);
- the service's frame: an error is `__type` and the same code in X-Amzn-ErrorType (STS: its XML), every reply has
  an x-amzn-RequestId; only a request the HTTP library cannot frame gets the library's plain 400;
- the server still answers afterwards, and its log holds no traceback, no fault, no 500, no Authorization
  header or signature.

One server for the module; 150 examples per property (the same ones every run: derandomized) keep the default
run short and repeatable. `make test-slow` runs three of the properties with 2,000 random examples each.
"""

from __future__ import annotations

import base64
import http.client
import json
import re
from collections import Counter
from collections.abc import Iterator
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from smtui.serve import kms, secretsmanager
from tests.serve.conftest import Served, boto3_client
from tests.serve.rawhttp import JSON_11, PYTHON_TEXT, REQUEST_ID, host_port, sign

EXAMPLES = 150
SLOW_EXAMPLES = 2000
FUZZ = settings(
    max_examples=EXAMPLES,
    deadline=None,
    database=None,
    derandomize=True,  # the default run sends the same examples every time; the slow run explores
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
SLOW = settings(FUZZ, max_examples=SLOW_EXAMPLES, derandomize=False)

MEMBERS = [
    "SecretId", "Name", "ClientRequestToken", "SecretString", "SecretBinary", "Description", "KmsKeyId", "Tags",
    "AddReplicaRegions", "ForceOverwriteReplicaSecret", "VersionId", "VersionStage", "VersionStages", "MaxResults",
    "NextToken", "Filters", "SortOrder", "IncludePlannedDeletion", "IncludeDeprecated", "RecoveryWindowInDays",
    "ForceDeleteWithoutRecovery", "PasswordLength", "ExcludeCharacters", "ExcludeNumbers", "ExcludePunctuation",
    "ExcludeUppercase", "ExcludeLowercase", "IncludeSpace", "RequireEachIncludedType", "SecretIdList",
    "ResourcePolicy", "BlockPublicPolicy", "TagKeys", "RemoveReplicaRegions", "MoveToVersionId",
    "RemoveFromVersionId", "Key", "Value", "Values", "Region", "KeyId", "Limit", "Marker", "AliasName",
    "TargetKeyId", "KeySpec", "KeyUsage", "Origin", "MultiRegion", "Type",
]  # fmt: skip
SM_TARGETS = sorted(f"secretsmanager.{op}" for op in secretsmanager.OPERATIONS)
KMS_TARGETS = sorted(f"TrentService.{op}" for op in kms.OPERATIONS)
SERVED_TARGETS = SM_TARGETS + KMS_TARGETS
UVICORN_400 = b"Invalid HTTP request received."
UNFRAMABLE = re.compile(r"[\x00-\x08\x0a-\x1f\x7f]")  # control bytes h11 refuses in a header value

scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.integers(min_value=-(10**400), max_value=10**400),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=40),
    st.sampled_from(["", "AWSCURRENT", "AWSPREVIOUS", "alias/aws/secretsmanager", "fuzz/a", "us-east-1", "*"]),
)
json_values = st.recursive(
    scalars,
    lambda inner: st.one_of(
        st.lists(inner, max_size=5), st.dictionaries(st.sampled_from(MEMBERS) | st.text(max_size=8), inner, max_size=5)
    ),
    max_leaves=20,
)
documents = st.dictionaries(st.sampled_from(MEMBERS), json_values, max_size=8)

# Members of the right JSON type with values of any size and content: past the type checks, into the operations.
texts = st.one_of(
    st.text(max_size=80),
    st.sampled_from(["", " ", "fuzz/a", "AWSCURRENT", "alias/aws/secretsmanager", "arn:aws:kms:us-east-1:1:key/x"]),
    st.integers(0, 70_000).map(lambda n: "x" * n),
)
ints = st.one_of(st.integers(-5, 5000), st.integers(), st.sampled_from([0, 1, 7, 30, 31, 4096, 2**31, 2**63]))
text_lists = st.lists(texts, max_size=25)
tag_objects = st.lists(st.fixed_dictionaries({}, optional={"Key": texts, "Value": texts}), max_size=60)
filter_objects = st.lists(st.fixed_dictionaries({}, optional={"Key": texts, "Values": text_lists}), max_size=12)
region_objects = st.lists(st.fixed_dictionaries({}, optional={"Region": texts, "KmsKeyId": texts}), max_size=6)
TYPED: dict[str, Any] = {
    **{m: texts for m in ("SecretId", "Name", "ClientRequestToken", "SecretString", "Description", "KmsKeyId",
                          "VersionId", "VersionStage", "NextToken", "SortOrder", "ExcludeCharacters",
                          "ResourcePolicy", "MoveToVersionId", "RemoveFromVersionId", "KeyId", "Marker",
                          "AliasName", "TargetKeyId", "KeySpec", "KeyUsage", "Origin", "Type")},
    **{m: ints for m in ("MaxResults", "RecoveryWindowInDays", "PasswordLength", "Limit")},
    **{m: st.booleans() for m in ("ForceOverwriteReplicaSecret", "IncludePlannedDeletion", "IncludeDeprecated",
                                  "ForceDeleteWithoutRecovery", "ExcludeNumbers", "ExcludePunctuation",
                                  "ExcludeUppercase", "ExcludeLowercase", "IncludeSpace", "RequireEachIncludedType",
                                  "BlockPublicPolicy", "MultiRegion")},
    **{m: text_lists for m in ("VersionStages", "SecretIdList", "TagKeys", "RemoveReplicaRegions")},
    "SecretBinary": st.binary(max_size=200).map(lambda b: base64.b64encode(b).decode()) | texts,
    "Tags": tag_objects,
    "Filters": filter_objects,
    "AddReplicaRegions": region_objects,
}  # fmt: skip
typed_documents = st.fixed_dictionaries({}, optional=TYPED)


def encode(document: Any) -> bytes:
    return json.dumps(document).encode("utf-8", "surrogatepass")


bodies = st.one_of(
    documents.map(encode),
    json_values.map(encode),
    st.binary(max_size=300),
    documents.map(encode).flatmap(lambda b: st.integers(0, max(len(b) - 1, 0)).map(lambda n: b[:n])),
)
targets = st.one_of(
    st.sampled_from(SERVED_TARGETS),
    st.sampled_from(["secretsmanager.RotateSecret", "secretsmanager.Nope", "TrentService.Encrypt", "", "."]),
    st.builds(
        lambda p, o: f"{p}.{o}",
        st.sampled_from(["secretsmanager", "TrentService", "x"]),
        st.text(st.characters(exclude_categories=["Cs"], exclude_characters="\r\n"), max_size=20),  # no line break
    ),
)
header_names = st.from_regex(r"\A[A-Za-z][A-Za-z0-9-]{0,20}\Z")
# What http.client lets through as a value: printable ASCII and Latin-1, no line breaks.
header_values = st.text(st.characters(min_codepoint=0x20, max_codepoint=0xFF, exclude_characters="\x7f"), max_size=60)
extra_headers = st.lists(
    st.tuples(
        st.one_of(
            header_names,
            st.sampled_from(["X-Amz-Target", "Content-Type", "X-Amz-Date", "X-Amz-Content-Sha256", "Authorization"]),
        ),
        header_values,
    ),
    max_size=4,
)


class Wire:
    """One keep-alive connection to the server (http.client reopens it when the server closes it), and what was
    sent that must never reach the server's log."""

    def __init__(self, served: Served) -> None:
        self.served = served
        self.host, self.port = host_port(served)
        self.conn = http.client.HTTPConnection(self.host, self.port, timeout=30)
        self.signatures: set[str] = set()
        self.sent = 0
        self.answers: Counter[str] = Counter()  # status and code of every answer: what the fuzz reached

    def send(self, headers: list[tuple[str, str]], body: bytes, method: str = "POST", path: str = "/") -> Any:
        for name, value in headers:
            if name.lower() == "authorization":
                found = re.search(r"Signature=([0-9a-f]{16,})", value)
                if found:
                    self.signatures.add(found.group(1))
        try:
            self.conn.putrequest(method, path, skip_host=True, skip_accept_encoding=True)
            for name, value in headers:
                self.conn.putheader(name, _header_bytes(value))
            if not any(n.lower() == "content-length" for n, _ in headers):
                self.conn.putheader("Content-Length", str(len(body)))
            self.conn.endheaders(body)
            response = self.conn.getresponse()
            data = response.read()
        except (ConnectionError, http.client.HTTPException):
            self.conn.close()  # the next request opens a new connection
            if not any(UNFRAMABLE.search(value) for _, value in headers):
                raise
            # h11 refuses such a head, and uvicorn closes at once: with the body still unread the peer resets,
            # and the 400 may be lost on the way. A refusal all the same (the check after the test: still up).
            self.sent += 1
            self.answers["reset: a head the HTTP library cannot frame"] += 1
            return None
        self.sent += 1
        self.answers[f"{response.status} {response.getheader('x-amzn-errortype') or _xml_code(data)}".strip()] += 1
        check_answer(response, data, method)
        if response.will_close:
            self.conn.close()
        return response

    def close(self) -> None:
        self.conn.close()


def _xml_code(data: bytes) -> str:
    found = re.search(rb"<Code>([A-Za-z]+)</Code>", data)
    return found.group(1).decode() if found else ""


def _header_bytes(value: str) -> bytes:
    """Latin-1 as HTTP has it; a generated target past Latin-1 goes as UTF-8 (signed as text, so it must fail)."""
    try:
        return value.encode("latin-1")
    except UnicodeEncodeError:
        return value.encode("utf-8", "surrogatepass")


def check_answer(response: http.client.HTTPResponse, data: bytes, method: str = "POST") -> None:
    """What every answer must be, whatever the request."""
    status = response.status
    content_type = response.getheader("content-type", "")
    assert status < 500, (status, data[:500])
    assert not PYTHON_TEXT.search(data), data[:2000]
    if method == "HEAD":  # the same head as a GET's, no body
        assert data == b""
        assert REQUEST_ID.match(response.getheader("x-amzn-requestid", "")), response.getheaders()
        return
    if content_type == "text/plain; charset=utf-8":  # the HTTP library's own refusal of what it cannot frame
        assert status == 400 and data == UVICORN_400, (status, data)
        return
    request_id = response.getheader("x-amzn-requestid", "")
    assert REQUEST_ID.match(request_id), response.getheaders()
    if content_type == "text/xml":  # STS
        assert f"<RequestId>{request_id}</RequestId>".encode() in data, data
        if status != 200:
            assert re.search(rb"<Code>[A-Za-z]+</Code>", data), data
        return
    assert content_type == JSON_11, (content_type, data[:200])
    if status == 200:
        assert data == b"" or isinstance(json.loads(data), dict)
        return
    document = json.loads(data)
    assert isinstance(document, dict) and set(document) <= {"__type", "Message", "message"}, document
    code = document["__type"]
    assert re.fullmatch(r"[A-Za-z]+", code), code
    assert response.getheader("x-amzn-errortype") == code, (response.getheaders(), document)


@pytest.fixture(scope="module")
def wire(served: Served) -> Iterator[Wire]:
    connection = Wire(served)
    yield connection
    connection.close()


# What each property must have reached (its examples are the same every default run): proof that the fuzz got
# past the framing and the signature to the checks it is about.
REACHES = {
    "test_signed_bodies": {"SerializationException", "UnknownOperationException"},
    "test_signed_documents_reach_every_operation": {"200", "ValidationException", "SerializationException"},
    "test_unsigned_and_garbled_auth": {
        "InvalidSignatureException", "IncompleteSignatureException", "MissingAuthenticationTokenException"
    },
}  # fmt: skip


@pytest.fixture(autouse=True)
def afterwards(served: Served, wire: Wire, request: pytest.FixtureRequest) -> Iterator[None]:
    """After each property (each test on its own, whatever the order or the worker): the server still answers,
    its log is clean, and the property reached what it is about."""
    before, sent = Counter(wire.answers), wire.sent
    yield
    answers_afterwards(served)
    assert served.process is not None and served.process.poll() is None
    assert wire.sent - sent >= EXAMPLES // 2
    reached = {part for code in wire.answers - before for part in code.split(" ", 1)}
    missing = REACHES.get(request.node.name, set()) - reached
    assert not missing, (missing, wire.answers - before)
    log = served.log_path.read_text(errors="replace")
    assert not PYTHON_TEXT.search(log.encode()), log[-3000:]
    assert "internal fault" not in log and " 500 " not in log, log[-3000:]
    assert not [s for s in wire.signatures if s in log], "a signature reached the server's log"
    assert served.env["AWS_SECRET_ACCESS_KEY"] not in log
    assert "AWS4-HMAC-SHA256" not in log and "Credential=" not in log


def answers_afterwards(served: Served) -> None:
    assert boto3_client(served).list_secrets(MaxResults=1)["ResponseMetadata"]["HTTPStatusCode"] == 200


def signed_headers(served: Served, target: str | None, body: bytes) -> list[tuple[str, str]]:
    """Signed by botocore with the server's credentials, as an SDK signs."""
    return list(sign(served, body, target=target).items())


# ---------------------------------------------------------------------------------------------- the properties


def _signed_bodies(served: Served, wire: Wire, target: str, body: bytes) -> None:
    wire.send(signed_headers(served, target, body), body)


@FUZZ
@given(target=targets, body=bodies)
def test_signed_bodies(served: Served, wire: Wire, target: str, body: bytes) -> None:
    _signed_bodies(served, wire, target, body)


@FUZZ
@given(target=st.sampled_from(SERVED_TARGETS), document=st.one_of(typed_documents, typed_documents, documents))
def test_signed_documents_reach_every_operation(served: Served, wire: Wire, target: str, document: Any) -> None:
    body = encode(document)
    wire.send(signed_headers(served, target, body), body)


@FUZZ
@given(target=st.one_of(st.none(), targets), body=bodies, extra=extra_headers, content_type=header_values)
def test_signed_headers(
    served: Served, wire: Wire, target: str | None, body: bytes, extra: list[tuple[str, str]], content_type: str
) -> None:
    signed = sign(served, body, target=target, content_type=content_type.strip() or None, extra=dict(extra))
    wire.send(list(signed.items()), body)


def _garble(signed: dict[str, str], how: str, junk: str) -> list[tuple[str, str]]:
    headers = dict(signed)
    auth = headers.get("Authorization", "")
    if how == "drop":
        headers.pop("Authorization", None)
    elif how == "replace":
        headers["Authorization"] = junk
    elif how == "append":
        headers["Authorization"] = auth + junk
    elif how == "cut":
        headers["Authorization"] = auth[: len(junk) % (len(auth) + 1)]
    elif how == "flip-signature":
        headers["Authorization"] = re.sub(r"Signature=([0-9a-f])", lambda m: "Signature=" + "0123456789abcdef"[
            (int(m.group(1), 16) + 1) % 16], auth)  # fmt: skip
    elif how == "date":
        headers["X-Amz-Date"] = junk
    elif how == "no-date":
        headers.pop("X-Amz-Date", None)
        headers["Date"] = junk
    elif how == "scope":
        headers["Authorization"] = re.sub(r"Credential=[^,]*", "Credential=" + junk, auth)
    elif how == "payload-hash":
        headers["X-Amz-Content-Sha256"] = junk
    return list(headers.items())


GARBLINGS = ["drop", "replace", "append", "cut", "flip-signature", "date", "no-date", "scope", "payload-hash"]
auth_junk = st.one_of(
    header_values,
    st.builds(
        lambda parts: "AWS4-HMAC-SHA256 " + ", ".join(parts),
        st.lists(st.one_of(header_values, st.builds("{}={}".format, st.sampled_from(
            ["Credential", "SignedHeaders", "Signature"]), header_values)), max_size=4),
    ),
    st.builds("/".join, st.lists(header_values, max_size=6)),
)  # fmt: skip


@FUZZ
@given(target=st.one_of(st.none(), targets), body=bodies, how=st.sampled_from(GARBLINGS), junk=auth_junk)
def test_unsigned_and_garbled_auth(
    served: Served, wire: Wire, target: str | None, body: bytes, how: str, junk: str
) -> None:
    signed = sign(served, body, target=target)
    response = wire.send(_garble(signed, how, junk), body)
    if response is not None and how in {"drop", "replace", "flip-signature", "scope"}:
        assert response.status != 200 or (how == "replace" and junk == signed["Authorization"])


@FUZZ
@given(
    method=st.sampled_from(["GET", "POST", "PUT", "DELETE", "HEAD", "OPTIONS", "PATCH"]),
    path=st.sampled_from(["/", "/x", "//", "/?Action=GetCallerIdentity&Version=2011-06-15", "/?", "/%ff"]),
    body=st.one_of(bodies, st.just(b"Action=GetCallerIdentity&Version=2011-06-15")),
    form=st.booleans(),
    service=st.sampled_from(["sts", "secretsmanager", "kms", "s3"]),
)
def test_methods_paths_and_sts(
    served: Served, wire: Wire, method: str, path: str, body: bytes, form: bool, service: str
) -> None:
    content_type = "application/x-www-form-urlencoded; charset=utf-8" if form else None
    signed = sign(served, body, target=None, service=service, method=method, path=path, content_type=content_type)
    wire.send(list(signed.items()), body, method=method, path=path)


@pytest.mark.slow
@SLOW
@given(target=targets, body=bodies)
def test_signed_bodies_long(served: Served, wire: Wire, target: str, body: bytes) -> None:
    _signed_bodies(served, wire, target, body)


@pytest.mark.slow
@SLOW
@given(target=st.one_of(st.none(), targets), body=bodies, how=st.sampled_from(GARBLINGS), junk=auth_junk)
def test_garbled_auth_long(served: Served, wire: Wire, target: str | None, body: bytes, how: str, junk: str) -> None:
    wire.send(_garble(sign(served, body, target=target), how, junk), body)


@pytest.mark.slow
@SLOW
@given(target=st.sampled_from(SERVED_TARGETS), document=st.one_of(typed_documents, typed_documents, documents))
def test_signed_documents_long(served: Served, wire: Wire, target: str, document: Any) -> None:
    body = encode(document)
    wire.send(signed_headers(served, target, body), body)
