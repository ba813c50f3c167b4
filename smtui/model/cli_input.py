"""The request as the AWS CLI's `--cli-input-json` document, the skeletons, and the boto3 call parameters.

Why here: the document, the skeleton and the API parameters are three renderings of ONE request; keeping
them beside the model means the CLI, the wizard's review screen and the aws backend cannot disagree on a
key. The model does not read botocore: the command line prints the skeletons it generates from botocore's
service model (smtui.cli.documents); the constants below fix the document's keys and their order for the
model, and tests/unit/test_cli_input.py holds them equal to botocore's generator and to the AWS CLI.

Decisions:
- `to_cli_input` LEAVES OUT SecretString and SecretBinary (a document is a file people keep and share).
  It keeps the ClientRequestToken by default: replaying the same document with the same value is then an
  idempotent retry (docs/aws-behaviour.md §4.1, §4.2) instead of a second secret; `include_token=False` gives a reusable
  template.
- `from_cli_input` accepts a value in the document (the AWS CLI does) but FLAGS it: the returned `CliInput`
  is a dict whose `value_members` names the value members found, so the CLI can warn that the value sat in a
  file or on a command line. The value is wrapped in SecretStr/SecretBytes at once; the dict never holds it
  in the clear. JSON `null` and the skeleton's empty placeholders (`"SecretString": ""`,
  `"SecretBinary": null`, `"ClientRequestToken": ""`) mean "not given", so a filled-in skeleton works with the
  value given by `--secret-string file://…` or the prompt, and a fresh token. A SecretBinary in a document
  is base64 text, as AWS CLI v2 reads blobs (`--cli-binary-format base64`, its default);
  `binary_format="raw-in-base64-out"` takes the text's UTF-8 bytes as AWS CLI v1 does.
- `to_put_cli_input` is put-secret-value's document, for the wizard's put mode: the same rule (no value), and
  no VersionStages unless the request names some (without them the new version takes AWSCURRENT).
- `to_api_params` is the one place the request's value is put into API parameters (the keyword arguments
  of `create_secret`); the other renderings here leave it out.
"""

from __future__ import annotations

import base64
import binascii
import copy
from collections.abc import Mapping
from datetime import datetime
from typing import Any, Literal

from pydantic import SecretBytes, SecretStr

from smtui.errors import Issue, ParameterError
from smtui.model.lifecycle import PutSecretValueRequest
from smtui.model.limits import BinaryFormat
from smtui.model.request import CreateSecretRequest

VALUE_MEMBERS = ("SecretString", "SecretBinary")

# Exactly what `aws secretsmanager create-secret --generate-cli-skeleton input` prints (botocore's
# ArgumentGenerator: strings "", blobs null, booleans true, one element per list), in the model's order.
# Treat as read-only; copy it (copy.deepcopy) before filling it in.
CREATE_SECRET_INPUT_SKELETON: dict[str, Any] = {
    "Name": "",
    "ClientRequestToken": "",
    "Description": "",
    "KmsKeyId": "",
    "SecretBinary": None,
    "SecretString": "",
    "Tags": [{"Key": "", "Value": ""}],
    "AddReplicaRegions": [{"Region": "", "KmsKeyId": ""}],
    "ForceOverwriteReplicaSecret": True,
    "Type": "",
}

# What AWS CLI v2 prints for `--generate-cli-skeleton output`: a stubbed response whose strings are the member
# names (ArgumentGenerator(use_member_names=True)); the timestamp stays a datetime for the output formatter,
# which prints it as the AWS CLI does ("1970-01-01T00:00:00").
CREATE_SECRET_OUTPUT_SKELETON: dict[str, Any] = {
    "ARN": "ARN",
    "Name": "Name",
    "VersionId": "VersionId",
    "ReplicationStatus": [
        {
            "Region": "Region",
            "KmsKeyId": "KmsKeyId",
            "Status": "Status",
            "StatusMessage": "StatusMessage",
            "LastAccessedDate": datetime(1970, 1, 1, 0, 0, 0),
        }
    ],
}

INPUT_KEYS: tuple[str, ...] = tuple(CREATE_SECRET_INPUT_SKELETON)

# Members newer service models have and smtui does not offer (botocore 1.44 added cross-account replicas).
# A newer AWS CLI's skeleton carries them empty: an empty one is ignored, a filled-in one is refused.
UNSUPPORTED_KEYS = {
    "CrossAccountPrimaryARN": "creating a cross-account replica secret (CrossAccountPrimaryARN) is not "
    "supported by smtui; use the AWS CLI for it, or remove the key",
}


class CliInput(dict[str, Any]):
    """A `--cli-input-json/yaml` document's data, ready for `build_request`, and what the CLI must warn of.

    `value_members`: the value members ("SecretString"/"SecretBinary") the document carried with a real value.
    """

    value_members: tuple[str, ...]

    def __init__(self, data: Mapping[str, Any], value_members: tuple[str, ...] = ()) -> None:
        super().__init__(data)
        self.value_members = value_members

    def __repr__(self) -> str:  # the values are wrapped already; say what kind of object this is
        return f"CliInput({dict.__repr__(self)}, value_members={self.value_members!r})"


def to_cli_input(request: CreateSecretRequest, *, include_token: bool = True) -> dict[str, Any]:
    """The `--cli-input-json` document for this request, without the value, keys in the skeleton's order."""
    doc: dict[str, Any] = {}
    for key in INPUT_KEYS:
        if key in VALUE_MEMBERS or (key == "ClientRequestToken" and not include_token):
            continue
        present = _member(request, key)
        if present is not None:
            doc[key] = present
    return doc


# `aws secretsmanager put-secret-value --generate-cli-skeleton`'s keys, in its order, without RotationToken (only a
# rotation function sends it; smtui does not offer it).
PUT_SECRET_VALUE_INPUT_KEYS: tuple[str, ...] = (
    "SecretId",
    "ClientRequestToken",
    "SecretBinary",
    "SecretString",
    "VersionStages",
)


def to_put_cli_input(request: PutSecretValueRequest) -> dict[str, Any]:
    """The put-secret-value `--cli-input-json` document, without the value (as `to_cli_input` leaves it out)."""
    doc: dict[str, Any] = {}
    for key in PUT_SECRET_VALUE_INPUT_KEYS:
        present = getattr(request, key)
        if key not in VALUE_MEMBERS and present is not None:
            doc[key] = list(present) if key == "VersionStages" else present
    return doc


def _member(request: CreateSecretRequest, key: str) -> Any:
    """One member as plain JSON data, or None when it is absent (or an empty list / a default false)."""
    if key == "Tags":
        return [t.model_dump() for t in request.Tags] or None
    if key == "AddReplicaRegions":
        return [r.model_dump(exclude_none=True) for r in request.AddReplicaRegions] or None
    if key == "ForceOverwriteReplicaSecret":
        return True if request.ForceOverwriteReplicaSecret else (False if request.AddReplicaRegions else None)
    value: Any = getattr(request, key)
    return value


def to_api_params(request: CreateSecretRequest) -> dict[str, Any]:
    """The keyword arguments for boto3's `create_secret`, the value included in the clear.

    Absent members are left out (boto3 fills nothing but the token, which a built request always has).
    An empty KmsKeyId means the default key and is left out too.
    """
    params = to_cli_input(request)
    if params.get("KmsKeyId") == "":
        del params["KmsKeyId"]
    for replica in params.get("AddReplicaRegions", []):
        if replica.get("KmsKeyId") == "":
            del replica["KmsKeyId"]
    if request.SecretString is not None:
        params["SecretString"] = request.SecretString.get_secret_value()
    if request.SecretBinary is not None:
        params["SecretBinary"] = request.SecretBinary.get_secret_value()
    return params


def from_cli_input(
    doc: object, *, binary_format: BinaryFormat = "base64", option: str = "--cli-input-json"
) -> CliInput:
    """Check a loaded `--cli-input-json/yaml` document's keys and turn it into `build_request` data.

    Raises ParameterError naming an unknown key (the AWS CLI refuses those too). Member values are checked
    later, by `build_request`, with every other rule. `option` names the document in messages
    (`--cli-input-json` or `--cli-input-yaml`).
    """
    kind = "a YAML mapping" if option.endswith("yaml") else "a JSON object"
    if not isinstance(doc, Mapping):
        raise ParameterError(
            f"The {option} document must be {kind} whose keys are "
            "CreateSecret parameters, like the one --generate-cli-skeleton prints.",
            field="cli-input-json",
        )
    for key, why in UNSUPPORTED_KEYS.items():
        if doc.get(key) not in (None, ""):
            raise ParameterError(f"{key} in the {option} document: {why}.", field=key)
    unknown = [k for k in doc if k not in INPUT_KEYS and k not in UNSUPPORTED_KEYS]
    if unknown:
        shown = ", ".join(repr(str(k)[:60]) for k in unknown[:5])
        keys = ", ".join(INPUT_KEYS)
        issues = [
            Issue(
                str(k)[:60],
                f"{str(k)[:60]!r} in the {option} document is not a CreateSecret parameter; the parameters are {keys}.",
            )
            for k in unknown
        ]
        if len(issues) == 1:
            raise ParameterError.from_issues(issues)
        raise ParameterError(
            f"Unknown parameters in the {option} document: {shown}. The parameters are {keys}.", issues=issues
        )
    data: dict[str, Any] = {}
    found: list[str] = []
    for key in INPUT_KEYS:
        if key not in doc or doc[key] is None or (key == "ClientRequestToken" and doc[key] == ""):
            continue  # null, and the skeleton's empty token, mean "not given" (build_request makes a token)
        value = doc[key]
        if key in VALUE_MEMBERS:
            if value in ("", b""):
                continue  # the skeleton's placeholder: no value in the document
            value = _wrap_value(key, value, binary_format)
            found.append(key)
        data[key] = value
    return CliInput(data, tuple(found))


def _wrap_value(key: str, value: object, binary_format: BinaryFormat) -> object:
    """Wrap a value from a document at once. A wrong type is passed on for build_request to name."""
    if key == "SecretString":
        return SecretStr(value) if isinstance(value, str) else value
    if isinstance(value, bytes | bytearray):  # YAML !!binary
        return SecretBytes(bytes(value))
    if not isinstance(value, str):
        return value
    if binary_format == "raw-in-base64-out":
        try:
            return SecretBytes(value.encode("utf-8"))
        except UnicodeEncodeError:  # its `.object` is the value: keep it out of the raised error's context
            pass
        raise ParameterError("SecretBinary in the input document is not valid Unicode text.", field="SecretBinary")
    try:
        return SecretBytes(base64.b64decode(value.encode("ascii"), validate=True))
    except (binascii.Error, UnicodeEncodeError, ValueError):
        pass
    # raised outside the except block: no exception context that could reach the value
    raise ParameterError(
        "SecretBinary in the input document is not valid base64. AWS CLI v2 reads binary "
        "values in documents as base64 (--cli-binary-format base64); use "
        "--cli-binary-format raw-in-base64-out for raw text, or --secret-binary fileb://PATH.",
        field="SecretBinary",
    )


CliInputData = CliInput  # the name smtui.model exports


def skeleton(kind: Literal["input", "yaml-input", "output"] = "input") -> dict[str, Any]:
    """A fresh copy of what `--generate-cli-skeleton KIND` prints (yaml-input: the input's keys)."""
    return copy.deepcopy(CREATE_SECRET_OUTPUT_SKELETON if kind == "output" else CREATE_SECRET_INPUT_SKELETON)
