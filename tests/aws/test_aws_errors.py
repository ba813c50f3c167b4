"""The one botocore → smtui error mapper: codes, fields, exit codes, and no value in any message.

ClientError shapes are built as botocore builds them (a dict); botocore's own exception classes are raised for
real by a real client where that needs no server (parameter validation happens before sending).
"""

from __future__ import annotations

from typing import Any

import pytest

from smtui.backends.aws_errors import field_for, from_botocore_error, from_client_error, mapped_errors
from smtui.errors import (
    EXIT_CONFIGURATION,
    EXIT_OTHER,
    EXIT_PARAMETER,
    EXIT_SERVICE,
    ConfigurationError,
    ParameterError,
    ServiceError,
    SmtuiError,
    TransportError,
)


def response(code: str, message: str, status: int = 400) -> dict[str, Any]:
    return {"Error": {"Code": code, "Message": message}, "ResponseMetadata": {"HTTPStatusCode": status}}


@pytest.mark.parametrize(
    ("code", "message", "field"),
    [
        ("ResourceExistsException", "The operation failed because the secret app/db already exists.", "Name"),
        ("ResourceExistsException", "You can't use ClientRequestToken t because that value is already in use", "Name"),
        (
            "InvalidRequestException",
            "You can't create this secret because a secret with this name is already scheduled for deletion.",
            "Name",
        ),
        ("ValidationException", "Invalid name. Must be a valid name containing alphanumeric characters", "Name"),
        (
            "ValidationException",
            "1 validation error detected: Value at 'secretString' failed to satisfy "
            "constraint: Member must have length greater than or equal to 1",
            "SecretString",
        ),
        ("ValidationException", "1 validation error detected: Value 'x' at 'description' failed", "Description"),
        ("InvalidParameterException", "The operation failed because of an invalid KMS key: Invalid keyId", "KmsKeyId"),
        ("AccessDeniedException", "Access to KMS is not allowed", "KmsKeyId"),
        ("EncryptionFailure", "The key is disabled", "KmsKeyId"),
        ("NotFoundException", "Alias arn:aws:kms:us-east-1:123456789012:alias/nope is not found.", "KmsKeyId"),
        ("InvalidParameterException", "Invalid replica region.", "AddReplicaRegions"),
        (
            "InvalidParameterException",
            "You can't specify both a binary secret value and a string secret value in the same secret.",
            "SecretString",
        ),
        ("AccessDeniedException", "User is not authorized to perform secretsmanager:CreateSecret", None),
        ("ThrottlingException", "Rate exceeded", None),
    ],
)
def test_field_for(code: str, message: str, field: str | None) -> None:
    assert field_for(code, message) == field


@pytest.mark.parametrize(
    ("code", "status", "retryable"),
    [
        ("ResourceExistsException", 400, False),
        ("ThrottlingException", 400, True),
        ("InternalServiceError", 500, True),
        ("SomethingNew", 503, True),
        ("AccessDeniedException", 400, False),
    ],
)
def test_client_error_is_a_service_error(code: str, status: int, retryable: bool) -> None:
    err = from_client_error(response(code, "words", status))
    assert isinstance(err, ServiceError) and not isinstance(err, TransportError)
    assert (err.code, err.message, err.http_status, err.retryable, err.exit_code) == (
        code,
        "words",
        status,
        retryable,
        EXIT_SERVICE,
    )


def test_a_value_in_flight_is_redacted_even_if_a_server_echoes_it() -> None:
    from smtui.redact import secret_scope

    with secret_scope("Zq9-echoed"):
        err = from_client_error(response("ValidationException", "Value 'Zq9-echoed' at 'secretString' failed"))
    assert "Zq9-echoed" not in err.message and err.field == "SecretString"


def test_scheduled_for_deletion_gets_its_own_hint() -> None:
    err = from_client_error(
        response(
            "InvalidRequestException",
            "You can't create this secret because a secret with this name is already scheduled for deletion.",
        )
    )
    assert err.hint and "restore" in err.hint.lower()


def test_param_validation_error_never_echoes_the_value() -> None:
    """A real botocore client refuses a wrongly typed member before sending; its report echoes the value."""
    import botocore.session

    client = botocore.session.get_session().create_client(
        "secretsmanager",
        region_name="us-east-1",
        endpoint_url="http://127.0.0.1:9",
        aws_access_key_id="a",
        aws_secret_access_key="b",
    )
    with pytest.raises(ParameterError) as caught, mapped_errors():
        client.create_secret(Name="x", ClientRequestToken="t" * 32, SecretString=["Zq9-typed-wrong"])
    err = caught.value
    assert err.exit_code == EXIT_PARAMETER and err.field == "SecretString"
    assert "Zq9-typed-wrong" not in str(err) and "Invalid type for parameter SecretString" in str(err)


@pytest.mark.parametrize(
    ("make", "kind", "exit_code", "code"),
    [
        (lambda b: b.NoRegionError(), ConfigurationError, EXIT_CONFIGURATION, "NoRegion"),
        (lambda b: b.NoCredentialsError(), ConfigurationError, EXIT_CONFIGURATION, "NoCredentials"),
        (lambda b: b.ProfileNotFound(profile="p"), ConfigurationError, EXIT_CONFIGURATION, "ProfileNotFound"),
        (
            lambda b: b.PartialCredentialsError(provider="env", cred_var="AWS_SECRET_ACCESS_KEY"),
            ConfigurationError,
            EXIT_CONFIGURATION,
            "PartialCredentialsError",
        ),
        (
            lambda b: b.EndpointConnectionError(endpoint_url="http://h"),
            TransportError,
            EXIT_OTHER,
            "EndpointConnectionError",
        ),
        (lambda b: b.ConnectTimeoutError(endpoint_url="http://h"), TransportError, EXIT_OTHER, "ConnectTimeout"),
        (lambda b: b.ReadTimeoutError(endpoint_url="http://h"), TransportError, EXIT_OTHER, "ReadTimeout"),
        (
            lambda b: b.ConnectionClosedError(endpoint_url="http://h"),
            TransportError,
            EXIT_OTHER,
            "ConnectionClosedError",
        ),
        (lambda b: b.SSLError(endpoint_url="http://h", error="bad cert"), TransportError, EXIT_OTHER, "SSLError"),
        (
            lambda b: b.UnknownServiceError(service_name="x", known_service_names="y"),
            SmtuiError,
            EXIT_OTHER,
            "UnknownServiceError",
        ),
    ],
)
def test_botocore_errors_are_typed(make: Any, kind: type[SmtuiError], exit_code: int, code: str) -> None:
    from botocore import exceptions

    err = from_botocore_error(make(exceptions))
    assert type(err) is kind
    assert (err.exit_code, err.code) == (exit_code, code)
    assert err.message
    if kind is not SmtuiError:
        assert err.hint
