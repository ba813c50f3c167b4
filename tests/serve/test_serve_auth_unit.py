"""smtui.serve.auth against requests signed by botocore itself (the SDK's signer, `add_auth`), in process.

The signed requests are what boto3 sends (SigV4Auth.add_auth over an AWSRequest with the SDK's headers); the
server-side verification must accept exactly those and refuse every change, in the service's words
(docs/aws-behaviour.md §22.3). No server: the subprocess tests are in
test_serve_signing.py.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import time

import pytest
from botocore.auth import SigV4Auth
from botocore.awsrequest import AWSRequest
from botocore.credentials import Credentials as BotoCredentials
from pydantic import SecretStr

from smtui.serve import auth
from smtui.serve.credentials import ACCESS_KEY_LENGTH, ACCESS_KEY_PREFIX, Credentials, new_credentials
from smtui.serve.wire import WireError

CREDS = Credentials("AKSMTESTTESTTESTTEST", SecretStr("s" * 40))
HOST = "127.0.0.1:45678"
BODY = json.dumps({"SecretId": "app/db"}).encode()


def signed(
    *,
    body: bytes = BODY,
    service: str = "secretsmanager",
    region: str = "eu-west-1",
    akid: str = CREDS.access_key_id,
    secret: str = "s" * 40,
    target: str | None = "secretsmanager.GetSecretValue",
    path: str = "/",
    query: str = "",
) -> tuple[str, str, str, list[tuple[str, str]], bytes]:
    """A request as botocore signs and sends it: (method, path, query, headers as received, body)."""
    headers = {"Content-Type": "application/x-amz-json-1.1", "Host": HOST}
    if target:
        headers["X-Amz-Target"] = target
    url = f"http://{HOST}{path}" + (f"?{query}" if query else "")
    request = AWSRequest("POST", url, data=body, headers=headers)
    SigV4Auth(BotoCredentials(akid, secret), service, region).add_auth(request)
    received = [(k.lower(), v) for k, v in request.headers.items()]
    received.append(("user-agent", "Boto3/1.0 test"))  # added after signing, as the SDK does
    return "POST", path, query, received, body


def verify(request: tuple[str, str, str, list[tuple[str, str]], bytes], *, now: float | None = None) -> auth.Caller:
    method, path, query, headers, body = request
    return auth.verify(
        method, path, query, headers, body, now=time.time() if now is None else now, credentials=CREDS, insecure=False
    )


def refused(request: tuple[str, str, str, list[tuple[str, str]], bytes], **kw: float) -> WireError:
    with pytest.raises(WireError) as info:
        verify(request, **kw)
    assert info.value.status == 400 and info.value.message_key == "message"
    return info.value


def test_botocore_signed_request_verifies_and_names_the_scope() -> None:
    assert verify(signed()) == auth.Caller(CREDS.access_key_id, "eu-west-1", "secretsmanager")


def test_kms_and_sts_requests_verify_for_their_services() -> None:
    assert verify(signed(service="kms", target="TrentService.ListKeys")).service == "kms"
    form = b"Action=GetCallerIdentity&Version=2011-06-15"
    assert verify(signed(service="sts", target=None, body=form, region="us-east-2")).region == "us-east-2"


def test_query_string_and_path_are_signed() -> None:
    request = signed(service="sts", target=None, body=b"", query="Action=GetCallerIdentity&Version=2011-06-15")
    assert verify(request).service == "sts"
    method, path, _query, headers, body = request
    assert refused((method, path, "Action=GetCallerIdentity&Version=2011-06-16", headers, body)).code == (
        "InvalidSignatureException"
    )


def test_proxy_added_unsigned_headers_still_verify() -> None:
    method, path, query, headers, body = signed()
    headers = [*headers, ("x-forwarded-for", "10.0.0.1"), ("via", "1.1 proxy")]
    assert verify((method, path, query, headers, body)).region == "eu-west-1"


def test_tampered_body_is_a_signature_mismatch() -> None:
    method, path, query, headers, _ = signed()
    err = refused((method, path, query, headers, BODY.replace(b"app/db", b"app/dc")))
    assert (err.code, err.message) == ("InvalidSignatureException", auth.MISMATCH)


def test_tampered_signed_header_is_a_signature_mismatch() -> None:
    method, path, query, headers, body = signed()
    headers = [(n, "secretsmanager.DeleteSecret" if n == "x-amz-target" else v) for n, v in headers]
    assert refused((method, path, query, headers, body)).code == "InvalidSignatureException"


def test_wrong_secret_key() -> None:
    err = refused(signed(secret="t" * 40))
    assert (err.code, err.message) == ("InvalidSignatureException", auth.MISMATCH)


def test_unknown_access_key() -> None:
    err = refused(signed(akid="AKSMUNKNOWNUNKNOWN00"))
    assert (err.code, err.message) == (
        "UnrecognizedClientException",
        "The security token included in the request is invalid.",
    )


def test_missing_authorization() -> None:
    method, path, query, headers, body = signed()
    err = refused((method, path, query, [(n, v) for n, v in headers if n != "authorization"], body))
    assert (err.code, err.message) == ("MissingAuthenticationTokenException", "Missing Authentication Token")


@pytest.mark.parametrize(
    ("authorization", "words"),
    [
        ("AWS4-HMAC-SHA256 Credential AKID/20250101/us-east-1/secretsmanager/aws4_request", "not a valid key=value"),
        ("AWS4-HMAC-SHA256 SignedHeaders=host", "Authorization header requires 'Credential' parameter."),
        ("AWS4-HMAC-SHA256 Credential=a/b, SignedHeaders=host, Signature=00", "exactly 5 slash-delimited"),
        ("AWS4-HMAC-SHA256 Credential=a/b/c/d/e, SignedHeaders=x-amz-date, Signature=00", "'Host' or ':authority'"),
        ("Basic dXNlcjpwYXNz", "Unsupported AWS 'algorithm'"),
    ],
)
def test_unreadable_authorization_is_incomplete_signature(authorization: str, words: str) -> None:
    method, path, query, headers, body = signed()
    headers = [(n, authorization if n == "authorization" else v) for n, v in headers]
    err = refused((method, path, query, headers, body))
    assert err.code == "IncompleteSignatureException" and err.message is not None and words in err.message


def test_missing_date_is_named() -> None:
    method, path, query, headers, body = signed()
    err = refused((method, path, query, [(n, v) for n, v in headers if n != "x-amz-date"], body))
    assert err.code == "IncompleteSignatureException" and err.message is not None
    assert "requires existence of either a 'X-Amz-Date' or a 'Date' header" in err.message


def test_wrong_service_in_scope() -> None:
    err = refused(signed(service="kms"))  # a secretsmanager.* target signed for kms
    assert (err.code, err.message) == (
        "InvalidSignatureException",
        "Credential should be scoped to correct service: 'secretsmanager'. ",
    )


def test_invalid_region_in_scope() -> None:
    err = refused(signed(region="nowhere"))
    assert (err.code, err.message) == (
        "InvalidSignatureException",
        "Credential should be scoped to a valid region, not 'nowhere'. ",
    )


def test_scope_date_must_be_the_request_date() -> None:
    method, path, query, headers, body = signed()
    stamp = next(v for n, v in headers if n == "x-amz-date")
    other = "19990101" if not stamp.startswith("1999") else "20000101"
    headers = [(n, v.replace(f"/{stamp[:8]}/", f"/{other}/") if n == "authorization" else v) for n, v in headers]
    err = refused((method, path, query, headers, body))
    assert err.code == "InvalidSignatureException" and err.message is not None
    assert err.message.startswith("Date in Credential scope does not match YYYYMMDD")


def test_date_six_minutes_old_is_expired_in_the_service_words() -> None:
    request = signed()
    stamp = next(v for n, v in request[3] if n == "x-amz-date")
    now = auth._epoch(stamp) + 360
    err = refused(request, now=now)
    assert err.code == "InvalidSignatureException"
    assert err.message == (
        f"Signature expired: {stamp} is now earlier than {auth._stamp(now - 300)} ({auth._stamp(now)} - 5 min.)"
    )


def test_date_six_minutes_ahead_is_not_yet_current() -> None:
    request = signed()
    stamp = next(v for n, v in request[3] if n == "x-amz-date")
    now = auth._epoch(stamp) - 360
    err = refused(request, now=now)
    assert err.message == (
        f"Signature not yet current: {stamp} is still later than {auth._stamp(now + 300)} ({auth._stamp(now)} + 5 min.)"
    )


def test_four_minutes_either_way_is_inside_the_window() -> None:
    request = signed()
    stamp = auth._epoch(next(v for n, v in request[3] if n == "x-amz-date"))
    verify(request, now=stamp + 240)
    verify(request, now=stamp - 240)


def test_a_body_hash_header_must_be_the_body_hash() -> None:
    method, path, query, headers, body = signed()
    for value in ("UNSIGNED-PAYLOAD", hashlib.sha256(b"other").hexdigest()):
        err = refused((method, path, query, [*headers, ("x-amz-content-sha256", value)], body))
        assert err.code == "InvalidSignatureException"


def test_insecure_accepts_anything_and_reads_the_region() -> None:
    method, path, query, headers, _body = signed(akid="test", secret="test", region="ap-south-1")
    caller = auth.verify(method, path, query, headers, b"tampered", now=0.0, credentials=CREDS, insecure=True)
    assert (caller.access_key_id, caller.region) == ("test", "ap-south-1")
    bare = auth.verify("POST", "/", "", [], b"", now=0.0, credentials=CREDS, insecure=True, default_region="eu-north-1")
    assert bare.region == "eu-north-1"


def test_cached_signing_key_is_botocores_chain() -> None:
    """The cached key must give botocore's own signature for the same string to sign."""
    request = AWSRequest("POST", f"http://{HOST}/", data=BODY)
    request.context["timestamp"] = "20250102T030405Z"
    signer = SigV4Auth(BotoCredentials("AKID", "secret-key"), "kms", "us-west-2")
    string_to_sign = "AWS4-HMAC-SHA256\n20250102T030405Z\nscope\nabc"
    key = auth.signing_key("secret-key", "20250102", "us-west-2", "kms")
    mine = hmac.new(key, string_to_sign.encode(), hashlib.sha256).hexdigest()
    assert mine == signer.signature(string_to_sign, request)


def test_new_credentials_have_the_documented_shape() -> None:
    made = new_credentials()
    assert len(made.access_key_id) == ACCESS_KEY_LENGTH and made.access_key_id.startswith(ACCESS_KEY_PREFIX)
    assert made.access_key_id.isupper() and made.access_key_id.isalnum()
    assert len(made.secret_access_key.get_secret_value()) == 40
    assert made.secret_access_key.get_secret_value() not in repr(made)


def test_verification_is_fast() -> None:
    """Not a timing assertion on CPU speed: a loose bound that catches a per-request key derivation gone slow
    by orders of magnitude (a signed request verifies in tens of microseconds here)."""
    request = signed()
    start = time.perf_counter()
    for _ in range(200):
        verify(request)
    assert (time.perf_counter() - start) / 200 < 0.005
