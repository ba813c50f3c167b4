"""The interface every value form of the Value step shares, so the screen treats the five forms alike.

A form holds the plaintext only inside its own widgets, hands it out through `current_value()` for the
moment the screen needs it (summary, hygiene, saving to the draft), and drops it in `wipe()`.
Form-specific problems (a confirmation that does not match, a duplicate key, impossible password options)
come from `form_issues()`; the request rules (size, emptiness) are not here: the screen asks the model.
"""

from __future__ import annotations

from typing import ClassVar

from textual.containers import Vertical
from textual.message import Message

from smtui.draft import ValueForm, ValueOrigin
from smtui.errors import Issue
from smtui.model.value import Finding, hygiene_findings


class SecretForm(Vertical):
    """Base of the value forms; subclasses override every method below."""

    FORM: ClassVar[ValueForm] = "single"

    class Changed(Message):
        """The form's value changed (typed, pasted, loaded, generated, cleared); carries no value."""

        def __init__(self, form: SecretForm) -> None:
            super().__init__()
            self.form = form

    def current_value(self) -> str | bytes | None:
        """The value as it stands, or None when there is none yet. Callers must not keep it."""
        raise NotImplementedError

    def origin(self) -> ValueOrigin:
        raise NotImplementedError

    def form_issues(self) -> list[Issue]:
        """Problems particular to this form that keep the person on the step."""
        return []

    def load(self, value: str | bytes, origin: ValueOrigin) -> None:
        """Show a value the draft already holds (coming back to the step)."""
        raise NotImplementedError

    def findings(self) -> list[tuple[str, Finding]]:
        """Hygiene warnings as (part, finding): part "" is the whole value, anything else a part of the
        form (a key/value row), so a warning can name and fix the one value it is about."""
        value = self.current_value()
        return [] if value is None else [("", f) for f in hygiene_findings(value)]

    def breaks_changed(self) -> int:
        """How many CR / CR LF line breaks of the pastes now in the form were stored as LF (the paste rule)."""
        return 0

    def part_label(self, part: str) -> str:
        """How a warning names its part (`Row 2's value: `); empty for the whole value."""
        return ""

    def apply_trim(self, part: str, finding: Finding) -> None:
        """The person pressed Trim on `finding`: fix that one problem in that part."""
        value = self.current_value()
        if value is not None:
            self.replace_value(finding.trim(value))

    def replace_value(self, value: str | bytes) -> None:
        """Put in a value the person chose to fix (a hygiene Trim)."""
        self.load(value, self.origin())

    def wipe(self) -> None:
        """Drop every copy of the value this form holds."""
        raise NotImplementedError

    def focus_first(self) -> None:
        self.focus()
