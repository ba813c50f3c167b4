"""The tags as a table: one row per tag, with the model's verdict on each row."""

from __future__ import annotations

from collections.abc import Sequence

from rich.text import Text
from textual.widgets import DataTable

from smtui.errors import Issue
from smtui.model import Tag
from smtui.widgets.styled_text import cell


def issues_by_row(issues: Sequence[Issue]) -> dict[int, list[Issue]]:
    """Group issues whose field is `Tags[i]…` by i; issues about the whole list go under -1."""
    rows: dict[int, list[Issue]] = {}
    for issue in issues:
        index = -1
        if issue.field.startswith("Tags[") and "]" in issue.field:
            try:
                index = int(issue.field[5 : issue.field.index("]")])
            except ValueError:
                index = -1
        rows.setdefault(index, []).append(issue)
    return rows


class TagTable(DataTable[Text]):
    """Key, Value, and the row's problem (if any). Row keys are the tag indexes. Cells are Text, not str:
    DataTable parses a str cell as markup, and a tag is the person's text."""

    def on_mount(self) -> None:
        self.cursor_type = "row"
        self.zebra_stripes = True
        self.add_column("Key", key="key")
        self.add_column("Value", key="value")
        self.add_column("Check", key="check")

    def show_tags(self, tags: Sequence[Tag], issues: Sequence[Issue]) -> None:
        by_row = issues_by_row(issues)
        cursor = self.cursor_row
        self.clear()
        for index, tag in enumerate(tags):
            problems = by_row.get(index, [])
            check = "✓" if not problems else "✗ " + problems[0].message
            self.add_row(cell(tag.Key), cell(tag.Value), cell(check), key=str(index))
        if tags:
            self.move_cursor(row=min(max(cursor, 0), len(tags) - 1))
