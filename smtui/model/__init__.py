"""The one source of truth for every CreateSecret rule. Imports neither Textual nor boto3.

Screens, the CLI and the local store all validate through this package; no rule is written anywhere else.

Why the names load lazily (PEP 562): `smtui.model.limits` is read by the start-up path of every command and of
the wizard (the parser's choices, the target settings), and importing any submodule runs this file first; the
rules and pydantic load only when a name below is first used.
"""

from __future__ import annotations

from types import ModuleType
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
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

_SOURCES = {
    "CREATE_SECRET_INPUT_SKELETON": "smtui.model.cli_input",
    "CREATE_SECRET_OUTPUT_SKELETON": "smtui.model.cli_input",
    "CliInput": "smtui.model.cli_input",
    "CreateSecretRequest": "smtui.model.request",
    "CreateSecretResult": "smtui.model.results",
    "DeleteSecretResult": "smtui.model.results",
    "DescribeSecretResult": "smtui.model.results",
    "Identity": "smtui.model.results",
    "KmsKey": "smtui.model.results",
    "ListSecretsResult": "smtui.model.results",
    "NameStatus": "smtui.model.results",
    "ReplicaRegion": "smtui.model.request",
    "ReplicationStatusEntry": "smtui.model.results",
    "RestoreSecretResult": "smtui.model.results",
    "RuleIssue": "smtui.model.rules",
    "SecretListEntry": "smtui.model.results",
    "SecretValueResult": "smtui.model.results",
    "Tag": "smtui.model.request",
    "ValidationContext": "smtui.model.request",
    "aws_error_for": "smtui.model.messages",
    "aws_error_for_issues": "smtui.model.messages",
    "build_request": "smtui.model.request",
    "from_cli_input": "smtui.model.cli_input",
    "request_warnings": "smtui.model.request",
    "skeleton": "smtui.model.cli_input",
    "to_api_params": "smtui.model.cli_input",
    "to_cli_input": "smtui.model.cli_input",
    "validate_field": "smtui.model.request",
}


def _module(source: str) -> ModuleType:
    """The submodule by its name, imported with a plain import statement (the layer test sees each arrow)."""
    if source == "smtui.model.cli_input":
        import smtui.model.cli_input as cli_input

        return cli_input
    if source == "smtui.model.messages":
        import smtui.model.messages as messages

        return messages
    if source == "smtui.model.request":
        import smtui.model.request as request

        return request
    if source == "smtui.model.results":
        import smtui.model.results as results

        return results
    import smtui.model.rules as rules

    return rules


def __getattr__(name: str) -> Any:
    source = _SOURCES.get(name)
    if source is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(_module(source), name)
    globals()[name] = value
    return value


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
