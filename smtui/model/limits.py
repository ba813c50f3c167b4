"""Every limit and enumeration of the service that smtui checks, written once.

Why one module: the model's rules, the local store, the command line's choices and the wizard all need the same
numbers (50 tags, a 7-30 day recovery window, 100 results a page). Written once here, they cannot drift apart;
`tests/unit/test_limits_botocore.py` checks each one that botocore's service model states against that model,
and the rest cite the AWS documentation next to them (see docs/aws-behaviour.md).

Nothing here imports anything: the module is loaded by the start-up path of every command.
"""

from __future__ import annotations

from typing import Final, Literal, get_args

# --- CreateSecret and the secret's members (botocore: secretsmanager service model) -----------------------
NAME_MAX: Final = 512
DESCRIPTION_MAX: Final = 2048
VALUE_MAX: Final = 65536  # SecretString and SecretBinary, in bytes
TOKEN_MIN: Final = 32
TOKEN_MAX: Final = 64
TYPE_MAX: Final = 256
KMS_KEY_ID_MAX: Final = 2048
SECRET_ID_MAX: Final = 2048
TAG_KEY_MAX: Final = 128
TAG_VALUE_MAX: Final = 256
REGION_MAX: Final = 128
REGION_PATTERN: Final = r"^([a-z]+-)+\d+$"
REPLICA_REGIONS_MIN: Final = 1  # AddReplicaRegions, when given

# smtui's own: the most it reads of one request document or list file (--cli-input-json/--cli-input-yaml,
# --tags/--add-replica-regions/--filters file://PATH). A CreateSecret request with its 64 KiB value, 50 tags
# and every member at its maximum is under 200 KiB; 1 MiB leaves room and bounds the memory. docs/cli.md.
DOCUMENT_MAX: Final = 1024 * 1024

# Not in the service model; from the AWS documentation:
# https://docs.aws.amazon.com/secretsmanager/latest/userguide/reference_limits.html (50 tags a secret)
TAGS_MAX: Final = 50
# https://docs.aws.amazon.com/kms/latest/APIReference/API_CreateAlias.html (AliasName, "alias/" included)
ALIAS_NAME_MAX: Final = 256

# KMS, as `smtui serve` answers its TrentService operations (botocore: kms service model; ListAliases' Limit
# is 1-100 in https://docs.aws.amazon.com/kms/latest/APIReference/API_ListAliases.html, default 50; ListKeys'
# default 100 from https://docs.aws.amazon.com/kms/latest/APIReference/API_ListKeys.html).
KMS_DESCRIPTION_MAX: Final = 8192
KMS_LIST_KEYS_MAX: Final = 1000
KMS_LIST_KEYS_DEFAULT: Final = 100
KMS_LIST_ALIASES_MAX: Final = 100
KMS_LIST_ALIASES_DEFAULT: Final = 50
KMS_MARKER_MAX: Final = 1024
# ScheduleKeyDeletion's PendingWindowInDays, https://docs.aws.amazon.com/kms/latest/APIReference/API_ScheduleKeyDeletion.html
KMS_PENDING_WINDOW_MIN: Final = 7
KMS_PENDING_WINDOW_MAX: Final = 30
KMS_PENDING_WINDOW_DEFAULT: Final = 30

# --- ListSecrets -----------------------------------------------------------------------------------------
MAX_RESULTS_MAX: Final = 100
FILTERS_MAX: Final = 10
FILTER_VALUES_MAX: Final = 10
FilterKey = Literal["description", "name", "tag-key", "tag-value", "primary-region", "owning-service", "all"]
FILTER_KEYS: Final[tuple[str, ...]] = get_args(FilterKey)
SortBy = Literal["created-date", "last-accessed-date", "last-changed-date", "name"]
SORT_BY: Final[tuple[str, ...]] = get_args(SortBy)
SortOrder = Literal["asc", "desc"]
SORT_ORDER: Final[tuple[str, ...]] = get_args(SortOrder)

# --- DeleteSecret (the model gives only the type, `long`; the range is the API reference's) ----------------
# https://docs.aws.amazon.com/secretsmanager/latest/apireference/API_DeleteSecret.html
RECOVERY_WINDOW_MIN: Final = 7
RECOVERY_WINDOW_MAX: Final = 30
RECOVERY_WINDOW_DEFAULT: Final = 30

# --- smtui's own enumerations -------------------------------------------------------------------------------
BackendKind = Literal["local", "aws"]
BACKEND_KINDS: Final[tuple[str, ...]] = get_args(BackendKind)
# The AWS CLI's --cli-binary-format values.
BinaryFormat = Literal["base64", "raw-in-base64-out"]
BINARY_FORMATS: Final[tuple[str, ...]] = get_args(BinaryFormat)

# --- The secret's versions: PutSecretValue, UpdateSecret, UpdateSecretVersionStage, ListSecretVersionIds ---
# (botocore: secretsmanager service model; docs/aws-behaviour.md §15)
VERSION_ID_MIN: Final = 32  # a VersionId is the ClientRequestToken that made the version
VERSION_ID_MAX: Final = 64
VERSION_STAGE_MIN: Final = 1
VERSION_STAGE_MAX: Final = 256
VERSION_STAGES_MIN: Final = 1  # labels in one PutSecretValue request, when given
VERSION_STAGES_MAX: Final = 20
SECRET_ID_MIN: Final = 1
NEXT_TOKEN_MIN: Final = 1
NEXT_TOKEN_MAX: Final = 4096
VERSION_IDS_MAX_RESULTS_MAX: Final = 100  # ListSecretVersionIds MaxResults
# Not in the service model; from the AWS documentation
# https://docs.aws.amazon.com/secretsmanager/latest/userguide/whats-in-a-secret.html ("Secret versions"):
# versions without a label are removed when there are more than 100 of them, never those younger than 24 hours.
DEPRECATED_VERSIONS_MAX: Final = 100
DEPRECATED_VERSION_MIN_AGE_S: Final = 24 * 3600

# --- After create: tags, replication, passwords, batch reads, resource policies (docs/aws-behaviour.md §17-§21)
# botocore's model: TagKeyType 1-128 (UntagResource.TagKeys), RemoveReplicaRegions at least 1 region.
REMOVE_REGIONS_MIN: Final = 1
PASSWORD_LENGTH_MIN: Final = 1
PASSWORD_LENGTH_MAX: Final = 4096
PASSWORD_LENGTH_DEFAULT: Final = 32  # the API reference's default
EXCLUDE_CHARACTERS_MAX: Final = 4096
BATCH_SECRET_IDS_MIN: Final = 1
BATCH_SECRET_IDS_MAX: Final = 20
BATCH_MAX_RESULTS_MIN: Final = 1
BATCH_MAX_RESULTS_MAX: Final = 20
BATCH_FILTERS_MAX: Final = 10
RESOURCE_POLICY_MIN: Final = 1
RESOURCE_POLICY_MAX: Final = 20480
# IAM's current policy language version (2008-10-17 is the older one, still accepted):
# https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_version.html
POLICY_VERSION: Final = "2012-10-17"
