"""The AWS CLI's pagination for list-secrets: --max-items, --starting-token, --page-size, and when it is off.

Why a copy of botocore's paginator logic rather than botocore itself: the local backend has no botocore, and
the aws backend returns one page per call through the same interface, so the loop must live above the
backends. It follows `botocore.paginate.PageIterator` step by step, so a command behaves as `aws
secretsmanager list-secrets` does, and its resume token is the same text (base64 of the JSON
`{"NextToken": ..., "boto_truncate_amount": N}`): a NextToken printed by the AWS CLI against a server works as
smtui's --starting-token against that server, and the other way round.

When pagination is off (awscli's `check_should_enable_pagination`): --no-paginate, or the service's own
paging members --max-results / --next-token given, which make one call and print the raw response (its
NextToken is the service's). Giving --max-items/--starting-token/--page-size then is an error, as in the
AWS CLI.
"""

from __future__ import annotations

import base64
import binascii
import json
import sys
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from smtui.errors import ParameterError, SmtuiError

RESULT_KEY = "SecretList"
NEXT_MEMBER = "NextToken"
_TRUNCATE = "boto_truncate_amount"

PageCall = Callable[[str | None, int | None], Mapping[str, Any]]


@dataclass(frozen=True)
class Paging:
    """The paging options of one command, as parsed (None: not given)."""

    max_results: int | None = None
    next_token: str | None = None
    max_items: int | None = None
    starting_token: str | None = None
    page_size: int | None = None
    no_paginate: bool = False

    @property
    def enabled(self) -> bool:
        """Off with --no-paginate, or when the service's own paging members are given."""
        return not (self.no_paginate or self.max_results is not None or self.next_token is not None)

    def check(self) -> None:
        """awscli's `ensure_paging_params_not_set`, and its warning for a non-positive --max-items."""
        if not self.enabled:
            used = [
                f"--{name}"
                for name, value in (
                    ("starting-token", self.starting_token),
                    ("page-size", self.page_size),
                    ("max-items", self.max_items),
                )
                if value
            ]
            if used:
                raise ParameterError(
                    "Cannot specify --no-paginate along with pagination arguments: " + ", ".join(used), field=used[0]
                )
        if self.max_items is not None and self.max_items <= 0:
            print("warning: Non-positive values for --max-items may result in undefined behavior.", file=sys.stderr)


def encode_token(token: Mapping[str, Any]) -> str:
    """botocore's TokenEncoder for a JSON-able token: base64 of `json.dumps`."""
    return base64.b64encode(json.dumps(token).encode("utf-8")).decode("utf-8")


def decode_token(text: str) -> tuple[str | None, int]:
    """A --starting-token: the service token to resume with, and how many items of that page to skip."""
    try:
        token = json.loads(base64.b64decode(text.encode("utf-8"), validate=True).decode("utf-8"))
    except (binascii.Error, ValueError, UnicodeError):
        token = None
    service = token.get(NEXT_MEMBER) if isinstance(token, dict) else None
    skip = token.get(_TRUNCATE, 0) if isinstance(token, dict) else -1
    if (
        not isinstance(token, dict)
        or set(token) not in ({NEXT_MEMBER}, {NEXT_MEMBER, _TRUNCATE})
        or not isinstance(service, str | None)
        or not isinstance(skip, int)
        or skip < 0
    ):
        raise ParameterError(
            "--starting-token: not a pagination token; pass the NextToken that a list-secrets "
            "call with --max-items printed",
            field="--starting-token",
        )
    return (service or None), skip


def paginate(call: PageCall, paging: Paging) -> tuple[list[dict[str, Any]], str | None]:
    """Every page (the first and last cut as --starting-token and --max-items say) and the resume token.

    `call(next_token, max_results)` makes one service call. Mirrors botocore's PageIterator.__iter__.
    """
    token, skip = decode_token(paging.starting_token) if paging.starting_token else (None, 0)
    limit = paging.max_items
    pages: list[dict[str, Any]] = []
    total = 0
    first = True
    while True:
        page = dict(call(token, paging.page_size))
        items = list(page.get(RESULT_KEY) or [])
        start = skip if first else 0
        items = items[start:]
        first = False
        if limit is not None and total + len(items) > limit:
            keep = limit - total
            page[RESULT_KEY] = items[: max(keep, 0)]
            pages.append(page)
            return pages, encode_token({NEXT_MEMBER: token, _TRUNCATE: keep + start})
        page[RESULT_KEY] = items
        pages.append(page)
        total += len(items)
        following = page.get(NEXT_MEMBER) or None
        if following is None:
            return pages, None
        if limit is not None and total == limit:
            return pages, encode_token({NEXT_MEMBER: following})
        if following == token:
            raise SmtuiError(f"The same next token was received twice: {{'{NEXT_MEMBER}': '{following}'}}")
        token = following


def merged(pages: list[dict[str, Any]], resume: str | None) -> dict[str, Any]:
    """botocore's build_full_result: the result key of every page, and the resume token when cut short."""
    result: dict[str, Any] = {RESULT_KEY: [item for page in pages for item in page.get(RESULT_KEY) or []]}
    if resume is not None:
        result[NEXT_MEMBER] = resume
    return result
