"""SigV4 verification of every request `smtui serve` answers.

Why botocore's own signer: the expected signature is computed by the same code that signs the SDK's requests
(`SigV4Auth.canonical_request`, `string_to_sign`, `signature`), over a request rebuilt from what was received:
only the headers named in SignedHeaders, the Host as received, the body as received, the X-Amz-Date of the request.
A proxy's extra headers are not signed and so do not matter; a changed body, header, path or date does. `add_auth`
is never called (it stamps the current time and rewrites headers). The derived signing key (four HMACs) is
cached per (secret, date, region, service), which `tests/serve/test_serve_auth_unit.py` checks against
botocore's own chain. Signatures are compared with `hmac.compare_digest`.

The checks, their order and their words are the service's (codes, HTTP statuses and messages:
docs/aws-behaviour.md §22.3): a missing Authorization header, an Authorization header that cannot be read,
a credential scope for another service, an invalid region or another date than X-Amz-Date, a date outside the
service's ±5 minute window, an unknown access key, and a signature that does not match. The region of the
credential scope is the region the request is served in.

`insecure=True` (`smtui serve --insecure-any-credentials`) accepts any access key and signature, or none, and
still serves the region of the credential scope when the header names one.
"""

from __future__ import annotations

import calendar
import functools
import hashlib
import hmac
import re
import time
from dataclasses import dataclass
from email.utils import parsedate_to_datetime

from botocore.auth import SigV4Auth
from botocore.awsrequest import AWSRequest
from botocore.credentials import Credentials as BotoCredentials

from smtui.model.limits import REGION_PATTERN
from smtui.serve.credentials import Credentials
from smtui.serve.wire import WireError

ALGORITHM = "AWS4-HMAC-SHA256"
SKEW_S = 300  # Secrets Manager's window: "... (NOW - 5 min.)"
SKEW_WORDS = "5 min."
TERMINATOR = "aws4_request"
SIGV4_TIMESTAMP = "%Y%m%dT%H%M%SZ"
# Signing names of the served services, by the X-Amz-Target prefix; no target is the STS Query protocol.
TARGET_SERVICES = {"secretsmanager": "secretsmanager", "TrentService": "kms"}
STS = "sts"
_REGION = re.compile(REGION_PATTERN)
_TIMESTAMP = re.compile(r"^\d{8}T\d{6}Z$")
_UNSIGNED = "UNSIGNED-PAYLOAD"

MISSING = "Missing Authentication Token"
UNRECOGNIZED = "The security token included in the request is invalid."
MISMATCH = (
    "The request signature we calculated does not match the signature you provided. Check your AWS Secret Access "
    "Key and signing method. Consult the service documentation for details."
)


@dataclass(frozen=True)
class Caller:
    """Who sent a verified request and where it is served: the scope's region and service."""

    access_key_id: str
    region: str
    service: str


def _error(code: str, message: str) -> WireError:
    # The front door's authentication errors carry a lowercase `message`, HTTP 400 (docs/aws-behaviour.md).
    return WireError(code, message, 400, "message")


def _incomplete(message: str) -> WireError:
    return _error("IncompleteSignatureException", message)


def _invalid(message: str) -> WireError:
    return _error("InvalidSignatureException", message)


def expected_service(headers: dict[str, str]) -> str:
    """The signing name a request must be scoped to: by its X-Amz-Target prefix, STS when it has none."""
    target = headers.get("x-amz-target")
    if target is None:
        return STS
    return TARGET_SERVICES.get(target.partition(".")[0], "secretsmanager")


@dataclass(frozen=True)
class _Parsed:
    access_key_id: str
    date: str
    region: str
    service: str
    terminator: str
    signed_headers: list[str]
    signature: str


def _parse(authorization: str, headers: dict[str, str]) -> _Parsed:
    """The Authorization header's parts, or IncompleteSignatureException in the service's words."""
    algorithm, _, rest = authorization.strip().partition(" ")
    if algorithm != ALGORITHM:
        raise _incomplete(f"Unsupported AWS 'algorithm': '{algorithm}'; use {ALGORITHM}.")
    params: dict[str, str] = {}
    for part in (p.strip() for p in rest.split(",")):
        if not part:
            continue
        name, eq, value = part.partition("=")
        if not eq:
            raise _incomplete(
                f"'{part}' not a valid key=value pair (missing equal-sign) in Authorization header: '{authorization}'."
            )
        params[name.strip()] = value.strip()
    missing = [
        f"Authorization header requires '{name}' parameter."
        for name in ("Credential", "Signature", "SignedHeaders")
        if not params.get(name)
    ]
    if "x-amz-date" not in headers and "date" not in headers:
        missing.append("Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header.")
    if missing:
        raise _incomplete(" ".join(missing) + f" Authorization={authorization}")
    scope = params["Credential"].split("/")
    if len(scope) != 5:
        raise _incomplete(
            "Credential must have exactly 5 slash-delimited elements, e.g. keyid/date/region/service/term, "
            f"got '{params['Credential']}'"
        )
    signed = params["SignedHeaders"].split(";")
    if "host" not in signed and ":authority" not in signed:
        raise _incomplete("'Host' or ':authority' must be a 'SignedHeader' in the AWS Authorization.")
    akid, date, region, service, terminator = scope
    return _Parsed(akid, date, region, service, terminator, signed_headers=signed, signature=params["Signature"])


def _timestamp(headers: dict[str, str]) -> str:
    """X-Amz-Date (or, without it, the Date header) in SigV4's basic ISO-8601 form."""
    given = headers.get("x-amz-date")
    if given is not None:
        if not _TIMESTAMP.match(given):
            raise _incomplete(
                f"Date must be in ISO-8601 'basic format'. Got '{given}'. See http://en.wikipedia.org/wiki/ISO_8601"
            )
        return given
    date = headers.get("date", "")
    try:
        return parsedate_to_datetime(date).strftime(SIGV4_TIMESTAMP)
    except (TypeError, ValueError, IndexError):
        raise _incomplete(f"Date must be in RFC 1123 format. Got '{date}'.") from None


def _epoch(stamp: str) -> float:
    try:
        return float(calendar.timegm(time.strptime(stamp, SIGV4_TIMESTAMP)))
    except ValueError:
        raise _incomplete(
            f"Date must be in ISO-8601 'basic format'. Got '{stamp}'. See http://en.wikipedia.org/wiki/ISO_8601"
        ) from None


def _stamp(epoch: float) -> str:
    return time.strftime(SIGV4_TIMESTAMP, time.gmtime(epoch))


def check_skew(stamp: str, now: float) -> None:
    """The service's window: a request dated more than 5 minutes before or after the server's clock is refused."""
    when = _epoch(stamp)
    if when < now - SKEW_S:
        raise _invalid(
            f"Signature expired: {stamp} is now earlier than {_stamp(now - SKEW_S)} ({_stamp(now)} - {SKEW_WORDS})"
        )
    if when > now + SKEW_S:
        raise _invalid(
            f"Signature not yet current: {stamp} is still later than {_stamp(now + SKEW_S)} "
            f"({_stamp(now)} + {SKEW_WORDS})"
        )


def _check_scope(parsed: _Parsed, stamp: str, service: str) -> None:
    if parsed.service != service:
        raise _invalid(f"Credential should be scoped to correct service: '{service}'. ")
    if not _REGION.match(parsed.region) and not (service == STS and parsed.region == "aws-global"):
        raise _invalid(f"Credential should be scoped to a valid region, not '{parsed.region}'. ")
    if parsed.terminator != TERMINATOR:
        raise _invalid(
            f"Credential should be scoped with a valid terminator: '{TERMINATOR}', not '{parsed.terminator}'. "
        )
    if parsed.date != stamp[:8]:
        raise _invalid(
            "Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: "
            f"'{parsed.date}' != '{stamp[:8]}', from '{stamp}'."
        )


@functools.lru_cache(maxsize=64)
def signing_key(secret: str, date: str, region: str, service: str) -> bytes:
    """SigV4's derived key, the chain botocore's `SigV4Auth.signature` computes, once per day, region and service."""
    k = hmac.new(f"AWS4{secret}".encode(), date.encode(), hashlib.sha256).digest()
    for part in (region, service, TERMINATOR):
        k = hmac.new(k, part.encode(), hashlib.sha256).digest()
    return k


class _Signer(SigV4Auth):  # type: ignore[misc]  # botocore ships no type hints
    """botocore's signer with the derived key cached; the canonical request and string to sign are botocore's."""

    def signature(self, string_to_sign: str, request: AWSRequest) -> str:
        key = signing_key(
            self.credentials.secret_key, request.context["timestamp"][:8], self._region_name, self._service_name
        )
        return hmac.new(key, string_to_sign.encode("utf-8"), hashlib.sha256).hexdigest()


class _Received(AWSRequest):  # type: ignore[misc]
    """The request as received: its body is the raw bytes (botocore would prepare the whole request for it)."""

    @property
    def body(self) -> bytes:
        return bytes(self.data)


def expected_signature(
    method: str,
    raw_path: str,
    query: str,
    headers: list[tuple[str, str]],
    body: bytes,
    *,
    signed_headers: list[str],
    timestamp: str,
    access_key_id: str,
    secret: str,
    region: str,
    service: str,
) -> str:
    """The signature botocore would compute for this request as received (only its signed headers)."""
    wanted = set(signed_headers)
    host = next((v for n, v in headers if n == "host"), "")
    request = _Received(method, f"http://{host}{raw_path}" + (f"?{query}" if query else ""), data=body)
    for name, value in headers:
        if name in wanted:
            request.headers[name] = value  # HTTPHeaders keeps repeated values; botocore joins them with ","
    request.context["timestamp"] = timestamp
    signer = _Signer(BotoCredentials(access_key_id, secret), service, region)
    canonical = signer.canonical_request(request)
    return str(signer.signature(signer.string_to_sign(request, canonical), request))


def _insecure_caller(headers: dict[str, str], service: str, default_region: str) -> Caller:
    """Any access key and signature, or none; the scope's region when the header names a valid one."""
    scope = re.search(r"Credential=([^,\s]*)", headers.get("authorization", ""))
    parts = scope.group(1).split("/") if scope else []
    akid = parts[0] if parts else ""
    region = parts[2] if len(parts) == 5 and _REGION.match(parts[2]) else default_region
    return Caller(akid, region, service)


def verify(
    method: str,
    raw_path: str,
    query: str,
    headers: list[tuple[str, str]],
    body: bytes,
    *,
    now: float,
    credentials: Credentials,
    insecure: bool,
    service: str | None = None,
    default_region: str = "us-east-1",
) -> Caller:
    """The caller of a request signed with `credentials`, or the service's authentication error (WireError).

    `headers` are (lowercase name, value) as received; `service` is the signing name the request must carry
    (by default from X-Amz-Target, see `expected_service`); `default_region` serves an insecure request whose
    scope names none.
    """
    by_name = {n: v for n, v in headers}
    service = service or expected_service(by_name)
    if insecure:
        return _insecure_caller(by_name, service, default_region)
    authorization = by_name.get("authorization")
    if not authorization:
        raise WireError("MissingAuthenticationTokenException", MISSING, 400, "message")
    parsed = _parse(authorization, by_name)
    stamp = _timestamp(by_name)
    _check_scope(parsed, stamp, service)
    check_skew(stamp, now)
    if not hmac.compare_digest(parsed.access_key_id.encode(), credentials.access_key_id.encode()):
        raise WireError("UnrecognizedClientException", UNRECOGNIZED, 400, "message")
    content_hash = by_name.get("x-amz-content-sha256")
    if content_hash is not None and (content_hash == _UNSIGNED or content_hash != hashlib.sha256(body).hexdigest()):
        raise _invalid(MISMATCH)  # the body must be the one signed: no unsigned payload, no hash of another body
    expected = expected_signature(
        method,
        raw_path,
        query,
        headers,
        body,
        signed_headers=parsed.signed_headers,
        timestamp=stamp,
        access_key_id=parsed.access_key_id,
        secret=credentials.secret_access_key.get_secret_value(),
        region=parsed.region,
        service=parsed.service,
    )
    if not hmac.compare_digest(expected.encode(), parsed.signature.encode()):
        raise _invalid(MISMATCH)
    return Caller(parsed.access_key_id, parsed.region, parsed.service)
