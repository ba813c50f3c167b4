"""The wizard runs with a short thread switch interval from its start until its target's first open is answered,
so the first frame reaches the terminal without waiting behind the work after it (smtui.startup.first_frame.
quick_handoff; docs/performance.md, (d)); then, and at the latest when the wizard ends, Python's interval is back.
"""

from __future__ import annotations

import sys

import pytest

import smtui.app
from smtui.app import SmtuiApp, run_wizard
from smtui.output import OutputOptions
from smtui.settings import TargetSettings
from smtui.startup.first_frame import START_SWITCH_INTERVAL
from tests.ui.fixed_target import FixedTarget
from tests.waiting import wait_until


def test_the_wizard_runs_with_the_short_interval_and_gives_it_back(monkeypatch: pytest.MonkeyPatch) -> None:
    before = sys.getswitchinterval()
    during: list[float] = []

    def run(self: SmtuiApp) -> int:  # the wizard ends before its target answered
        during.append(sys.getswitchinterval())
        return 0

    monkeypatch.setattr(SmtuiApp, "run", run)
    monkeypatch.setattr(smtui.app, "_harden_process", lambda: None)
    assert run_wizard(TargetSettings(backend="local"), {}, OutputOptions()) == 0
    assert during == [pytest.approx(START_SWITCH_INTERVAL)]  # the interpreter keeps it in microseconds
    assert sys.getswitchinterval() == before


async def test_the_first_open_answered_runs_the_hooks_once() -> None:
    app = SmtuiApp(TargetSettings(backend="local"), cursor_blink=False, opener=FixedTarget)
    calls: list[str] = []
    app.after_first_open.append(lambda: calls.append("first open"))
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_until(pilot, lambda: app.backend is not None, "the fixed target opens")
        assert calls == ["first open"]
        app.open_backend()  # a second open (another region, say) runs nothing again
        await wait_until(pilot, lambda: app.backend is not None, "the target opens again")
        assert calls == ["first open"]
