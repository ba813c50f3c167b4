"""The wizard's state and what a new user trips over: updates under a modal, backends closed when replaced,
focus that lands on a control, Ctrl+Q that asks exactly when something would be lost, Review's jumps, and
the result printed on exit.

The local store here is the real one (SQLite, a key file); the fixed target (fixed_target.py) is used where a
test needs an answer it controls: a target that opens only when the test says so, or one that cannot be used.
"""

from __future__ import annotations

import json
import threading

from textual.containers import ScrollableContainer
from textual.widgets import Button, RadioButton

from smtui.app import SmtuiApp, render_results
from smtui.backends.local.store import open_handles
from smtui.errors import EXIT_OK, ConfigurationError
from smtui.output import OutputOptions
from smtui.routing import STEPS
from smtui.screens.choices import OFF, ON
from smtui.settings import TargetSettings
from tests.ui.fixed_target import FixedTarget
from tests.ui.scenes import SNAP_MARKER, make_app
from tests.ui.wizard_driver import settle, shown_text, step, type_into, wait_for_replicas_settled
from tests.waiting import wait_until

SIZE = (80, 24)


# --- state under a modal, and backends closed -----------------------------------------------------------------


async def test_a_target_opened_while_help_is_open_reaches_the_step_below() -> None:
    """F1 while the target opens: the Target step must not say "Opening the target…" forever."""
    gate = threading.Event()

    def opener(settings: TargetSettings) -> FixedTarget:
        assert gate.wait(60), "the test never let the target open"
        return FixedTarget(settings)

    app = SmtuiApp(TargetSettings(backend="local"), cursor_blink=False, opener=opener)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("f1")
        await wait_until(pilot, lambda: type(app.screen).__name__ == "HelpScreen", "the help screen")
        gate.set()  # the target opens while the help covers the step
        await wait_until(pilot, lambda: app.identity is not None, "the target and its identity")
        target_screen = app.screen_stack[0]
        details = str(target_screen.query_one("#target-details").render())
        assert "Opening the target" not in details and "local store at" in details
        assert "account 111122223333" in str(target_screen.query_one("StepHeader").render())
        await pilot.press("escape")
        await settle(pilot)
        assert step(pilot) == "target" and "local store at" in shown_text(pilot, "#target-details")


async def test_switching_the_target_three_times_closes_every_replaced_backend(local_settings: TargetSettings) -> None:
    """Three region changes on the real local store: one handle on the store at a time, none at exit."""
    store = local_settings.store
    assert store is not None
    app = SmtuiApp(local_settings, cursor_blink=False)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert open_handles(store) == 1
        for region in ("eu-west-1", "eu-central-1", "ap-southeast-2"):
            await type_into(pilot, "#target-region", region)
            await pilot.press("enter")  # a new region: the target is opened again
            await wait_until(
                pilot,
                lambda r=region: app.backend is not None and app.backend.region == r,  # type: ignore[misc]
                f"the store opened in {region}",
            )
            await settle(pilot)
            assert open_handles(store) == 1, "a replaced backend was left open"
        assert step(pilot) == "target"
    assert open_handles(store) == 0, "the app left the store open at exit"


class _Unusable(FixedTarget):
    """Opens, then cannot describe itself (as a local store whose keyring is locked)."""

    closed = 0

    def describe_target(self) -> str:
        raise ConfigurationError("The keyring is locked.")

    def close(self) -> None:
        type(self).closed += 1


async def test_a_backend_that_fails_after_opening_is_closed() -> None:
    _Unusable.closed = 0
    app = SmtuiApp(TargetSettings(backend="local"), cursor_blink=False, opener=_Unusable)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert app.backend is None and app.backend_error is not None
        assert "keyring is locked" in shown_text(pilot, "#target-details")
        assert _Unusable.closed == 1


class _Slow(FixedTarget):
    """The first open: answers only when the test lets it, after a newer open has already answered."""

    closed = 0

    @property
    def region(self) -> str:
        return "eu-west-1"

    def close(self) -> None:
        type(self).closed += 1


async def test_an_answer_to_an_older_open_is_closed_and_not_shown() -> None:
    _Slow.closed = 0
    gate, calls = threading.Event(), []

    def opener(settings: TargetSettings) -> FixedTarget:
        calls.append(settings)
        if len(calls) == 1:
            assert gate.wait(60), "the test never let the first open answer"
            return _Slow(settings)
        return FixedTarget(settings)

    app = SmtuiApp(TargetSettings(backend="local"), cursor_blink=False, opener=opener)
    async with app.run_test(size=SIZE) as pilot:
        await wait_until(pilot, lambda: len(calls) == 1, "the first open to start")
        app.open_backend()  # a newer open (as a region change does), answered at once
        await wait_until(pilot, lambda: app.identity is not None, "the newer open's answer")
        gate.set()
        await wait_until(pilot, lambda: _Slow.closed == 1, "the older answer to be closed")
        await settle(pilot)
        assert app.backend is not None and app.backend.region == "us-east-1"
        assert "eu-west-1" not in shown_text(pilot, "#target-details")


# --- focus and choice ------------------------------------------------------------------------------------------


async def test_every_step_focuses_a_control_and_has_no_invisible_tab_stop() -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        app.draft.set_string_value(SNAP_MARKER, "typed")
        for step_id in (entry.id for entry in STEPS):
            if step_id != "target":
                app.goto(step_id)
                await settle(pilot)
            body = app.screen.query_one("#step-body")
            assert body.can_focus is False, step_id
            assert app.focused is not None and app.focused is not body, (step_id, app.focused)
            chain = app.screen.focus_chain
            assert body not in chain, step_id
            assert not any(type(w) is ScrollableContainer for w in chain), step_id
        app.goto("review")
        await settle(pilot)
        await pilot.press("ctrl+n")  # the result screen: its body is no Tab stop either, nor the table
        await wait_for_replicas_settled(pilot)
        chain = app.screen.focus_chain
        assert app.screen.query_one("#step-body") not in chain
        assert app.screen.query_one("#replication") not in chain
        assert isinstance(app.focused, Button)


async def test_the_keyboard_still_scrolls_the_step_body() -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        app.draft.set_string_value(SNAP_MARKER, "typed")
        app.goto("review")  # longer than 24 lines
        await settle(pilot)
        body = app.screen.query_one("#step-body")
        assert isinstance(app.focused, Button) and body.scroll_y == 0
        await pilot.press("pagedown")
        await wait_until(pilot, lambda: body.scroll_y > 0, "the body to scroll")


async def test_a_focused_button_is_shown_by_more_than_colour() -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        app.draft.set_string_value(SNAP_MARKER, "typed")
        app.goto("review")
        await settle(pilot)
        button = app.screen.query_one("#submit", Button)
        assert app.focused is button
        style = button.styles.text_style
        assert style.reverse and style.bold and style.underline


async def test_the_radio_highlight_starts_on_the_choice_and_the_choice_has_its_own_marker() -> None:
    app = make_app()  # the fixed target is the local store
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        local, aws = (app.screen.query_one(f"#kind-{kind}", RadioButton) for kind in ("local", "aws"))
        assert local.value and not aws.value
        assert local.has_class("-selected") and not aws.has_class("-selected")
        assert ON in str(local.render()) and OFF in str(aws.render())
        assert ON not in str(aws.render())


# --- Ctrl+Q asks exactly when something would be lost ----------------------------------------------------------


async def test_ctrl_q_on_an_untouched_first_screen_quits_at_once(local_settings: TargetSettings) -> None:
    app = SmtuiApp(local_settings, cursor_blink=False)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+q")
        await pilot.pause()
        assert type(app.screen).__name__ != "ConfirmQuitScreen"
    assert app.return_value == EXIT_OK


async def test_ctrl_q_asks_when_a_name_is_typed_but_not_yet_saved(local_settings: TargetSettings) -> None:
    app = SmtuiApp(local_settings, cursor_blink=False)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        app.goto("name")
        await settle(pilot)
        await type_into(pilot, "#name", "typed/not-saved")
        await pilot.press("ctrl+q")
        await wait_until(pilot, lambda: type(app.screen).__name__ == "ConfirmQuitScreen", "the quit question")
        await pilot.press("n")
        await pilot.pause()
        assert step(pilot) == "name"


async def test_ctrl_q_asks_after_create_another_once_a_new_value_is_typed() -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        app.draft.set_string_value(SNAP_MARKER, "typed")
        app.goto("review")
        await settle(pilot)
        await pilot.press("ctrl+n")
        await wait_for_replicas_settled(pilot)
        await pilot.press("n")  # create another: the same settings, no name, no value
        await settle(pilot)
        assert step(pilot) == "name"
        app.goto("value")
        await settle(pilot)
        await type_into(pilot, "#single-value", "Zq9-second-value-not-saved")
        await pilot.press("ctrl+q")
        await wait_until(pilot, lambda: type(app.screen).__name__ == "ConfirmQuitScreen", "the quit question")
        await pilot.press("y")
        await pilot.pause()
    assert app.return_value == EXIT_OK  # a secret was created: a normal end


async def test_q_on_the_result_screen_quits_at_once() -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        app.draft.set_string_value(SNAP_MARKER, "typed")
        app.goto("review")
        await settle(pilot)
        await pilot.press("ctrl+n")
        await wait_for_replicas_settled(pilot)
        await pilot.press("q")
        await pilot.pause()
        assert type(app.screen).__name__ != "ConfirmQuitScreen"
    assert app.return_value == EXIT_OK


async def test_ctrl_q_after_create_another_with_nothing_new_quits_at_once() -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        app.draft.set_string_value(SNAP_MARKER, "typed")
        app.goto("review")
        await settle(pilot)
        await pilot.press("ctrl+n")
        await wait_for_replicas_settled(pilot)
        await pilot.press("n")
        await settle(pilot)
        await pilot.press("ctrl+q")
        await pilot.pause()
        assert type(app.screen).__name__ != "ConfirmQuitScreen"
    assert app.return_value == EXIT_OK


# --- Review's jumps, the result printed ------------------------------------------------------------------------


async def test_next_after_a_jump_from_review_returns_to_review() -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        app.draft.set_string_value(SNAP_MARKER, "typed")
        app.goto("review")
        await settle(pilot)
        await pilot.press("2")  # jump to Name
        await settle(pilot)
        assert step(pilot) == "name"
        await type_into(pilot, "#name", "prod/payments/renamed")
        await pilot.press("ctrl+n")
        await settle(pilot)
        assert step(pilot) == "review"
        assert app.draft.name == "prod/payments/renamed"
        await pilot.press("4")  # Encryption, then Back to Value, then Next twice: still back to Review
        await settle(pilot)
        await pilot.press("ctrl+n")
        await settle(pilot)
        assert step(pilot) == "review"


async def test_the_result_printed_on_exit_is_the_last_state_shown() -> None:
    app = make_app()  # two replicas: InProgress in the create's answer, InSync once polled
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        app.draft.set_string_value(SNAP_MARKER, "typed")
        app.goto("review")
        await settle(pilot)
        await pilot.press("ctrl+n")
        await wait_for_replicas_settled(pilot)
    printed = json.loads(render_results(app.results, OutputOptions()))
    assert [r["Status"] for r in printed["ReplicationStatus"]] == ["InSync", "InSync"]
