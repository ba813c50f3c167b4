"""The wizard does not offer the key file again once the store remembers it."""

from __future__ import annotations

from pathlib import Path

import pytest

from smtui.app import SmtuiApp
from smtui.settings import TargetSettings
from tests.ui.wizard_driver import settle, type_into

SIZE = (80, 24)


@pytest.mark.usefixtures("no_keyring")
async def test_second_launch_finds_the_key_file_without_asking(tmp_path: Path) -> None:
    settings = TargetSettings(backend="local", store=tmp_path / "store.db")
    first = SmtuiApp(settings, cursor_blink=False)
    async with first.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert first.screen.query_one("#key-file-box").display  # the opt-in, the first time
        await type_into(pilot, "#key-file-path", str(tmp_path / "my.key"))
        await pilot.press("enter")
        await settle(pilot)
        assert first.backend is not None
    second = SmtuiApp(settings, cursor_blink=False)
    async with second.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert second.backend is not None and second.backend_error is None
        assert not any(box.display for box in second.screen.query("#key-file-box"))
