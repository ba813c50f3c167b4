"""GetSecretValue in the local store: pick the version, decrypt it, note the access.

Why the access is noted apart from the read: the service records LastAccessedDate (to the day) on every read
of the value, but a read must still work on a full disk, where no write can commit. So the value is read in a
read transaction and LastAccessedDate is written afterwards, best-effort (`note_access`).
"""

from __future__ import annotations

import json
import sqlite3
from datetime import UTC, datetime

from pydantic import SecretBytes, SecretStr

from smtui.backends.local import crypto, rows
from smtui.backends.local.keys import Keys
from smtui.backends.local.store import disk_full
from smtui.errors import ServiceError
from smtui.model import SecretValueResult
from smtui.model import messages as msg

KEY_UNUSABLE = (
    "Secrets Manager can't decrypt the protected secret text using the provided KMS key: the key is "
    "disabled or not in a usable state."
)


def day_of(epoch: float) -> float:
    """Midnight UTC of the day `epoch` falls in (LastAccessedDate is kept to the day, docs/aws-behaviour.md §9)."""
    d = datetime.fromtimestamp(epoch, tz=UTC)
    return datetime(d.year, d.month, d.day, tzinfo=UTC).timestamp()


def _pick(
    conn: sqlite3.Connection, row: rows.SecretRow, version_id: str | None, version_stage: str | None
) -> tuple[str, list[str], float, str, int, bytes, bytes]:
    found = conn.execute(
        "SELECT version_id, stages, created, key_id, is_binary, wrapped_key, ciphertext "
        "FROM versions WHERE secret_id = ?",
        (row.id,),
    ).fetchall()
    stage = version_stage or (None if version_id else "AWSCURRENT")
    for vid, stages_json, created, key_id, is_binary, wrapped, ciphertext in found:
        stages = json.loads(stages_json)
        if (version_id is None or vid == version_id) and (stage is None or stage in stages):
            return vid, stages, created, key_id, is_binary, wrapped, ciphertext
    if version_id is not None:
        raise ServiceError(
            "ResourceNotFoundException",
            msg.NO_VALUE_FOR_VERSION.format(version=version_id),
            field="VersionId",
        )
    raise ServiceError(
        "ResourceNotFoundException",
        msg.NO_VALUE_FOR_STAGE.format(stage=stage),
        field="VersionStage" if version_stage else "SecretId",
    )


def read_value(
    conn: sqlite3.Connection,
    keys: Keys,
    region: str,
    secret_id: str,
    version_id: str | None,
    version_stage: str | None,
    now: float,
) -> SecretValueResult:
    """Run inside a read transaction; the caller notes the access afterwards (`note_access`)."""
    row = rows.get(conn, region, secret_id)
    if row.deletion_date is not None:
        raise ServiceError("InvalidRequestException", msg.ALREADY_SCHEDULED, field="SecretId")
    vid, stages, created, key_id, is_binary, wrapped, ciphertext = _pick(conn, row, version_id, version_stage)
    key = keys.find(conn, region, key_id)
    if key is None:
        raise ServiceError("DecryptionFailure", crypto.DECRYPTION_FAILED)
    if key.state != "Enabled":
        raise ServiceError("DecryptionFailure", KEY_UNUSABLE)
    plaintext = crypto.decrypt(
        keys.material(key), wrapped, ciphertext, crypto.associated_data(row.arn, vid, key_id, bool(is_binary))
    )
    common = {
        "ARN": row.arn,
        "Name": row.name,
        "VersionId": vid,
        "VersionStages": stages,
        "CreatedDate": rows.ts(created),
    }
    if is_binary:
        return SecretValueResult(**common, SecretBinary=SecretBytes(plaintext))
    try:
        text = plaintext.decode("utf-8")
    except UnicodeDecodeError:
        raise ServiceError("DecryptionFailure", crypto.DECRYPTION_FAILED) from None
    return SecretValueResult(**common, SecretString=SecretStr(text))


def note_access(conn: sqlite3.Connection, region: str, secret_id: str, now: float) -> None:
    """LastAccessedDate of the secret read (run inside a write transaction; only when the day changed)."""
    row = rows.find(conn, region, secret_id)
    if row is not None and row.last_accessed != day_of(now):
        conn.execute("UPDATE secrets SET last_accessed = ? WHERE id = ?", (day_of(now), row.id))


def is_full_disk(exc: sqlite3.Error) -> bool:
    """SQLite's words for a write the disk cannot take (SQLITE_FULL, SQLITE_IOERR)."""
    return disk_full(exc)
