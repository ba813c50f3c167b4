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

import sys
import types
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
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


class _Package(types.ModuleType):
    """This package, its names loaded when first used: the wizard's start-up needs `options` alone, and the
    rest (json, base64, datetime, the formatters) would load before its first frame for nothing
    (docs/performance.md, (d)). `smtui.output.render` stays the function, as an eager `from ... import` made
    it: the import system binds the package's `render` to the submodule when that loads, and that is ignored."""

    @property
    def render(self) -> Any:
        from smtui.output.render import render

        return render

    @render.setter
    def render(self, _submodule: object) -> None:
        pass

    def __getattr__(self, name: str) -> Any:
        found: Any
        if name in ("OUTPUT_FORMATS", "ColorMode", "OutputFormat", "OutputOptions", "stdout_is_terminal", "use_color"):
            from smtui.output import options

            found = getattr(options, name)
        elif name == "to_jsonable":
            from smtui.output.jsonable import to_jsonable as found
        elif name == "apply_query":
            from smtui.output.query import apply_query as found
        elif name == "render_each":
            from smtui.output.render import render_each as found
        elif name == "render_pages":
            from smtui.output.render import render_pages as found
        else:
            raise AttributeError(f"module {self.__name__!r} has no attribute {name!r}")
        setattr(self, name, found)
        return found


sys.modules[__name__].__class__ = _Package

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
