"""The generated-password form: GetRandomPassword's options, a Generate button, and a hidden result.

The password is made locally by `smtui.model.password.generate_password` (with `secrets`), held as a
SecretStr, and shown only as its length and fingerprint unless the person presses Ctrl+R (see `reveal`: a key,
never a Tab stop; hidden again when the focus leaves the form and after REVEAL_SECONDS; refused when the UI
is not on a terminal). Revealed or not, the result can never be selected with the mouse or copied: its
widget opts out of Textual's text selection and gives no text to a selection that reaches it anyway (the
screen's copy, Ctrl+C, OSC 52). A generated value needs no confirmation: nobody typed it, so nobody
mistyped it. Changing an option does not regenerate on its own; the person presses Generate again, so the
value never changes behind their back.
"""

from __future__ import annotations

from typing import Any, ClassVar

from pydantic import SecretStr
from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.selection import Selection
from textual.timer import Timer
from textual.widgets import Button, Checkbox, Input, Label, Static

from smtui.draft import ValueOrigin
from smtui.errors import Issue, ParameterError
from smtui.model.password import DEFAULT_LENGTH, PasswordOptions, generate_password
from smtui.model.value import describe_value
from smtui.widgets import reveal
from smtui.widgets.secret_form import SecretForm
from smtui.widgets.styled_text import plain as plain_text

_FLAGS: tuple[tuple[str, str, bool], ...] = (
    ("ExcludeUppercase", "No A-Z", False),
    ("ExcludeLowercase", "No a-z", False),
    ("ExcludeNumbers", "No 0-9", False),
    ("ExcludePunctuation", "No punctuation", False),
    ("IncludeSpace", "Space", False),
    ("RequireEachIncludedType", "One of each", True),
)


class GeneratedResult(Static):
    """Where the result is drawn: never selectable, and it yields no text to a selection or a copy."""

    ALLOW_SELECT = False

    def get_selection(self, selection: Selection) -> tuple[str, str] | None:
        return None


class PasswordGeneratorForm(SecretForm):
    """Options, Generate, and the result as a summary (or the password itself while revealed)."""

    FORM = "generated"
    BINDINGS: ClassVar = [Binding(reveal.REVEAL_KEY, "toggle_reveal", "Reveal", show=False, id="reveal")]
    NOT_YET: ClassVar[str] = "[dim]No password yet: choose the options and press Generate.[/]"

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._secret: SecretStr | None = None
        self._options_issues: list[Issue] = []
        self.revealed = False
        self._hide_timer: Timer | None = None

    def compose(self) -> ComposeResult:
        with Horizontal(classes="pw-row"):
            yield Label("Length")
            yield Input(str(DEFAULT_LENGTH), id="pw-length", type="integer", classes="pw-length")
            yield Label("Exclude characters")
            yield Input("", id="pw-exclude", placeholder="e.g. \"'`\\", classes="pw-exclude")
        with Horizontal(classes="pw-flags"):
            for name, label, default in _FLAGS:
                yield Checkbox(label, default, id=f"pw-{name}", compact=True)
        with Horizontal(classes="secret-options"):
            yield Button("Generate", id="pw-generate", variant="primary", compact=True)
        yield GeneratedResult(self.NOT_YET, id="pw-result")

    def options_data(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            name: self.query_one(f"#pw-{name}", Checkbox).value for name, _label, _default in _FLAGS
        }
        length = self.query_one("#pw-length", Input).value.strip()
        data["PasswordLength"] = length or DEFAULT_LENGTH
        data["ExcludeCharacters"] = self.query_one("#pw-exclude", Input).value
        return data

    def generate(self) -> bool:
        """A new password from the options; False (the reason in form_issues) when they are impossible."""
        try:
            self._secret = generate_password(PasswordOptions.parse(self.options_data()))
        except ParameterError as exc:
            self._options_issues = list(exc.issues)
            self.post_message(self.Changed(self))
            return False
        self._options_issues = []
        self._show()
        self.post_message(self.Changed(self))
        return True

    def _show(self) -> None:
        result = self.query_one("#pw-result", GeneratedResult)
        if self._secret is None:
            result.update(self.NOT_YET)
            return
        plain = self._secret.get_secret_value()
        if self.revealed:  # as data, never markup: a password's `[` must not be parsed (nor quoted in an error)
            result.update(plain_text(plain, "bold"))
        else:
            summary = describe_value(plain)
            result.update(
                plain_text(
                    f"Generated: {len(plain)} characters · {summary.fingerprint} (hidden; Ctrl+R shows it for 10 s)"
                )
            )

    def action_toggle_reveal(self) -> None:
        """Ctrl+R: show the password (on a terminal only, for REVEAL_SECONDS at most), or hide it again."""
        if self.revealed:
            self.hide()
        elif self._secret is not None and reveal.may_reveal(self.app):
            self.revealed = True
            self._hide_timer = self.set_timer(reveal.REVEAL_SECONDS, self.hide)
            self._show()

    def hide(self) -> None:
        """Back to the summary (its timer, focus leaving the form, wipe)."""
        if self._hide_timer is not None:
            self._hide_timer.stop()
            self._hide_timer = None
        if self.revealed:
            self.revealed = False
            self._show()

    def on_descendant_blur(self, event: events.DescendantBlur) -> None:
        self.call_after_refresh(self._hide_if_focus_left)

    def _hide_if_focus_left(self) -> None:
        focused = self.app.focused
        if focused is None or self not in focused.ancestors:
            self.hide()

    @on(Button.Pressed, "#pw-generate")
    def _generate(self, event: Button.Pressed) -> None:
        event.stop()
        self.generate()

    @on(Checkbox.Changed)
    @on(Input.Changed)
    def _option_changed(self, event: Checkbox.Changed | Input.Changed) -> None:
        event.stop()

    def current_value(self) -> str | None:
        return self._secret.get_secret_value() if self._secret is not None else None

    def origin(self) -> ValueOrigin:
        return "generated"

    def form_issues(self) -> list[Issue]:
        if self._options_issues:
            return list(self._options_issues)
        return []

    def load(self, value: str | bytes, origin: ValueOrigin) -> None:
        text = value if isinstance(value, str) else value.decode("utf-8", "replace")
        self._secret = SecretStr(text) if text else None
        self._show()

    def wipe(self) -> None:
        self._secret = None
        self.hide()
        self._show()

    def focus_first(self) -> None:
        self.query_one("#pw-generate", Button).focus()
