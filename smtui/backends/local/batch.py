"""BatchGetSecretValue in the local store (docs/aws-behaviour.md §20).

Why it reads through GetSecretValue's own code (`values.read_value`): each secret is picked, checked and
decrypted exactly as a single read would be, and a failure becomes that secret's `Errors` entry with the same code
and text, never a failure of the whole call. By Filters the secrets are ListSecrets' (same filters, same order,
the same opaque NextToken), at most 20 a page. Every secret read gets its LastAccessedDate, best-effort, as
GetSecretValue does.
"""

from __future__ import annotations

import sqlite3

from smtui.backends.base import ListFilter
from smtui.backends.local import listing, params
from smtui.backends.local.ops_base import LocalOpsBase, refuse
from smtui.backends.local.values import note_access, read_value
from smtui.errors import ServiceError, SmtuiError
from smtui.model import SecretValueResult
from smtui.model.lifecycle import BatchErrorEntry, BatchGetSecretValueResult
from smtui.model.lifecycle_rules import batch_refusal
from smtui.model.limits import BATCH_MAX_RESULTS_MAX


class LocalBatchOps(LocalOpsBase):
    def batch_get_secret_value(
        self,
        *,
        secret_ids: list[str] | None = None,
        filters: list[ListFilter] | None = None,
        max_results: int | None = None,
        next_token: str | None = None,
    ) -> BatchGetSecretValueResult:
        pairs = None if filters is None else [(f.Key, f.Values) for f in filters]
        refuse(batch_refusal(secret_ids, pairs, max_results, next_token))

        def op(conn: sqlite3.Connection, now: float) -> BatchGetSecretValueResult:
            token: str | None = None
            wanted = list(secret_ids or [])
            if filters is not None:
                page = listing.list_page(
                    conn,
                    self._region,
                    now,
                    max_results=max_results or BATCH_MAX_RESULTS_MAX,
                    next_token=next_token,
                    filters=filters,
                    include_planned_deletion=False,
                    sort_order=None,
                )
                wanted, token = [e.ARN for e in page.SecretList], page.NextToken
            found: list[SecretValueResult] = []
            errors: list[BatchErrorEntry] = []
            for sid in wanted:
                try:
                    params.check(SecretId=sid)
                    found.append(read_value(conn, self.keys, self._region, sid, None, None, now))
                except ServiceError as exc:
                    errors.append(BatchErrorEntry(SecretId=sid, ErrorCode=exc.code or "", Message=exc.message))
            return BatchGetSecretValueResult(SecretValues=found, Errors=errors, NextToken=token)

        result = self._read(op)
        now = self.clock()
        try:
            with self.store.write_unsynced() as conn:
                for value in result.SecretValues:
                    note_access(conn, self._region, value.ARN, now, value.VersionId)
        except (SmtuiError, sqlite3.Error):
            pass  # best-effort, as GetSecretValue: a full or busy disk does not withhold the values
        return result
