"""Printing results the way the AWS CLI v2 prints them: json, yaml, yaml-stream, text, table, after --query.

Shared by the command line and the wizard (which prints the CreateSecret result on exit), so `smtui ... >
out.json` gives the same bytes as `aws secretsmanager ...` would. Imports neither Textual nor boto3.

Why a conversion step first: the AWS CLI v2 turns timestamps into ISO 8601 strings and blobs into base64
*before* --query runs, so a query sees the same values the output shows. `to_jsonable` does that once, and
every format (and the query) works on plain JSON data.
"""

from __future__ import annotations

import base64
import json
import os
import sys
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, Literal

OutputFormat = Literal["json", "yaml", "yaml-stream", "text", "table"]
ColorMode = Literal["on", "off", "auto"]
OUTPUT_FORMATS: tuple[str, ...] = ("json", "yaml", "yaml-stream", "text", "table")


@dataclass(frozen=True)
class OutputOptions:
    """How to print a result: `--output`, `--query` (JMESPath) and `--color`."""

    format: OutputFormat = "json"
    query: str | None = None
    color: ColorMode = "auto"


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


def apply_query(data: Any, query: str | None) -> Any:
    """Apply a JMESPath expression; a bad expression is a parameter error (exit 252), as in the AWS CLI."""
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


def render(
    data: Mapping[str, Any] | Sequence[Any], options: OutputOptions, *, title: str = "", terminal: bool | None = None
) -> str:
    """The text to write to stdout (ends with a newline unless empty). `title` is the table's heading: the
    operation name (`CreateSecret`), as the AWS CLI uses it.

    `terminal` (default: whether stdout is one): on a terminal, control characters in the data are written
    as visible escapes, so a description or tag cannot drive the terminal (smtui.terminal_text); otherwise
    the bytes are exactly the service's."""
    result = apply_query(to_jsonable(data), options.query)
    on_terminal = stdout_is_terminal() if terminal is None else terminal
    text = _render(result, options, title, on_terminal)
    if on_terminal and options.format in ("json", "yaml", "yaml-stream"):
        from smtui.terminal_text import json_escape_controls, visible_escape

        body = text.removesuffix("\n")
        if options.format == "json":
            body = json_escape_controls(body)
        else:  # YAML escapes all but NEL (a YAML line break) and a few others; keep its own line breaks
            body = "\n".join(visible_escape(line) for line in body.split("\n"))
        text = body + ("\n" if text.endswith("\n") else "")
    return text


def _render(result: Any, options: OutputOptions, title: str, on_terminal: bool) -> str:
    fmt = options.format
    if fmt == "json":
        # The AWS CLI prints nothing for an empty response ({}) but does print other falsy values.
        return "" if result == {} else json.dumps(result, indent=4, ensure_ascii=False) + "\n"
    if fmt == "yaml":
        return "" if result == {} else _yaml(result)
    if fmt == "yaml-stream":
        return _yaml([result])
    if on_terminal:
        from smtui.terminal_text import escape_data

        result = escape_data(result)
    if fmt == "text":
        from smtui.cli.formats import format_text

        return format_text(result)
    if fmt == "table":
        from smtui.cli.formats import format_table

        return format_table(result, title=title, color=use_color(options.color))
    raise ValueError(f"unknown output format: {fmt}")


def stdout_is_terminal() -> bool:
    try:
        return sys.stdout.isatty()
    except (AttributeError, ValueError):
        return False


def render_pages(
    pages: Sequence[Mapping[str, Any]], options: OutputOptions, *, merged: Mapping[str, Any], title: str = ""
) -> str:
    """A paginated response: yaml-stream prints one document item per page (the query applied to each page, as
    the AWS CLI streams them); every other format prints the merged result once."""
    if options.format == "yaml-stream":
        return "".join(render(p, options, title=title) for p in pages)
    return render(merged, options, title=title)


def use_color(mode: ColorMode) -> bool:
    """--color auto: colour only on a terminal, and never when NO_COLOR is set."""
    if mode == "on":
        return True
    if mode == "off":
        return False
    return sys.stdout.isatty() and not os.environ.get("NO_COLOR")


def _yaml(data: Any) -> str:
    import yaml

    return str(yaml.safe_dump(data, default_flow_style=False, sort_keys=False, allow_unicode=True))
