"""The local store's operations on a secret after create other than its versions (docs/aws-behaviour.md §17-§21),
gathered into one mixin so `LocalBackend` names a single base for them."""

from __future__ import annotations

from smtui.backends.local.batch import LocalBatchOps
from smtui.backends.local.passwords import LocalPasswordOps
from smtui.backends.local.policies import LocalPolicyOps
from smtui.backends.local.replication_ops import LocalReplicationOps
from smtui.backends.local.tagging import LocalTagOps


class LocalAfterCreateOps(LocalTagOps, LocalReplicationOps, LocalPolicyOps, LocalBatchOps, LocalPasswordOps):
    """Tags, replication after create, resource policies, batch reads, random passwords."""
