"""KMS-like keys of the local store, per region: the AWS managed `aws/secretsmanager` key and customer keys.

Why it behaves like KMS (docs/aws-behaviour.md §5): a secret made locally must fail where AWS would fail, so the
wizard and the CLI show the same errors on both backends. The default key is created on first use; a KmsKeyId
may be a key id, a key ARN, `alias/NAME` or an alias ARN; a bare name is not an alias; a disabled key cannot
encrypt. Key material never touches the database: it lives with a `MaterialProvider` (keyring or key file).
"""

from __future__ import annotations

import re
import sqlite3
import time
from dataclasses import dataclass, field
from typing import Any

from smtui.backends.local import ids
from smtui.backends.local.crypto import new_material
from smtui.backends.local.material import MaterialProvider
from smtui.backends.local.store import Store
from smtui.errors import ConfigurationError, ServiceError
from smtui.model import KmsKey
from smtui.model import messages as msg

DEFAULT_DESCRIPTION = "Default key that protects my Secrets Manager data when no other key is defined"
_UUID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")
_ALIAS_NAME = re.compile(r"^alias/[a-zA-Z0-9/_-]{1,250}$")


@dataclass
class KeyRow:
    key_id: str
    region: str
    description: str | None
    state: str
    manager: str
    provider: str
    aliases: list[str] = field(default_factory=list)


def _invalid_key() -> ServiceError:
    return ServiceError("InvalidParameterException", msg.INVALID_KMS_KEY, field="KmsKeyId")


def _not_found(region: str, account: str, key_id: str) -> ServiceError:
    return ServiceError("NotFoundException", msg.KEY_NOT_FOUND.format(key_arn=ids.key_arn(region, account, key_id)))


def is_default(given: str | None, region: str, account: str) -> bool:
    return given in (None, "", ids.DEFAULT_KEY_ALIAS, ids.alias_arn(region, account, ids.DEFAULT_KEY_ALIAS))


class Keys:
    """The KMS-like keys of one store; every method runs inside a transaction the caller opened."""

    def __init__(self, store: Store, provider: MaterialProvider) -> None:
        self.store = store
        self.provider = provider
        self._cache: dict[str, bytes] = {}

    # --- lookups -------------------------------------------------------------------------------------------
    def _row(self, conn: sqlite3.Connection, key_id: str) -> KeyRow | None:
        r = conn.execute(
            "SELECT key_id, region, description, state, manager, provider FROM kms_keys WHERE key_id = ?",
            (key_id,),
        ).fetchone()
        if r is None:
            return None
        aliases = [
            a
            for (a,) in conn.execute(
                "SELECT alias_name FROM kms_aliases WHERE target_key_id = ? ORDER BY alias_name", (key_id,)
            )
        ]
        return KeyRow(r[0], r[1], r[2], r[3], r[4], r[5], aliases=aliases)

    def _alias_target(self, conn: sqlite3.Connection, region: str, alias: str) -> str | None:
        r = conn.execute(
            "SELECT target_key_id FROM kms_aliases WHERE region = ? AND alias_name = ?", (region, alias)
        ).fetchone()
        return None if r is None else str(r[0])

    def find(self, conn: sqlite3.Connection, region: str, given: str) -> KeyRow | None:
        """The key `given` names in `region`, whatever its state; None when nothing matches."""
        account = self.store.account_id
        key_id: str | None = None
        if given.startswith("alias/"):
            key_id = self._alias_target(conn, region, given)
        elif given.startswith("arn:"):
            parsed = ids.parse_kms_arn(given)
            if parsed is None or parsed.region != region or parsed.account != account:
                return None
            key_id = parsed.rest if parsed.kind == "key" else self._alias_target(conn, region, f"alias/{parsed.rest}")
        elif _UUID.match(given):
            key_id = given
        row = self._row(conn, key_id) if key_id else None
        return row if row is not None and row.region == region else None

    def default_key(self, conn: sqlite3.Connection, region: str, *, create: bool) -> KeyRow | None:
        """The AWS managed key of `region`, created on first use when `create` (needs a write transaction)."""
        target = self._alias_target(conn, region, ids.DEFAULT_KEY_ALIAS)
        if target is not None:
            return self._row(conn, target)
        if not create:
            return None
        return self._insert(conn, region, DEFAULT_DESCRIPTION, "AWS", ids.DEFAULT_KEY_ALIAS)

    def resolve(self, conn: sqlite3.Connection, region: str, given: str | None) -> KeyRow:
        """The key a secret in `region` is encrypted with: InvalidParameterException when unknown,
        EncryptionFailure when not usable (docs/aws-behaviour.md §5.2, §5.3). Creates the default key on first use."""
        if is_default(given, region, self.store.account_id):
            row = self.default_key(conn, region, create=True)
        else:
            assert given is not None
            row = self.find(conn, region, given)
        if row is None:
            raise _invalid_key()
        if row.state != "Enabled":
            raise ServiceError(
                "EncryptionFailure",
                msg.KMS_KEY_DISABLED.format(key=given or ids.DEFAULT_KEY_ALIAS),
                field="KmsKeyId",
            )
        return row

    def material(self, row: KeyRow) -> bytes:
        cached = self._cache.get(row.key_id)
        if cached is not None:
            return cached
        try:
            found = self.provider.get(self.store.store_id, row.key_id) if self.provider.name == row.provider else None
        except (ValueError, TypeError) as exc:  # binascii.Error and UnicodeError are ValueErrors: not base64
            raise ConfigurationError(
                f"The material of KMS key {row.key_id} cannot be used: what the "
                f"{'OS keyring' if self.provider.name == 'keyring' else 'key file'} holds for it is not key "
                f"material smtui wrote ({type(exc).__name__}). Restore it from a backup.",
                code="KeyMaterialDamaged",
            ) from None
        if found is not None and len(found) != 32:
            raise ConfigurationError(
                f"The material of KMS key {row.key_id} cannot be used: it is {len(found)} bytes, not the 32 "
                "smtui wrote. Restore it from a backup.",
                code="KeyMaterialDamaged",
            )
        if found is None:
            where = (
                "the OS keyring"
                if row.provider == "keyring"
                else "a key file (pass the same --key-file PATH or SMTUI_KEY_FILE as when it was created)"
            )
            using = "the OS keyring" if self.provider.name == "keyring" else "the key file"
            raise ConfigurationError(
                f"The material of KMS key {row.key_id} is not available: it was kept in {where}, and smtui "
                f"cannot find it there now (using {using}).",
                code="KeyMaterialMissing",
            )
        self._cache[row.key_id] = found
        return found

    # --- changes -------------------------------------------------------------------------------------------
    def _insert(
        self, conn: sqlite3.Connection, region: str, description: str | None, manager: str, alias: str | None
    ) -> KeyRow:
        key_id = ids.new_key_id()
        material = new_material()
        self.provider.put(self.store.store_id, key_id, material)
        conn.execute(
            "INSERT INTO kms_keys (key_id, region, description, state, manager, provider, created) "
            "VALUES (?, ?, ?, 'Enabled', ?, ?, ?)",
            (key_id, region, description, manager, self.provider.name, time.time()),
        )
        if alias:
            conn.execute(
                "INSERT INTO kms_aliases (region, alias_name, target_key_id) VALUES (?, ?, ?)",
                (region, alias, key_id),
            )
        self._cache[key_id] = material
        return KeyRow(key_id, region, description, "Enabled", manager, self.provider.name, [alias] if alias else [])

    def create_key(self, conn: sqlite3.Connection, region: str, description: str | None, alias: str | None) -> KeyRow:
        if alias is not None:
            if not _ALIAS_NAME.match(alias) or alias.startswith("alias/aws/"):
                raise ServiceError(
                    "ValidationException",
                    f"Alias must start with 'alias/' and not 'alias/aws/', "
                    f"and use only letters, digits, '/', '_' and '-': {alias}",
                    field="alias",
                )
            if self._alias_target(conn, region, alias) is not None:
                raise ServiceError(
                    "AlreadyExistsException",
                    f"An alias with the name {ids.alias_arn(region, self.store.account_id, alias)} already exists",
                )
        return self._insert(conn, region, description, "CUSTOMER", alias)

    def set_state(self, conn: sqlite3.Connection, region: str, given: str, state: str) -> KeyRow:
        row = self.find(conn, region, given)
        if row is None:
            raise _not_found(region, self.store.account_id, given)
        if row.manager == "AWS":
            raise ServiceError("NotAuthorizedException", "An AWS managed key cannot be disabled or enabled.")
        conn.execute("UPDATE kms_keys SET state = ? WHERE key_id = ?", (state, row.key_id))
        row.state = state
        return row

    # --- shapes --------------------------------------------------------------------------------------------
    def to_kms_key(self, row: KeyRow) -> KmsKey:
        return KmsKey(
            KeyId=row.key_id,
            Arn=ids.key_arn(row.region, self.store.account_id, row.key_id),
            AliasNames=row.aliases,
            Description=row.description,
            KeyState=row.state,
            KeyManager="AWS" if row.manager == "AWS" else "CUSTOMER",
            IsDefault=ids.DEFAULT_KEY_ALIAS in row.aliases,
        )

    def list_for_wizard(self, conn: sqlite3.Connection, region: str) -> list[KmsKey]:
        """The default entry first (even before it exists), then enabled customer keys (docs/aws-behaviour.md §5.5)."""
        default = self.default_key(conn, region, create=False)
        out = [
            self.to_kms_key(default)
            if default is not None
            else KmsKey(
                KeyId=ids.DEFAULT_KEY_ALIAS,
                AliasNames=[ids.DEFAULT_KEY_ALIAS],
                Description=DEFAULT_DESCRIPTION,
                KeyManager="AWS",
                IsDefault=True,
            )
        ]
        for (key_id,) in conn.execute(
            "SELECT key_id FROM kms_keys WHERE region = ? AND manager = 'CUSTOMER' AND "
            "state = 'Enabled' ORDER BY created, key_id",
            (region,),
        ).fetchall():
            row = self._row(conn, key_id)
            if row is not None:
                out.append(self.to_kms_key(row))
        return out

    def list_aliases(self, conn: sqlite3.Connection, region: str) -> list[dict[str, Any]]:
        """ListAliases' shape; aws/secretsmanager is listed without TargetKeyId until the key exists."""
        account = self.store.account_id
        out: list[dict[str, Any]] = []
        rows = conn.execute(
            "SELECT alias_name, target_key_id FROM kms_aliases WHERE region = ? ORDER BY alias_name",
            (region,),
        ).fetchall()
        if not any(a == ids.DEFAULT_KEY_ALIAS for a, _ in rows):
            out.append(
                {
                    "AliasName": ids.DEFAULT_KEY_ALIAS,
                    "AliasArn": ids.alias_arn(region, account, ids.DEFAULT_KEY_ALIAS),
                }
            )
        for alias, target in rows:
            out.append({"AliasName": alias, "AliasArn": ids.alias_arn(region, account, alias), "TargetKeyId": target})
        return sorted(out, key=lambda a: str(a["AliasName"]))

    def describe(self, conn: sqlite3.Connection, region: str, given: str) -> KmsKey:
        row = (
            self.default_key(conn, region, create=False)
            if is_default(given, region, self.store.account_id)
            else self.find(conn, region, given)
        )
        if row is None:
            if given.startswith("alias/"):
                raise ServiceError(
                    "NotFoundException",
                    msg.ALIAS_NOT_FOUND.format(alias_arn=ids.alias_arn(region, self.store.account_id, given)),
                )
            raise _not_found(region, self.store.account_id, given)
        return self.to_kms_key(row)
