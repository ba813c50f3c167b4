"""The one source of truth for every CreateSecret rule. Imports neither Textual nor boto3.

Screens, the CLI and the local store all validate through this package; no rule is written anywhere else.
"""

from smtui.model.cli_input import (
    CREATE_SECRET_INPUT_SKELETON,
    CREATE_SECRET_OUTPUT_SKELETON,
    CliInput,
    from_cli_input,
    skeleton,
    to_api_params,
    to_cli_input,
)
from smtui.model.messages import aws_error_for, aws_error_for_issues
from smtui.model.request import (
    CreateSecretRequest,
    ReplicaRegion,
    Tag,
    ValidationContext,
    build_request,
    request_warnings,
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
from smtui.model.rules import RuleIssue

__all__ = [
    "CREATE_SECRET_INPUT_SKELETON",
    "CREATE_SECRET_OUTPUT_SKELETON",
    "CliInput",
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
    "RuleIssue",
    "SecretListEntry",
    "SecretValueResult",
    "Tag",
    "ValidationContext",
    "aws_error_for",
    "aws_error_for_issues",
    "build_request",
    "from_cli_input",
    "request_warnings",
    "skeleton",
    "to_api_params",
    "to_cli_input",
    "validate_field",
]
