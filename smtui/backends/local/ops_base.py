"""What the local store's operation mixins (tags, replication, policies, batch reads, passwords) need of
`LocalBackend`, and the one way they turn the model's findings into the service's answer.

Why mixins: each group of operations lives in its own small module, and `LocalBackend` inherits them; the
attributes below are `LocalBackend`'s own (declared here for the type checker only).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, TypeVar

from smtui.errors import ParameterError, ServiceError
from smtui.model.lifecycle_rules import Refusal, from_issues
from smtui.model.rules import RuleIssue

if TYPE_CHECKING:
    from smtui.backends.local import rows
    from smtui.backends.local.keys import Keys
    from smtui.backends.local.store import Store

T = TypeVar("T")


class LocalOpsBase:
    """The parts of `LocalBackend` an operation mixin uses."""

    if TYPE_CHECKING:
        _region: str
        keys: Keys
        store: Store
        clock: Callable[[], float]

        def _write(self, fn: Callable[[sqlite3.Connection, float], T]) -> T: ...
        def _read(self, fn: Callable[[sqlite3.Connection, float], T]) -> T: ...
        def _primary(self, conn: sqlite3.Connection, secret_id: str) -> rows.SecretRow: ...


def refuse(refusal: Refusal | None) -> None:
    """Raise what the AWS CLI would meet: botocore's ParameterError (252) or the service's ServiceError (254)."""
    if refusal is None:
        return
    if refusal.kind == "client":
        raise ParameterError(refusal.message, field=refusal.field)
    raise ServiceError(refusal.code, refusal.message, field=refusal.field)


def refuse_issues(issues: Sequence[RuleIssue]) -> None:
    refuse(from_issues(issues))
