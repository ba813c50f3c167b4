"""The wizard's first screen skips Textual's restyle of every node on its first ScreenResume, and loses nothing.

Textual styles each node as it mounts, then restyles the whole screen again when the screen is first resumed.
For the app's default screen, set up before the first frame, that second pass is redundant start-up cost
(smtui.startup.first_frame.first_screen; docs/performance.md, (d)). These tests hold both halves: the first
screen's styles are exactly what a full restyle gives, and every later screen is restyled on resume as Textual
does. What the first frame shows is held by the snapshots (test_wizard_snapshots.py).
"""

from __future__ import annotations

import threading
from typing import Any

from textual.dom import DOMNode
from textual.screen import Screen

from smtui.app import SmtuiApp
from smtui.screens.base import StepScreen
from smtui.settings import TargetSettings
from tests.ui.fixed_target import FixedTarget
from tests.ui.scenes import PREFILL
from tests.waiting import wait_until


class _Counting(SmtuiApp):
    """The wizard, recording each node whose styles and descendants' styles are updated (App.update_styles)."""

    def __init__(self, opener: object) -> None:
        super().__init__(TargetSettings(backend="local"), PREFILL, cursor_blink=False, opener=opener)  # type: ignore[arg-type]
        self.restyled: list[DOMNode] = []

    def update_styles(self, node: DOMNode, animate: bool = True) -> None:
        self.restyled.append(node)
        super().update_styles(node, animate)


def _styles(screen: Screen[Any]) -> dict[str, tuple[str, dict[str, str]]]:
    """Every node's computed CSS, and its component classes' (an Input's cursor, a button's label)."""
    return {
        f"{index}:{node!r}": (
            node.styles.css,
            {name: styles.css for name, styles in node._component_styles.items()},  # Textual keeps no public map
        )
        for index, node in enumerate(screen.walk_children(with_self=True))
    }


async def test_the_first_screen_is_styled_as_a_full_restyle_styles_it() -> None:
    gate = threading.Event()  # the target stays "opening": the screen as the first frame has it

    def opener(settings: TargetSettings) -> FixedTarget:
        gate.wait(60)
        return FixedTarget(settings)

    app = _Counting(opener)
    try:
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            screen = app.screen
            assert isinstance(screen, StepScreen) and screen.STEP == "target"
            assert screen not in app.restyled  # its first resume did not restyle it whole
            before = _styles(screen)
            screen.update_node_styles(animate=False)  # what Textual's resume would have done
            assert _styles(screen) == before
    finally:
        gate.set()


async def test_every_later_screen_is_restyled_on_resume_as_textual_does() -> None:
    app = _Counting(FixedTarget)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_until(pilot, lambda: app.backend is not None, "the fixed target opens")
        app.goto("name")
        await wait_until(pilot, lambda: isinstance(app.screen, StepScreen) and app.screen.STEP == "name", "Name")
        assert app.screen in app.restyled
        assert app.screen.restyle_on_first_resume  # type: ignore[attr-defined]
