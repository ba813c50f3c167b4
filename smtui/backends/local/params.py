"""Parameter checks of the companion operations, split the way the AWS CLI meets them.

Why: the aws backend gets botocore's client-side check (minimum lengths and values: exit 252, nothing sent) and
then the service's constraint check (maximums, patterns: a ValidationException, exit 254). The local store must
answer the same request the same way, so `--secret-id ''` is a 252 on both backends, not a "not found".
Limits are those of botocore's Secrets Manager model (SecretIdType, SecretVersionIdType, ...), from `limits`.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from smtui.backends.base import ListFilter
from smtui.errors import ParameterError, ServiceError
from smtui.model import messages as msg
from smtui.model.limits import (
    FILTER_VALUES_MAX,
    FILTERS_MAX,
    MAX_RESULTS_MAX,
    NEXT_TOKEN_MAX,
    NEXT_TOKEN_MIN,
    SECRET_ID_MAX,
    SECRET_ID_MIN,
    VERSION_ID_MAX,
    VERSION_ID_MIN,
    VERSION_STAGE_MAX,
    VERSION_STAGE_MIN,
)
from smtui.model.rules import aws_member, printable

# member: (min, max) lengths, or values for MaxResults
LIMITS: dict[str, tuple[int, int]] = {
    "SecretId": (SECRET_ID_MIN, SECRET_ID_MAX),
    "VersionId": (VERSION_ID_MIN, VERSION_ID_MAX),
    "VersionStage": (VERSION_STAGE_MIN, VERSION_STAGE_MAX),
    "NextToken": (NEXT_TOKEN_MIN, NEXT_TOKEN_MAX),
    "MaxResults": (1, MAX_RESULTS_MAX),
}
FILTER_VALUE_MAX = 512
FILTER_VALUE_PATTERN = r"^\!?[a-zA-Z0-9 :_@\/\+\=\.\-\!]*$"
_FILTER_VALUE_RE = re.compile(r"!?[a-zA-Z0-9 :_@/+=.\-!]*")


def check(*, filters: Sequence[ListFilter] = (), **given: str | int | None) -> None:
    """Refuse what botocore refuses (ParameterError, 252), then what the service refuses (ValidationException)."""
    low: list[str] = []
    high: list[str] = []
    for name, value in given.items():
        if value is None:
            continue
        lo, hi = LIMITS[name]
        size = value if isinstance(value, int) else len(value)
        kind = "value" if isinstance(value, int) else "length"
        if size < lo:
            low.append(f"Invalid {kind} for parameter {name}, valid min {kind}: {lo}")
        elif size > hi:
            high.append(_constraint(str(value), aws_member(name), f"have {kind} less than or equal to {hi}"))
    for i, f in enumerate(filters):
        if not f.Values:
            low.append(f"Invalid length for parameter Filters[{i}].Values, valid min length: 1")
    if low:
        raise ParameterError("Parameter validation failed:\n" + "\n".join(low), field=_field(low[0]))
    high += _filter_constraints(filters)
    if high:
        raise ServiceError("ValidationException", msg.validation_errors(high), field=_field(high[0]))


def _filter_constraints(filters: Sequence[ListFilter]) -> list[str]:
    found: list[str] = []
    if len(filters) > FILTERS_MAX:
        found.append(
            f"Value at 'filters' failed to satisfy constraint: Member must have length less than or "
            f"equal to {FILTERS_MAX}"
        )
    for i, f in enumerate(filters, start=1):
        member = f"filters.{i}.member.values"
        if len(f.Values) > FILTER_VALUES_MAX:
            found.append(
                f"Value at '{member}' failed to satisfy constraint: Member must have length less than "
                f"or equal to {FILTER_VALUES_MAX}"
            )
        for value in f.Values:
            if len(value) > FILTER_VALUE_MAX:
                found.append(_constraint(value, member, f"have length less than or equal to {FILTER_VALUE_MAX}"))
            elif not _FILTER_VALUE_RE.fullmatch(value):
                found.append(_constraint(value, member, f"satisfy regular expression pattern: {FILTER_VALUE_PATTERN}"))
    return found


def _constraint(value: str, member: str, rule: str) -> str:
    return msg.CONSTRAINT.format(value=printable(value), member=member, rule=rule)


def _field(text: str) -> str:
    """The request member a message is about (`SecretId`, `Filters`, ...), for the wizard's jump-back."""
    for name in (*LIMITS, "Filters"):
        if name in text or aws_member(name) in text:
            return name
    return "Filters"
