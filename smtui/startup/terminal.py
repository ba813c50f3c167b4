"""The wizard draws on the terminal, and only there, whatever stdout and stderr were redirected to.

Why: Textual's Linux driver writes the whole UI to `sys.__stderr__` and sizes it from `sys.__stdout__`
(shutil.get_terminal_size). So `smtui 2>file` wrote every frame into the file (a revealed value included), and
`smtui > result.json` — which the README recommends, to keep the CreateSecret result — drew at a fixed 80x24
with leftovers. During the wizard, smtui points both of those at the terminal instead:

- the terminal is the controlling terminal (`/dev/tty`), else the terminal that stderr or stdin is;
- `sys.__stderr__` (where Textual draws) and `sys.__stdout__` (what it sizes from, SIGWINCH included) are a
  stream on that terminal while the wizard runs, and are put back when it ends;
- `sys.stdout` and `sys.stderr` are left alone: the result printed on exit still goes to stdout, so
  `smtui > result.json` holds only the JSON, and errors after the wizard still reach stderr.

No terminal at all: refused with exit 252 and plain words (`NoTerminal`), like the wizard's other
"needs a terminal" refusal — the fix is another invocation (`smtui create-secret ...`), not a setting.
"""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Iterator
from typing import IO

from smtui.errors import ParameterError

NO_TERMINAL = (
    "the wizard draws only on a terminal, and this process has none (no /dev/tty, and neither "
    "standard input nor standard error is one). In scripts use smtui create-secret ... (see smtui "
    "help create-secret)."
)


class NoTerminal(ParameterError):
    """No terminal to draw the wizard on (exit 252)."""


def _is_tty(stream: IO[str] | None) -> bool:
    try:
        return stream is not None and stream.isatty()
    except (AttributeError, ValueError, OSError):
        return False


def _open_terminal() -> int | None:
    """A descriptor open for writing on this process's terminal, or None."""
    candidates: list[str] = ["/dev/tty"]
    for fd in (2, 0):
        with contextlib.suppress(OSError):
            if os.isatty(fd):
                candidates.append(os.ttyname(fd))
    for path in candidates:
        try:
            return os.open(path, os.O_WRONLY | os.O_NOCTTY | os.O_CLOEXEC)
        except OSError:
            continue
    return None


@contextlib.contextmanager
def wizard_terminal() -> Iterator[None]:
    """Run the block (the wizard) with Textual drawing on, and sized from, the terminal (module docstring)."""
    out_ok, err_ok = _is_tty(sys.__stdout__), _is_tty(sys.__stderr__)
    if out_ok and err_ok:
        yield
        return
    fd = _open_terminal()
    if fd is None:
        raise NoTerminal(NO_TERMINAL)
    with open(fd, "w", encoding="utf-8", errors="replace", closefd=True) as terminal:
        saved = sys.__stdout__, sys.__stderr__
        try:
            if not out_ok:
                sys.__stdout__ = terminal  # type: ignore[misc]  # what Textual sizes the screen from
            if not err_ok:
                sys.__stderr__ = terminal  # type: ignore[misc]  # where Textual draws
            yield
        finally:
            sys.__stdout__, sys.__stderr__ = saved  # type: ignore[misc]
