"""The local backend: an embedded, encrypted store that answers like Secrets Manager (docs/aws-behaviour.md §2-§12).

Why it exists: a person with no AWS account (or no network) can use the wizard and the CLI, and tests can
check the service's semantics that moto gets wrong. Modules: `store` (SQLite file, schema, transactions),
`crypto` (envelope encryption), `material` (keyring / key file), `keys` (KMS-like keys), `create`, `replicas`,
`rows`, `listing`, `values` (GetSecretValue), `ids`. Blocking, and free of Textual and boto3.
"""

from __future__ import annotations

import os
import sqlite3
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TypeVar

from smtui.backends.base import Backend, ListFilter
from smtui.backends.local import changes, ids, listing, params, replicas, rows
from smtui.backends.local import create as create_op
from smtui.backends.local.after_create import LocalAfterCreateOps
from smtui.backends.local.keys import Keys, KmsApi, is_default
from smtui.backends.local.material import provider_for
from smtui.backends.local.store import Store
from smtui.backends.local.values import is_full_disk, note_access, read_value
from smtui.backends.local.versions import LocalVersionOps
from smtui.errors import ServiceError, SmtuiError
from smtui.model import (
    CreateSecretRequest,
    CreateSecretResult,
    DeleteSecretResult,
    DescribeSecretResult,
    Identity,
    KmsKey,
    ListSecretsResult,
    RestoreSecretResult,
    SecretValueResult,
)
from smtui.model import messages as msg
from smtui.model.limits import RECOVERY_WINDOW_DEFAULT, RECOVERY_WINDOW_MAX, RECOVERY_WINDOW_MIN, BackendKind, SortOrder
from smtui.regions import REGION_HINT, partition_regions, region_problem
from smtui.settings import TargetSettings

__all__ = ["LocalBackend"]

T = TypeVar("T")
DAY_S = 86400.0
INVALID_TEXT = "1 validation error detected: a parameter contains characters that are not valid Unicode."


class LocalBackend(LocalVersionOps, LocalAfterCreateOps, Backend):
    """Secrets Manager on an SQLite file; `clock` (epoch seconds) is injectable so tests can pass days."""

    kind: BackendKind = "local"

    def __init__(self, settings: TargetSettings, *, clock: Callable[[], float] = time.time) -> None:
        self.settings = settings.with_env()
        self._region = self.settings.local_region()
        problem = region_problem(self._region)
        if problem:  # the aws backend fails the same way, through the AWS CLI's general handler (255)
            raise SmtuiError(problem, code="InvalidRegion", hint=REGION_HINT)
        self.clock = clock
        self.store = Store(self.settings)
        try:
            self.keys = Keys(self.store, provider_for(self.settings.key_file, self.store))  # or the remembered one
        except BaseException:
            self.store.close()  # a backend that fails to open keeps no handle on the store
            raise

    # --- plumbing ------------------------------------------------------------------------------------------
    @property
    def region(self) -> str:
        return self._region

    def describe_target(self) -> str:
        path = str(self.store.path)
        home = str(Path.home())
        if path.startswith(home + os.sep):
            path = "~" + path[len(home) :]
        return f"local store at {path} ({self._region})"

    @contextmanager
    def _guard(self) -> Iterator[None]:
        """sqlite3 errors past the store's setup become the plain configuration error (exit 253)."""
        try:
            yield
        except SmtuiError:
            raise
        except sqlite3.Error as exc:
            raise self.store.wrap_error(exc) from None
        except UnicodeEncodeError:  # a lone surrogate in an id or a filter (the model refuses them in requests)
            raise ServiceError("ValidationException", INVALID_TEXT) from None
        except (ValueError, TypeError, KeyError, OverflowError) as exc:
            # the request was validated before: what fails here is a row smtui did not write (not JSON where
            # JSON belongs, text where a number or bytes belong), so the store, not the request, is at fault
            raise self.store.tampered(exc) from None

    def _write(self, fn: Callable[[sqlite3.Connection, float], T]) -> T:
        with self._guard(), self.store.write() as conn:
            now = self.clock()
            replicas.settle_due(conn, now)  # a write sees settled replicas, as a read does
            return fn(conn, now)

    def _settle(self, now: float) -> None:
        """Housekeeping before a read, in its own write transaction and only when needed: replicas whose time
        has come are settled (see `replicas`), secrets whose recovery window ended are purged."""
        with self.store.read() as conn:
            due = replicas.has_due(conn, now) or create_op.has_expired(conn, now)
        if due:
            with self.store.write() as conn:
                create_op.purge_expired(conn, now)
                replicas.settle_due(conn, now)

    def _read(self, fn: Callable[[sqlite3.Connection, float], T]) -> T:
        """A read, after settling due replicas."""
        now = self.clock()
        with self._guard():
            self._settle(now)
            with self.store.read() as conn:
                return fn(conn, now)

    def close(self) -> None:
        self.store.close()

    # --- secrets -------------------------------------------------------------------------------------------
    def create_secret(self, request: CreateSecretRequest) -> CreateSecretResult:
        checked = create_op.revalidate(request, self._region)
        return self._write(
            lambda conn, now: create_op.create(conn, self.keys, self.store.account_id, self._region, checked, now)
        )

    def describe_secret(self, secret_id: str) -> DescribeSecretResult:
        params.check(SecretId=secret_id)
        return self._read(lambda conn, _now: rows.describe(conn, rows.get(conn, self._region, secret_id)))

    def get_secret_value(
        self, secret_id: str, *, version_id: str | None = None, version_stage: str | None = None
    ) -> SecretValueResult:
        params.check(SecretId=secret_id, VersionId=version_id, VersionStage=version_stage)
        now = self.clock()
        with self._guard():
            try:
                self._settle(now)
            except sqlite3.OperationalError as exc:  # a full disk: settling waits, the read goes on
                if not is_full_disk(exc):
                    raise
            with self.store.read() as conn:
                result = read_value(conn, self.keys, self._region, secret_id, version_id, version_stage, now)
        try:
            with self._guard(), self.store.write_unsynced() as conn:
                note_access(conn, self._region, secret_id, now, result.VersionId)
        except SmtuiError:
            pass  # best-effort: on a full disk (or a busy store) the value is still returned
        return result

    def list_secrets(
        self,
        *,
        max_results: int | None = None,
        next_token: str | None = None,
        filters: list[ListFilter] | None = None,
        include_planned_deletion: bool = False,
        sort_order: SortOrder | None = None,
        sort_by: str | None = None,
    ) -> ListSecretsResult:
        params.check(MaxResults=max_results, NextToken=next_token, filters=filters or [])
        return self._read(
            lambda conn, now: listing.list_page(
                conn,
                self._region,
                now,
                max_results=max_results,
                next_token=next_token,
                filters=filters or [],
                include_planned_deletion=include_planned_deletion,
                sort_order=sort_order,
                sort_by=sort_by,
            )
        )

    def delete_secret(
        self,
        secret_id: str,
        *,
        recovery_window_in_days: int | None = None,
        force_delete_without_recovery: bool = False,
    ) -> DeleteSecretResult:
        params.check(SecretId=secret_id)
        if force_delete_without_recovery and recovery_window_in_days is not None:
            raise ServiceError("InvalidParameterException", msg.DELETE_BOTH_OPTIONS, field="RecoveryWindowInDays")
        days = RECOVERY_WINDOW_DEFAULT if recovery_window_in_days is None else recovery_window_in_days
        if not force_delete_without_recovery and not RECOVERY_WINDOW_MIN <= days <= RECOVERY_WINDOW_MAX:
            raise ServiceError("InvalidParameterException", msg.RECOVERY_WINDOW_RANGE, field="RecoveryWindowInDays")

        def op(conn: sqlite3.Connection, now: float) -> DeleteSecretResult:
            create_op.purge_expired(conn, now)
            row = self._primary(conn, secret_id)
            if force_delete_without_recovery:
                conn.execute("DELETE FROM secrets WHERE id = ? OR primary_id = ?", (row.id, row.id))
                return DeleteSecretResult(ARN=row.arn, Name=row.name, DeletionDate=rows.ts(now))
            if row.deletion_date is not None:
                raise ServiceError("InvalidRequestException", msg.ALREADY_SCHEDULED, field="SecretId")
            when = now + days * DAY_S
            conn.execute("UPDATE secrets SET deleted_at = ?, deletion_date = ? WHERE id = ?", (now, when, row.id))
            changes.touch(conn, row.id, now)
            return DeleteSecretResult(ARN=row.arn, Name=row.name, DeletionDate=rows.ts(when))

        return self._write(op)

    def restore_secret(self, secret_id: str) -> RestoreSecretResult:
        params.check(SecretId=secret_id)

        def op(conn: sqlite3.Connection, now: float) -> RestoreSecretResult:
            create_op.purge_expired(conn, now)
            row = self._primary(conn, secret_id)
            if row.deletion_date is not None:  # restoring a secret not scheduled changes nothing
                conn.execute("UPDATE secrets SET deleted_at = NULL, deletion_date = NULL WHERE id = ?", (row.id,))
                changes.touch(conn, row.id, now)
            return RestoreSecretResult(ARN=row.arn, Name=row.name)

        return self._write(op)

    def _primary(self, conn: sqlite3.Connection, secret_id: str) -> rows.SecretRow:
        """The secret for a write operation: replicas refuse writes (docs/aws-behaviour.md §6.4)."""
        row = rows.get(conn, self._region, secret_id)
        if row.primary_region is not None:
            raise ServiceError("InvalidParameterException", msg.REPLICA_WRITE, field="SecretId")
        return row

    # --- keys, identity, regions ---------------------------------------------------------------------------
    def list_kms_keys(self) -> list[KmsKey]:
        return self._read(lambda conn, _now: self.keys.list_for_wizard(conn, self._region))

    def list_kms_keys_in(self, region: str) -> list[KmsKey]:
        """Another region of the same store: a replica's key must be in the replica's region (§6.4)."""
        return self._read(lambda conn, _now: self.keys.list_for_wizard(conn, region))

    def create_key(self, description: str | None = None, alias: str | None = None) -> KmsKey:
        """`smtui kms create-key`: a new enabled symmetric customer key, with an optional alias."""
        return self._write(
            lambda conn, _now: self.keys.to_kms_key(self.keys.create_key(conn, self._region, description, alias))
        )

    def list_aliases(self) -> list[dict[str, Any]]:
        """`smtui kms list-aliases`: the ListAliases shape (AliasName, AliasArn, TargetKeyId)."""
        return self._read(lambda conn, _now: self.keys.list_aliases(conn, self._region))

    def disable_key(self, key_id: str) -> None:
        self._write(lambda conn, _now: self.keys.set_state(conn, self._region, key_id, "Disabled"))

    def enable_key(self, key_id: str) -> None:
        self._write(lambda conn, _now: self.keys.set_state(conn, self._region, key_id, "Enabled"))

    def describe_key(self, key_id: str) -> KmsKey:
        return self.describe_key_in(self._region, key_id)

    def describe_key_in(self, region: str, key_id: str) -> KmsKey:
        """DescribeKey in another region of the same store, as AwsBackend.describe_key_in: the Review preflight
        tells a replica region's key apart (not found, disabled), not only the primary's."""
        return self._read(lambda conn, _now: self.keys.describe(conn, region, key_id))

    # KMS's own shapes, for `smtui serve` (docs/aws-behaviour.md §22.3)
    def kms_create_key(self, description: str | None, options: dict[str, Any]) -> dict[str, Any]:
        """CreateKey's KeyMetadata; `options` are CreateKey's other members (only the defaults are kept)."""
        return self._write(lambda conn, _now: KmsApi(self.keys).create_key(conn, self._region, description, options))

    def kms_describe_key(self, key_id: str | None) -> dict[str, Any]:
        """DescribeKey's KeyMetadata (alias/aws/secretsmanager creates the AWS managed key, so it writes)."""
        if key_id is not None and is_default(key_id, self._region, self.store.account_id):
            return self._write(lambda conn, _now: KmsApi(self.keys).describe(conn, self._region, key_id))
        return self._read(lambda conn, _now: KmsApi(self.keys).describe(conn, self._region, key_id))

    def kms_list_keys(self, limit: int | None = None, marker: str | None = None) -> dict[str, Any]:
        return self._read(lambda conn, _now: KmsApi(self.keys).list_keys(conn, self._region, limit, marker))

    def kms_list_aliases(
        self, key_id: str | None = None, limit: int | None = None, marker: str | None = None
    ) -> dict[str, Any]:
        return self._read(lambda conn, _now: KmsApi(self.keys).list_aliases(conn, self._region, key_id, limit, marker))

    def kms_create_alias(self, alias_name: str | None, target_key_id: str | None) -> None:
        self._write(lambda conn, _now: KmsApi(self.keys).create_alias(conn, self._region, alias_name, target_key_id))

    def kms_set_key_state(self, key_id: str | None, *, enabled: bool) -> None:
        """EnableKey / DisableKey by key id or key ARN (no alias, as KMS)."""
        state = "Enabled" if enabled else "Disabled"
        self._write(lambda conn, _now: KmsApi(self.keys).set_state(conn, self._region, key_id, state))

    def kms_schedule_key_deletion(self, key_id: str | None, days: int | None) -> dict[str, Any]:
        return self._write(lambda conn, now: KmsApi(self.keys).schedule_deletion(conn, self._region, key_id, days, now))

    def kms_cancel_key_deletion(self, key_id: str | None) -> dict[str, Any]:
        return self._write(lambda conn, _now: KmsApi(self.keys).cancel_deletion(conn, self._region, key_id))

    def kms_delete_alias(self, alias_name: str | None) -> None:
        self._write(lambda conn, _now: KmsApi(self.keys).delete_alias(conn, self._region, alias_name))

    def kms_key_arn(self, key_id: str | None) -> str:
        """The ARN of the key a key id or key ARN names (no alias, as GetKeyPolicy and its kin take), or KMS's
        NotFoundException."""

        def find(conn: sqlite3.Connection, _now: float) -> str:
            row = KmsApi(self.keys).key_row(conn, self._region, key_id)
            return ids.key_arn(row.region, self.store.account_id, row.key_id)

        return self._read(find)

    def whoami(self) -> Identity:
        account = self.store.account_id
        return Identity(Account=account, Arn=ids.user_arn(account, self._region), UserId="smtui-local")

    def regions(self) -> list[str]:
        return partition_regions(self._region)
