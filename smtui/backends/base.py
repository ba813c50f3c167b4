"""The backend interface: what the CLI and the wizard may ask of AWS or of the local store.

Every method raises only `smtui.errors.SmtuiError` subclasses: `ServiceError` (AWS code, AWS message, hint, and
the request field concerned where one is), `ConfigurationError` (credentials, keyring, store), `ParameterError`.
Every method blocks (network, SQLite, keyring): the wizard calls them from thread workers only.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from dataclasses import dataclass

from smtui.errors import ServiceError
from smtui.model import (
    CreateSecretRequest,
    CreateSecretResult,
    DeleteSecretResult,
    DescribeSecretResult,
    Identity,
    KmsKey,
    ListSecretsResult,
    NameStatus,
    RestoreSecretResult,
    SecretValueResult,
    Tag,
)
from smtui.model.lifecycle import (
    BatchGetSecretValueResult,
    ListSecretVersionIdsResult,
    PutSecretValueRequest,
    PutSecretValueResult,
    RandomPasswordResult,
    ReplicaRegion,
    ReplicationResult,
    ResourcePolicyResult,
    SecretIdResult,
    StopReplicationResult,
    UpdateSecretRequest,
    UpdateSecretResult,
    ValidateResourcePolicyResult,
)
from smtui.model.limits import BackendKind, SortOrder
from smtui.model.password import PasswordOptions


@dataclass(frozen=True)
class ListFilter:
    """A ListSecrets filter: Key ∈ name, description, tag-key, tag-value, primary-region, owning-service, all."""

    Key: str
    Values: tuple[str, ...]


class Backend(ABC):
    """One Secrets Manager target."""

    kind: BackendKind

    @property
    @abstractmethod
    def region(self) -> str:
        """The region requests go to (the primary region of a new secret)."""

    @abstractmethod
    def describe_target(self) -> str:
        """One line for people: 'local store at ~/.local/share/smtui/store.db (us-east-1)' or
        'AWS profile dev, region eu-west-1, endpoint http://127.0.0.1:5000'."""

    @abstractmethod
    def create_secret(self, request: CreateSecretRequest) -> CreateSecretResult:
        """CreateSecret. The request must carry a ClientRequestToken (callers keep one per draft and reuse it
        on retry, so a retry after a lost response is a no-op)."""

    @abstractmethod
    def describe_secret(self, secret_id: str) -> DescribeSecretResult:
        """DescribeSecret by name or ARN."""

    @abstractmethod
    def get_secret_value(
        self, secret_id: str, *, version_id: str | None = None, version_stage: str | None = None
    ) -> SecretValueResult:
        """GetSecretValue (AWSCURRENT unless a version id or stage is given)."""

    @abstractmethod
    def list_secrets(
        self,
        *,
        max_results: int | None = None,
        next_token: str | None = None,
        filters: list[ListFilter] | None = None,
        include_planned_deletion: bool = False,
        sort_order: SortOrder | None = None,
        sort_by: str | None = None,
    ) -> ListSecretsResult:
        """One page of ListSecrets.

        `sort_by` is the service's SortBy (created-date, last-accessed-date, last-changed-date or name), ordered
        by `sort_order`; None keeps the default order. It is a plain str, not a Literal, because it comes from
        users and documents: a backend answers a value outside the set with the service's ValidationException.
        """

    @abstractmethod
    def delete_secret(
        self, secret_id: str, *, recovery_window_in_days: int | None = None, force_delete_without_recovery: bool = False
    ) -> DeleteSecretResult:
        """DeleteSecret with a 7-30 day recovery window (default 30) or forced."""

    @abstractmethod
    def restore_secret(self, secret_id: str) -> RestoreSecretResult:
        """RestoreSecret: cancel a scheduled deletion."""

    @abstractmethod
    def list_kms_keys(self) -> list[KmsKey]:
        """The keys a new secret may use in this region (docs/aws-behaviour.md §5.5): the default
        aws/secretsmanager entry first (IsDefault, possibly not created yet), then every enabled symmetric
        encryption key."""

    def list_kms_keys_in(self, region: str) -> list[KmsKey]:
        """The keys a replica in `region` may use (the same rule as list_kms_keys). A backend that can list
        another region's keys overrides this; by default only the target's own region answers."""
        if region == self.region:
            return self.list_kms_keys()
        raise ServiceError("UnsupportedOperation", f"This target cannot list the KMS keys of {region}.")

    def describe_key_in(self, region: str, key_id: str) -> KmsKey:
        """DescribeKey in `region`: whether the key is found, enabled and symmetric (the Review preflight's answer
        for a key the listing did not offer). Both backends override this; a target that cannot describe keys says
        so with UnsupportedOperation, and the preflight gives its one combined answer."""
        raise ServiceError("UnsupportedOperation", f"This target cannot describe the KMS keys of {region}.")

    @abstractmethod
    def whoami(self) -> Identity:
        """The account and caller ARN requests run as."""

    @abstractmethod
    def regions(self) -> list[str]:
        """Every region of the target's partition (offered as replica regions)."""

    # --- the secret's lifecycle after create (docs/aws-behaviour.md §15-§21) ---------------------
    @abstractmethod
    def put_secret_value(self, request: PutSecretValueRequest) -> PutSecretValueResult:
        """PutSecretValue: a new version; without VersionStages it takes AWSCURRENT (the old one AWSPREVIOUS)."""

    @abstractmethod
    def update_secret(self, request: UpdateSecretRequest) -> UpdateSecretResult:
        """UpdateSecret: description, KMS key, and optionally a new value (a new AWSCURRENT version)."""

    @abstractmethod
    def update_secret_version_stage(
        self,
        secret_id: str,
        version_stage: str,
        *,
        remove_from_version_id: str | None = None,
        move_to_version_id: str | None = None,
    ) -> SecretIdResult:
        """UpdateSecretVersionStage: attach, detach or move one staging label."""

    @abstractmethod
    def list_secret_version_ids(
        self,
        secret_id: str,
        *,
        max_results: int | None = None,
        next_token: str | None = None,
        include_deprecated: bool = False,
    ) -> ListSecretVersionIdsResult:
        """One page of ListSecretVersionIds (the service has no paginator for it)."""

    @abstractmethod
    def tag_resource(self, secret_id: str, tags: list[Tag]) -> None:
        """TagResource: add tags, replacing the value of a key already there."""

    @abstractmethod
    def untag_resource(self, secret_id: str, tag_keys: list[str]) -> None:
        """UntagResource: remove tags by key; keys not present are ignored."""

    @abstractmethod
    def replicate_secret_to_regions(
        self, secret_id: str, regions: list[ReplicaRegion], *, force_overwrite: bool = False
    ) -> ReplicationResult:
        """ReplicateSecretToRegions: new replicas start InProgress and settle as create's do."""

    @abstractmethod
    def remove_regions_from_replication(self, secret_id: str, regions: list[str]) -> ReplicationResult:
        """RemoveRegionsFromReplication: the replicas go at once; the answer lists those that remain."""

    @abstractmethod
    def stop_replication_to_replica(self, secret_id: str) -> StopReplicationResult:
        """StopReplicationToReplica, called in the replica's region: the replica becomes a standalone secret."""

    @abstractmethod
    def get_random_password(self, options: PasswordOptions) -> RandomPasswordResult:
        """GetRandomPassword (the local store draws it with `secrets`)."""

    @abstractmethod
    def batch_get_secret_value(
        self,
        *,
        secret_ids: list[str] | None = None,
        filters: list[ListFilter] | None = None,
        max_results: int | None = None,
        next_token: str | None = None,
    ) -> BatchGetSecretValueResult:
        """One page of BatchGetSecretValue: per-secret failures go to `Errors`, not to an exception."""

    @abstractmethod
    def get_resource_policy(self, secret_id: str) -> ResourcePolicyResult:
        """GetResourcePolicy (ResourcePolicy absent when there is none)."""

    @abstractmethod
    def put_resource_policy(self, secret_id: str, policy: str, *, block_public_policy: bool = False) -> SecretIdResult:
        """PutResourcePolicy: a JSON policy document; refused when public and block_public_policy is set."""

    @abstractmethod
    def delete_resource_policy(self, secret_id: str) -> SecretIdResult:
        """DeleteResourcePolicy (a secret with no policy answers the same)."""

    @abstractmethod
    def validate_resource_policy(self, policy: str, *, secret_id: str | None = None) -> ValidateResourcePolicyResult:
        """ValidateResourcePolicy: syntax and public-access checks (the local store documents which it performs)."""

    def check_name(self, name: str) -> NameStatus:
        """Is `name` free, taken, or scheduled for deletion? (DescribeSecret, docs/aws-behaviour.md §8.)"""
        try:
            found = self.describe_secret(name)
        except ServiceError as exc:
            if exc.code == "ResourceNotFoundException":
                return NameStatus(State="free")
            raise
        if found.DeletedDate is not None:
            return NameStatus(State="scheduled-for-deletion", ARN=found.ARN, DeletedDate=found.DeletedDate)
        return NameStatus(State="taken", ARN=found.ARN)

    def close(self) -> None:  # noqa: B027 - optional hook
        """Release connections and file handles."""
