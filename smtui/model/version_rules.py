"""The rules of the requests that change or list a secret's versions (docs/aws-behaviour.md §15): PutSecretValue,
UpdateSecret, UpdateSecretVersionStage, ListSecretVersionIds, and GetSecretValue's version members.

Why here and not in the backends: the local store must refuse a malformed request as the service does, the aws
backend and the command line must say the same before sending; one set of functions serves all three. Like
`rules`, each function returns `RuleIssue`s carrying the service's code and message, and the value rules see only
a length. `botocore_report` tells apart what botocore itself refuses before sending (minimum lengths and values:
exit 252, `Parameter validation failed:`) from what only the service refuses (a ValidationException, exit 254).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from pydantic import SecretBytes, SecretStr

from smtui.model import messages as m
from smtui.model.lifecycle import PutSecretValueRequest, UpdateSecretRequest
from smtui.model.limits import (
    NEXT_TOKEN_MAX,
    NEXT_TOKEN_MIN,
    SECRET_ID_MAX,
    SECRET_ID_MIN,
    TOKEN_MAX,
    TOKEN_MIN,
    VERSION_ID_MAX,
    VERSION_ID_MIN,
    VERSION_IDS_MAX_RESULTS_MAX,
    VERSION_STAGE_MAX,
    VERSION_STAGE_MIN,
    VERSION_STAGES_MAX,
    VERSION_STAGES_MIN,
)
from smtui.model.rules import (
    RuleIssue,
    aws_member,
    both_values_issues,
    description_issues,
    kms_key_id_issues,
    length_issues,
    secret_binary_issues,
    secret_string_issues,
    type_issues,
    unicode_issues,
)

__all__ = [
    "botocore_report",
    "list_version_ids_issues",
    "max_results_issues",
    "put_secret_value_issues",
    "update_secret_issues",
    "update_stage_issues",
    "version_id_issues",
    "version_stage_issues",
    "version_stages_issues",
]

# The minimum botocore checks before sending, by member (a list entry `VersionStages[2]` as its list's entries).
_MINIMUM = {
    "SecretId": SECRET_ID_MIN,
    "ClientRequestToken": TOKEN_MIN,
    "VersionId": VERSION_ID_MIN,
    "RemoveFromVersionId": VERSION_ID_MIN,
    "MoveToVersionId": VERSION_ID_MIN,
    "VersionStage": VERSION_STAGE_MIN,
    "VersionStages": VERSION_STAGES_MIN,
    "VersionStages[]": VERSION_STAGE_MIN,
    "SecretString": 1,  # not SecretBinary: botocore checks no length of a blob
    "NextToken": NEXT_TOKEN_MIN,
    "MaxResults": 1,
}
_INDEX = re.compile(r"\[\d+\]$")


def _text(path: str, text: str, lo: int, hi: int) -> list[RuleIssue]:
    return length_issues(path, len(text), lo, hi, "characters", value=text) + unicode_issues(text, path)


def secret_id_issues(secret_id: str, path: str = "SecretId") -> list[RuleIssue]:
    return _text(path, secret_id, SECRET_ID_MIN, SECRET_ID_MAX)


def version_id_issues(version_id: str | None, path: str = "VersionId") -> list[RuleIssue]:
    """A VersionId (32 to 64 characters: it is the token that made the version)."""
    return [] if version_id is None else _text(path, version_id, VERSION_ID_MIN, VERSION_ID_MAX)


def version_stage_issues(stage: str | None, path: str = "VersionStage") -> list[RuleIssue]:
    """One staging label: 1 to 256 characters."""
    return [] if stage is None else _text(path, stage, VERSION_STAGE_MIN, VERSION_STAGE_MAX)


def version_stages_issues(stages: Sequence[str] | None, path: str = "VersionStages") -> list[RuleIssue]:
    """The labels of one PutSecretValue, when given: 1 to 20 of them, each 1 to 256 characters."""
    if stages is None:
        return []
    issues = length_issues(path, len(stages), VERSION_STAGES_MIN, VERSION_STAGES_MAX, "labels", value=None)
    for i, stage in enumerate(stages):
        issues += version_stage_issues(stage, f"{path}[{i}]")
    return issues


def token_issues(token: str | None, path: str = "ClientRequestToken") -> list[RuleIssue]:
    return [] if token is None else _text(path, token, TOKEN_MIN, TOKEN_MAX)


def max_results_issues(
    value: int | None, path: str = "MaxResults", hi: int = VERSION_IDS_MAX_RESULTS_MAX
) -> list[RuleIssue]:
    """A page size: 1 to `hi` (a value, not a length: the service says "have value")."""
    if value is None or 1 <= value <= hi:
        return []
    low = value < 1
    rule = "have value greater than or equal to 1" if low else f"have value less than or equal to {hi}"
    text = m.validation_errors([m.CONSTRAINT.format(value=value, member=aws_member(path), rule=rule)])
    return [
        RuleIssue(
            field=path,
            message=f"{path} must be between 1 and {hi}; it is {value}.",
            rule=f"{path}.value.{'min' if low else 'max'}",
            aws_message=text,
        )
    ]


def _utf8_length(value: SecretStr) -> int | None:
    try:
        return len(value.get_secret_value().encode("utf-8"))
    except UnicodeEncodeError:
        return None


def value_issues(string: SecretStr | None, binary: SecretBytes | None) -> list[RuleIssue]:
    """SecretString 1 to 65536 UTF-8 bytes or SecretBinary 1 to 65536 bytes, never both (lengths only)."""
    issues = both_values_issues(string is not None, binary is not None)
    if string is not None:
        issues += secret_string_issues(_utf8_length(string))
    if binary is not None:
        issues += secret_binary_issues(len(binary.get_secret_value()))
    return issues


def _required(path: str, message: str, aws_message: str) -> RuleIssue:
    """A member the service requires although botocore does not (InvalidRequestException)."""
    return RuleIssue(
        field=path,
        message=message,
        rule=f"{path}.required",
        aws_code="InvalidRequestException",
        aws_message=aws_message,
    )


def _no_value() -> RuleIssue:
    return _required(
        "SecretString", "PutSecretValue needs a new value: give SecretString or SecretBinary.", m.NO_VALUE_GIVEN
    )


def _no_token() -> RuleIssue:
    text = "ClientRequestToken is required: it becomes the new version's VersionId (a UUID is recommended)."
    return _required("ClientRequestToken", text, m.MISSING_TOKEN)


def put_secret_value_issues(request: PutSecretValueRequest) -> list[RuleIssue]:
    """Every rule of a PutSecretValue request, in the service's order (the token first: it is checked before the
    secret is looked up)."""
    if not request.ClientRequestToken:
        return [_no_token()]
    issues = secret_id_issues(request.SecretId) + token_issues(request.ClientRequestToken)
    issues += value_issues(request.SecretString, request.SecretBinary)
    issues += version_stages_issues(request.VersionStages)
    if request.SecretString is None and request.SecretBinary is None:
        issues.append(_no_value())
    return issues


def update_secret_issues(request: UpdateSecretRequest, region: str | None = None) -> list[RuleIssue]:
    """Every rule of an UpdateSecret request. The token is needed only with a new value; `KmsKeyId=""` means the
    default key (docs/aws-behaviour.md §15.3)."""
    has_value = request.SecretString is not None or request.SecretBinary is not None
    if has_value and not request.ClientRequestToken:
        return [_no_token()]
    issues = secret_id_issues(request.SecretId)
    if has_value:
        issues += token_issues(request.ClientRequestToken)
    issues += description_issues(request.Description)
    issues += type_issues(request.Type)
    issues += kms_key_id_issues(request.KmsKeyId, region=region)
    issues += value_issues(request.SecretString, request.SecretBinary)
    return issues


def update_stage_issues(
    secret_id: str, stage: str, remove_from_version_id: str | None, move_to_version_id: str | None
) -> list[RuleIssue]:
    return (
        secret_id_issues(secret_id)
        + version_stage_issues(stage)
        + version_id_issues(remove_from_version_id, "RemoveFromVersionId")
        + version_id_issues(move_to_version_id, "MoveToVersionId")
    )


def list_version_ids_issues(secret_id: str, max_results: int | None, next_token: str | None) -> list[RuleIssue]:
    issues = secret_id_issues(secret_id) + max_results_issues(max_results)
    if next_token is not None:
        issues += _text("NextToken", next_token, NEXT_TOKEN_MIN, NEXT_TOKEN_MAX)
    return issues


def get_value_issues(secret_id: str, version_id: str | None, version_stage: str | None) -> list[RuleIssue]:
    return secret_id_issues(secret_id) + version_id_issues(version_id) + version_stage_issues(version_stage)


def botocore_report(issues: Sequence[RuleIssue]) -> str | None:
    """botocore's own report for the issues it catches before sending (a minimum length or value), else None.

    `Parameter validation failed:` then one line per member, as the AWS CLI prints it (exit 252).
    """
    lines: list[str] = []
    for issue in issues:
        lo = _MINIMUM.get(_INDEX.sub("[]", issue.field))
        if issue.rule.endswith(".length.min") and lo is not None:
            lines.append(f"Invalid length for parameter {issue.field}, valid min length: {lo}")
        elif issue.rule.endswith(".value.min"):
            lines.append(f"Invalid value for parameter {issue.field}, valid min value: 1")
    return "Parameter validation failed:\n" + "\n".join(lines) if lines else None
