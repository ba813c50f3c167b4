"""The wizard at each step, on the fixed target: shared by the snapshot tests and tests/tools/export_screenshots.py.

Each scene starts with `await pilot.pause()` (before the first layout a key or click can land in the wrong place)
and ends with the workers done, so the picture is the same on every run.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

from textual.pilot import Pilot

from smtui.app import SmtuiApp
from smtui.errors import ConfigurationError
from smtui.model import messages as msg
from smtui.settings import TargetSettings
from tests.ui.fixed_target import PUT_SECRET, TAKEN, FixedTarget, SettledTarget, secret_arn
from tests.ui.wizard_driver import settle, type_into, wait_for_name_check, wait_for_replicas_settled
from tests.waiting import wait_until

SNAP_MARKER = "Zq9-snap-marker-c41d"  # typed into the value step of every scene; must never be in a picture


PREFILL = {
    "ClientRequestToken": "7d3c1a52-9b4e-4f0a-8c61-2e5f9d0b4a17",  # fixed: it is shown (and is the VersionId)
    "Name": "prod/payments/db-password",
    "Description": "Password of the payments database",
    "Tags": [{"Key": "team", "Value": "payments"}, {"Key": "env", "Value": "prod"}],
    "AddReplicaRegions": [{"Region": "eu-west-1"}, {"Region": "eu-central-1"}],
}


def make_app(*, filled: bool = True) -> SmtuiApp:
    """The wizard on the fixed target; `filled` starts from a complete draft (as `smtui --cli-input-json`
    would), so a scene can open its step directly instead of walking every step before it (the pilot flow
    tests walk them)."""
    return SmtuiApp(TargetSettings(backend="local"), PREFILL if filled else {}, cursor_blink=False, opener=FixedTarget)


def put_app() -> SmtuiApp:
    """Put mode's scenes: nothing of create's draft, only its fixed token (Review shows it; it is the new
    VersionId)."""
    token = {"ClientRequestToken": PREFILL["ClientRequestToken"]}
    return SmtuiApp(TargetSettings(backend="local"), token, cursor_blink=False, opener=FixedTarget)


def settled_app(failed: dict[str, str], prefill: dict[str, Any] = PREFILL) -> Callable[[], SmtuiApp]:
    """The Result scenes' wizard: create's draft, its replicas settled in CreateSecret's answer (`failed`: region
    -> the local store's message), so the Result screen polls nothing and the picture waits for no timer."""

    def make() -> SmtuiApp:
        def opener(settings: TargetSettings) -> SettledTarget:
            return SettledTarget(settings, failed=failed)

        return SmtuiApp(TargetSettings(backend="local"), prefill, cursor_blink=False, opener=opener)

    return make


#: eu-west-1 holds another secret of the name (the overwrite question); eu-central-1's replica asks for the payments
#: key, which is us-east-1's only (a second reason to fail, that no overwrite fixes).
NAME_TAKEN_THERE = {"eu-west-1": msg.REPLICA_NAME_EXISTS}
BOTH_FAILED = {
    **NAME_TAKEN_THERE,
    "eu-central-1": msg.REPLICA_KMS_UNUSABLE.format(key="alias/payments", region="eu-central-1"),
}
PAYMENTS_KEY_REPLICA = {
    **PREFILL,
    "AddReplicaRegions": [{"Region": "eu-west-1"}, {"Region": "eu-central-1", "KmsKeyId": "alias/payments"}],
}


def no_keyring_app() -> SmtuiApp:
    """A machine without an OS keyring: the target step offers the key file (the real refusal is tested in
    test_wizard_flow.py::test_no_keyring_offers_a_key_file)."""

    def opener(settings: TargetSettings) -> FixedTarget:
        if settings.key_file is None:
            raise ConfigurationError("No usable OS keyring for the local store's keys.", code="NoKeyring")
        return FixedTarget(settings)

    store = Path("~/.local/share/smtui/store.db")  # unexpanded: the same picture on every machine
    return SmtuiApp(TargetSettings(backend="local", store=store), cursor_blink=False, opener=opener)


def wizard(pilot: Pilot[int]) -> SmtuiApp:
    assert isinstance(pilot.app, SmtuiApp)
    return pilot.app


async def open_step(pilot: Pilot[int], step: str, *, with_value: bool = True) -> None:
    await pilot.pause()
    await settle(pilot)
    if with_value:
        wizard(pilot).draft.set_string_value(SNAP_MARKER, "typed")
    wizard(pilot).goto(step)
    await settle(pilot)


async def open_put_step(pilot: Pilot[int], step: str, *, picked: bool = True, with_value: bool = True) -> None:
    """A put-mode step, as chosen on the Target step ("Put a new value into an existing secret"), the secret
    picked from the list and the value typed when the step comes after them."""
    await pilot.pause()
    await settle(pilot)
    draft = wizard(pilot).draft
    draft.mode = "put"
    if picked:
        draft.secret_id, draft.name = secret_arn(PUT_SECRET), PUT_SECRET
    if with_value:
        draft.set_string_value(SNAP_MARKER, "typed")
    wizard(pilot).goto(step)
    await settle(pilot)


async def _target(pilot: Pilot[int]) -> None:
    await pilot.pause()
    await settle(pilot)


async def _name(pilot: Pilot[int]) -> None:
    await open_step(pilot, "name", with_value=False)
    await type_into(pilot, "#name", "prod/payments/db-password")
    await wait_for_name_check(pilot)


async def type_value(pilot: Pilot[int]) -> None:
    """The marker typed into the Value step's single-line field and its confirmation."""
    await type_into(pilot, "#single-value", SNAP_MARKER)
    await type_into(pilot, "#single-confirm", SNAP_MARKER)
    await settle(pilot)


async def _value(pilot: Pilot[int]) -> None:
    await open_step(pilot, "value", with_value=False)
    await type_value(pilot)


async def _encryption(pilot: Pilot[int]) -> None:
    await open_step(pilot, "encryption")
    await type_into(pilot, "#key-filter", "pay")


async def _tags(pilot: Pilot[int]) -> None:
    await open_step(pilot, "tags")
    await type_into(pilot, "#tag-key", "aws:owner")
    await type_into(pilot, "#tag-value", "me")
    await pilot.press("enter")  # refused: the model's reserved-prefix message shows under the fields
    await settle(pilot)


async def _replicas(pilot: Pilot[int]) -> None:
    await open_step(pilot, "replicas")
    await type_into(pilot, "#region-filter", "eu-")
    await settle(pilot)


async def _review(pilot: Pilot[int]) -> None:
    await open_step(pilot, "review")


async def _result(pilot: Pilot[int]) -> None:
    await open_step(pilot, "review")
    await pilot.press("ctrl+n")
    await wait_for_replicas_settled(pilot)  # the picture shows the final state, whatever the machine's load


async def _created(pilot: Pilot[int]) -> None:
    """Review, Create, and the answer shown: the replicas are settled in it (settled_app)."""
    await open_step(pilot, "review")
    await pilot.press("ctrl+n")
    await wait_until(pilot, lambda: getattr(pilot.app.screen, "result", None) is not None, "the create's answer")
    await wait_for_replicas_settled(pilot)


async def _replica_failed(pilot: Pilot[int]) -> None:
    """One replica Failed (its whole message under the table), one InSync; `t` Retry replica in the footer."""
    await _created(pilot)
    await wait_until(pilot, lambda: pilot.app.screen.query_one("#replica-failures").display, "the failure's words")


async def _open_retry(pilot: Pilot[int], modal: str) -> None:
    await _created(pilot)
    await pilot.press("t")
    await wait_until(pilot, lambda: type(pilot.app.screen).__name__ == modal, modal)
    await settle(pilot)


async def _retry_choose_replica(pilot: Pilot[int]) -> None:
    """Two replicas Failed, `t`: which one to retry."""
    await _open_retry(pilot, "ChooseReplica")


async def _retry_overwrite(pilot: Pilot[int]) -> None:
    """The one Failed replica's region holds another secret of the name: `t` asks before overwriting it."""
    await _open_retry(pilot, "ConfirmOverwrite")


async def _sample_code(pilot: Pilot[int]) -> None:
    """The Result screen scrolled to the sample code, its boto3 tab shown (the ARN in it, never the value)."""
    from textual.widgets import TabbedContent

    from smtui.screens.base import StepBody

    await _created(pilot)
    screen = pilot.app.screen
    screen.query_one("#sample-tabs", TabbedContent).active = "sample-boto3"
    await settle(pilot)
    body = screen.query_one("#step-body", StepBody)
    title = screen.query_one("#sample-code .sample-title")
    body.scroll_to_widget(title, top=True, animate=False)

    def at_top() -> bool:  # the title on the body's first line, or the body scrolled as far as it goes
        return title.region.y == body.region.y or body.scroll_y == body.max_scroll_y

    await wait_until(pilot, at_top, "the sample code scrolled into view")
    await settle(pilot)


async def _permissions(pilot: Pilot[int]) -> None:
    """The role template chosen with the keys a person presses, and a role ARN typed: checked as typed."""
    await open_step(pilot, "permissions")
    pilot.app.screen.query_one("#policy-template").focus()
    await pilot.press("down", "enter")
    await settle(pilot)
    await type_into(pilot, "#principal", "arn:aws:iam::111122223333:role/payments-app")
    await settle(pilot)


async def _value_template_rds(pilot: Pilot[int]) -> None:
    """The Secret type form for RDS PostgreSQL, filled; the password is the marker (the generated one would
    change the value's fingerprint on every run), so the picture is the same and must not hold it."""
    from textual.widgets import RadioButton, Select

    await open_step(pilot, "value", with_value=False)
    pilot.app.screen.query_one("#pick-template", RadioButton).value = True
    await settle(pilot)
    pilot.app.screen.query_one("#tpl-pick", Select).value = "rds-postgres"
    await settle(pilot)
    await type_into(pilot, "#tpl-host", "payments.cluster-abc123.eu-west-1.rds.amazonaws.com")
    await type_into(pilot, "#tpl-username", "payments_app")
    await type_into(pilot, "#tpl-password", SNAP_MARKER)
    await settle(pilot)


async def _put_pick_secret(pilot: Pilot[int]) -> None:
    """The target's secrets filtered by "prod/": one scheduled for deletion, named so."""
    await open_put_step(pilot, "secret", picked=False, with_value=False)
    await type_into(pilot, "#secret-filter", "prod/")
    await settle(pilot)


async def _put_value(pilot: Pilot[int]) -> None:
    await open_put_step(pilot, "value", with_value=False)
    await type_value(pilot)


async def _put_review(pilot: Pilot[int]) -> None:
    """Which version becomes AWSCURRENT and which AWSPREVIOUS, and the put-secret-value document (no value)."""
    await open_put_step(pilot, "review")


async def _name_taken(pilot: Pilot[int]) -> None:
    await open_step(pilot, "name", with_value=False)
    await type_into(pilot, "#name", TAKEN)
    await wait_for_name_check(pilot)


async def _failure(pilot: Pilot[int]) -> None:
    await open_step(pilot, "review")
    wizard(pilot).draft.name = TAKEN  # taken after the name step checked it (someone else was quicker)
    await pilot.press("ctrl+n")
    await settle(pilot)


async def _help(pilot: Pilot[int]) -> None:
    await _target(pilot)
    await pilot.press("f1")
    await wait_until(pilot, lambda: type(pilot.app.screen).__name__ == "HelpScreen", "the help screen")
    await settle(pilot)


async def _quit(pilot: Pilot[int]) -> None:
    await open_step(pilot, "name")
    await wait_for_name_check(pilot)  # else its answer can arrive under the modal and move the layout
    await pilot.press("ctrl+q")
    await wait_until(pilot, lambda: type(pilot.app.screen).__name__ == "ConfirmQuitScreen", "the quit question")
    await settle(pilot)


SCENES: dict[str, Callable[[Pilot[int]], Awaitable[None]]] = {
    "01-target": _target,
    "02-name": _name,
    "03-value": _value,
    "04-encryption": _encryption,
    "05-tags": _tags,
    "06-replicas": _replicas,
    "07-review": _review,
    "08-result": _result,
    "09-name-taken": _name_taken,
    "10-submit-failed": _failure,
    "11-help": _help,
    "12-confirm-quit": _quit,
    "13-target-no-keyring": _target,
    "14-permissions": _permissions,
    "15-result-replica-failed": _replica_failed,
    "16-retry-choose-replica": _retry_choose_replica,
    "17-retry-overwrite": _retry_overwrite,
    "18-sample-code": _sample_code,
    "30-value-template-rds": _value_template_rds,
    "40-put-pick-secret": _put_pick_secret,
    "41-put-value": _put_value,
    "42-put-review": _put_review,
}
APPS: dict[str, Callable[[], SmtuiApp]] = {
    "13-target-no-keyring": no_keyring_app,
    "15-result-replica-failed": settled_app(NAME_TAKEN_THERE),
    "16-retry-choose-replica": settled_app(BOTH_FAILED, PAYMENTS_KEY_REPLICA),
    "17-retry-overwrite": settled_app(NAME_TAKEN_THERE),
    "18-sample-code": settled_app({}),
    "40-put-pick-secret": put_app,
    "41-put-value": put_app,
    "42-put-review": put_app,
}


def app_for(scene: str) -> SmtuiApp:
    from smtui.model.value import use_fingerprint_key

    use_fingerprint_key(b"smtui snapshots: fixed key")  # the test seam: the same fingerprints on every run
    return APPS.get(scene, make_app)()


__all__ = ["SCENES", "SNAP_MARKER", "app_for", "make_app"]
