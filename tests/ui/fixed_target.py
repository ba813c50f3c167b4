"""A fixed, in-memory Secrets Manager target for snapshots and screenshots.

Why a stand-in here (and only here): a snapshot must be identical on every run, and the real targets are not —
the local store has a random account id, a temporary path and random ARN suffixes; moto has a random port. The
pilot flow tests (test_wizard_flow.py) use the real local store and a real moto server.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC, datetime
from typing import Any, NoReturn

from smtui.backends.base import Backend
from smtui.errors import ServiceError
from smtui.model import (
    CreateSecretRequest,
    CreateSecretResult,
    DescribeSecretResult,
    Identity,
    KmsKey,
    ListSecretsResult,
    ReplicationStatusEntry,
    SecretListEntry,
)
from smtui.model.limits import BackendKind
from smtui.regions import partition_regions
from smtui.settings import TargetSettings

ACCOUNT = "111122223333"
TAKEN = "prod/payments/api-key"

# Put mode's secrets (ListSecrets), one scheduled for deletion so the list shows why it cannot be chosen; each has
# a current and a previous version (DescribeSecret's VersionIdsToStages), so Review names what moves.
EXISTING: dict[str, datetime | None] = {
    "prod/orders/api-token": None,
    "prod/legacy/ftp-password": datetime(2026, 11, 20, tzinfo=UTC),
    "prod/payments/stripe-key": None,
    "staging/payments/stripe-key": None,
}
PUT_SECRET = "prod/payments/stripe-key"  # the one the put scenes pick
CURRENT_VERSION = "3b1f6c2e-5d4a-4e8b-9c7f-0a1b2c3d4e5f"
PREVIOUS_VERSION = "9e8d7c6b-5a49-4382-b1a0-f9e8d7c6b5a4"


def secret_arn(name: str, region: str = "us-east-1") -> str:
    return f"arn:aws:secretsmanager:{region}:{ACCOUNT}:secret:{name}-a1B2c3"


def _not_offered(operation: str) -> NoReturn:
    """The wizard's steps never call the operations after create; the stand-in says so if a test ever does."""
    raise ServiceError("InvalidRequestException", f"The snapshot stand-in does not offer {operation}.")


class _NoLifecycle(Backend):
    """The lifecycle operations, refused: snapshots and screenshots cover CreateSecret's wizard only."""

    def put_secret_value(self, request: Any) -> NoReturn:
        _not_offered("PutSecretValue")

    def update_secret(self, request: Any) -> NoReturn:
        _not_offered("UpdateSecret")

    def update_secret_version_stage(self, secret_id: str, version_stage: str, **_: Any) -> NoReturn:
        _not_offered("UpdateSecretVersionStage")

    def list_secret_version_ids(self, secret_id: str, **_: Any) -> NoReturn:
        _not_offered("ListSecretVersionIds")

    def tag_resource(self, secret_id: str, tags: Any) -> NoReturn:
        _not_offered("TagResource")

    def untag_resource(self, secret_id: str, tag_keys: Any) -> NoReturn:
        _not_offered("UntagResource")

    def replicate_secret_to_regions(self, secret_id: str, regions: Any, **_: Any) -> NoReturn:
        _not_offered("ReplicateSecretToRegions")

    def remove_regions_from_replication(self, secret_id: str, regions: Any) -> NoReturn:
        _not_offered("RemoveRegionsFromReplication")

    def stop_replication_to_replica(self, secret_id: str) -> NoReturn:
        _not_offered("StopReplicationToReplica")

    def get_random_password(self, options: Any) -> NoReturn:
        _not_offered("GetRandomPassword")

    def batch_get_secret_value(self, **_: Any) -> NoReturn:
        _not_offered("BatchGetSecretValue")

    def get_resource_policy(self, secret_id: str) -> NoReturn:
        _not_offered("GetResourcePolicy")

    def put_resource_policy(self, secret_id: str, policy: str, **_: Any) -> NoReturn:
        _not_offered("PutResourcePolicy")

    def delete_resource_policy(self, secret_id: str) -> NoReturn:
        _not_offered("DeleteResourcePolicy")

    def validate_resource_policy(self, policy: str, **_: Any) -> NoReturn:
        _not_offered("ValidateResourcePolicy")


class FixedTarget(_NoLifecycle):
    """Answers like a small account in us-east-1; replicas show InProgress once, then InSync."""

    kind: BackendKind = "local"

    def __init__(self, settings: TargetSettings | None = None) -> None:
        self.created: list[CreateSecretRequest] = []
        self._described = 0

    @property
    def region(self) -> str:
        return "us-east-1"

    def describe_target(self) -> str:
        return "local store at ~/.local/share/smtui/store.db (us-east-1)"

    def whoami(self) -> Identity:
        return Identity(Account=ACCOUNT, Arn=f"arn:aws:iam::{ACCOUNT}:user/smtui-local")

    def regions(self) -> list[str]:
        return partition_regions("us-east-1")

    def list_kms_keys(self) -> list[KmsKey]:
        return [
            KmsKey(
                KeyId="alias/aws/secretsmanager",
                AliasNames=["alias/aws/secretsmanager"],
                KeyManager="AWS",
                IsDefault=True,
            ),
            KmsKey(
                KeyId="1234abcd-12ab-34cd-56ef-1234567890ab",
                AliasNames=["alias/payments"],
                Description="Payments team secrets",
            ),
            KmsKey(
                KeyId="mrk-0f1e2d3c4b5a69788796a5b4c3d2e1f0",
                AliasNames=["alias/shared-dr"],
                Description="Multi-region key for disaster recovery",
            ),
        ]

    def _arn(self, name: str, region: str = "us-east-1") -> str:
        return secret_arn(name, region)

    def list_secrets(self, **_: Any) -> ListSecretsResult:
        """One page, every secret (the put scenes' list; the wizard asks with include_planned_deletion)."""
        entries = [SecretListEntry(ARN=secret_arn(n), Name=n, DeletedDate=d) for n, d in EXISTING.items()]
        return ListSecretsResult(SecretList=entries)

    def describe_secret(self, secret_id: str) -> DescribeSecretResult:
        existing = next((n for n in EXISTING if secret_id in (n, secret_arn(n))), None)
        if existing is not None:
            return DescribeSecretResult(
                ARN=secret_arn(existing),
                Name=existing,
                DeletedDate=EXISTING[existing],
                VersionIdsToStages={CURRENT_VERSION: ["AWSCURRENT"], PREVIOUS_VERSION: ["AWSPREVIOUS"]},
                CreatedDate=datetime(2026, 1, 2, tzinfo=UTC),
            )
        if secret_id == TAKEN or secret_id.startswith("arn:"):
            self._described += 1
            status: Any = "InSync"
            replicas = [
                ReplicationStatusEntry(Region=r.Region, Status=status, StatusMessage="Replication succeeded")
                for r in (self.created[-1].AddReplicaRegions if self.created else [])
            ]
            return DescribeSecretResult(
                ARN=self._arn(secret_id),
                Name=secret_id,
                ReplicationStatus=replicas or None,
                CreatedDate=datetime(2026, 1, 2, tzinfo=UTC),
            )
        raise ServiceError("ResourceNotFoundException", "Secrets Manager can't find the specified secret.")

    def create_secret(self, request: CreateSecretRequest) -> CreateSecretResult:
        if request.Name == TAKEN:
            raise ServiceError(
                "ResourceExistsException",
                f"The operation failed because the secret {TAKEN} already exists.",
                field="Name",
            )
        self.created.append(request)
        replicas = [ReplicationStatusEntry(Region=r.Region, Status="InProgress") for r in request.AddReplicaRegions]
        return CreateSecretResult(
            ARN=self._arn(request.Name),
            Name=request.Name,
            VersionId=request.ClientRequestToken,
            ReplicationStatus=replicas or None,
        )

    # not used by the wizard
    def get_secret_value(self, *args: Any, **kwargs: Any) -> Any:
        raise NotImplementedError

    def delete_secret(self, *args: Any, **kwargs: Any) -> Any:
        raise NotImplementedError

    def restore_secret(self, *args: Any, **kwargs: Any) -> Any:
        raise NotImplementedError


class SettledTarget(FixedTarget):
    """FixedTarget whose replicas are settled in CreateSecret's own answer: each region of `failed` Failed with
    its message (the local store's words, docs/aws-behaviour.md §6.3), every other one InSync.

    Why settled at once (the service answers InProgress): the Result screen then starts no poll, whose answer
    comes after a real second, so the Result scenes' pictures depend on no timer and no machine's load.
    """

    def __init__(self, settings: TargetSettings | None = None, *, failed: Mapping[str, str]) -> None:
        super().__init__(settings)
        self.failed = dict(failed)

    def _settled(self, request: CreateSecretRequest) -> list[ReplicationStatusEntry]:
        return [
            ReplicationStatusEntry(
                Region=r.Region,
                KmsKeyId=r.KmsKeyId,
                Status="Failed" if r.Region in self.failed else "InSync",
                StatusMessage=self.failed.get(r.Region, "Replication succeeded"),
            )
            for r in request.AddReplicaRegions
        ]

    def create_secret(self, request: CreateSecretRequest) -> CreateSecretResult:
        result = super().create_secret(request)
        return result.model_copy(update={"ReplicationStatus": self._settled(request) or None})

    def describe_secret(self, secret_id: str) -> DescribeSecretResult:
        described = super().describe_secret(secret_id)
        if self.created and secret_id in (self.created[-1].Name, self._arn(self.created[-1].Name)):
            return described.model_copy(update={"ReplicationStatus": self._settled(self.created[-1]) or None})
        return described
