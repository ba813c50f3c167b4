"""Styled text for the wizard, built without markup: the one way a widget shows text it did not write itself.

Why: Textual parses a `str` given to Static, Label, Option, notify and the rest as content markup, and a
DataTable parses a `str` cell as Rich markup. Escaping does not make that safe: `rich.markup.escape` (and
Textual's own `escape`) leave a `[` that opens no tag alone, so `f"[b]{escape(text)}[/]"` around a generated
password such as `…@['l{t1…` raised `MarkupError: Expected markup value (found '/]')` — and the error's
message held the markup, i.e. the password. Names, descriptions, tags, key ids, file names and the service's
messages mangled the same way (a trailing `\\` ate the closing tag, `[b]` in a description turned bold).

The rule: any text from a person, a file, the target or a secret goes into a `Content` (or, in a DataTable, a
Rich `Text`) as plain text, with its style as data — never into markup. Literal markup is fine only in
constants the program wrote. Every function here takes plain text: no `[` in its arguments means anything.

Control characters are kept as given (`strip_control_codes=False`), so what a widget holds is exactly the text:
the app's `ControlCharFilter` (smtui.widgets.control_filter) drops them from every line drawn, so none of
them reaches the terminal.
"""

from __future__ import annotations

from collections.abc import Iterable

from rich.text import Text
from textual.content import Content, Span

# A part of assembled text: a str is literal text (never markup), (text, style) is styled text, Content as is.
Part = str | tuple[str, str] | Content


def plain(text: str, style: str = "") -> Content:
    """`text` exactly as given, optionally in one style ("bold", "dim", "bold red", "$text-muted")."""
    spans = [Span(0, len(text), style)] if style and text else None
    return Content(text, spans, strip_control_codes=False)


def assemble(*parts: Part) -> Content:
    """Parts side by side, e.g. `assemble(("Not usable:", "bold red"), " ", message)`."""
    return Content.assemble(*parts, strip_control_codes=False)


def lines(rows: Iterable[Part]) -> Content:
    """Rows one under another (joined by a line break), each a Part."""
    parts: list[Part] = []
    for row in rows:
        parts += ["\n", row] if parts else [row]
    return assemble(*parts)  # not Content.join: it drops control characters from the result


def cell(text: str, style: str = "") -> Text:
    """A DataTable cell: the table would parse a `str` as Rich markup, a `Text` it shows as it is.

    Rich's Text drops BEL, BS, VT, FF and CR as it is made (the rest of the control characters are kept and
    dropped when drawn, as above)."""
    return Text(text, style=style, end="")
