"""Helpers that drive the wizard through Textual's Pilot, step by step, the way a person would with the keyboard.

Marker values are fixed so the safety tests can look for them everywhere they must not be.
"""

from __future__ import annotations

from textual import events
from textual.pilot import Pilot
from textual.widgets import Input, RadioButton
from textual.worker import WorkerState

from smtui.app import SmtuiApp
from tests.waiting import wait_until

MARKER = "Zq9-wizard-marker-7f3a"  # the secret value typed in pilot tests
MARKER_MULTILINE = "-----BEGIN PRIVATE KEY-----\nZq9mK1wizardPEMmarkerLine\n-----END PRIVATE KEY-----\n"
ALL_MARKERS = (
    MARKER,
    "Zq9mK1wizardPEMmarkerLine",
    "Zq9-snap-marker-c41d",
    "Zq9-tmux-marker-55e0",
    "Zq9-submission-policy-marker",  # tests/unit/test_submission_policy.py
)

Wizard = Pilot[int]


def target_decided(app: SmtuiApp) -> bool:
    """The target is open and its identity answered, or opening it failed: the target line is final."""
    return app.backend_error is not None or (
        app.backend is not None and (app.identity is not None or app.identity_error is not None)
    )


async def settle(pilot: Wizard) -> None:
    """Wait until the target is decided, no worker runs and the screen caught up (never sleep in tests).

    A worker may start while another's answer is handled (the Result screen's replication poll starts when
    the create's answer arrives), so this repeats until a pass finds no worker left.
    """
    app = pilot.app
    if isinstance(app, SmtuiApp):
        await wait_until(pilot, lambda: target_decided(app), "the target to open (or fail)")
    for _ in range(100):
        await pilot.pause()
        if not any(worker.state in (WorkerState.PENDING, WorkerState.RUNNING) for worker in app.workers):
            break
        await app.workers.wait_for_complete()
    await pilot.pause()


def shown_text(pilot: Wizard, selector: str) -> str:
    return str(pilot.app.screen.query_one(selector).render())


async def wait_for_name_check(pilot: Wizard) -> str:
    """Wait for the Name step's answer from the target (free, taken, scheduled, or could not check)."""

    def answered() -> bool:
        text = shown_text(pilot, "#name-status")
        return bool(text.strip()) and "Checking" not in text

    await wait_until(pilot, answered, "the name check's answer")
    await settle(pilot)
    return shown_text(pilot, "#name-status")


async def wait_for_replicas_settled(pilot: Wizard) -> None:
    """Wait until the Result screen's replication table shows every region InSync or Failed."""
    from textual.widgets import DataTable

    def settled() -> bool:
        table = pilot.app.screen.query_one("#replication", DataTable)
        rows = [table.get_row_at(i) for i in range(table.row_count)]
        return bool(rows) and all(("InSync" in str(row[1])) or ("Failed" in str(row[1])) for row in rows)

    await wait_until(pilot, settled, "every replica InSync or Failed")
    await settle(pilot)


def app_of(pilot: Wizard) -> SmtuiApp:
    assert isinstance(pilot.app, SmtuiApp)
    return pilot.app


def step(pilot: Wizard) -> str:
    return str(getattr(pilot.app.screen, "STEP", type(pilot.app.screen).__name__))


async def next_step(pilot: Wizard, expect: str | None = None) -> None:
    await pilot.press("ctrl+n")
    await settle(pilot)
    if expect is not None:
        assert step(pilot) == expect, f"expected step {expect}, on {step(pilot)}"


async def type_into(pilot: Wizard, selector: str, text: str, *, keys: bool = False) -> None:
    """Focus the field and enter `text`: as key presses with `keys=True`, else as one edit (fast: each key
    press costs a full refresh, and the ordinary fields need no key-level realism)."""
    widget = pilot.app.screen.query_one(selector, Input)
    widget.focus()
    widget.value = ""
    if keys:
        await pilot.press(*text)
    else:
        widget.insert_text_at_cursor(text)
    await pilot.pause()


async def enter_value(pilot: Wizard, value: str, *, keys: bool = False) -> None:
    """The Value step through its real masked widgets: one line typed twice, or a multi-line block pasted."""
    assert step(pilot) == "value"
    if "\n" in value:
        pilot.app.screen.query_one("#pick-multiline", RadioButton).value = True
        await pilot.pause()
        pilot.app.post_message(events.Paste(value))  # routed to the focused PasteBox, as a terminal paste is
        await pilot.pause()
    else:
        await type_into(pilot, "#single-value", value, keys=keys)
        await type_into(pilot, "#single-confirm", value, keys=keys)
    assert_not_on_screen(pilot, value)
    await next_step(pilot, "encryption")


def assert_not_on_screen(pilot: Wizard, value: str) -> None:
    """Neither the value nor any of its lines is in what the terminal shows."""
    picture = pilot.app.export_screenshot()
    for part in [value, *value.splitlines()]:
        if len(part) >= 8:  # PEM armour lines are not secret; the marker lines are longer than that
            assert part.startswith("-----") or part not in picture, "the value is on the screen"


async def walk_to_review(
    pilot: Wizard,
    *,
    name: str,
    value: str = MARKER,
    tags: tuple[tuple[str, str], ...] = (),
    regions: tuple[str, ...] = (),
    keys: bool = False,
) -> None:
    """Target → Name → Value → Encryption (default) → Tags → Replicas → Resource permissions (none) → Review."""
    await settle(pilot)
    assert step(pilot) == "target"
    await next_step(pilot, "name")
    await type_into(pilot, "#name", name, keys=keys)
    await settle(pilot)
    await next_step(pilot, "value")
    await enter_value(pilot, value, keys=keys)
    await next_step(pilot, "tags")
    for key, tag_value in tags:
        await type_into(pilot, "#tag-key", key)
        await pilot.press("enter")
        await type_into(pilot, "#tag-value", tag_value)
        await pilot.press("enter")
        await pilot.pause()
    await next_step(pilot, "replicas")
    for region in regions:
        await type_into(pilot, "#region-filter", region)
        await pilot.press("enter", "space")
        await pilot.pause()
    await type_into(pilot, "#region-filter", "")
    await next_step(pilot, "permissions")  # no resource policy: the default
    await next_step(pilot, "review")
    assert_not_on_screen(pilot, value)
