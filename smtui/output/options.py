"""What the person asked the output to look like: `--output`, `--query`, `--color`, and where it goes.

Kept apart from the formatters (and free of imports beyond the standard library) because the wizard's start-up
builds an `OutputOptions` before its first frame, long before anything is printed.
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from typing import Literal

OutputFormat = Literal["json", "yaml", "yaml-stream", "text", "table"]
ColorMode = Literal["on", "off", "auto"]
OUTPUT_FORMATS: tuple[str, ...] = ("json", "yaml", "yaml-stream", "text", "table")


@dataclass(frozen=True)
class OutputOptions:
    """How to print a result: `--output`, `--query` (JMESPath) and `--color`."""

    format: OutputFormat = "json"
    query: str | None = None
    color: ColorMode = "auto"


def stdout_is_terminal() -> bool:
    """Whether standard output is a terminal (False when it is closed or replaced by something without isatty)."""
    try:
        return sys.stdout.isatty()
    except (AttributeError, ValueError):
        return False


def use_color(mode: ColorMode) -> bool:
    """--color auto: colour only on a terminal, and never when NO_COLOR is set."""
    if mode == "on":
        return True
    if mode == "off":
        return False
    return stdout_is_terminal() and not os.environ.get("NO_COLOR")
