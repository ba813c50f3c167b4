"""What every wizard step shares: where the person is, what the choice means, Back/Next, help, the backend.

What a step screen does (the value step, `screens/value.py`, follows it too):
- subclass `StepScreen`, set `STEP` (an id of `smtui.routing.STEPS`) and `INTRO` (one or two plain sentences);
- yield the step's own widgets from `compose_body()`; read the starting state from `self.draft` there or on
  mount;
- `save() -> bool` copies the widgets into `self.draft` (always, even when invalid, so Back never loses
  anything) and returns False when the step must not be left forward (the inline issue is already shown);
- `backend_ready()` is called on mount when the backend is open and again whenever a new one is open: start
  workers there. `target_changed()` runs on every change of the app's `target_state` (a reactive this screen
  watches, so a change is seen even while a modal covers the step).
- Textual calls `on_mount`/`on_*` handlers of every class along the MRO: define your own without calling
  super(). Rules are never written here: validity comes from `smtui.model.validate_field`.
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING, ClassVar, cast

from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Input, Static

from smtui import routing
from smtui.widgets.step_header import StepHeader
from smtui.widgets.styled_text import assemble, lines

if TYPE_CHECKING:
    from smtui.draft import Draft
    from smtui.errors import SmtuiError
    from smtui.screens.host import WizardHost
    from smtui.wizard_state import TargetState

_RUN_KEY = os.urandom(16)  # keys the digests of has_unsaved_input: nothing typed is kept, even as a hash


class StepBody(VerticalScroll, can_focus=False):
    """The scrolling body of a step: never a Tab stop of its own (an invisible stop that held the first
    focus). The keyboard still scrolls it: its scroll bindings (Page Up/Down, arrows) apply while any field
    inside it has the focus and does not use the key itself."""


def _input_digest(screen: Screen[None]) -> bytes:
    """A keyed digest of what the screen's fields hold (text, toggles), to notice unsaved input.

    hashlib, TextArea (with its document model, ~5 ms) and the toggles are imported here, first called right
    after the first frame: none is needed to draw the first step (docs/performance.md, (d))."""
    import hashlib

    from textual.widgets import Checkbox, RadioButton, TextArea

    digest = hashlib.blake2b(key=_RUN_KEY, digest_size=16)
    for widget in screen.query("*"):
        if isinstance(widget, Input):
            text = widget.value
        elif isinstance(widget, TextArea):
            text = widget.text
        elif isinstance(widget, (Checkbox, RadioButton)):
            text = str(widget.value)
        else:
            continue
        digest.update(f"{widget.id}\0{len(text)}\0".encode())
        digest.update(text.encode("utf-8", "surrogatepass"))
    return digest.digest()


class StepScreen(Screen[None]):
    STEP: ClassVar[str] = ""
    INTRO: ClassVar[str] = ""
    _step_failure: SmtuiError | None = None  # the error this step was opened to fix (shown as #step-error)
    #: False: the first ScreenResume does not restyle every node again (smtui.startup.first_frame.first_screen)
    restyle_on_first_resume: bool = True

    BINDINGS: ClassVar = [
        Binding("escape", "back", "Back", id="back", tooltip="The previous step; nothing typed is lost."),
        Binding("ctrl+n", "next", "Next", id="next", tooltip="Check this step and go to the next one."),
        Binding("f1,question_mark", "app.help", "Help", id="help"),
        Binding(
            "ctrl+g",  # Ctrl+R is Reveal on the value widgets; G: go to Review
            "review_now",
            "Review now",
            id="review-now",
            tooltip="Straight to Review: the optional steps not yet seen keep their defaults.",
        ),
    ]

    def compose(self) -> ComposeResult:
        title = routing.step(self.STEP).title
        mode = self.draft.mode  # put mode numbers its own four steps
        yield StepHeader(
            routing.position(self.STEP, mode), len(routing.steps_for(mode)), title, self.wizard.target_line()
        )
        with StepBody(id="step-body"):
            yield Static(self.intro(), classes="intro")
            # Only when there is a failure to show: one widget less on every step (and before the first frame).
            self._step_failure = self.wizard.take_failure(self.STEP)
            if self._step_failure is not None:
                from smtui.widgets.issues import IssueLabel

                yield IssueLabel(id="step-error")
            yield from self.compose_body()
        yield Footer()

    def intro(self) -> str:
        """The step's opening sentences; a step whose words differ between create and put mode overrides this."""
        return self.INTRO

    def compose_body(self) -> ComposeResult:
        yield from ()

    def still_cursor(self, *inputs: Input) -> None:
        """Inputs composed or mounted later: their cursor does not blink when the app says so (snapshots and
        screenshots need a still cursor)."""
        if not self.wizard.cursor_blink:
            for widget in inputs:
                widget.cursor_blink = False

    def on_mount(self) -> None:
        failure = self._step_failure
        if failure is not None:
            from smtui.widgets.issues import IssueLabel

            text = assemble((failure.code or "Error", "bold"), f": {failure.message}")  # the service's words
            if failure.hint:
                text = lines([text, failure.hint])
            self.query_one("#step-error", IssueLabel).show_text(text, error=True)
        self.still_cursor(*self.query(Input))
        self.watch(self.app, "target_state", self._target_state_changed, init=False)
        if self.wizard.backend is not None:
            self.backend_ready()
        self._mounted_input: bytes | None = None
        self.call_after_refresh(self._remember_input)

    def _on_screen_resume(self, event: events.ScreenResume) -> None:
        """Runs before Screen's own handler (Textual calls each class's handler along the MRO, this one first):
        on the first resume of a screen whose nodes were all just styled as they mounted, it tells Screen's
        handler not to restyle them all again (see `restyle_on_first_resume`)."""
        if not self.restyle_on_first_resume:
            self.restyle_on_first_resume = True  # this once only: a later resume restyles as Textual does
            event.refresh_styles = False

    def _remember_input(self) -> None:
        self._mounted_input = _input_digest(self)

    def has_unsaved_input(self) -> bool:
        """True when a field of this step changed since it was shown (not yet in the draft: Ctrl+Q asks)."""
        mounted = getattr(self, "_mounted_input", None)
        return mounted is not None and _input_digest(self) != mounted

    def _target_state_changed(self, old: TargetState, new: TargetState) -> None:
        self.target_changed(old, new)

    def target_changed(self, old: TargetState, new: TargetState) -> None:
        """The target changed (opened, failed, identity known): the header, and backend_ready for a new one."""
        self.query_one(StepHeader).set_target(self.wizard.target_line())
        if new.backend is not None and new.backend is not old.backend:
            self.backend_ready()

    # hooks --------------------------------------------------------------------------------------------------
    def save(self) -> bool:
        """Copy the widgets into the draft; False keeps the person on this step."""
        return True

    def backend_ready(self) -> None:
        """The backend is open: start this step's background loads."""

    # helpers ------------------------------------------------------------------------------------------------
    @property
    def wizard(self) -> WizardHost:
        return cast("WizardHost", self.app)

    @property
    def draft(self) -> Draft:
        return self.wizard.draft

    def action_next(self) -> None:
        if self.save():
            self.wizard.next_step(self.STEP)

    def action_back(self) -> None:
        self.save()
        self.wizard.previous_step(self.STEP)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Review now is offered from the Value step on (Name and Value are the only steps a secret needs;
        every later one is optional), never on Review itself."""
        if action == "review_now":
            return routing.review_now_offered(self.STEP)
        return True

    def action_review_now(self) -> None:
        """Save this step as Next would, then go to Review (issue: a minimal secret in the fewest keys)."""
        if self.save():
            self.wizard.review_now(self.STEP)
