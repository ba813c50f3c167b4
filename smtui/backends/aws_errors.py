"""Turning every botocore failure into a typed smtui error: the aws backend's only error mapper.

Exit codes follow the AWS CLI v2: a service answer (ClientError) is 254; botocore's configuration failures (no
credentials, no region, unknown profile) are 253; a client-side parameter failure is 252; and a failure to
talk to the endpoint at all (refused, timed out, TLS) is 255, because the AWS CLI v2 reports those through its
general handler — no service ever answered. Hints come from `smtui.hints`, the one table.

Messages are botocore's or the service's own words. botocore's ParamValidationError can echo a parameter's
value, so its report is stripped of values; and every message also goes through `smtui.redact.redact_text`,
which removes the value of a request in flight even if a server were to echo it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from smtui.errors import ConfigurationError, ParameterError, ServiceError, SmtuiError, TransportError
from smtui.hints import hint_for
from smtui.redact import redact_text
from smtui.regions import REGION_HINT

NO_REGION = 'You must specify a region. You can also configure your region by running "aws configure".'
NO_CREDENTIALS = 'Unable to locate credentials. You can configure credentials by running "aws configure".'

RETRYABLE_CODES = frozenset(
    {
        "ThrottlingException",
        "Throttling",
        "TooManyRequestsException",
        "RequestLimitExceeded",
        "InternalServiceError",
        "InternalFailure",
        "InternalServerError",
        "ServiceUnavailable",
        "RequestTimeout",
    }
)
_KMS_CODES = frozenset(
    {"EncryptionFailure", "DecryptionFailure", "NotFoundException", "KMSInvalidStateException", "DisabledException"}
)
_KMS_WORDS = ("KMS", "kms", "keyId", "KeyId")
# ResourceExistsException's member by operation: a value's token is the only thing PutSecretValue and
# UpdateSecret can find taken (docs/aws-behaviour.md §4.1); any other operation's is about the name.
_EXISTS_FIELDS = {"PutSecretValue": "ClientRequestToken", "UpdateSecret": "ClientRequestToken"}
_PARAM_VALUE = re.compile(r", value: .*?(?=, (?:type|valid)[ a-z]*:|$)", re.MULTILINE)
_PARAM_NAME = re.compile(r"parameter (\S+?)(?:,|$| )", re.MULTILINE)
_CONSTRAINT_MEMBER = re.compile(r"at '([A-Za-z]+)")


@contextmanager
def mapped_errors() -> Iterator[None]:
    """Run a botocore call; re-raise any botocore failure as the matching smtui error."""
    from botocore.exceptions import BotoCoreError, ClientError

    try:
        yield
    except ClientError as exc:
        raise from_client_error(exc.response, operation=exc.operation_name) from None
    except BotoCoreError as exc:
        raise from_botocore_error(exc) from None


def from_client_error(response: dict[str, Any], *, operation: str | None = None) -> ServiceError:
    """The service said no: its code and message, the request field concerned, whether a retry may help.

    `operation` is the API operation answered (botocore's `ClientError.operation_name`), when known."""
    error = response.get("Error", {})
    code = str(error.get("Code") or "UnknownError")
    message = redact_text(str(error.get("Message") or ""))
    status = response.get("ResponseMetadata", {}).get("HTTPStatusCode")
    retryable = code in RETRYABLE_CODES or (isinstance(status, int) and status >= 500)
    return ServiceError(
        code,
        message,
        field=field_for(code, message, operation),
        retryable=retryable,
        http_status=status if isinstance(status, int) else None,
    )


def field_for(code: str, message: str, operation: str | None = None) -> str | None:
    """The request member an error concerns, so the wizard goes back to the step that sets it (smtui.routing).

    The service's error document has a code and a message, never a member. Where the code (with the operation)
    names the member, that decides. Several codes cover many members (InvalidRequestException,
    InvalidParameterException, ValidationException, AccessDeniedException), and for those the service's words
    are the only signal it gives: they are read here, the one place in smtui that reads a message to learn
    which member it concerns (the local store puts the member on the errors it raises).
    """
    if code == "ResourceExistsException":  # a taken name, or a reused token: only CreateSecret has a name to take
        return _EXISTS_FIELDS.get(operation or "CreateSecret", "Name")
    lowered = message.lower()
    if "scheduled for deletion" in lowered:  # CreateSecret's InvalidRequestException for a name being deleted
        return "Name"
    if "replica" in lowered:
        return "AddReplicaRegions"
    if code in _KMS_CODES or any(word in message for word in _KMS_WORDS):
        return "KmsKeyId"
    if "invalid name" in lowered:
        return "Name"
    if "binary secret value and a string" in lowered:
        return "SecretString"
    member = _CONSTRAINT_MEMBER.search(message) if code == "ValidationException" else None
    if member:
        name = member.group(1)
        return name[:1].upper() + name[1:]
    if "tag" in lowered and code in ("InvalidParameterException", "ValidationException"):
        return "Tags"
    return None


def from_botocore_error(exc: Exception) -> SmtuiError:
    """Client-side failures: configuration (253), parameters (252), the endpoint unreachable (255)."""
    from botocore import exceptions as bex

    text = redact_text(str(exc))
    if isinstance(exc, bex.NoRegionError):
        return ConfigurationError(
            NO_REGION, code="NoRegion", hint="Pass --region, set AWS_REGION, or add `region` to the profile."
        )
    if isinstance(exc, bex.NoCredentialsError):
        return ConfigurationError(
            NO_CREDENTIALS,
            code="NoCredentials",
            hint="Set AWS_PROFILE or pass --profile, export AWS_ACCESS_KEY_ID and "
            "AWS_SECRET_ACCESS_KEY, run `aws sso login`, or use --backend local.",
        )
    if isinstance(
        exc, bex.ProfileNotFound | bex.PartialCredentialsError | bex.CredentialRetrievalError | bex.InvalidConfigError
    ):
        return ConfigurationError(
            text,
            code=type(exc).__name__,
            hint="Check ~/.aws/config and ~/.aws/credentials (or AWS_CONFIG_FILE and "
            "AWS_SHARED_CREDENTIALS_FILE) and the profile name.",
        )
    if isinstance(exc, bex.InvalidRegionError):  # the AWS CLI v2 reports it through its general handler: 255
        return SmtuiError(text, code="InvalidRegion", hint=REGION_HINT)
    if isinstance(exc, bex.ParamValidationError):
        report = _PARAM_VALUE.sub("", text)
        found = _PARAM_NAME.search(report)
        return ParameterError(report, field=found.group(1) if found else None)
    transport = _transport_code(exc)
    if transport is not None:
        return TransportError(transport, text, hint=hint_for(transport))
    return SmtuiError(text, code=type(exc).__name__)


def _transport_code(exc: Exception) -> str | None:
    from botocore import exceptions as bex

    for kind, code in (
        (bex.ConnectTimeoutError, "ConnectTimeout"),
        (bex.ReadTimeoutError, "ReadTimeout"),
        (bex.SSLError, "SSLError"),
        (bex.ProxyConnectionError, "ProxyConnectionError"),
        (bex.ConnectionClosedError, "ConnectionClosedError"),
        (bex.EndpointConnectionError, "EndpointConnectionError"),
        (bex.ConnectionError, "EndpointConnectionError"),
        (bex.HTTPClientError, "HTTPClientError"),
    ):
        if isinstance(exc, kind):
            return code
    return None
