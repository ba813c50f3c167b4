"""Plain-word hints for AWS error codes: the one table that turns a service error into what to do next."""

from __future__ import annotations

HINTS: dict[str, str] = {
    # Not put-secret-value: smtui has no such command yet, and the AWS CLI's takes the value on its command line
    # (shell history, the process list) unless given as file://. The console asks for it in a masked field.
    "ResourceExistsException": "A secret with this name already exists. Choose another name. smtui cannot give an "
    "existing secret a new value yet; to change its value, use the Secrets Manager console (Retrieve secret "
    "value, then Edit), never a command with the value on its command line.",
    "ResourceNotFoundException": "Nothing with that name or ARN exists in this region and account. Check the name, "
    "the region and the account.",
    "InvalidRequestException": "The request cannot be done in the secret's current state.",
    "InvalidParameterException": "A parameter has a value the service does not accept.",
    "ValidationException": "A parameter breaks one of the service's rules (length, characters or format).",
    "EncryptionFailure": "The KMS key cannot be used to encrypt: check that it exists, is enabled, is a symmetric "
    "encryption key, and is not pending deletion.",
    "DecryptionFailure": "The value could not be decrypted: the KMS key is unusable or the stored data was altered.",
    "AccessDeniedException": "Your credentials are not allowed to do this. Ask for secretsmanager:CreateSecret (and "
    "TagResource, ReplicateSecretToRegions, kms:GenerateDataKey/Decrypt as needed), or use another profile.",
    "LimitExceededException": "An account quota was reached. Delete unused secrets or ask AWS for a higher quota.",
    "ThrottlingException": "Too many requests. smtui retried with backoff; wait a moment and try again.",
    "InternalServiceError": "The service had an internal error. Retrying with the same request is safe: smtui "
    "reuses its ClientRequestToken, so no second version is created.",
    "InternalFailure": "The service had an internal error. Retrying with the same request is safe.",
    "UnrecognizedClientException": "The credentials are not valid for this endpoint. Check the profile or keys.",
    "ExpiredTokenException": "The credentials have expired. Refresh them (e.g. `aws sso login`) and try again.",
    "EndpointConnectionError": "The endpoint could not be reached. Check the network, the region and --endpoint-url.",
    "ReadTimeout": "The endpoint did not answer in time. Retrying is safe: the same ClientRequestToken is reused.",
    "ConnectTimeout": "The endpoint did not accept the connection in time. Check the network, a proxy or "
    "VPN, the region and --endpoint-url; --cli-connect-timeout sets the limit.",
    "ConnectionClosedError": "The endpoint closed the connection before answering. Retrying is safe: the "
    "same ClientRequestToken is reused.",
    "SSLError": "The endpoint's TLS certificate could not be verified. Pass --ca-bundle (or set "
    "AWS_CA_BUNDLE) for a private CA; --no-verify-ssl only for a test endpoint you trust.",
    "ProxyConnectionError": "The proxy could not be reached. Check HTTPS_PROXY / HTTP_PROXY and NO_PROXY.",
    "NotFoundException": "The KMS key or alias does not exist in this region. Check the alias (it starts with "
    "`alias/`) or use the key's ARN.",
}

_SCHEDULED = "scheduled for deletion"


def hint_for(code: str, message: str = "") -> str | None:
    """The hint for an AWS error code; a few messages get a more precise one."""
    if code == "InvalidRequestException" and _SCHEDULED in message:
        return (
            "A secret with this name is scheduled for deletion. Restore it (smtui restore-secret --secret-id "
            "NAME), wait until the recovery window ends, or choose another name."
        )
    if code == "ResourceNotFoundException" and "secret value for" in message:
        return (
            "The secret exists, but it has no value with that version id or staging label (a secret created "
            "without a value has none). Check --version-id / --version-stage, or describe-secret to see its "
            "versions."
        )
    if code == "ResourceExistsException" and "ClientRequestToken" in message:
        return (
            "This ClientRequestToken already names a version of the secret with another value. Leave "
            "--client-request-token out (smtui makes a new one), or reuse it only to retry the same request."
        )
    if "invalid KMS key" in message or "Invalid keyId" in message:
        return "The KMS key was not found. An alias must start with `alias/`; a key in another account needs its ARN."
    return HINTS.get(code)
