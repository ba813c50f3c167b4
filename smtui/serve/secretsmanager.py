"""Secrets Manager's operations on the wire: a JSON body in, the local store's answer out, in the service's shapes.

Why this is thin: every rule, limit and message lives in the model and the local backend (the same ones the CLI
and the wizard meet); this module only reads the members of the body (their JSON types), calls the backend and
writes the result. What is the wire's own (docs/aws-behaviour.md §22):
- a request that must carry a ClientRequestToken (CreateSecret, PutSecretValue, UpdateSecret with a value) and
  does not is refused first, with InvalidRequestException, before the secret is looked up (the SDKs always fill
  one; a raw request may not);
- a refusal the AWS CLI meets before sending (botocore's minimum checks, exit 252 locally) is, on the wire, the
  service's ValidationException with the same words, since no client checked it;
- RotateSecret and CancelRotateSecret are not served (the local store runs no rotation Lambda): they get the
  unknown-operation error, as any name the service does not have.
Secret values are wrapped (SecretStr/SecretBytes) as soon as they are read and revealed only into the reply of
GetSecretValue, BatchGetSecretValue and GetRandomPassword.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any

from smtui.backends.base import Backend, ListFilter
from smtui.errors import ParameterError, ServiceError
from smtui.model import messages as msg
from smtui.model.lifecycle import PutSecretValueRequest, ReplicaRegion, UpdateSecretRequest
from smtui.model.password import PasswordOptions
from smtui.model.request import Tag, build_request
from smtui.serve import wire
from smtui.serve.wire import WireError, boolean, integer, objects, required_text, text, text_list

Handler = Callable[[dict[str, Any], Backend], dict[str, Any] | None]
CREATE_MEMBERS = (
    "Name",
    "ClientRequestToken",
    "Description",
    "KmsKeyId",
    "Tags",
    "AddReplicaRegions",
    "ForceOverwriteReplicaSecret",
    "Type",
)
_PASSWORD_INTS = ("PasswordLength",)
_PASSWORD_BOOLS = (
    "ExcludeNumbers",
    "ExcludePunctuation",
    "ExcludeUppercase",
    "ExcludeLowercase",
    "IncludeSpace",
    "RequireEachIncludedType",
)


def _token(body: dict[str, Any]) -> str:
    token = text(body, "ClientRequestToken")
    if not token:
        raise WireError("InvalidRequestException", msg.MISSING_TOKEN)
    return token


def _tags(body: dict[str, Any], member: str = "Tags") -> list[Tag] | None:
    found = objects(body, member)
    if found is None:
        return None
    tags = []
    for i, item in enumerate(found):
        key, value = text(item, "Key", required=True, path=f"{member}[{i}]"), text(item, "Value")
        tags.append(Tag(Key=key or "", Value=value or ""))
    return tags


def _replicas(body: dict[str, Any], member: str) -> list[ReplicaRegion] | None:
    found = objects(body, member)
    if found is None:
        return None
    return [
        ReplicaRegion(Region=required_text(item, "Region", path=f"{member}[{i}]"), KmsKeyId=text(item, "KmsKeyId"))
        for i, item in enumerate(found)
    ]


def _filters(body: dict[str, Any]) -> list[ListFilter] | None:
    found = objects(body, "Filters")
    if found is None:
        return None
    return [ListFilter(text(f, "Key") or "", tuple(text_list(f, "Values") or ())) for f in found]


def _create_secret(body: dict[str, Any], backend: Backend) -> dict[str, Any]:
    _token(body)
    data: dict[str, Any] = {name: body[name] for name in CREATE_MEMBERS if body.get(name) is not None}
    text(body, "Name")  # the JSON types first: a SerializationException, as the service parses before it checks
    text(body, "Description")
    text(body, "KmsKeyId")
    text(body, "Type")
    boolean(body, "ForceOverwriteReplicaSecret")
    data["Tags"] = [t.model_dump() for t in _tags(body) or []] if "Tags" in data else None
    data["AddReplicaRegions"] = (
        [r.model_dump(exclude_none=True) for r in _replicas(body, "AddReplicaRegions") or []]
        if "AddReplicaRegions" in data
        else None
    )
    string, binary = wire.secret_string(body), wire.secret_binary(body)
    if string is not None:
        data["SecretString"] = string
    if binary is not None:
        data["SecretBinary"] = binary
    try:
        request = build_request({k: v for k, v in data.items() if v is not None}, region=backend.region)
    except ParameterError as exc:
        raise _refusal(exc, body) from None
    return backend.create_secret(request).to_aws()


def _put_secret_value(body: dict[str, Any], backend: Backend) -> dict[str, Any]:
    token = _token(body)
    request = PutSecretValueRequest(
        SecretId=required_text(body, "SecretId"),
        ClientRequestToken=token,
        SecretString=wire.secret_string(body),
        SecretBinary=wire.secret_binary(body),
        VersionStages=text_list(body, "VersionStages"),
    )
    return backend.put_secret_value(request).to_aws()


def _update_secret(body: dict[str, Any], backend: Backend) -> dict[str, Any]:
    string, binary = wire.secret_string(body), wire.secret_binary(body)
    token = _token(body) if string is not None or binary is not None else text(body, "ClientRequestToken")
    request = UpdateSecretRequest(
        SecretId=required_text(body, "SecretId"),
        ClientRequestToken=token,
        Description=text(body, "Description"),
        KmsKeyId=text(body, "KmsKeyId"),
        Type=text(body, "Type"),
        SecretString=string,
        SecretBinary=binary,
    )
    return backend.update_secret(request).to_aws()


def _get_secret_value(body: dict[str, Any], backend: Backend) -> dict[str, Any]:
    result = backend.get_secret_value(
        required_text(body, "SecretId"),
        version_id=text(body, "VersionId"),
        version_stage=text(body, "VersionStage"),
    )
    return result.reveal()


def _batch_get_secret_value(body: dict[str, Any], backend: Backend) -> dict[str, Any]:
    result = backend.batch_get_secret_value(
        secret_ids=text_list(body, "SecretIdList"),
        filters=_filters(body),
        max_results=integer(body, "MaxResults"),
        next_token=text(body, "NextToken"),
    )
    return result.reveal()


def _list_secrets(body: dict[str, Any], backend: Backend) -> dict[str, Any]:
    order = text(body, "SortOrder")
    return backend.list_secrets(
        max_results=integer(body, "MaxResults"),
        next_token=text(body, "NextToken"),
        filters=_filters(body),
        include_planned_deletion=bool(boolean(body, "IncludePlannedDeletion")),
        sort_order=order,  # type: ignore[arg-type]  # a value outside the enum is the backend's ValidationException
        sort_by=text(body, "SortBy"),
    ).to_aws()


def _delete_secret(body: dict[str, Any], backend: Backend) -> dict[str, Any]:
    return backend.delete_secret(
        required_text(body, "SecretId"),
        recovery_window_in_days=integer(body, "RecoveryWindowInDays"),
        force_delete_without_recovery=bool(boolean(body, "ForceDeleteWithoutRecovery")),
    ).to_aws()


def _random_password(body: dict[str, Any], backend: Backend) -> dict[str, Any]:
    given: dict[str, Any] = {}
    for name in _PASSWORD_INTS:
        if (number := integer(body, name)) is not None:
            given[name] = number
    for name in _PASSWORD_BOOLS:
        if (flag := boolean(body, name)) is not None:
            given[name] = flag
    if (exclude := text(body, "ExcludeCharacters")) is not None:
        given["ExcludeCharacters"] = exclude
    options = PasswordOptions.model_construct(**given)  # the backend answers what is out of range, as the service
    return {"RandomPassword": backend.get_random_password(options).reveal()}


def _secret_id(body: dict[str, Any]) -> str:
    return required_text(body, "SecretId")


def _list_versions(body: dict[str, Any], backend: Backend) -> dict[str, Any]:
    return backend.list_secret_version_ids(
        _secret_id(body),
        max_results=integer(body, "MaxResults"),
        next_token=text(body, "NextToken"),
        include_deprecated=bool(boolean(body, "IncludeDeprecated")),
    ).to_aws()


def _update_stage(body: dict[str, Any], backend: Backend) -> dict[str, Any]:
    return backend.update_secret_version_stage(
        _secret_id(body),
        required_text(body, "VersionStage"),
        remove_from_version_id=text(body, "RemoveFromVersionId"),
        move_to_version_id=text(body, "MoveToVersionId"),
    ).to_aws()


def _tag(body: dict[str, Any], backend: Backend) -> None:
    backend.tag_resource(_secret_id(body), _tags(body) or [])  # Tags present: REQUIRED


def _untag(body: dict[str, Any], backend: Backend) -> None:
    backend.untag_resource(_secret_id(body), text_list(body, "TagKeys", required=True) or [])


def _replicate(body: dict[str, Any], backend: Backend) -> dict[str, Any]:
    regions = _replicas(body, "AddReplicaRegions")  # present: REQUIRED
    return backend.replicate_secret_to_regions(
        _secret_id(body), regions or [], force_overwrite=bool(boolean(body, "ForceOverwriteReplicaSecret"))
    ).to_aws()


def _put_policy(body: dict[str, Any], backend: Backend) -> dict[str, Any]:
    return backend.put_resource_policy(
        _secret_id(body),
        required_text(body, "ResourcePolicy"),
        block_public_policy=bool(boolean(body, "BlockPublicPolicy")),
    ).to_aws()


def _validate_policy(body: dict[str, Any], backend: Backend) -> dict[str, Any]:
    return backend.validate_resource_policy(
        required_text(body, "ResourcePolicy"), secret_id=text(body, "SecretId")
    ).to_aws()


HANDLERS: dict[str, Handler] = {
    "BatchGetSecretValue": _batch_get_secret_value,
    "CreateSecret": _create_secret,
    "DeleteResourcePolicy": lambda b, be: be.delete_resource_policy(_secret_id(b)).to_aws(),
    "DeleteSecret": _delete_secret,
    "DescribeSecret": lambda b, be: be.describe_secret(_secret_id(b)).to_aws(),
    "GetRandomPassword": _random_password,
    "GetResourcePolicy": lambda b, be: be.get_resource_policy(_secret_id(b)).to_aws(),
    "GetSecretValue": _get_secret_value,
    "ListSecretVersionIds": _list_versions,
    "ListSecrets": _list_secrets,
    "PutResourcePolicy": _put_policy,
    "PutSecretValue": _put_secret_value,
    "RemoveRegionsFromReplication": lambda b, be: be.remove_regions_from_replication(
        _secret_id(b), text_list(b, "RemoveReplicaRegions", required=True) or []
    ).to_aws(),
    "ReplicateSecretToRegions": _replicate,
    "RestoreSecret": lambda b, be: be.restore_secret(_secret_id(b)).to_aws(),
    "StopReplicationToReplica": lambda b, be: be.stop_replication_to_replica(_secret_id(b)).to_aws(),
    "TagResource": _tag,
    "UntagResource": _untag,
    "UpdateSecret": _update_secret,
    "UpdateSecretVersionStage": _update_stage,
    "ValidateResourcePolicy": _validate_policy,
}
OPERATIONS = frozenset(HANDLERS)


# Each operation's required members, in the API reference's order (botocore's model agrees: the tests compare), with
# the reader of each one's JSON type. The service's validation layer reports every one that is missing in one
# ValidationException, after the body's JSON types (a present member of the wrong type: SerializationException).
_ID = ("SecretId", text)
REQUIRED: dict[str, tuple[tuple[str, Callable[..., Any]], ...]] = {
    "CreateSecret": (("Name", text),),
    "PutResourcePolicy": (_ID, ("ResourcePolicy", text)),
    "RemoveRegionsFromReplication": (_ID, ("RemoveReplicaRegions", text_list)),
    "ReplicateSecretToRegions": (_ID, ("AddReplicaRegions", objects)),
    "TagResource": (_ID, ("Tags", objects)),
    "UntagResource": (_ID, ("TagKeys", text_list)),
    "UpdateSecretVersionStage": (_ID, ("VersionStage", text)),
    "ValidateResourcePolicy": (("ResourcePolicy", text),),
    **{op: () for op in ("BatchGetSecretValue", "GetRandomPassword", "ListSecrets")},
}
TOKEN_FIRST = frozenset({"CreateSecret", "PutSecretValue"})  # the token rule comes before every other check


def required_of(operation: str) -> tuple[str, ...]:
    return tuple(member for member, _ in REQUIRED.get(operation, (_ID,)))


def _check_required(operation: str, body: dict[str, Any]) -> None:
    if operation in TOKEN_FIRST:
        _token(body)
    missing = []
    for member, read in REQUIRED.get(operation, (_ID,)):
        if body.get(member) is None:
            missing.append(member)
        else:
            read(body, member)  # its JSON type first
    if missing:
        raise wire.required(missing)


@functools.cache
def _service_model() -> Any:
    """Secrets Manager's API model as the SDKs have it (botocore's data, loaded once, about 0.1 s)."""
    from botocore.loaders import Loader
    from botocore.model import ServiceModel

    return ServiceModel(Loader().load_service_model("secretsmanager", "service-2"), "secretsmanager")


def call(operation: str, body: dict[str, Any], backend: Backend) -> dict[str, Any] | None:
    """One Secrets Manager operation; None is an empty 200 reply. The backend's refusals become the service's."""
    handler = HANDLERS.get(operation)
    if handler is None:
        raise WireError("UnknownOperationException", None)
    wire.json_types(_service_model().operation_model(operation).input_shape, body)
    _check_required(operation, body)
    try:
        return handler(body, backend)
    except ServiceError as exc:
        status = 500 if exc.code == wire.INTERNAL else 400
        raise WireError(exc.code or "InternalServiceError", exc.message, status) from None
    except ParameterError as exc:
        raise _refusal(exc, body) from None


def _refusal(exc: ParameterError, body: dict[str, Any]) -> WireError:
    """A model refusal as the service answers it; botocore's minimums (the command line's exit 252) become the
    service's ValidationException in its own words, since no client checked them."""
    if exc.issues and all(hasattr(i, "aws_code") for i in exc.issues):
        code, message = msg.aws_error_for_issues(list(exc.issues))
    else:
        code, message = "ValidationException", exc.message
    coral = wire.minimums_as_service(message, body)
    return WireError("ValidationException", coral) if coral else WireError(code, message)
