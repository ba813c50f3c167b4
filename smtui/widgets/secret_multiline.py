"""A masked multi-line capture for PEM keys, certificates and other pasted blocks.

Textual's password Input keeps only the first line of a paste, and TextArea cannot mask, so this widget takes
a bracketed paste WHOLE (every line, the final newline included) and shows only a summary of it: lines, bytes,
what it looks like and a short fingerprint. The text itself is never rendered. Keys typed while it has focus
are appended too (Enter and Ctrl+J add a line break, Backspace removes the last character), for terminals
without bracketed paste. A new paste replaces the content; Clear empties it. A paste's line breaks follow the
one paste rule (`paste_rule`): terminals send them as CR, and CR LF or a lone CR is stored as LF, so a pasted
PEM key stays a PEM key. A paste larger than a secret value's maximum is refused by the same rule before it
is wrapped, described or fingerprinted: the box keeps what it had and the step says why.
"""

from __future__ import annotations

from typing import ClassVar

from pydantic import SecretStr
from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.message import Message
from textual.selection import Selection
from textual.widgets import Button, Label, Static

from smtui.draft import ValueOrigin
from smtui.model.value import describe_value
from smtui.widgets.paste_rule import pasted_value
from smtui.widgets.secret_form import SecretForm
from smtui.widgets.secret_input import refuse_too_large

EMPTY_TEXT = (
    "[dim]Nothing here yet. Focus this box and paste with your terminal (often Ctrl+Shift+V or "
    "right-click → Paste): every line is kept, none is shown.[/]"
)


class PasteBox(Static, can_focus=True):
    """Holds a multi-line secret in a SecretStr and renders only its summary."""

    ALLOW_SELECT = False
    BINDINGS: ClassVar = [
        Binding("ctrl+c,super+c,ctrl+x", "blocked", show=False),
        Binding("ctrl+u", "clear", "Clear", show=False),
    ]

    class Changed(Message):
        def __init__(self, box: PasteBox) -> None:
            super().__init__()
            self.box = box

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(EMPTY_TEXT, id=id)
        self._secret = SecretStr("")
        self.was_pasted = False
        self.breaks_changed = 0  # line breaks the last paste had as CR / CR LF (stored as LF)

    def get_selection(self, selection: Selection) -> tuple[str, str] | None:
        """No text for the screen's selection (its copy, OSC 52), even if one reaches this widget."""
        return None

    @property
    def text(self) -> str:
        return self._secret.get_secret_value()

    def set_text(self, text: str, *, pasted: bool) -> None:
        self._secret = SecretStr(text)
        self.was_pasted = pasted if text else False
        if not text:
            self.breaks_changed = 0
        self.update(describe_value(text).one_line() if text else EMPTY_TEXT)
        self.post_message(self.Changed(self))

    def _on_paste(self, event: events.Paste) -> None:
        event.prevent_default()
        event.stop()
        if not event.text:
            return
        stored = pasted_value(event.text)
        if stored is None:
            refuse_too_large(self)  # nothing kept: the box holds what it held
            return
        text, self.breaks_changed = stored
        self.set_text(text, pasted=True)  # a new paste replaces: "replace" is just paste again

    async def _on_key(self, event: events.Key) -> None:
        if event.key in ("enter", "ctrl+j"):  # Ctrl+J is the LF byte: a line break, never dropped
            self.set_text(self.text + "\n", pasted=self.was_pasted)
        elif event.key == "backspace":
            self.set_text(self.text[:-1], pasted=self.was_pasted)
        elif event.is_printable and event.character:
            self.set_text(self.text + event.character, pasted=self.was_pasted)
        else:
            return
        event.stop()
        event.prevent_default()

    def action_blocked(self) -> None:
        self.notify("Copying a secret is disabled: it must never reach a clipboard.", severity="warning")

    def action_clear(self) -> None:
        self.set_text("", pasted=False)


class MultilineForm(SecretForm):
    """The Value step's multi-line form: a paste box, its summary, and Clear."""

    FORM = "multiline"

    def compose(self) -> ComposeResult:
        yield Label("Multi-line value (PEM key, certificate, JSON…): paste it into the box below")
        yield PasteBox(id="multiline-box")
        with Horizontal(classes="secret-options"):
            yield Button("Clear", id="multiline-clear", compact=True)

    @property
    def _box(self) -> PasteBox:
        return self.query_one("#multiline-box", PasteBox)

    @on(PasteBox.Changed)
    def _changed(self, event: PasteBox.Changed) -> None:
        event.stop()
        self.post_message(self.Changed(self))

    @on(Button.Pressed, "#multiline-clear")
    def _clear(self, event: Button.Pressed) -> None:
        event.stop()
        self._box.action_clear()
        self._box.focus()

    def current_value(self) -> str | None:
        return self._box.text or None

    def origin(self) -> ValueOrigin:
        return "pasted" if self._box.was_pasted or not self._box.text else "typed"

    def breaks_changed(self) -> int:
        return self._box.breaks_changed

    def load(self, value: str | bytes, origin: ValueOrigin) -> None:
        text = value if isinstance(value, str) else value.decode("utf-8", "replace")
        self._box.set_text(text, pasted=origin != "typed")

    def wipe(self) -> None:
        self._box.set_text("", pasted=False)

    def focus_first(self) -> None:
        self._box.focus()
