"""Step 5 — tags: labels for cost reports, access policies and search.

Each row is checked by the model (`validate_field("Tags", …)`: the 50-tag limit, unique keys, the reserved
`aws:` prefix, lengths and characters). Tags are stored in clear, so they must never hold secrets.
"""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.widgets import Button, DataTable, Input, Static

from smtui.errors import Issue
from smtui.model import Tag, validate_field
from smtui.model.rules import TAGS_MAX
from smtui.screens.base import StepScreen
from smtui.widgets.guarded_input import GuardedInput
from smtui.widgets.issues import IssueLabel
from smtui.widgets.tag_table import TagTable, issues_by_row


class TagsScreen(StepScreen):
    STEP = "tags"
    INTRO = (
        "Tags are optional labels (Key = Value) used for cost reports, access policies and search. "
        "Tags are [b]not encrypted[/]: never put a secret in one. Up to 50; keys starting with aws: "
        "are reserved."
    )

    BINDINGS = [Binding("delete", "remove", "Remove tag", id="remove-tag")]

    def compose_body(self) -> ComposeResult:
        with Horizontal(classes="field-row"):
            yield GuardedInput(placeholder="Key", id="tag-key", label="Tag key")  # a paste waits for Keep
            yield GuardedInput(placeholder="Value", id="tag-value", label="Tag value")
            yield Button("Add", id="tag-add")
            yield Button("Remove", id="tag-remove")
        yield IssueLabel(id="tag-issues")
        yield TagTable(id="tag-table")
        yield Static("", id="tag-count")

    def on_mount(self) -> None:
        self._tags: list[Tag] = list(self.draft.tags)
        self._editing: int | None = None
        self._refresh()
        self.query_one("#tag-key", Input).focus()

    def _issues(self, tags: list[Tag]) -> list[Issue]:
        return validate_field("Tags", tags) if tags else []

    def _refresh(self) -> list[Issue]:
        issues = self._issues(self._tags)
        self.query_one(TagTable).show_tags(self._tags, issues)
        self.query_one("#tag-count", Static).update(f"{len(self._tags)} of {TAGS_MAX} tags")
        self.query_one("#tag-issues", IssueLabel).show_issues(issues_by_row(issues).get(-1, []))
        self.draft.tags = list(self._tags)
        return issues

    @on(Input.Submitted, "#tag-key")
    def _key_submitted(self) -> None:
        self.query_one("#tag-value", Input).focus()

    @on(Input.Submitted, "#tag-value")
    @on(Button.Pressed, "#tag-add")
    def _add(self) -> None:
        key_input, value_input = self.query_one("#tag-key", Input), self.query_one("#tag-value", Input)
        if not key_input.value and not value_input.value:
            return
        tag = Tag(Key=key_input.value, Value=value_input.value)
        candidate = list(self._tags)
        index = self._editing if self._editing is not None else len(candidate)
        if index < len(candidate):
            candidate[index] = tag
        else:
            candidate.append(tag)
        row_issues = issues_by_row(self._issues(candidate))
        problems = row_issues.get(index, []) + row_issues.get(-1, [])
        if any(i.severity == "error" for i in problems):
            self.query_one("#tag-issues", IssueLabel).show_issues(problems)
            return
        self._tags, self._editing = candidate, None
        key_input.value = value_input.value = ""
        self.query_one("#tag-add", Button).label = "Add"
        self._refresh()
        key_input.focus()

    @on(DataTable.RowSelected, "#tag-table")
    def _edit(self, event: DataTable.RowSelected) -> None:
        index = int(str(event.row_key.value))
        self._editing = index
        self.query_one("#tag-key", Input).value = self._tags[index].Key
        self.query_one("#tag-value", Input).value = self._tags[index].Value
        self.query_one("#tag-add", Button).label = "Update"
        self.query_one("#tag-key", Input).focus()

    @on(Button.Pressed, "#tag-remove")
    def action_remove(self) -> None:
        table = self.query_one(TagTable)
        index = self._editing if self._editing is not None else table.cursor_row
        if 0 <= index < len(self._tags):
            del self._tags[index]
        self._editing = None
        self.query_one("#tag-add", Button).label = "Add"
        self._refresh()

    def save(self) -> bool:
        key_input, value_input = self.query_one("#tag-key", Input), self.query_one("#tag-value", Input)
        if key_input.value or value_input.value:  # a tag typed but not added: add it rather than drop it
            self._add()
            if key_input.value or value_input.value:
                return False  # refused: the reason is shown under the fields
        issues = self._refresh()
        return not any(i.severity == "error" for i in issues)
