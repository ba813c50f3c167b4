"""The request as a document: --generate-cli-skeleton, --cli-input-json/--cli-input-yaml, and the command-line
flags merged over it (flags win, as in the AWS CLI).

The skeleton has exactly the keys, in the order, that `aws secretsmanager create-secret
--generate-cli-skeleton` prints, so a document made for one tool works with the other. A value is never taken
from an *inline* document (that would put it in argv, like a literal --secret-string); from a `file://`
document it is accepted, as a file is.
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from smtui.cli.parser import get
from smtui.cli.shorthand import parse_structs, read_document
from smtui.cli.value_source import BinaryFormat
from smtui.errors import ParameterError
from smtui.model.cli_input import VALUE_MEMBERS, from_cli_input
from smtui.model.cli_input import skeleton as model_skeleton
from smtui.output import OutputOptions, render

_YAML_COMMENTS = {
    "Name": "[REQUIRED] The name of the new secret.",
    "ClientRequestToken": "Unique identifier of the new version (32-64 characters; default: a new UUID).",
    "Description": "The description of the secret.",
    "KmsKeyId": "Key id, key ARN, alias/NAME or alias ARN (default: alias/aws/secretsmanager).",
    "SecretBinary": "The binary value (base64). With smtui, prefer --secret-binary fileb://PATH.",
    "SecretString": "The text value. With smtui, prefer --secret-string file://PATH or -.",
    "Tags": "A list of tags (Key 1-128 characters, Value 0-256).",
    "AddReplicaRegions": "Regions (and optional KMS keys) to replicate the secret to.",
    "ForceOverwriteReplicaSecret": "Overwrite a secret with the same name in a replica region.",
    "Type": "Reserved for secrets managed by other services.",
}

VALUE_KEYS = VALUE_MEMBERS


def skeleton(kind: str) -> str:
    """The text --generate-cli-skeleton prints."""
    if kind == "output":
        return render(model_skeleton("output"), OutputOptions(format="json"))
    if kind == "yaml-input":
        lines = []
        for key, value in model_skeleton("input").items():
            if isinstance(value, list):
                lines.append(f"{key}:  # {_YAML_COMMENTS[key]}")
                for n, (k, v) in enumerate(value[0].items()):
                    lines.append(f"{'- ' if n == 0 else '  '}{k}: '{v}'")
            else:
                shown = "''" if value == "" else ("null" if value is None else str(value).lower())
                lines.append(f"{key}: {shown}  # {_YAML_COMMENTS[key]}")
        return "\n".join(lines) + "\n"
    return json.dumps(model_skeleton("input"), indent=4) + "\n"


def load_document(ns: argparse.Namespace, binary_format: BinaryFormat) -> tuple[dict[str, Any], bool]:
    """The --cli-input-json/--cli-input-yaml document (or {}), and whether it came from a file."""
    raw_json, raw_yaml = get(ns, "cli_input_json"), get(ns, "cli_input_yaml")
    option, raw = ("--cli-input-json", raw_json) if raw_json is not None else ("--cli-input-yaml", raw_yaml)
    if raw is None:
        return {}, False
    from_file = raw.startswith("file://")
    data = from_cli_input(read_document(raw, option), binary_format=binary_format, option=option)
    if data.value_members and not from_file:
        member = data.value_members[0]
        raise ParameterError(
            f"{member}: an inline {option} document may not carry the secret value: it would be "
            "saved in your shell history and visible in the process list. Put the document in a file "
            f"({option} file://PATH), or leave the value out and use --secret-string file://PATH or -.",
            field=member,
        )
    if data.value_members:
        print(
            f"smtui: note: the secret value was read from the {option} file; keep that file private or delete it",
            file=sys.stderr,
        )
    return data, from_file


FLAG_MEMBERS = (
    ("name", "Name"),
    ("client_request_token", "ClientRequestToken"),
    ("description", "Description"),
    ("kms_key_id", "KmsKeyId"),
    ("force_overwrite_replica_secret", "ForceOverwriteReplicaSecret"),
    ("type", "Type"),
)


def merge_flags(doc: dict[str, Any], ns: argparse.Namespace) -> dict[str, Any]:
    """The request data: the document, then every flag given on the command line over it. No value here."""
    data = {k: v for k, v in doc.items() if k not in VALUE_KEYS}
    for attr, member in FLAG_MEMBERS:
        value = get(ns, attr)
        if value is not None:
            data[member] = value
    tags = get(ns, "tags")
    if tags is not None:
        data["Tags"] = parse_structs(tags, "--tags", ("Key", "Value"))
    replicas = get(ns, "add_replica_regions")
    if replicas is not None:
        data["AddReplicaRegions"] = parse_structs(replicas, "--add-replica-regions", ("Region", "KmsKeyId"))
    for key in ("ClientRequestToken", "Description", "KmsKeyId", "Type"):
        if data.get(key) == "":  # a skeleton's empty placeholders mean "not given"
            data.pop(key)
    return data
