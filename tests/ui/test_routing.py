"""Routing in the running wizard: a failure at submit goes back to the step that owns the member it concerns.

The local store here is the real one (SQLite, a key file): its errors carry their member, so the route does not
depend on the words of the message. The help modal opened over the failure must not lose the route.
"""

from __future__ import annotations

import pytest
from textual.widgets import Button

from smtui.app import SmtuiApp
from smtui.backends import open_backend
from smtui.model import build_request
from smtui.screens.help import HelpScreen
from smtui.screens.result import SubmitScreen
from smtui.settings import TargetSettings
from tests.ui.wizard_driver import next_step, settle, shown_text, step, walk_to_review
from tests.waiting import wait_until

SIZE = (80, 24)


@pytest.mark.slow  # a sibling in the fast suite covers the same path
async def test_a_name_scheduled_for_deletion_at_submit_goes_back_to_name_after_help(
    local_settings: TargetSettings,
) -> None:
    backend = open_backend(local_settings)
    try:
        backend.create_secret(build_request({"Name": "race/db", "SecretString": "Zq9-routing-other-value"}))
        backend.delete_secret("race/db", recovery_window_in_days=7)
    finally:
        backend.close()
    app = SmtuiApp(local_settings, cursor_blink=False)
    async with app.run_test(size=SIZE) as pilot:
        await walk_to_review(pilot, name="race/db2")
        app.draft.name = "race/db"  # the name step checked another name: the clash is found at submit
        await next_step(pilot)
        failed = app.screen
        assert isinstance(failed, SubmitScreen) and failed.error is not None
        assert (failed.error.code, failed.error.field) == ("InvalidRequestException", "Name")
        assert str(failed.query_one("#fix", Button).label) == "Back to Name & description"
        await pilot.press("f1")
        await wait_until(pilot, lambda: isinstance(app.screen, HelpScreen), "the help over the failure")
        await pilot.press("escape")
        await wait_until(pilot, lambda: app.screen is failed, "the failure again")
        await pilot.press("escape")  # Back to fix
        await settle(pilot)
        assert step(pilot) == "name"
        shown = shown_text(pilot, "#step-error")
        assert "InvalidRequestException" in shown and "restore-secret" in shown
        assert app.draft.secret_string is not None  # the value is kept, in memory only
