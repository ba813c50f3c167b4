"""Replicas to other regions of the same store (docs/aws-behaviour.md §6).

Why settlement is a pure function of time: the service answers `InProgress` first and settles later. A
background thread would die with its process and leave a replica `InProgress` forever. Instead each replica
row stores `settle_after` (created + SMTUI_LOCAL_REPLICA_DELAY seconds, default 1.5) and whatever it needs to
finish (its outcome if already known, and the value already encrypted for the replica's ARN and key); any
later read of the store settles every due replica in its own write transaction. No plaintext is needed at
settlement time.
"""

from __future__ import annotations

import json
import os
import sqlite3

from smtui.backends.local import crypto, ids, rows
from smtui.backends.local.keys import Keys
from smtui.errors import ServiceError
from smtui.model import ReplicaRegion
from smtui.model import messages as msg
from smtui.regions import is_known_region, partition_of

DEFAULT_DELAY_S = 1.5


def delay() -> float:
    """Seconds a replica stays InProgress (SMTUI_LOCAL_REPLICA_DELAY, for tests and demos)."""
    try:
        return max(0.0, float(os.environ.get("SMTUI_LOCAL_REPLICA_DELAY", DEFAULT_DELAY_S)))
    except ValueError:
        return DEFAULT_DELAY_S


def plan(
    conn: sqlite3.Connection,
    keys: Keys,
    primary: rows.SecretRow,
    replicas: list[ReplicaRegion],
    force: bool,
    value: tuple[bytes, bool, str] | None,
    now: float,
) -> None:
    """Record each requested replica as InProgress, with its outcome decided where it can be decided now.

    `value` is (plaintext, is_binary, version id) when the secret has one: it is encrypted here for the
    replica's ARN with the replica region's key, so settlement never needs the plaintext.
    """
    settle_after = now + delay()
    for replica in replicas:
        failure: str | None = None
        sealed: tuple[str, bytes, bytes] | None = None
        region = replica.Region
        if region == primary.region:
            raise ServiceError("InvalidParameterException", msg.INVALID_REPLICA_REGION, field="AddReplicaRegions")
        if not is_known_region(region, partition_of(primary.region)):
            failure = msg.INVALID_REPLICA_REGION
        else:
            try:
                key = keys.resolve(conn, region, replica.KmsKeyId)
            except ServiceError:
                failure = msg.REPLICA_KMS_UNUSABLE.format(key=replica.KmsKeyId or ids.DEFAULT_KEY_ALIAS, region=region)
            else:
                if value is not None:
                    plaintext, is_binary, version_id = value
                    arn = ids.swap_region(primary.arn, primary.region, region)
                    aad = crypto.associated_data(arn, version_id, key.key_id, is_binary)
                    wrapped, ciphertext = crypto.encrypt(keys.material(key), plaintext, aad)
                    sealed = (key.key_id, wrapped, ciphertext)
        conn.execute(
            "INSERT INTO replicas (primary_id, region, kms_key_id, status, settle_after, force, failure, "
            "version_id, key_id, is_binary, wrapped_key, ciphertext) "
            "VALUES (?, ?, ?, 'InProgress', ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                primary.id,
                region,
                replica.KmsKeyId,
                settle_after,
                int(force),
                failure,
                value[2] if sealed and value else None,
                sealed[0] if sealed else None,
                int(value[1]) if sealed and value else None,
                sealed[1] if sealed else None,
                sealed[2] if sealed else None,
            ),
        )


def has_due(conn: sqlite3.Connection, now: float) -> bool:
    return (
        conn.execute(
            "SELECT 1 FROM replicas WHERE status = 'InProgress' AND settle_after <= ? LIMIT 1", (now,)
        ).fetchone()
        is not None
    )


def settle_due(conn: sqlite3.Connection, now: float) -> int:
    """Finish every replica whose time has come (inside the caller's write transaction); returns how many."""
    due = conn.execute(
        "SELECT primary_id, region, kms_key_id, force, failure, version_id, key_id, is_binary, wrapped_key, "
        "ciphertext FROM replicas WHERE status = 'InProgress' AND settle_after <= ?",
        (now,),
    ).fetchall()
    for (
        primary_id,
        region,
        kms_key_id,
        force,
        failure,
        version_id,
        key_id,
        is_binary,
        wrapped,
        ciphertext,
    ) in due:
        primary = conn.execute(f"SELECT {rows.COLUMNS} FROM secrets WHERE id = ?", (primary_id,)).fetchone()  # noqa: S608
        if primary is None:
            continue
        row = rows.SecretRow(*primary)
        status, message = "InSync", rows.REPLICA_IN_SYNC
        if failure is not None:
            status, message = "Failed", failure
        else:
            existing = conn.execute(
                "SELECT id, primary_id FROM secrets WHERE region = ? AND name = ?", (region, row.name)
            ).fetchone()
            sealed = (version_id, key_id, is_binary, wrapped, ciphertext)
            if existing is None:
                _insert_replica(conn, row, region, kms_key_id, now, sealed)
            elif existing[1] != row.id and not force:
                status, message = "Failed", msg.REPLICA_NAME_EXISTS
            elif existing[1] != row.id:  # ForceOverwriteReplicaSecret: the destination secret is replaced
                conn.execute("DELETE FROM secrets WHERE id = ?", (existing[0],))
                _insert_replica(conn, row, region, kms_key_id, now, sealed)
        conn.execute(
            "UPDATE replicas SET status = ?, status_message = ?, wrapped_key = NULL, ciphertext = NULL "
            "WHERE primary_id = ? AND region = ?",
            (status, message, primary_id, region),
        )
    return len(due)


def _insert_replica(
    conn: sqlite3.Connection,
    primary: rows.SecretRow,
    region: str,
    kms_key_id: str | None,
    now: float,
    sealed: tuple[str | None, str | None, int | None, bytes | None, bytes | None],
) -> None:
    cols = rows.copy_columns(primary)
    arn = ids.swap_region(primary.arn, primary.region, region)
    cur = conn.execute(
        "INSERT INTO secrets (region, name, arn, description, kms_key_id, tags, type, created, last_changed, "
        "primary_region, primary_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (
            region,
            cols["name"],
            arn,
            cols["description"],
            kms_key_id,
            cols["tags"],
            cols["type"],
            cols["created"],
            now,
            primary.region,
            primary.id,
        ),
    )
    version_id, key_id, is_binary, wrapped, ciphertext = sealed
    if version_id is not None and wrapped is not None and ciphertext is not None:
        conn.execute(
            "INSERT INTO versions (secret_id, version_id, stages, created, key_id, is_binary, wrapped_key, "
            "ciphertext) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (
                cur.lastrowid,
                version_id,
                json.dumps(["AWSCURRENT"]),
                now,
                key_id,
                is_binary,
                wrapped,
                ciphertext,
            ),
        )
