"""Review now (Ctrl+G): once Name and Value are valid, one key goes straight to Review with the optional steps at
their defaults, so a minimal secret takes at most `len(name) + len(value) + 4` keys from launch to its ARN, plus
the retyped confirmation of a typed value (Enter to reach the confirmation field and the value again).

Every key is a real key press through the pilot (`pilot.press`), counted as it is sent; the secret is then read
back from the local store, so the count is for a secret that really exists.
"""

from __future__ import annotations

from smtui import routing
from smtui.app import SmtuiApp
from smtui.backends import open_backend
from smtui.screens.result import SubmitScreen
from smtui.settings import TargetSettings
from tests.ui.wizard_driver import MARKER, Wizard, settle, shown_text, step
from tests.waiting import wait_until

SIZE = (80, 24)


class CountingKeys:
    """Presses keys through the pilot and counts each one."""

    def __init__(self, pilot: Wizard) -> None:
        self.pilot, self.count = pilot, 0

    async def press(self, *keys: str) -> None:
        for key in keys:
            self.count += 1
            await self.pilot.press(key)
        await settle(self.pilot)


async def test_a_minimal_secret_from_launch_to_arn_in_the_promised_keys(local_settings: TargetSettings) -> None:
    name, value = "prod/db-password", MARKER
    app = SmtuiApp(local_settings, cursor_blink=False)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        keys = CountingKeys(pilot)
        assert step(pilot) == "target"
        await keys.press("ctrl+n")  # the default target, the local store
        assert step(pilot) == "name"
        await keys.press(*name)
        await keys.press("ctrl+n")
        assert step(pilot) == "value"
        await keys.press(*value)
        confirmation_start = keys.count
        await keys.press("enter", *value)  # the confirmation a typed value needs
        confirmation = keys.count - confirmation_start
        await keys.press("ctrl+g")
        assert step(pilot) == "review"
        await keys.press("ctrl+n")  # Create
        screen = app.screen
        assert isinstance(screen, SubmitScreen)
        await wait_until(pilot, lambda: screen.result is not None)
        arn = screen.result.ARN if screen.result else ""
        assert arn.startswith("arn:aws:secretsmanager:") and name in arn
        assert confirmation == len(value) + 1
        assert keys.count <= len(name) + len(value) + 4 + confirmation, keys.count
        assert keys.count == len(name) + 2 * len(value) + 5  # the figure in docs/performance.md
    backend = open_backend(local_settings)
    try:
        assert backend.get_secret_value(arn).SecretString is not None
        described = backend.describe_secret(arn)
        assert described.KmsKeyId in (None, "", "alias/aws/secretsmanager") or "aws/secretsmanager" in str(
            described.KmsKeyId
        )
        assert not described.Tags and not described.ReplicationStatus  # the optional steps at their defaults
    finally:
        backend.close()


async def test_review_now_is_offered_from_the_value_step_and_waits_for_a_valid_value(
    local_settings: TargetSettings,
) -> None:
    app = SmtuiApp(local_settings, cursor_blink=False)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert not routing.review_now_offered("target") and not routing.review_now_offered("name")
        assert routing.review_now_offered("value") and routing.review_now_offered("permissions")
        assert not routing.review_now_offered("review")
        await pilot.press("ctrl+n")
        await settle(pilot)
        await pilot.press("ctrl+g")  # not offered on Name: nothing happens
        await settle(pilot)
        assert step(pilot) == "name"
        await pilot.press(*"app/key", "ctrl+n")
        await settle(pilot)
        await pilot.press("ctrl+g")  # no value yet: the step says why and keeps the person here
        await settle(pilot)
        assert step(pilot) == "value"
        assert shown_text(pilot, "#value-issues")
        await pilot.press(*"Zq9-review-now", "enter", *"Zq9-review-now", "ctrl+g")
        await settle(pilot)
        assert step(pilot) == "review"
        summary = shown_text(pilot, "#review-summary")
        assert "Tags            none" in summary and "Replicas        none" in summary
        assert "Resource policy none" in summary
