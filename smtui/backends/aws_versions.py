"""The version operations of the aws backend (docs/aws-behaviour.md §15): PutSecretValue, UpdateSecret,
UpdateSecretVersionStage, ListSecretVersionIds through the boto3 client.

Why the model checks first: as for CreateSecret (docs/aws-behaviour.md §1.2), a request the service would refuse is
refused before it leaves the machine, in plain words naming the field and the rule (exit 252). And, as for
CreateSecret, a new value is sent only with the caller's own ClientRequestToken: botocore would otherwise fill a
fresh one, and a retry of the caller's request after a lost answer would make a second version. The value is
taken out of its SecretStr/SecretBytes only inside `secret_scope`, so no error text can carry it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from smtui.backends.aws_errors import mapped_errors
from smtui.errors import ParameterError
from smtui.model.lifecycle import (
    ListSecretVersionIdsResult,
    PutSecretValueRequest,
    PutSecretValueResult,
    SecretIdResult,
    UpdateSecretRequest,
    UpdateSecretResult,
)
from smtui.model.rules import RuleIssue
from smtui.model.version_rules import (
    list_version_ids_issues,
    put_secret_value_issues,
    update_secret_issues,
    update_stage_issues,
)
from smtui.redact import secret_scope


def _check(issues: list[RuleIssue]) -> None:
    errors = [i for i in issues if i.severity == "error"]
    if errors:
        raise ParameterError.from_issues(errors)


def _params(**members: Any) -> dict[str, Any]:
    """The members that were given (botocore refuses None)."""
    return {k: v for k, v in members.items() if v is not None}


def _value_members(string: Any, binary: Any) -> tuple[dict[str, Any], str | bytes | None]:
    """The value as API members, and the raw value for the redaction scope."""
    if string is not None:
        raw: str | bytes = string.get_secret_value()
        return {"SecretString": raw}, raw
    if binary is not None:
        raw = binary.get_secret_value()
        return {"SecretBinary": raw}, raw
    return {}, None


class AwsVersionOps:
    """Mixed into `AwsBackend` (its `_sm` is the Secrets Manager client)."""

    if TYPE_CHECKING:

        @property
        def _sm(self) -> Any: ...

        @property
        def region(self) -> str: ...

    def put_secret_value(self, request: PutSecretValueRequest) -> PutSecretValueResult:
        _check(put_secret_value_issues(request))
        response = self._send_value(
            "put_secret_value",
            request.SecretString,
            request.SecretBinary,
            SecretId=request.SecretId,
            ClientRequestToken=request.ClientRequestToken,
            VersionStages=request.VersionStages,
        )
        return PutSecretValueResult.model_validate(response)

    def update_secret(self, request: UpdateSecretRequest) -> UpdateSecretResult:
        _check(update_secret_issues(request, self.region))
        has_value = request.SecretString is not None or request.SecretBinary is not None
        response = self._send_value(
            "update_secret",
            request.SecretString,
            request.SecretBinary,
            SecretId=request.SecretId,
            # only a new value needs the caller's token; without one the service ignores it (§15.3)
            ClientRequestToken=request.ClientRequestToken if has_value else None,
            Description=request.Description,
            KmsKeyId=request.KmsKeyId,
            Type=request.Type,
        )
        return UpdateSecretResult.model_validate(response)

    def _send_value(self, operation: str, string: Any, binary: Any, **members: Any) -> Any:
        """One call that may carry a value: revealed only here, inside the redaction scope, and dropped after."""
        value, raw = _value_members(string, binary)
        with secret_scope(raw):
            params = _params(**members, **value)
            with mapped_errors():
                response = getattr(self._sm, operation)(**params)
            del params, value, raw
        return response

    def update_secret_version_stage(
        self,
        secret_id: str,
        version_stage: str,
        *,
        remove_from_version_id: str | None = None,
        move_to_version_id: str | None = None,
    ) -> SecretIdResult:
        _check(update_stage_issues(secret_id, version_stage, remove_from_version_id, move_to_version_id))
        params = _params(
            SecretId=secret_id,
            VersionStage=version_stage,
            RemoveFromVersionId=remove_from_version_id,
            MoveToVersionId=move_to_version_id,
        )
        with mapped_errors():
            return SecretIdResult.model_validate(self._sm.update_secret_version_stage(**params))

    def list_secret_version_ids(
        self,
        secret_id: str,
        *,
        max_results: int | None = None,
        next_token: str | None = None,
        include_deprecated: bool = False,
    ) -> ListSecretVersionIdsResult:
        _check(list_version_ids_issues(secret_id, max_results, next_token))
        params = _params(
            SecretId=secret_id,
            MaxResults=max_results,
            NextToken=next_token,
            IncludeDeprecated=include_deprecated or None,
        )
        with mapped_errors():
            response = dict(self._sm.list_secret_version_ids(**params))
        if not response.get("NextToken"):  # an empty token is no token (moto sends "", docs/aws-behaviour.md §13)
            response.pop("NextToken", None)
        return ListSecretVersionIdsResult.model_validate(response)
