"""Put mode end to end: a new value into an existing secret, chosen on the Target step, picked from a filtered
list, entered through the Value step's masked fields, reviewed (which version becomes AWSCURRENT, which
AWSPREVIOUS, and the put-secret-value request document without the value) and submitted; then read back from the
target. A secret scheduled for deletion is refused.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from textual.widgets import OptionList, RadioButton

from smtui.app import SmtuiApp
from smtui.backends import open_backend
from smtui.backends.base import Backend
from smtui.model import build_request
from smtui.screens.result import SubmitScreen
from smtui.settings import TargetSettings
from tests.conftest import MotoServer
from tests.ui.wizard_driver import MARKER, Wizard, next_step, settle, shown_text, step, type_into
from tests.waiting import wait_until

SIZE = (80, 24)
OLD = "Zq9-put-old-value-1b2c"


def seed(backend: Backend, name: str) -> tuple[str, str]:
    """A secret with one version: its ARN and that version's id."""
    made = backend.create_secret(build_request({"Name": name, "SecretString": OLD}))
    return made.ARN, made.VersionId or ""


async def choose_put_mode(pilot: Wizard) -> None:
    await settle(pilot)
    assert step(pilot) == "target"
    pilot.app.screen.query_one("#mode-put", RadioButton).value = True
    await settle(pilot)
    await next_step(pilot, "secret")


async def pick(pilot: Wizard, text: str) -> None:
    await wait_until(pilot, lambda: "of" in shown_text(pilot, "#secret-status"), "the secrets listed")
    await type_into(pilot, "#secret-filter", text, keys=True)
    await settle(pilot)


async def put_value_and_review(pilot: Wizard, value: str) -> str:
    await next_step(pilot, "value")
    intro = shown_text(pilot, "#step-body .intro").replace("\n", " ")
    assert "The new value for " in intro and "AWSCURRENT" in intro, intro  # put mode's words, not create's
    await type_into(pilot, "#single-value", value)
    await type_into(pilot, "#single-confirm", value)
    await next_step(pilot, "review")
    await wait_until(pilot, lambda: "AWSCURRENT" in shown_text(pilot, "#review-summary"), "the versions row")
    return shown_text(pilot, "#review-summary")


def assert_put_document(pilot: Wizard, secret_id: str, token: str) -> None:
    """Review shows the PutSecretValue request Submit sends: the secret, the token, no value, no VersionStages."""
    document = json.loads(shown_text(pilot, "#review-document"))
    assert document == {"SecretId": secret_id, "ClientRequestToken": token}
    assert MARKER not in json.dumps(document)
    command = shown_text(pilot, "#review-command")
    assert command.startswith("aws secretsmanager put-secret-value --cli-input-json file://put-secret-value.json")
    assert "--secret-string file://secret.txt" in command


async def submit(pilot: Wizard) -> SubmitScreen:
    await pilot.press("ctrl+n")
    screen = pilot.app.screen
    assert isinstance(screen, SubmitScreen)
    await wait_until(pilot, lambda: screen.result is not None or screen.error is not None, "the put's answer")
    assert screen.error is None, screen.error
    return screen


async def test_put_a_new_value_through_the_wizard_on_the_local_store(
    local_settings: TargetSettings, tmp_path: Path
) -> None:
    backend = open_backend(local_settings)
    arn, old_version = seed(backend, "app/put-target")
    seed(backend, "app/other")
    backend.close()
    app = SmtuiApp(local_settings, cursor_blink=False)
    async with app.run_test(size=SIZE) as pilot:
        await choose_put_mode(pilot)
        await pick(pilot, "put-t")
        assert "1 of 2" in shown_text(pilot, "#secret-status")
        summary = await put_value_and_review(pilot, MARKER)
        token = app.draft.client_request_token
        assert f"new {token} becomes AWSCURRENT; {old_version} becomes AWSPREVIOUS" in summary.replace("\n", " ")
        assert arn in summary.replace("\n", "") or "app/put-target" in summary
        assert "Tags" not in summary and "Encryption" not in summary
        assert MARKER not in pilot.app.export_screenshot()
        assert_put_document(pilot, arn, token)
        pilot.app.screen.query_one("#review-command").scroll_visible(animate=False)  # the document on screen too
        await settle(pilot)
        assert "ClientRequestToken" in pilot.app.export_screenshot()
        assert MARKER not in pilot.app.export_screenshot()
        saved = tmp_path / "put.json"  # Save document: the same request, without the value, mode 0600
        await type_into(pilot, "#save-path", str(saved))
        await pilot.press("enter")
        await settle(pilot)
        assert json.loads(saved.read_text()) == {"SecretId": arn, "ClientRequestToken": token}
        assert saved.stat().st_mode & 0o077 == 0
        screen = await submit(pilot)
        assert screen.result is not None and arn == screen.result.ARN and screen.result.VersionId == token
    backend = open_backend(local_settings)
    try:
        current = backend.get_secret_value(arn)
        assert current.VersionId == token and current.SecretString is not None
        assert current.SecretString.get_secret_value() == MARKER
        stages = backend.describe_secret(arn).VersionIdsToStages or {}
        assert stages[old_version] == ["AWSPREVIOUS"]
    finally:
        backend.close()


async def test_a_secret_scheduled_for_deletion_is_refused(local_settings: TargetSettings) -> None:
    backend = open_backend(local_settings)
    arn, _ = seed(backend, "app/going")
    backend.delete_secret(arn, recovery_window_in_days=7)
    backend.close()
    app = SmtuiApp(local_settings, cursor_blink=False)
    async with app.run_test(size=SIZE) as pilot:
        await choose_put_mode(pilot)
        await pick(pilot, "going")
        listed = pilot.app.screen.query_one("#secret-list", OptionList).get_option_at_index(0)
        assert str(listed.prompt) == "app/going (scheduled for deletion)"
        await next_step(pilot, "secret")  # refused
        status = shown_text(pilot, "#secret-status")
        assert "SecretId" in status and "scheduled for deletion" in status
        assert app.draft.secret_id == ""


def boto_client(moto: MotoServer) -> Any:
    import boto3

    return boto3.client("secretsmanager", endpoint_url=moto.url, region_name="us-east-1")


@pytest.mark.slow
async def test_put_a_new_value_on_moto(moto_env: MotoServer) -> None:
    client = boto_client(moto_env)
    made = client.create_secret(Name="moto/put-target", SecretString=OLD)
    app = SmtuiApp(TargetSettings(backend="aws"), cursor_blink=False)
    async with app.run_test(size=SIZE) as pilot:
        await choose_put_mode(pilot)
        await pick(pilot, "moto/put")
        summary = await put_value_and_review(pilot, MARKER)
        assert f"{made['VersionId']} becomes AWSPREVIOUS" in summary.replace("\n", " ")
        await submit(pilot)
        token = app.draft.client_request_token
    current = client.get_secret_value(SecretId=made["ARN"])
    assert current["VersionId"] == token and current["SecretString"] == MARKER
    stages = client.describe_secret(SecretId=made["ARN"])["VersionIdsToStages"]
    assert stages[made["VersionId"]] == ["AWSPREVIOUS"]
