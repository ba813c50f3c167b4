"""ChoiceSet restyles as few buttons as it can: none of its own accord while it is mounted (the chosen button is
born with `-on` and `-selected`), and only the two whose highlight changes when the keys move it.

Each restyle of a button costs before the wizard's first frame (docs/performance.md, (d)); what the set shows is
held by tests/ui/test_choice_set.py, these hold the means.
"""

from __future__ import annotations

from textual.dom import DOMNode

from smtui.screens.choices import ChoiceButton, ChoiceSet
from tests.ui.test_choice_set import _Host


class _Counting(_Host):
    """The host, recording every node whose styles are updated (App.update_styles: a class or pseudo-class changed)."""

    def __init__(self, chosen: int | None, count: int) -> None:
        super().__init__(chosen, count)
        self.restyled: list[str | None] = []

    def update_styles(self, node: DOMNode, animate: bool = True) -> None:
        self.restyled.append(node.id)
        super().update_styles(node, animate)


async def test_mounting_restyles_no_button_of_its_own_accord() -> None:
    app = _Counting(1, 3)
    async with app.run_test() as pilot:
        await pilot.pause()
        buttons = [button.id for button in app.query(ChoiceButton)]
        assert not set(app.restyled) & set(buttons), app.restyled
        assert [b.id for b in app.query(ChoiceButton) if b.has_class("-selected")] == ["c1"]
        assert [b.id for b in app.query(ChoiceButton) if b.has_class("-on")] == ["c1"]


async def test_a_key_restyles_only_the_buttons_whose_highlight_changes() -> None:
    app = _Counting(0, 3)
    async with app.run_test() as pilot:
        app.query_one("#set", ChoiceSet).focus()
        await pilot.pause()
        app.restyled.clear()
        await pilot.press("down")
        await pilot.pause()
        assert sorted(str(node) for node in app.restyled if node != "set") == ["c0", "c1"]
        assert [b.id for b in app.query(ChoiceButton) if b.has_class("-selected")] == ["c1"]
