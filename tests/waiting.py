"""Waiting for a state, never for a length of time: the one polling helper of the suite.

A test that sleeps a fixed time and then asserts is flaky on a loaded machine (the app's own timers, a
subprocess, a terminal all run late there) and slow on an idle one. Every wait in the suite instead polls the
state it needs and fails, naming what it waited for, only when a time budget runs out. The budget is time, not
a number of polls, because a loaded machine stretches the time a poll takes; it is generous because only a
failing test ever spends it.

`wait_for` is for threads and processes (it sleeps between polls); `wait_until` is for Textual's Pilot (it
yields to the app's event loop between polls, so the app can reach the state).
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypeVar

if TYPE_CHECKING:  # only for the annotations: the helper imports nothing heavy (benchmarks use it too)
    import subprocess

    from textual.pilot import Pilot

BUDGET = 60.0
"""Seconds a wait may take before the test fails."""

INTERVAL = 0.02
"""Seconds between two polls: short next to the states waited for, long enough not to steal a core."""

T = TypeVar("T")


def wait_for(
    condition: Callable[[], T],
    what: str,
    *,
    budget: float = BUDGET,
    interval: float = INTERVAL,
    detail: Callable[[], object] | None = None,
    process: subprocess.Popen[Any] | None = None,
) -> T:
    """Poll `condition()` until it returns a true value, and return that value.

    Fails with an AssertionError naming `what` (and `detail()`, e.g. the screen so far) once `budget` seconds
    have passed, or at once when `process` has exited without the state being reached (nothing will change
    any more); the condition may also raise to give up early.
    """
    end = time.monotonic() + budget
    while True:
        value = condition()
        if value:
            return value
        if process is not None and process.poll() is not None:
            raise AssertionError(f"the process exited ({process.returncode}) before {what}{_seen(detail)}")
        if time.monotonic() > end:
            raise AssertionError(f"timed out after {budget:g} s waiting for {what}{_seen(detail)}")
        time.sleep(interval)


def _seen(detail: Callable[[], object] | None) -> str:
    """What the failure message adds (asked for only on failure: it may be costly, e.g. a whole screen)."""
    return f"; {detail()}" if detail else ""


async def wait_until(
    pilot: Pilot[Any],
    condition: Callable[[], object],
    what: str = "the state the test expects",
    *,
    budget: float = BUDGET,
    interval: float = INTERVAL,
) -> None:
    """Let the app run until `condition()` holds (then one more pause, so the screen has caught up).

    Fails with an AssertionError naming `what` once `budget` seconds have passed.
    """
    end = time.monotonic() + budget
    while not condition():
        if time.monotonic() > end:
            raise AssertionError(f"timed out after {budget:g} s waiting for {what}")
        await pilot.pause(interval)
    await pilot.pause()
