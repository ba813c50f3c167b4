"""What the wizard knows about its target, as one immutable value the app replaces as a whole.

Why one value and not five attributes: the app holds it in a Textual reactive (`SmtuiApp.target_state`) that
every step screen watches. A watcher runs on the screen that registered it, whichever screen is on top, so an
update that arrives while a modal (help, quit) covers the step is not lost; and because backend, description,
error and identity change together, no watcher ever sees a half-updated target.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from smtui.backends.base import Backend
    from smtui.errors import SmtuiError
    from smtui.model import Identity


@dataclass(frozen=True, eq=False)
class TargetState:
    """`backend` is None while the target opens (and after it failed: then `error` says why).

    `generation` counts the opens: an answer from an older open is stale and is closed, never shown. Compared
    by identity (eq=False): every replacement is a change the watchers must see.
    """

    generation: int = 0
    backend: Backend | None = None
    description: str = ""  # backend.describe_target(), made off the UI thread
    error: SmtuiError | None = None
    identity: Identity | None = None
    identity_error: SmtuiError | None = None
