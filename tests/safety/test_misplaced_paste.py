"""A secret pasted into the Name field (focused just before the Value step) goes nowhere until confirmed.

The real wizard under Textual's pilot on a real local store. The backend is the real LocalBackend; the test
only counts the calls the Name step makes to it (describe_secret is how check_name asks the target, the
DescribeSecret CloudTrail would record). A paste is a Textual Paste event, as a terminal's bracketed paste is.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from textual import events

from smtui.app import SmtuiApp
from smtui.backends.base import Backend
from smtui.model import validate_field
from smtui.paste_guard import secret_reason
from smtui.settings import TargetSettings
from smtui.widgets.guarded_input import GuardedInput, PasteConfirmScreen
from tests.ui.wizard_driver import next_step, settle, step
from tests.waiting import wait_until

PASTED = "Zq9-paste-marker-3be1!Kx"  # a password-like paste with a character a name may not hold


def _counting_opener(calls: list[str]) -> Callable[[TargetSettings], Backend]:
    """The real backend, with describe_secret/check_name counted (a spy: the real method still runs)."""
    from smtui.backends import open_backend

    def opener(settings: TargetSettings) -> Backend:
        backend = open_backend(settings)
        real_describe = backend.describe_secret

        def describe_secret(secret_id: str, *args: Any, **kwargs: Any) -> Any:
            calls.append(secret_id)
            return real_describe(secret_id, *args, **kwargs)

        backend.describe_secret = describe_secret  # type: ignore[method-assign]
        return backend

    return opener


def _settings(tmp_path: Path) -> TargetSettings:
    return TargetSettings(backend="local", store=tmp_path / "store.db", key_file=tmp_path / "store.key")


def _assert_nowhere(app: SmtuiApp, calls: list[str]) -> None:
    assert not any(PASTED in c for c in calls), "the paste was sent to the target"
    assert PASTED not in app.export_screenshot(), "the paste is on the screen"
    assert PASTED not in app.draft.name and PASTED not in app.draft.description, "the paste is in the draft"
    for label in app.screen_stack[1].query(".issues"):
        assert "Zq9" not in str(label.render()), "an error message quotes the paste"


async def test_paste_into_name_is_held_until_discarded(tmp_path: Path) -> None:
    calls: list[str] = []
    app = SmtuiApp(_settings(tmp_path), cursor_blink=False, opener=_counting_opener(calls))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await next_step(pilot, "name")
        name_screen = app.screen
        app.post_message(events.Paste(PASTED))  # routed to the focused field (Name), as a terminal paste is
        await wait_until(pilot, lambda: isinstance(app.screen, PasteConfirmScreen), "the paste question")
        screen = app.screen
        assert isinstance(screen, PasteConfirmScreen)
        await pilot.pause()
        assert "Pasted text in Name" in str(screen.query_one("#paste-title").render())
        assert screen.reason is not None  # random-looking: the stronger warning
        # The field did not change (a name check reads the field), no check is running, no call was made.
        held = name_screen.query_one("#name", GuardedInput)
        assert held.value == "" and held.holding
        assert not [w for w in app.workers if w.group == "name-check"]
        _assert_nowhere(app, calls)
        await pilot.click("#paste-discard")
        await settle(pilot)
        assert app.screen is name_screen
        field = name_screen.query_one("#name", GuardedInput)
        assert field.value == "" and not field.holding
        await next_step(pilot)  # the empty name keeps the person here; the draft is saved
        _assert_nowhere(app, calls)
        assert calls == []


async def test_paste_kept_counts_as_the_name_and_errors_quote_nothing(tmp_path: Path) -> None:
    calls: list[str] = []
    app = SmtuiApp(_settings(tmp_path), cursor_blink=False, opener=_counting_opener(calls))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await next_step(pilot, "name")
        app.post_message(events.Paste("prod/app/db"))
        await wait_until(pilot, lambda: isinstance(app.screen, PasteConfirmScreen), "the paste question")
        await pilot.pause()
        await pilot.click("#paste-keep")
        await wait_until(pilot, lambda: "prod/app/db" in calls, "the name check after Keep")
        await settle(pilot)
        assert step(pilot) == "name"
        assert app.draft.name == "" or app.draft.name == "prod/app/db"
        await next_step(pilot, "value")
        assert app.draft.name == "prod/app/db"


async def test_name_error_never_quotes_the_characters(tmp_path: Path) -> None:
    app = SmtuiApp(_settings(tmp_path), cursor_blink=False, opener=_counting_opener([]))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await next_step(pilot, "name")
        field = app.screen.query_one("#name", GuardedInput)
        field.insert_text_at_cursor(PASTED)  # typed (or kept): shown in the field, but not repeated in errors
        await pilot.pause()
        text = str(app.screen.query_one("#name-issues").render())
        assert "not allowed" in text and "position 22" in text
        assert "'!'" not in text and "Zq9" not in text


@pytest.mark.parametrize(
    ("text", "secret_like"),
    [
        ("prod/payments/db-password", False),
        ("Prod/App01/db", False),
        ("team-a/service", False),
        (PASTED, True),
        ("hunter2hunter2hunter2hunter2hunter2hunter2", True),  # long
        ("-----BEGIN PRIVATE KEY-----\nabc\n-----END PRIVATE KEY-----", True),
        ('{"username": "app", "password": "x"}', True),
        ("line one\nline two", True),
    ],
)
def test_secret_looking_pastes_get_the_stronger_warning(text: str, secret_like: bool) -> None:
    assert (secret_reason(text) is not None) == secret_like
    reason = secret_reason(text)
    assert reason is None or ("Zq9" not in reason and "hunter" not in reason)


@pytest.mark.parametrize("name", ["bad name", "bad!", "a#b", "café", "a\tb", "Zq9-x!secret"])
def test_name_rule_messages_quote_no_character(name: str) -> None:
    for issue in validate_field("Name", name):
        for ch in set(name) - set("Name"):
            if not ch.isalnum():
                assert f"'{ch}'" not in issue.message
        assert "position" in issue.message


async def test_paste_into_a_tag_value_is_held_too(tmp_path: Path) -> None:
    calls: list[str] = []
    app = SmtuiApp(_settings(tmp_path), cursor_blink=False, opener=_counting_opener(calls))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        app.goto("tags")
        await settle(pilot)
        field = app.screen.query_one("#tag-value", GuardedInput)
        field.focus()
        await pilot.pause()
        app.post_message(events.Paste(PASTED))
        await wait_until(pilot, lambda: isinstance(app.screen, PasteConfirmScreen), "the paste question")
        await pilot.pause()
        assert "Pasted text in Tag value" in str(app.screen.query_one("#paste-title").render())
        assert field.value == "" and PASTED not in str(app.draft.tags)
        await pilot.press("escape")
        await settle(pilot)
        assert field.value == "" and not field.holding
