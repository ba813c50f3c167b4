"""ChoiceSet (smtui.screens.choices): once mounted, the keyboard highlight is on the chosen button, whichever it is.

The set reaches that in one move (RadioSet's own, started one button before the chosen one), so the buttons are
restyled once before the first frame; these tests hold the result, not the means.
"""

from __future__ import annotations

import pytest
from textual.app import App, ComposeResult

from smtui.screens.choices import ChoiceButton, ChoiceSet


class _Host(App[None]):
    def __init__(self, chosen: int | None, count: int) -> None:
        super().__init__()
        self.chosen, self.count = chosen, count

    def compose(self) -> ComposeResult:
        with ChoiceSet(id="set"):
            for i in range(self.count):
                yield ChoiceButton(f"choice {i}", value=i == self.chosen, id=f"c{i}")


@pytest.mark.parametrize(("chosen", "count"), [(0, 2), (1, 2), (2, 3), (0, 3), (None, 2)])
async def test_the_highlight_starts_on_the_chosen_button(chosen: int | None, count: int) -> None:
    app = _Host(chosen, count)
    async with app.run_test() as pilot:
        await pilot.pause()
        choice_set = app.query_one("#set", ChoiceSet)
        expected = 0 if chosen is None else chosen  # nothing chosen: RadioSet's own start, the first button
        highlighted = [button.id for button in app.query(ChoiceButton) if button.has_class("-selected")]
        assert highlighted == [f"c{expected}"]
        assert choice_set.pressed_index == (-1 if chosen is None else chosen)


async def test_the_keys_move_the_highlight_from_the_chosen_button() -> None:
    app = _Host(1, 3)
    async with app.run_test() as pilot:
        app.query_one("#set", ChoiceSet).focus()
        await pilot.press("down")
        await pilot.pause()
        assert [b.id for b in app.query(ChoiceButton) if b.has_class("-selected")] == ["c2"]
        await pilot.press("enter")
        await pilot.pause()
        assert app.query_one("#set", ChoiceSet).pressed_index == 2
