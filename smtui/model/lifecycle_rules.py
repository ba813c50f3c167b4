"""Request rules of ReplicateSecretToRegions, RemoveRegionsFromReplication and BatchGetSecretValue
(docs/aws-behaviour.md §18, §20), written once for the local store and the command line.

Each check returns a `Refusal` in the order the AWS CLI meets them: botocore's client-side check first (a
minimum broken: kind "client", exit 252, nothing sent), then the service's constraints (a maximum or a pattern:
ValidationException), then the service's parameter rules (InvalidParameterException). Replica regions reuse
create's rules (`rules.replicas_issues`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from smtui.model import messages as m
from smtui.model.limits import (
    BATCH_FILTERS_MAX,
    BATCH_MAX_RESULTS_MAX,
    BATCH_MAX_RESULTS_MIN,
    BATCH_SECRET_IDS_MAX,
    BATCH_SECRET_IDS_MIN,
    FILTER_VALUES_MAX,
    NEXT_TOKEN_MAX,
    REMOVE_REGIONS_MIN,
    SECRET_ID_MAX,
)
from smtui.model.request import ReplicaRegion
from smtui.model.rules import RuleIssue, printable, region_issues, replica_list_issues, replicas_issues


@dataclass(frozen=True)
class Refusal:
    """`kind` "client" is botocore's refusal before sending (252); "service" the service's answer (254)."""

    kind: str
    code: str
    message: str
    field: str


def _client(lines: list[str], field: str) -> Refusal:
    return Refusal("client", "ParamValidation", "Parameter validation failed:\n" + "\n".join(lines), field)


def _too_long(member: str, hi: int, value: str | None = None) -> str:
    rule = f"have length less than or equal to {hi}"
    if value is None:
        return m.CONSTRAINT_SENSITIVE.format(member=member, rule=rule)
    return m.CONSTRAINT.format(value=printable(value), member=member, rule=rule)


def from_issues(issues: Sequence[RuleIssue]) -> Refusal | None:
    """The one refusal a list of rule findings makes, as the service reports it (`aws_error_for_issues`)."""
    errors = [i for i in issues if i.severity == "error"]
    if not errors:
        return None
    code, message = m.aws_error_for_issues(list(errors))
    if message.startswith("Invalid length for parameter"):  # botocore's own words: a client-side refusal
        return _client([message], errors[0].field.split("[")[0])
    return Refusal("service", code, message, errors[0].field.split("[")[0])


def replicate_refusal(regions: Sequence[ReplicaRegion], primary: str) -> Refusal | None:
    """AddReplicaRegions of ReplicateSecretToRegions: at least one, each a region code other than the
    primary's, none twice, each KmsKeyId of a valid form."""
    return from_issues(
        replica_list_issues(len(regions)) or replicas_issues([(r.Region, r.KmsKeyId) for r in regions], primary)
    )


def remove_refusal(regions: Sequence[str]) -> Refusal | None:
    """RemoveReplicaRegions: at least one region code."""
    if len(regions) < REMOVE_REGIONS_MIN:
        return _client(
            [f"Invalid length for parameter RemoveReplicaRegions, valid min length: {REMOVE_REGIONS_MIN}"],
            "RemoveReplicaRegions",
        )
    issues: list[RuleIssue] = []
    for i, region in enumerate(regions):
        issues += region_issues(region, f"RemoveReplicaRegions[{i}]")
    return from_issues(issues)


def batch_refusal(
    secret_ids: Sequence[str] | None,
    filters: Sequence[tuple[str, Sequence[str]]] | None,
    max_results: int | None,
    next_token: str | None,
) -> Refusal | None:
    """BatchGetSecretValue's request: SecretIdList (1-20 ids) or Filters (at most 10), not both; MaxResults
    (1-20) only with Filters."""
    low: list[tuple[str, str]] = []  # (field, botocore's line)
    if secret_ids is not None and len(secret_ids) < BATCH_SECRET_IDS_MIN:
        low.append(
            ("SecretIdList", f"Invalid length for parameter SecretIdList, valid min length: {BATCH_SECRET_IDS_MIN}")
        )
    for i, sid in enumerate(secret_ids or []):
        if not sid:
            low.append(("SecretIdList", f"Invalid length for parameter SecretIdList[{i}], valid min length: 1"))
    for i, (_key, values) in enumerate(filters or []):
        if not values:
            low.append(("Filters", f"Invalid length for parameter Filters[{i}].Values, valid min length: 1"))
    if max_results is not None and max_results < BATCH_MAX_RESULTS_MIN:
        low.append(("MaxResults", f"Invalid value for parameter MaxResults, valid min value: {BATCH_MAX_RESULTS_MIN}"))
    if next_token is not None and not next_token:
        low.append(("NextToken", "Invalid length for parameter NextToken, valid min length: 1"))
    if low:
        return _client([line for _, line in low], low[0][0])
    high: list[tuple[str, str]] = []  # (field, the service's constraint text)
    if secret_ids is not None and len(secret_ids) > BATCH_SECRET_IDS_MAX:
        high.append(("SecretIdList", _too_long("secretIdList", BATCH_SECRET_IDS_MAX)))
    for i, sid in enumerate(secret_ids or [], start=1):
        if len(sid) > SECRET_ID_MAX:
            high.append(("SecretIdList", _too_long(f"secretIdList.{i}.member", SECRET_ID_MAX, sid)))
    if filters is not None and len(filters) > BATCH_FILTERS_MAX:
        high.append(("Filters", _too_long("filters", BATCH_FILTERS_MAX)))
    for i, (_key, values) in enumerate(filters or [], start=1):
        if len(values) > FILTER_VALUES_MAX:
            high.append(("Filters", _too_long(f"filters.{i}.member.values", FILTER_VALUES_MAX)))
    if max_results is not None and max_results > BATCH_MAX_RESULTS_MAX:
        rule = f"have value less than or equal to {BATCH_MAX_RESULTS_MAX}"
        high.append(("MaxResults", m.CONSTRAINT.format(value=max_results, member="maxResults", rule=rule)))
    if next_token is not None and len(next_token) > NEXT_TOKEN_MAX:
        high.append(("NextToken", _too_long("nextToken", NEXT_TOKEN_MAX, next_token)))
    if high:
        return Refusal("service", "ValidationException", m.validation_errors([t for _, t in high]), high[0][0])
    if secret_ids is not None and filters is not None:
        return Refusal("service", "InvalidParameterException", m.BATCH_IDS_AND_FILTERS, "SecretIdList")
    if secret_ids is None and filters is None:
        return Refusal("service", "InvalidParameterException", m.BATCH_NEITHER, "SecretIdList")
    if max_results is not None and filters is None:
        return Refusal("service", "InvalidParameterException", m.BATCH_MAX_RESULTS_ALONE, "MaxResults")
    return None
