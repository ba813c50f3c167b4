"""KMS's TrentService operations over the local store's keys, for `smtui serve` (docs/aws-behaviour.md
§22.3).

Why these seven: `aws kms list-keys` / `describe-key`, Terraform's `aws_kms_key` and `aws_kms_alias` and a program
that names its secret's key need them; the keys are the ones the store encrypts with, so what they answer is
what CreateSecret will use. The wire layer only reads the JSON members (a member of the wrong JSON type is the
service's SerializationException); the rules and the words live in the backend (`keys.KmsApi`). KMS's errors
carry a lowercase `message`.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from smtui.errors import ParameterError, ServiceError
from smtui.serve.wire import WireError

if TYPE_CHECKING:
    from smtui.backends.local import LocalBackend

OPERATIONS = frozenset(
    {"CreateKey", "DescribeKey", "ListKeys", "ListAliases", "CreateAlias", "EnableKey", "DisableKey"}
)
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


def _member(body: dict[str, Any], name: str, kind: type) -> Any:
    value = body.get(name)
    if value is None:
        return None
    if (kind is int and isinstance(value, bool)) or not isinstance(value, kind):
        raise WireError("SerializationException", f"{name} must be a JSON {kind.__name__}.", 400, "message")
    return value


def _str(body: dict[str, Any], name: str) -> str | None:
    return _member(body, name, str)  # type: ignore[no-any-return]


def _int(body: dict[str, Any], name: str) -> int | None:
    return _member(body, name, int)  # type: ignore[no-any-return]


def _create_key(body: dict[str, Any], backend: LocalBackend) -> dict[str, Any]:
    options = {name: body[name] for name in _CREATE_OPTIONS if body.get(name) is not None}
    return {"KeyMetadata": backend.kms_create_key(_str(body, "Description"), options)}


_HANDLERS: dict[str, Callable[[dict[str, Any], LocalBackend], dict[str, Any] | None]] = {
    "CreateKey": _create_key,
    "DescribeKey": lambda b, be: {"KeyMetadata": be.kms_describe_key(_str(b, "KeyId"))},
    "ListKeys": lambda b, be: be.kms_list_keys(_int(b, "Limit"), _str(b, "Marker")),
    "ListAliases": lambda b, be: be.kms_list_aliases(_str(b, "KeyId"), _int(b, "Limit"), _str(b, "Marker")),
    "CreateAlias": lambda b, be: be.kms_create_alias(_str(b, "AliasName"), _str(b, "TargetKeyId")),
    "EnableKey": lambda b, be: be.kms_set_key_state(_str(b, "KeyId"), enabled=True),
    "DisableKey": lambda b, be: be.kms_set_key_state(_str(b, "KeyId"), enabled=False),
}


def call(operation: str, body: dict[str, Any], backend: LocalBackend) -> dict[str, Any] | None:
    """One TrentService operation; None is an empty 200 reply. The backend's refusals become KMS's errors."""
    handler = _HANDLERS.get(operation)
    if handler is None:
        raise WireError("UnknownOperationException", None, 400, "message")
    try:
        return handler(body, backend)
    except ServiceError as exc:
        raise WireError(exc.code or "ValidationException", exc.message, 400, "message") from None
    except ParameterError as exc:
        raise WireError("ValidationException", exc.message, 400, "message") from None
