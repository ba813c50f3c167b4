"""Request and response shapes of the operations after CreateSecret (docs/aws-behaviour.md §15-§21).

AWS member names as field names, as in `results.py`. A new value (PutSecretValue, UpdateSecret) stays wrapped in
`SecretStr`/`SecretBytes` from the reader to the backend; the backend reveals it only to encrypt it or to send it.
The rules each member must satisfy live in the model's rule modules; these classes are only the shapes.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, SecretBytes, SecretStr

from smtui.model.request import ReplicaRegion
from smtui.model.results import ReplicationStatusEntry, SecretValueResult, _AwsShape

__all__ = [
    "BatchErrorEntry",
    "BatchGetSecretValueResult",
    "ListSecretVersionIdsResult",
    "PolicyValidationError",
    "PutSecretValueRequest",
    "PutSecretValueResult",
    "RandomPasswordResult",
    "ReplicaRegion",
    "ReplicationResult",
    "ResourcePolicyResult",
    "SecretIdResult",
    "SecretVersionEntry",
    "StopReplicationResult",
    "UpdateSecretRequest",
    "UpdateSecretResult",
    "ValidateResourcePolicyResult",
]


class _Request(BaseModel):
    model_config = ConfigDict(extra="forbid", hide_input_in_errors=True)


class PutSecretValueRequest(_Request):
    """PutSecretValue: exactly one of SecretString/SecretBinary; the token is the new VersionId."""

    SecretId: str
    ClientRequestToken: str
    SecretString: SecretStr | None = None
    SecretBinary: SecretBytes | None = None
    VersionStages: list[str] | None = None


class UpdateSecretRequest(_Request):
    """UpdateSecret: any of Description, KmsKeyId, Type and a new value; the token matters only with a value."""

    SecretId: str
    ClientRequestToken: str | None = None
    Description: str | None = None
    KmsKeyId: str | None = None
    Type: str | None = None
    SecretString: SecretStr | None = None
    SecretBinary: SecretBytes | None = None


class PutSecretValueResult(_AwsShape):
    ARN: str
    Name: str
    VersionId: str
    VersionStages: list[str] = Field(default_factory=list)


class UpdateSecretResult(_AwsShape):
    ARN: str
    Name: str
    VersionId: str | None = None  # only when the update carried a value


class SecretIdResult(_AwsShape):
    """`{ARN, Name}`: UpdateSecretVersionStage, DeleteResourcePolicy, PutResourcePolicy."""

    ARN: str
    Name: str


class SecretVersionEntry(_AwsShape):
    VersionId: str
    VersionStages: list[str] | None = None  # absent on a deprecated version
    LastAccessedDate: datetime | None = None
    CreatedDate: datetime | None = None
    KmsKeyIds: list[str] | None = None


class ListSecretVersionIdsResult(_AwsShape):
    Versions: list[SecretVersionEntry] = Field(default_factory=list)
    NextToken: str | None = None
    ARN: str
    Name: str


class ReplicationResult(_AwsShape):
    """ReplicateSecretToRegions and RemoveRegionsFromReplication: the primary's ARN and its replicas' status."""

    ARN: str
    ReplicationStatus: list[ReplicationStatusEntry] = Field(default_factory=list)


class StopReplicationResult(_AwsShape):
    ARN: str


class ResourcePolicyResult(_AwsShape):
    """GetResourcePolicy (ResourcePolicy absent when the secret has none)."""

    ARN: str
    Name: str
    ResourcePolicy: str | None = None


class PolicyValidationError(_AwsShape):
    CheckName: str
    ErrorMessage: str


class ValidateResourcePolicyResult(_AwsShape):
    PolicyValidationPassed: bool
    ValidationErrors: list[PolicyValidationError] = Field(default_factory=list)


class BatchErrorEntry(_AwsShape):
    SecretId: str
    ErrorCode: str
    Message: str


class BatchGetSecretValueResult(_AwsShape):
    """SecretValues stay wrapped; `reveal()` is for batch-get-secret-value's own output only."""

    SecretValues: list[SecretValueResult] = Field(default_factory=list)
    Errors: list[BatchErrorEntry] = Field(default_factory=list)
    NextToken: str | None = None

    def to_aws(self) -> dict[str, Any]:
        out: dict[str, Any] = {"SecretValues": [v.to_aws() for v in self.SecretValues]}
        out["Errors"] = [e.to_aws() for e in self.Errors]
        if self.NextToken is not None:
            out["NextToken"] = self.NextToken
        return out

    def reveal(self) -> dict[str, Any]:
        out = self.to_aws()
        out["SecretValues"] = [v.reveal() for v in self.SecretValues]
        return out


class RandomPasswordResult(_AwsShape):
    RandomPassword: SecretStr

    def reveal(self) -> str:
        """The password, for get-random-password's own output only."""
        return self.RandomPassword.get_secret_value()
