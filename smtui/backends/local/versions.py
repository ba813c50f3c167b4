"""A secret's versions and staging labels in the local store (docs/aws-behaviour.md §15): PutSecretValue,
UpdateSecret, UpdateSecretVersionStage, ListSecretVersionIds.

Why the labels move in memory first: one operation may move several labels at once (AWSCURRENT takes AWSPREVIOUS
with it, a PutSecretValue may attach up to 20), and every move must land or none. So the labelled versions (and
the ones named) are read into a `{VersionId: labels}` map, the moves are made there by `smtui.model.labels` (the
one place the service's rules live, shared with the wizard's preview), and the rows whose labels changed are
written back, all inside the caller's single `BEGIN IMMEDIATE` transaction: a process killed at any moment leaves
the labels as they were or as they end.

A version without a label is *deprecated*: kept, readable by VersionId, left out of the version maps, and
pruned as the service prunes (more than 100 of them: the oldest that are at least 24 hours old go).
"""

from __future__ import annotations

import hmac
import json
import sqlite3
from collections.abc import Callable
from typing import TYPE_CHECKING, TypeVar

from pydantic import SecretBytes, SecretStr

from smtui.backends.local import changes, crypto, listing, rows
from smtui.backends.local.keys import Keys, is_default
from smtui.backends.local.store import Store
from smtui.backends.local.values import decrypt_version
from smtui.errors import ParameterError, ServiceError
from smtui.model import messages as msg
from smtui.model.labels import CURRENT, PENDING, PREVIOUS, Labels, attach, copy_labels, holder_of, label_new_version
from smtui.model.lifecycle import (
    ListSecretVersionIdsResult,
    PutSecretValueRequest,
    PutSecretValueResult,
    SecretIdResult,
    SecretVersionEntry,
    UpdateSecretRequest,
    UpdateSecretResult,
)
from smtui.model.limits import DEPRECATED_VERSION_MIN_AGE_S, DEPRECATED_VERSIONS_MAX, VERSION_IDS_MAX_RESULTS_MAX
from smtui.model.rules import RuleIssue
from smtui.model.version_rules import (
    botocore_report,
    list_version_ids_issues,
    put_secret_value_issues,
    update_secret_issues,
    update_stage_issues,
)

DEFAULT_KEY_NAME = "DefaultEncryptionKey"  # ListSecretVersionIds' KmsKeyIds for the AWS managed key
T = TypeVar("T")
Value = tuple[bytes, bool]  # plaintext, is_binary


def refuse(issues: list[RuleIssue]) -> None:
    """Raise what the service (or botocore before it) answers for a malformed request; nothing when it is fine."""
    errors = [i for i in issues if i.severity == "error"]
    if not errors:
        return
    report = botocore_report(errors)
    if report is not None:
        raise ParameterError(report, issues=errors)
    code, message = msg.aws_error_for_issues(list(errors))
    raise ServiceError(code, message, field=errors[0].field)


# --- the labels ------------------------------------------------------------------------------------------------


def _labelled(conn: sqlite3.Connection, secret_id: int, *also: str | None) -> Labels:
    """The versions that carry a label, plus the ones named in `also` (which may carry none), oldest first."""
    found: Labels = {}
    for vid, stages in conn.execute(
        "SELECT version_id, stages FROM versions WHERE secret_id = ? AND stages != '[]' ORDER BY created, rowid",
        (secret_id,),
    ):
        found[vid] = json.loads(stages)
    for vid in also:
        if vid is not None and vid not in found:
            row = conn.execute(
                "SELECT stages FROM versions WHERE secret_id = ? AND version_id = ?", (secret_id, vid)
            ).fetchone()
            if row is not None:
                found[vid] = json.loads(row[0])
    return found


def _save(conn: sqlite3.Connection, secret_id: int, before: Labels, after: Labels) -> bool:
    """Write the labels of every version whose labels changed; True when one did."""
    changed = False
    for vid, stages in after.items():
        if before.get(vid) != stages:
            conn.execute(
                "UPDATE versions SET stages = ? WHERE secret_id = ? AND version_id = ?",
                (json.dumps(stages), secret_id, vid),
            )
            changed = True
    return changed


# --- versions --------------------------------------------------------------------------------------------------


def _version(conn: sqlite3.Connection, secret_id: int, vid: str) -> tuple[str, int, bytes, bytes, str] | None:
    row = conn.execute(
        "SELECT key_id, is_binary, wrapped_key, ciphertext, stages FROM versions "
        "WHERE secret_id = ? AND version_id = ?",
        (secret_id, vid),
    ).fetchone()
    return None if row is None else (str(row[0]), int(row[1]), bytes(row[2]), bytes(row[3]), str(row[4]))


def _same_value(conn: sqlite3.Connection, keys: Keys, row: rows.SecretRow, vid: str, value: Value) -> bool:
    """Does version `vid` hold exactly `value` (same kind, same bytes)? Compared in constant time."""
    found = _version(conn, row.id, vid)
    if found is None or bool(found[1]) != value[1]:
        return False
    stored = decrypt_version(conn, keys, row, (vid, found[0], found[1], found[2], found[3]))
    return hmac.compare_digest(stored, value[0])


def _token_in_use(token: str, row: rows.SecretRow) -> ServiceError:
    return ServiceError(
        "ResourceExistsException", msg.TOKEN_IN_USE.format(token=token, arn=row.arn), field="ClientRequestToken"
    )


def _prune(conn: sqlite3.Connection, secret_id: int, now: float) -> None:
    """While more than 100 versions carry no label, remove the oldest of them that is at least 24 hours old;
    when the rest are younger the new version is refused (the transaction rolls back)."""
    count = int(
        conn.execute("SELECT count(*) FROM versions WHERE secret_id = ? AND stages = '[]'", (secret_id,)).fetchone()[0]
    )
    if count <= DEPRECATED_VERSIONS_MAX:
        return
    conn.execute(
        "DELETE FROM versions WHERE rowid IN (SELECT rowid FROM versions WHERE secret_id = ? AND stages = '[]' "
        "AND created <= ? ORDER BY created, rowid LIMIT ?)",
        (secret_id, now - DEPRECATED_VERSION_MIN_AGE_S, count - DEPRECATED_VERSIONS_MAX),
    )
    left = conn.execute("SELECT count(*) FROM versions WHERE secret_id = ? AND stages = '[]'", (secret_id,)).fetchone()
    if int(left[0]) > DEPRECATED_VERSIONS_MAX:
        raise ServiceError("LimitExceededException", msg.TOO_MANY_DEPRECATED, field="SecretId")


def add_version(
    conn: sqlite3.Connection,
    keys: Keys,
    row: rows.SecretRow,
    token: str,
    value: Value,
    stages: list[str] | None,
    now: float,
) -> list[str]:
    """A new version `token` holding `value`, encrypted under the secret's key; returns its labels.

    `stages` None is the implicit move (PutSecretValue without VersionStages, UpdateSecret with a value): the
    version becomes AWSCURRENT, and AWSPENDING on the outgoing current version goes with it (docs/aws-behaviour.md
    §15.2). A secret's first version is AWSCURRENT whatever the labels asked for.
    """
    key = keys.resolve(conn, row.region, row.kms_key_id)
    labels = _labelled(conn, row.id)
    before = copy_labels(labels)
    label_new_version(labels, token, stages)
    aad = crypto.associated_data(row.arn, token, key.key_id, value[1])
    wrapped, ciphertext = crypto.encrypt(keys.material(key), value[0], aad)
    conn.execute(
        "INSERT INTO versions (secret_id, version_id, stages, created, key_id, is_binary, wrapped_key, ciphertext) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        (row.id, token, json.dumps(labels[token]), now, key.key_id, int(value[1]), wrapped, ciphertext),
    )
    new_labels = labels.pop(token)
    _save(conn, row.id, before, labels)
    _prune(conn, row.id, now)
    changes.touch(conn, row.id, now)
    return new_labels


def _reencrypt(conn: sqlite3.Connection, keys: Keys, row: rows.SecretRow, new_key_id: str | None) -> None:
    """After a change of key: the versions labelled AWSCURRENT, AWSPENDING or AWSPREVIOUS are encrypted anew
    under the new key (as the service does when it may use both keys); older versions keep theirs."""
    key = keys.resolve(conn, row.region, new_key_id)
    for vid, stages in _labelled(conn, row.id).items():
        if not {CURRENT, PENDING, PREVIOUS} & set(stages):
            continue
        found = _version(conn, row.id, vid)
        if found is None or found[0] == key.key_id:
            continue
        plaintext = decrypt_version(conn, keys, row, (vid, found[0], found[1], found[2], found[3]))
        aad = crypto.associated_data(row.arn, vid, key.key_id, bool(found[1]))
        wrapped, ciphertext = crypto.encrypt(keys.material(key), plaintext, aad)
        conn.execute(
            "UPDATE versions SET key_id = ?, wrapped_key = ?, ciphertext = ? WHERE secret_id = ? AND version_id = ?",
            (key.key_id, wrapped, ciphertext, row.id, vid),
        )


def value_of(string: SecretStr | None, binary: SecretBytes | None) -> Value | None:
    """(plaintext bytes, is_binary) of a request's SecretString / SecretBinary, or None."""
    if string is not None:
        return string.get_secret_value().encode("utf-8"), False
    if binary is not None:
        return binary.get_secret_value(), True
    return None


# --- the operations (each runs inside one write or read transaction) ------------------------------------------


def put_value(
    conn: sqlite3.Connection, keys: Keys, row: rows.SecretRow, request: PutSecretValueRequest, now: float
) -> PutSecretValueResult:
    changes.writable(row)
    value = value_of(request.SecretString, request.SecretBinary)
    assert value is not None  # put_secret_value_issues refused a request without one
    token = request.ClientRequestToken
    existing = _version(conn, row.id, token)
    if existing is not None:  # a retry: the same value is the same answer, another value an error
        if not _same_value(conn, keys, row, token, value):
            raise _token_in_use(token, row)
        return PutSecretValueResult(ARN=row.arn, Name=row.name, VersionId=token, VersionStages=json.loads(existing[4]))
    stages = add_version(conn, keys, row, token, value, request.VersionStages, now)
    return PutSecretValueResult(ARN=row.arn, Name=row.name, VersionId=token, VersionStages=stages)


def update(
    conn: sqlite3.Connection, keys: Keys, account: str, row: rows.SecretRow, request: UpdateSecretRequest, now: float
) -> UpdateSecretResult:
    """UpdateSecret on a primary, or (its key only) on a replica (docs/aws-behaviour.md §15.3)."""
    value = value_of(request.SecretString, request.SecretBinary)
    if row.primary_region is not None and (
        value is not None or request.Description is not None or request.Type is not None
    ):
        raise ServiceError("InvalidParameterException", msg.REPLICA_WRITE, field="SecretId")
    changes.writable(row)
    token = request.ClientRequestToken
    if value is not None and token is not None and _version(conn, row.id, token) is not None:
        raise _token_in_use(token, row)  # UpdateSecret is not idempotent by token, even with the same value
    changed = False
    if request.KmsKeyId is not None:
        keys.resolve(conn, row.region, request.KmsKeyId)  # unknown or unusable: refused before anything changes
        stored = None if is_default(request.KmsKeyId, row.region, account) else request.KmsKeyId
        if stored != row.kms_key_id:
            conn.execute("UPDATE secrets SET kms_key_id = ? WHERE id = ?", (stored, row.id))
            if row.primary_id is not None:
                conn.execute(
                    "UPDATE replicas SET kms_key_id = ? WHERE primary_id = ? AND region = ?",
                    (stored, row.primary_id, row.region),
                )
            _reencrypt(conn, keys, row, stored)
            row.kms_key_id = stored
            changed = True
    if request.Description is not None:
        conn.execute("UPDATE secrets SET description = ? WHERE id = ?", (request.Description or None, row.id))
        changed = True
    if request.Type is not None:  # "" removes it, as a Description of ""
        conn.execute("UPDATE secrets SET type = ? WHERE id = ?", (request.Type or None, row.id))
        changed = True
    version_id = None
    if value is not None:
        assert token is not None  # update_secret_issues refused a value without a token
        add_version(conn, keys, row, token, value, None, now)
        version_id = token
    elif changed:
        changes.touch(conn, row.id, now)
    return UpdateSecretResult(ARN=row.arn, Name=row.name, VersionId=version_id)


def move_stage(
    conn: sqlite3.Connection,
    row: rows.SecretRow,
    stage: str,
    remove_from: str | None,
    move_to: str | None,
    now: float,
) -> SecretIdResult:
    """UpdateSecretVersionStage (docs/aws-behaviour.md §15.4)."""
    changes.writable(row)
    for member, vid in (("RemoveFromVersionId", remove_from), ("MoveToVersionId", move_to)):
        if vid is not None and _version(conn, row.id, vid) is None:
            raise ServiceError(
                "InvalidParameterException", msg.NO_SUCH_VERSION.format(member=member, version=vid), field=member
            )
    if remove_from is None and move_to is None:
        raise ServiceError("InvalidParameterException", msg.NO_STAGE_TARGET, field="MoveToVersionId")
    labels = _labelled(conn, row.id, remove_from, move_to)
    before = copy_labels(labels)
    holder = holder_of(labels, stage)
    if remove_from is not None and holder != remove_from:
        raise ServiceError(
            "InvalidParameterException", msg.REMOVE_FROM_WRONG.format(stage=stage), field="RemoveFromVersionId"
        )
    if move_to is not None:
        if holder is not None and holder != move_to and remove_from is None:
            raise ServiceError(
                "InvalidParameterException",
                msg.REMOVE_FROM_EMPTY.format(stage=stage, version=holder),
                field="RemoveFromVersionId",
            )
        attach(labels, stage, move_to)
    elif stage == CURRENT:
        raise ServiceError("InvalidParameterException", msg.CURRENT_NEEDS_TARGET, field="MoveToVersionId")
    else:
        assert remove_from is not None
        labels[remove_from].remove(stage)
    if _save(conn, row.id, before, labels):
        changes.touch(conn, row.id, now)
    return SecretIdResult(ARN=row.arn, Name=row.name)


def list_versions(
    conn: sqlite3.Connection,
    keys: Keys,
    row: rows.SecretRow,
    *,
    max_results: int | None,
    next_token: str | None,
    include_deprecated: bool,
) -> ListSecretVersionIdsResult:
    """One page of ListSecretVersionIds, oldest first (docs/aws-behaviour.md §15.5)."""
    limit = max_results or VERSION_IDS_MAX_RESULTS_MAX
    offset = listing.offset_of(next_token)
    where = "" if include_deprecated else " AND stages != '[]'"
    found = conn.execute(
        "SELECT version_id, stages, created, last_accessed, key_id FROM versions "  # noqa: S608
        f"WHERE secret_id = ?{where} ORDER BY created, rowid LIMIT ? OFFSET ?",
        (row.id, limit + 1, offset),
    ).fetchall()
    managed: dict[str, bool] = {}
    entries = []
    for vid, stages_json, created, accessed, key_id in found[:limit]:
        if key_id not in managed:
            key = keys.find(conn, row.region, key_id)
            managed[key_id] = key is not None and key.manager == "AWS"
        stages = json.loads(stages_json)
        entries.append(
            SecretVersionEntry(
                VersionId=vid,
                VersionStages=stages or None,
                CreatedDate=rows.ts(created),
                LastAccessedDate=rows.ts(accessed),
                KmsKeyIds=[DEFAULT_KEY_NAME if managed[key_id] else key_id],
            )
        )
    return ListSecretVersionIdsResult(
        ARN=row.arn,
        Name=row.name,
        Versions=entries,
        NextToken=listing.token_for(offset + limit) if len(found) > limit else None,
    )


# --- the backend's methods -------------------------------------------------------------------------------------


class LocalVersionOps:
    """The version operations of `LocalBackend` (mixed in; the plumbing is LocalBackend's)."""

    if TYPE_CHECKING:
        keys: Keys
        store: Store
        _region: str

        def _write(self, fn: Callable[[sqlite3.Connection, float], T]) -> T: ...

        def _read(self, fn: Callable[[sqlite3.Connection, float], T]) -> T: ...

        def _primary(self, conn: sqlite3.Connection, secret_id: str) -> rows.SecretRow: ...

    def put_secret_value(self, request: PutSecretValueRequest) -> PutSecretValueResult:
        refuse(put_secret_value_issues(request))
        return self._write(
            lambda conn, now: put_value(conn, self.keys, self._primary(conn, request.SecretId), request, now)
        )

    def update_secret(self, request: UpdateSecretRequest) -> UpdateSecretResult:
        refuse(update_secret_issues(request, self._region))

        def op(conn: sqlite3.Connection, now: float) -> UpdateSecretResult:
            row = rows.get(conn, self._region, request.SecretId)
            return update(conn, self.keys, self.store.account_id, row, request, now)

        return self._write(op)

    def update_secret_version_stage(
        self,
        secret_id: str,
        version_stage: str,
        *,
        remove_from_version_id: str | None = None,
        move_to_version_id: str | None = None,
    ) -> SecretIdResult:
        refuse(update_stage_issues(secret_id, version_stage, remove_from_version_id, move_to_version_id))
        return self._write(
            lambda conn, now: move_stage(
                conn,
                self._primary(conn, secret_id),
                version_stage,
                remove_from_version_id,
                move_to_version_id,
                now,
            )
        )

    def list_secret_version_ids(
        self,
        secret_id: str,
        *,
        max_results: int | None = None,
        next_token: str | None = None,
        include_deprecated: bool = False,
    ) -> ListSecretVersionIdsResult:
        refuse(list_version_ids_issues(secret_id, max_results, next_token))
        return self._read(
            lambda conn, _now: list_versions(
                conn,
                self.keys,
                rows.get(conn, self._region, secret_id),
                max_results=max_results,
                next_token=next_token,
                include_deprecated=include_deprecated,
            )
        )
