"""Step 6 — replica regions: read-only copies of the secret in other regions, kept in sync by Secrets Manager.

Regions come from the target (`backend.regions()`), the primary left out. Each replica may use its own KMS key
(one that exists in that region): the highlighted region's eligible keys (enabled, symmetric, for encryption:
`Backend.list_kms_keys_in`) are listed under the key field, loaded in a worker once per region; Enter on one
puts it in the field. A key can still be typed (an id, ARN or alias of a key the target cannot list); the
Review's preflight checks it in that region. Force-overwrite decides what happens when a secret with the same name
already exists in a replica region.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual import on, work
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.message import Message
from textual.widgets import Checkbox, Input, Label, OptionList, Static
from textual.widgets.option_list import Option

from smtui.errors import SmtuiError
from smtui.model import KmsKey, ReplicaRegion, ValidationContext, validate_field
from smtui.screens.base import StepScreen
from smtui.widgets.issues import IssueLabel
from smtui.widgets.key_picker import key_choice, key_label
from smtui.widgets.region_picker import RegionPicker
from smtui.widgets.styled_text import plain

if TYPE_CHECKING:
    from smtui.backends.base import Backend

FORCE_HELP = (
    "If a secret with this name already exists in a chosen region, replication of that region "
    "fails, "
    "unless you allow overwriting it: then the existing secret there is replaced by the replica."
)


class RegionKeysLoaded(Message):
    """The keys eligible in `region` (or why the target could not list them)."""

    def __init__(self, region: str, keys: list[KmsKey] | None, error: SmtuiError | None) -> None:
        super().__init__()
        self.region, self.keys, self.error = region, keys, error


class ReplicasScreen(StepScreen):
    STEP = "replicas"
    INTRO = (
        "Optional: keep read-only copies in other regions (for disaster recovery or nearby readers). "
        "Space selects a region; leave the list empty for no replicas."
    )

    def compose_body(self) -> ComposeResult:
        yield RegionPicker([r.Region for r in self.draft.replicas], id="region-picker")
        with Horizontal(classes="field-row"):
            yield Label("Key for —", id="replica-key-label", classes="field-label")
            yield Input(placeholder="blank = that region's aws/secretsmanager", id="replica-key")
        yield OptionList(id="replica-keys")
        yield IssueLabel(id="replica-issues")
        yield Checkbox(
            "Overwrite a same-name secret in a replica region",
            self.draft.force_overwrite_replica_secret,
            id="force-overwrite",
        )
        yield Static(FORCE_HELP, classes="note")

    def on_mount(self) -> None:
        self._keys: dict[str, str] = {r.Region: r.KmsKeyId for r in self.draft.replicas if r.KmsKeyId}
        self._current: str | None = None
        self._region_keys: dict[str, RegionKeysLoaded] = {}  # the target's answer, by region
        self.query_one("#replica-key", Input).disabled = True
        self.query_one("#replica-keys").display = False
        self.query_one("#region-filter").focus()

    def backend_ready(self) -> None:
        backend = self.wizard.backend
        if backend is None:
            return
        picker = self.query_one(RegionPicker)
        for region, key in self._keys.items():
            picker.labels[region] = f"key {key}"
        # regions() is a static table for both backends (no I/O), so it is called here, not in a worker.
        picker.set_regions([r for r in backend.regions() if r != backend.region])

    @on(RegionPicker.Highlighted)
    def _highlighted(self, event: RegionPicker.Highlighted) -> None:
        self._store_key()
        self._current = event.region
        key_input = self.query_one("#replica-key", Input)
        key_input.disabled = event.region is None
        key_input.value = self._keys.get(event.region or "", "")
        self.query_one("#replica-key-label", Label).update(plain(f"Key for {event.region or '—'}"))
        self._show_region_keys()

    # the keys eligible in the highlighted region ----------------------------------------------------------
    def _show_region_keys(self) -> None:
        keys_list = self.query_one("#replica-keys", OptionList)
        region, backend = self._current, self.wizard.backend
        keys_list.display = region is not None
        if region is None or backend is None:
            return
        answer = self._region_keys.get(region)
        keys_list.clear_options()
        if answer is None:
            keys_list.add_option(Option(plain(f"Listing the keys of {region}…", "dim"), disabled=True))
            self._load_keys(backend, region)
        elif answer.keys is None:
            code = answer.error.code if answer.error and answer.error.code else "error"
            text = f"The keys of {region} could not be listed ({code}); type a key id, ARN or alias/NAME above."
            keys_list.add_option(Option(plain(text, "dim"), disabled=True))
        else:
            keys_list.add_options([Option(key_label(k)) for k in answer.keys])

    @work(thread=True, group="replica-keys", exit_on_error=False)
    def _load_keys(self, backend: Backend, region: str) -> None:
        try:
            self.post_message(RegionKeysLoaded(region, backend.list_kms_keys_in(region), None))
        except SmtuiError as exc:
            self.post_message(RegionKeysLoaded(region, None, exc))
        except Exception as exc:  # the step must survive anything the backend lets through
            self.post_message(RegionKeysLoaded(region, None, SmtuiError(type(exc).__name__)))

    def on_region_keys_loaded(self, event: RegionKeysLoaded) -> None:
        self._region_keys[event.region] = event
        if event.region == self._current:
            self._show_region_keys()

    @on(OptionList.OptionSelected, "#replica-keys")
    def _key_picked(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        answer = self._region_keys.get(self._current or "")
        if answer is None or answer.keys is None or not 0 <= event.option_index < len(answer.keys):
            return
        self.query_one("#replica-key", Input).value = key_choice(answer.keys[event.option_index])
        self._store_key()

    @on(Input.Submitted, "#replica-key")
    def _key_submitted(self) -> None:
        self._store_key()
        self.query_one("#region-list").focus()

    def _store_key(self) -> None:
        if self._current is None:
            return
        key = self.query_one("#replica-key", Input).value.strip()
        picker = self.query_one(RegionPicker)
        if key:
            self._keys[self._current] = key
            picker.labels[self._current] = f"key {key}"
        else:
            self._keys.pop(self._current, None)
            picker.labels.pop(self._current, None)

    @on(RegionPicker.Changed)
    def _changed(self) -> None:
        self._validate()

    def _replicas(self) -> list[ReplicaRegion]:
        picker = self.query_one(RegionPicker)
        return [ReplicaRegion(Region=r, KmsKeyId=self._keys.get(r)) for r in picker.selected]

    def _validate(self) -> bool:
        replicas = self._replicas()
        context = ValidationContext(region=self.wizard.region)
        issues = validate_field("AddReplicaRegions", replicas, context=context) if replicas else []
        self.query_one("#replica-issues", IssueLabel).show_issues(issues)
        return not any(i.severity == "error" for i in issues)

    def save(self) -> bool:
        self._store_key()
        self.draft.replicas = self._replicas()
        self.draft.force_overwrite_replica_secret = self.query_one("#force-overwrite", Checkbox).value
        return self._validate()
