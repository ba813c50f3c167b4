"""What the wizard defers until its first frame is on the terminal (called by `SmtuiApp._first_frame`)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from smtui.startup.gc_policy import gc_policy

if TYPE_CHECKING:
    from textual.app import App


def first_frame_drawn(app: App[Any], later_css: Path) -> None:
    """The wizard's first frame is on the terminal: the collector goes on (see gc_policy), and the stylesheet of
    the later steps is added. Textual parses only that new file, when the next widgets are styled."""
    gc_policy("first-frame")
    if not app.stylesheet.has_source(str(later_css), ""):
        app.stylesheet.read(later_css)
