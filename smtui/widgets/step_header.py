"""The line at the top of every step that tells a person where they are: `3/7 · Encryption`."""

from __future__ import annotations

from textual.widgets import Static


class StepHeader(Static):
    """`N/TOTAL · Title`, and the target the secret goes to (so nobody creates it in the wrong place)."""

    def __init__(self, number: int, total: int, title: str, target: str = "") -> None:
        super().__init__(id="step-header")
        self.number, self.total, self.title, self.target = number, total, title, target
        self.update(self._text())

    def _text(self) -> str:
        where = f"  [dim]→ {self.target}[/]" if self.target else ""
        return f"[b]{self.number}/{self.total} · {self.title}[/]{where}"

    def set_target(self, target: str) -> None:
        self.target = target
        self.update(self._text())
