"""--generate-cli-skeleton and --cli-input-json/--cli-input-yaml for the companion commands, as the AWS CLI has
them on every command.

The input skeletons are the AWS CLI's keys in its order (`aws secretsmanager describe-secret
--generate-cli-skeleton`), with one deterministic value where the AWS CLI picks a random enum member
(SortOrder, SortBy, a filter's Key). A document's members fill only the options not given on the
command line (flags win, as for create-secret). Empty strings are the skeleton's placeholders and mean "not
given", as in create-secret's documents; `SecretId` is required from one side or the other. The output
skeleton, after that check, is botocore's stub of the response (AWS CLI v2's `output`), loaded only then.
"""

from __future__ import annotations

import argparse
import json
from typing import Any

from smtui.cli.parser import get
from smtui.cli.shorthand import read_document
from smtui.errors import ParameterError

OPERATION_NAMES = {
    "describe-secret": "DescribeSecret",
    "get-secret-value": "GetSecretValue",
    "list-secrets": "ListSecrets",
    "delete-secret": "DeleteSecret",
    "restore-secret": "RestoreSecret",
}

# member -> (namespace attribute, type the member must have)
_MEMBERS: dict[str, dict[str, tuple[str, type | tuple[type, ...]]]] = {
    "describe-secret": {"SecretId": ("secret_id", str)},
    "get-secret-value": {
        "SecretId": ("secret_id", str),
        "VersionId": ("version_id", str),
        "VersionStage": ("version_stage", str),
    },
    "list-secrets": {
        "IncludePlannedDeletion": ("include_planned_deletion", bool),
        "MaxResults": ("max_results", int),
        "NextToken": ("next_token", str),
        "Filters": ("filters", list),
        "SortOrder": ("sort_order", str),
        "SortBy": ("sort_by", str),
    },
    "delete-secret": {
        "SecretId": ("secret_id", str),
        "RecoveryWindowInDays": ("recovery_window_in_days", int),
        "ForceDeleteWithoutRecovery": ("force_delete", bool),
    },
    "restore-secret": {"SecretId": ("secret_id", str)},
}

_SKELETONS: dict[str, dict[str, Any]] = {
    "describe-secret": {"SecretId": ""},
    "get-secret-value": {"SecretId": "", "VersionId": "", "VersionStage": ""},
    "list-secrets": {
        "IncludePlannedDeletion": True,
        "MaxResults": 0,
        "NextToken": "",
        "Filters": [{"Key": "description", "Values": [""]}],
        "SortOrder": "asc",
        "SortBy": "created-date",
    },
    "delete-secret": {"SecretId": "", "RecoveryWindowInDays": 0, "ForceDeleteWithoutRecovery": True},
    "restore-secret": {"SecretId": ""},
}


def input_skeleton(command: str) -> dict[str, Any]:
    copied: dict[str, Any] = json.loads(json.dumps(_SKELETONS[command]))
    return copied


def output_skeleton(command: str) -> dict[str, Any]:
    """The response stub AWS CLI v2 prints for `--generate-cli-skeleton output` (botocore's generator)."""
    import botocore.session
    from botocore.utils import ArgumentGenerator

    model = botocore.session.get_session().get_service_model("secretsmanager")
    shape = model.operation_model(OPERATION_NAMES[command]).output_shape
    stub: dict[str, Any] = ArgumentGenerator(use_member_names=True).generate_skeleton(shape)
    return stub


def apply_document(command: str, ns: argparse.Namespace) -> None:
    """Fill the options not given on the command line from --cli-input-json/--cli-input-yaml."""
    raw_json, raw_yaml = get(ns, "cli_input_json"), get(ns, "cli_input_yaml")
    option, raw = ("--cli-input-json", raw_json) if raw_json is not None else ("--cli-input-yaml", raw_yaml)
    if raw is None:
        return
    doc = read_document(raw, option)
    members = _MEMBERS[command]
    if not isinstance(doc, dict):
        raise ParameterError(
            f"The {option} document must be an object whose keys are "
            f"{OPERATION_NAMES[command]} parameters: {', '.join(members)}.",
            field=option,
        )
    unknown = [str(k)[:60] for k in doc if k not in members]
    if unknown:
        raise ParameterError(
            f"{', '.join(map(repr, unknown[:5]))} in the {option} document: not "
            f"{OPERATION_NAMES[command]} parameters; they are {', '.join(members)}.",
            field=unknown[0],
        )
    for key, (attr, kind) in members.items():
        value = doc.get(key)
        if value is None or (value == "" and key != "SecretId") or hasattr(ns, attr):
            continue  # not given in the document, or the command line's option wins
        if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
            raise ParameterError(
                f"{key} in the {option} document must be "
                f"{'a list' if kind is list else getattr(kind, '__name__', 'valid')}.",
                field=key,
            )
        if key == "Filters" and isinstance(value, list):
            _check_filters(value, option)
        setattr(ns, attr, [json.dumps(value)] if key == "Filters" else value)


def _check_filters(filters: list[Any], option: str) -> None:
    """Filters is a list of {Key: text, Values: [text, ...]}. A YAML date (2024-01-01), number or `!!binary`
    is not text: say so (quoting it makes it text), instead of failing later on a type JSON cannot carry."""
    for n, item in enumerate(filters):
        ok = isinstance(item, dict) and all(isinstance(k, str) for k in item)
        values = item.get("Values", []) if ok else None
        ok = ok and isinstance(item.get("Key", ""), str) and isinstance(values, list)
        if not ok or not all(isinstance(v, str) for v in values or []):
            raise ParameterError(
                f"Filters[{n}] in the {option} document must be {{Key: text, Values: [text, ...]}}; a date, "
                "a number, true/false or !!binary is not text (put it in quotes to make it text)",
                field=f"Filters[{n}]",
            )
