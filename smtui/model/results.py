"""Response shapes of the operations smtui performs, AWS member names as field names.

`to_aws()` gives the dict the AWS CLI would print (None members left out, datetimes kept as datetime for the
output formatter). Secret values in `SecretValueResult` stay wrapped; only `reveal()` hands them out.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, SecretBytes, SecretStr

from smtui.model.request import Tag

ReplicaState = Literal["InSync", "Failed", "InProgress"]


class _AwsShape(BaseModel):
    model_config = ConfigDict(extra="ignore")

    def to_aws(self) -> dict[str, Any]:
        return self.model_dump(mode="python", exclude_none=True)


class ReplicationStatusEntry(_AwsShape):
    Region: str
    KmsKeyId: str | None = None
    Status: ReplicaState
    StatusMessage: str | None = None
    LastAccessedDate: datetime | None = None


class CreateSecretResult(_AwsShape):
    ARN: str
    Name: str
    VersionId: str | None = None
    ReplicationStatus: list[ReplicationStatusEntry] | None = None


class DescribeSecretResult(_AwsShape):
    ARN: str
    Name: str
    Description: str | None = None
    KmsKeyId: str | None = None
    RotationEnabled: bool | None = None
    LastChangedDate: datetime | None = None
    LastAccessedDate: datetime | None = None
    DeletedDate: datetime | None = None
    Tags: list[Tag] | None = None
    VersionIdsToStages: dict[str, list[str]] | None = None
    OwningService: str | None = None
    CreatedDate: datetime | None = None
    PrimaryRegion: str | None = None
    ReplicationStatus: list[ReplicationStatusEntry] | None = None
    Type: str | None = None


class SecretValueResult(_AwsShape):
    ARN: str
    Name: str
    VersionId: str
    SecretString: SecretStr | None = None
    SecretBinary: SecretBytes | None = None
    VersionStages: list[str] = Field(default_factory=list)
    CreatedDate: datetime | None = None

    def reveal(self) -> dict[str, Any]:
        """The AWS shape with the plaintext value: only for get-secret-value's own output."""
        out = self.to_aws()
        if self.SecretString is not None:
            out["SecretString"] = self.SecretString.get_secret_value()
        if self.SecretBinary is not None:
            out["SecretBinary"] = self.SecretBinary.get_secret_value()
        return out


class SecretListEntry(_AwsShape):
    ARN: str
    Name: str
    Description: str | None = None
    KmsKeyId: str | None = None
    LastChangedDate: datetime | None = None
    LastAccessedDate: datetime | None = None
    DeletedDate: datetime | None = None
    Tags: list[Tag] | None = None
    SecretVersionsToStages: dict[str, list[str]] | None = None
    CreatedDate: datetime | None = None
    PrimaryRegion: str | None = None
    Type: str | None = None


class ListSecretsResult(_AwsShape):
    SecretList: list[SecretListEntry] = Field(default_factory=list)
    NextToken: str | None = None


class DeleteSecretResult(_AwsShape):
    ARN: str
    Name: str
    DeletionDate: datetime | None = None


class RestoreSecretResult(_AwsShape):
    ARN: str
    Name: str


class KmsKey(_AwsShape):
    """A KMS key as the wizard's Encryption step offers it (docs/aws-behaviour.md §5.5)."""

    KeyId: str
    Arn: str | None = None
    AliasNames: list[str] = Field(default_factory=list)
    Description: str | None = None
    KeyState: str = "Enabled"
    KeySpec: str = "SYMMETRIC_DEFAULT"
    KeyUsage: str = "ENCRYPT_DECRYPT"
    KeyManager: Literal["AWS", "CUSTOMER"] = "CUSTOMER"
    IsDefault: bool = False  # alias/aws/secretsmanager, possibly not created yet


class Identity(_AwsShape):
    Account: str
    Arn: str
    UserId: str | None = None


class NameStatus(_AwsShape):
    """Whether a name is free in the target, before submitting."""

    State: Literal["free", "taken", "scheduled-for-deletion"]
    ARN: str | None = None
    DeletedDate: datetime | None = None
