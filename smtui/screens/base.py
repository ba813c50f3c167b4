"""What every wizard step shares: where the person is, what the choice means, Back/Next, help, the backend.

CONTRACT for step screens (the value step, `screens/value.py`, follows it too):
- subclass `StepScreen`, set `STEP` (an id of `smtui.app.STEPS`) and `INTRO` (one or two plain sentences);
- yield the step's own widgets from `compose_body()`; read the starting state from `self.draft` there or on
  mount;
- `save() -> bool` copies the widgets into `self.draft` (always, even when invalid, so Back never loses
  anything) and returns False when the step must not be left forward (the inline issue is already shown);
- `backend_ready()` is called on mount when the backend is open and again whenever it changes: start workers
  there.
- Textual calls `on_mount`/`on_*` handlers of every class along the MRO: define your own without calling
  super(). Rules are never written here: validity comes from `smtui.model.validate_field`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar, cast

from rich.markup import escape
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Footer, Input, Static

from smtui.widgets.issues import IssueLabel
from smtui.widgets.step_header import StepHeader

if TYPE_CHECKING:
    from smtui.app import SmtuiApp
    from smtui.draft import Draft
    from smtui.errors import SmtuiError


class BackendChanged(Message):
    """The app opened (or failed to open) a backend; the current step may (re)start its background loads."""


class StepScreen(Screen[None]):
    STEP: ClassVar[str] = ""
    INTRO: ClassVar[str] = ""
    _step_failure: SmtuiError | None = None  # the error this step was opened to fix (shown as #step-error)

    BINDINGS: ClassVar = [
        Binding("escape", "back", "Back", id="back", tooltip="The previous step; nothing typed is lost."),
        Binding("ctrl+n", "next", "Next", id="next", tooltip="Check this step and go to the next one."),
        Binding("f1,question_mark", "app.help", "Help", id="help"),
    ]

    def compose(self) -> ComposeResult:
        number, title = self.wizard.step_position(self.STEP)
        yield StepHeader(number, self.wizard.step_count, title, self.wizard.target_line())
        with VerticalScroll(id="step-body"):
            yield Static(self.INTRO, classes="intro")
            # Only when there is a failure to show: one widget less on every step (and before the first frame).
            self._step_failure = self.wizard.take_failure(self.STEP)
            if self._step_failure is not None:
                yield IssueLabel(id="step-error")
            yield from self.compose_body()
        yield Footer()

    def compose_body(self) -> ComposeResult:
        yield from ()

    def on_mount(self) -> None:
        failure = self._step_failure
        if failure is not None:
            text = f"[b]{escape(failure.code or 'Error')}[/]: {escape(failure.message)}"
            if failure.hint:
                text += f"\n{escape(failure.hint)}"
            self.query_one("#step-error", IssueLabel).show_text(text, error=True)
        if not self.wizard.cursor_blink:  # snapshots and screenshots need a still cursor
            for widget in self.query(Input):
                widget.cursor_blink = False
        if self.wizard.backend is not None:
            self.backend_ready()

    def on_backend_changed(self, _event: BackendChanged) -> None:
        self.query_one(StepHeader).set_target(self.wizard.target_line())
        if self.wizard.backend is not None:
            self.backend_ready()

    # hooks --------------------------------------------------------------------------------------------------
    def save(self) -> bool:
        """Copy the widgets into the draft; False keeps the person on this step."""
        return True

    def backend_ready(self) -> None:
        """The backend is open: start this step's background loads."""

    # helpers ------------------------------------------------------------------------------------------------
    @property
    def wizard(self) -> SmtuiApp:
        return cast("SmtuiApp", self.app)

    @property
    def draft(self) -> Draft:
        return self.wizard.draft

    def action_next(self) -> None:
        if self.save():
            self.wizard.next_step(self.STEP)

    def action_back(self) -> None:
        self.save()
        self.wizard.previous_step(self.STEP)
