"""The CreateSecret request: every input member, every client-side rule of semantics.md §1–§2 and §4.

CONTRACT (other modules rely on these names; keep them):
- `CreateSecretRequest` — pydantic v2 model, field names are the AWS member names (PascalCase), so
  `model_dump(exclude_none=True)` is already AWS-shaped. The value is `SecretString: SecretStr | None` or
  `SecretBinary: SecretBytes | None`; `repr`, `str`, `model_dump` and tracebacks never show it.
  The primary region for the "replica ≠ primary" rule comes from the validation context:
  `CreateSecretRequest.model_validate(data, context={"region": "us-east-1"})`.
- `build_request(data, *, region=None) -> CreateSecretRequest` — validates a whole request and raises
  `smtui.errors.ParameterError` whose `.issues` name every broken field (pydantic errors translated to plain words).
- `validate_field(field, value, *, context=None) -> list[Issue]` — one field alone, for the wizard's live checks;
  returns errors and warnings (the `-XXXXXX` name suffix is a warning).
- `to_api_params(request) -> dict` lives in `smtui.model.cli_input`: the one place the plaintext is revealed, for
  sending.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, SecretBytes, SecretStr

from smtui.errors import Issue


class Tag(BaseModel):
    model_config = ConfigDict(extra="forbid")

    Key: str
    Value: str = ""


class ReplicaRegion(BaseModel):
    model_config = ConfigDict(extra="forbid")

    Region: str
    KmsKeyId: str | None = None


class CreateSecretRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")

    Name: str
    ClientRequestToken: str | None = None
    Description: str | None = None
    KmsKeyId: str | None = None
    SecretString: SecretStr | None = None
    SecretBinary: SecretBytes | None = None
    Tags: list[Tag] = Field(default_factory=list)
    AddReplicaRegions: list[ReplicaRegion] = Field(default_factory=list)
    ForceOverwriteReplicaSecret: bool = False
    Type: str | None = None


@dataclass(frozen=True)
class ValidationContext:
    """What a single-field check may need to know about the rest of the request."""

    region: str | None = None
    tags: list[Tag] = field(default_factory=list)
    replicas: list[ReplicaRegion] = field(default_factory=list)


def build_request(data: Mapping[str, Any], *, region: str | None = None) -> CreateSecretRequest:
    """Validate a whole request; raise ParameterError naming every broken field."""
    raise NotImplementedError


def validate_field(field_name: str, value: object, *, context: ValidationContext | None = None) -> list[Issue]:
    """Validate one field alone (errors and warnings), for the wizard's step-by-step checks."""
    raise NotImplementedError
