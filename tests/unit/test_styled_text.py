"""Property: text given to the wizard's styled-text helper comes out exactly as given, whatever it holds.

Why: markup built around outside text (`f"[b]{escape(text)}[/]"`) mangled a `[` that opened no tag and raised
MarkupError quoting the text — a generated password among them. `smtui.widgets.styled_text` takes text as data;
these properties hold for any text: markup look-alikes (`[b]`, `[/]`, `[@click=…]`, `[link=…]`), backslashes,
lone brackets, control characters, any Unicode. The Pilot properties through the real widgets and screens are
in tests/ui/test_markup_free_text.py.
"""

from __future__ import annotations

import io
import re
from pathlib import Path

from hypothesis import example, given, settings
from hypothesis import strategies as st
from rich.console import Console
from rich.control import strip_control_codes
from textual.content import Content
from textual.markup import escape

from smtui.widgets.styled_text import assemble, cell, lines, plain

REPO = Path(__file__).resolve().parents[2]
PASSWORD = "j_;Yr7sij<AnYTA9e%@['l{t1:Xp6=1t"  # the generated password that raised MarkupError quoting itself

# Pieces that mean something to Textual's or Rich's markup, or to a terminal.
TRICKY = [
    "[", "]", "[/]", "[b]", "[/b]", "[b red]", "\\", "\\[", "[@click=app.quit]", "[link=https://example.com]",
    "[$accent]", "[on red]", "['", "@['l{t1", "[[", "]]", "\x1b[2J", "\x1b]52;c;eA==\a", "\r", "\r\n", "\n", "\t",
    "\x00", "\x07", "\x08", "\x0b", "\x0c", "\x7f", "\x9b", "\u200b", "é", "🔑",
]  # fmt: skip
texts = st.lists(st.one_of(st.sampled_from(TRICKY), st.text(max_size=6)), max_size=10).map("".join)
STYLES = ["", "bold", "dim", "bold red", "green", "$text-muted"]


def drawn(content: Content) -> str:
    """The text of every segment Textual would draw for `content` (rendering must not raise either)."""
    return "".join(segment.text for segment in content.render_segments())


def test_the_escape_pattern_it_replaces_was_broken() -> None:
    """Why the helper exists: escaping does not make markup safe (kept so the reason stays checked)."""
    assert Content.from_markup("[b]" + escape("['x") + "[/]").plain != "['x"
    assert plain("['x", "bold").plain == "['x"


@example(PASSWORD)
@example("[b]bold?[/b] [@click=app.quit]quit[/] [link=https://e.com]x[/link] \\")
@given(texts)
@settings(max_examples=300, deadline=None)
def test_plain_and_styled_text_is_exactly_the_text(text: str) -> None:
    for style in STYLES:
        content = plain(text, style)
        assert content.plain == text
        assert drawn(content).replace("\n", "") == text.replace("\n", "")
        if style and text:
            assert [(s.start, s.end, s.style) for s in content.spans] == [(0, len(text), style)]


@example(PASSWORD, "Error")
@given(texts, texts)
@settings(max_examples=200, deadline=None)
def test_assembled_lines_are_exactly_their_parts(first: str, second: str) -> None:
    row = assemble((first, "bold"), ": ", second, plain(second, "dim"))
    assert row.plain == f"{first}: {second}{second}"
    both = lines([row, first, (second, "red")])
    assert both.plain == f"{row.plain}\n{first}\n{second}"
    drawn(both)


@example(PASSWORD)
@given(texts)
@settings(max_examples=200, deadline=None)
def test_a_table_cell_is_the_text_never_markup(text: str) -> None:
    """Rich's Text drops BEL, BS, VT, FF and CR when made (nothing else); the rest is the text as given."""
    for style in ("", "green"):
        shown = cell(text, style)
        assert shown.plain == strip_control_codes(text)
        console = Console(width=200, file=io.StringIO(), color_system=None)
        console.print(shown, end="", soft_wrap=True)  # drawing it must not raise either


def test_no_widget_or_screen_builds_markup_with_escape() -> None:
    """The rule lives in one module: nothing under smtui/ escapes text into markup any more."""
    offenders = []
    for source in sorted((REPO / "smtui").rglob("*.py")):
        text = source.read_text(encoding="utf-8")
        if re.search(r"from (rich|textual)\.markup import|\bfrom_markup\(|\bmarkup\.escape\(", text):
            offenders.append(str(source.relative_to(REPO)))
    assert offenders == []
