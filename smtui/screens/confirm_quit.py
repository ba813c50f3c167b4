"""Quit without creating? Asked once, because quitting drops everything typed (the value included)."""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Static


class ConfirmQuitScreen(ModalScreen[bool]):
    BINDINGS: ClassVar = [Binding("escape,n", "stay", "Stay"), Binding("y", "leave", "Quit")]

    def compose(self) -> ComposeResult:
        with Vertical(id="quit-box", classes="modal-box"):
            yield Static(
                "[b]Quit without creating the secret?[/]\nEverything entered so far, the value included, is forgotten."
            )
            with Horizontal(classes="buttons"):
                yield Button("Quit (y)", id="leave", variant="error")
                yield Button("Stay (n)", id="stay", variant="primary")

    def on_mount(self) -> None:
        self.query_one("#stay", Button).focus()

    @on(Button.Pressed, "#leave")
    def action_leave(self) -> None:
        self.dismiss(True)

    @on(Button.Pressed, "#stay")
    def action_stay(self) -> None:
        self.dismiss(False)
