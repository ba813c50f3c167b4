"""Inline messages under a field: the model's issues (errors and warnings) in the model's own words.

Screens never phrase a rule themselves; they show what `smtui.model.validate_field` returned.
"""

from __future__ import annotations

from collections.abc import Sequence

from rich.markup import escape
from textual.widgets import Static

from smtui.errors import Issue


class IssueLabel(Static):
    """Shows zero or more issues; empty (and hidden by CSS) when there are none."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__("", id=id, classes="issues")
        self.issues: tuple[Issue, ...] = ()

    def show_issues(self, issues: Sequence[Issue]) -> None:
        self.issues = tuple(issues)
        lines = []
        for issue in self.issues:
            mark = "✗" if issue.severity == "error" else "!"
            lines.append(f"{mark} {escape(issue.message)}")
        self.update("\n".join(lines))
        self.set_class(any(i.severity == "error" for i in self.issues), "-error")
        self.set_class(bool(self.issues) and not self.has_class("-error"), "-warning")
        self.remove_class("-ok")
        self.display = bool(self.issues)

    def show_text(self, text: str, *, error: bool = False, ok: bool = False) -> None:
        """A plain status line (e.g. the result of the background name check); `text` is markup."""
        self.issues = ()
        self.update(text)
        self.set_class(error, "-error")
        self.set_class(ok and not error, "-ok")
        self.set_class(not error and not ok, "-warning")
        self.display = bool(text)

    @property
    def has_errors(self) -> bool:
        return any(i.severity == "error" for i in self.issues)
