"""Step 1 — where the secret will be created: the local store or AWS.

The backend opens in the app's worker; this screen shows what is resolved so far (path, profile, region,
endpoint, account, caller ARN). The Profile field suggests the profiles of the AWS config and credentials files
(smtui.backends.profiles, read in a worker the first time the AWS rows are shown); any name can still be typed.
When the local store has no usable OS keyring it says so and offers the opt-in
key file, with the trade-off spelled out: the key then sits in a file protected only by file permissions.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from textual import on, work
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.widget import Widget
from textual.widgets import Input, RadioButton, RadioSet, Static

if TYPE_CHECKING:  # Button loads (with its large stylesheet) only when the key file is offered
    from textual.widgets import Button

from smtui.screens.base import StepScreen
from smtui.screens.choices import ChoiceButton, ChoiceSet
from smtui.settings import BackendKind
from smtui.widgets.styled_text import Part, assemble, lines, plain

if TYPE_CHECKING:
    from smtui.backends.profiles import ProfileList
    from smtui.settings import TargetSettings
    from smtui.wizard_state import TargetState

KEY_FILE_TRADE_OFF = (
    "No usable OS keyring was found, so the local store has nowhere safe to keep its key. You can opt in "
    "to a key file instead: it is simpler, but anyone who can read that file (or a backup of it) can "
    "decrypt the store. "
    "Keep it on this machine, readable only by you."
)


#: (input id, label, TargetSettings attribute, placeholder, backend) of the target's editable settings.
TARGET_FIELDS = (
    ("target-profile", "Profile", "profile", "from AWS_PROFILE / default", "aws"),
    ("target-endpoint", "Endpoint", "endpoint_url", "AWS's own (or an http(s) URL)", "aws"),
    ("target-store", "Store", "store", "~/.local/share/smtui/store.db", "local"),
)


class ProfilesRead(Message):
    """The profile names of the AWS config files, read in a worker (an empty list when none could be read)."""

    def __init__(self, profiles: ProfileList) -> None:
        super().__init__()
        self.profiles = profiles


class TargetScreen(StepScreen):
    STEP = "target"
    INTRO = (
        "Choose where the secret is created: in AWS Secrets Manager, or in smtui's encrypted local "
        "store on "
        "this computer (for trying things out, or working offline)."
    )

    def compose_body(self) -> ComposeResult:
        kind, put = self.draft.target.backend, self.draft.mode == "put"
        with ChoiceSet(id="target-mode"):  # create is the default: Ctrl+N goes on to Name with no other key
            yield ChoiceButton("Create a secret", value=not put, id="mode-create")
            yield ChoiceButton("Put a new value into an existing secret", value=put, id="mode-put")
        with ChoiceSet(id="target-kind"):
            yield ChoiceButton("AWS Secrets Manager", value=kind == "aws", id="kind-aws")
            yield ChoiceButton("Local encrypted store", value=kind == "local", id="kind-local")
        target = self.draft.target
        with Horizontal(classes="field-row"):
            yield Static("Region", classes="field-label")  # not Label: one widget stylesheet less to parse
            yield Input(target.region or "", placeholder="from the profile / environment", id="target-region")
        # The fields the command line's --profile, --endpoint-url and --store set are mounted right after the
        # first frame (_mount_fields), just above the details: three guarded inputs and their module cost ~8% of
        # a bare Textual app's start-up (docs/performance.md (d)), and nobody can type into them sooner.
        yield Static("Opening the target…", id="target-details")
        # The key-file box (#key-file-box) is mounted only when it is offered (see _key_file_box): it is rarely
        # needed, and leaving it (and Button) out keeps the first frame quick (the start-up budget,
        # docs/performance.md (d)).

    _profiles_asked = False
    _profiles_hint = ""
    _fields_mounted = False
    _key_file_offered = False

    @work(thread=True, group="profiles", exit_on_error=False)
    def _read_profiles(self) -> None:
        from smtui.backends.profiles import ProfileList, read_profiles

        try:
            profiles = read_profiles()
        except Exception as exc:  # botocore's own surprise: the step must survive it, and the field still types
            note = f"The AWS config files could not be read ({type(exc).__name__}); a profile can still be typed."
            profiles = ProfileList(notes=(note,))
        self.post_message(ProfilesRead(profiles))

    def on_profiles_read(self, event: ProfilesRead) -> None:
        from textual.suggester import SuggestFromList

        names = list(event.profiles.names)
        for field in self.query("#target-profile").results(Input):
            field.suggester = SuggestFromList(names, case_sensitive=True)
        self._profiles_hint = event.profiles.hint()
        for line in self.query("#target-profiles").results(Static):
            line.update(plain(self._profiles_hint))  # names from the person's files: never markup
        self.refresh_details()

    def _key_file_box(self) -> Vertical | None:
        """The key-file box if it has been mounted (it exists only once offered)."""
        boxes = self.query("#key-file-box")
        return boxes.first(Vertical) if boxes else None

    def _offer_key_file(self) -> None:
        """Mount the key-file box below the details, with the default path filled in, and focus it."""
        from textual.widgets import Button

        path_input = Input(
            str(self._default_key_file()), placeholder="path of the key file", id="key-file-path"
        )  # only now: platformdirs
        self.still_cursor(path_input)
        box = Vertical(
            Static(KEY_FILE_TRADE_OFF, id="key-file-why"),
            Horizontal(path_input, Button("Use a key file", id="use-key-file"), classes="field-row"),
            id="key-file-box",
        )
        self.call_next(self._mount_key_file_box, box)

    async def _mount_key_file_box(self, box: Vertical) -> None:
        await self.query_one("#step-body").mount(box)
        self._show_key_file_box()

    def _show_key_file_box(self) -> None:
        self.query_one("#key-file-path", Input).focus()
        self.query_one("#key-file-box").scroll_visible()

    def on_mount(self) -> None:
        # StepScreen.on_mount runs too (Textual dispatches handlers along the MRO): no super() call here.
        self.refresh_details()
        self.call_after_refresh(self._mount_fields)

    async def _mount_fields(self) -> None:
        """The Profile, Endpoint and Store rows (only the chosen backend's are displayed, refresh_details)."""
        from smtui.widgets.guarded_input import GuardedInput

        target, rows = self.draft.target, list[Widget]()
        for field_id, label, value, hint, kinds in TARGET_FIELDS:
            # Guarded like Name: a secret pasted here by mistake is held, never drawn, until it is kept.
            field = GuardedInput(str(getattr(target, value) or ""), placeholder=hint, id=field_id, label=label)
            self.still_cursor(field)
            rows.append(
                Horizontal(
                    Static(label, classes="field-label"),
                    field,
                    classes=f"field-row target-field for-{kinds}",
                    id=f"row-{field_id}",
                )
            )
            if field_id == "target-profile":  # the profiles found, once read; shown on the AWS rows only
                profiles = Static("", id="target-profiles")
                profiles.display = False
                rows.append(profiles)
        bodies = self.query("#step-body")
        if not bodies or not self.is_attached:
            return  # the app is stopping (a signal at start-up): nothing to add to
        await bodies.first().mount_all(rows, before="#target-details")
        self._fields_mounted = bool(self.query("#target-store"))
        self.refresh_details()

    def backend_ready(self) -> None:
        self.refresh_details()

    def target_changed(self, old: TargetState, new: TargetState) -> None:
        super().target_changed(old, new)  # the header (and backend_ready, which refreshes too, for a new one)
        self.refresh_details()  # also when opening failed, and when the identity is known

    def _default_key_file(self) -> Path:
        target = self.draft.target
        if target.key_file:
            return target.key_file
        if target.store:
            return target.store.with_suffix(".key")
        from platformdirs import user_data_path

        return user_data_path("smtui") / "store.key"

    def refresh_details(self) -> None:
        app, details = self.wizard, self.query_one("#target-details", Static)
        box = self._key_file_box()
        kind = self.draft.target.backend
        self.query_one("#kind-aws", RadioButton).value = kind == "aws"
        self.query_one("#kind-local", RadioButton).value = kind == "local"
        for row in self.query(".target-field"):
            row.display = row.has_class(f"for-{kind or 'aws'}")
        if self._fields_mounted:
            for line in self.query("#target-profiles"):  # none while the app shuts down around a late refresh
                line.display = kind != "local" and bool(self._profiles_hint)
        if self._fields_mounted and kind != "local" and not self._profiles_asked:  # the AWS rows: their profiles
            self._profiles_asked = True
            self._read_profiles()
        if app.backend is None:
            error = app.backend_error
            if error is None:
                details.update("Opening the target…")
                if box is not None:
                    box.display = False
                return
            offer_key_file = kind != "aws" and error.code == "NoKeyring"
            if offer_key_file:  # the box below says it in fewer words, with the way out
                details.update(assemble(("The local store cannot be used yet:", "bold red"), " no usable OS keyring."))
            else:
                hint = f"\n{error.hint}" if error.hint else ""
                details.update(assemble(("Not usable:", "bold red"), f" {error.message}{hint}"))
            if offer_key_file and box is None:
                if not self._key_file_offered:  # its mount is on its way: once, however often this runs
                    self._key_file_offered = True
                    self._offer_key_file()
            elif box is not None:
                if offer_key_file and not box.display:
                    box.display = True
                    self._show_key_file_box()
                box.display = offer_key_file
            return
        if box is not None:
            box.display = False
        rows: list[Part] = [app.target_description]  # paths, profile, endpoint, ARN: plain text, never markup
        if app.identity is not None:
            rows.append(assemble("Account ", (app.identity.Account, "bold"), f" as {app.identity.Arn}"))
        elif app.identity_error is not None:
            rows.append((f"Who am I? {app.identity_error.message}", "red"))
        else:
            rows.append(("Resolving the account…", "dim"))
        details.update(lines(rows))
        region = self.query_one("#target-region", Input)
        if not region.value:
            region.value = app.backend.region

    @on(RadioSet.Changed, "#target-mode")
    def _mode_changed(self, event: RadioSet.Changed) -> None:
        """Put mode's steps (Secret instead of Name and the optional ones) follow from draft.mode."""
        self.draft.mode = "put" if event.pressed.id == "mode-put" else "create"

    @on(RadioSet.Changed, "#target-kind")
    def _kind_changed(self, event: RadioSet.Changed) -> None:
        kind: BackendKind = "aws" if event.pressed.id == "kind-aws" else "local"
        if kind != self.draft.target.backend:
            # The region shown stays the region used: what the person sees is what they get.
            region = self.query_one("#target-region", Input).value.strip() or self.draft.target.region
            self.wizard.open_backend(replace(self.draft.target, backend=kind, region=region))
            self.refresh_details()

    @on(Input.Submitted, "#target-region, #target-profile, #target-endpoint, #target-store")
    def _region_submitted(self) -> None:
        if self._apply_region():
            self.action_next()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "use-key-file":  # by name, not @on(Button.Pressed): Button loads only when needed
            self._use_key_file()

    @on(Input.Submitted, "#key-file-path")
    def _use_key_file(self) -> None:
        path = Path(self.query_one("#key-file-path", Input).value).expanduser()
        self.wizard.open_backend(replace(self.draft.target, backend="local", key_file=path))
        self.refresh_details()

    def _typed(self, field_id: str) -> str | None:
        """What the field holds; None when it is empty."""
        return self.query_one(f"#{field_id}", Input).value.strip() or None

    def _apply_region(self) -> bool:
        """True when region, profile, endpoint and store path are unchanged; otherwise reopen the target with
        what is typed (opening checks them: a bad endpoint or an unusable store path is shown as the target's
        error, in the words of the backend that refused it)."""
        target = self.draft.target
        region = self._typed("target-region")
        if not self._fields_mounted:  # Ctrl+N before the first frame's follow-up: nothing typed in them yet
            return region is None or region == self.wizard.region or self._reopen(replace(target, region=region))
        wanted = replace(
            target,
            region=target.region if region is None or region == self.wizard.region else region,
            profile=self._typed("target-profile"),
            endpoint_url=self._typed("target-endpoint"),
            store=Path(store).expanduser() if (store := self._typed("target-store")) else target.store,
        )
        return wanted == target or self._reopen(wanted)

    def _reopen(self, wanted: TargetSettings) -> bool:
        self.wizard.open_backend(wanted)
        self.refresh_details()
        return False

    def has_unsaved_input(self) -> bool:
        return False  # the target is chosen again in seconds: quitting from here loses nothing typed

    def save(self) -> bool:
        if not self._apply_region():
            return False
        if self.wizard.backend is None:
            self.app.bell()
            return False
        return True
