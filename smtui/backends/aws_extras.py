"""The aws backend's operations after create other than versions (docs/aws-behaviour.md §17-§21): tags, replication,
GetRandomPassword, BatchGetSecretValue and resource policies, through the boto3 client.

Why the model checks first: as for CreateSecret (docs/aws-behaviour.md §1.2), a request whose shape the service
would refuse (an `aws:` tag key, 21 ids, SecretIdList with Filters, a policy of 20481 characters…) is refused
before it leaves the machine, naming the field (exit 252). What depends on the secret's state (the 50-tag quota
after merging, a region already replicated) only the service can answer, and a policy's grammar and public access
are left to the service's own validator, which knows more than the local store's check (§21.3).
Values that come back (BatchGetSecretValue, GetRandomPassword) are wrapped in SecretStr/SecretBytes at once.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from pydantic import SecretStr

from smtui.backends.aws_errors import mapped_errors
from smtui.errors import ParameterError, ServiceError
from smtui.model import Tag, policy_rules, tag_ops
from smtui.model.lifecycle import (
    BatchGetSecretValueResult,
    RandomPasswordResult,
    ReplicaRegion,
    ReplicationResult,
    ResourcePolicyResult,
    SecretIdResult,
    StopReplicationResult,
    ValidateResourcePolicyResult,
)
from smtui.model.lifecycle_rules import Refusal, batch_refusal, from_issues, remove_refusal, replicate_refusal
from smtui.model.password import PasswordOptions, request_params, service_refusal
from smtui.model.rules import RuleIssue

if TYPE_CHECKING:
    from smtui.backends.base import ListFilter


def _check(issues: Sequence[RuleIssue]) -> None:
    errors = [i for i in issues if i.severity == "error"]
    if errors:
        raise ParameterError.from_issues(errors)


def _refuse(refusal: Refusal | None) -> None:
    if refusal is not None:
        raise ParameterError(refusal.message, field=refusal.field)


def _params(**members: Any) -> dict[str, Any]:
    return {k: v for k, v in members.items() if v is not None}


class AwsExtraOps:
    """Mixed into `AwsBackend` (its `_sm` is the Secrets Manager client)."""

    if TYPE_CHECKING:

        @property
        def _sm(self) -> Any: ...

        @property
        def region(self) -> str: ...

    # --- tags (§17) ------------------------------------------------------------------------------------------
    def tag_resource(self, secret_id: str, tags: list[Tag]) -> None:
        _check(tag_ops.tag_resource_issues([(t.Key, t.Value) for t in tags]))
        with mapped_errors():
            self._sm.tag_resource(SecretId=secret_id, Tags=[{"Key": t.Key, "Value": t.Value} for t in tags])

    def untag_resource(self, secret_id: str, tag_keys: list[str]) -> None:
        _check(tag_ops.untag_resource_issues(tag_keys))
        with mapped_errors():
            self._sm.untag_resource(SecretId=secret_id, TagKeys=list(tag_keys))

    # --- replication (§18) -----------------------------------------------------------------------------------
    def replicate_secret_to_regions(
        self, secret_id: str, regions: list[ReplicaRegion], *, force_overwrite: bool = False
    ) -> ReplicationResult:
        _refuse(replicate_refusal(regions, self.region))
        add = [_params(Region=r.Region, KmsKeyId=r.KmsKeyId) for r in regions]
        with mapped_errors():
            response = self._sm.replicate_secret_to_regions(
                SecretId=secret_id, AddReplicaRegions=add, ForceOverwriteReplicaSecret=force_overwrite
            )
        return ReplicationResult.model_validate(response)

    def remove_regions_from_replication(self, secret_id: str, regions: list[str]) -> ReplicationResult:
        _refuse(remove_refusal(regions))
        with mapped_errors():
            response = self._sm.remove_regions_from_replication(SecretId=secret_id, RemoveReplicaRegions=list(regions))
        return ReplicationResult.model_validate(response)

    def stop_replication_to_replica(self, secret_id: str) -> StopReplicationResult:
        with mapped_errors():
            return StopReplicationResult.model_validate(self._sm.stop_replication_to_replica(SecretId=secret_id))

    # --- GetRandomPassword (§19) -----------------------------------------------------------------------------
    def get_random_password(self, options: PasswordOptions) -> RandomPasswordResult:
        refusal = service_refusal(options)
        if refusal is not None:
            raise ParameterError(refusal[1], field=refusal[2])
        with mapped_errors():
            response = self._sm.get_random_password(**request_params(options))
        if not isinstance(response.get("RandomPassword"), str):  # a broken answer (an endpoint that is not AWS)
            raise ServiceError("UnknownError", "The GetRandomPassword answer has no RandomPassword.")
        password = SecretStr(response.pop("RandomPassword"))
        del response
        return RandomPasswordResult(RandomPassword=password)

    # --- BatchGetSecretValue (§20) ---------------------------------------------------------------------------
    def batch_get_secret_value(
        self,
        *,
        secret_ids: list[str] | None = None,
        filters: list[ListFilter] | None = None,
        max_results: int | None = None,
        next_token: str | None = None,
    ) -> BatchGetSecretValueResult:
        pairs = None if filters is None else [(f.Key, f.Values) for f in filters]
        _refuse(batch_refusal(secret_ids, pairs, max_results, next_token))
        params = _params(
            SecretIdList=None if secret_ids is None else list(secret_ids),
            Filters=None if filters is None else [{"Key": f.Key, "Values": list(f.Values)} for f in filters],
            MaxResults=max_results,
            NextToken=next_token,
        )
        with mapped_errors():
            response = self._sm.batch_get_secret_value(**params)
        return BatchGetSecretValueResult.model_validate(response)

    # --- resource policies (§21) -----------------------------------------------------------------------------
    def get_resource_policy(self, secret_id: str) -> ResourcePolicyResult:
        with mapped_errors():
            return ResourcePolicyResult.model_validate(self._sm.get_resource_policy(SecretId=secret_id))

    def put_resource_policy(self, secret_id: str, policy: str, *, block_public_policy: bool = False) -> SecretIdResult:
        _refuse(from_issues(policy_rules.length_issues(policy)))
        with mapped_errors():
            response = self._sm.put_resource_policy(
                SecretId=secret_id, ResourcePolicy=policy, BlockPublicPolicy=block_public_policy
            )
        return SecretIdResult.model_validate(response)

    def delete_resource_policy(self, secret_id: str) -> SecretIdResult:
        with mapped_errors():
            return SecretIdResult.model_validate(self._sm.delete_resource_policy(SecretId=secret_id))

    def validate_resource_policy(self, policy: str, *, secret_id: str | None = None) -> ValidateResourcePolicyResult:
        _refuse(from_issues(policy_rules.length_issues(policy)))
        with mapped_errors():
            response = self._sm.validate_resource_policy(**_params(ResourcePolicy=policy, SecretId=secret_id))
        return ValidateResourcePolicyResult.model_validate(response)
