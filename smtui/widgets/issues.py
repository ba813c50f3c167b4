"""Inline messages under a field: the model's issues (errors and warnings) in the model's own words.

Screens never phrase a rule themselves; they show what `smtui.model.validate_field` returned.
"""

from __future__ import annotations

from collections.abc import Sequence

from textual.content import Content
from textual.widgets import Static

from smtui.errors import Issue
from smtui.widgets.styled_text import lines, plain


class IssueLabel(Static):
    """Shows zero or more issues; empty (and hidden by CSS) when there are none."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__("", id=id, classes="issues")
        self.issues: tuple[Issue, ...] = ()

    def show_issues(self, issues: Sequence[Issue]) -> None:
        self.issues = tuple(issues)
        self.update(lines(f"{'✗' if i.severity == 'error' else '!'} {i.message}" for i in self.issues))
        self.set_class(any(i.severity == "error" for i in self.issues), "-error")
        self.set_class(bool(self.issues) and not self.has_class("-error"), "-warning")
        self.remove_class("-ok")
        self.display = bool(self.issues)

    def show_text(self, text: str | Content, *, error: bool = False, ok: bool = False) -> None:
        """A status line (e.g. the result of the background name check): a str is shown as it is (never
        parsed as markup); styled text comes as Content (smtui.widgets.styled_text)."""
        self.issues = ()
        self.update(plain(text) if isinstance(text, str) else text)
        self.set_class(error, "-error")
        self.set_class(ok and not error, "-ok")
        self.set_class(not error and not ok, "-warning")
        self.display = bool(text)

    @property
    def has_errors(self) -> bool:
        return any(i.severity == "error" for i in self.issues)
