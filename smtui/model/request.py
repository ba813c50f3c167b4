"""The CreateSecret request: every input member, every client-side rule of docs/aws-behaviour.md §2, §5.1 and §6.1.

What other modules rely on (keep these names):
- `CreateSecretRequest` — pydantic v2 model, field names are the AWS member names (PascalCase), so
  `model_dump(exclude_none=True)` is already AWS-shaped. The value is `SecretString: SecretStr | None` or
  `SecretBinary: SecretBytes | None`; `repr`, `str`, `model_dump` and tracebacks never show it.
  The primary region for the "replica ≠ primary" rule comes from the validation context:
  `CreateSecretRequest.model_validate(data, context={"region": "us-east-1"})`.
- `build_request(data, *, region=None) -> CreateSecretRequest` — validates a whole request and raises
  `smtui.errors.ParameterError` whose `.issues` name every broken field (pydantic errors translated to
  plain words). It FILLS `ClientRequestToken` with `str(uuid4())` when absent (`fill_token=False` keeps it
  empty): the token is decided once, when the request is built, so every retry of that request object
  reuses it and a lost response becomes a harmless no-op (docs/aws-behaviour.md §4.2). The model alone leaves it None.
- `validate_field(field, value, *, context=None) -> list[Issue]` — one field alone, for the wizard's live
  checks; returns errors and warnings (the `-XXXXXX` name suffix is a warning).
- `request_warnings(request, *, region=None) -> list[Issue]` — the warnings of a valid request (never errors);
  `region`, the secret's own region, enables the replica-partition warning.
- `to_api_params(request) -> dict` lives in `smtui.model.cli_input`: the one place the request's value is put
  into API parameters, for sending.

Decisions: an EMPTY `Tags` or `AddReplicaRegions` list means "none" (the AWS minimum of one replica is met
by leaving the member out when sending). `Tag` and `ReplicaRegion` are plain shapes without rules of their
own, because DescribeSecret answers may carry tags (e.g. `aws:cloudformation:…`) that a request may not:
the request checks them. Every rule lives in `smtui.model.rules`; this module only wires them to pydantic
and to `validate_field`.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    SecretBytes,
    SecretStr,
    TypeAdapter,
    ValidationError,
    ValidationInfo,
    field_validator,
    model_validator,
)
from pydantic_core import ErrorDetails, PydanticCustomError

from smtui.errors import Issue, ParameterError
from smtui.model import rules

REQUEST = "CreateSecretRequest"  # the field an Issue names when the request as a whole is malformed


class Tag(BaseModel):
    """A tag's shape. The tag rules apply in a request (see module docstring), not to every Tag."""

    model_config = ConfigDict(extra="forbid", hide_input_in_errors=True)

    Key: str
    Value: str = ""


class ReplicaRegion(BaseModel):
    """A replica's shape; its rules apply in a request."""

    model_config = ConfigDict(extra="forbid", hide_input_in_errors=True)

    Region: str
    KmsKeyId: str | None = None


def _utf8_length(value: SecretStr) -> int | None:
    """The value's size in UTF-8 bytes, or None when it cannot be encoded. The value itself goes nowhere."""
    try:
        return len(value.get_secret_value().encode("utf-8"))
    except UnicodeEncodeError:
        return None


_Rule = Callable[[Any, "str | None"], list[rules.RuleIssue]]

# One entry per member: (typed value, primary region) → issues. Both the model and validate_field use this
# table.
_FIELD_RULES: dict[str, _Rule] = {
    "Name": lambda v, _r: rules.name_issues(v),
    "ClientRequestToken": lambda v, _r: rules.token_issues(v),
    "Description": lambda v, _r: rules.description_issues(v),
    "KmsKeyId": lambda v, r: rules.kms_key_id_issues(v, region=r),
    "SecretString": lambda v, _r: [] if v is None else rules.secret_string_issues(_utf8_length(v)),
    "SecretBinary": lambda v, _r: [] if v is None else rules.secret_binary_issues(len(v.get_secret_value())),
    "Tags": lambda v, _r: rules.tags_issues([(t.Key, t.Value) for t in v]),
    "AddReplicaRegions": lambda v, r: rules.replicas_issues([(x.Region, x.KmsKeyId) for x in v], r),
    "Type": lambda v, _r: rules.type_issues(v),
    "ForceOverwriteReplicaSecret": lambda _v, _r: [],
}


def _raise_errors(issues: Sequence[Issue]) -> None:
    """Hand rule findings to pydantic; `build_request` takes them back out of the error's context
    unchanged."""
    errors = tuple(i for i in issues if i.severity == "error")
    if errors:
        text = "; ".join(map(str, errors))
        raise PydanticCustomError("smtui_rule", "{text}", {"text": text, "issues": errors})


def _context_region(context: object) -> str | None:
    region = context.get("region") if isinstance(context, Mapping) else None
    return region if isinstance(region, str) else None


class CreateSecretRequest(BaseModel):
    """Every CreateSecret input member; constructing one enforces every client-side rule."""

    model_config = ConfigDict(extra="forbid", hide_input_in_errors=True)

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

    @field_validator(*_FIELD_RULES, mode="after")
    @classmethod
    def _member_rules(cls, value: Any, info: ValidationInfo) -> Any:
        assert info.field_name is not None
        _raise_errors(_FIELD_RULES[info.field_name](value, _context_region(info.context)))
        return value

    @model_validator(mode="after")
    def _value_pair(self) -> CreateSecretRequest:
        _raise_errors(rules.both_values_issues(self.SecretString is not None, self.SecretBinary is not None))
        return self


@dataclass(frozen=True)
class ValidationContext:
    """What a single-field check may need to know about the rest of the request.

    `tags` / `replicas` are the OTHER entries of the request (leave out the one being checked); `index` is the
    checked entry's position, used in the field path (default: after the others, i.e. a new entry).
    """

    region: str | None = None
    tags: list[Tag] = field(default_factory=list)
    replicas: list[ReplicaRegion] = field(default_factory=list)
    index: int | None = None


# --- pydantic errors → Issues in plain words ---

_MEMBERS = {
    REQUEST: ", ".join(CreateSecretRequest.model_fields),
    "Tag": "Key, Value",
    "ReplicaRegion": "Region, KmsKeyId",
}
_TYPE_TEXT = {
    "missing": "is required",
    "string_type": "must be text",
    "string_unicode": "must be valid Unicode text",
    "bool_type": "must be true or false",
    "bool_parsing": "must be true or false",
    "list_type": "must be a list",
    "bytes_type": "must be bytes",
    "model_type": "must be an object with the members {members}",
    "model_attributes_type": "must be an object with the members {members}",
    "dict_type": "must be an object with the members {members}",
}


def _path(prefix: str, loc: Sequence[int | str]) -> str:
    out = prefix
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        elif not part.isidentifier():  # an odd key the input used ("", "a b"): quoted, so it stays visible
            out += f"[{part!r}]"
        else:
            out += f".{part}" if out else part
    return out


def _owner(path: str, *, element: bool) -> str:
    """Which object a path's member belongs to (`element=False`) or is (`element=True`)."""
    base = path if element else path.rsplit(".", 1)[0] if "." in path else ""
    if base.startswith("Tags["):
        return "Tag"
    if base.startswith("AddReplicaRegions["):
        return "ReplicaRegion"
    return REQUEST


def _translate(err: ErrorDetails, prefix: str = "") -> list[Issue]:
    if err["type"] == "smtui_rule":
        return list(err.get("ctx", {})["issues"])
    path = _path(prefix, err["loc"]) or REQUEST
    kind = err["type"]
    if kind == "extra_forbidden":
        owner = _owner(path, element=False)
        where = "CreateSecret" if owner == REQUEST else f"a {owner}"
        return [Issue(path, f"{path} is not a member of {where}; the members are {_MEMBERS[owner]}.")]
    members = _MEMBERS[_owner(path, element=True)]
    text = _TYPE_TEXT.get(kind, "has a value of the wrong type ({kind})").format(members=members, kind=kind)
    if kind == "missing":  # the service's validation layer names it in Coral's words
        return [_missing(path)]
    return [Issue(path, f"{path} {text}.")]


def _missing(path: str) -> Issue:
    """A required member that is not there: plain words for people, the service's words for the local store."""
    coral = f"Value null at '{rules.aws_member(path)}' failed to satisfy constraint: Member must not be null"
    return rules.RuleIssue(
        field=path,
        message=f"{path} is required.",
        rule=f"{path}.required",
        aws_message="1 validation error detected: " + coral,
    )


def _translate_all(exc: ValidationError, prefix: str = "") -> list[Issue]:
    """Plain-words Issues for a pydantic error; the raw input values are never read (include_input=False)."""
    issues: list[Issue] = []
    for err in exc.errors(include_input=False, include_url=False):
        issues += _translate(err, prefix)
    return issues


# --- the public functions ---


def _try_build(data: object, region: str | None) -> tuple[CreateSecretRequest | None, list[Issue]]:
    if not isinstance(data, Mapping):
        return None, [Issue(REQUEST, f"The request must be an object with the members {_MEMBERS[REQUEST]}.")]
    odd = [k for k in data if not isinstance(k, str)]
    if odd:
        return None, [Issue(REQUEST, "The request's member names must be text.")]
    try:
        return CreateSecretRequest.model_validate(dict(data), context={"region": region}), []
    except ValidationError as exc:
        return None, _translate_all(exc)


def build_request(
    data: Mapping[str, Any], *, region: str | None = None, fill_token: bool = True
) -> CreateSecretRequest:
    """Validate a whole request; raise ParameterError naming every broken field.

    The ParameterError is raised outside the `except` block on purpose: it carries no `__context__`, so no
    traceback can reach pydantic's error, which keeps a reference to the raw input (the value).
    """
    request, issues = _try_build(data, region)
    if request is None:
        raise ParameterError.from_issues(issues)
    if fill_token and request.ClientRequestToken is None:
        request = request.model_copy(update={"ClientRequestToken": str(uuid.uuid4())})
    return request


_ADAPTERS: dict[str, TypeAdapter[Any]] = {
    name: TypeAdapter(info.annotation)
    for name, info in CreateSecretRequest.model_fields.items()
    if info.annotation is not None
}
_ADAPTERS["Tag"] = TypeAdapter(Tag)
_ADAPTERS["ReplicaRegion"] = TypeAdapter(ReplicaRegion)


def _typed(adapter: str, value: object, path: str) -> tuple[Any, list[Issue]]:
    if (
        value is None
        and CreateSecretRequest.model_fields.get(adapter, None) is not None
        and CreateSecretRequest.model_fields[adapter].is_required()
    ):
        return None, [_missing(path)]
    try:
        return _ADAPTERS[adapter].validate_python(value), []
    except ValidationError as exc:
        return None, _translate_all(exc, path)


def validate_field(field_name: str, value: object, *, context: ValidationContext | None = None) -> list[Issue]:
    """Validate one field alone (errors and warnings), for the wizard's step-by-step checks.

    `field_name` is an AWS member name, or "Tag" / "ReplicaRegion" for one entry checked against
    `context.tags` / `context.replicas` (the other entries). Never raises for a bad value; raises ValueError
    for an unknown field name (a programming error, not a person's).
    """
    ctx = context or ValidationContext()
    if field_name not in _ADAPTERS:
        raise ValueError(f"unknown CreateSecret field {field_name!r}")
    if field_name == "Tag":
        index = len(ctx.tags) if ctx.index is None else ctx.index
        tag, issues = _typed("Tag", value, f"Tags[{index}]")
        if tag is None:
            return issues
        return [
            *rules.tag_count_issues(len(ctx.tags) + 1),
            *rules.tag_issues(tag.Key, tag.Value, index, {t.Key for t in ctx.tags}),
        ]
    if field_name == "ReplicaRegion":
        index = len(ctx.replicas) if ctx.index is None else ctx.index
        replica, issues = _typed("ReplicaRegion", value, f"AddReplicaRegions[{index}]")
        if replica is None:
            return issues
        return [
            *rules.replica_issues(
                replica.Region, replica.KmsKeyId, index, ctx.region, {r.Region for r in ctx.replicas}
            ),
            *_replica_warnings(replica, index, ctx.region),
        ]
    typed, issues = _typed(field_name, value, field_name)
    if issues:
        return issues
    found: list[Issue] = list(_FIELD_RULES[field_name](typed, ctx.region))
    if field_name == "Name":
        found += rules.name_warnings(typed)
    if field_name == "KmsKeyId":
        found += rules.kms_key_id_warnings(typed)
    if field_name == "AddReplicaRegions":
        for i, replica in enumerate(typed):
            found += _replica_warnings(replica, i, ctx.region)
    return found


def _replica_warnings(replica: ReplicaRegion, index: int, primary: str | None) -> list[Issue]:
    base = f"AddReplicaRegions[{index}]"
    return [
        *rules.region_warnings(replica.Region, f"{base}.Region", primary),
        *rules.kms_key_id_warnings(replica.KmsKeyId, f"{base}.KmsKeyId"),
    ]


def request_warnings(request: CreateSecretRequest, *, region: str | None = None) -> list[Issue]:
    """Warnings for a valid request: things AWS accepts but that are probably not what the person wants.

    `region` is the secret's own region, for the replica partition warning.
    """
    found: list[Issue] = [*rules.name_warnings(request.Name), *rules.kms_key_id_warnings(request.KmsKeyId)]
    for i, replica in enumerate(request.AddReplicaRegions):
        found += _replica_warnings(replica, i, region)
    return found
