"""TagResource and UntagResource in the local store (docs/aws-behaviour.md §17).

The request is checked by the model first (`tag_ops`), then, in one write transaction: the secret (a replica
refuses, a secret scheduled for deletion refuses), the 50-tag quota on the merged result, the new tags on the
secret and on its replicas (the service replicates tags), and LastChangedDate. Tags are stored as JSON pairs in
insertion order; once a secret has had tags its column is never NULL again, so DescribeSecret can show `Tags: []`
after the last one is removed, as the service does.
"""

from __future__ import annotations

import json
import sqlite3

from smtui.backends.local import changes, params, rows
from smtui.backends.local.ops_base import LocalOpsBase, refuse_issues
from smtui.model import Tag, tag_ops


def _pairs(row: rows.SecretRow) -> list[tuple[str, str]]:
    return [(t.Key, t.Value) for t in row.tag_list]


def _save(conn: sqlite3.Connection, row: rows.SecretRow, tags: list[tuple[str, str]], now: float) -> None:
    """The secret's new tags, on it and on its replicas, each change bumping LastChangedDate."""
    text = json.dumps([[k, v] for k, v in tags])
    ids = [row.id] + [r for (r,) in conn.execute("SELECT id FROM secrets WHERE primary_id = ?", (row.id,))]
    for secret_id in ids:
        conn.execute("UPDATE secrets SET tags = ? WHERE id = ?", (text, secret_id))
        changes.touch(conn, secret_id, now)


class LocalTagOps(LocalOpsBase):
    def tag_resource(self, secret_id: str, tags: list[Tag]) -> None:
        params.check(SecretId=secret_id)
        new = [(t.Key, t.Value) for t in tags]
        refuse_issues(tag_ops.tag_resource_issues(new))

        def op(conn: sqlite3.Connection, now: float) -> None:
            row = changes.writable(self._primary(conn, secret_id))
            refuse_issues(tag_ops.merged_count_issues(_pairs(row), new))
            _save(conn, row, tag_ops.merged(_pairs(row), new), now)

        self._write(op)

    def untag_resource(self, secret_id: str, tag_keys: list[str]) -> None:
        params.check(SecretId=secret_id)
        refuse_issues(tag_ops.untag_resource_issues(tag_keys))

        def op(conn: sqlite3.Connection, now: float) -> None:
            row = changes.writable(self._primary(conn, secret_id))
            left = tag_ops.removed(_pairs(row), tag_keys)
            if len(left) < len(_pairs(row)):  # nothing to remove changes nothing, not even LastChangedDate
                _save(conn, row, left, now)

        self._write(op)
