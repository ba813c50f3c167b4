"""Put mode's step 2 — which existing secret gets the new value: a filter and the target's secrets.

The list is read with ListSecrets (every page, scheduled-for-deletion secrets included so a person sees why the
one they look for cannot be chosen) in a thread worker once the backend is open. Typing filters it by name; Enter
or Next takes the highlighted secret into the draft (its ARN as SecretId, its name for Review). A secret
scheduled for deletion is refused here, naming the field: PutSecretValue would fail on it (InvalidRequestException).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual import on, work
from textual.app import ComposeResult
from textual.message import Message
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from smtui.screens.base import StepScreen

if TYPE_CHECKING:
    from smtui.backends.base import Backend
    from smtui.model.results import SecretListEntry

SCHEDULED = " (scheduled for deletion)"
PAGES = 50  # at most this many ListSecrets pages (100 each): a list a person can still filter


class SecretsListed(Message):
    def __init__(self, secrets: list[SecretListEntry] | None, error: str | None) -> None:
        super().__init__()
        self.secrets, self.error = secrets, error


class PickSecretScreen(StepScreen):
    STEP = "secret"
    INTRO = (
        "Choose the secret that gets the new value. Type to filter by name; Enter (or Ctrl+N) takes the "
        "highlighted one."
    )

    _secrets: list[SecretListEntry] = []

    def compose_body(self) -> ComposeResult:
        yield Input(placeholder="filter by name", id="secret-filter")
        yield Static("Loading the secrets…", id="secret-status")
        yield OptionList(id="secret-list")

    def backend_ready(self) -> None:
        backend = self.wizard.backend
        if backend is not None:
            self._list(backend)

    @work(thread=True, exclusive=True, exit_on_error=False, group="list-secrets")
    def _list(self, backend: Backend) -> None:
        from smtui.errors import SmtuiError

        found: list[SecretListEntry] = []
        token: str | None = None
        try:
            for _ in range(PAGES):
                page = backend.list_secrets(max_results=100, next_token=token, include_planned_deletion=True)
                found.extend(page.SecretList)
                token = page.NextToken
                if not token:
                    break
        except SmtuiError as exc:
            self.post_message(SecretsListed(None, f"Could not list the secrets: {exc.code or ''} {exc.message}"))
            return
        except Exception as exc:  # the step must survive anything a backend lets through, and say so
            self.post_message(SecretsListed(None, f"Could not list the secrets ({type(exc).__name__})."))
            return
        self.post_message(SecretsListed(sorted(found, key=lambda s: s.Name), None))

    def on_secrets_listed(self, event: SecretsListed) -> None:
        status = self.query_one("#secret-status", Static)
        if event.secrets is None:
            status.update(event.error or "")
            return
        self._secrets = event.secrets
        self._show()

    def _shown(self) -> list[SecretListEntry]:
        text = self.query_one("#secret-filter", Input).value.strip().lower()
        return [s for s in self._secrets if text in s.Name.lower()]

    def _show(self) -> None:
        shown = self._shown()
        options = self.query_one("#secret-list", OptionList)
        options.clear_options()
        options.add_options(Option(s.Name + (SCHEDULED if s.DeletedDate is not None else ""), id=s.ARN) for s in shown)
        if shown:
            chosen = next((i for i, s in enumerate(shown) if self.draft.secret_id == s.ARN), 0)
            options.highlighted = chosen
        self.query_one("#secret-status", Static).update(
            f"{len(shown)} of {len(self._secrets)} secrets" if self._secrets else "The target has no secrets yet."
        )

    @on(Input.Changed, "#secret-filter")
    def _filter_changed(self) -> None:
        self._show()

    @on(Input.Submitted, "#secret-filter")
    @on(OptionList.OptionSelected, "#secret-list")
    def _picked(self) -> None:
        self.action_next()

    def _highlighted(self) -> SecretListEntry | None:
        options = self.query_one("#secret-list", OptionList)
        shown = self._shown()
        index = options.highlighted
        return shown[index] if index is not None and index < len(shown) else None

    def has_unsaved_input(self) -> bool:
        return False  # a filter and a choice: nothing typed is lost

    def save(self) -> bool:
        chosen = self._highlighted()
        status = self.query_one("#secret-status", Static)
        if chosen is None:
            status.update("SecretId: choose a secret from the list first.")
            self.app.bell()
            return False
        if chosen.DeletedDate is not None:
            status.update(
                f"SecretId: {chosen.Name} is scheduled for deletion; restore it first (restore-secret), "
                "then put a new value into it."
            )
            self.app.bell()
            return False
        self.draft.secret_id, self.draft.name = chosen.ARN, chosen.Name
        return True
