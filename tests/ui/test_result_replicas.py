"""The Result screen on the local store: a Failed replica's whole message, wrapped at 80 columns, the retry of a
Failed replica (the one the person picks when several failed), and the sample code to read the secret (tabs,
Copy: the code with the real ARN, never the value)."""

from __future__ import annotations

import dataclasses
from typing import Any

import pytest
from pydantic import SecretStr
from textual.widgets import OptionList, TabbedContent

from smtui.app import SmtuiApp
from smtui.backends import open_backend
from smtui.model import CreateSecretRequest
from smtui.model import messages as msg
from smtui.screens.replica_choice import ChooseReplica
from smtui.screens.result import ConfirmOverwrite, SubmitScreen
from smtui.settings import TargetSettings
from tests.ui.wizard_driver import ALL_MARKERS, Wizard, settle, wait_for_replicas_settled, walk_to_review
from tests.waiting import wait_until

SIZE = (80, 24)
NAME = "result/replica-taken"


@pytest.fixture(autouse=True)
def quick_replicas(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SMTUI_LOCAL_REPLICA_DELAY", "0")


def take_name_in(settings: TargetSettings, region: str) -> None:
    """A secret of the same name already in `region`: the replica there fails (docs/aws-behaviour.md §6.3)."""
    backend = open_backend(dataclasses.replace(settings, region=region))
    try:
        backend.create_secret(
            CreateSecretRequest(Name=NAME, SecretString=SecretStr("other"), ClientRequestToken="t" * 32)
        )
    finally:
        backend.close()


async def create(pilot: Wizard, regions: tuple[str, ...]) -> SubmitScreen:
    await walk_to_review(pilot, name=NAME, regions=regions)
    await pilot.press("ctrl+n")  # Create
    await settle(pilot)
    screen = pilot.app.screen
    assert isinstance(screen, SubmitScreen)
    if regions:
        await wait_for_replicas_settled(pilot)
    return screen


async def test_failed_replica_message_is_whole_at_80x24(local_settings: TargetSettings) -> None:
    take_name_in(local_settings, "eu-west-1")
    app = SmtuiApp(local_settings, cursor_blink=False)
    async with app.run_test(size=SIZE) as pilot:
        screen = await create(pilot, ("eu-west-1",))
        text = str(screen.query_one("#replica-failures").render())
        assert msg.REPLICA_NAME_EXISTS in " ".join(text.split())
        assert screen.query_one("#replica-failures").size.width <= 80


async def test_sample_code_tabs_and_copy(local_settings: TargetSettings) -> None:
    app = SmtuiApp(local_settings, cursor_blink=False)
    async with app.run_test(size=SIZE) as pilot:
        screen = await create(pilot, ())
        assert screen.result is not None
        arn = screen.result.ARN
        await pilot.press("y")
        assert "aws secretsmanager get-secret-value" in app.clipboard and arn in app.clipboard
        screen.query_one("#sample-tabs", TabbedContent).active = "sample-ecs"
        await settle(pilot)
        await pilot.press("y")
        assert f'"valueFrom": "{arn}"' in app.clipboard
        assert not any(marker in app.clipboard for marker in ALL_MARKERS)


@pytest.mark.parametrize("confirm", [True, pytest.param(False, marks=pytest.mark.slow)])  # 13 s each
async def test_retry_a_failed_replica_asks_before_overwriting(local_settings: TargetSettings, confirm: bool) -> None:
    take_name_in(local_settings, "eu-west-1")
    app = SmtuiApp(local_settings, cursor_blink=False)
    async with app.run_test(size=SIZE) as pilot:
        screen = await create(pilot, ("eu-west-1",))
        await pilot.press("t")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmOverwrite)
        assert f"The secret {NAME} in eu-west-1 will be overwritten" in str(
            app.screen.query_one("#overwrite-text").render()
        )
        await pilot.click("#yes" if confirm else "#no")
        await settle(pilot)
        assert not isinstance(app.screen, ConfirmOverwrite)  # the answer closed it
        if confirm:
            await wait_for_replicas_settled(pilot)
        assert screen.result is not None
        statuses = [e.Status for e in screen.result.ReplicationStatus or []]
        assert statuses == (["InSync"] if confirm else ["Failed"])


async def test_retry_the_failed_replica_the_person_picks(
    local_settings: TargetSettings, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Two replicas failed: `t` asks which; the second is picked, confirmed by its region, and only it is removed
    and replicated again (the first stays Failed, untouched)."""
    take_name_in(local_settings, "eu-west-1")
    take_name_in(local_settings, "eu-central-1")
    app = SmtuiApp(local_settings, cursor_blink=False)
    async with app.run_test(size=SIZE) as pilot:
        screen = await create(pilot, ("eu-west-1", "eu-central-1"))
        assert screen.result is not None
        assert [(e.Region, e.Status) for e in screen.result.ReplicationStatus or []] == [
            ("eu-west-1", "Failed"),
            ("eu-central-1", "Failed"),
        ]
        backend, calls = app.backend, []
        assert backend is not None
        remove, replicate = backend.remove_regions_from_replication, backend.replicate_secret_to_regions

        def removing(secret_id: str, regions: list[str]) -> object:
            calls.append(("remove", list(regions)))
            return remove(secret_id, regions)

        def replicating(secret_id: str, regions: list[Any], **kwargs: Any) -> object:
            calls.append(("replicate", [r.Region for r in regions]))
            return replicate(secret_id, regions, **kwargs)

        monkeypatch.setattr(backend, "remove_regions_from_replication", removing)
        monkeypatch.setattr(backend, "replicate_secret_to_regions", replicating)
        await pilot.press("t", "escape")  # asked, then cancelled: nothing retried
        await settle(pilot)
        assert app.screen is screen and calls == []
        await pilot.press("t")
        await settle(pilot)
        assert isinstance(app.screen, ChooseReplica)
        choices = app.screen.query_one("#failed-replicas", OptionList)
        assert [choices.get_option_at_index(i).id for i in range(choices.option_count)] == [
            "eu-west-1",
            "eu-central-1",
        ]
        await pilot.press("down", "enter")  # the second
        await settle(pilot)
        assert isinstance(app.screen, ConfirmOverwrite)
        text = " ".join(str(app.screen.query_one("#overwrite-text").render()).split())
        assert f"The secret {NAME} in eu-central-1 will be overwritten" in text
        assert "ForceOverwriteReplicaSecret" in text and "eu-west-1" not in text
        await pilot.click("#yes")

        def statuses() -> dict[str, str]:
            assert screen.result is not None
            return {e.Region: e.Status for e in screen.result.ReplicationStatus or []}

        await wait_until(pilot, lambda: statuses().get("eu-central-1") == "InSync", "the retried replica InSync")
        assert statuses() == {"eu-west-1": "Failed", "eu-central-1": "InSync"}
        assert calls == [("remove", ["eu-central-1"]), ("replicate", ["eu-central-1"])]
