"""The Replicas step lists the keys eligible in the highlighted region and puts the one picked into that region's
replica, on a real local store with a customer key made in the replica's region (issue 11, item 7)."""

from __future__ import annotations

import dataclasses

from textual.widgets import Input, OptionList

from smtui.app import SmtuiApp
from smtui.backends import open_backend
from smtui.settings import TargetSettings
from tests.ui.wizard_driver import next_step, settle, shown_text, type_into, walk_to_review
from tests.waiting import wait_until

SIZE = (80, 24)


async def test_a_key_picked_from_the_replica_regions_list_is_that_replicas_key(local_settings: TargetSettings) -> None:
    settings = dataclasses.replace(local_settings, region="us-east-1")
    west = open_backend(dataclasses.replace(settings, region="eu-west-1"))
    try:
        made = west.create_key(alias="alias/west-replica")  # type: ignore[attr-defined]
    finally:
        west.close()
    app = SmtuiApp(settings, cursor_blink=False)
    async with app.run_test(size=SIZE) as pilot:
        await walk_to_review(pilot, name="replica/keyed")
        await pilot.press("6")  # Review's jump to Replicas
        await settle(pilot)
        await type_into(pilot, "#region-filter", "eu-west-1")
        await pilot.press("enter", "space")  # highlight and select the region
        await settle(pilot)
        keys = app.screen.query_one("#replica-keys", OptionList)
        await wait_until(pilot, lambda: keys.option_count >= 2, "the keys of eu-west-1")
        listed = [str(keys.get_option_at_index(i).prompt) for i in range(keys.option_count)]
        assert "aws/secretsmanager (default)" in listed[0]
        assert any("alias/west-replica" in line for line in listed)
        keys.focus()
        keys.highlighted = next(i for i, line in enumerate(listed) if "alias/west-replica" in line)
        await pilot.press("enter")
        await settle(pilot)
        assert app.screen.query_one("#replica-key", Input).value == "alias/west-replica"
        await next_step(pilot, "review")
        assert "eu-west-1 (key alias/west-replica)" in shown_text(pilot, "#review-summary")
        assert app.draft.replicas[0].KmsKeyId == "alias/west-replica"
    assert made.KeyId
