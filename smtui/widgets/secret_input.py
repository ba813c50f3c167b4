"""A single-line masked field for a secret, and the Value step's single-line form built on it.

Why not a plain `Input(password=True)`: Textual's password Input still copies and cuts its plaintext to
`app.clipboard` and to the terminal's clipboard (OSC 52), and lets the screen's text selection read it.
`SecretInput` blocks copy and cut (always: the value must never reach a clipboard, revealed or not), opts
out of text selection, and records whether its content came from a paste, so a hand-typed value can be
confirmed by typing it again while a pasted one is not (a paste cannot be mistyped).

A paste of several lines is refused here rather than cut to its first line (Textual's behaviour): the
person is told to use the multi-line form, so no line is ever dropped silently. A single pasted line keeps its
trailing line break, for the Value step to point out (Keep / Trim) instead of dropping it unseen. Line breaks
follow the one paste rule (`paste_rule`: CR and CR LF become LF). A paste replaces the whole field, as in the
multi-line box: a second paste (a password manager's auto-fill run twice) must not make the two one value. A
paste larger than a secret value's maximum is refused by the same rule before anything else looks at it: the
field is left as it was and the step says why (`refuse_too_large`); an Input holding 64 MiB froze the UI for
many minutes. Typing is not bounded here: no one types 64 KiB, and the step reports a value over the limit.

Reveal (see `reveal`): Ctrl+R only, never a Tab stop; hidden again when the field loses focus and after
REVEAL_SECONDS; refused when the UI is not on a terminal.
"""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.message import Message
from textual.selection import Selection
from textual.timer import Timer
from textual.widget import Widget
from textual.widgets import Input, Label

from smtui.draft import ValueOrigin
from smtui.errors import Issue
from smtui.widgets import reveal
from smtui.widgets.paste_rule import pasted_value, too_large_message
from smtui.widgets.secret_form import SecretForm

_VISIBLE = str.maketrans({"\n": "↵", "\r": "␍", "\t": "→", "\x00": "␀", "\ufeff": "␣"})
COPY_BLOCKED = "Copying a secret is disabled: it must never reach a clipboard."
REPLACED = "The paste replaced what the field held (a paste never adds to a value)."


def refuse_too_large(widget: Widget) -> None:
    """Tell the person a paste was refused for its size: every value widget reports it alike, on the step."""
    widget.notify(too_large_message(), title="Paste refused", severity="error", timeout=8)


class SecretInput(Input):
    """A masked `Input` that never copies, never cuts, and knows whether it was typed or pasted."""

    ALLOW_SELECT = False  # the screen's mouse selection must not read this widget
    BINDINGS: ClassVar = [
        Binding("ctrl+x", "cut", "Cut (disabled)", show=False),
        Binding("ctrl+c,super+c", "copy", "Copy (disabled)", show=False),
        Binding(reveal.REVEAL_KEY, "toggle_reveal", "Reveal", show=False, id="reveal"),
    ]

    class MultilinePaste(Message):
        """A paste of several lines arrived; it was not inserted (the multi-line form keeps every line)."""

        def __init__(self, secret_input: SecretInput, line_count: int) -> None:
            super().__init__()
            self.secret_input, self.line_count = secret_input, line_count

    def __init__(self, *, placeholder: str = "", id: str | None = None, classes: str | None = None) -> None:
        super().__init__(placeholder=placeholder, password=True, id=id, classes=classes)
        self.was_pasted = False
        self.breaks_changed = 0  # line breaks the last paste had as CR / CR LF (stored as LF)
        self._hide_timer: Timer | None = None

    def get_selection(self, selection: Selection) -> tuple[str, str] | None:
        """No text for the screen's selection (its copy, OSC 52), even if one reaches this widget."""
        return None

    # The value never leaves: no copy, no cut, revealed or not. ----------------------------------------------
    def action_copy(self) -> None:
        self.notify(COPY_BLOCKED, severity="warning", timeout=3)

    def action_cut(self) -> None:
        self.notify(COPY_BLOCKED, severity="warning", timeout=3)

    def action_toggle_reveal(self) -> None:
        """Ctrl+R: show the value (on a terminal only, for REVEAL_SECONDS at most), or hide it again."""
        if not self.password:
            self.hide()
        elif reveal.may_reveal(self.app):
            self.password = False
            self._hide_timer = self.set_timer(reveal.REVEAL_SECONDS, self.hide)

    def hide(self) -> None:
        """Mask the value again (its timer, focus leaving, wipe)."""
        if self._hide_timer is not None:
            self._hide_timer.stop()
            self._hide_timer = None
        self.password = True

    def _on_blur(self, event: events.Blur) -> None:
        self.hide()  # a revealed value never stays on screen once the person has moved on

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
        """One line goes in as pasted, replacing the field, a trailing line break included (the Value step
        then offers Keep / Trim: nothing is trimmed silently); several lines are refused, never cut; more
        than a value's maximum is refused, nothing kept."""
        stored = pasted_value(text)
        if stored is None:
            refuse_too_large(self)
            return
        text, changed = stored
        lines = text.rstrip("\n").split("\n")
        if len(lines) > 1:
            self.post_message(self.MultilinePaste(self, len(lines)))
        elif text:
            if self.value:
                self.notify(REPLACED, timeout=4)
            self.breaks_changed = changed
            self._insert_pasted(text)

    async def _on_key(self, event: events.Key) -> None:
        # Runs before Input's own handler (which inserts the character): a value with typed characters in
        # it is a typed value and gets confirmed, even if it began as a paste.
        if event.is_printable:
            self.was_pasted = False

    def _insert_pasted(self, text: str) -> None:
        self.value = text
        self.cursor_position = len(text)
        self.was_pasted = True  # after the value: watch_value starts over on an empty value only

    def watch_value(self, value: str) -> None:
        # Emptying the field starts over: what is typed next is typed, not pasted.
        if not value:
            self.was_pasted = False
            self.breaks_changed = 0

    def wipe(self) -> None:
        """Drop the content (on submit, cancel, or leaving the step)."""
        self.value = ""
        self.hide()
        self.was_pasted = False
        self.breaks_changed = 0


class SingleLineForm(SecretForm):
    """One masked line; a hand-typed value is typed twice, a pasted or generated one is not. Ctrl+R reveals the
    focused field (there is no Reveal checkbox: a Tab stop must never show the value)."""

    FORM = "single"

    def compose(self) -> ComposeResult:
        yield Label("Secret value (hidden; Ctrl+R shows it for 10 s; paste with your terminal's paste)")
        yield SecretInput(placeholder="type or paste the value", id="single-value")
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
        self.notify(
            f"That paste has {event.line_count} lines; this field holds one line. Choose "
            "“Multi-line” to keep every line.",
            severity="warning",
            timeout=6,
        )

    # SecretForm ---------------------------------------------------------------------------------------------
    def current_value(self) -> str | None:
        return self._value_input.value or None

    def origin(self) -> ValueOrigin:
        return "typed" if self.needs_confirmation() else "pasted"

    def breaks_changed(self) -> int:
        return self._value_input.breaks_changed

    def form_issues(self) -> list[Issue]:
        if self.needs_confirmation() and self._confirm_input.value != self._value_input.value:
            what = "is empty" if not self._confirm_input.value else "does not match"
            return [Issue("SecretString", f"The confirmation {what}: type the same value twice (or paste it).")]
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
        self._sync_confirm()

    def focus_first(self) -> None:
        self._value_input.focus()
