"""Results as the person sees them: the AWS CLI's output formats and text made safe for a terminal.

Layer: above the model and the backends, below the command line and the wizard, which both print through it;
it imports neither of them, nor Textual (tests/unit/test_import_contract.py). The modules:
- `options`: `--output`, `--query`, `--color` as one value, and whether stdout is a terminal;
- `jsonable`: service data as plain JSON data (timestamps, blobs), before any query or format;
- `query`: `--query` (JMESPath);
- `render`: one response, a paginated one, or several, in the chosen format;
- `text`, `table`: the AWS CLI's text and table formats, byte for byte;
- `terminal_text`: control characters from outside written as visible escapes on a terminal.
"""

from __future__ import annotations

from smtui.output.jsonable import to_jsonable
from smtui.output.options import (
    OUTPUT_FORMATS,
    ColorMode,
    OutputFormat,
    OutputOptions,
    stdout_is_terminal,
    use_color,
)
from smtui.output.query import apply_query
from smtui.output.render import render, render_each, render_pages

__all__ = [
    "OUTPUT_FORMATS",
    "ColorMode",
    "OutputFormat",
    "OutputOptions",
    "apply_query",
    "render",
    "render_each",
    "render_pages",
    "stdout_is_terminal",
    "to_jsonable",
    "use_color",
]
