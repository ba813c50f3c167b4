"""A filterable multi-select of regions that remembers the selection while the filter hides some of them."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.message import Message
from textual.widgets import Input, SelectionList

from smtui.widgets.styled_text import assemble, plain


class RegionPicker(Vertical):
    """Filter box + SelectionList. `selected` keeps the order in which regions were chosen."""

    class Changed(Message):
        """The selection changed."""

    class Highlighted(Message):
        def __init__(self, region: str | None) -> None:
            super().__init__()
            self.region = region

    def __init__(self, selected: list[str] | None = None, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.regions: list[str] = []
        self.selected: list[str] = list(selected or [])
        self.labels: dict[str, str] = {}

    def compose(self) -> ComposeResult:
        yield Input(placeholder="filter regions, e.g. eu- or west", id="region-filter")
        yield SelectionList[str](id="region-list")

    def set_regions(self, regions: list[str]) -> None:
        self.regions = regions
        self._refill()

    def set_label(self, region: str, note: str) -> None:
        """Extra words after a region (e.g. its replica key)."""
        self.labels[region] = note
        self._refill()

    @property
    def highlighted(self) -> str | None:
        options = self.query_one("#region-list", SelectionList)
        if options.highlighted is None:
            return None
        return str(options.get_option_at_index(options.highlighted).value)

    def _refill(self) -> None:
        needle = self.query_one("#region-filter", Input).value.strip().lower()
        options = self.query_one("#region-list", SelectionList)
        keep = options.highlighted
        shown = [r for r in self.regions if not needle or needle in r]
        with self.prevent(SelectionList.SelectedChanged):
            options.clear_options()
            options.add_options([(self._label(r), r, r in self.selected) for r in shown])
        if shown:
            options.highlighted = min(keep or 0, len(shown) - 1)

    def _label(self, region: str) -> Content:
        """The region and its note (a replica key id as typed: plain text, never markup)."""
        note = self.labels.get(region)
        return assemble(region, "  ", (note, "dim")) if note else plain(region)

    @on(Input.Changed, "#region-filter")
    def _filter(self) -> None:
        self._refill()

    @on(Input.Submitted, "#region-filter")
    def _to_list(self, event: Input.Submitted) -> None:
        event.stop()
        self.query_one("#region-list", SelectionList).focus()

    @on(SelectionList.SelectedChanged, "#region-list")
    def _selection(self, event: SelectionList.SelectedChanged[str]) -> None:
        event.stop()
        options = event.selection_list
        visible = {str(options.get_option_at_index(i).value) for i in range(options.option_count)}
        now = set(options.selected)
        self.selected = [r for r in self.selected if r not in visible or r in now]
        self.selected += [r for r in options.selected if r not in self.selected]
        self.post_message(self.Changed())

    @on(SelectionList.SelectionHighlighted, "#region-list")
    def _highlight(self, event: SelectionList.SelectionHighlighted[str]) -> None:
        event.stop()
        self.post_message(self.Highlighted(str(event.selection.value)))
