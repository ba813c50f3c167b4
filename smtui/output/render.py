"""Printing results the way the AWS CLI v2 prints them: json, yaml, yaml-stream, text, table, after --query.

Shared by the command line and the wizard (which prints the CreateSecret result on exit), so `smtui ... >
out.json` gives the same bytes as `aws secretsmanager ...` would. Imports neither Textual nor boto3, nor
anything of the command line or the wizard: both import this.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from smtui.output.jsonable import to_jsonable
from smtui.output.options import OutputOptions, stdout_is_terminal, use_color
from smtui.output.query import apply_query


def render(
    data: Mapping[str, Any] | Sequence[Any], options: OutputOptions, *, title: str = "", terminal: bool | None = None
) -> str:
    """The text to write to stdout (ends with a newline unless empty). `title` is the table's heading: the
    operation name (`CreateSecret`), as the AWS CLI uses it.

    `terminal` (default: whether stdout is one): on a terminal, control characters in the data are written
    as visible escapes, so a description or tag cannot drive the terminal (smtui.output.terminal_text);
    otherwise the bytes are exactly the service's."""
    result = apply_query(to_jsonable(data), options.query)
    on_terminal = stdout_is_terminal() if terminal is None else terminal
    text = _render(result, options, title, on_terminal)
    if on_terminal and options.format in ("json", "yaml", "yaml-stream"):
        from smtui.output.terminal_text import json_escape_controls, visible_escape

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
        from smtui.output.terminal_text import escape_data

        result = escape_data(result)
    if fmt == "text":
        from smtui.output.text import format_text

        return format_text(result)
    if fmt == "table":
        from smtui.output.table import format_table

        return format_table(result, title=title, color=use_color(options.color))
    raise ValueError(f"unknown output format: {fmt}")


def render_pages(
    pages: Sequence[Mapping[str, Any]], options: OutputOptions, *, merged: Mapping[str, Any], title: str = ""
) -> str:
    """A paginated response: yaml-stream prints one document item per page (the query applied to each page, as
    the AWS CLI streams them); every other format prints the merged result once."""
    if options.format == "yaml-stream":
        return "".join(render(p, options, title=title) for p in pages)
    return render(merged, options, title=title)


def render_each(documents: Iterable[Mapping[str, Any]], options: OutputOptions, *, title: str) -> str:
    """Several responses one after another, as that many runs of the command would print them (the wizard
    creates a secret per run of its Review step and prints each CreateSecret result on exit)."""
    parts = [render(document, options, title=title) for document in documents]
    return "".join(part if not part or part.endswith("\n") else part + "\n" for part in parts)


def _yaml(data: Any) -> str:
    import yaml

    return str(yaml.safe_dump(data, default_flow_style=False, sort_keys=False, allow_unicode=True))
