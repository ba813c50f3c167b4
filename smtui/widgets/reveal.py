"""What Reveal is, in one place: a deliberate key (Ctrl+R), never a Tab stop, hidden again when the focus
leaves and after REVEAL_SECONDS, and never when the UI is not drawn on a terminal.

Why each rule: a Reveal checkbox next to the value was one Tab press away, so a person tabbing through the
form could show the secret by accident (Space on the wrong stop); a value left revealed is on screen for
whoever walks by and in every screenshot; and a UI drawn into a file or pipe (`smtui 2>file`) would write a
revealed value into that file. Revealed or not, the value is never selectable or copyable.
"""

from __future__ import annotations

import os

from textual.app import App

REVEAL_SECONDS = 10.0
REVEAL_KEY = "ctrl+r"
NOT_A_TERMINAL = "Reveal is off: the wizard is not drawn on a terminal, and a revealed value would be written there."


def ui_is_a_terminal(app: App[object]) -> bool:
    """True when the app draws on a real terminal (not headless, and the driver's output is a tty)."""
    if app.is_headless:
        return False
    driver = app._driver
    output = getattr(driver, "_file", None)
    try:
        return output is not None and os.isatty(output.fileno())
    except (OSError, ValueError, AttributeError):
        return False


def may_reveal(app: App[object]) -> bool:
    """Whether Reveal may show a value now; says why not when it may not."""
    if ui_is_a_terminal(app):
        return True
    app.notify(NOT_A_TERMINAL, severity="warning", timeout=5)
    return False
