"""An Input for fields that are not value fields (Name, Description, tags): a paste is held until confirmed.

Design ("held paste", docs/security.md, "Misplaced pastes"): a terminal paste (bracketed paste, a Textual
`Paste` event) into a GuardedInput is NOT inserted. The text is held by the widget, out of the field: it is
not drawn, the field does not change (so no Input.Changed, no name check, no DescribeSecret), nothing is
logged or saved. The widget asks with `PasteConfirmScreen` ("Pasted text in Name — keep it as the name?")
and posts `PasteHeld` for any screen that wants to know; only Keep (`accept_held()`) puts it in the field,
Discard or Escape (`discard_held()`) drops it. A screen only has to use GuardedInput instead of Input.
The question names the text only by its length and, when it looks like a secret (smtui.paste_guard), by
the shape that makes it look so — never by any of its characters.

Typed text is not held: typing is deliberate, and a person watching the field sees each character appear.
"""

from __future__ import annotations

from typing import ClassVar

from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Static

from smtui.paste_guard import secret_reason


class GuardedInput(Input):
    """An Input whose pastes wait for the person's confirmation before they count."""

    class PasteHeld(Message):
        """A paste was held; `length` and `reason` (why it looks like a secret, or None) describe it."""

        def __init__(self, field: GuardedInput, length: int, reason: str | None) -> None:
            super().__init__()
            self.field, self.length, self.reason = field, length, reason

        @property
        def control(self) -> GuardedInput:
            return self.field

    def __init__(self, *args: object, label: str = "this field", **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.label = label  # the field's name as the confirmation names it: "Name", "Description"
        self._held: str | None = None

    @property
    def holding(self) -> bool:
        return self._held is not None

    def _on_paste(self, event: events.Paste) -> None:
        # prevent_default stops Input._on_paste (Textual walks the MRO and stops at a prevented default).
        event.prevent_default()
        event.stop()
        if not event.text:
            return
        self._held = event.text
        reason = secret_reason(event.text)
        self.post_message(self.PasteHeld(self, len(event.text), reason))

        def decided(keep: bool | None) -> None:
            if keep and self.is_mounted:
                self.accept_held()  # now Input.Changed: the rules (and the name check) run on it
            else:
                self.discard_held()
            if self.is_mounted:
                self.focus()

        self.app.push_screen(PasteConfirmScreen(self.label, len(event.text), reason), decided)

    def accept_held(self) -> None:
        """The person confirmed: put the held paste in the field, as Input would have (first line only)."""
        text, self._held = self._held, None
        if not text:
            return
        lines = text.splitlines()
        line = lines[0] if lines else ""
        selection = self.selection
        if selection.is_empty:
            self.insert_text_at_cursor(line)
        else:
            self.replace(line, *selection)

    def discard_held(self) -> None:
        self._held = None


class PasteConfirmScreen(ModalScreen[bool]):
    """ "Pasted text in Name — keep it as the name?" Discard is focused first, Escape discards."""

    DEFAULT_CSS = """
    PasteConfirmScreen { align: center middle; }
    PasteConfirmScreen > Vertical { width: 70; height: auto; border: thick $warning; padding: 1 2;
                                    background: $surface; }
    PasteConfirmScreen .paste-warning { color: $warning; text-style: bold; }
    PasteConfirmScreen Horizontal { height: auto; margin-top: 1; }
    PasteConfirmScreen Button { margin-right: 2; }
    """
    BINDINGS: ClassVar = [Binding("escape", "discard", "Discard", id="discard")]

    def __init__(self, field: str, length: int, reason: str | None) -> None:
        super().__init__()
        self.field, self.length, self.reason = field, length, reason

    def compose(self) -> ComposeResult:
        what = "1 character" if self.length == 1 else f"{self.length:,} characters"
        with Vertical():
            yield Static(f"Pasted text in {self.field} — keep it as the {self.field.lower()}?", id="paste-title")
            if self.reason is not None:
                yield Static(
                    f"This looks like a secret value: {self.reason}. If it is, discard it and paste "
                    "it in the Value step, where it stays masked.",
                    classes="paste-warning",
                    id="paste-reason",
                )
            yield Static(
                f"You pasted {what}. Until you keep them they are not shown, not checked against "
                f"the target and not saved. {self.field} is not secret: it is shown on screen, sent "
                "to the service and recorded in its logs.",
                id="paste-explain",
            )
            with Horizontal():
                yield Button("Discard", id="paste-discard", variant="primary")
                yield Button(f"Keep as the {self.field.lower()}", id="paste-keep")

    def on_mount(self) -> None:
        self.query_one("#paste-discard", Button).focus()

    @on(Button.Pressed, "#paste-keep")
    def _keep(self) -> None:
        self.dismiss(True)

    @on(Button.Pressed, "#paste-discard")
    def _discard_pressed(self) -> None:
        self.dismiss(False)

    def action_discard(self) -> None:
        self.dismiss(False)
