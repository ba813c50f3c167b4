"""Replication after create in the local store: ReplicateSecretToRegions, RemoveRegionsFromReplication,
StopReplicationToReplica (docs/aws-behaviour.md §18).

New replicas are planned exactly as create plans them (`replicas.plan`): InProgress now, settled by time into
InSync or Failed, with the current value already sealed for each replica's ARN and key, so settlement needs no
plaintext. The plaintext of the current version is decrypted here, inside the write transaction, only to be
sealed again, and dropped at once.
"""

from __future__ import annotations

import json
import sqlite3

from smtui.backends.local import changes, crypto, params, replicas, rows
from smtui.backends.local.ops_base import LocalOpsBase, refuse
from smtui.backends.local.policies import keep_primary_policy
from smtui.errors import ServiceError
from smtui.model import messages as msg
from smtui.model.lifecycle import ReplicaRegion, ReplicationResult, StopReplicationResult
from smtui.model.lifecycle_rules import remove_refusal, replicate_refusal


def _regions(conn: sqlite3.Connection, primary_id: int) -> list[str]:
    return [
        r for (r,) in conn.execute("SELECT region FROM replicas WHERE primary_id = ? ORDER BY rowid", (primary_id,))
    ]


def _result(conn: sqlite3.Connection, row: rows.SecretRow) -> ReplicationResult:
    return ReplicationResult(ARN=row.arn, ReplicationStatus=rows.replication_status(conn, row.id) or [])


class LocalReplicationOps(LocalOpsBase):
    def _current_value(self, conn: sqlite3.Connection, row: rows.SecretRow) -> tuple[bytes, bool, str] | None:
        """(plaintext, is_binary, version id) of AWSCURRENT, or None for a secret without a value."""
        for version_id, stages, key_id, is_binary, wrapped, ciphertext in conn.execute(
            "SELECT version_id, stages, key_id, is_binary, wrapped_key, ciphertext FROM versions WHERE secret_id = ?",
            (row.id,),
        ):
            if "AWSCURRENT" not in json.loads(stages):
                continue
            key = self.keys.find(conn, row.region, key_id)
            if key is None:
                raise ServiceError("DecryptionFailure", crypto.DECRYPTION_FAILED)
            aad = crypto.associated_data(row.arn, version_id, key_id, bool(is_binary))
            return crypto.decrypt(self.keys.material(key), wrapped, ciphertext, aad), bool(is_binary), version_id
        return None

    def replicate_secret_to_regions(
        self, secret_id: str, regions: list[ReplicaRegion], *, force_overwrite: bool = False
    ) -> ReplicationResult:
        params.check(SecretId=secret_id)
        refuse(replicate_refusal(regions, self._region))

        def op(conn: sqlite3.Connection, now: float) -> ReplicationResult:
            row = changes.writable(self._primary(conn, secret_id))
            present = set(_regions(conn, row.id))
            for replica in regions:
                if replica.Region in present:
                    text = msg.REGION_ALREADY_REPLICATED.format(region=replica.Region)
                    raise ServiceError("InvalidParameterException", text, field="AddReplicaRegions")
            value = self._current_value(conn, row)
            try:
                replicas.plan(conn, self.keys, row, list(regions), force_overwrite, value, now)
            finally:
                del value  # the plaintext goes no further than the sealing
            changes.touch(conn, row.id, now)
            return _result(conn, row)

        return self._write(op)

    def remove_regions_from_replication(self, secret_id: str, regions: list[str]) -> ReplicationResult:
        params.check(SecretId=secret_id)
        refuse(remove_refusal(regions))

        def op(conn: sqlite3.Connection, now: float) -> ReplicationResult:
            row = changes.writable(self._primary(conn, secret_id))
            present = set(_regions(conn, row.id))
            for region in regions:
                if region not in present:
                    text = msg.REGION_NOT_REPLICATED.format(region=region)
                    raise ServiceError("InvalidParameterException", text, field="RemoveReplicaRegions")
            for region in dict.fromkeys(regions):  # the replica secret goes at once, with its versions
                conn.execute("DELETE FROM replicas WHERE primary_id = ? AND region = ?", (row.id, region))
                conn.execute("DELETE FROM secrets WHERE primary_id = ? AND region = ?", (row.id, region))
            changes.touch(conn, row.id, now)
            return _result(conn, row)

        return self._write(op)

    def stop_replication_to_replica(self, secret_id: str) -> StopReplicationResult:
        params.check(SecretId=secret_id)

        def op(conn: sqlite3.Connection, now: float) -> StopReplicationResult:
            row = rows.get(conn, self._region, secret_id)
            if row.primary_id is None:
                raise ServiceError("InvalidRequestException", msg.NOT_A_REPLICA, field="SecretId")
            conn.execute("DELETE FROM replicas WHERE primary_id = ? AND region = ?", (row.primary_id, row.region))
            conn.execute("UPDATE secrets SET primary_region = NULL, primary_id = NULL WHERE id = ?", (row.id,))
            keep_primary_policy(conn, row.id, row.primary_id)
            changes.touch(conn, row.id, now)
            changes.touch(conn, row.primary_id, now)
            return StopReplicationResult(ARN=row.arn)  # the primary's ARN in this region: the standalone secret's

        return self._write(op)
