"""`smtui kms create-key | list-aliases | disable-key | enable-key`: the local store's KMS-like keys.

Only the local store has keys smtui manages; on AWS use `aws kms`. Outputs have the AWS CLI's shapes:
create-key prints {"KeyMetadata": {...}}, list-aliases {"Aliases": [...]}, disable-key and enable-key print
nothing. These are not Secrets Manager operations: no request documents, no skeletons.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any, ClassVar

from smtui.cli.command import Command, Context, Options, option
from smtui.cli.context import as_dict
from smtui.errors import ParameterError


class KmsOptions(Options):
    documents: ClassVar[bool] = False


def _local_store(context: Context) -> Any:
    """The local store (the only one with keys smtui manages); --backend aws is refused."""
    if context.target.backend == "aws":
        raise ParameterError(
            "smtui kms works on the local store only (--backend local); for AWS keys use aws kms",
            field="--backend",
        )
    return context.open_backend(replace(context.target, backend="local"))


@dataclass(frozen=True, kw_only=True)
class CreateKeyOptions(KmsOptions):
    description: str | None = option("--description")
    alias: str | None = option("--alias", metavar="alias/NAME", help="Also create this alias for the key.")


def create_key(options: CreateKeyOptions, context: Context) -> int:
    backend = _local_store(context)
    try:
        result = backend.create_key(description=options.description, alias=options.alias)
    finally:
        backend.close()
    metadata = key_metadata(as_dict(result))
    code = context.emit_change({"KeyMetadata": metadata})  # the key exists: say which if it cannot be printed
    return code


@dataclass(frozen=True, kw_only=True)
class NoOptions(KmsOptions):
    pass


def list_aliases(options: NoOptions, context: Context) -> int:
    backend = _local_store(context)
    try:
        result = backend.list_aliases()
        data = {"Aliases": [as_dict(a) for a in result]} if isinstance(result, list) else as_dict(result)
        context.emit(data)
    finally:
        backend.close()
    return 0


@dataclass(frozen=True, kw_only=True)
class KeyIdOptions(KmsOptions):
    key_id: str = option("--key-id", required=True)


def disable_key(options: KeyIdOptions, context: Context) -> int:
    backend = _local_store(context)
    try:
        backend.disable_key(options.key_id)
    finally:
        backend.close()
    return 0


def enable_key(options: KeyIdOptions, context: Context) -> int:
    backend = _local_store(context)
    try:
        backend.enable_key(options.key_id)
    finally:
        backend.close()
    return 0


def key_metadata(key: dict[str, Any]) -> dict[str, Any]:
    """smtui's KmsKey as the KeyMetadata `aws kms create-key` prints (untracked members left out)."""
    if "KeyMetadata" in key:
        return dict(key["KeyMetadata"])
    arn = str(key.get("Arn") or "")
    parts = arn.split(":")
    meta: dict[str, Any] = {
        "AWSAccountId": parts[4] if len(parts) > 4 else None,
        "KeyId": key.get("KeyId"),
        "Arn": arn or None,
        "Enabled": key.get("KeyState", "Enabled") == "Enabled",
        "Description": key.get("Description") or "",
        "KeyUsage": key.get("KeyUsage", "ENCRYPT_DECRYPT"),
        "KeyState": key.get("KeyState", "Enabled"),
        "Origin": "AWS_KMS",
        "KeyManager": key.get("KeyManager", "CUSTOMER"),
        "CustomerMasterKeySpec": key.get("KeySpec", "SYMMETRIC_DEFAULT"),
        "KeySpec": key.get("KeySpec", "SYMMETRIC_DEFAULT"),
        "EncryptionAlgorithms": ["SYMMETRIC_DEFAULT"],
        "MultiRegion": False,
    }
    return {k: v for k, v in meta.items() if v is not None}


COMMANDS: tuple[Command[Any], ...] = (
    Command("kms create-key", "CreateKey", "Create a customer key in the local store.", CreateKeyOptions, create_key),
    Command("kms list-aliases", "ListAliases", "List the local store's key aliases.", NoOptions, list_aliases),
    Command(
        "kms disable-key",
        "DisableKey",
        "Disable a key (secrets using it can no longer be created or read).",
        KeyIdOptions,
        disable_key,
    ),
    Command("kms enable-key", "EnableKey", "Enable a disabled key.", KeyIdOptions, enable_key),
)
