"""The wizard: a Textual app that walks a person from an empty terminal to an ARN.

Design: the app owns the `Draft` (everything chosen so far, value included, in memory only), the open
`Backend`, and the routing between steps. Each step is a small screen (`smtui.screens.*`) made fresh from the
draft whenever it is shown, so leaving a step destroys its widgets (and any copy of the value they held) while
the draft keeps the choice. The backend is opened in a thread worker after the first frame: its constructor
may import boto3, talk to the keyring or open SQLite, and none of that may delay the first screen.
"""

from __future__ import annotations

import importlib
import sys
import threading
from collections.abc import Callable, Sequence
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

from textual import work
from textual.binding import Binding
from textual.message import Message
from textual.reactive import var
from textual.screen import ModalScreen, Screen

from smtui import routing
from smtui.draft import Draft
from smtui.errors import EXIT_INTERRUPTED, EXIT_OK, EXIT_OTHER, ConfigurationError, SmtuiError
from smtui.routing import step_for_error
from smtui.settings import TargetSettings
from smtui.widgets.key_order import InOrderKeysApp
from smtui.wizard_state import TargetState

if TYPE_CHECKING:  # the model (pydantic) and the backends load after the first frame
    from textual._path import CSSPathType  # Textual's type of CSS_PATH (not exported by textual.app)

    from smtui.backends.base import Backend
    from smtui.model import CreateSecretResult, Identity
    from smtui.output import OutputOptions
    from smtui.screens.host import WizardHost


class BackendOpened(Message):
    """`description` is `backend.describe_target()`, computed in the worker: for AWS it creates a client.

    `generation` is the open this answers (see TargetState): an answer to an older open is closed unused.
    """

    def __init__(
        self, generation: int, backend: Backend | None, error: SmtuiError | None, description: str = ""
    ) -> None:
        super().__init__()
        self.generation, self.backend, self.error, self.description = generation, backend, error, description


class IdentityResolved(Message):
    def __init__(self, generation: int, identity: Identity | None, error: SmtuiError | None) -> None:
        super().__init__()
        self.generation, self.identity, self.error = generation, identity, error


def draft_choices(draft: Draft) -> tuple[object, ...]:
    """What a person chose in the draft apart from the target and the value: what Ctrl+Q would lose."""
    return (
        draft.name,
        draft.description,
        draft.kms_key_id,
        draft.secret_type,
        draft.force_overwrite_replica_secret,
        tuple((t.Key, t.Value) for t in draft.tags),
        tuple((r.Region, r.KmsKeyId) for r in draft.replicas),
        draft.mode,
        draft.secret_id,
        draft.template,
        draft.resource_policy,
        draft.block_public_policy,
    )


class SmtuiApp(InOrderKeysApp):
    """The create-secret wizard (keys take effect in the order they arrive: see InOrderKeysApp)."""

    # absolute: subclasses (tests, tools) live elsewhere; Textual's own type, so a subclass may give a list
    CSS_PATH: ClassVar[CSSPathType | None] = str(Path(__file__).with_name("smtui.tcss"))
    LATER_CSS_PATH: ClassVar[Path] = Path(__file__).with_name("steps.tcss")  # loaded by _first_frame
    TITLE = "smtui"
    ENABLE_COMMAND_PALETTE = False
    BINDINGS: ClassVar = [
        Binding("ctrl+q", "request_quit", "Quit", priority=True, id="quit"),
        Binding("ctrl+c", "interrupt", "Interrupt", show=False, priority=True, id="interrupt"),
    ]

    # The target (backend, description, error, identity) as one reactive value that every step watches
    # (StepScreen.on_mount), and the secrets created so far: replaced, never mutated, so every change is seen.
    target_state: var[TargetState] = var(TargetState(), init=False)
    results: var[tuple[CreateSecretResult, ...]] = var((), init=False)

    def __init__(
        self,
        settings: TargetSettings | None = None,
        prefill: dict[str, Any] | None = None,
        *,
        cursor_blink: bool = True,
        opener: Callable[[TargetSettings], Backend] | None = None,
    ) -> None:
        """`opener` replaces `smtui.backends.open_backend` (tests: a fixed, deterministic target)."""
        super().__init__()
        from smtui.hardening import harden_app

        harden_app(self)  # no TEXTUAL_LOG / devtools (they record every key), no locals in crash reports
        self.cursor_blink = cursor_blink
        self._opener = opener
        self.draft = Draft(target=(settings or TargetSettings()).with_env())
        apply_prefill(self.draft, prefill or {})
        self._generation = 0  # the latest open of the target (TargetState.generation)
        # Every backend a worker opened and nobody closed yet: closed when replaced, stale, or at exit.
        self._live: list[Backend] = []
        self._live_lock = threading.Lock()
        self._baseline = draft_choices(self.draft)  # Ctrl+Q asks only when something differs from this
        self._return_to_review = False  # a step opened from Review: Next goes back there
        self._failure: tuple[str, SmtuiError] | None = None
        self.after_first_frame: list[Callable[[], object]] = []  # run_wizard: process hardening
        self.after_first_open: list[Callable[[], object]] = []  # run_wizard: the thread switch interval back

    # life cycle ---------------------------------------------------------------------------------------------
    def get_default_screen(self) -> Screen[Any]:
        """The first step is the app's default screen (the bottom of the stack, never popped).

        Why not a blank default screen with the first step pushed over it: Textual would then mount, lay out
        and draw two screens before the first frame, ~15% of the start-up budget. The later steps replace one
        another above it (see goto), so the same step is never shown twice from a stale screen.
        """
        from smtui.startup.first_frame import first_screen

        return first_screen(make_step("target"))

    def on_mount(self) -> None:
        self.call_after_refresh(self._first_frame)

    def _first_frame(self) -> None:
        """The first frame is on the terminal: now the work that must not delay it.

        The start-up's deferrals first (smtui.startup.first_frame: the GC back on, the later steps'
        stylesheet), then the hooks (process hardening); opening the backend may import boto3 or block on the
        keyring.
        """
        from smtui.startup.first_frame import first_frame_drawn

        first_frame_drawn(self, self.LATER_CSS_PATH)
        for hook in self.after_first_frame:
            hook()
        self.open_backend()

    def on_unmount(self) -> None:
        self.draft.clear_value()
        with self._live_lock:
            live, self._live = self._live, []
        for backend in live:
            backend.close()

    # backend ------------------------------------------------------------------------------------------------
    @property
    def backend(self) -> Backend | None:
        return self.target_state.backend

    @property
    def target_description(self) -> str:
        return self.target_state.description

    @property
    def backend_error(self) -> SmtuiError | None:
        return self.target_state.error

    @property
    def identity(self) -> Identity | None:
        return self.target_state.identity

    @property
    def identity_error(self) -> SmtuiError | None:
        return self.target_state.identity_error

    def open_backend(self, settings: TargetSettings | None = None) -> None:
        """(Re)open the backend for `settings` (default: the draft's target) in a worker.

        The backend in use is closed now: it is replaced, and a replaced backend that stayed open would keep
        its connection (for the local store, a handle on the shared connection) until the process ends.
        """
        if settings is not None:
            self.draft.target = settings
        self._generation += 1
        old = self.target_state.backend
        self.target_state = TargetState(generation=self._generation)
        if old is not None:
            self._close(old)
        self._open_backend(self.draft.target, self._generation)

    def _keep(self, backend: Backend) -> bool:
        """Record a backend a worker opened; False (and it is closed) when the app is already shutting down."""
        with self._live_lock:
            if not self._closing:
                self._live.append(backend)
                return True
        backend.close()
        return False

    def _close(self, backend: Backend) -> None:
        with self._live_lock:
            if backend in self._live:
                self._live.remove(backend)
        backend.close()

    @work(thread=True, exclusive=True, group="backend", exit_on_error=False)
    def _open_backend(self, settings: TargetSettings, generation: int) -> None:
        if self._opener is not None:
            opener = self._opener
        else:
            from smtui.backends import open_backend as opener
        try:
            backend = opener(settings)
        except SmtuiError as exc:
            self.post_message(BackendOpened(generation, None, exc))
            return
        except Exception as exc:  # an unexpected failure must reach the screen, not kill the wizard
            error = ConfigurationError(f"The target could not be opened: {exc}")
            self.post_message(BackendOpened(generation, None, error))
            return
        if not self._keep(backend):
            return
        try:
            provider = getattr(getattr(backend, "keys", None), "provider", None)  # a key file (given or remembered)
            if self._opener is None and backend.kind == "local" and getattr(provider, "name", "") == "keyring":
                probe_keyring()
            description = backend.describe_target()
        except Exception as exc:  # opened, then not usable: it is closed (it would hold the store otherwise)
            self._close(backend)
            unusable = (
                exc if isinstance(exc, SmtuiError) else ConfigurationError(f"The target could not be opened: {exc}")
            )
            self.post_message(BackendOpened(generation, None, unusable))
            return
        self.post_message(BackendOpened(generation, backend, None, description))
        try:
            self.post_message(IdentityResolved(generation, backend.whoami(), None))
        except SmtuiError as exc:
            self.post_message(IdentityResolved(generation, None, exc))
        except Exception as exc:
            self.post_message(IdentityResolved(generation, None, ConfigurationError(str(exc))))

    def on_backend_opened(self, event: BackendOpened) -> None:
        hooks, self.after_first_open = self.after_first_open, []
        for hook in hooks:  # once: the first open is answered (opened or not)
            hook()
        if event.generation != self._generation:  # an older open, answered after a newer one began
            if event.backend is not None:
                self._close(event.backend)
            return
        if event.backend is not None and self.draft.target.backend != event.backend.kind:
            self.draft.target = replace(self.draft.target, backend=event.backend.kind)
        self.target_state = TargetState(
            generation=event.generation, backend=event.backend, description=event.description, error=event.error
        )

    def on_identity_resolved(self, event: IdentityResolved) -> None:
        state = self.target_state
        if event.generation == state.generation and state.backend is not None:
            self.target_state = replace(state, identity=event.identity, identity_error=event.error)

    @property
    def region(self) -> str | None:
        return self.backend.region if self.backend is not None else None

    def target_line(self) -> str:
        """One short line naming where the secret will be created."""
        if self.backend is None:
            return "target not ready" if self.backend_error else "opening the target…"
        account = f" · account {self.identity.Account}" if self.identity else ""
        return f"{self.backend.kind} · {self.backend.region}{account}"

    # routing (the steps and their order: smtui.routing) -------------------------------------------------------
    def goto(self, step: str) -> None:
        """Show a fresh screen for `step` above the default one (the first step's, see get_default_screen)."""
        if step == "review":
            self._return_to_review = False
        screen = make_step(step)
        if len(self.screen_stack) <= 1:
            self.push_screen(screen)
        else:
            self.switch_screen(screen)

    def jump_from_review(self, step: str) -> None:
        """Review's jump to a step: once that step is done, Next comes back to Review (the later steps were
        already seen and are kept in the draft)."""
        self.goto(step)
        self._return_to_review = step != "review"

    def next_step(self, step: str) -> None:
        steps = routing.steps_for(self.draft.mode)  # put mode: Target, Secret, Value, Review
        index = routing.position(step, self.draft.mode)
        if self._return_to_review and index < len(steps):
            self.goto("review")
        elif index < len(steps):
            self.goto(steps[index].id)
        else:
            self.submit()

    def review_now(self, step: str) -> None:
        """Straight to Review from `step` (saved): the optional steps keep what the draft has, their defaults
        when never shown. A name the draft does not have yet (put aside through Back) sends the person to the
        Name step instead, with the rule it breaks; Review itself checks everything again."""
        from smtui.model import validate_field

        issues = [i for i in validate_field("Name", self.draft.name) if i.severity == "error"]
        if issues and self.draft.mode == "create":
            self.notify(issues[0].message, title="Review now needs a name", severity="warning")
            self.goto("name")
            return
        self.goto("review")

    def previous_step(self, step: str) -> None:
        index = routing.position(step, self.draft.mode)
        if index > 1:
            self.goto(routing.steps_for(self.draft.mode)[index - 2].id)
        else:
            self.action_request_quit()

    def submit(self) -> None:
        from smtui.screens.result import SubmitScreen

        self.switch_screen(SubmitScreen())

    def fail_to(self, error: SmtuiError, step: str | None = None) -> None:
        """Show `error` on the step that must change, everything typed still in the draft."""
        step = step or step_for_error(error)
        if step not in {s.id for s in routing.steps_for(self.draft.mode)}:
            step = "review"  # put mode has no Encryption or Name step to change: Review says what failed
        self._failure = (step, error)
        self._return_to_review = False
        self.goto(step)

    def take_failure(self, step: str) -> SmtuiError | None:
        if self._failure is not None and self._failure[0] == step:
            error = self._failure[1]
            self._failure = None
            return error
        return None

    def create_another(self) -> None:
        """A new secret with the same target and settings: new token, no value, no name."""
        self.draft.clear_value()
        self.draft.renew_token()
        self.draft.name = ""
        self._baseline = draft_choices(self.draft)  # the new start: only what is changed from here is at stake
        self._return_to_review = False
        self.goto("secret" if self.draft.mode == "put" else "name")  # put mode: another value, maybe elsewhere

    def add_result(self, result: CreateSecretResult) -> None:
        """A secret was created: what the draft holds is now in the target, so nothing of it can be lost."""
        self.results = (*self.results, result)
        self._baseline = draft_choices(self.draft)

    def update_result(self, result: CreateSecretResult) -> None:
        """A newer state of a created secret (its replicas settling): this is what is printed on exit."""
        self.results = tuple(result if old.ARN == result.ARN else old for old in self.results)

    def has_something_to_lose(self) -> bool:
        """Whether quitting now would drop something the person entered: a value (in the draft or in the
        Value step's widgets), choices that differ from the start (or from "Create another"), or input the
        current step holds and has not saved into the draft yet."""
        if self.draft.secret_string is not None or self.draft.secret_binary is not None:
            return True
        if draft_choices(self.draft) != self._baseline:
            return True
        from smtui.screens.base import StepScreen

        below = [screen for screen in self.screen_stack if not isinstance(screen, ModalScreen)]
        current = below[-1] if below else None  # the step the person is on, under any modal
        return isinstance(current, StepScreen) and current.has_unsaved_input()

    # actions ------------------------------------------------------------------------------------------------
    def action_help(self) -> None:
        from smtui.screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen())

    def action_request_quit(self) -> None:
        """Quit, asking first exactly when something would be lost (has_something_to_lose).

        A quit is a normal end (exit 0), with or without a secret created: 130 is for Ctrl+C, an interrupt.
        """
        from smtui.screens.confirm_quit import ConfirmQuitScreen

        if isinstance(self.screen, ConfirmQuitScreen):
            return
        if not self.has_something_to_lose():
            self.draft.clear_value()
            self.exit(EXIT_OK)
            return

        def done(quit_now: bool | None) -> None:
            if quit_now:
                self.draft.clear_value()
                self.exit(EXIT_OK)

        self.push_screen(ConfirmQuitScreen(), done)

    def action_interrupt(self) -> None:
        """Ctrl+C: stop at once, as a terminal program should (exit 130, or 0 after a success)."""
        self.draft.clear_value()
        self.exit(EXIT_OK if self.results else EXIT_INTERRUPTED)


if TYPE_CHECKING:

    def _hosts_the_screens(app: SmtuiApp) -> WizardHost:
        """mypy's check that the app is what the screens expect of their host (smtui.screens.host)."""
        return app


def probe_keyring() -> None:
    """Raise ConfigurationError now when the local store would have no keyring for its keys.

    The local store touches the keyring only when it first needs a key (at the first create); the Target step
    must know before, to offer the key file. Uses the store's own refusal rules (no plaintext keyrings).
    """
    from smtui.backends.local.material import KeyringProvider

    KeyringProvider()._keyring()


def make_step(step: str) -> Screen[None]:
    """A fresh screen for `step`, its module imported only now: the first frame loads the first step alone."""
    module, _, name = routing.step(step).screen.partition(":")
    screen: type[Screen[None]] = getattr(importlib.import_module(module), name)
    return screen()


def apply_prefill(draft: Draft, prefill: dict[str, Any]) -> None:
    """Start the draft from what the command line gave (AWS member names, as --cli-input-json has them).

    The value is never prefilled: it enters only through the Value step.
    """

    draft.name = str(prefill.get("Name") or draft.name)
    draft.description = str(prefill.get("Description") or draft.description)
    draft.kms_key_id = str(prefill.get("KmsKeyId") or draft.kms_key_id)
    if prefill.get("Tags") or prefill.get("AddReplicaRegions"):
        from smtui.model import ReplicaRegion, Tag  # only then: pydantic loads after the first frame otherwise
    if prefill.get("Tags"):
        draft.tags = [t if isinstance(t, Tag) else Tag.model_validate(t) for t in prefill["Tags"]]
    if prefill.get("AddReplicaRegions"):
        draft.replicas = [
            r if isinstance(r, ReplicaRegion) else ReplicaRegion.model_validate(r) for r in prefill["AddReplicaRegions"]
        ]
    draft.force_overwrite_replica_secret = bool(prefill.get("ForceOverwriteReplicaSecret", False))
    if prefill.get("Type"):
        draft.secret_type = str(prefill["Type"])
    if prefill.get("ClientRequestToken"):
        draft.client_request_token = str(prefill["ClientRequestToken"])


def run_wizard(settings: TargetSettings, prefill: dict[str, Any], output: OutputOptions) -> int:
    """Run the wizard; after a success print the CreateSecret result(s) to stdout as `output` asks.

    Returns the process exit code: 0 after a success or a quit (Ctrl+Q, q, Quit), 130 after Ctrl+C.
    """
    app = SmtuiApp(settings, prefill)
    # No core dumps, not dumpable: done right after the first frame (ctypes and resource load then), still long
    # before a value can exist: the value step comes after the first.
    app.after_first_frame.append(_harden_process)
    from smtui.startup.first_frame import quick_handoff

    restore_switching = quick_handoff()  # the first frame reaches the terminal without waiting behind other work
    app.after_first_open.append(restore_switching)
    try:
        code = app.run()
    except KeyboardInterrupt:
        code = EXIT_INTERRUPTED
    finally:
        restore_switching()  # also when the wizard ends before its target answered
        app.draft.clear_value()
    if app.results:
        sys.stdout.write(render_results(app.results, output))
    if code is None:
        return EXIT_OTHER if app.return_code not in (None, 0) else EXIT_INTERRUPTED
    return code


def _harden_process() -> None:
    from smtui.hardening import harden_process  # looked up at call time: tests replace it

    harden_process()


def render_results(results: Sequence[CreateSecretResult], output: OutputOptions) -> str:
    """The results as `smtui create-secret` would print them (one document per secret created)."""
    from smtui.output import render_each

    return render_each((result.to_aws() for result in results), output, title="CreateSecret")
