"""The last step — review: every choice, the value redacted, and how to do the same again without the wizard.

Shows the request as the AWS CLI's `--cli-input-json` document (never the value), the matching `aws
secretsmanager create-secret` command (put mode: `put-secret-value`, the request Submit sends there), a way to
save that document, and a jump back to any step. The whole draft is validated through the model
(`Draft.to_request`), so nothing invalid can be submitted.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import TYPE_CHECKING, Any

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.widgets import Button, Input, Label, Static

from smtui import routing
from smtui.draft import Draft
from smtui.errors import Issue, ParameterError
from smtui.model import CreateSecretRequest
from smtui.model.policy_templates import summary
from smtui.model.request import request_warnings
from smtui.model.value import describe_value
from smtui.screens.base import StepScreen
from smtui.widgets.issues import IssueLabel
from smtui.widgets.key_picker import DEFAULT_KEY_LABEL
from smtui.widgets.styled_text import assemble, lines, plain

if TYPE_CHECKING:
    from smtui.backends.base import Backend
    from smtui.model.iam_policy import PolicyChoices
    from smtui.model.preflight import PreflightReport
    from smtui.widgets.preflight_panel import PreflightPanel
    from smtui.wizard_state import TargetState

FORM_LABELS = {
    "single": "single line",
    "multiline": "multi-line",
    "keyvalue": "key/value pairs (JSON)",
    "binary": "binary file",
    "generated": "generated password",
}
DEFAULT_DOCUMENT = "create-secret.json"
DEFAULT_DOCUMENTS = {"create": DEFAULT_DOCUMENT, "put": "put-secret-value.json"}


def value_line(draft: Draft) -> str:
    """The value as form, size and fingerprint — never its text."""
    if draft.secret_string is not None:
        summary = describe_value(draft.secret_string.get_secret_value())
    elif draft.secret_binary is not None:
        summary = describe_value(draft.secret_binary.get_secret_value())
    else:
        return "none (the secret is created without a version)"
    return f"{FORM_LABELS.get(draft.value_form, draft.value_form)} · {summary.one_line()}"


def cli_document(draft: Draft, request: CreateSecretRequest) -> dict[str, Any]:
    """The `--cli-input-json` document without the value: in put mode PutSecretValue's, what Submit sends."""
    from smtui.model.cli_input import to_cli_input, to_put_cli_input

    if draft.mode == "put":
        return to_put_cli_input(draft.to_put_request())
    return dict(to_cli_input(request))


def cli_command(draft: Draft, document: str, region: str | None, endpoint: str | None) -> str:
    value = (
        "--secret-binary fileb://secret.bin"
        if draft.secret_binary is not None
        else "--secret-string file://secret.txt"
        if draft.secret_string is not None
        else ""
    )
    operation = "put-secret-value" if draft.mode == "put" else "create-secret"
    parts = [f"aws secretsmanager {operation}", f"--cli-input-json file://{document}", value]
    if region:
        parts.append(f"--region {region}")
    if endpoint:
        parts.append(f"--endpoint-url {endpoint}")
    return " ".join(p for p in parts if p)


class ReviewScreen(StepScreen):
    STEP = "review"
    INTRO = (
        "Check everything before it is created. The value is shown only as its size and fingerprint. "
        "Press Ctrl+N (or Create secret) to submit; a number key jumps back to that step."
    )
    PUT_INTRO = (
        "Check everything before the new value is put. The value is shown only as its size and fingerprint. "
        "Press Ctrl+N (or Put new value) to submit; a number key jumps back to that step."
    )

    def intro(self) -> str:
        """Put mode puts a value into a secret that exists: the words say so, and name its button."""
        return self.PUT_INTRO if self.draft.mode == "put" else self.INTRO

    BINDINGS = [
        *(Binding(str(n), f"jump({n})", show=False) for n in range(1, len(routing.STEPS))),
        Binding("p", "save_policy", "Save policy", tooltip="Write the minimal IAM policy to a new file."),
    ]
    _checking = False  # the preflight runs: Create waits for it (it never blocks on what it finds)
    _submit_when_checked = False  # Ctrl+N came while the checks ran: submit when they are over
    _policy: dict[str, Any] | None = None
    _preflight_runs = 0

    def compose_body(self) -> ComposeResult:
        yield Static("", id="review-summary")
        yield IssueLabel(id="review-issues")
        yield Button(self._submit_label(), id="submit", variant="primary")
        from smtui.widgets.preflight_panel import PreflightPanel  # lazily: only Review draws it

        # Below Create, so the button stays where it was in 80x24; its label says it waits for these checks.
        yield PreflightPanel(id="review-preflight")
        with Horizontal(id="policy-save-row", classes="field-row"):
            yield Input(id="policy-path")
            yield Button("Save policy", id="save-policy")
        yield IssueLabel(id="policy-status")
        yield Label("Change a step:")
        with Horizontal(id="review-jumps"):
            for number, step in enumerate(routing.steps_for(self.draft.mode)[:-1], start=1):
                yield Button(
                    f"{number} {step.short or step.title.split(' ')[0]}",
                    id=f"jump-{step.id}",
                    classes="jump",
                    compact=True,
                )
        # The request Submit sends (put mode: PutSecretValue), as a document and as the AWS CLI command.
        yield Label("The request as --cli-input-json (no value):")
        yield Static("", id="review-document", classes="code")
        yield Label("The same with the AWS CLI:")
        yield Static("", id="review-command", classes="code")
        with Horizontal(classes="field-row"):
            yield Input(DEFAULT_DOCUMENTS[self.draft.mode], id="save-path")
            yield Button("Save document", id="save-document")
        yield IssueLabel(id="save-status")

    def on_mount(self) -> None:
        self.query_one("#save-status", IssueLabel).display = False
        self.query_one("#policy-status", IssueLabel).display = False
        self.query_one("#policy-save-row").display = False
        self.refresh_review()
        self.query_one("#submit", Button).focus()

    def backend_ready(self) -> None:
        backend = self.wizard.backend
        if self.draft.mode == "put" and self.draft.secret_id and backend is not None:
            self._load_versions(backend, self.draft.secret_id, self.draft.client_request_token)
        if backend is not None:
            self._start_preflight(backend)
        self.refresh_review()

    def _submit_label(self) -> str:
        put = self.draft.mode == "put"
        if self._checking:
            return "Put once the checks finish" if put else "Create once the checks finish"
        return "Put new value" if put else "Create secret"

    def _panel(self) -> PreflightPanel:
        from smtui.widgets.preflight_panel import PreflightPanel

        return self.query_one("#review-preflight", PreflightPanel)

    def _start_preflight(self, backend: Backend) -> None:
        from smtui.model.policy_file import choices_for

        self._preflight_runs += 1
        self._checking = True
        self._panel().show_checking()
        submit = self.query_one("#submit", Button)
        submit.disabled, submit.label = True, self._submit_label()
        self._run_preflight(backend, choices_for(self.draft), self._preflight_runs)

    @work(thread=True, exclusive=True, exit_on_error=False, group="preflight")
    def _run_preflight(self, backend: Backend, choices: PolicyChoices, run: int) -> None:
        """Every check against the target (blocking IO); the answer comes back to the screen's thread."""
        from smtui.backends.preflight import run_preflight

        try:
            report, policy = run_preflight(backend, choices)
        except Exception as exc:  # a failed preflight is an answer (its type only), never a blocker
            self.app.call_from_thread(self._preflight_failed, run, type(exc).__name__)
            return
        self.app.call_from_thread(self._preflight_done, run, report, policy)

    def _preflight_done(self, run: int, report: PreflightReport, policy: dict[str, Any] | None) -> None:
        if run != self._preflight_runs:
            return  # an older run's answer: a newer one is on its way
        from smtui.model.policy_file import policy_text

        self._checking, self._policy = False, policy
        panel = self._panel()
        panel.show_report(report, policy_text(policy) if policy else None, self.draft.mode)
        self._checks_over()

    def _checks_over(self) -> None:
        """Create is usable again; it gets the focus it could not take while disabled (Review opens on it), unless
        the person has moved the focus somewhere outside the panel meanwhile."""
        request = self.refresh_review()
        focused, submit = self.focused, self.query_one("#submit", Button)
        if self._submit_when_checked and request is not None and self.is_current:
            self._submit_when_checked = False  # Ctrl+N was pressed while they ran: what the button promised
            self.action_next()
            return
        if not submit.disabled and (focused is None or self._panel() in focused.ancestors_with_self):
            self.query_one("#step-body").scroll_home(animate=False)  # where the focus fallback had scrolled it
            submit.focus()

    def _preflight_failed(self, run: int, reason: str) -> None:
        if run != self._preflight_runs:
            return
        self._checking = False
        self._panel().show_failure(f"could not check ({reason})")
        self._checks_over()

    def target_changed(self, old: TargetState, new: TargetState) -> None:
        super().target_changed(old, new)
        self.refresh_review()  # the account line too, once the identity is known

    def _request(self) -> tuple[CreateSecretRequest | None, list[Issue]]:
        try:
            request = self.draft.to_request(self.wizard.region)
        except ParameterError as exc:
            return None, list(exc.issues) or [Issue(exc.field or "request", exc.message)]
        return request, request_warnings(request)

    def refresh_review(self) -> CreateSecretRequest | None:
        draft, app = self.draft, self.wizard
        target = app.target_description if app.backend else app.target_line()
        if app.identity is not None:
            target += f" · account {app.identity.Account}"
        rows = self._put_rows(target) if draft.mode == "put" else self._create_rows(target)
        self.query_one("#review-summary", Static).update(
            lines(assemble((f"{label:<16}", "bold"), text) for label, text in rows)
        )
        request, issues = self._request()
        self.query_one("#review-issues", IssueLabel).show_issues(issues)
        submit = self.query_one("#submit", Button)
        submit.disabled = request is None or self._checking
        submit.label = self._submit_label()
        if request is not None:
            document = json.dumps(cli_document(draft, request), indent=2, default=str)
            self.query_one("#review-document", Static).update(plain(document))
        path = self.query_one("#save-path", Input).value or DEFAULT_DOCUMENTS[draft.mode]
        endpoint = app.draft.target.endpoint_url if app.backend and app.backend.kind == "aws" else None
        self.query_one("#review-command", Static).update(plain(cli_command(draft, path, app.region, endpoint)))
        return request

    def _put_rows(self, target: str) -> list[tuple[str, str]]:
        """Put mode: the secret, the value (described, never shown) and the labels the new version moves."""
        draft = self.draft
        return [
            ("Target", target),
            ("Secret", f"{draft.name} · {draft.secret_id}"),
            ("Value", value_line(draft)),
            ("Versions", self._versions_line),
            ("Request token", draft.client_request_token),
        ]

    _versions_line = "loading the secret's versions…"

    @work(thread=True, exclusive=True, exit_on_error=False, group="versions")
    def _load_versions(self, backend: Backend, secret_id: str, token: str) -> None:
        """DescribeSecret's VersionIdsToStages (blocking IO, so in a worker), turned into the Versions row."""
        from smtui.errors import SmtuiError
        from smtui.model.put_preview import preview_put

        try:
            stages = backend.describe_secret(secret_id).VersionIdsToStages
        except SmtuiError as exc:
            self.app.call_from_thread(self._show_versions, f"could not read the versions ({exc.code or 'error'})")
            return
        preview = preview_put(stages, token)
        if preview.replay:
            text = f"version {token} already exists: a retry changes nothing"
        elif preview.becomes_previous is None:
            text = f"new {token} becomes AWSCURRENT; the secret has no current version"
        else:
            text = f"new {token} becomes AWSCURRENT; {preview.becomes_previous} becomes AWSPREVIOUS"
        self.app.call_from_thread(self._show_versions, text)

    def _show_versions(self, text: str) -> None:
        self._versions_line = text
        self.refresh_review()

    def _create_rows(self, target: str) -> list[tuple[str, str]]:
        draft = self.draft
        tags = ", ".join(f"{t.Key}={t.Value}" for t in draft.tags) or "none"
        replicas = (
            ", ".join(f"{r.Region}" + (f" (key {r.KmsKeyId})" if r.KmsKeyId else "") for r in draft.replicas) or "none"
        )
        if draft.replicas:
            replicas += f" · overwrite existing: {'yes' if draft.force_overwrite_replica_secret else 'no'}"
        return [
            ("Target", target),
            ("Name", draft.name),
            ("Description", draft.description or "none"),
            ("Value", value_line(draft)),
            ("Encryption", draft.kms_key_id or DEFAULT_KEY_LABEL),
            ("Tags", tags),
            ("Replicas", replicas),
            ("Resource policy", summary(draft.resource_policy, block_public_policy=draft.block_public_policy)),
            ("Request token", draft.client_request_token),
        ]

    @on(Button.Pressed, ".jump")
    def _jump_button(self, event: Button.Pressed) -> None:
        self.wizard.jump_from_review(str(event.button.id).removeprefix("jump-"))

    def action_jump(self, number: int) -> None:
        steps = routing.steps_for(self.draft.mode)  # put mode has three steps before Review
        if number < len(steps):
            self.wizard.jump_from_review(steps[number - 1].id)

    @on(Input.Changed, "#save-path")
    def _path_changed(self) -> None:
        self.refresh_review()

    @on(Button.Pressed, "#save-document")
    @on(Input.Submitted, "#save-path")
    def _save_document(self) -> None:
        status = self.query_one("#save-status", IssueLabel)
        request = self.refresh_review()
        if request is None:
            status.show_text("Fix the problems above first.", error=True)
            return
        path = Path(self.query_one("#save-path", Input).value or DEFAULT_DOCUMENTS[self.draft.mode]).expanduser()
        text = json.dumps(cli_document(self.draft, request), indent=2, default=str) + "\n"
        try:
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
            with os.fdopen(fd, "w", encoding="utf-8") as handle:
                handle.write(text)
        except OSError as exc:
            status.show_text(f"Could not save: {exc.strerror or exc}", error=True)
            return
        status.show_text(f"✓ Saved to {path} (without the value).", ok=True)

    @on(Button.Pressed, "#submit")
    def _submit_button(self) -> None:
        self.action_next()

    def action_save_policy(self) -> None:
        """Ask where to write the minimal policy (a new file only: an existing one is never overwritten)."""
        from smtui.model.policy_file import default_policy_path

        status = self.query_one("#policy-status", IssueLabel)
        if self._policy is None:
            status.show_text("No policy yet: the checks have not read the caller's account.", error=True)
            return
        row, field = self.query_one("#policy-save-row"), self.query_one("#policy-path", Input)
        if not row.display:
            row.display = True
            field.value = default_policy_path(self.draft.secret_id if self.draft.mode == "put" else self.draft.name)
        field.focus()

    @on(Button.Pressed, "#save-policy")
    @on(Input.Submitted, "#policy-path")
    def _save_policy(self) -> None:
        from smtui.model.policy_file import save_policy

        status = self.query_one("#policy-status", IssueLabel)
        if self._policy is None:
            status.show_text("No policy yet: the checks have not read the caller's account.", error=True)
            return
        path = self.query_one("#policy-path", Input).value.strip()
        if not path:
            status.show_text("Type a file name first.", error=True)
            return
        try:
            written = save_policy(path, self._policy)
        except FileExistsError:
            status.show_text(f"{path} already exists: choose another name (it is never overwritten).", error=True)
            return
        except OSError as exc:
            status.show_text(f"Could not save: {exc.strerror or exc}", error=True)
            return
        status.show_text(f"✓ Policy saved to {written} (mode 0600).", ok=True)

    def save(self) -> bool:
        if self.refresh_review() is None:
            return False
        return not self._checking  # Create waits for the checks (their findings never block it)

    def action_next(self) -> None:
        """Create (Ctrl+N). While the checks run it is kept and carried out when they finish, as the button's
        label says, instead of being dropped without a word; Back or another step forgets it."""
        if self._checking and self.refresh_review() is not None:
            if not self._submit_when_checked:
                verb = "Putting" if self.draft.mode == "put" else "Creating"
                self.notify(f"{verb} once the checks finish.", title="Checking the target")
            self._submit_when_checked = True
            return
        super().action_next()
