"""The wizard's draft: everything a person has chosen so far, kept across steps, failures and retries.

Pure Python (no Textual) so it is testable alone and shared by screens. The draft owns ONE ClientRequestToken,
made when the draft is made and reused on every retry, so a retry after a lost response cannot create a second
version. The value is held only as pydantic SecretStr/SecretBytes and dropped by `clear_value()`.

The wizard's screens read and fill it; the value step fills the value through `set_string_value` /
`set_binary_value`.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Literal

from smtui.settings import TargetSettings

if TYPE_CHECKING:  # pydantic and the model load after the wizard's first frame (docs/performance.md (d))
    from pydantic import SecretBytes, SecretStr

    from smtui.model import CreateSecretRequest, ReplicaRegion, Tag
    from smtui.model.lifecycle import PutSecretValueRequest

ValueForm = Literal["single", "multiline", "keyvalue", "binary", "generated", "template"]
ValueOrigin = Literal["typed", "pasted", "generated", "file", "keyvalue", "template"]
DraftMode = Literal["create", "put"]  # create a secret, or put a new value into an existing one


@dataclass
class Draft:
    target: TargetSettings = field(default_factory=TargetSettings)
    name: str = ""
    description: str = ""
    kms_key_id: str = ""  # "" means the default aws/secretsmanager
    value_form: ValueForm = "single"
    value_origin: ValueOrigin | None = None
    secret_string: SecretStr | None = None
    secret_binary: SecretBytes | None = None
    tags: list[Tag] = field(default_factory=list)
    replicas: list[ReplicaRegion] = field(default_factory=list)
    force_overwrite_replica_secret: bool = False
    secret_type: str | None = None
    client_request_token: str = field(default_factory=lambda: str(uuid.uuid4()))
    mode: DraftMode = "create"
    secret_id: str = ""  # put mode: the ARN of the existing secret that gets the new value
    template: str | None = None  # the secret type template of the Value step (form "template"), by id
    resource_policy: str = ""  # the resource policy applied right after create ("" = none)
    block_public_policy: bool = True  # PutResourcePolicy's BlockPublicPolicy for that policy

    def set_string_value(self, value: str, origin: ValueOrigin) -> None:
        from pydantic import SecretStr

        self.secret_string, self.secret_binary, self.value_origin = SecretStr(value), None, origin

    def set_binary_value(self, value: bytes, origin: ValueOrigin = "file") -> None:
        from pydantic import SecretBytes

        self.secret_string, self.secret_binary, self.value_origin = None, SecretBytes(value), origin

    def clear_value(self) -> None:
        """Drop every reference the draft holds to the value (after success or cancel)."""
        self.secret_string = None
        self.secret_binary = None
        self.value_origin = None

    def renew_token(self) -> None:
        """A new request (after a success, 'create another'): a new token."""
        self.client_request_token = str(uuid.uuid4())

    def to_put_request(self) -> PutSecretValueRequest:
        """Put mode's request: the draft's value into `secret_id`, with the draft's one token, and no VersionStages
        (the new version takes AWSCURRENT). One builder, so what Review shows is what Submit sends."""
        from smtui.model.lifecycle import PutSecretValueRequest

        return PutSecretValueRequest(
            SecretId=self.secret_id,
            ClientRequestToken=self.client_request_token,
            SecretString=self.secret_string,
            SecretBinary=self.secret_binary,
        )

    def to_request(self, region: str | None = None) -> CreateSecretRequest:
        """Validate the whole draft through the model; raises ParameterError naming the fields."""
        from smtui.model import build_request

        data: dict[str, object] = {
            "Name": self.name,
            "ClientRequestToken": self.client_request_token,
            "Tags": [t.model_dump() for t in self.tags],
            "AddReplicaRegions": [r.model_dump(exclude_none=True) for r in self.replicas],
            "ForceOverwriteReplicaSecret": self.force_overwrite_replica_secret,
        }
        if self.description:
            data["Description"] = self.description
        if self.kms_key_id:
            data["KmsKeyId"] = self.kms_key_id
        if self.secret_string is not None:
            data["SecretString"] = self.secret_string
        if self.secret_binary is not None:
            data["SecretBinary"] = self.secret_binary
        if self.secret_type:
            data["Type"] = self.secret_type
        if not self.replicas:
            data.pop("AddReplicaRegions")
        return build_request(data, region=region)
