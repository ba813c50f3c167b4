"""The Target step's editable settings: region, and the chosen backend's profile, endpoint or store path.

Why a test: the README says the Target step shows them, and the command line's values must be what the person
sees and gets (prefilled), changed here without leaving the wizard.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from textual.widgets import Input

from smtui.app import SmtuiApp
from smtui.backends.profiles import ProfileList, read_profiles
from smtui.settings import TargetSettings
from tests.ui.wizard_driver import settle, shown_text, type_into
from tests.waiting import wait_until

SIZE = (80, 24)


async def test_the_store_path_is_shown_and_a_new_one_is_opened(local_settings: TargetSettings) -> None:
    assert local_settings.store is not None
    other = local_settings.store.with_name("other.db")
    app = SmtuiApp(local_settings, cursor_blink=False)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert app.screen.query_one("#target-store", Input).value == str(local_settings.store)
        assert app.screen.query_one("#row-target-store").display
        assert not app.screen.query_one("#row-target-profile").display  # AWS's rows hidden for the local store
        await type_into(pilot, "#target-store", str(other))
        await pilot.press("enter")
        await wait_until(pilot, lambda: app.backend is not None and app.draft.target.store == other, "reopened")
        await settle(pilot)
        assert str(other) in shown_text(pilot, "#target-details").replace("\n", "")
    assert other.exists()


async def test_command_line_profile_and_endpoint_prefill_and_a_bad_endpoint_is_named(
    local_settings: TargetSettings,
) -> None:
    settings = replace(
        local_settings, backend="aws", profile="dev-team", region="eu-west-1", endpoint_url="http://127.0.0.1:9"
    )
    app = SmtuiApp(settings, cursor_blink=False)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert app.screen.query_one("#target-profile", Input).value == "dev-team"
        assert app.screen.query_one("#target-endpoint", Input).value == "http://127.0.0.1:9"
        assert app.screen.query_one("#row-target-endpoint").display
        assert not app.screen.query_one("#row-target-store").display
        await type_into(pilot, "#target-profile", "")
        await type_into(pilot, "#target-endpoint", "not a url")
        await pilot.press("enter")
        await wait_until(pilot, lambda: app.backend_error is not None, "the endpoint refused")
        await settle(pilot)
        assert app.draft.target.endpoint_url == "not a url"
        assert "endpoint" in shown_text(pilot, "#target-details").lower()


async def test_a_secret_pasted_into_the_endpoint_field_is_held_never_drawn(local_settings: TargetSettings) -> None:
    """The careless paste: a password into Endpoint (a plain setting). Held until kept; Escape drops it."""
    from textual import events

    from smtui.widgets.guarded_input import GuardedInput, PasteConfirmScreen

    pasted = "Zq9-target-paste-marker-77"
    app = SmtuiApp(replace(local_settings, backend="aws", region="eu-west-1"), cursor_blink=False)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        field = app.screen.query_one("#target-endpoint", GuardedInput)
        field.focus()
        await pilot.pause()
        app.post_message(events.Paste(pasted))
        await wait_until(pilot, lambda: isinstance(app.screen, PasteConfirmScreen), "the paste question")
        await pilot.pause()
        assert field.value == "" and pasted not in app.export_screenshot()
        await pilot.press("escape")
        await settle(pilot)
        assert field.value == "" and not field.holding


def use_aws_config(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, text: str) -> None:
    """An AWS config file holding `text`, named by AWS_CONFIG_FILE for this test."""
    config = tmp_path / "config"
    config.write_text(text)
    monkeypatch.setenv("AWS_CONFIG_FILE", str(config))


def _aws_app(local_settings: TargetSettings) -> SmtuiApp:
    return SmtuiApp(replace(local_settings, backend="aws", region="eu-west-1"), cursor_blink=False)


async def test_the_aws_config_profiles_are_offered_and_one_chosen_reopens_the_target(
    local_settings: TargetSettings, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The profiles of AWS_CONFIG_FILE (and the credentials file, no repeats) are offered on the Profile field;
    the start of one and → takes it, Enter reopens the target with it. The credentials' values are never shown."""
    config, credentials = tmp_path / "config", tmp_path / "credentials"
    config.write_text(
        "[profile dev-team]\nregion = eu-west-1\n[sso-session corp]\nsso_region = eu-west-1\n[profile prod]\n"
    )
    secret = "Zq9-credentials-marker-31"
    credentials.write_text(f"[prod]\naws_access_key_id = AKIAEXAMPLE\naws_secret_access_key = {secret}\n")
    monkeypatch.setenv("AWS_CONFIG_FILE", str(config))
    monkeypatch.setenv("AWS_SHARED_CREDENTIALS_FILE", str(credentials))
    assert read_profiles() == ProfileList(("dev-team", "prod"))
    app = _aws_app(local_settings)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await wait_until(pilot, lambda: app.screen.query_one("#target-profiles").display, "the profiles offered")
        note = shown_text(pilot, "#target-profiles")
        assert "dev-team" in note and "prod" in note and "corp" not in note
        field = app.screen.query_one("#target-profile", Input)
        assert field.suggester is not None
        assert await field.suggester.get_suggestion("dev") == "dev-team"
        await type_into(pilot, "#target-profile", "pr", keys=True)
        await pilot.press("right")  # takes the suggestion
        assert field.value == "prod"
        await pilot.press("enter")
        await wait_until(pilot, lambda: app.draft.target.profile == "prod", "reopened with the profile")
        await settle(pilot)
        assert secret not in app.export_screenshot()


async def test_a_profile_name_that_looks_like_markup_is_shown_exactly(
    local_settings: TargetSettings, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Profile names come from the person's files: "[b]x[/b]" or a lone "[" is text, never Textual markup."""
    use_aws_config(tmp_path, monkeypatch, "[profile [b]bold[/b]]\n[profile odd[name]\n")
    names = read_profiles().names
    assert names, "botocore read the sections"
    app = _aws_app(local_settings)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await wait_until(pilot, lambda: app.screen.query_one("#target-profiles").display, "the profiles offered")
        note = shown_text(pilot, "#target-profiles")
        assert all(name in note for name in names), (names, note)


async def test_a_malformed_aws_config_offers_no_profiles_says_so_and_any_name_is_typed(
    local_settings: TargetSettings, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    use_aws_config(tmp_path, monkeypatch, "this is not [ an ini file\n")
    profiles = read_profiles()
    assert profiles.names == () and len(profiles.notes) == 1 and "this is not" not in profiles.notes[0]
    app = _aws_app(local_settings)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await wait_until(pilot, lambda: app.screen.query_one("#target-profiles").display, "the note")
        assert "could not be read" in shown_text(pilot, "#target-profiles").replace("\n", " ")
        field = app.screen.query_one("#target-profile", Input)
        assert field.suggester is not None and await field.suggester.get_suggestion("c") is None
        await type_into(pilot, "#target-profile", "from-env")  # a profile the files do not name still goes
        await pilot.press("enter")
        await wait_until(pilot, lambda: app.draft.target.profile == "from-env", "reopened with the typed name")
        await settle(pilot)


async def test_no_aws_config_files_show_no_profile_line(local_settings: TargetSettings) -> None:
    """The autouse fixture's AWS config files do not exist: nothing to offer, no line (the scenes unchanged)."""
    app = _aws_app(local_settings)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert not app.screen.query_one("#target-profiles").display
