"""Secret rows of the local store and their AWS shapes (DescribeSecret, ListSecrets entries).

Why one place: describe, list and the replica settlement all read the same columns and must print the same
members the same way (KmsKeyId omitted for the default key, LastAccessedDate only after a read, …).
"""

from __future__ import annotations

import json
import math
import re
import sqlite3
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from smtui.backends.local import ids
from smtui.errors import ServiceError
from smtui.model import DescribeSecretResult, ReplicationStatusEntry, SecretListEntry, Tag
from smtui.model import messages as msg

COLUMNS = (
    "id, region, name, arn, description, kms_key_id, tags, type, created, last_changed, last_accessed, "
    "deleted_at, deletion_date, primary_region, primary_id"
)
REPLICA_IN_SYNC = "Replication succeeded"
_FULL_ARN = re.compile(r"-[A-Za-z0-9]{6}\Z")  # a secret ARN ending in its suffix


@dataclass
class SecretRow:
    id: int
    region: str
    name: str
    arn: str
    description: str | None
    kms_key_id: str | None
    tags: str | None
    type: str | None
    created: float
    last_changed: float
    last_accessed: float | None
    deleted_at: float | None
    deletion_date: float | None
    primary_region: str | None
    primary_id: int | None

    @property
    def tag_list(self) -> list[Tag]:
        return [Tag(Key=k, Value=v) for k, v in json.loads(self.tags or "[]")]

    @property
    def shown_kms_key_id(self) -> str | None:
        """KmsKeyId as DescribeSecret prints it: omitted for the default key (docs/aws-behaviour.md §8)."""
        return None if self.kms_key_id in (None, "", ids.DEFAULT_KEY_ALIAS) else self.kms_key_id


def ts(value: float | None) -> datetime | None:
    """An epoch as the service returns it: to the millisecond (AWS timestamps carry three decimals)."""
    if value is None:
        return None
    ms = math.floor(value * 1000)
    return datetime.fromtimestamp(ms // 1000, tz=UTC) + timedelta(milliseconds=ms % 1000)


def not_found() -> ServiceError:
    return ServiceError("ResourceNotFoundException", msg.NOT_FOUND, field="SecretId")


def find(conn: sqlite3.Connection, region: str, secret_id: str) -> SecretRow | None:
    """The secret `secret_id` names in `region` (docs/aws-behaviour.md §7.1): not starting `arn:`, a name; an ARN
    whose last part ends in `-` and six letters or digits, that exact ARN; any other ARN, a partial ARN (the ARN
    without its suffix) of the one secret it completes. An ARN must name the store's region and account."""
    if not secret_id.startswith("arn:"):
        row = conn.execute(
            f"SELECT {COLUMNS} FROM secrets WHERE region = ? AND name = ?",  # noqa: S608
            (region, secret_id),
        ).fetchone()
        return None if row is None else SecretRow(*row)
    parsed = ids.parse_secret_arn(secret_id)
    if parsed is None or parsed.region != region:
        return None
    if _FULL_ARN.search(secret_id):
        row = conn.execute(f"SELECT {COLUMNS} FROM secrets WHERE arn = ?", (secret_id,)).fetchone()  # noqa: S608
    else:  # partial ARN: everything but the -XXXXXX suffix; the name is unique in the region
        row = conn.execute(
            f"SELECT {COLUMNS} FROM secrets WHERE region = ? AND name = ?",  # noqa: S608
            (region, parsed.rest),
        ).fetchone()
        if row is not None and str(row[3]) != f"{secret_id}-{str(row[3])[-ids.SUFFIX_LENGTH :]}":
            row = None  # same name, but another account or partition
    return None if row is None else SecretRow(*row)


def get(conn: sqlite3.Connection, region: str, secret_id: str) -> SecretRow:
    found = find(conn, region, secret_id)
    if found is None:
        raise not_found()
    return found


def versions_to_stages(conn: sqlite3.Connection, secret_id: int) -> dict[str, list[str]] | None:
    """{VersionId: labels} of the versions that carry a label: a deprecated version (none) is left out
    (docs/aws-behaviour.md §15.1); None when no version has one (the member is then omitted)."""
    rows = conn.execute(
        "SELECT version_id, stages FROM versions WHERE secret_id = ? AND stages != '[]' ORDER BY created, rowid",
        (secret_id,),
    ).fetchall()
    return {v: json.loads(s) for v, s in rows} or None


def replication_status(conn: sqlite3.Connection, primary_id: int) -> list[ReplicationStatusEntry] | None:
    rows = conn.execute(
        "SELECT r.region, r.kms_key_id, r.status, r.status_message, s.last_accessed FROM replicas r "
        "LEFT JOIN secrets s ON s.primary_id = r.primary_id AND s.region = r.region "
        "WHERE r.primary_id = ? ORDER BY r.rowid",
        (primary_id,),
    ).fetchall()
    out = [
        ReplicationStatusEntry(
            Region=region,
            KmsKeyId=kms or ids.DEFAULT_KEY_ALIAS,
            Status=status,
            StatusMessage=message,
            LastAccessedDate=ts(accessed),
        )
        for region, kms, status, message, accessed in rows
    ]
    return out or None


def _common(conn: sqlite3.Connection, row: SecretRow) -> dict[str, Any]:
    """The members DescribeSecret and a ListSecrets entry share."""
    return {
        "ARN": row.arn, "Name": row.name, "Description": row.description or None, "KmsKeyId": row.shown_kms_key_id,
        "LastChangedDate": ts(row.last_changed), "LastAccessedDate": ts(row.last_accessed),
        "DeletedDate": ts(row.deletion_date), "CreatedDate": ts(row.created),
        "Tags": None if row.tags is None else row.tag_list,  # [] once the last tag is removed, as AWS shows it
        "PrimaryRegion": row.primary_region, "Type": row.type,
    }  # fmt: skip


def describe(conn: sqlite3.Connection, row: SecretRow) -> DescribeSecretResult:
    return DescribeSecretResult(
        **_common(conn, row),
        VersionIdsToStages=versions_to_stages(conn, row.id),
        ReplicationStatus=replication_status(conn, row.id),
    )


def list_entry(conn: sqlite3.Connection, row: SecretRow) -> SecretListEntry:
    return SecretListEntry(**_common(conn, row), SecretVersionsToStages=versions_to_stages(conn, row.id))


def copy_columns(row: SecretRow) -> dict[str, Any]:
    """The columns a replica takes over from its primary."""
    return {
        "name": row.name,
        "description": row.description,
        "tags": row.tags,
        "type": row.type,
        "created": row.created,
    }
