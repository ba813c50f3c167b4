"""A single-line masked field for a secret, and the Value step's single-line form built on it.

Why not a plain `Input(password=True)`: Textual's password Input still copies and cuts its plaintext to
`app.clipboard` and to the terminal's clipboard (OSC 52), and lets the screen's text selection read it.
`SecretInput` blocks copy and cut (always: the value must never reach a clipboard, revealed or not), opts
out of text selection, and records whether its content came from a paste, so a hand-typed value can be
confirmed by typing it again while a pasted one is not (a paste cannot be mistyped).

A paste of several lines is refused here rather than cut to its first line (Textual's behaviour): the
person is told to use the multi-line form, so no line is ever dropped silently. A single pasted line keeps its
trailing line break, for the Value step to point out (Keep / Trim) instead of dropping it unseen.
"""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.message import Message
from textual.widgets import Checkbox, Input, Label

from smtui.draft import ValueOrigin
from smtui.errors import Issue
from smtui.widgets.secret_form import SecretForm

_VISIBLE = str.maketrans({"\n": "↵", "\r": "␍", "\t": "→", "\x00": "␀", "\ufeff": "␣"})
COPY_BLOCKED = "Copying a secret is disabled: it must never reach a clipboard."


class SecretInput(Input):
    """A masked `Input` that never copies, never cuts, and knows whether it was typed or pasted."""

    ALLOW_SELECT = False  # the screen's mouse selection must not read this widget
    BINDINGS: ClassVar = [
        Binding("ctrl+x", "cut", "Cut (disabled)", show=False),
        Binding("ctrl+c,super+c", "copy", "Copy (disabled)", show=False),
        Binding("ctrl+r", "toggle_reveal", "Reveal", show=False, id="reveal"),
    ]

    class MultilinePaste(Message):
        """A paste of several lines arrived; it was not inserted (the multi-line form keeps every line)."""

        def __init__(self, secret_input: SecretInput, line_count: int) -> None:
            super().__init__()
            self.secret_input, self.line_count = secret_input, line_count

    def __init__(self, *, placeholder: str = "", id: str | None = None,
                 classes: str | None = None) -> None:
        super().__init__(placeholder=placeholder, password=True, id=id, classes=classes)
        self.was_pasted = False

    # The value never leaves: no copy, no cut, revealed or not. ----------------------------------------------
    def action_copy(self) -> None:
        self.notify(COPY_BLOCKED, severity="warning", timeout=3)

    def action_cut(self) -> None:
        self.notify(COPY_BLOCKED, severity="warning", timeout=3)

    def action_toggle_reveal(self) -> None:
        self.password = not self.password

    @property
    def _value(self) -> Text:
        """Revealed, invisible characters are drawn as visible symbols (one cell each, so the cursor stays
        aligned): a pasted line break must not break the field's drawing, and should be seen."""
        if self.password:
            return super()._value
        return Text(self.value.translate(_VISIBLE), no_wrap=True, overflow="ignore", end="")

    # Paste: mark the origin; refuse several lines rather than keep only the first. --------------------------
    def _on_paste(self, event: events.Paste) -> None:
        event.prevent_default()  # Textual's Input would keep only the first line
        event.stop()
        self._paste(event.text)

    def action_paste(self) -> None:
        """Ctrl+V pastes the app's own clipboard (never holding a secret): treat it as a paste as well."""
        self._paste(self.app.clipboard)

    def _paste(self, text: str) -> None:
        """One line goes in as pasted, a trailing line break included (the Value step then offers Keep /
        Trim: nothing is trimmed silently); several lines are refused, never cut to the first."""
        lines = text.rstrip("\r\n").splitlines()
        if len(lines) > 1:
            self.post_message(self.MultilinePaste(self, len(lines)))
        elif text:
            self._insert_pasted(text)

    async def _on_key(self, event: events.Key) -> None:
        # Runs before Input's own handler (which inserts the character): a value with typed characters in
        # it is a typed value and gets confirmed, even if it began as a paste.
        if event.is_printable:
            self.was_pasted = False

    def _insert_pasted(self, text: str) -> None:
        self.was_pasted = True
        start, end = self.selection
        self.replace(text, start, end)

    def watch_value(self, value: str) -> None:
        # Emptying the field starts over: what is typed next is typed, not pasted.
        if not value:
            self.was_pasted = False

    def wipe(self) -> None:
        """Drop the content (on submit, cancel, or leaving the step)."""
        self.value = ""
        self.password = True
        self.was_pasted = False


class SingleLineForm(SecretForm):
    """One masked line; a hand-typed value is typed twice, a pasted or generated one is not."""

    FORM = "single"

    def compose(self) -> ComposeResult:
        yield Label("Secret value (hidden as you type; paste with your terminal's paste)")
        yield SecretInput(placeholder="type or paste the value", id="single-value")
        with Horizontal(classes="secret-options"):
            yield Checkbox("Reveal", id="single-reveal", value=False, compact=True)
        yield Label("Type it again to confirm", id="single-confirm-label")
        yield SecretInput(placeholder="the same value again", id="single-confirm")

    def on_mount(self) -> None:
        self._sync_confirm()

    @property
    def _value_input(self) -> SecretInput:
        return self.query_one("#single-value", SecretInput)

    @property
    def _confirm_input(self) -> SecretInput:
        return self.query_one("#single-confirm", SecretInput)

    def needs_confirmation(self) -> bool:
        value = self._value_input
        return bool(value.value) and not value.was_pasted

    def _sync_confirm(self) -> None:
        show = self.needs_confirmation()
        self.query_one("#single-confirm-label").display = show
        self._confirm_input.display = show

    @on(Checkbox.Changed, "#single-reveal")
    def _reveal(self, event: Checkbox.Changed) -> None:
        event.stop()
        self._value_input.password = not event.value
        self._confirm_input.password = not event.value

    @on(Input.Changed, "#single-value")
    def _value_changed(self, event: Input.Changed) -> None:
        event.stop()
        self._sync_confirm()
        self.post_message(self.Changed(self))

    @on(Input.Changed, "#single-confirm")
    def _confirm_changed(self, event: Input.Changed) -> None:
        event.stop()

    @on(Input.Submitted, "#single-value")
    def _value_submitted(self, event: Input.Submitted) -> None:
        if self.needs_confirmation():
            event.stop()
            self._confirm_input.focus()

    @on(SecretInput.MultilinePaste)
    def _multiline(self, event: SecretInput.MultilinePaste) -> None:
        event.stop()
        self.notify(f"That paste has {event.line_count} lines; this field holds one line. Choose "
                    "“Multi-line” to keep every line.", severity="warning", timeout=6)

    # SecretForm ---------------------------------------------------------------------------------------------
    def current_value(self) -> str | None:
        return self._value_input.value or None

    def origin(self) -> ValueOrigin:
        return "typed" if self.needs_confirmation() else "pasted"

    def form_issues(self) -> list[Issue]:
        if self.needs_confirmation() and self._confirm_input.value != self._value_input.value:
            what = "is empty" if not self._confirm_input.value else "does not match"
            return [Issue("SecretString",
                          f"The confirmation {what}: type the same value twice (or paste it).")]
        return []

    def load(self, value: str | bytes, origin: ValueOrigin) -> None:
        text = value if isinstance(value, str) else value.decode("utf-8", "replace")
        self._value_input.value = text
        self._value_input.was_pasted = origin != "typed"
        self._confirm_input.value = text if origin == "typed" else ""  # confirmed already when it was saved
        self._sync_confirm()

    def replace_value(self, value: str | bytes) -> None:
        pasted = self._value_input.was_pasted
        text = value if isinstance(value, str) else value.decode("utf-8", "replace")
        self._value_input.value = text
        self._value_input.was_pasted = pasted
        if self.needs_confirmation():
            self._confirm_input.value = text  # a trim the person chose is not a typing mistake
        self._sync_confirm()

    def wipe(self) -> None:
        self._value_input.wipe()
        self._confirm_input.wipe()
        self.query_one("#single-reveal", Checkbox).value = False
        self._sync_confirm()

    def focus_first(self) -> None:
        self._value_input.focus()
