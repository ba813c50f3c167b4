"""The help screen (F1 or ?): every key, in one place."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Static

HELP_TEXT = """[b]smtui — keys[/]

[b]Ctrl+N[/]       next step (on Review: create the secret)
[b]Esc[/]          previous step (nothing you typed is lost)
[b]Tab/Shift+Tab[/] move between fields      [b]Enter[/]  confirm a field
[b]Space[/]        select a region (Replicas)  [b]Delete[/] remove a tag
[b]1-7[/]          on Review: jump to that step (Next then returns to Review)
[b]c / n / r[/]    after submitting: copy the ARN, create another, retry
[b]F1 or ?[/]      this help
[b]Ctrl+Q[/]       quit (asks first when something typed would be lost)
[b]Ctrl+C[/]       stop at once

The value stays hidden: Ctrl+R shows it for 10 s, until you move on,
and only on a terminal. It is never selectable, copied, logged or written
to disk. Pasted line breaks (CR) are stored as LF. Wait for the first
screen before typing: keys typed earlier are echoed by the terminal.

Press Esc to close."""


class HelpScreen(ModalScreen[None]):
    BINDINGS: ClassVar = [Binding("escape,f1,question_mark,q", "dismiss", "Close")]

    def compose(self) -> ComposeResult:
        with Vertical(id="help-box", classes="modal-box"):
            yield Static(HELP_TEXT)

    async def action_dismiss(self, result: None = None) -> None:
        self.dismiss(None)
