"""A Textual line filter that keeps text from outside from driving the terminal (see smtui.output.terminal_text)."""

from __future__ import annotations

from typing import Any

from rich.segment import Segment
from textual.filter import LineFilter

from smtui.output.terminal_text import CONTROL


class ControlCharFilter(LineFilter):
    """Drops control characters from the text of every segment the wizard draws.

    Why a filter on every line rather than escaping in each widget: names, descriptions, tags, KMS key
    descriptions and service messages reach many widgets, and Textual passes ESC in widget text straight
    to the terminal (Rich strips only BEL, BS, VT, FF and CR). Rich counts control characters as zero cells,
    so dropping them moves nothing on screen. Textual's own sequences are `control` segments: kept.
    """

    def apply(self, segments: list[Segment], background: Any) -> list[Segment]:
        if not any(not s.control and CONTROL.search(s.text) for s in segments):
            return segments
        return [
            s if s.control or not CONTROL.search(s.text) else Segment(CONTROL.sub("", s.text), s.style)
            for s in segments
        ]


def install(app: Any) -> None:
    """Add the filter to a Textual App (before it runs)."""
    app._filters.append(ControlCharFilter())
