"""Plain-word hints for AWS error codes: the one table that turns a service error into what to do next."""

from __future__ import annotations


def put_value_advice(name: str = "NAME") -> str:
    """How to give the existing secret `name` a new value without the value reaching a command line.

    smtui's own put-secret-value, not the AWS CLI's: that one takes the value as an argument (shell history,
    the process list) unless the person remembers file://. smtui's asks in a masked prompt by default.
    """
    return (
        f"To give that secret a new value, run smtui put-secret-value --secret-id {name}: on a terminal it asks "
        "for the value in a masked prompt (or reads --secret-string file://PATH), never from its command line."
    )


HINTS: dict[str, str] = {
    "ResourceExistsException": "A secret with this name already exists. Choose another name. " + put_value_advice(),
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

_SCHEDULED = (
    "A secret with this name is scheduled for deletion. Restore it (smtui restore-secret --secret-id NAME), wait "
    "until the recovery window ends, or choose another name."
)
_NO_VALUE = (
    "The secret exists, but it has no value with that version id or staging label (a secret created without a "
    "value has none). Check --version-id / --version-stage, or describe-secret to see its versions."
)
_VERSION_ID_REUSED = (
    "This ClientRequestToken already names a version of the secret with another value. Leave "
    "--client-request-token out (smtui makes a new one), or reuse it only to retry the same request."
)
_KMS_KEY_INVALID = (
    "The KMS key was not found. An alias must start with `alias/`; a key in another account needs its ARN."
)

# A more precise hint for a code and the request member it concerns (`SmtuiError.field`).
_BY_FIELD: dict[tuple[str, str], str] = {
    ("InvalidRequestException", "Name"): _SCHEDULED,  # CreateSecret: the one state a free name can be in
    ("InvalidParameterException", "KmsKeyId"): _KMS_KEY_INVALID,
    ("ResourceExistsException", "ClientRequestToken"): _VERSION_ID_REUSED,
    ("ResourceNotFoundException", "VersionId"): _NO_VALUE,
    ("ResourceNotFoundException", "VersionStage"): _NO_VALUE,
}
# Words only, never a step (smtui.routing routes by code and member): two answers that share their code and
# member with another case, told apart by the service's message alone. A secret without an AWSCURRENT value
# answers GetSecretValue as a missing secret does (ResourceNotFoundException about SecretId); the service's
# CreateSecret answers a reused token as a taken name (ResourceExistsException, which routes to the Name step).
_BY_WORDS: tuple[tuple[str, str, str], ...] = (
    ("ResourceNotFoundException", "secret value for", _NO_VALUE),
    ("ResourceExistsException", "ClientRequestToken", _VERSION_ID_REUSED),
)


def hint_for(code: str, message: str = "", field: str | None = None) -> str | None:
    """The hint for an AWS error code, more precise where the member it concerns (or, for two answers, the
    service's words) tells the cases apart."""
    precise = _BY_FIELD.get((code, field or ""))
    if precise is not None:
        return precise
    for words_code, words, hint in _BY_WORDS:
        if code == words_code and words in message:
            return hint
    return HINTS.get(code)
