"""Keys and pastes take effect in the order they arrive, even when they arrive in one burst.

Why this exists: Textual's App forwards every key from the terminal to the widget focused *at that moment*
by posting it to that widget's queue, and returns at once for the next key. A Tab or Enter is not handled by
the field: it bubbles up the DOM (one queue per node) and reaches the App's bindings (focus_next) only after
the App has already forwarded the keys that followed it, to the field that still had focus. A burst such as
a password manager's auto-type or `tmux send-keys 'user' Tab 'pw'` therefore typed `userpw` into the
clear-text key field of the key/value form, and `key1val1` into a tag's key.

The fix is app-wide and does not depend on any widget: a key (or paste) from the terminal is held until the
one before it has been handled all the way — by the focused widget, every ancestor it bubbled through, and
the App's own bindings. "Handled" is known without timing: a marker callback is posted to each node of the
focus chain in turn, after the key; a queue runs in order, so the marker runs only once that node is done
with the key (and has passed it on to its parent, if it bubbles). A node that closes meanwhile (a step that
Enter replaced) is skipped. The cost is a few queue hops per key, far below a person's typing speed.
"""

from __future__ import annotations

import asyncio
from collections import deque

from textual import events
from textual.app import App
from textual.dom import DOMNode
from textual.message_pump import MessagePump

_POLL = 0.05  # only to notice a node that closed with our marker still queued, never to wait for work


class InOrderKeysApp(App[int]):
    """An App whose keyboard input (keys and pastes) is handled strictly one event after another."""

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self._held: deque[events.Key | events.Paste] = deque()
        self._released: set[int] = set()  # ids of events let through to Textual's own handling
        self._released_to: DOMNode | None = None
        self._sequencer: asyncio.Task[None] | None = None

    async def on_event(self, event: events.Event) -> None:
        if isinstance(event, (events.Key, events.Paste)) and not event.is_forwarded:
            if id(event) in self._released:
                self._released.discard(id(event))
                self._released_to = self.focused or self.screen  # where App.on_event forwards it
                await super().on_event(event)
                return
            self._held.append(event)
            if self._sequencer is None or self._sequencer.done():
                self._sequencer = asyncio.create_task(self._release_in_order())
            return
        await super().on_event(event)

    def keys_in_flight(self) -> bool:
        """True while a key or paste that has arrived is not yet wholly handled (held, or being released).

        Pilot waits for the screen's queues only; a test harness asks this too before it reads the state.
        """
        return bool(self._held) or (self._sequencer is not None and not self._sequencer.done())

    async def _release_in_order(self) -> None:
        """Let one held event through, wait until the whole focus chain has handled it, then the next."""
        while self._held and self.is_running:
            event = self._held.popleft()
            self._released.add(id(event))
            self._released_to = None
            if not self.post_message(event):
                self._released.discard(id(event))
                return
            await _drained(self)  # the App forwarded it (or a priority binding took it)
            target = self._released_to
            if target is None:
                continue
            for node in target.ancestors_with_self:  # the widget, its containers, the screen, the App
                await _drained(node)

    async def _on_unmount(self) -> None:
        if self._sequencer is not None:
            self._sequencer.cancel()
        self._held.clear()


async def _drained(node: MessagePump) -> None:
    """Return once `node` has handled every message queued before this call (or has closed)."""
    done = asyncio.Event()
    if not node.call_later(done.set):
        return
    while not done.is_set():
        if not node.is_running or node._closing or node._closed:
            return
        try:
            await asyncio.wait_for(done.wait(), _POLL)
        except TimeoutError:
            continue
