"""KMS's TrentService operations over the local store's keys, for `smtui serve` (docs/aws-behaviour.md
§22.3).

Why these: `aws kms list-keys` / `describe-key`, Terraform's `aws_kms_key` and `aws_kms_alias` and a program
that names its secret's key need them; the keys are the ones the store encrypts with, so what they answer is
what CreateSecret will use. The wire layer only reads the JSON members (a member of the wrong JSON type is the
service's SerializationException); the rules and the words live in the backend (`keys.KmsApi`). KMS's errors
carry a lowercase `message`.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from smtui.errors import ParameterError, ServiceError
from smtui.serve import wire
from smtui.serve.wire import WireError

if TYPE_CHECKING:
    from smtui.backends.local import LocalBackend

OPERATIONS = frozenset(
    {
        "CreateKey",
        "DescribeKey",
        "ListKeys",
        "ListAliases",
        "CreateAlias",
        "EnableKey",
        "DisableKey",
        "GetKeyPolicy",
        "GetKeyRotationStatus",
        "ListResourceTags",
        "DeleteAlias",
        "ScheduleKeyDeletion",
        "CancelKeyDeletion",
    }
)
# The local store's keys carry no policy of their own, no rotation and no tags: these three reads answer what a
# new symmetric key has in KMS (its default key policy, rotation off, no tags). Terraform's `aws_kms_key` reads
# all three after CreateKey and DescribeKey, and fails without them; its destroy deletes the alias and schedules
# the key's deletion (which the local store never carries out: see keys.KmsApi.schedule_deletion).
DEFAULT_POLICY_NAME = "default"
_CREATE_OPTIONS = (
    "KeyUsage",
    "KeySpec",
    "CustomerMasterKeySpec",
    "Origin",
    "MultiRegion",
    "Tags",
    "BypassPolicyLockoutSafetyCheck",
    "Policy",
    "CustomKeyStoreId",
    "XksKeyId",
)


_str, _int = wire.text, wire.integer  # the wire's member readers; `call` gives their errors KMS's `message`


def _create_key(body: dict[str, Any], backend: LocalBackend) -> dict[str, Any]:
    options = {name: body[name] for name in _CREATE_OPTIONS if body.get(name) is not None}
    return {"KeyMetadata": backend.kms_create_key(_str(body, "Description"), options)}


def default_key_policy(account: str) -> str:
    """KMS's default key policy: the account's root may do anything with the key (IAM policies decide the rest).
    https://docs.aws.amazon.com/kms/latest/developerguide/key-policy-default.html"""
    statement = {
        "Sid": "Enable IAM User Permissions",
        "Effect": "Allow",
        "Principal": {"AWS": f"arn:aws:iam::{account}:root"},
        "Action": "kms:*",
        "Resource": "*",
    }
    return json.dumps({"Version": "2012-10-17", "Id": "key-default-1", "Statement": [statement]}, indent=2)


def _key_policy(body: dict[str, Any], backend: LocalBackend) -> dict[str, Any]:
    arn = backend.kms_key_arn(_str(body, "KeyId"))
    name = _str(body, "PolicyName") or DEFAULT_POLICY_NAME
    if name != DEFAULT_POLICY_NAME:
        raise ServiceError("NotFoundException", f"No such policy exists: {name}")
    return {"Policy": default_key_policy(arn.split(":")[4]), "PolicyName": DEFAULT_POLICY_NAME}


def _rotation_status(body: dict[str, Any], backend: LocalBackend) -> dict[str, Any]:
    return {"KeyRotationEnabled": False, "KeyId": backend.kms_key_arn(_str(body, "KeyId"))}


def _resource_tags(body: dict[str, Any], backend: LocalBackend) -> dict[str, Any]:
    backend.kms_key_arn(_str(body, "KeyId"))
    _int(body, "Limit")
    _str(body, "Marker")
    return {"Tags": [], "Truncated": False}


_HANDLERS: dict[str, Callable[[dict[str, Any], LocalBackend], dict[str, Any] | None]] = {
    "CreateKey": _create_key,
    "DescribeKey": lambda b, be: {"KeyMetadata": be.kms_describe_key(_str(b, "KeyId"))},
    "ListKeys": lambda b, be: be.kms_list_keys(_int(b, "Limit"), _str(b, "Marker")),
    "ListAliases": lambda b, be: be.kms_list_aliases(_str(b, "KeyId"), _int(b, "Limit"), _str(b, "Marker")),
    "CreateAlias": lambda b, be: be.kms_create_alias(_str(b, "AliasName"), _str(b, "TargetKeyId")),
    "EnableKey": lambda b, be: be.kms_set_key_state(_str(b, "KeyId"), enabled=True),
    "DisableKey": lambda b, be: be.kms_set_key_state(_str(b, "KeyId"), enabled=False),
    "GetKeyPolicy": _key_policy,
    "GetKeyRotationStatus": _rotation_status,
    "ListResourceTags": _resource_tags,
    "DeleteAlias": lambda b, be: be.kms_delete_alias(_str(b, "AliasName")),
    "ScheduleKeyDeletion": lambda b, be: be.kms_schedule_key_deletion(_str(b, "KeyId"), _int(b, "PendingWindowInDays")),
    "CancelKeyDeletion": lambda b, be: be.kms_cancel_key_deletion(_str(b, "KeyId")),
}


def call(operation: str, body: dict[str, Any], backend: LocalBackend) -> dict[str, Any] | None:
    """One TrentService operation; None is an empty 200 reply. The backend's refusals become KMS's errors."""
    handler = _HANDLERS.get(operation)
    if handler is None:
        raise WireError("UnknownOperationException", None, 400, "message")
    try:
        return handler(body, backend)
    except WireError as err:  # a member of the wrong JSON type: KMS spells the message's key in lowercase
        err.message_key = "message"
        raise
    except ServiceError as exc:
        raise WireError(exc.code or "ValidationException", exc.message, 400, "message") from None
    except ParameterError as exc:
        raise WireError("ValidationException", exc.message, 400, "message") from None
