"""What every mutation of a secret in the local store does besides its own change (docs/aws-behaviour.md §16).

Why one place: LastChangedDate must move on every successful change (a new value, a description, a label, a tag,
a policy, a deletion or its cancelling) and never on a read, to the millisecond and strictly increasing per
secret, so two changes in the same millisecond still sort in the order they were made. And every write operation
refuses a secret scheduled for deletion with the same answer. Each operation calls these instead of writing its
own.
"""

from __future__ import annotations

import math
import sqlite3

from smtui.backends.local import rows
from smtui.errors import ServiceError
from smtui.model import messages as msg


def next_changed(last: float | None, now: float) -> float:
    """`max(now_ms, last_ms + 1)` as epoch seconds, stored half a millisecond above the millisecond so that
    reading it back to the millisecond (`rows.ts`) can never fall one short through float rounding."""
    now_ms = math.floor(now * 1000)
    ms = now_ms if last is None else max(now_ms, math.floor(last * 1000) + 1)
    return (ms + 0.5) / 1000


def touch(conn: sqlite3.Connection, secret_id: int, now: float) -> float:
    """Bump LastChangedDate of one secret (inside the caller's write transaction); returns the new value."""
    found = conn.execute("SELECT last_changed FROM secrets WHERE id = ?", (secret_id,)).fetchone()
    when = next_changed(None if found is None else float(found[0]), now)
    conn.execute("UPDATE secrets SET last_changed = ? WHERE id = ?", (when, secret_id))
    return when


def writable(row: rows.SecretRow, field: str = "SecretId") -> rows.SecretRow:
    """The secret, unless it is scheduled for deletion (InvalidRequestException, docs/aws-behaviour.md §11.1)."""
    if row.deletion_date is not None:
        raise ServiceError("InvalidRequestException", msg.ALREADY_SCHEDULED, field=field)
    return row
