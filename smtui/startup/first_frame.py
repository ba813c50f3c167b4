"""What the wizard defers until its first frame is on the terminal (called by `SmtuiApp._first_frame`), and
what its first screen skips before it (`first_screen`, called by `SmtuiApp.get_default_screen`)."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from smtui.startup.gc_policy import gc_policy

if TYPE_CHECKING:
    from textual.app import App
    from textual.screen import Screen


#: The interpreter's thread switch interval from the wizard's start until its target's first open is answered.
START_SWITCH_INTERVAL = 0.0001


def quick_handoff() -> Callable[[], None]:
    """Until the function returned is called, a thread waiting for the GIL gets it within 0.1 ms (Python's
    default: 5 ms). The wizard (`run_wizard`) calls this before it starts and the function once its target's
    first open is answered (`SmtuiApp.after_first_open`); a test that runs the app in-process keeps its own.

    Why: Textual hands each frame to its writer thread, which needs the GIL to write the frame to the terminal.
    Right after the first frame the main thread does the work deferred until then (hardening, the later
    steps' stylesheet, the input digest) and the backend's worker starts importing its modules; with the
    default interval the writer waited behind them, and the first frame reached the terminal 6 to 13 ms after
    Textual handed it over (1 to 4 ms for a bare Textual app, which has no such work); with 0.1 ms, ~0.3 ms
    (docs/performance.md, (d)). Until the first open is answered the threads mostly wait (the terminal, the
    store, the network), so the shorter interval costs nothing measurable; after it, Python's default is back.
    """
    previous = sys.getswitchinterval()
    sys.setswitchinterval(START_SWITCH_INTERVAL)

    def restore() -> None:
        sys.setswitchinterval(previous)

    return restore


def first_screen(screen: Screen[None]) -> Screen[None]:
    """The wizard's first screen (the app's default screen, set up before the first frame): its first
    ScreenResume does not restyle its nodes.

    Why: Textual styles each node as it is mounted, then, on the screen's first ScreenResume, restyles every
    node of it again (for a screen coming back from below another, whose styles may be stale). The default
    screen comes back from nowhere: its nodes were styled a moment before, and every change since (the
    auto-focus, the choice set's highlight) restyled what it touched. The second pass is ~3 ms of the start-up
    (docs/performance.md, (d)) and changes nothing: the first frame is byte-identical without it. Later
    resumes, and every other screen, restyle as Textual does.
    """
    from smtui.screens.base import StepScreen

    if isinstance(screen, StepScreen):
        screen.restyle_on_first_resume = False
    return screen


def first_frame_drawn(app: App[Any], later_css: Path) -> None:
    """The wizard's first frame is on the terminal: the collector goes on (see gc_policy), and the stylesheet of
    the later steps is added. Textual parses only that new file, when the next widgets are styled."""
    gc_policy("first-frame")
    if not app.stylesheet.has_source(str(later_css), ""):
        app.stylesheet.read(later_css)
