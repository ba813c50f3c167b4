"""Pilot flows of the Value step's "Secret type" form on the local store: pick the form and a template, fill
its fields through the real (masked) widgets, go on to Review and create, and read the JSON back from the
store. A bad port keeps the person on the step and names the field and its rule."""

from __future__ import annotations

import json

from textual import events
from textual.widgets import RadioButton, Select

from smtui.app import SmtuiApp
from smtui.backends import open_backend
from smtui.screens.result import SubmitScreen
from smtui.settings import TargetSettings
from tests.ui.wizard_driver import Wizard, next_step, settle, shown_text, step, type_into
from tests.waiting import wait_until

SIZE = (80, 24)
PASSWORD = "Zq9-template-secret-marker"


async def to_template(pilot: Wizard, name: str, template: str) -> None:
    await settle(pilot)
    await next_step(pilot, "name")
    await type_into(pilot, "#name", name)
    await settle(pilot)
    await next_step(pilot, "value")
    pilot.app.screen.query_one("#pick-template", RadioButton).value = True
    await settle(pilot)
    pilot.app.screen.query_one("#tpl-pick", Select).value = template
    await settle(pilot)


async def create(pilot: Wizard, markers: tuple[str, ...] = (PASSWORD,)) -> str:
    """From the Value step to the result; none of `markers` (the secret values entered) on Review or the result."""

    def none_shown() -> bool:
        picture = pilot.app.export_screenshot()
        return not any(marker in picture for marker in markers)

    for expect in ("encryption", "tags", "replicas", "permissions", "review"):
        await next_step(pilot, expect)
    assert none_shown()
    await next_step(pilot)
    screen = pilot.app.screen
    assert isinstance(screen, SubmitScreen) and screen.result is not None
    assert none_shown()
    return screen.result.ARN


def read_back(settings: TargetSettings, arn: str) -> dict[str, object]:
    backend = open_backend(settings)
    try:
        value = backend.get_secret_value(arn).SecretString
    finally:
        backend.close()
    assert value is not None
    parsed = json.loads(value if isinstance(value, str) else value.get_secret_value())
    assert isinstance(parsed, dict)
    return parsed


async def test_every_form_label_fits_80_columns(local_settings: TargetSettings) -> None:
    app = SmtuiApp(local_settings, cursor_blink=False)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await next_step(pilot, "name")
        await type_into(pilot, "#name", "tpl/fit")
        await settle(pilot)
        await next_step(pilot, "value")
        for button in app.screen.query(RadioButton):
            region = button.region
            assert region.width > 0 and region.right <= SIZE[0], f"{button.label} is cut off"


async def test_rds_postgres_on_the_local_store(local_settings: TargetSettings) -> None:
    app = SmtuiApp(local_settings, cursor_blink=False)
    async with app.run_test(size=SIZE) as pilot:
        await to_template(pilot, "tpl/rds", "rds-postgres")
        await type_into(pilot, "#tpl-host", "db.example.com")
        await type_into(pilot, "#tpl-username", "admin")
        await type_into(pilot, "#tpl-password", PASSWORD)
        await type_into(pilot, "#tpl-port", "99999")
        await pilot.press("ctrl+n")
        await settle(pilot)
        assert step(pilot) == "value"
        assert "Port" in shown_text(pilot, "#value-issues")
        await type_into(pilot, "#tpl-port", "5432")
        arn = await create(pilot)
    assert read_back(local_settings, arn) == {
        "engine": "postgres",
        "host": "db.example.com",
        "username": "admin",
        "password": PASSWORD,
        "port": 5432,
    }


async def test_dotenv_on_the_local_store(local_settings: TargetSettings) -> None:
    app = SmtuiApp(local_settings, cursor_blink=False)
    async with app.run_test(size=SIZE) as pilot:
        await to_template(pilot, "tpl/env", "dotenv")
        app.screen.query_one("#tpl-env").focus()
        app.post_message(events.Paste(f"# app\nDB_USER=admin\nDB_PASS='{PASSWORD}'\n"))
        await settle(pilot)
        keys = shown_text(pilot, "#tpl-env-keys")
        assert "DB_USER" in keys and "DB_PASS" in keys and PASSWORD not in keys
        arn = await create(pilot)
    assert read_back(local_settings, arn) == {"DB_USER": "admin", "DB_PASS": PASSWORD}


async def test_a_password_pasted_into_host_is_held_never_drawn(local_settings: TargetSettings) -> None:
    """The careless paste: the database password into the Host field (not a value field). The paste is held
    until the person keeps it, so it is never drawn; Escape drops it and the field stays empty."""
    from smtui.widgets.guarded_input import GuardedInput, PasteConfirmScreen

    app = SmtuiApp(local_settings, cursor_blink=False)
    async with app.run_test(size=SIZE) as pilot:
        await to_template(pilot, "tpl/misplaced", "rds-postgres")
        host = app.screen.query_one("#tpl-host", GuardedInput)
        host.focus()
        await pilot.pause()
        app.post_message(events.Paste(PASSWORD))
        await wait_until(pilot, lambda: isinstance(app.screen, PasteConfirmScreen), "the paste question")
        await pilot.pause()
        assert "Pasted text in Host" in str(app.screen.query_one("#paste-title").render())
        assert host.value == "" and PASSWORD not in app.export_screenshot()
        await pilot.press("escape")
        await settle(pilot)
        assert host.value == "" and not host.holding
