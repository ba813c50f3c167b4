"""ListSecrets in the local store: filters, planned deletions, order, pages (docs/aws-behaviour.md §10).

Filter semantics follow the API reference: `name`, `tag-key`, `tag-value`, `primary-region`, `owning-service`
are case-sensitive prefix matches, `description` a case-insensitive prefix match, `all` splits the value into
words and matches any attribute's words case-insensitively; a leading `!` negates. Values of one filter are
OR-ed, filters are AND-ed. NextToken is an opaque offset. SortBy orders by one field (SQLite's order:
byte-wise names, a never-read secret's missing LastAccessedDate first when ascending), then by ARN, so equal
keys keep one order from page to page; without SortBy the order stays creation order, as before.
"""

from __future__ import annotations

import base64
import binascii
import json
import re
import sqlite3
from collections.abc import Iterable

from smtui.backends.base import ListFilter
from smtui.backends.local import rows
from smtui.errors import ServiceError
from smtui.model import ListSecretsResult
from smtui.model.limits import FILTER_KEYS, MAX_RESULTS_MAX, SortOrder

# SortBy -> column (botocore's enum, in its order: the ValidationException lists them so)
SORT_KEYS = {
    "created-date": "created",
    "last-accessed-date": "last_accessed",
    "last-changed-date": "last_changed",
    "name": "name",
}
_WORD = re.compile(r"[A-Z]?[a-z]+|[A-Z]+(?![a-z])|[0-9]+")


def _words(text: str) -> list[str]:
    """Words as the service's free search splits them: at case changes, letter/digit changes, punctuation."""
    return [w.lower() for w in _WORD.findall(text)]


def _attributes(row: rows.SecretRow, key: str) -> list[str]:
    tags = row.tag_list
    if key == "name":
        return [row.name]
    if key == "description":
        return [(row.description or "").lower()]
    if key == "tag-key":
        return [t.Key for t in tags]
    if key == "tag-value":
        return [t.Value for t in tags]
    if key == "primary-region":
        return [row.primary_region or row.region]
    if key == "owning-service":
        return []
    texts = [row.name, row.description or ""] + [t.Key for t in tags] + [t.Value for t in tags]
    return [w for text in texts for w in _words(text)]


def _value_matches(row: rows.SecretRow, key: str, value: str) -> bool:
    negate = value.startswith("!")
    needle = value[1:] if negate else value
    attrs = _attributes(row, key)
    if key == "all":
        words = _words(needle)
        hit = bool(words) and all(any(a.startswith(w) for a in attrs) for w in words)
    else:
        needle = needle.lower() if key == "description" else needle
        hit = any(a.startswith(needle) for a in attrs)
    return hit != negate


def _matches(row: rows.SecretRow, filters: list[ListFilter]) -> bool:
    return all(any(_value_matches(row, f.Key, v) for v in f.Values) for f in filters)


def offset_of(next_token: str | None) -> int:
    """The position an opaque NextToken of the local store stands for (ListSecrets, ListSecretVersionIds)."""
    if next_token is None:
        return 0
    try:
        data = json.loads(base64.urlsafe_b64decode(next_token.encode("ascii")))
        return int(data["offset"])
    except (ValueError, KeyError, TypeError, binascii.Error, UnicodeEncodeError):
        raise ServiceError("InvalidNextTokenException", "The NextToken value is invalid.", field="NextToken") from None


def token_for(offset: int) -> str:
    return base64.urlsafe_b64encode(json.dumps({"offset": offset}).encode()).decode("ascii")


def _enum_error(value: str, member: str, allowed: Iterable[str], field: str) -> ServiceError:
    """The service's wording for a value outside an enum (filter keys, SortBy)."""
    return ServiceError(
        "ValidationException",
        f"1 validation error detected: Value '{value}' at '{member}' failed to satisfy constraint: "
        f"Member must satisfy enum value set: [{', '.join(allowed)}]",
        field=field,
    )


def list_page(
    conn: sqlite3.Connection,
    region: str,
    now: float,
    *,
    max_results: int | None,
    next_token: str | None,
    filters: list[ListFilter],
    include_planned_deletion: bool,
    sort_order: SortOrder | None,
    sort_by: str | None = None,
) -> ListSecretsResult:
    for f in filters:
        if f.Key not in FILTER_KEYS:
            raise _enum_error(f.Key, "filters.1.member.key", FILTER_KEYS, "Filters")
    if sort_by is not None and sort_by not in SORT_KEYS:
        raise _enum_error(sort_by, "sortBy", SORT_KEYS, "SortBy")
    limit = max_results or MAX_RESULTS_MAX
    offset = offset_of(next_token)
    order = "DESC" if sort_order == "desc" else "ASC"
    where = "region = ? AND (deletion_date IS NULL OR deletion_date > ?)"
    if not include_planned_deletion:
        where += " AND deletion_date IS NULL"
    keys = f"created {order}, id {order}" if sort_by is None else f"{SORT_KEYS[sort_by]} {order}, arn {order}"
    cursor = conn.execute(
        f"SELECT {rows.COLUMNS} FROM secrets WHERE {where} ORDER BY {keys}",  # noqa: S608
        (region, now),
    )
    page: list[rows.SecretRow] = []
    seen = 0
    more = False
    for raw in cursor:
        row = rows.SecretRow(*raw)
        if filters and not _matches(row, filters):
            continue
        seen += 1
        if seen <= offset:
            continue
        if len(page) == limit:
            more = True
            break
        page.append(row)
    return ListSecretsResult(
        SecretList=[rows.list_entry(conn, r) for r in page],
        NextToken=token_for(offset + limit) if more else None,
    )
