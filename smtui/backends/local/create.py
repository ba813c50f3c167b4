"""CreateSecret in the local store, in the service's order (docs/aws-behaviour.md §2.7).

Why it re-validates: callers validate through the model before sending, but the store acts as the service and
must refuse a malformed request the way AWS does. It asks the model (`build_request`, the one source of every
rule) and turns the model's findings into the service's error (`messages.aws_error_for_issues`); no rule is
written here. Then, inside one BEGIN IMMEDIATE transaction: scheduled-for-deletion first, the idempotent
retry, a reused token, an existing name; the KMS key; the secret, its version, its replicas.
"""

from __future__ import annotations

import hmac
import json
import sqlite3
from typing import Any

from smtui.backends.local import crypto, ids, replicas, rows
from smtui.backends.local.keys import Keys, is_default
from smtui.errors import ParameterError, ServiceError
from smtui.model import CreateSecretRequest, CreateSecretResult, build_request
from smtui.model import messages as msg


def revalidate(request: CreateSecretRequest, region: str) -> CreateSecretRequest:
    """The request as the service sees it, or the ServiceError the service would return."""
    if not request.ClientRequestToken:
        raise ServiceError("InvalidRequestException", msg.MISSING_TOKEN, field="ClientRequestToken")
    data: dict[str, Any] = request.model_dump(exclude_none=True)  # values stay SecretStr / SecretBytes
    try:
        return build_request(data, region=region)
    except ParameterError as exc:
        code, message = msg.aws_error_for_issues(list(exc.issues))
        raise ServiceError(code, message, field=exc.field) from None


def value_of(request: CreateSecretRequest) -> tuple[bytes, bool] | None:
    """(plaintext bytes, is_binary), or None for a secret without a value."""
    if request.SecretString is not None:
        return request.SecretString.get_secret_value().encode("utf-8"), False
    if request.SecretBinary is not None:
        return request.SecretBinary.get_secret_value(), True
    return None


def has_expired(conn: sqlite3.Connection, now: float) -> bool:
    sql = "SELECT 1 FROM secrets WHERE deletion_date IS NOT NULL AND deletion_date <= ? LIMIT 1"
    return conn.execute(sql, (now,)).fetchone() is not None


def purge_expired(conn: sqlite3.Connection, now: float) -> None:
    """Secrets whose recovery window has ended are gone for good (their names become free)."""
    conn.execute("DELETE FROM secrets WHERE deletion_date IS NOT NULL AND deletion_date <= ?", (now,))


def _existing(
    conn: sqlite3.Connection, keys: Keys, row: rows.SecretRow, token: str, value: tuple[bytes, bool] | None
) -> CreateSecretResult:
    """The decisions when the name is taken: a successful no-op retry, or the right error.

    docs/aws-behaviour.md §3.1, §3.2 and §4.1.
    """
    if row.deletion_date is not None:
        raise ServiceError("InvalidRequestException", msg.SCHEDULED_FOR_DELETION, field="Name")
    version = conn.execute(
        "SELECT key_id, is_binary, wrapped_key, ciphertext FROM versions WHERE secret_id = ? AND version_id = ?",
        (row.id, token),
    ).fetchone()
    if version is None:
        raise ServiceError("ResourceExistsException", msg.NAME_EXISTS.format(name=row.name), field="Name")
    key_id, is_binary, wrapped, ciphertext = version
    same = False
    if value is not None and bool(is_binary) == value[1]:
        key = keys.find(conn, row.region, key_id)
        if key is None:
            raise ServiceError("DecryptionFailure", crypto.DECRYPTION_FAILED)
        stored = crypto.decrypt(
            keys.material(key),
            wrapped,
            ciphertext,
            crypto.associated_data(row.arn, token, key_id, bool(is_binary)),
        )
        same = hmac.compare_digest(stored, value[0])
    if not same:
        raise ServiceError(
            "ResourceExistsException",
            msg.TOKEN_IN_USE.format(token=token, arn=row.arn),
            field="ClientRequestToken",
        )
    return CreateSecretResult(
        ARN=row.arn, Name=row.name, VersionId=token, ReplicationStatus=rows.replication_status(conn, row.id)
    )


def create(
    conn: sqlite3.Connection, keys: Keys, account: str, region: str, request: CreateSecretRequest, now: float
) -> CreateSecretResult:
    """Run inside a write transaction; `request` has passed `revalidate`."""
    token = request.ClientRequestToken
    assert token is not None
    value = value_of(request)
    purge_expired(conn, now)
    existing = rows.find(conn, region, request.Name)
    if existing is not None:
        return _existing(conn, keys, existing, token, value)
    key = keys.resolve(conn, region, request.KmsKeyId)
    arn = ids.secret_arn(region, account, request.Name, ids.new_suffix())
    tags = json.dumps([[t.Key, t.Value] for t in request.Tags]) if request.Tags else None
    try:
        cur = conn.execute(
            "INSERT INTO secrets (region, name, arn, description, kms_key_id, tags, type, created, "
            "last_changed) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                region,
                request.Name,
                arn,
                request.Description,
                None if is_default(request.KmsKeyId, region, account) else request.KmsKeyId,
                tags,
                request.Type,
                now,
                now,
            ),
        )
    except sqlite3.IntegrityError:  # the UNIQUE (region, name) index: another writer got there first
        raise ServiceError("ResourceExistsException", msg.NAME_EXISTS.format(name=request.Name), field="Name") from None
    secret_id = int(cur.lastrowid or 0)
    if value is not None:
        aad = crypto.associated_data(arn, token, key.key_id, value[1])
        wrapped, ciphertext = crypto.encrypt(keys.material(key), value[0], aad)
        conn.execute(
            "INSERT INTO versions (secret_id, version_id, stages, created, key_id, is_binary, wrapped_key, "
            "ciphertext) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (
                secret_id,
                token,
                json.dumps(["AWSCURRENT"]),
                now,
                key.key_id,
                int(value[1]),
                wrapped,
                ciphertext,
            ),
        )
    status = None
    if request.AddReplicaRegions:
        primary = rows.get(conn, region, request.Name)
        replicas.plan(
            conn,
            keys,
            primary,
            request.AddReplicaRegions,
            request.ForceOverwriteReplicaSecret,
            (value[0], value[1], token) if value is not None else None,
            now,
        )
        status = rows.replication_status(conn, secret_id)
    return CreateSecretResult(
        ARN=arn, Name=request.Name, VersionId=token if value is not None else None, ReplicationStatus=status
    )
