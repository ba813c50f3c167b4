"""A filterable list of KMS keys, with free typing for a key id, key ARN or `alias/NAME` not in the list."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.message import Message
from textual.widgets import Input, OptionList
from textual.widgets.option_list import Option

from smtui.model import KmsKey
from smtui.widgets.styled_text import assemble, plain

DEFAULT_KEY_LABEL = "aws/secretsmanager (default)"


def key_choice(key: KmsKey) -> str:
    """What goes into KmsKeyId for `key`: "" for the default key, else its first alias, else its id."""
    if key.IsDefault:
        return ""
    return key.AliasNames[0] if key.AliasNames else key.KeyId


def key_label(key: KmsKey) -> Content:
    """A key's line in the list; its aliases, id and description come from the target: plain text."""
    if key.IsDefault:
        note = "" if key.Arn else " — created on first use"
        return assemble((DEFAULT_KEY_LABEL, "bold"), note)
    aliases = ", ".join(key.AliasNames) or "(no alias)"
    description = f" — {key.Description}" if key.Description else ""
    return plain(f"{aliases}  {key.KeyId}{description}")


class KeyPicker(Vertical):
    """Filter box + list. Posts `KeyPicker.Chosen` with the KmsKeyId text ("" = default key)."""

    class Chosen(Message):
        def __init__(self, key_id: str) -> None:
            super().__init__()
            self.key_id = key_id

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.keys: list[KmsKey] = []
        self._shown: list[KmsKey] = []

    def compose(self) -> ComposeResult:
        yield Input(placeholder="filter, or type a key id / ARN / alias/NAME and press Enter", id="key-filter")
        yield OptionList(Option(plain("Loading the keys…", "dim"), disabled=True), id="key-list")

    def set_keys(self, keys: list[KmsKey]) -> None:
        self.keys = keys
        self._refill()

    def show_problem(self, text: str) -> None:
        options = self.query_one("#key-list", OptionList)
        options.clear_options()
        options.add_option(Option(plain(text), disabled=True))

    @property
    def filter_text(self) -> str:
        return self.query_one("#key-filter", Input).value.strip()

    def _refill(self) -> None:
        needle = self.filter_text.lower()
        self._shown = [k for k in self.keys if not needle or needle in self._haystack(k)]
        options = self.query_one("#key-list", OptionList)
        options.clear_options()
        options.add_options([Option(key_label(k)) for k in self._shown])
        if self._shown:
            options.highlighted = 0

    @staticmethod
    def _haystack(key: KmsKey) -> str:
        return " ".join(
            [
                key.KeyId,
                key.Arn or "",
                *key.AliasNames,
                key.Description or "",
                DEFAULT_KEY_LABEL if key.IsDefault else "",
            ]
        ).lower()

    @on(Input.Changed, "#key-filter")
    def _filter_changed(self) -> None:
        if self.keys:
            self._refill()

    def typed_choice(self) -> str | None:
        """What the filter box means as a choice: the one key it leaves, else the text as a key id or alias."""
        if len(self._shown) == 1 and self.filter_text:
            return key_choice(self._shown[0])
        return self.filter_text or None

    @on(Input.Submitted, "#key-filter")
    def _typed(self, event: Input.Submitted) -> None:
        event.stop()
        if not self.filter_text:  # Enter in an empty box picks the highlighted key
            index = self.query_one("#key-list", OptionList).highlighted
            if index is not None and 0 <= index < len(self._shown):
                self.post_message(self.Chosen(key_choice(self._shown[index])))
            return
        choice = self.typed_choice()
        if choice is not None:
            self.post_message(self.Chosen(choice))

    @on(OptionList.OptionSelected, "#key-list")
    def _picked(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if 0 <= event.option_index < len(self._shown):
            self.post_message(self.Chosen(key_choice(self._shown[event.option_index])))
