"""The exact texts of the service's error messages, in one table so they can be corrected in one place.

Texts marked UNCONFIRMED in semantics.md reproduce the code and meaning; their exact words are our best guess.
Functions format the few messages that carry a value; none of them ever receives a secret value.
"""

from __future__ import annotations

# semantics.md §2.1
MISSING_TOKEN = "You must provide a ClientRequestToken value. We recommend a UUID-type value."
# §2.3 (the service lists '!' but the docs do not allow it; smtui rejects '!')
INVALID_NAME = ("Invalid name. Must be a valid name containing alphanumeric characters, or any of the following: "
                "-/_+=.@!")
# §2.5 — UNCONFIRMED
BOTH_VALUES = "You can't specify both a binary secret value and a string secret value in the same secret."
# §2.7
INVALID_KMS_KEY = "The operation failed because of an invalid KMS key: Invalid keyId"
KMS_ACCESS_DENIED = "Access to KMS is not allowed"
# UNCONFIRMED
KMS_KEY_DISABLED = "The operation failed because the KMS key is disabled or not in a usable state: {key}"
KMS_KEY_NOT_SYMMETRIC = "The operation failed because the KMS key is not a symmetric encryption key: {key}"
# §2.8
SCHEDULED_FOR_DELETION = ("You can't create this secret because a secret with this name is already scheduled for "
                          "deletion.")
TOKEN_IN_USE = ("You can't use ClientRequestToken {token} because that value is already in use for a version of "
                "secret {arn}.")
NAME_EXISTS = "The operation failed because the secret {name} already exists."
# §3
NO_CURRENT_VALUE = "Secrets Manager can't find the specified secret value for staging label: AWSCURRENT"
NOT_FOUND = "Secrets Manager can't find the specified secret."
NO_VALUE_FOR_VERSION = "Secrets Manager can't find the specified secret value for VersionId: {version}"
NO_VALUE_FOR_STAGE = "Secrets Manager can't find the specified secret value for staging label: {stage}"
# §3 DeleteSecret — UNCONFIRMED words, confirmed meaning
DELETE_BOTH_OPTIONS = ("You can't use ForceDeleteWithoutRecovery in conjunction with RecoveryWindowInDays.")
RECOVERY_WINDOW_RANGE = ("The RecoveryWindowInDays value must be between 7 and 30 days (inclusive).")
ALREADY_SCHEDULED = ("You can't perform this operation on the secret because it was marked for deletion.")
# §4
INVALID_REPLICA_REGION = "Invalid replica region."
REPLICA_NAME_EXISTS = "Secret with this name already exists in this region"
REPLICA_WRITE = "Operation not permitted on a replica secret. Call must be made in primary secret's region."
REPLICA_KMS_UNUSABLE = "The KMS key {key} is missing, disabled or not permitted in region {region}"  # UNCONFIRMED
# §5
ALIAS_NOT_FOUND = "Alias {alias_arn} is not found."
KEY_NOT_FOUND = "Key '{key_arn}' does not exist"
# §2.2 — the shape of a constraint violation ("1 validation error detected: ...")
CONSTRAINT = "Value '{value}' at '{member}' failed to satisfy constraint: Member must {rule}"
CONSTRAINT_SENSITIVE = "Value at '{member}' failed to satisfy constraint: Member must {rule}"


def validation_errors(violations: list[str]) -> str:
    """Join constraint violations the way the service does."""
    n = len(violations)
    noun = "error" if n == 1 else "errors"
    return f"{n} validation {noun} detected: " + "; ".join(violations)
