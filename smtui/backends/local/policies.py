"""Resource policies in the local store: Get, Put, Delete and ValidateResourcePolicy (docs/aws-behaviour.md §21).

A policy is kept per secret in the `resource_policies` table, as the exact text that was put (GetResourcePolicy
gives back what was sent). The service replicates the policy: a replica reads its primary's, and a replica that
stops replicating keeps a copy (`keep_primary_policy`). The checks are the model's (`policy_rules`): a JSON policy
document, and no public access when BlockPublicPolicy is set. The local store grants nobody anything: the policy is
kept and shown, never enforced (docs/aws-behaviour.md §21.3).
"""

from __future__ import annotations

import sqlite3

from smtui.backends.local import changes, params, rows
from smtui.backends.local.ops_base import LocalOpsBase, refuse_issues
from smtui.errors import ServiceError
from smtui.model import policy_rules
from smtui.model.lifecycle import (
    PolicyValidationError,
    ResourcePolicyResult,
    SecretIdResult,
    ValidateResourcePolicyResult,
)


def policy_of(conn: sqlite3.Connection, secret_id: int) -> str | None:
    found = conn.execute("SELECT policy FROM resource_policies WHERE secret_id = ?", (secret_id,)).fetchone()
    return None if found is None else str(found[0])


class LocalPolicyOps(LocalOpsBase):
    def get_resource_policy(self, secret_id: str) -> ResourcePolicyResult:
        params.check(SecretId=secret_id)

        def op(conn: sqlite3.Connection, _now: float) -> ResourcePolicyResult:
            row = rows.get(conn, self._region, secret_id)  # answers for a secret scheduled for deletion too
            holder = row.id if row.primary_id is None else row.primary_id  # a replica shows its primary's policy
            return ResourcePolicyResult(ARN=row.arn, Name=row.name, ResourcePolicy=policy_of(conn, holder))

        return self._read(op)

    def put_resource_policy(self, secret_id: str, policy: str, *, block_public_policy: bool = False) -> SecretIdResult:
        params.check(SecretId=secret_id)
        refuse_issues(policy_rules.length_issues(policy))

        def op(conn: sqlite3.Connection, now: float) -> SecretIdResult:
            row = changes.writable(self._primary(conn, secret_id))
            error = policy_rules.put_error(policy, block_public_policy=block_public_policy)
            if error is not None:
                raise ServiceError(*error, field="ResourcePolicy")
            conn.execute(
                "INSERT INTO resource_policies (secret_id, policy) VALUES (?, ?) "
                "ON CONFLICT (secret_id) DO UPDATE SET policy = excluded.policy",
                (row.id, policy),
            )
            changes.touch(conn, row.id, now)
            return SecretIdResult(ARN=row.arn, Name=row.name)

        return self._write(op)

    def delete_resource_policy(self, secret_id: str) -> SecretIdResult:
        params.check(SecretId=secret_id)

        def op(conn: sqlite3.Connection, now: float) -> SecretIdResult:
            row = changes.writable(self._primary(conn, secret_id))
            if conn.execute("DELETE FROM resource_policies WHERE secret_id = ?", (row.id,)).rowcount:
                changes.touch(conn, row.id, now)  # no policy: the same answer, and nothing changed
            return SecretIdResult(ARN=row.arn, Name=row.name)

        return self._write(op)

    def validate_resource_policy(self, policy: str, *, secret_id: str | None = None) -> ValidateResourcePolicyResult:
        params.check(SecretId=secret_id)
        refuse_issues(policy_rules.length_issues(policy))
        if secret_id is not None:
            self._read(lambda conn, _now: rows.get(conn, self._region, secret_id))
        findings = policy_rules.problems(policy)
        return ValidateResourcePolicyResult(
            PolicyValidationPassed=not findings,
            ValidationErrors=[PolicyValidationError(CheckName=p.check, ErrorMessage=p.message) for p in findings],
        )


def keep_primary_policy(conn: sqlite3.Connection, replica_id: int, primary_id: int) -> None:
    """A replica becoming standalone keeps the policy it showed (its primary's) as its own."""
    conn.execute(
        "INSERT OR REPLACE INTO resource_policies (secret_id, policy) "
        "SELECT ?, policy FROM resource_policies WHERE secret_id = ?",
        (replica_id, primary_id),
    )
