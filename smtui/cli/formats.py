"""TEMPORARY re-export: the AWS CLI's text and table formats moved to `smtui.output.text` and
`smtui.output.table` (the output package, issue 8 item 3). Kept only while smtui/cli is being refactored, so
nothing that still says `smtui.cli.formats` breaks; import from `smtui.output` and delete this module."""

from __future__ import annotations

from smtui.output.table import format_table, terminal_width, text_width
from smtui.output.text import format_text

__all__ = ["format_table", "format_text", "terminal_width", "text_width"]
