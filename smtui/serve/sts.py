"""STS `GetCallerIdentity` over the Query protocol, and STS's XML errors (docs/aws-behaviour.md, "The served
signing, STS, KMS").

Why STS at all: SDK and Terraform flows ask "who am I" before anything else (the AWS provider does, unless told
to skip it), so a local endpoint without it stops them at the start. The answer is the store's account and its
local user (the local backend's `whoami`). The request is `Action=GetCallerIdentity&Version=2011-06-15`, as a
form-encoded POST body or as GET query parameters; the reply is STS's XML (its namespace, the
`GetCallerIdentityResult` wrapper, the RequestId). STS names its authentication errors its own way and sends
them as XML with HTTP 403: `error_reply` turns the front door's JSON-service codes into STS's.
"""

from __future__ import annotations

from typing import TYPE_CHECKING
from urllib.parse import parse_qs
from xml.sax.saxutils import escape

from smtui.serve.wire import Reply, WireError

if TYPE_CHECKING:
    from smtui.backends.local import LocalBackend

NAMESPACE = "https://sts.amazonaws.com/doc/2011-06-15/"
VERSION = "2011-06-15"
OPERATION = "GetCallerIdentity"
CONTENT_TYPE = "text/xml"
FORM = "application/x-www-form-urlencoded"

# The front door's codes (auth.py) as STS names them, with STS's status and, where it differs, its words.
_STS_ERRORS: dict[str, tuple[str, int, str | None]] = {
    "MissingAuthenticationTokenException": (
        "MissingAuthenticationToken",
        403,
        "Request is missing Authentication Token",
    ),
    "UnrecognizedClientException": ("InvalidClientTokenId", 403, None),
    "InvalidSignatureException": ("SignatureDoesNotMatch", 403, None),
    "IncompleteSignatureException": ("IncompleteSignature", 400, None),
}


def is_sts(headers: dict[str, str]) -> bool:
    """An STS Query request: no X-Amz-Target (every JSON service's request carries one)."""
    return "x-amz-target" not in headers


def parameters(method: str, query: str, body: bytes) -> dict[str, str]:
    """The Query protocol's parameters: GET's query string, or the form-encoded POST body (and its query)."""
    found: dict[str, list[str]] = parse_qs(query, keep_blank_values=True)
    if method.upper() == "POST" and body:
        try:
            text = body.decode("utf-8")
        except UnicodeDecodeError:
            raise WireError("MalformedQueryString", "The request body is not form-encoded UTF-8 text.", 400) from None
        found.update(parse_qs(text, keep_blank_values=True))
    return {k: v[0] for k, v in found.items() if v}


def handle(method: str, query: str, body: bytes, backend: LocalBackend, request_id: str) -> Reply:
    """Answer one STS request: GetCallerIdentity, or InvalidAction for any other Action."""
    action = parameters(method, query, body).get("Action")
    if action != OPERATION:
        what = f"Could not find operation {action} for version {VERSION}" if action else "Missing Action"
        raise WireError("InvalidAction", what, 400)
    return get_caller_identity(backend, request_id)


def get_caller_identity(backend: LocalBackend, request_id: str) -> Reply:
    """The store's account and local user, as STS answers GetCallerIdentity."""
    who = backend.whoami()
    body = (
        f'<GetCallerIdentityResponse xmlns="{NAMESPACE}">\n'
        "  <GetCallerIdentityResult>\n"
        f"    <Arn>{escape(who.Arn)}</Arn>\n"
        f"    <UserId>{escape(who.UserId or who.Account)}</UserId>\n"
        f"    <Account>{escape(who.Account)}</Account>\n"
        "  </GetCallerIdentityResult>\n"
        "  <ResponseMetadata>\n"
        f"    <RequestId>{escape(request_id)}</RequestId>\n"
        "  </ResponseMetadata>\n"
        "</GetCallerIdentityResponse>\n"
    )
    return Reply(200, body.encode("utf-8"), CONTENT_TYPE)


def error_reply(err: WireError, request_id: str) -> Reply:
    """A WireError as STS sends it: XML `ErrorResponse` with Type, Code, Message and the RequestId."""
    code, status, words = _STS_ERRORS.get(err.code, (err.code, err.status, None))
    message = words if words is not None else (err.message or "")
    kind = "Receiver" if status >= 500 else "Sender"
    body = (
        f'<ErrorResponse xmlns="{NAMESPACE}">\n'
        f"  <Error>\n    <Type>{kind}</Type>\n    <Code>{escape(code)}</Code>\n"
        f"    <Message>{escape(message)}</Message>\n  </Error>\n"
        f"  <RequestId>{escape(request_id)}</RequestId>\n"
        "</ErrorResponse>\n"
    )
    return Reply(status, body.encode("utf-8"), CONTENT_TYPE, code)
