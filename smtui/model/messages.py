"""The exact texts of the service's error messages, in one table so they can be corrected in one place.

Texts marked UNCONFIRMED reproduce the code and meaning; their exact words are our best guess ("unconfirmed
wording" in docs/aws-behaviour.md §14). The § numbers below are sections of docs/aws-behaviour.md.
Functions format the few messages that carry a value; none of them ever receives a secret value.
"""

# ruff: noqa: S105  (constants named *TOKEN* here are messages, not passwords)
from __future__ import annotations

# docs/aws-behaviour.md §4.3
MISSING_TOKEN = "You must provide a ClientRequestToken value. We recommend a UUID-type value."
# §2.3 (the service lists '!' but the docs do not allow it; smtui rejects '!')
INVALID_NAME = (
    "Invalid name. Must be a valid name containing alphanumeric characters, or any of the following: -/_+=.@!"
)
# §2.4 — UNCONFIRMED
BOTH_VALUES = "You can't specify both a binary secret value and a string secret value in the same secret."
# §5.2
INVALID_KMS_KEY = "The operation failed because of an invalid KMS key: Invalid keyId"
KMS_ACCESS_DENIED = "Access to KMS is not allowed"
# UNCONFIRMED
KMS_KEY_DISABLED = "The operation failed because the KMS key is disabled or not in a usable state: {key}"
KMS_KEY_NOT_SYMMETRIC = "The operation failed because the KMS key is not a symmetric encryption key: {key}"
# §3.1, §3.2, §4.1
SCHEDULED_FOR_DELETION = (
    "You can't create this secret because a secret with this name is already scheduled for deletion."
)
TOKEN_IN_USE = (
    "You can't use ClientRequestToken {token} because that value is already in use for a version of secret {arn}."
)
NAME_EXISTS = "The operation failed because the secret {name} already exists."
# §3.4, §7.1, §9
NO_CURRENT_VALUE = "Secrets Manager can't find the specified secret value for staging label: AWSCURRENT"
NOT_FOUND = "Secrets Manager can't find the specified secret."
NO_VALUE_FOR_VERSION = "Secrets Manager can't find the specified secret value for VersionId: {version}"
NO_VALUE_FOR_STAGE = "Secrets Manager can't find the specified secret value for staging label: {stage}"
# §11.1 DeleteSecret — UNCONFIRMED words, confirmed meaning
DELETE_BOTH_OPTIONS = "You can't use ForceDeleteWithoutRecovery in conjunction with RecoveryWindowInDays."
RECOVERY_WINDOW_RANGE = "The RecoveryWindowInDays value must be between 7 and 30 days (inclusive)."
ALREADY_SCHEDULED = "You can't perform this operation on the secret because it was marked for deletion."
# §6
INVALID_REPLICA_REGION = "Invalid replica region."
REPLICA_NAME_EXISTS = "Secret with this name already exists in this region"
REPLICA_WRITE = "Operation not permitted on a replica secret. Call must be made in primary secret's region."
# UNCONFIRMED
REPLICA_KMS_UNUSABLE = "The KMS key {key} is missing, disabled or not permitted in region {region}"
# §5.6
ALIAS_NOT_FOUND = "Alias {alias_arn} is not found."
KEY_NOT_FOUND = "Key '{key_arn}' does not exist"
# §15 versions and staging labels (PutSecretValue, UpdateSecret, UpdateSecretVersionStage, GetSecretValue)
STAGE_NOT_ON_VERSION = "You provided a VersionStage that is not associated to the provided VersionId."
NO_VALUE_GIVEN = "You must provide either SecretString or SecretBinary."  # UNCONFIRMED
# UNCONFIRMED: the texts other implementations of the service send
REMOVE_FROM_EMPTY = (
    "The parameter RemoveFromVersionId can't be empty. Staging label {stage} is currently attached to version "
    "{version}, so you must explicitly reference that version in RemoveFromVersionId."
)
REMOVE_FROM_WRONG = (
    "When you move staging label {stage}, if you specify RemoveFromVersionId, it must be set to the version that "
    "currently has the staging label {stage}."
)
# UNCONFIRMED: smtui's words for documented refusals
NO_SUCH_VERSION = "The parameter {member} refers to version {version}, which this secret does not have."
CURRENT_NEEDS_TARGET = (
    "You can't remove the staging label AWSCURRENT without moving it: give MoveToVersionId, the version that "
    "becomes current."
)
NO_STAGE_TARGET = "You must provide MoveToVersionId, RemoveFromVersionId, or both."
TOO_MANY_DEPRECATED = (
    "You can't add a version to this secret now: it has more than 100 versions without a staging label that are "
    "less than 24 hours old, and Secrets Manager removes only older ones."
)
# §2.2 — the shape of a constraint violation ("1 validation error detected: ...")
CONSTRAINT = "Value '{value}' at '{member}' failed to satisfy constraint: Member must {rule}"
CONSTRAINT_SENSITIVE = "Value at '{member}' failed to satisfy constraint: Member must {rule}"


def validation_errors(violations: list[str]) -> str:
    """Join constraint violations the way the service does."""
    n = len(violations)
    noun = "error" if n == 1 else "errors"
    return f"{n} validation {noun} detected: " + "; ".join(violations)


# §2.5 — tag rules; the code and words are UNCONFIRMED (InvalidParameterException or ValidationException)
TAG_PATTERN = r"^([\p{L}\p{Z}\p{N}_.:/=+\-@]*)$"
RESERVED_TAG = "Invalid tag key or value: the aws: prefix is reserved for AWS use."
DUPLICATE_TAG = "Duplicate tag keys are not allowed in the same request."
TOO_MANY_TAGS = "You can't add more than 50 tags to a secret."

# The order in which the service reports what it finds (§2.7): constraint violations all
# together first, then the name's characters, then the parameter checks.
_CODE_ORDER = {"ValidationException": 0, "InvalidParameterException": 1, "InvalidRequestException": 2}


def aws_error_for(issue: object) -> tuple[str, str]:
    """The (code, message) the service would return for one model Issue.

    Issues made by `smtui.model.rules` carry them; any other Issue becomes a ValidationException with its own
    text. Sensitive members never have their value in the message (the rules never see it).
    """
    code = getattr(issue, "aws_code", "") or "ValidationException"
    message = getattr(issue, "aws_message", "") or str(issue)
    return code, message


def aws_error_for_issues(issues: list[object]) -> tuple[str, str]:
    """The single error the service returns for a whole rejected request.

    Constraint violations ("Value … failed to satisfy constraint") are reported together in one
    ValidationException, as the service does; otherwise the first issue in the service's order wins.
    """
    errors = [i for i in issues if getattr(i, "severity", "error") == "error"]
    if not errors:
        raise ValueError("no error to report")
    pairs = [aws_error_for(i) for i in errors]
    prefix = "1 validation error detected: "
    constraints = [
        msg[len(prefix) :]
        for code, msg in pairs
        if code == "ValidationException" and msg.startswith(prefix) and "failed to satisfy constraint" in msg
    ]
    if constraints:
        return "ValidationException", validation_errors(constraints)
    return min(pairs, key=lambda p: _CODE_ORDER.get(p[0], 9))


# --- §17-§21: tags, replication, passwords, batch reads and resource policies after create -----------------
# §17 (a TagResource with an empty Tags list: the service's constraint shape) — UNCONFIRMED
EMPTY_TAG_LIST = "Value '[]' at 'tags' failed to satisfy constraint: Member must have length greater than or equal to 1"
# §18 — UNCONFIRMED words, documented meaning
REGION_ALREADY_REPLICATED = "The secret is already replicated to region {region}."
REGION_NOT_REPLICATED = "The secret isn't replicated to region {region}."
NOT_A_REPLICA = "This secret isn't a replica; call StopReplicationToReplica in the region of a replica secret."
# §19 GetRandomPassword
PASSWORD_TOO_SHORT = "Password length is too short based on the required types."
PASSWORD_NOTHING_LEFT = "The password can't be generated: every character is excluded."  # UNCONFIRMED
# §20 BatchGetSecretValue — UNCONFIRMED
BATCH_IDS_AND_FILTERS = "You can't use both SecretIdList and Filters in one request; use one of them."
BATCH_NEITHER = "You must provide either SecretIdList or Filters."
BATCH_MAX_RESULTS_ALONE = "You can use MaxResults only with Filters, not with SecretIdList."
# §21 resource policies
POLICY_SYNTAX = "This policy has invalid syntax."
# the API reference's description of PublicPolicyException
PUBLIC_POLICY = (
    "The BlockPublicPolicy parameter is set to true, and the resource policy did not prevent broad access to the "
    "secret."
)
