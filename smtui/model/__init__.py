"""The one source of truth for every CreateSecret rule. Imports neither Textual nor boto3.

Screens, the CLI and the local store all validate through this package; no rule is written anywhere else.
"""

from smtui.model.request import (
    CreateSecretRequest,
    ReplicaRegion,
    Tag,
    ValidationContext,
    build_request,
    validate_field,
)
from smtui.model.results import (
    CreateSecretResult,
    DeleteSecretResult,
    DescribeSecretResult,
    Identity,
    KmsKey,
    ListSecretsResult,
    NameStatus,
    ReplicationStatusEntry,
    RestoreSecretResult,
    SecretListEntry,
    SecretValueResult,
)

__all__ = [
    "CreateSecretRequest",
    "CreateSecretResult",
    "DeleteSecretResult",
    "DescribeSecretResult",
    "Identity",
    "KmsKey",
    "ListSecretsResult",
    "NameStatus",
    "ReplicaRegion",
    "ReplicationStatusEntry",
    "RestoreSecretResult",
    "SecretListEntry",
    "SecretValueResult",
    "Tag",
    "ValidationContext",
    "build_request",
    "validate_field",
]
