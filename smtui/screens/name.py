"""Step 2 — the secret's name and description, checked as the person types.

The model's rules run on every key press; a debounced background check asks the target whether the name is
free, taken, or scheduled for deletion, so a clash is reported here rather than after Submit.
"""

from __future__ import annotations

from datetime import UTC

from textual import on, work
from textual.app import ComposeResult
from textual.message import Message
from textual.timer import Timer
from textual.widgets import Input, Label

from smtui.backends.base import Backend
from smtui.errors import SmtuiError
from smtui.hints import put_value_advice
from smtui.model import NameStatus, validate_field
from smtui.screens.base import StepScreen
from smtui.widgets.guarded_input import GuardedInput
from smtui.widgets.issues import IssueLabel
from smtui.widgets.styled_text import plain

CHECK_DELAY = 0.4  # seconds of quiet typing before asking the target


class NameChecked(Message):
    def __init__(self, name: str, status: NameStatus | None, error: SmtuiError | None) -> None:
        super().__init__()
        self.name, self.status, self.error = name, status, error


def describe_status(name: str, status: NameStatus) -> tuple[str, bool]:
    """Plain words for a name check (plain text, not markup: IssueLabel shows it as it is), and whether it
    blocks creating the secret.

    A name scheduled for deletion names the day it will be deleted: DescribeSecret's DeletedDate is "the date
    the secret is scheduled for deletion" (the DeletionDate DeleteSecret answered), not the day deletion was
    asked for.
    """
    shown = name
    if status.State == "free":
        return f"✓ {shown} is free in this target.", False
    if status.State == "taken":
        return f"✗ A secret named {shown} already exists here. Choose another name. {put_value_advice(shown)}", True
    when = (
        f"on {status.DeletedDate.astimezone(UTC).strftime('%Y-%m-%d %H:%M')} UTC"
        if status.DeletedDate
        else "at the end of its recovery window"
    )
    return (
        f"✗ A secret named {shown} is scheduled for deletion: it will be deleted {when}. Restore it "
        f"(smtui restore-secret --secret-id {shown}), wait until then, or choose another name.",
        True,
    )


class NameScreen(StepScreen):
    STEP = "name"
    INTRO = (
        "The name identifies the secret in its region: programs ask for it by this name. "
        "Letters, digits "
        "and / _ + = . @ - only; slashes make a path such as prod/app/db. The description is optional."
    )

    def compose_body(self) -> ComposeResult:
        yield Label("Name")
        yield GuardedInput(self.draft.name, placeholder="e.g. prod/payments/db-password", id="name", label="Name")
        yield IssueLabel(id="name-issues")
        yield IssueLabel(id="name-status")
        yield Label("Description (optional)")
        yield GuardedInput(
            self.draft.description, placeholder="what it is, who uses it", id="description", label="Description"
        )
        yield IssueLabel(id="description-issues")

    def on_mount(self) -> None:
        self._timer: Timer | None = None
        self._blocked_name: str | None = None
        self.query_one("#name-status", IssueLabel).display = False
        self._check_name_rules(self.draft.name, quiet=not self.draft.name)
        self.query_one("#name", Input).focus()

    def backend_ready(self) -> None:
        self._schedule_check()

    def _check_name_rules(self, name: str, *, quiet: bool = False) -> bool:
        issues = validate_field("Name", name)
        self.query_one("#name-issues", IssueLabel).show_issues([] if quiet else issues)
        return not any(i.severity == "error" for i in issues)

    @on(Input.Changed, "#name")
    def _name_changed(self, event: Input.Changed) -> None:
        self._blocked_name = None
        self.query_one("#name-status", IssueLabel).show_text("")
        if self._check_name_rules(event.value, quiet=not event.value):
            self._schedule_check()

    @on(Input.Changed, "#description")
    def _description_changed(self, event: Input.Changed) -> None:
        issues = validate_field("Description", event.value)
        self.query_one("#description-issues", IssueLabel).show_issues(issues)

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        if event.input.id == "name":
            self.query_one("#description", Input).focus()
        else:
            self.action_next()

    def _schedule_check(self) -> None:
        if self._timer is not None:
            self._timer.stop()
        self._timer = self.set_timer(CHECK_DELAY, self._start_check)

    def _start_check(self) -> None:
        name = self.query_one("#name", Input).value
        backend = self.wizard.backend
        if name and backend is not None and self._check_name_rules(name):
            self.query_one("#name-status", IssueLabel).show_text(plain("Checking the name in the target…", "dim"))
            self._check(backend, name)

    @work(thread=True, exclusive=True, group="name-check", exit_on_error=False)
    def _check(self, backend: Backend, name: str) -> None:
        try:
            self.post_message(NameChecked(name, backend.check_name(name), None))
        except SmtuiError as exc:
            self.post_message(NameChecked(name, None, exc))

    def on_name_checked(self, event: NameChecked) -> None:
        if event.name != self.query_one("#name", Input).value:
            return  # an older answer: the person has typed on
        status_label = self.query_one("#name-status", IssueLabel)
        if event.status is None:
            message = event.error.message if event.error else "unknown error"
            status_label.show_text(f"The name could not be checked now: {message}")
            return
        text, blocks = describe_status(event.name, event.status)
        self._blocked_name = event.name if blocks else None
        status_label.show_text(text, error=blocks, ok=not blocks)

    def save(self) -> bool:
        name = self.query_one("#name", Input).value
        description = self.query_one("#description", Input).value
        self.draft.name, self.draft.description = name, description
        name_ok = self._check_name_rules(name)
        description_issues = validate_field("Description", description)
        self.query_one("#description-issues", IssueLabel).show_issues(description_issues)
        description_ok = not any(i.severity == "error" for i in description_issues)
        return name_ok and description_ok and self._blocked_name != name
