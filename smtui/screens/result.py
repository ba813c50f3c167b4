"""Submit and result: the CreateSecret call in a worker, then the ARN and the replicas settling.

The request is built once from the draft, with the draft's ONE ClientRequestToken, so Retry after a lost or
failed response cannot create a second version. On failure the AWS code, message and hint are shown with a
jump to the step that must change (everything typed, value included, is still in the draft). On success the
value is dropped from the draft at once, and the ReplicationStatus table is refreshed from DescribeSecret
about once a second until every replica is InSync or Failed.
"""

from __future__ import annotations

import time
from typing import TYPE_CHECKING, ClassVar, cast

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.screen import ModalScreen, Screen
from textual.widgets import Button, DataTable, Footer, LoadingIndicator, Static
from textual.worker import get_current_worker

from smtui import routing
from smtui.backends.base import Backend
from smtui.errors import ConfigurationError, ParameterError, SmtuiError
from smtui.model import CreateSecretResult, ReplicationStatusEntry
from smtui.model import messages as msg
from smtui.model.lifecycle import ReplicaRegion
from smtui.screens.base import StepBody
from smtui.submission import Outcome, apply_policy, submit_draft
from smtui.widgets.styled_text import Part, assemble, cell, lines

if TYPE_CHECKING:
    from smtui.draft import Draft
    from smtui.screens.host import WizardHost

POLL_SECONDS = 1.0
POLL_LIMIT_SECONDS = 600.0
SETTLED = ("InSync", "Failed")
STATUS_STYLES = {"InSync": "green", "Failed": "red"}


class Submitted(Message):
    def __init__(self, outcome: Outcome | None, error: SmtuiError | None) -> None:
        super().__init__()
        self.outcome, self.error = outcome, error


class PolicyApplied(Message):
    def __init__(self, error: SmtuiError | None) -> None:
        super().__init__()
        self.error = error


class ReplicasPolled(Message):
    def __init__(self, entries: list[ReplicationStatusEntry]) -> None:
        super().__init__()
        self.entries = entries


class ReplicaRetried(Message):
    def __init__(self, entries: list[ReplicationStatusEntry] | None, error: SmtuiError | None) -> None:
        super().__init__()
        self.entries, self.error = entries, error


class ConfirmOverwrite(ModalScreen[bool]):
    """Names exactly what ForceOverwriteReplicaSecret replaces; anything but Overwrite is No."""

    BINDINGS: ClassVar = [Binding("escape", "no", "Cancel")]

    def __init__(self, name: str, region: str) -> None:
        super().__init__()
        self.what = (
            f"The secret {name} in {region} will be overwritten by this replica "
            f"(ForceOverwriteReplicaSecret): that other secret, already there under this name, is replaced. "
            "The other regions are not touched."
        )

    def compose(self) -> ComposeResult:
        with Vertical(id="confirm-overwrite", classes="modal-box"):
            yield Static(self.what, id="overwrite-text")
            with Horizontal(classes="buttons"):
                yield Button("Cancel", id="no", variant="primary")
                yield Button("Overwrite", id="yes", variant="error")

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "yes")

    def action_no(self) -> None:
        self.dismiss(False)


def settled(entries: list[ReplicationStatusEntry]) -> bool:
    return all(e.Status in SETTLED for e in entries)


class SubmitScreen(Screen[None]):
    """Creating… → the result, or the failure with what to do next."""

    BINDINGS: ClassVar = [
        Binding("c", "copy_arn", "Copy ARN", id="copy-arn"),
        Binding("n", "create_another", "Create another", id="create-another"),
        Binding("r", "retry", "Retry", id="retry"),
        Binding("y", "copy_code", "Copy code", id="copy-code"),
        Binding("t", "retry_replica", "Retry replica", id="retry-replica"),
        Binding("escape", "fix", "Back to fix", id="fix"),
        Binding("q", "app.request_quit", "Quit", id="quit-result", show=False),
        Binding("f1,question_mark", "app.help", "Help", id="help"),
    ]

    def compose(self) -> ComposeResult:
        yield Static("[b]Creating the secret…[/]", id="step-header")
        with StepBody(id="step-body"):
            yield LoadingIndicator(id="submitting")
            with Vertical(id="failure"):
                yield Static("", id="failure-text")
                with Horizontal(classes="buttons"):
                    yield Button("Back to fix", id="fix", variant="primary")
                    yield Button("Retry", id="retry")
            with Vertical(id="success"):
                yield Static("", id="result-text")
                yield Static("", id="policy-status")  # the resource policy not applied (smtui.submission)
                yield DataTable[Text](id="replication", show_cursor=False)
                yield Static("", id="replica-failures")  # each Failed replica's whole message, wrapped
                with Horizontal(classes="buttons"):
                    yield Button("Copy ARN", id="copy-arn", variant="primary")
                    yield Button("Apply policy again", id="apply-policy")
                    yield Button("Create another", id="create-another")
                    yield Button("Quit", id="quit")
        yield Footer()

    @property
    def wizard(self) -> WizardHost:
        return cast("WizardHost", self.app)

    def on_mount(self) -> None:
        self.result: CreateSecretResult | None = None
        self.error: SmtuiError | None = None
        table = self.query_one("#replication", DataTable)
        table.can_focus = False  # no cursor: as a Tab stop it would be invisible
        table.add_column("Region", key="region")
        table.add_column("Status", key="status")
        table.add_column("Message", key="message")
        self._show_policy_failure(None)
        self.submit()

    def _phase(self, phase: str) -> None:
        self.query_one("#submitting").display = phase == "submitting"
        self.query_one("#failure").display = phase == "failure"
        self.query_one("#success").display = phase == "success"
        self.refresh_bindings()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "retry_replica":
            return bool(self._failed_entries())
        if action == "copy_code":
            return bool(self.query("#sample-code"))
        if action in ("copy_arn", "create_another"):
            return self.result is not None
        if action in ("retry", "fix"):
            return self.error is not None
        return True

    # submit -------------------------------------------------------------------------------------------------
    def submit(self) -> None:
        self.error = None
        self._phase("submitting")
        backend = self.wizard.backend
        if backend is None:
            self._failed(self.wizard.backend_error or ConfigurationError("The target is not open yet."))
            return
        try:
            self.wizard.draft.to_request(backend.region)  # invalid: shown at once, no worker
        except ParameterError as exc:
            self._failed(exc)
            return
        self._create(backend, self.wizard.draft)

    @work(thread=True, exclusive=True, exit_on_error=False, group="submit")
    def _create(self, backend: Backend, draft: Draft) -> None:
        try:
            outcome = submit_draft(backend, draft)
        except SmtuiError as exc:
            self.post_message(Submitted(None, exc))
        except Exception as exc:  # the wizard must survive anything the backend lets through
            self.post_message(Submitted(None, SmtuiError(f"Unexpected failure: {type(exc).__name__}")))
        else:
            self.post_message(Submitted(outcome, None))

    def on_submitted(self, event: Submitted) -> None:
        if event.error is not None:
            self._failed(event.error)
        elif event.outcome is not None:
            self._succeeded(event.outcome.result)
            self._show_policy_failure(event.outcome.followup_error)

    def _failed(self, error: SmtuiError) -> None:
        self.error = error
        title = routing.step(routing.step_for_error(error)).title
        rows: list[Part] = [assemble((error.code or type(error).__name__, "bold red"), f": {error.message}")]
        if error.hint:
            rows.append(error.hint)
        rows.append(
            assemble(
                "\nEverything you entered is kept. Go back to ",
                (title, "bold"),
                " to change it, or retry (the same request token is reused, so a retry never creates a second "
                "version).",
            )
        )
        header = self.query_one("#step-header", Static)
        header.update("[b]✗ The secret was not created[/]")
        header.set_class(True, "-failed")
        self.query_one("#failure-text", Static).update(lines(rows))
        self.query_one("#fix", Button).label = f"Back to {title}"
        self._phase("failure")
        self.query_one("#fix", Button).focus()

    def _succeeded(self, result: CreateSecretResult) -> None:
        self.result = result
        self.wizard.add_result(result)
        self.wizard.draft.clear_value()
        rows = [
            assemble(("ARN", "bold"), f"        {result.ARN}"),
            assemble(("Name", "bold"), f"       {result.Name}"),
            assemble(("VersionId", "bold"), f"  {result.VersionId or '— (no value, no version)'}"),
        ]
        header = self.query_one("#step-header", Static)
        header.update("[b]✓ New value stored[/]" if self.wizard.draft.mode == "put" else "[b]✓ Secret created[/]")
        header.set_class(False, "-failed")
        header.set_class(True, "-ok")
        self.query_one("#result-text", Static).update(lines(rows))
        entries = result.ReplicationStatus or []
        table = self.query_one("#replication", DataTable)
        table.display = bool(entries)
        self._show_replicas(entries)
        self._show_sample_code(result)
        self._phase("success")
        self.query_one("#copy-arn", Button).focus()
        backend = self.wizard.backend
        if entries and not settled(entries) and backend is not None:
            self._poll(backend, result.ARN)

    # replication --------------------------------------------------------------------------------------------
    @work(thread=True, exclusive=True, exit_on_error=False, group="replication")
    def _poll(self, backend: Backend, arn: str) -> None:
        worker = get_current_worker()
        deadline = time.monotonic() + POLL_LIMIT_SECONDS
        while not worker.is_cancelled and time.monotonic() < deadline:
            time.sleep(POLL_SECONDS)
            try:
                entries = backend.describe_secret(arn).ReplicationStatus or []
            except SmtuiError:
                continue
            self.post_message(ReplicasPolled(entries))
            if settled(entries):
                return

    def on_replicas_polled(self, event: ReplicasPolled) -> None:
        self._show_replicas(event.entries)
        if self.result is not None:  # what is printed on exit is the latest state shown, not the first answer
            self.result = self.result.model_copy(update={"ReplicationStatus": event.entries})
            self.wizard.update_result(self.result)
        self.refresh_bindings()  # Retry replica comes and goes with a Failed entry

    def _show_replicas(self, entries: list[ReplicationStatusEntry]) -> None:
        table = self.query_one("#replication", DataTable)
        table.clear()
        for entry in entries:
            status = cell(entry.Status, STATUS_STYLES.get(entry.Status, ""))  # the service's words: not markup
            table.add_row(cell(entry.Region), status, cell(entry.StatusMessage or ""), key=entry.Region)
        # A table cell cuts a long message off: the whole words of each Failed replica, wrapped, below it.
        failed = [
            assemble((e.Region, "bold red"), f": {e.StatusMessage or 'Failed'}")
            for e in entries
            if e.Status == "Failed"
        ]
        failures = self.query_one("#replica-failures", Static)
        failures.display = bool(failed)
        failures.update(lines(failed))

    # retry a Failed replica: remove the entry, replicate again (docs/aws-behaviour.md §18.1: remove it first) -----
    def _failed_entries(self) -> list[ReplicationStatusEntry]:
        if self.result is None:
            return []
        return [e for e in self.result.ReplicationStatus or [] if e.Status == "Failed"]

    def action_retry_replica(self) -> None:
        """One Failed replica: retry it; more: the person picks which (smtui.screens.replica_choice)."""
        failed = self._failed_entries()
        if len(failed) == 1:
            self._retry_entry(failed[0])
        elif failed:
            from smtui.screens.replica_choice import ChooseReplica

            def chosen(region: str | None) -> None:
                entry = next((e for e in self._failed_entries() if e.Region == region), None)
                if entry is not None:
                    self._retry_entry(entry)

            self.app.push_screen(ChooseReplica(failed), chosen)

    def _retry_entry(self, entry: ReplicationStatusEntry) -> None:
        backend = self.wizard.backend
        if backend is None or self.result is None:
            return
        if (entry.StatusMessage or "") == msg.REPLICA_NAME_EXISTS:

            def answered(yes: bool | None) -> None:
                if yes and self.result is not None:
                    self._retry_replica(backend, self.result.ARN, entry, True)

            self.app.push_screen(ConfirmOverwrite(self.result.Name or "", entry.Region), answered)
        else:
            self._retry_replica(backend, self.result.ARN, entry, False)

    @work(thread=True, exclusive=True, exit_on_error=False, group="replica-retry")
    def _retry_replica(self, backend: Backend, arn: str, entry: ReplicationStatusEntry, force: bool) -> None:
        key = entry.KmsKeyId
        try:
            backend.remove_regions_from_replication(arn, [entry.Region])
            answer = backend.replicate_secret_to_regions(
                arn, [ReplicaRegion(Region=entry.Region, KmsKeyId=key)], force_overwrite=force
            )
        except SmtuiError as exc:
            self.post_message(ReplicaRetried(None, exc))
        else:
            self.post_message(ReplicaRetried(answer.ReplicationStatus, None))

    def on_replica_retried(self, event: ReplicaRetried) -> None:
        if event.error is not None:
            self.notify(f"{event.error.code or 'Error'}: {event.error.message}", severity="error")
            return
        entries = event.entries or []
        self.on_replicas_polled(ReplicasPolled(entries))
        self.refresh_bindings()
        backend = self.wizard.backend
        if self.result is not None and backend is not None and not settled(entries):
            self._poll(backend, self.result.ARN)

    # sample code (loaded only now: start-up never imports it) -----------------------------------------------
    def _show_sample_code(self, result: CreateSecretResult) -> None:
        from smtui.widgets.sample_code import SampleCode

        backend = self.wizard.backend
        region = backend.region if backend is not None else result.ARN.split(":")[3]
        local = backend is not None and backend.kind == "local"
        if not self.query("#sample-code"):
            self.query_one("#success", Vertical).mount(SampleCode(result.ARN, region, local=local, id="sample-code"))

    def action_copy_code(self) -> None:
        from smtui.widgets.sample_code import SampleCode

        for view in self.query("#sample-code").results(SampleCode):
            view.copy()

    # actions ------------------------------------------------------------------------------------------------
    @on(Button.Pressed, "#copy-arn")
    def action_copy_arn(self) -> None:
        if self.result is not None:
            self.app.copy_to_clipboard(self.result.ARN)  # the ARN only: the value never reaches a clipboard
            self.notify("ARN copied to the clipboard.")

    @on(Button.Pressed, "#create-another")
    def action_create_another(self) -> None:
        if self.result is not None:
            self.workers.cancel_group(self, "replication")
            self.wizard.create_another()

    @on(Button.Pressed, "#retry")
    def action_retry(self) -> None:
        if self.error is not None:
            self.submit()

    @on(Button.Pressed, "#fix")
    def action_fix(self) -> None:
        if self.error is not None:
            self.wizard.fail_to(self.error)

    @on(Button.Pressed, "#quit")
    def _quit(self) -> None:
        self.wizard.action_request_quit()

    # the resource policy, applied after the create (smtui.submission.apply_policy) ----------------------------
    def _show_policy_failure(self, error: SmtuiError | None) -> None:
        """The secret exists; its policy did not attach: say so with the service's words, and offer a retry."""
        status = self.query_one("#policy-status", Static)
        status.display = error is not None
        self.query_one("#apply-policy", Button).display = error is not None
        if error is not None:
            words = assemble((error.code or type(error).__name__, "bold"), f": {error.message}")
            status.update(
                lines([assemble(("The resource policy was not applied", "bold red"), " (the secret exists)."), words])
            )

    @on(Button.Pressed, "#apply-policy")
    def _apply_policy_again(self) -> None:
        backend = self.wizard.backend
        if self.result is not None and backend is not None:
            self.query_one("#policy-status", Static).update("Applying the resource policy…")
            self._apply(backend, self.result.ARN, self.wizard.draft)

    @work(thread=True, exclusive=True, exit_on_error=False, group="policy")
    def _apply(self, backend: Backend, arn: str, draft: Draft) -> None:
        self.post_message(PolicyApplied(apply_policy(backend, arn, draft)))

    def on_policy_applied(self, event: PolicyApplied) -> None:
        self._show_policy_failure(event.error)
        if event.error is None:
            self.notify("The resource policy is applied.")
            self.query_one("#copy-arn", Button).focus()
