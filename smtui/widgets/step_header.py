"""The line at the top of every step that tells a person where they are: `3/7 · Encryption`."""

from __future__ import annotations

from textual.content import Content
from textual.widgets import Static

from smtui.widgets.styled_text import assemble


class StepHeader(Static):
    """`N/TOTAL · Title`, and the target the secret goes to (so nobody creates it in the wrong place)."""

    def __init__(self, number: int, total: int, title: str, target: str = "") -> None:
        super().__init__(id="step-header")
        self.number, self.total, self.title, self.target = number, total, title, target
        self.update(self._text())

    def _text(self) -> Content:
        """The target line holds what the person typed (region, profile): plain text, never markup."""
        where = ("→ " + self.target, "dim") if self.target else ""
        return assemble((f"{self.number}/{self.total} · {self.title}", "bold"), "  " if where else "", where)

    def set_target(self, target: str) -> None:
        self.target = target
        self.update(self._text())
