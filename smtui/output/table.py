"""The AWS CLI's `table` output format, rewritten from awscli's table.py (Apache-2.0).

Why rewritten rather than imported: awscli is a test dependency only, and smtui's output must match byte for
byte what `aws ... --output table` prints. The rules: sections with a centred title, a header row and value
rows, `|`, `+` and `-` borders, fitted to the terminal width (a one-row section turns vertical when too wide).
"""

from __future__ import annotations

import io
import os
import sys
import unicodedata
from typing import Any

from smtui.output.text import scalar_text

_BLUE = "\x1b[1m\x1b[34m"
_DIM_YELLOW = "\x1b[2m\x1b[33m"
_RESET = "\x1b[0m"


def text_width(text: str) -> int:
    """Cells a string takes: East Asian wide, full-width and ambiguous characters count two."""
    return sum(2 if unicodedata.east_asian_width(c) in "WFA" else 1 for c in text)


class _Section:
    def __init__(self, title: str = "", indent: int = 0) -> None:
        self.title = title
        self.indent = indent
        self.headers: list[str] = []
        self.rows: list[list[str]] = []
        self._ncols: int | None = None
        self._widths: list[int] = []

    def add_header(self, headers: list[str]) -> None:
        self._grow(headers)
        if self._ncols is None:
            self._ncols = len(headers)
        self.headers = headers

    def add_row(self, row: list[Any]) -> None:
        if self._ncols is None:
            self._ncols = len(row)
        cells = [scalar_text(c) for c in row]
        self.rows.append(cells)
        self._grow(cells)

    def _grow(self, cells: list[str]) -> None:
        if not self._widths:
            self._widths = [text_width(c) for c in cells]
        else:
            for i, c in enumerate(cells):
                self._widths[i] = max(text_width(c), self._widths[i])

    def column_widths(self, padding: int = 0, max_width: int | None = None) -> list[int]:
        unscaled = [w + padding for w in self._widths]
        if max_width is None or not unscaled:
            return unscaled
        factor = max_width / float(sum(unscaled))
        scaled = [round(factor * w) for w in unscaled]
        off_by = sum(scaled) - max_width
        while off_by != 0:
            order = range(len(scaled)) if off_by > 0 else reversed(range(len(scaled)))
            for i in order:
                if off_by > 0:
                    scaled[i] -= 1
                    off_by -= 1
                else:
                    scaled[i] += 1
                    off_by += 1
                if off_by == 0:
                    break
        return scaled

    def total_width(self, padding: int = 0, outer: int = 0) -> int:
        total = sum(w + padding for w in self.column_widths()) + 2 + 2 * outer
        return max(text_width(self.title) + 2 + 2 * outer, total)


class _Table:
    """awscli's MultiTable with `initial_section=False` and `|` as column separator."""

    def __init__(self, width: int, color: bool) -> None:
        self.sections: list[_Section] = []
        self.width = width
        self.color = color

    @property
    def current(self) -> _Section:
        return self.sections[-1]

    def new_section(self, title: str, indent: int = 0) -> None:
        self.sections.append(_Section(title, indent))

    def render(self) -> str:
        max_width = self._max_width()
        if max_width > self.width:
            self._verticalise()
            max_width = self._max_width()
        out = io.StringIO()
        out.write("-" * max_width + "\n")
        for section in self.sections:
            self._render_section(section, max_width, out)
        return out.getvalue()

    def _max_width(self) -> int:
        return max(s.total_width(padding=4, outer=s.indent) for s in self.sections)

    def _verticalise(self) -> None:
        for i, section in enumerate(self.sections):
            if len(section.rows) == 1 and section.headers:
                new = _Section(section.title, section.indent)
                for header, value in zip(section.headers, section.rows[0], strict=False):
                    new.add_row([header, value])
                self.sections[i] = new

    def _render_section(self, section: _Section, max_width: int, out: io.StringIO) -> None:
        bar = f"{_DIM_YELLOW}|{_RESET}" if self.color else "|"
        lines: list[str] = []
        width = max_width - section.indent * 2
        if section.title:
            lines.append(_center(section.title, width))
            if not section.headers and not section.rows:
                lines.append("+" + "-" * (width - 2) + "+")
        if section.headers:
            widths = section.column_widths(padding=4, max_width=width)
            lines.append(_line_break(widths))
            lines.append(
                "".join(
                    _center(h, w, "|" if i == 0 else "")
                    for i, (w, h) in enumerate(zip(widths, section.headers, strict=False))
                )
            )
        if section.rows:
            widths = section.column_widths(padding=4, max_width=width)
            if widths:
                lines.append(_line_break(widths))
                for row in section.rows:
                    lines.append(
                        "".join(self._cell(c, w, i == 0) for i, (w, c) in enumerate(zip(widths, row, strict=False)))
                    )
                lines.append(_line_break(widths))
        for line in lines:
            out.write(bar * section.indent + line + bar * section.indent + "\n")

    def _cell(self, text: str, width: int, first: bool) -> str:
        left = "|" if first else ""
        tlen = text_width(text)
        padding = 2 if width - (tlen + 2 + len(left) + 1) >= 0 else 0
        styled = f"{_BLUE}{text}{_RESET}" if self.color else text
        return left + " " * padding + styled + " " * (width - len(left) - padding - tlen - 1) + "|"


def _center(text: str, length: int, left: str = "|", right: str = "|") -> str:
    tlen = text_width(text)
    start = (length // 2) - (tlen // 2) - 1
    so_far = text_width(left) + start + tlen
    return left + " " * start + text + " " * (length - text_width(right) - so_far) + right


def _line_break(widths: list[int]) -> str:
    return "".join(("+" + "-" * (w - 2) + "+") if i == 0 else ("-" * (w - 1) + "+") for i, w in enumerate(widths))


def _scalar(value: Any) -> bool:
    return not isinstance(value, dict | list)


def _group(current: dict[str, Any]) -> tuple[list[str], list[str]]:
    return sorted(k for k in current if _scalar(current[k])), sorted(k for k in current if not _scalar(current[k]))


def _build(table: _Table, title: str | None, current: Any, indent: int = 0) -> bool:
    if not current:
        return False
    if title is not None:
        table.new_section(title, indent)
    if isinstance(current, list):
        if isinstance(current[0], dict):
            _build_list(table, current, indent, title)
        else:
            for item in current:
                if _scalar(item):
                    table.current.add_row([item])
                elif all(_scalar(el) for el in item):
                    table.current.add_row(list(item))
                else:
                    _build(table, None, item)
    if isinstance(current, dict):
        headers, more = _group(current)
        if len(headers) == 1:
            table.current.add_row([headers[0], current[headers[0]]])
        elif headers:
            table.current.add_header(headers)
            table.current.add_row([current[k] for k in headers])
        for key in more:
            _build(table, key, current[key], indent + 1)
    return True


def _build_list(table: _Table, current: list[dict[str, Any]], indent: int, title: str | None) -> None:
    headers_set: set[str] = set()
    more_set: set[str] = set()
    for item in current:
        h, m = _group(item)
        headers_set.update(h)
        more_set.update(m)
    headers, more = sorted(headers_set), sorted(more_set)
    table.current.add_header(headers)
    for n, element in enumerate(current):
        if n and more:
            table.new_section(title or "", indent)
            table.current.add_header(headers)
        table.current.add_row([element.get(h, "") for h in headers])
        for key in more:
            if key in element:
                _build(table, key, element[key], indent + 1)


def terminal_width(default: int = 80) -> int:
    try:
        return os.get_terminal_size(sys.stdout.fileno()).columns
    except (OSError, ValueError):
        return default


def format_table(data: Any, *, title: str, color: bool, width: int | None = None) -> str:
    table = _Table(width if width is not None else terminal_width(), color)
    if not _build(table, title, data):
        return ""
    return table.render()
