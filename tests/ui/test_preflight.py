"""Pilot tests of the Review step's preflight, through the whole wizard: on the local store (every check ok, Create
gated while the checks run and enabled by itself; a Ctrl+N pressed meanwhile carried out when they finish,
and forgotten by Back; a taken name shown as failing, yet Create still
offered; the minimal policy saved as a 0600 file, an existing file refused), on moto with the loopback IAM stand-in
(one action allowed, one denied) and on moto alone ("could not check", shown plainly)."""

from __future__ import annotations

import stat
import threading
import uuid
from pathlib import Path
from typing import Any

import pytest
from pydantic import SecretStr
from textual.widgets import Button

from smtui.app import SmtuiApp
from smtui.backends import open_backend
from smtui.model.request import CreateSecretRequest
from smtui.screens.result import SubmitScreen
from smtui.settings import TargetSettings
from tests.tools.iam_standin import IamStandIn
from tests.ui.wizard_driver import MARKER, Wizard, settle, shown_text, type_into, walk_to_review
from tests.waiting import wait_until

SIZE = (100, 40)


def results(pilot: Wizard) -> str:
    return shown_text(pilot, "#preflight-results")


@pytest.fixture
def gate(monkeypatch: pytest.MonkeyPatch) -> threading.Event:
    """The preflight's runs wait for this event (10 s at most): clear it to hold a run while the test looks."""
    import smtui.backends.preflight as preflight

    event = threading.Event()
    real = preflight.run_preflight

    def held(*args: Any) -> Any:
        event.wait(10)
        return real(*args)

    monkeypatch.setattr(preflight, "run_preflight", held)
    return event


async def test_local_all_ok_gated_then_created(local_settings: TargetSettings, gate: threading.Event) -> None:
    app = SmtuiApp(local_settings, cursor_blink=False)
    async with app.run_test(size=SIZE) as pilot:
        gate.set()  # the walk's settle waits for every worker: let it through, then hold the next run
        await walk_to_review(pilot, name="app/preflight-ok")
        assert "No problem found." in results(pilot)
        assert "Name: app/preflight-ok — is free" in results(pilot)
        assert "IAM simulation: could not check: this target has no IAM" in results(pilot)
        submit = app.screen.query_one("#submit", Button)
        assert not submit.disabled and str(submit.label) == "Create secret"
        gate.clear()
        app.screen._start_preflight(app.backend)  # type: ignore[attr-defined]  # a run held while we look
        await pilot.pause()
        assert submit.disabled and str(submit.label) == "Create once the checks finish"
        await pilot.press("ctrl+n")  # Create waits: nothing is submitted while the checks run ...
        await pilot.pause()
        assert not isinstance(app.screen, SubmitScreen)
        assert any("once the checks finish" in str(n.message) for n in app._notifications)  # ... and says so
        gate.set()
        await settle(pilot)  # ... and the Ctrl+N is carried out when they are over: one submit, not two
        assert isinstance(app.screen, SubmitScreen)
    backend = open_backend(local_settings)
    assert backend.describe_secret("app/preflight-ok").Name == "app/preflight-ok"
    backend.close()


async def test_ctrl_n_during_the_checks_then_back_submits_nothing(
    local_settings: TargetSettings, gate: threading.Event
) -> None:
    app = SmtuiApp(local_settings, cursor_blink=False)
    async with app.run_test(size=SIZE) as pilot:
        gate.set()
        await walk_to_review(pilot, name="app/preflight-back")
        gate.clear()
        app.screen._start_preflight(app.backend)  # type: ignore[attr-defined]
        await pilot.pause()
        await pilot.press("ctrl+n")  # kept for when the checks finish ...
        await pilot.pause()
        await pilot.press("escape")  # ... but the person went back before they did
        await pilot.pause()
        gate.set()
        await settle(pilot)
        assert not isinstance(app.screen, SubmitScreen)
        assert app.screen.STEP != "review"  # type: ignore[attr-defined]
    backend = open_backend(local_settings)
    assert [s.Name for s in backend.list_secrets().SecretList] == []
    backend.close()


async def test_local_name_taken_shown_failing(local_settings: TargetSettings) -> None:
    backend = open_backend(local_settings)
    backend.create_secret(
        CreateSecretRequest(Name="app/taken", ClientRequestToken=str(uuid.uuid4()), SecretString=SecretStr("x" * 9))
    )
    backend.close()
    app = SmtuiApp(local_settings, cursor_blink=False)
    async with app.run_test(size=SIZE) as pilot:
        await walk_to_review(pilot, name="app/taken")
        await settle(pilot)
        text = results(pilot)
        assert "point(s) may fail" in text and "✗ Name: app/taken" in text
        assert "→ step 2 Name & description" in text
        assert not app.screen.query_one("#submit", Button).disabled  # the service is the judge
        assert MARKER not in app.export_screenshot()


async def test_save_policy_0600_and_existing_refused(
    local_settings: TargetSettings, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    app = SmtuiApp(local_settings, cursor_blink=False)
    async with app.run_test(size=SIZE) as pilot:
        await walk_to_review(pilot, name="app/pol")
        await pilot.press("p")
        await pilot.pause()
        assert app.screen.query_one("#policy-path").value == "./smtui-policy-app-pol.json"  # type: ignore[attr-defined]
        await pilot.press("enter")
        await pilot.pause()
        written = tmp_path / "smtui-policy-app-pol.json"
        assert stat.S_IMODE(written.stat().st_mode) == 0o600
        assert "secretsmanager:CreateSecret" in written.read_text()
        assert MARKER not in written.read_text()
        assert "Policy saved to" in shown_text(pilot, "#policy-status")
        await pilot.press("enter")  # again: the file exists now
        await pilot.pause()
        assert "already exists" in shown_text(pilot, "#policy-status")
        (tmp_path / "other.json").write_text("mine")
        await type_into(pilot, "#policy-path", "other.json")
        await pilot.press("enter")
        await pilot.pause()
        assert "already exists" in shown_text(pilot, "#policy-status")
        assert (tmp_path / "other.json").read_text() == "mine"


@pytest.mark.usefixtures("moto_env")
async def test_moto_with_iam_standin_allowed_and_denied(monkeypatch: pytest.MonkeyPatch) -> None:
    decisions = {"secretsmanager:CreateSecret": "allowed", "secretsmanager:TagResource": "implicitDeny"}
    with IamStandIn(decisions) as iam:
        monkeypatch.setenv("AWS_ENDPOINT_URL_IAM", iam.url)
        app = SmtuiApp(TargetSettings(backend="aws"), cursor_blink=False)
        async with app.run_test(size=SIZE) as pilot:
            await walk_to_review(pilot, name="app/iam", tags=(("team", "a"),))
            await wait_until(pilot, lambda: "Checking" not in results(pilot), "the preflight's answer")
            text = results(pilot)
            assert "✓ IAM: secretsmanager:CreateSecret — allowed" in text
            assert "✗ IAM: secretsmanager:TagResource — denied" in text
            assert not app.screen.query_one("#submit", Button).disabled


@pytest.mark.slow
@pytest.mark.usefixtures("moto_env")
async def test_moto_alone_could_not_check() -> None:
    app = SmtuiApp(TargetSettings(backend="aws"), cursor_blink=False)
    async with app.run_test(size=SIZE) as pilot:
        await walk_to_review(pilot, name="app/noiam")
        await wait_until(pilot, lambda: "Checking" not in results(pilot), "the preflight's answer")
        assert "IAM simulation: could not check" in results(pilot)
        assert not app.screen.query_one("#submit", Button).disabled


async def test_local_typed_alias_missing_is_reported_against_encryption(local_settings: TargetSettings) -> None:
    from smtui import routing

    app = SmtuiApp(local_settings, cursor_blink=False)
    async with app.run_test(size=SIZE) as pilot:
        await walk_to_review(pilot, name="app/typed-key")
        await pilot.press(str(routing.position("encryption")))
        await settle(pilot)
        await type_into(pilot, "#key-filter", "alias/nope")
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("ctrl+n")  # Next returns to Review
        await settle(pilot)
        assert app.draft.kms_key_id == "alias/nope"
        text = results(pilot)
        assert "✗ Key: alias/nope (us-east-1) — not found  → step 4 Encryption" in text
        assert not app.screen.query_one("#submit", Button).disabled
