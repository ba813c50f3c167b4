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
from smtui.model.limits import (
    ALIAS_NAME_MAX,
    KMS_DESCRIPTION_MAX,
    KMS_KEY_ID_MAX,
    KMS_LIST_ALIASES_DEFAULT,
    KMS_LIST_ALIASES_MAX,
    KMS_LIST_KEYS_DEFAULT,
    KMS_LIST_KEYS_MAX,
    KMS_MARKER_MAX,
    KMS_PENDING_WINDOW_DEFAULT,
    KMS_PENDING_WINDOW_MAX,
    KMS_PENDING_WINDOW_MIN,
)

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


# --- the KMS API as `smtui serve` answers it (docs/aws-behaviour.md §22.3) ---
INVALID_MARKER = (
    "The request was rejected because the marker that specifies where pagination should next begin is not valid."
)
ALIAS_PREFIX = (
    'Alias must start with the prefix "alias/". Please see '
    "https://docs.aws.amazon.com/kms/latest/developerguide/kms-alias.html"
)
RESERVED_ALIAS = (
    "Alias names that begin with alias/aws/ are reserved for AWS managed keys; choose another name: {alias}"
)
PENDING_DELETION = "PendingDeletion"
AWS_MANAGED_TARGET = "An alias cannot point to an AWS managed key: {key_arn}"
# CreateKey members the local store takes, with the only values it keeps (the service's defaults).
SUPPORTED_CREATE: dict[str, tuple[Any, ...]] = {
    "KeyUsage": (None, "ENCRYPT_DECRYPT"),
    "KeySpec": (None, "SYMMETRIC_DEFAULT"),
    "CustomerMasterKeySpec": (None, "SYMMETRIC_DEFAULT"),
    "Origin": (None, "AWS_KMS"),
    "MultiRegion": (None, False),
    "Tags": (None, []),
    "BypassPolicyLockoutSafetyCheck": (None, False),
}
_KEY_ID_FORM = re.compile(r"^(?:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|mrk-[0-9a-f]{32})$")


def constraint(value: object, member: str, rule: str) -> ServiceError:
    """The service's ValidationException for one broken constraint (Coral's words)."""
    return ServiceError(
        "ValidationException",
        "1 validation error detected: " + msg.CONSTRAINT.format(value=value, member=member, rule=rule),
    )


def check_length(value: str | None, member: str, low: int, high: int, *, required: bool = False) -> None:
    if value is None:
        if required:
            raise ServiceError(
                "ValidationException",
                f"1 validation error detected: Value null at '{member}' failed to satisfy constraint: "
                "Member must not be null",
            )
        return
    if len(value) < low:
        raise constraint(value, member, f"have length greater than or equal to {low}")
    if len(value) > high:
        raise constraint(value, member, f"have length less than or equal to {high}")


def check_limit(value: int | None, high: int) -> None:
    if value is not None and not 1 <= value <= high:
        rule = "have value greater than or equal to 1" if value < 1 else f"have value less than or equal to {high}"
        raise constraint(value, "limit", rule)


def _is_key_form(given: str, region: str, account: str) -> bool:
    """A key id or a key ARN (EnableKey, DisableKey, CreateAlias's TargetKeyId take no alias)."""
    if _KEY_ID_FORM.match(given):
        return True
    parsed = ids.parse_kms_arn(given)
    return parsed is not None and parsed.kind == "key"


def _any_form(given: str) -> bool:
    return bool(_KEY_ID_FORM.match(given) or given.startswith("alias/") or ids.parse_kms_arn(given))


def _invalid_key_id(given: str) -> ServiceError:
    return ServiceError("NotFoundException", f"Invalid keyId {given}")


class KmsApi:
    """KeyMetadata, ListKeys, ListAliases and CreateAlias over `Keys`, each inside the caller's transaction."""

    def __init__(self, keys: Keys) -> None:
        self.keys = keys

    @property
    def account(self) -> str:
        return self.keys.store.account_id

    def metadata(self, conn: sqlite3.Connection, row: KeyRow) -> dict[str, Any]:
        """KMS's KeyMetadata of a symmetric encryption key (Description sent even when empty)."""
        created = conn.execute("SELECT created FROM kms_keys WHERE key_id = ?", (row.key_id,)).fetchone()
        enabled = row.state == "Enabled"
        return {
            "AWSAccountId": self.account,
            "KeyId": row.key_id,
            "Arn": ids.key_arn(row.region, self.account, row.key_id),
            "CreationDate": round(float(created[0]), 3) if created else 0.0,
            "Enabled": enabled,
            "Description": row.description or "",
            "KeyUsage": "ENCRYPT_DECRYPT",
            "KeyState": row.state,
            "Origin": "AWS_KMS",
            "KeyManager": "AWS" if row.manager == "AWS" else "CUSTOMER",
            "CustomerMasterKeySpec": "SYMMETRIC_DEFAULT",
            "KeySpec": "SYMMETRIC_DEFAULT",
            "EncryptionAlgorithms": ["SYMMETRIC_DEFAULT"],
            "MultiRegion": False,
        }

    def describe(self, conn: sqlite3.Connection, region: str, given: str | None) -> dict[str, Any]:
        """DescribeKey: a key id, key ARN, alias or alias ARN; alias/aws/secretsmanager creates the AWS managed
        key on first use, as KMS does (the caller opened a write transaction for that name)."""
        check_length(given, "keyId", 1, KMS_KEY_ID_MAX, required=True)
        assert given is not None
        if is_default(given, region, self.account):
            row = self.keys.default_key(conn, region, create=True)
            assert row is not None
            return self.metadata(conn, row)
        if not _any_form(given):
            raise _invalid_key_id(given)
        self.keys.describe(conn, region, given)  # the not-found errors, in the service's words
        row = self.keys.find(conn, region, given)
        assert row is not None
        return self.metadata(conn, row)

    def key_row(self, conn: sqlite3.Connection, region: str, given: str | None, member: str = "keyId") -> KeyRow:
        """The key a key id or key ARN names (no alias), or the service's NotFoundException."""
        check_length(given, member, 1, KMS_KEY_ID_MAX, required=True)
        assert given is not None
        if not _is_key_form(given, region, self.account):
            raise _invalid_key_id(given)
        row = self.keys.find(conn, region, given)
        if row is None:
            key_id = given if _KEY_ID_FORM.match(given) else given.rsplit("/", 1)[-1]
            raise _not_found(region, self.account, key_id)
        return row

    def set_state(self, conn: sqlite3.Connection, region: str, given: str | None, state: str) -> None:
        """EnableKey / DisableKey (repeating one is harmless); an AWS managed key refuses both, a key pending
        deletion too (cancel the deletion first, as in KMS)."""
        row = self.key_row(conn, region, given)
        if row.state == PENDING_DELETION:
            raise ServiceError("KMSInvalidStateException", f"{self._arn(row)} is pending deletion.")
        self.keys.set_state(conn, region, row.key_id, state)

    def _arn(self, row: KeyRow) -> str:
        return ids.key_arn(row.region, self.account, row.key_id)

    def schedule_deletion(
        self, conn: sqlite3.Connection, region: str, given: str | None, days: int | None, now: float
    ) -> dict[str, Any]:
        """ScheduleKeyDeletion: the key becomes PendingDeletion and unusable at once. Why the local store never
        destroys it when the window ends: its material is the only way to read the secrets it encrypted, so a
        key stays pending until CancelKeyDeletion (which leaves it Disabled, as KMS does)."""
        window = KMS_PENDING_WINDOW_DEFAULT if days is None else days
        if not KMS_PENDING_WINDOW_MIN <= window <= KMS_PENDING_WINDOW_MAX:
            bound = (
                f"have value greater than or equal to {KMS_PENDING_WINDOW_MIN}"
                if window < KMS_PENDING_WINDOW_MIN
                else f"have value less than or equal to {KMS_PENDING_WINDOW_MAX}"
            )
            raise constraint(window, "pendingWindowInDays", bound)
        row = self.key_row(conn, region, given)
        if row.manager == "AWS":
            raise ServiceError("NotAuthorizedException", f"An AWS managed key cannot be deleted: {self._arn(row)}")
        if row.state == PENDING_DELETION:
            raise ServiceError("KMSInvalidStateException", f"{self._arn(row)} is pending deletion.")
        conn.execute("UPDATE kms_keys SET state = ? WHERE key_id = ?", (PENDING_DELETION, row.key_id))
        return {
            "KeyId": self._arn(row),
            "DeletionDate": round(now + window * 86400.0, 3),
            "KeyState": PENDING_DELETION,
            "PendingWindowInDays": window,
        }

    def cancel_deletion(self, conn: sqlite3.Connection, region: str, given: str | None) -> dict[str, Any]:
        """CancelKeyDeletion: a key pending deletion becomes Disabled (enable it to use it again)."""
        row = self.key_row(conn, region, given)
        if row.state != PENDING_DELETION:
            raise ServiceError("KMSInvalidStateException", f"{self._arn(row)} is not pending deletion.")
        conn.execute("UPDATE kms_keys SET state = 'Disabled' WHERE key_id = ?", (row.key_id,))
        return {"KeyId": self._arn(row)}

    def delete_alias(self, conn: sqlite3.Connection, region: str, alias: str | None) -> None:
        """DeleteAlias: a customer alias of the region (the key itself is not touched)."""
        check_length(alias, "aliasName", 1, ALIAS_NAME_MAX, required=True)
        assert alias is not None
        if not alias.startswith("alias/"):
            raise ServiceError("ValidationException", ALIAS_PREFIX)
        if alias.startswith("alias/aws/"):
            raise ServiceError("NotAuthorizedException", RESERVED_ALIAS.format(alias=alias))
        if self.keys._alias_target(conn, region, alias) is None:
            raise ServiceError("NotFoundException", f"Alias {ids.alias_arn(region, self.account, alias)} is not found.")
        conn.execute("DELETE FROM kms_aliases WHERE region = ? AND alias_name = ?", (region, alias))

    def list_keys(self, conn: sqlite3.Connection, region: str, limit: int | None, marker: str | None) -> dict[str, Any]:
        """ListKeys: every key of the region (AWS managed ones too) in creation order, Limit at a time."""
        check_limit(limit, KMS_LIST_KEYS_MAX)
        check_length(marker, "marker", 1, KMS_MARKER_MAX)
        query = "SELECT key_id, created FROM kms_keys WHERE region = ?"
        args: list[Any] = [region]
        if marker is not None:
            after = conn.execute(
                "SELECT created FROM kms_keys WHERE region = ? AND key_id = ?", (region, marker)
            ).fetchone()
            if after is None:
                raise ServiceError("InvalidMarkerException", INVALID_MARKER)
            query += " AND (created > ? OR (created = ? AND key_id > ?))"
            args += [after[0], after[0], marker]
        size = limit or KMS_LIST_KEYS_DEFAULT
        found = conn.execute(query + " ORDER BY created, key_id LIMIT ?", (*args, size + 1)).fetchall()
        page = found[:size]
        out: dict[str, Any] = {
            "Keys": [{"KeyId": k, "KeyArn": ids.key_arn(region, self.account, k)} for k, _ in page],
            "Truncated": len(found) > size,
        }
        if len(found) > size:
            out["NextMarker"] = page[-1][0]
        return out

    def list_aliases(
        self, conn: sqlite3.Connection, region: str, key_id: str | None, limit: int | None, marker: str | None
    ) -> dict[str, Any]:
        """ListAliases in name order, of one key when KeyId is given; the marker is the last name returned."""
        check_limit(limit, KMS_LIST_ALIASES_MAX)
        check_length(marker, "marker", 1, KMS_MARKER_MAX)
        aliases = self.keys.list_aliases(conn, region)
        if key_id is not None:
            target = self.key_row(conn, region, key_id).key_id
            aliases = [a for a in aliases if a.get("TargetKeyId") == target]
        if marker is not None:
            if not any(a["AliasName"] == marker for a in aliases):
                raise ServiceError("InvalidMarkerException", INVALID_MARKER)
            aliases = [a for a in aliases if str(a["AliasName"]) > marker]
        size = limit or KMS_LIST_ALIASES_DEFAULT
        out: dict[str, Any] = {"Aliases": aliases[:size], "Truncated": len(aliases) > size}
        if len(aliases) > size:
            out["NextMarker"] = aliases[size - 1]["AliasName"]
        return out

    def create_alias(self, conn: sqlite3.Connection, region: str, alias: str | None, target: str | None) -> None:
        """CreateAlias: `alias/NAME` (not alias/aws/) for a customer managed key of the region, once per name."""
        check_length(alias, "aliasName", 1, ALIAS_NAME_MAX, required=True)
        assert alias is not None
        if not alias.startswith("alias/"):
            raise ServiceError("ValidationException", ALIAS_PREFIX)
        if not _ALIAS_NAME.match(alias):
            raise constraint(alias, "aliasName", "satisfy regular expression pattern: ^[a-zA-Z0-9:/_-]+$")
        if alias.startswith("alias/aws/"):
            raise ServiceError("NotAuthorizedException", RESERVED_ALIAS.format(alias=alias))
        row = self.key_row(conn, region, target, "targetKeyId")
        if row.manager == "AWS":
            raise ServiceError(
                "NotAuthorizedException",
                AWS_MANAGED_TARGET.format(key_arn=ids.key_arn(region, self.account, row.key_id)),
            )
        if self.keys._alias_target(conn, region, alias) is not None:
            raise ServiceError(
                "AlreadyExistsException",
                f"An alias with the name {ids.alias_arn(region, self.account, alias)} already exists",
            )
        conn.execute(
            "INSERT INTO kms_aliases (region, alias_name, target_key_id) VALUES (?, ?, ?)", (region, alias, row.key_id)
        )

    def create_key(
        self, conn: sqlite3.Connection, region: str, description: str | None, options: dict[str, Any]
    ) -> dict[str, Any]:
        """CreateKey: a symmetric encryption customer key, the only kind the local store keeps; any other kind
        (KeyUsage, KeySpec, Origin, MultiRegion), a policy or tags are refused by name, never silently dropped."""
        check_length(description, "description", 0, KMS_DESCRIPTION_MAX)
        for member, value in options.items():
            if value not in SUPPORTED_CREATE.get(member, ()):
                raise ServiceError(
                    "UnsupportedOperationException",
                    f"The local store keeps symmetric encryption keys only, without policies or tags: "
                    f"{member} {value!r} is not supported.",
                )
        return self.metadata(conn, self.keys.create_key(conn, region, description, None))
