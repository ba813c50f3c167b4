"""`--query`: a JMESPath expression applied to the JSON data, as the AWS CLI applies it."""

from __future__ import annotations

from typing import Any


def apply_query(data: Any, query: str | None) -> Any:
    """Apply a JMESPath expression; a bad expression is a parameter error (exit 252), as in the AWS CLI.

    jmespath is imported here, not at module level: most commands run without --query."""
    if not query:
        return data
    import jmespath
    from jmespath.exceptions import JMESPathError

    from smtui.errors import ParameterError

    try:
        return jmespath.search(query, data)
    except JMESPathError as exc:
        raise ParameterError(
            f"--query: not a valid JMESPath expression ({type(exc).__name__})", field="--query"
        ) from None
