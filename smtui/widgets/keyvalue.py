"""Key/value pairs stored as one JSON object: the shape most consumers of a secret expect.

Keys are plain text (they name things, like `username`); values are masked `SecretInput`s that never copy.
The JSON is built by `smtui.model.value.keyvalue_to_json`, which also reports empty and duplicate keys in
plain words naming the row, never a value. A paste into a value follows `SecretInput`'s paste rule, its size
included: more than a secret value's maximum is refused with nothing kept (the whole JSON object must fit that
maximum too; the step reports when it does not). A paste of several lines into a value is refused, as in the
single-line field, and the step says so (it used to vanish without a word): a value here is one line.
"""

from __future__ import annotations

import json

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Input, Label

from smtui.draft import ValueOrigin
from smtui.errors import Issue, ParameterError
from smtui.model.value import Finding, hygiene_findings, keyvalue_to_json
from smtui.widgets.secret_form import SecretForm
from smtui.widgets.secret_input import SecretInput


class KeyValueRow(Horizontal):
    """One pair: a key, a masked value, and a remove button."""

    def __init__(self, row_id: int) -> None:
        super().__init__(classes="kv-row", id=f"kv-row-{row_id}")
        self.row_id = row_id

    def compose(self) -> ComposeResult:
        yield Input(placeholder="key, e.g. username", classes="kv-key", id=f"kv-key-{self.row_id}")
        yield SecretInput(placeholder="value (hidden)", classes="kv-value", id=f"kv-value-{self.row_id}")
        yield Button("✕", classes="kv-remove", id=f"kv-remove-{self.row_id}", compact=True, tooltip="Remove this pair")

    @property
    def key_input(self) -> Input:
        return self.query_one(".kv-key", Input)

    @property
    def value_input(self) -> SecretInput:
        return self.query_one(".kv-value", SecretInput)


class KeyValueForm(SecretForm):
    """Rows of key/value pairs; Add makes a new row, ✕ removes one."""

    FORM = "keyvalue"

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._next_row = 0

    def compose(self) -> ComposeResult:
        yield Label("Key/value pairs, saved as a JSON object (values are hidden)")
        yield Vertical(id="kv-rows")
        yield Button("Add a pair", id="kv-add", compact=True)

    async def on_mount(self) -> None:
        if not self.rows():
            await self.add_row()

    def rows(self) -> list[KeyValueRow]:
        return list(self.query(KeyValueRow))

    async def add_row(self, key: str = "", value: str = "") -> KeyValueRow:
        row = KeyValueRow(self._next_row)
        self._next_row += 1
        await self.query_one("#kv-rows", Vertical).mount(row)
        row.key_input.value = key
        row.value_input.value = value
        return row

    @on(Button.Pressed, "#kv-add")
    async def _add(self, event: Button.Pressed) -> None:
        event.stop()
        row = await self.add_row()
        row.key_input.focus()

    @on(Button.Pressed, ".kv-remove")
    async def _remove(self, event: Button.Pressed) -> None:
        event.stop()
        row = event.button.parent
        if isinstance(row, KeyValueRow):
            row.value_input.wipe()
            await row.remove()
            if not self.rows():
                await self.add_row()
            self.post_message(self.Changed(self))

    @on(Input.Changed)
    def _changed(self, event: Input.Changed) -> None:
        event.stop()
        self.post_message(self.Changed(self))

    @on(SecretInput.MultilinePaste)
    def _multiline(self, event: SecretInput.MultilinePaste) -> None:
        event.stop()
        self.notify(
            f"That paste has {event.line_count} lines; a key/value value holds one line. Nothing was kept.",
            severity="warning",
            timeout=6,
        )

    @on(Input.Submitted, ".kv-key")
    def _key_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        row = event.input.parent
        if isinstance(row, KeyValueRow):
            row.value_input.focus()

    def _pairs(self) -> list[tuple[str, str]]:
        """Every row that has something in it (a fully empty row is ignored)."""
        return [
            (r.key_input.value, r.value_input.value) for r in self.rows() if r.key_input.value or r.value_input.value
        ]

    def current_value(self) -> str | None:
        try:
            return keyvalue_to_json(self._pairs())
        except ParameterError:
            return None

    def origin(self) -> ValueOrigin:
        return "keyvalue"

    def form_issues(self) -> list[Issue]:
        try:
            keyvalue_to_json(self._pairs())
        except ParameterError as exc:
            return list(exc.issues)
        return []

    def findings(self) -> list[tuple[str, Finding]]:
        """Warnings about each pair's value (the JSON around them is always clean)."""
        return [
            (str(row.row_id), f)
            for row in self.rows()
            if row.value_input.value
            for f in hygiene_findings(row.value_input.value)
        ]

    def breaks_changed(self) -> int:
        return sum(row.value_input.breaks_changed for row in self.rows())

    def part_label(self, part: str) -> str:
        for number, row in enumerate(self.rows(), start=1):
            if str(row.row_id) == part:
                key = row.key_input.value
                return f"Row {number} ({key})" if key else f"Row {number}"
        return ""

    def apply_trim(self, part: str, finding: Finding) -> None:
        for row in self.rows():
            if str(row.row_id) == part:
                row.value_input.value = finding.trim(row.value_input.value)

    async def load_pairs(self, pairs: dict[str, str]) -> None:
        for row in self.rows():
            row.value_input.wipe()
            await row.remove()
        for key, value in pairs.items():
            await self.add_row(key, value)
        if not pairs:
            await self.add_row()

    def load(self, value: str | bytes, origin: ValueOrigin) -> None:
        """Rows from a JSON object of strings; anything else cannot be edited here and starts empty."""
        try:
            parsed = json.loads(value)
        except ValueError:
            parsed = None
        pairs = {k: v for k, v in parsed.items() if isinstance(v, str)} if isinstance(parsed, dict) else {}
        self.call_after_refresh(self.load_pairs, pairs)

    def replace_value(self, value: str | bytes) -> None:
        self.load(value, "keyvalue")

    def wipe(self) -> None:
        for row in self.rows():
            row.key_input.value = ""
            row.value_input.wipe()

    def focus_first(self) -> None:
        rows = self.rows()
        if rows:
            rows[0].key_input.focus()
