"""A paste a thousand times too large (64 MiB; a value holds at most VALUE_MAX = 65,536 bytes) into each paste path of
the Value step: the single-line field, the multi-line box and a key/value value.

Before the size rule (`smtui.widgets.paste_rule.pasted_value`) the single-line field and a key/value value froze the
UI for minutes (6.5 MiB took 72 s to become idle; 64 MiB did not within 150 s), and the multi-line box held the whole
64 MiB in its SecretStr (7 s to become idle, 128 MiB at its peak) only for the step to refuse it. Now each refuses
the paste at once, keeps nothing and says why, naming the field and the limit.

Timing is relative, never absolute: the oversized paste must take at most TIME_RATIO times as long as a paste of
exactly VALUE_MAX bytes (accepted) in the same test, measured up to the app answering the next key. Memory: what
the app allocates while it handles the refused paste must be far below the paste's size (no copy kept).
"""

from __future__ import annotations

import time
import tracemalloc
from typing import Any

import pytest
from textual import events

from smtui.model.limits import VALUE_MAX
from smtui.widgets.keyvalue import KeyValueForm
from smtui.widgets.paste_rule import pasted_value, too_large_message
from smtui.widgets.secret_input import SecretInput
from smtui.widgets.secret_multiline import PasteBox
from tests.ui.test_value_screen import Host, pick, start

HUGE = 1024 * VALUE_MAX  # 64 MiB
TIME_RATIO = 20  # a paste 1000 times larger may take at most 20 times as long as one at the limit
HELD_MAX = HUGE // 100  # bytes the app may still hold, allocated while it handled the refused paste
MESSAGE = "SecretString: the paste holds more than 65536 bytes, the most a secret value may have; nothing was kept"


async def focus_path(pilot: Any, path: str) -> SecretInput | PasteBox:
    """The Value step with `path`'s widget focused, as a person would have it before pasting."""
    screen = await start(pilot)
    if path != "single":
        await pick(pilot, path)
    if path == "keyvalue":
        row = screen.query_one(KeyValueForm).rows()[0]
        row.key_input.value = "k"
        row.value_input.focus()
        await pilot.pause()
    widget = pilot.app.focused
    assert isinstance(widget, SecretInput | PasteBox), widget
    return widget


def held(widget: SecretInput | PasteBox) -> str:
    return widget.value if isinstance(widget, SecretInput) else widget.text


async def paste_then_key(pilot: Any, widget: SecretInput | PasteBox, text: str, key: str) -> tuple[float, int, int]:
    """Seconds from the paste's arrival until the app is idle again and has handled `key`; then, taken once the
    paste was handled (before the key): the characters the widget held and the bytes the app allocated for the
    paste and still holds. Both pastes of a test are measured alike (tracemalloc slows both)."""
    tracemalloc.start()
    try:
        began = time.perf_counter()
        pilot.app.post_message(events.Paste(text))  # routed to the focused widget, as a terminal's paste is
        await pilot.pause()
        kept, _peak = tracemalloc.get_traced_memory()
        length = len(held(widget))
        await pilot.press(key)
        return time.perf_counter() - began, length, kept
    finally:
        tracemalloc.stop()


@pytest.mark.parametrize(
    "path",
    ["single", pytest.param("multiline", marks=pytest.mark.slow), pytest.param("keyvalue", marks=pytest.mark.slow)],
)
async def test_a_paste_1000_times_too_large_is_refused_at_once_and_nothing_is_kept(path: str) -> None:
    app = Host()
    async with app.run_test(size=(100, 30)) as pilot:
        widget = await focus_path(pilot, path)
        at_limit = "a" * VALUE_MAX
        normal, length, _kept = await paste_then_key(pilot, widget, at_limit, "b")
        assert length == VALUE_MAX, f"a paste of exactly VALUE_MAX bytes is accepted (the field holds {length:,})"
        assert not any("65536" in str(n.message) for n in app._notifications)

        huge = "a" * HUGE
        refused, length, kept = await paste_then_key(pilot, widget, huge, "c")
        del huge

        assert refused <= TIME_RATIO * normal, (
            f"the refused paste took {refused:.2f} s, one at the limit {normal:.2f} s"
        )
        assert kept < HELD_MAX, f"{kept:,} bytes held after a refused paste of {HUGE:,}"
        assert length == VALUE_MAX + 1, f"the field holds {length:,} characters after the paste, not as it was"
        answered = held(widget) == at_limit + "bc"  # not in the assert: a failure must not diff 64 MiB
        assert answered, "the field did not take the key typed after the paste"
        assert [str(n.message) for n in app._notifications if "65536" in str(n.message)] == [MESSAGE]
        assert app.draft.secret_string is None


async def test_a_refused_paste_leaves_the_single_line_field_as_it_was_and_typed() -> None:
    """A refused paste changes nothing: not the value, not whether it was typed (it still needs confirming)."""
    app = Host()
    async with app.run_test(size=(100, 30)) as pilot:
        widget = await focus_path(pilot, "single")
        assert isinstance(widget, SecretInput)
        await pilot.press(*"typed")
        pilot.app.post_message(events.Paste("x" * (VALUE_MAX + 1)))
        await pilot.pause()
        assert widget.value == "typed" and not widget.was_pasted
        assert not any("replaced" in str(n.message) for n in app._notifications)


# The rule itself (pure Python): bytes in UTF-8, counted after the line-break rule. -----------------------------


def test_the_limit_is_in_utf8_bytes() -> None:
    assert pasted_value("é" * (VALUE_MAX // 2)) == ("é" * (VALUE_MAX // 2), 0)  # 2 bytes each: exactly the limit
    assert pasted_value("é" * (VALUE_MAX // 2) + "a") is None
    assert pasted_value("😀" * (VALUE_MAX // 4) + "a") is None  # fewer characters than the limit, more bytes


def test_the_limit_counts_the_value_as_stored_with_lf() -> None:
    """A CR LF is stored as one LF: a paste at the limit once stored is accepted, even if it arrived longer."""
    text = "a\r\n" * (VALUE_MAX // 2)
    assert pasted_value(text) == ("a\n" * (VALUE_MAX // 2), VALUE_MAX // 2)
    assert pasted_value(text + "a") is None
    assert pasted_value("\r" * (VALUE_MAX + 1)) is None  # a lone CR is one LF: still one byte each


def test_the_message_names_the_field_and_the_limit() -> None:
    assert too_large_message() == MESSAGE


async def test_a_paste_of_several_lines_into_a_key_value_value_is_refused_and_said_so() -> None:
    """The single-line field says why it refused a block of lines; a key/value value used to drop it unsaid."""
    app = Host()
    async with app.run_test(size=(100, 30)) as pilot:
        widget = await focus_path(pilot, "keyvalue")
        pilot.app.post_message(events.Paste("first\rsecond\r"))
        await pilot.pause()
        assert held(widget) == ""
        assert any("2 lines" in str(n.message) and "Nothing was kept" in str(n.message) for n in app._notifications)
