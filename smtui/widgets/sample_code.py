"""Sample code to read the new secret, one tab per language, with Copy (the code, never the value).

Imported by the result screen only when a secret was created, so start-up never loads it.
"""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Button, Static, TabbedContent, TabPane

from smtui.model.sample_code import LOCAL_NOTE, Snippet, snippets
from smtui.widgets.styled_text import plain


class SampleCode(Vertical):
    """Tabs of snippets for one ARN; `copy()` puts the shown tab's code on the clipboard."""

    def __init__(self, arn: str, region: str, *, local: bool, id: str | None = None) -> None:
        super().__init__(id=id)
        self.snippets: list[Snippet] = snippets(arn, region, local=local)
        self.local = local

    def compose(self) -> ComposeResult:
        yield Static(plain("Sample code to read this secret", "bold"), classes="sample-title")
        if self.local:
            yield Static(plain(LOCAL_NOTE, "dim"), classes="note")
        with TabbedContent(id="sample-tabs"):
            for snippet in self.snippets:
                with TabPane(snippet.title, id=f"sample-{snippet.key}"):
                    yield Static(plain(snippet.code), classes="sample-code", id=f"sample-code-{snippet.key}")
        yield Button("Copy code", id="copy-code")

    @property
    def shown(self) -> Snippet:
        active = self.query_one("#sample-tabs", TabbedContent).active.removeprefix("sample-")
        return next((s for s in self.snippets if s.key == active), self.snippets[0])

    def copy(self) -> None:
        snippet = self.shown
        self.app.copy_to_clipboard(snippet.code)  # built from the ARN and region only: no value can be in it
        self.notify(f"{snippet.title} code copied to the clipboard.")

    @on(Button.Pressed, "#copy-code")
    def _copy_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.copy()
