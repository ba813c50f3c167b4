"""Step 4 — the KMS key that encrypts the secret.

The default `aws/secretsmanager` key suits most secrets. The eligible keys of the target's region load in a
worker (docs/aws-behaviour.md §5.5: enabled, symmetric, encrypt/decrypt); a key id, ARN or `alias/NAME` may also be
typed.
"""

from __future__ import annotations

from textual import on, work
from textual.app import ComposeResult
from textual.message import Message
from textual.widgets import Input, Static

from smtui.backends.base import Backend
from smtui.errors import SmtuiError
from smtui.model import KmsKey, validate_field
from smtui.screens.base import StepScreen
from smtui.widgets.issues import IssueLabel
from smtui.widgets.key_picker import DEFAULT_KEY_LABEL, KeyPicker
from smtui.widgets.styled_text import assemble


class KeysLoaded(Message):
    def __init__(self, keys: list[KmsKey] | None, error: SmtuiError | None) -> None:
        super().__init__()
        self.keys, self.error = keys, error


class EncryptionScreen(StepScreen):
    STEP = "encryption"
    INTRO = (
        "The secret is encrypted with a KMS key. The default aws/secretsmanager key is right for most "
        "secrets; pick your own key to control who can decrypt it (and to share it across accounts)."
    )

    def compose_body(self) -> ComposeResult:
        yield Static("", id="key-chosen")
        yield IssueLabel(id="key-issues")
        yield KeyPicker(id="key-picker")

    def on_mount(self) -> None:
        self._typed_pending = False
        self._show_choice()
        self.query_one("#key-filter").focus()

    def backend_ready(self) -> None:
        backend = self.wizard.backend
        if backend is not None:
            self._load(backend)

    @work(thread=True, exclusive=True, group="kms-keys", exit_on_error=False)
    def _load(self, backend: Backend) -> None:
        try:
            self.post_message(KeysLoaded(backend.list_kms_keys(), None))
        except SmtuiError as exc:
            self.post_message(KeysLoaded(None, exc))

    def on_keys_loaded(self, event: KeysLoaded) -> None:
        picker = self.query_one(KeyPicker)
        if event.keys is not None:
            picker.set_keys(event.keys)
        else:
            message = event.error.message if event.error else "unknown error"
            picker.show_problem(f"The keys could not be listed ({message}); type a key id, ARN or alias/NAME.")

    @on(KeyPicker.Chosen)
    def _chosen(self, event: KeyPicker.Chosen) -> None:
        self.draft.kms_key_id = event.key_id
        self._typed_pending = False
        self._show_choice()

    @on(Input.Changed, "#key-filter")
    def _filter_typed(self) -> None:
        self._typed_pending = True

    def _show_choice(self) -> bool:
        key = self.draft.kms_key_id
        self.query_one("#key-chosen", Static).update(assemble("Key: ", (key or DEFAULT_KEY_LABEL, "bold")))
        issues = validate_field("KmsKeyId", key) if key else []
        self.query_one("#key-issues", IssueLabel).show_issues(issues)
        return not any(i.severity == "error" for i in issues)

    def save(self) -> bool:
        # Text typed in the box and not confirmed with Enter still counts: Next must not drop it silently.
        if self._typed_pending:
            choice = self.query_one(KeyPicker).typed_choice()
            if choice is not None:
                self.draft.kms_key_id = choice
            self._typed_pending = False
        return self._show_choice()
