"""Which Failed replica to retry, when more than one failed: the Result screen's small choice.

Why a question and not "the first Failed one": each retry removes that region's replica and replicates it again,
and one may need ForceOverwriteReplicaSecret (another secret of the name there) while another needs a key fixed
first; the person picks the region. Loaded only when asked (the Result screen imports it on `t`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, OptionList, Static
from textual.widgets.option_list import Option

from smtui.widgets.styled_text import assemble

if TYPE_CHECKING:
    from collections.abc import Sequence

    from smtui.model import ReplicationStatusEntry


class ChooseReplica(ModalScreen[str | None]):
    """The Failed replicas, one option each (region and the service's words, never markup); the answer is the
    chosen region, None for Cancel."""

    BINDINGS: ClassVar = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, failed: Sequence[ReplicationStatusEntry]) -> None:
        super().__init__()
        self.failed = list(failed)

    def compose(self) -> ComposeResult:
        with Vertical(id="choose-replica", classes="modal-box"):
            yield Static(f"{len(self.failed)} replicas failed. Which one to retry?", id="choose-replica-text")
            yield OptionList(
                *(
                    Option(assemble((e.Region, "bold"), f": {e.StatusMessage or 'Failed'}"), id=e.Region)
                    for e in self.failed
                ),
                id="failed-replicas",
            )
            with Horizontal(classes="buttons"):
                yield Button("Cancel", id="cancel")

    def on_mount(self) -> None:
        self.query_one("#failed-replicas", OptionList).focus()

    @on(OptionList.OptionSelected, "#failed-replicas")
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option.id)

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)
