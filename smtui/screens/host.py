"""What a wizard screen needs from the app that hosts it, as a Protocol.

Why a Protocol and not the app's class: the app (`smtui.app.SmtuiApp`) imports the screens to show them, so a
screen that imported the app back would close a circle. The screens type their host as `WizardHost`; the app
satisfies it structurally (checked by mypy in `smtui.app`), and a test can host a screen in a smaller app.
The step order and titles are not here: they are `smtui.routing.STEPS`, which screens read directly.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from smtui.backends.base import Backend
    from smtui.draft import Draft
    from smtui.errors import SmtuiError
    from smtui.model import CreateSecretResult, Identity
    from smtui.settings import TargetSettings
    from smtui.wizard_state import TargetState


class WizardHost(Protocol):
    """The app as the screens see it: the draft, the target (a reactive `target_state` they watch), the moves."""

    draft: Draft
    cursor_blink: bool

    @property
    def target_state(self) -> TargetState: ...

    @property
    def backend(self) -> Backend | None: ...

    @property
    def backend_error(self) -> SmtuiError | None: ...

    @property
    def identity(self) -> Identity | None: ...

    @property
    def identity_error(self) -> SmtuiError | None: ...

    @property
    def target_description(self) -> str: ...

    @property
    def region(self) -> str | None: ...

    def target_line(self) -> str:
        """One short line naming where the secret will be created (the step header shows it)."""
        ...

    def open_backend(self, settings: TargetSettings | None = None) -> None:
        """(Re)open the target; every step hears of the result through `target_state`."""
        ...

    def take_failure(self, step: str) -> SmtuiError | None:
        """The error `step` was opened to fix, once (None when it was opened for another reason)."""
        ...

    def next_step(self, step: str) -> None: ...

    def previous_step(self, step: str) -> None: ...

    def review_now(self, step: str) -> None: ...

    def jump_from_review(self, step: str) -> None: ...

    def fail_to(self, error: SmtuiError, step: str | None = None) -> None:
        """Go back to the step that must change to fix `error` (smtui.routing.step_for_error by default)."""
        ...

    def add_result(self, result: CreateSecretResult) -> None: ...

    def update_result(self, result: CreateSecretResult) -> None: ...

    def create_another(self) -> None: ...

    def action_request_quit(self) -> None: ...
