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
    """The version GetSecretValue answers with (docs/aws-behaviour.md §9): by VersionId (and then VersionStage
    must be one of its labels), by VersionStage, or AWSCURRENT."""
    columns = "version_id, stages, created, key_id, is_binary, wrapped_key, ciphertext"
    if version_id is not None:
        found = conn.execute(
            f"SELECT {columns} FROM versions WHERE secret_id = ? AND version_id = ?",  # noqa: S608
            (row.id, version_id),
        ).fetchone()
        if found is None:
            raise ServiceError(
                "ResourceNotFoundException",
                msg.NO_VALUE_FOR_VERSION.format(version=version_id),
                field="VersionId",
            )
        stages = json.loads(found[1])
        if version_stage is not None and version_stage not in stages:
            raise ServiceError("InvalidRequestException", msg.STAGE_NOT_ON_VERSION, field="VersionStage")
        return found[0], stages, found[2], found[3], found[4], found[5], found[6]
    stage = version_stage or "AWSCURRENT"
    for vid, stages_json, created, key_id, is_binary, wrapped, ciphertext in conn.execute(
        f"SELECT {columns} FROM versions WHERE secret_id = ? AND stages != '[]'",  # noqa: S608
        (row.id,),
    ):
        stages = json.loads(stages_json)
        if stage in stages:
            return vid, stages, created, key_id, is_binary, wrapped, ciphertext
    raise ServiceError(
        "ResourceNotFoundException",
        msg.NO_VALUE_FOR_STAGE.format(stage=stage),
        field="VersionStage" if version_stage else "SecretId",
    )


def decrypt_version(
    conn: sqlite3.Connection,
    keys: Keys,
    row: rows.SecretRow,
    sealed: tuple[str, str, int, bytes, bytes],
) -> bytes:
    """The plaintext of one version, `sealed` = (version id, key id, is_binary, wrapped key, ciphertext):
    DecryptionFailure when its key is gone or not usable, or the data does not match (docs/aws-behaviour.md §5.3)."""
    vid, key_id, is_binary, wrapped, ciphertext = sealed
    key = keys.find(conn, row.region, key_id)
    if key is None:
        raise ServiceError("DecryptionFailure", crypto.DECRYPTION_FAILED)
    if key.state != "Enabled":
        raise ServiceError("DecryptionFailure", KEY_UNUSABLE)
    return crypto.decrypt(
        keys.material(key), wrapped, ciphertext, crypto.associated_data(row.arn, vid, key_id, bool(is_binary))
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
    plaintext = decrypt_version(conn, keys, row, (vid, key_id, is_binary, wrapped, ciphertext))
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


def note_access(
    conn: sqlite3.Connection, region: str, secret_id: str, now: float, version_id: str | None = None
) -> None:
    """LastAccessedDate of the secret read and of the version read (run inside a write transaction; only when
    the day changed). Never LastChangedDate: a read is not a change (docs/aws-behaviour.md §16)."""
    row = rows.find(conn, region, secret_id)
    if row is None:
        return
    day = day_of(now)
    if row.last_accessed != day:
        conn.execute("UPDATE secrets SET last_accessed = ? WHERE id = ?", (day, row.id))
    if version_id is not None:
        conn.execute(
            "UPDATE versions SET last_accessed = ? WHERE secret_id = ? AND version_id = ? AND last_accessed IS NOT ?",
            (day, row.id, version_id, day),
        )


def is_full_disk(exc: sqlite3.Error) -> bool:
    """SQLite's words for a write the disk cannot take (SQLITE_FULL, SQLITE_IOERR)."""
    return disk_full(exc)
