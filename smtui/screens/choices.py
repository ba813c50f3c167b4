"""A radio set whose choice is visible without colour, and whose highlight starts on the chosen button.

Textual's RadioButton draws the same "●" for on and off (only its colour differs), and RadioSet starts its
keyboard highlight on the first button whatever is pressed: a person saw the cursor on "AWS" while "Local" was
the choice. Here the marker is "●" when chosen and "○" when not (the stylesheet adds bold to the chosen
label), and the highlight follows the pressed button when the set is mounted.
"""

from __future__ import annotations

from textual.content import Content
from textual.events import Mount
from textual.style import Style
from textual.widgets import RadioButton, RadioSet

ON, OFF = "●", "○"


class ChoiceButton(RadioButton):
    """A radio button whose marker says on (●) or off (○) by its shape, not only by its colour."""

    def __init__(self, label: str, value: bool = False, *, id: str | None = None) -> None:
        """Born with the classes it has once mounted in a ChoiceSet when on: `-on` (ToggleButton's value watcher
        then finds it set) and `-selected` (the set's highlight starts on it): neither restyles the button again
        before the wizard's first frame (docs/performance.md, (d))."""
        super().__init__(label, value, id=id, classes="-on -selected" if value else None)

    @property
    def _button(self) -> Content:
        button_style = self.get_visual_style("toggle--button")
        side_style = Style(foreground=button_style.background, background=self.background_colors[1])
        return Content.assemble(
            (self.BUTTON_LEFT, side_style), (ON if self.value else OFF, button_style), (self.BUTTON_RIGHT, side_style)
        )


class ChoiceSet(RadioSet):
    """A RadioSet whose highlight starts on the pressed button (RadioSet's own mount puts it on the first)."""

    def _on_mount(self, _event: Mount) -> None:
        """Start the highlight one button before the pressed one, silently: RadioSet's own mount handler runs
        after this one and moves the highlight one button on, so its one move lands on the pressed button.

        Why not let it highlight the first button and move the highlight afterwards: every move restyles the
        buttons, and this set is drawn in the wizard's first frame (docs/performance.md, (d))."""
        pressed = [i for i, button in enumerate(self.children) if isinstance(button, RadioButton) and button.value]
        if pressed:
            self.set_reactive(RadioSet._selected, (pressed[0] - 1) % len(self.children))

    def watch__selected(self) -> None:
        """RadioSet's watcher, changing only the buttons whose `-selected` class changes (RadioSet's takes it off
        every button and puts it back on one: two restyles of a button that keeps it)."""
        for index, button in enumerate(self.children):
            button.set_class(index == self._selected, "-selected")
        if self._selected is not None:
            self._scroll_to_selected()
