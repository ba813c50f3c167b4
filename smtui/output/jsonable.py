"""Service data as plain JSON data, the way the AWS CLI v2 converts it before `--query` and every format.

Why a conversion step first: the AWS CLI v2 turns timestamps into ISO 8601 strings and blobs into base64
*before* --query runs, so a query sees the same values the output shows. `to_jsonable` does that once, and
every format (and the query) works on plain JSON data.
"""

from __future__ import annotations

import base64
from collections.abc import Mapping
from datetime import date, datetime
from typing import Any


def to_jsonable(data: Any) -> Any:
    """Plain JSON data: datetimes as ISO 8601 (as botocore parsed them), bytes as base64, tuples as lists."""
    if isinstance(data, Mapping):
        return {str(k): to_jsonable(v) for k, v in data.items()}
    if isinstance(data, list | tuple):
        return [to_jsonable(v) for v in data]
    if isinstance(data, datetime):
        return data.isoformat()
    if isinstance(data, date):
        return data.isoformat()
    if isinstance(data, bytes | bytearray):
        return base64.b64encode(bytes(data)).decode("ascii")
    return data
