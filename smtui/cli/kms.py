"""`smtui kms create-key | list-aliases | disable-key | enable-key`: the local store's KMS-like keys.

Only the local store has keys smtui manages; on AWS use `aws kms`. Outputs have the AWS CLI's shapes:
create-key prints {"KeyMetadata": {...}}, list-aliases {"Aliases": [...]}, disable-key and enable-key print
nothing.
"""

from __future__ import annotations

import argparse
from dataclasses import replace
from typing import Any

from smtui.cli.context import as_dict, done_but_unwritten, emit, open_target, target_settings
from smtui.cli.parser import get
from smtui.errors import ParameterError


def run(command: str | None, ns: argparse.Namespace) -> int:
    settings = target_settings(ns)
    if settings.backend == "aws":
        raise ParameterError(
            "smtui kms works on the local store only (--backend local); for AWS keys use aws kms",
            field="--backend",
        )
    backend: Any = open_target(replace(settings, backend="local"))
    try:
        if command == "create-key":
            from smtui.cli.stdio import OutputFailed

            result = backend.create_key(description=get(ns, "description"), alias=get(ns, "alias"))
            metadata = key_metadata(as_dict(result))
            try:
                emit({"KeyMetadata": metadata}, ns, "CreateKey")
            except OutputFailed as exc:  # the key exists: say which (smtui.cli.stdio)
                return done_but_unwritten("CreateKey", metadata, exc)
        elif command == "list-aliases":
            result = backend.list_aliases()
            data = {"Aliases": [as_dict(a) for a in result]} if isinstance(result, list) else as_dict(result)
            emit(data, ns, "ListAliases")
        elif command == "disable-key":
            backend.disable_key(ns.key_id)
        elif command == "enable-key":
            backend.enable_key(ns.key_id)
        else:
            raise ParameterError("smtui kms: give a command: create-key, list-aliases, disable-key or enable-key")
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
