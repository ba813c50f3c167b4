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
        # RadioSet's handler (which highlights the first button) runs after this one: follow it up.
        self.call_later(self.highlight_pressed)

    def highlight_pressed(self) -> None:
        if self.pressed_index >= 0:
            self._selected = self.pressed_index
