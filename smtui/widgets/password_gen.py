"""The generated-password form: GetRandomPassword's options, a Generate button, and a hidden result.

The password is made locally by `smtui.model.password.generate_password` (with `secrets`), held as a
SecretStr, and shown only as its length and fingerprint unless the person ticks Reveal. A generated value
needs no confirmation: nobody typed it, so nobody mistyped it. Changing an option does not regenerate on its
own; the person presses Generate again, so the value never changes behind their back.
"""

from __future__ import annotations

from typing import Any, ClassVar

from pydantic import SecretStr
from rich.markup import escape
from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widgets import Button, Checkbox, Input, Label, Static

from smtui.draft import ValueOrigin
from smtui.errors import Issue, ParameterError
from smtui.model.password import DEFAULT_LENGTH, PasswordOptions, generate_password
from smtui.model.value import describe_value
from smtui.widgets.secret_form import SecretForm

_FLAGS: tuple[tuple[str, str, bool], ...] = (
    ("ExcludeUppercase", "No A-Z", False),
    ("ExcludeLowercase", "No a-z", False),
    ("ExcludeNumbers", "No 0-9", False),
    ("ExcludePunctuation", "No punctuation", False),
    ("IncludeSpace", "Space", False),
    ("RequireEachIncludedType", "One of each", True),
)


class PasswordGeneratorForm(SecretForm):
    """Options, Generate, and the result as a summary (or the password itself when revealed)."""

    FORM = "generated"
    NOT_YET: ClassVar[str] = "[dim]No password yet: choose the options and press Generate.[/]"

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._secret: SecretStr | None = None
        self._options_issues: list[Issue] = []

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
            yield Checkbox("Reveal", False, id="pw-reveal", compact=True)
        yield Static(self.NOT_YET, id="pw-result")

    def options_data(self) -> dict[str, Any]:
        data: dict[str, Any] = {name: self.query_one(f"#pw-{name}", Checkbox).value
                                for name, _label, _default in _FLAGS}
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
        result = self.query_one("#pw-result", Static)
        if self._secret is None:
            result.update(self.NOT_YET)
            return
        plain = self._secret.get_secret_value()
        if self.query_one("#pw-reveal", Checkbox).value:
            result.update(f"[b]{escape(plain)}[/]")
        else:
            summary = describe_value(plain)
            result.update(f"Generated: {len(plain)} characters · {summary.fingerprint} (hidden; tick Reveal)")

    @on(Button.Pressed, "#pw-generate")
    def _generate(self, event: Button.Pressed) -> None:
        event.stop()
        self.generate()

    @on(Checkbox.Changed, "#pw-reveal")
    def _reveal(self, event: Checkbox.Changed) -> None:
        event.stop()
        self._show()

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
        self.query_one("#pw-reveal", Checkbox).value = False
        self._show()

    def focus_first(self) -> None:
        self.query_one("#pw-generate", Button).focus()
