"""The KMS keys a new secret may use, as the wizard's Encryption step offers them (docs/aws-behaviour.md §5.5).

Kept apart from aws.py because it is the one place that knows KMS: ListAliases + ListKeys (both paginated) and
a DescribeKey per key. A key is offered when it is a customer key with KeySpec SYMMETRIC_DEFAULT, KeyUsage
ENCRYPT_DECRYPT and KeyState Enabled. Of the AWS-managed keys only `aws/secretsmanager` works with Secrets
Manager, and it comes first, flagged IsDefault, even when its alias has no TargetKeyId yet (created on first
use).
"""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from typing import Any

from smtui.backends.aws_errors import mapped_errors
from smtui.errors import ServiceError
from smtui.model import KmsKey

DEFAULT_ALIAS = "alias/aws/secretsmanager"
DEFAULT_DESCRIPTION = "Default key for Secrets Manager (AWS managed; created on first use)"
# DescribeKey is one round trip per key: a few in parallel keep a large account's list quick.
DESCRIBE_WORKERS = 8
# A key we may list but not describe (key policy) is simply not offered.
_SKIPPABLE = frozenset({"AccessDeniedException", "NotFoundException", "KMSInvalidStateException"})


def eligible(meta: dict[str, Any]) -> bool:
    """Can Secrets Manager encrypt with this key? (symmetric, encrypt/decrypt, enabled)."""
    return (
        _spec(meta) == "SYMMETRIC_DEFAULT" and _usage(meta) == "ENCRYPT_DECRYPT" and meta.get("KeyState") == "Enabled"
    )


def _spec(meta: dict[str, Any]) -> str | None:
    spec = meta.get("KeySpec", meta.get("CustomerMasterKeySpec"))
    return str(spec) if spec else None


def _usage(meta: dict[str, Any]) -> str:
    """KeyUsage, or the API's default when a server leaves it out (moto does for symmetric keys)."""
    return str(meta.get("KeyUsage") or "ENCRYPT_DECRYPT")


def list_kms_keys(kms: Any) -> list[KmsKey]:
    """Default entry first, then the eligible customer keys ordered by their first alias, then by key id."""
    with mapped_errors():
        aliases = kms.get_paginator("list_aliases").paginate().build_full_result().get("Aliases", [])
        key_ids = [k["KeyId"] for k in kms.get_paginator("list_keys").paginate().build_full_result().get("Keys", [])]
    names_by_key: dict[str, list[str]] = {}
    default_target: str | None = None
    for alias in aliases:
        target = alias.get("TargetKeyId")
        if target:
            names_by_key.setdefault(target, []).append(alias["AliasName"])
            if alias["AliasName"] == DEFAULT_ALIAS:
                default_target = target
    # The default alias may name a key ListKeys does not return (moto, or not yet visible): describe it too.
    wanted = key_ids + ([default_target] if default_target and default_target not in key_ids else [])
    with ThreadPoolExecutor(max_workers=DESCRIBE_WORKERS) as pool:
        metas = list(pool.map(lambda key_id: _describe(kms, key_id), wanted))

    default = KmsKey(
        KeyId=DEFAULT_ALIAS,
        AliasNames=[DEFAULT_ALIAS],
        KeyManager="AWS",
        IsDefault=True,
        Description=DEFAULT_DESCRIPTION,
    )
    offered: list[KmsKey] = []
    for meta in metas:
        if meta is None:
            continue
        if meta.get("KeyManager") == "AWS":
            if meta["KeyId"] == default_target:
                default = default.model_copy(update={"Arn": meta.get("Arn"), "KeyState": meta["KeyState"]})
            continue
        if eligible(meta):
            offered.append(_key(meta, sorted(names_by_key.get(meta["KeyId"], []))))
    offered.sort(key=lambda k: (not k.AliasNames, k.AliasNames[:1], k.KeyId))
    return [default, *offered]


def _describe(kms: Any, key_id: str) -> dict[str, Any] | None:
    try:
        with mapped_errors():
            meta: dict[str, Any] = kms.describe_key(KeyId=key_id)["KeyMetadata"]
            return meta
    except ServiceError as exc:
        if exc.code in _SKIPPABLE:
            return None
        raise


def _key(meta: dict[str, Any], alias_names: list[str]) -> KmsKey:
    return KmsKey(
        KeyId=meta["KeyId"],
        Arn=meta.get("Arn"),
        AliasNames=alias_names,
        Description=meta.get("Description") or None,
        KeyState=meta["KeyState"],
        KeySpec=_spec(meta) or "SYMMETRIC_DEFAULT",
        KeyUsage=_usage(meta),
        KeyManager="CUSTOMER",
    )
